// SPDX-License-Identifier: MIT
#pragma once

#include <functional>

#include <QHash>
#include <QString>
#include <QStringList>

#include "daemon/async/Task.h"
#include "daemon/endpoint/Endpoints.h"
#include "daemon/zfs/ZfsClient.h"

namespace Endpoint {

// The receiving side (zrepl's endpoint.Receiver): receives into `root` (root_fs/<client identity>) under the
// sender's full path, creates missing parents as placeholders, receives resumably (-s) where the pool can, and
// keeps the last received snapshot held (zrepl_last_received_J_<job>) so that the next incremental step always
// has its base.
class Receiver final : public ReceiverEndpoint
{
public:
    Receiver(Zfs::ZfsClient &zfs, Zfs::DatasetPath root, QString jobId);

    static inline const QString PlaceholderProperty = QStringLiteral("zrepl:placeholder");

    Zfs::DatasetPath localPath(const Zfs::DatasetPath &senderPath) const { return m_root.joined(senderPath); }
    const Zfs::DatasetPath &root() const { return m_root; }
    std::optional<QString> localFilesystem(const QString &senderFilesystem) const override
    {
        return localPath(Zfs::DatasetPath::fromString(senderFilesystem)).toString();
    }
    QString localJob() const override { return m_jobId; }

    Async::Task<Zfs::Result<QHash<QString, ReceiverFilesystem>>> listFilesystems(QList<Zfs::DatasetPath> senderPaths) override;
    Async::Task<Zfs::Result<VersionMap>> listVersions(QList<Zfs::DatasetPath> senderPaths) override;
    Async::Task<Zfs::ZfsError> ensureParents(QString senderFilesystem) override;
    Async::Task<std::optional<Async::ProcessSpec>> receiveProcess(ReceiveArgs args) override;
    Async::Task<StreamOutcome> receiveFrom(ReceiveArgs args, Async::ProcessSpec producer, Progress progress) override;
    Async::Task<QString> receiveCompleted(QString senderFilesystem, Zfs::FilesystemVersion to) override;

    // A sender path a client names must stay below the root once mapped: a valid dataset path, no empty or
    // relative components. Empty if acceptable, else why not.
    static QString checkSenderPath(const QString &senderFilesystem);

    const QString &jobId() const { return m_jobId; }
    Zfs::ZfsClient &zfs() { return m_zfs; }

    // Told after every completed receive, with the versions of the receiving filesystem as listed to move the
    // last-received hold: a receiving job's freshness at no extra `zfs` process.
    using ReceivedObserver = std::function<void(const QString &localFilesystem, const QList<Zfs::FilesystemVersion> &versions,
                                                const QString &receivedName)>;
    void setReceivedObserver(ReceivedObserver observer) { m_receivedObserver = std::move(observer); }

private:
    Async::Task<QStringList> receiveArguments(Zfs::DatasetPath localPath, bool overwritePlaceholder);
    Async::Task<Zfs::ZfsError> moveLastReceivedHold(Zfs::DatasetPath localPath, QString toName);

    Zfs::ZfsClient &m_zfs;
    Zfs::DatasetPath m_root;
    QString m_jobId;
    ReceivedObserver m_receivedObserver;
};

}  // namespace Endpoint
