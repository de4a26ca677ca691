// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

#include "daemon/async/Awaitables.h"
#include "daemon/async/Task.h"
#include "daemon/zfs/ZfsClient.h"

namespace Endpoint {

// One replication step as the sending side sees it: `to` alone for a full send, `from` → `to` for an incremental
// one, or a resume token that continues an interrupted step.
struct SendArgs
{
    QString filesystem;
    std::optional<Zfs::FilesystemVersion> from;
    Zfs::FilesystemVersion to;
    QString resumeToken;
    bool encrypted = false;  // raw send (-w)
};

// What the receiving side knows about one of the sender's filesystems.
struct ReceiverFilesystem
{
    Zfs::DatasetPath localPath;
    bool exists = false;
    bool placeholder = false;  // created by us to hold children (zrepl:placeholder=on)
    QString resumeToken;  // receive_resume_token of an interrupted receive, "" if none
};

// Where one step's stream goes on the receiving side; `filesystem` is the sender's path.
struct ReceiveArgs
{
    QString filesystem;
    bool overwritePlaceholder = false;  // a full stream replaces a placeholder (-F)
};

// How the stream of one step went, from both sides.
struct StreamOutcome
{
    QString senderError;  // empty: `zfs send` (or the remote sender) finished cleanly
    QString receiverError;
    bool temporary = false;  // a retry may succeed: a cut stream (resumable), a lost connection, a timeout
    bool connectionLost = false;  // the transport to the other side broke
    qint64 bytes = 0;

    bool ok() const { return senderError.isEmpty() && receiverError.isEmpty(); }
};

using Progress = std::function<void(qint64 bytes)>;
using VersionMap = QHash<QString, QList<Zfs::FilesystemVersion>>;

// The sending side of a replication as the active side drives it (zrepl's endpoint.Sender behind its RPC
// interface): in this daemon (Sender) or at the other end of a transport (RemoteSender).
class SenderEndpoint
{
public:
    virtual ~SenderEndpoint() = default;

    // The job whose replication cursors count (zrepl's job id of the sending job).
    virtual QString jobId() const = 0;
    virtual bool encrypted() const = 0;
    // The filesystem on this daemon's pools that a step of `senderFilesystem` uses; nullopt for a remote side.
    virtual std::optional<QString> localFilesystem(const QString &senderFilesystem) const
    {
        Q_UNUSED(senderFilesystem);
        return std::nullopt;
    }
    // The matching filesystems, with their `encryption` property where ZFS has one.
    virtual Async::Task<Zfs::Result<QList<Zfs::Dataset>>> listFilesystems() = 0;
    virtual Async::Task<Zfs::Result<VersionMap>> listVersions(QList<Zfs::DatasetPath> filesystems) = 0;
    // zrepl's prepare phase: idempotent, so a retried step reuses what an earlier attempt (or a crash) left.
    virtual Async::Task<Zfs::ZfsError> prepareStep(SendArgs args) = 0;
    // `zfs send -nvP`: the stream size, or nullopt where ZFS cannot tell (zfs-fuse, an error).
    virtual Async::Task<std::optional<qint64>> sizeEstimate(SendArgs args) = 0;
    // After the receiver has `to`: cursor to `to`, older cursors of this job gone, step holds released.
    virtual Async::Task<Zfs::ZfsError> stepCompleted(SendArgs args) = 0;
    // A sender in this daemon: the `zfs send` process of the step, which the receiving side runs as it needs.
    virtual std::optional<Async::ProcessSpec> sendProcess(const SendArgs &args) const = 0;
    // A remote sender: sends the step's stream into `consumer` (this daemon's `zfs recv`).
    virtual Async::Task<StreamOutcome> sendInto(SendArgs args, Async::ProcessSpec consumer, Progress progress) = 0;

    // This job's most recent replication cursor among `versions` (zrepl v2 cursors: #zrepl_CURSOR_G_<guid>_J_<job>).
    std::optional<Zfs::FilesystemVersion> replicationCursor(const QList<Zfs::FilesystemVersion> &versions) const;
};

// The receiving side (zrepl's endpoint.Receiver), addressed by the sender's paths; it maps them below its root.
class ReceiverEndpoint
{
public:
    virtual ~ReceiverEndpoint() = default;

    // The filesystem on this daemon's pools that receives `senderFilesystem`, and the job that owns it; nullopt
    // for a remote side.
    virtual std::optional<QString> localFilesystem(const QString &senderFilesystem) const
    {
        Q_UNUSED(senderFilesystem);
        return std::nullopt;
    }
    virtual QString localJob() const { return {}; }

    // Keyed by the sender's path.
    virtual Async::Task<Zfs::Result<QHash<QString, ReceiverFilesystem>>> listFilesystems(QList<Zfs::DatasetPath> senderPaths) = 0;
    // Keyed by the sender's path; only for filesystems that exist on the receiver.
    virtual Async::Task<Zfs::Result<VersionMap>> listVersions(QList<Zfs::DatasetPath> senderPaths) = 0;
    // Creates every missing ancestor of the filesystem's local path below (and including) the root as a placeholder.
    virtual Async::Task<Zfs::ZfsError> ensureParents(QString senderFilesystem) = 0;
    // A receiver in this daemon: the `zfs recv` process for the step.
    virtual Async::Task<std::optional<Async::ProcessSpec>> receiveProcess(ReceiveArgs args) = 0;
    // A remote receiver: receives the stream that `producer` (this daemon's `zfs send`) writes.
    virtual Async::Task<StreamOutcome> receiveFrom(ReceiveArgs args, Async::ProcessSpec producer, Progress progress) = 0;
    // After the stream: checks that `to` arrived with its guid, and moves the last-received hold to it. Empty on
    // success, else the error for the report.
    virtual Async::Task<QString> receiveCompleted(QString senderFilesystem, Zfs::FilesystemVersion to) = 0;
};

// What pruning needs of one side: its filesystems with their snapshots, and destroying some of them.
struct PruneFilesystem
{
    QString name;
    bool placeholder = false;
    QList<Zfs::FilesystemVersion> snapshots;
};

class PruneTarget
{
public:
    virtual ~PruneTarget() = default;
    virtual Async::Task<Zfs::Result<QList<PruneFilesystem>>> listForPruning() = 0;
    virtual Async::Task<Zfs::DestroyOutcome> destroySnapshots(QString filesystem, QStringList names) = 0;
    // This daemon's pools (the running steps registry applies to them), not a remote side's.
    virtual bool isLocal() const { return false; }
    // The holds on these snapshots (full names) where the target can list them, to say which hold keeps a
    // snapshot; empty where it cannot.
    virtual Async::Task<QList<Zfs::Hold>> holdsOf(QStringList snapshots)
    {
        Q_UNUSED(snapshots);
        co_return QList<Zfs::Hold>{};
    }
};

}  // namespace Endpoint

namespace Endpoint {

// A `zfs` invocation as a process of its own, run the way `command` runs zfs (binary, environment, timeout).
Async::ProcessSpec zfsProcess(const Zfs::ZfsCommand &command, QStringList arguments);
// The last lines of a failed process's stderr, or why it did not run.
QString processFailure(const Async::ProcessResult &result);
// `producer | consumer` in this daemon (spliced, see Async::runPipeline), as a step's stream outcome.
Async::Task<StreamOutcome> runLocalStream(Async::ProcessSpec producer, Async::ProcessSpec consumer, Progress progress);

}  // namespace Endpoint
