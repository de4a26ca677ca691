// SPDX-License-Identifier: MIT
#pragma once

#include "daemon/endpoint/Endpoints.h"
#include "daemon/rpc/RpcClient.h"

namespace Rpc {

// The passive side's endpoints as the active side sees them over a Client: each call is one RPC.

// A source (pull job's sender).
class RemoteSender final : public Endpoint::SenderEndpoint
{
public:
    explicit RemoteSender(Client &client);

    QString jobId() const override { return m_client.peer().jobName; }
    bool encrypted() const override { return m_client.peer().encrypted; }
    Async::Task<Zfs::Result<QList<Zfs::Dataset>>> listFilesystems() override;
    Async::Task<Zfs::Result<Endpoint::VersionMap>> listVersions(QList<Zfs::DatasetPath> filesystems) override;
    Async::Task<Zfs::ZfsError> prepareStep(Endpoint::SendArgs args) override;
    Async::Task<std::optional<qint64>> sizeEstimate(Endpoint::SendArgs args) override;
    Async::Task<Zfs::ZfsError> stepCompleted(Endpoint::SendArgs args) override;
    std::optional<Async::ProcessSpec> sendProcess(const Endpoint::SendArgs &) const override { return std::nullopt; }
    Async::Task<Endpoint::StreamOutcome> sendInto(Endpoint::SendArgs args, Async::ProcessSpec consumer, Endpoint::Progress progress) override;

private:
    Client &m_client;
};

// A sink (push job's receiver).
class RemoteReceiver final : public Endpoint::ReceiverEndpoint
{
public:
    explicit RemoteReceiver(Client &client);

    Async::Task<Zfs::Result<QHash<QString, Endpoint::ReceiverFilesystem>>> listFilesystems(QList<Zfs::DatasetPath> senderPaths) override;
    Async::Task<Zfs::Result<Endpoint::VersionMap>> listVersions(QList<Zfs::DatasetPath> senderPaths) override;
    Async::Task<Zfs::ZfsError> ensureParents(QString senderFilesystem) override;
    Async::Task<std::optional<Async::ProcessSpec>> receiveProcess(Endpoint::ReceiveArgs) override { co_return std::nullopt; }
    Async::Task<Endpoint::StreamOutcome> receiveFrom(Endpoint::ReceiveArgs args, Async::ProcessSpec producer, Endpoint::Progress progress) override;
    Async::Task<QString> receiveCompleted(QString senderFilesystem, Zfs::FilesystemVersion to) override;

private:
    Client &m_client;
};

// Pruning of the passive side (a sink's received filesystems, a source's offered ones).
class RemotePruneTarget final : public Endpoint::PruneTarget
{
public:
    explicit RemotePruneTarget(Client &client);

    Async::Task<Zfs::Result<QList<Endpoint::PruneFilesystem>>> listForPruning() override;
    Async::Task<Zfs::DestroyOutcome> destroySnapshots(QString filesystem, QStringList names) override;

private:
    Client &m_client;
};

}  // namespace Rpc
