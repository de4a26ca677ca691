// SPDX-License-Identifier: MIT
#pragma once

#include <memory>

#include "daemon/async/TaskRunner.h"
#include "daemon/endpoint/Receiver.h"
#include "daemon/jobs/Job.h"
#include "daemon/zfs/ZfsClient.h"
#include "daemon/zfs/ZfsCommand.h"

namespace Daemon {

// zrepl's sink: receives what push jobs send into `root_fs/<client identity>/<sender's path>`, from push jobs in
// this daemon (`local`) or over tcp, tls or ssh+stdinserver; it never waits for signals, as in zrepl.
class PassiveServer;

class SinkJob final : public Job
{
    Q_OBJECT

public:
    explicit SinkJob(const Config::Job &config, Zfs::CommandConfig zfs = Zfs::CommandConfig::fromEnvironment(),
                     QObject *parent = nullptr);
    ~SinkJob() override;

    Api::JobStatus status() const override;
    void start() override;

    // The receiving endpoint for one client; nullopt-like nullptr with `error` for an identity that is not a
    // valid dataset name component.
    std::unique_ptr<Endpoint::Receiver> receiverFor(const QString &clientIdentity, QString *error);
    Zfs::ZfsClient &zfs() { return m_zfs; }

private:
    Async::Task<void> survey();

    Zfs::ZfsCommand m_command;
    Zfs::ZfsClient m_zfs;
    QString m_listenerName;
    std::unique_ptr<PassiveServer> m_server;
    Async::TaskRunner m_probeRunner;
    Async::TaskRunner m_surveyRunner;  // after m_zfs: it ends before the client goes
};

}  // namespace Daemon
