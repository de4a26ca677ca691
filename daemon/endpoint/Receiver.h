// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

#include "daemon/async/Task.h"
#include "daemon/zfs/ZfsClient.h"

namespace Endpoint {

// What the receiving side knows about one of the sender's filesystems.
struct ReceiverFilesystem
{
    Zfs::DatasetPath localPath;
    bool exists = false;
    bool placeholder = false;  // created by us to hold children (zrepl:placeholder=on)
    QString resumeToken;  // receive_resume_token of an interrupted receive, "" if none
};

// The receiving side (zrepl's endpoint.Receiver): receives into `root` (root_fs/<client identity>) under the
// sender's full path, creates missing parents as placeholders, receives resumably (-s) where the pool can, and
// keeps the last received snapshot held (zrepl_last_received_J_<job>) so that the next incremental step always
// has its base.
class Receiver
{
public:
    Receiver(Zfs::ZfsClient &zfs, Zfs::DatasetPath root, QString jobId);

    static inline const QString PlaceholderProperty = QStringLiteral("zrepl:placeholder");

    Zfs::DatasetPath localPath(const Zfs::DatasetPath &senderPath) const { return m_root.joined(senderPath); }
    const Zfs::DatasetPath &root() const { return m_root; }

    // Keyed by the sender's path.
    Async::Task<Zfs::Result<QHash<QString, ReceiverFilesystem>>> listFilesystems(QList<Zfs::DatasetPath> senderPaths);
    Async::Task<Zfs::Result<QHash<QString, QList<Zfs::FilesystemVersion>>>> listVersions(QList<Zfs::DatasetPath> localPaths);

    // Creates every missing ancestor of `localPath` below (and including) the root as a placeholder.
    Async::Task<Zfs::ZfsError> ensureParents(Zfs::DatasetPath localPath);
    // `zfs recv` arguments; `overwritePlaceholder` for a full stream into an existing placeholder.
    Async::Task<QStringList> receiveArguments(Zfs::DatasetPath localPath, bool overwritePlaceholder);
    // After `to` arrived: the last-received hold moves to it.
    Async::Task<Zfs::ZfsError> receiveCompleted(Zfs::DatasetPath localPath, QString toName);

    const QString &jobId() const { return m_jobId; }
    Zfs::ZfsClient &zfs() { return m_zfs; }

private:
    Zfs::ZfsClient &m_zfs;
    Zfs::DatasetPath m_root;
    QString m_jobId;
};

}  // namespace Endpoint
