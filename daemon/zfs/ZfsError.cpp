// SPDX-License-Identifier: MIT
#include "daemon/zfs/ZfsError.h"

#include "daemon/async/Awaitables.h"

using namespace Qt::StringLiterals;

namespace Zfs {

ZfsError::Kind ZfsError::classify(QStringView text, int exitCode)
{
    struct Pattern
    {
        QStringView needle;
        Kind kind;
    };
    // Order matters: the more specific texts first. OpenZFS 2.x and zfs-fuse word these the same way, except where
    // noted; tests/conformance/README.md lists the differences seen on real OpenZFS 2.1 and 2.3.
    static const Pattern patterns[] = {
        {u"tag already exists on this dataset", Kind::HoldTagExists},
        {u"no such tag on this dataset", Kind::NoSuchHold},
        {u"does not match incremental source", Kind::IncrementalSourceMismatch},
        {u"has been modified since most recent snapshot", Kind::DestinationModified},
        {u"must specify -F to overwrite it", Kind::DestinationExists},
        {u"dataset is busy", Kind::Busy},
        // OpenZFS 2.3 names the reason of a held snapshot's refusal instead of "dataset is busy".
        {u"it's being held", Kind::Busy},
        {u"pool or dataset is busy", Kind::Busy},
        {u"dataset already exists", Kind::AlreadyExists},
        {u"bookmark exists", Kind::AlreadyExists},
        {u"dataset does not exist", Kind::NotFound},
        {u"could not find any snapshots to destroy", Kind::NotFound},
        {u"no such pool", Kind::NotFound},
        {u"does not exist", Kind::NotFound},  // "bookmark 'p/fs#b' does not exist."
        {u"permission denied", Kind::PermissionDenied},
        {u"failed to initialize ZFS library", Kind::Unavailable},
        {u"The ZFS modules are not loaded", Kind::Unavailable},
        {u"/dev/zfs", Kind::Unavailable},
        {u"invalid option", Kind::Unsupported},
        {u"unrecognized command", Kind::Unsupported},
    };
    // OpenZFS wraps some messages ("does not\nmatch incremental source"): compare on single-spaced text.
    const QString flat = text.toString().simplified();
    for (const Pattern &pattern : patterns) {
        if (flat.contains(pattern.needle, Qt::CaseInsensitive)) {
            return pattern.kind;
        }
    }
    if (exitCode == 2 && text.contains(u"usage:")) {
        return Kind::Unsupported;
    }
    return Kind::Other;
}

ZfsError ZfsError::fromProcess(const Async::ProcessResult &result, const QString &command)
{
    ZfsError error;
    error.command = command;
    error.exitCode = result.exitCode;
    error.stderrText = QString::fromUtf8(result.standardError).trimmed();
    if (!result.started) {
        error.kind = Kind::StartFailed;
        error.detail = result.startError;
        return error;
    }
    if (result.timedOut) {
        error.kind = Kind::Timeout;
        error.detail = u"timed out"_s;
        return error;
    }
    if (result.crashed) {
        error.kind = Kind::Crashed;
        error.detail = u"killed by a signal"_s;
        return error;
    }
    if (result.exitCode == 0) {
        return error;
    }
    error.kind = classify(error.stderrText, result.exitCode);
    return error;
}

QString ZfsError::toString() const
{
    switch (kind) {
    case Kind::None:
        return {};
    case Kind::StartFailed:
        return u"cannot run %1: %2"_s.arg(command.section(u' ', 0, 0), detail);
    case Kind::Timeout:
        return u"%1: timed out"_s.arg(command);
    case Kind::Crashed:
        return u"%1: killed by a signal"_s.arg(command);
    case Kind::Network:
    case Kind::Protocol:
        return detail;
    default:
        break;
    }
    // zrepl's ZFSError text, which its users know from their logs and status.
    return u"zfs exited with error: exit status %1\nstderr:\n%2\n"_s.arg(exitCode).arg(stderrText);
}

QString toString(ZfsError::Kind kind)
{
    switch (kind) {
    case ZfsError::Kind::None:
        return u"none"_s;
    case ZfsError::Kind::NotFound:
        return u"not found"_s;
    case ZfsError::Kind::AlreadyExists:
        return u"already exists"_s;
    case ZfsError::Kind::Busy:
        return u"busy"_s;
    case ZfsError::Kind::PermissionDenied:
        return u"permission denied"_s;
    case ZfsError::Kind::HoldTagExists:
        return u"hold tag exists"_s;
    case ZfsError::Kind::NoSuchHold:
        return u"no such hold"_s;
    case ZfsError::Kind::IncrementalSourceMismatch:
        return u"incremental source mismatch"_s;
    case ZfsError::Kind::DestinationExists:
        return u"destination exists"_s;
    case ZfsError::Kind::DestinationModified:
        return u"destination modified"_s;
    case ZfsError::Kind::Unavailable:
        return u"ZFS unavailable"_s;
    case ZfsError::Kind::Unsupported:
        return u"unsupported"_s;
    case ZfsError::Kind::Timeout:
        return u"timeout"_s;
    case ZfsError::Kind::StartFailed:
        return u"cannot start"_s;
    case ZfsError::Kind::Crashed:
        return u"crashed"_s;
    case ZfsError::Kind::Network:
        return u"network"_s;
    case ZfsError::Kind::Protocol:
        return u"protocol"_s;
    case ZfsError::Kind::Other:
        return u"error"_s;
    }
    return u"error"_s;
}

ZfsError::Kind kindFromString(QStringView name)
{
    for (int k = int(ZfsError::Kind::None); k <= int(ZfsError::Kind::Protocol); ++k) {
        if (toString(ZfsError::Kind(k)) == name) {
            return ZfsError::Kind(k);
        }
    }
    return ZfsError::Kind::Other;
}

}  // namespace Zfs
