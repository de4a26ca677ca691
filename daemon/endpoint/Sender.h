// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

#include "daemon/async/Task.h"
#include "daemon/zfs/DatasetFilter.h"
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

// The sending side of a replication (zrepl's endpoint.Sender): which filesystems it offers, and the hold-protected
// step: `to` (and `from`) are held with the job's step hold (a bookmark `from` gets a step bookmark) before the
// send, and after the receiver confirmed the step the replication cursor moves to `to` and the step holds go.
class Sender
{
public:
    Sender(Zfs::ZfsClient &zfs, Zfs::DatasetFilter filter, QString jobId, bool encrypted);

    // The matching filesystems, with their `encryption` property where ZFS has one.
    Async::Task<Zfs::Result<QList<Zfs::Dataset>>> listFilesystems();
    Async::Task<Zfs::Result<QHash<QString, QList<Zfs::FilesystemVersion>>>> listVersions(QList<Zfs::DatasetPath> filesystems);

    // zrepl's prepare phase: idempotent, so a retried step reuses what an earlier attempt (or a crash) left.
    Async::Task<Zfs::ZfsError> prepareStep(SendArgs args);
    // After the receiver has `to`: cursor to `to`, older cursors of this job gone, step holds released.
    Async::Task<Zfs::ZfsError> stepCompleted(SendArgs args);
    // `zfs send -nvP`: the stream size, or nullopt where ZFS cannot tell (zfs-fuse, an error).
    Async::Task<std::optional<qint64>> sizeEstimate(SendArgs args);
    // The arguments of `zfs` for the stream itself.
    QStringList sendArguments(const SendArgs &args) const;

    // This job's most recent replication cursor among `versions` (zrepl v2 cursors: #zrepl_CURSOR_G_<guid>_J_<job>).
    std::optional<Zfs::FilesystemVersion> replicationCursor(const QList<Zfs::FilesystemVersion> &versions) const;

    const QString &jobId() const { return m_jobId; }
    bool encrypted() const { return m_encrypted; }
    Zfs::ZfsClient &zfs() { return m_zfs; }

private:
    Async::Task<Zfs::ZfsError> holdVersion(QString filesystem, Zfs::FilesystemVersion version);
    Async::Task<Zfs::ZfsError> releaseVersion(QString filesystem, Zfs::FilesystemVersion version);
    Async::Task<Zfs::ZfsError> moveCursor(QString filesystem, Zfs::FilesystemVersion to);

    Zfs::ZfsClient &m_zfs;
    Zfs::DatasetFilter m_filter;
    QString m_jobId;
    bool m_encrypted = false;
};

}  // namespace Endpoint
