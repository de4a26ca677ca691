// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>

#include <memory>

#include "daemon/async/Task.h"
#include "daemon/endpoint/Receiver.h"
#include "daemon/endpoint/Sender.h"
#include "daemon/pruner/LocalPruneTarget.h"
#include "daemon/rpc/Protocol.h"
#include "daemon/rpc/RpcClient.h"

namespace Rpc {

// What the passive side answers, for one connected client: a sink's Receiver below root_fs/<identity>, or a
// source's Sender. Every argument is checked before use: a client names only filesystems of this job.
class Service
{
public:
    virtual ~Service() = default;
    virtual HandshakeReply handshake() const = 0;
    // The JSON calls; an unknown name is refused.
    virtual Async::Task<Reply> call(QByteArray rpc, QJsonObject args) = 0;
    // Send (source): the `zfs send` of the step, once the arguments passed.
    virtual Async::Task<Zfs::Result<Async::ProcessSpec>> sendProcess(QJsonObject args);
    // Receive (sink): the `zfs recv` of the step.
    virtual Async::Task<Zfs::Result<Async::ProcessSpec>> receiveProcess(QJsonObject args);

protected:
    static Reply refuse(const QString &why);
    // PruneListing and DestroySnapshots, the same on both sides: `target` holds this client's filesystems;
    // `notOurs` (with %1 for the filesystem) refuses any other.
    static Async::Task<Reply> pruningCall(QByteArray rpc, QJsonObject args, Daemon::LocalPruneTarget &target, QString notOurs);
};

class SenderService final : public Service
{
public:
    SenderService(std::unique_ptr<Endpoint::Sender> sender, QString jobName, QString clientIdentity);

    HandshakeReply handshake() const override;
    Async::Task<Reply> call(QByteArray rpc, QJsonObject args) override;
    Async::Task<Zfs::Result<Async::ProcessSpec>> sendProcess(QJsonObject args) override;

private:
    std::unique_ptr<Endpoint::Sender> m_owned;
    Endpoint::Sender &m_sender;
    Daemon::LocalPruneTarget m_prune;
    QString m_jobName;
    QString m_clientIdentity;
};

class ReceiverService final : public Service
{
public:
    ReceiverService(std::unique_ptr<Endpoint::Receiver> receiver, QString jobName, QString clientIdentity);

    HandshakeReply handshake() const override;
    Async::Task<Reply> call(QByteArray rpc, QJsonObject args) override;
    Async::Task<Zfs::Result<Async::ProcessSpec>> receiveProcess(QJsonObject args) override;

private:
    std::unique_ptr<Endpoint::Receiver> m_receiver;
    std::unique_ptr<Daemon::LocalPruneTarget> m_prune;
    QString m_jobName;
    QString m_clientIdentity;
};

}  // namespace Rpc
