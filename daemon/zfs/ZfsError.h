// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>

namespace Async {
struct ProcessResult;
}

namespace Zfs {

// What went wrong in one `zfs`/`zpool` invocation, classified from OpenZFS's (and zfs-fuse's) stderr so that
// callers can make operations idempotent: a snapshot that already exists, a destroyed snapshot that is already gone
// and a hold that is already held are results, not failures.
struct ZfsError
{
    enum class Kind
    {
        None,
        NotFound,  // "dataset does not exist", "could not find any snapshots to destroy"
        AlreadyExists,  // "dataset already exists"
        Busy,  // "dataset is busy" (held snapshot, mounted and in use, ...)
        PermissionDenied,
        HoldTagExists,  // "tag already exists on this dataset"
        NoSuchHold,  // "no such tag on this dataset"
        IncrementalSourceMismatch,  // "most recent snapshot of X does not match incremental source"
        DestinationExists,  // full receive into an existing dataset without -F
        DestinationModified,  // "destination X has been modified since most recent snapshot"
        Unavailable,  // the ZFS service cannot be reached (zfs-fuse not running, module not loaded)
        Unsupported,  // the binary does not know the subcommand or option (usage error, exit 2)
        Timeout,
        StartFailed,  // the binary could not be run at all
        Crashed,
        Other,
        // Not from zfs: the other side of a replication could not be reached or the connection broke (a retry may
        // succeed), or it refused what was asked (it will refuse again). `detail` says what happened.
        Network,
        Protocol,
    };

    Kind kind = Kind::None;
    QString command;  // "zfs destroy pool/fs@a,b": what ran, for the message
    int exitCode = 0;
    QString stderrText;  // trimmed
    QString detail;  // when not from stderr: the start error, the timeout

    bool ok() const { return kind == Kind::None; }
    bool is(Kind k) const { return kind == k; }
    // zrepl's wording where a user sees it: "zfs exited with error: exit status 1\nstderr:\n<stderr>\n".
    QString toString() const;

    static ZfsError fromProcess(const Async::ProcessResult &result, const QString &command);
    // Classification of an stderr text alone (used for each line of a batch's output as well).
    static Kind classify(QStringView stderrText, int exitCode);
};

QString toString(ZfsError::Kind kind);
// The inverse of toString(Kind), for errors that crossed the wire; unknown names give Other.
ZfsError::Kind kindFromString(QStringView name);

}  // namespace Zfs
