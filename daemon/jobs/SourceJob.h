// SPDX-License-Identifier: MIT
#pragma once

#include <memory>

#include "daemon/async/TaskRunner.h"
#include "daemon/endpoint/Sender.h"
#include "daemon/jobs/Job.h"
#include "daemon/zfs/DatasetFilter.h"
#include "daemon/zfs/ZfsClient.h"
#include "daemon/zfs/ZfsCommand.h"

namespace Daemon {

class PassiveServer;
class Snapper;

// zrepl's source: offers its filesystems to pull jobs and takes the snapshots they pull (periodic snapshotting),
// to pull jobs in this daemon (`local`) or over tcp, tls or ssh+stdinserver. Like zrepl's passive jobs it never
// waits for signals.
class SourceJob final : public Job
{
    Q_OBJECT

public:
    explicit SourceJob(const Config::Job &config, Zfs::CommandConfig zfs = Zfs::CommandConfig::fromEnvironment(),
                       QObject *parent = nullptr);
    ~SourceJob() override;

    Api::JobStatus status() const override;
    Health::FreshnessTracker freshnessSnapshot() const override;
    void start() override;

    std::unique_ptr<Endpoint::Sender> senderFor(const QString &clientIdentity);
    Zfs::ZfsClient &zfs() { return m_zfs; }
    const Zfs::DatasetFilter &filter() const { return m_filter; }

private:
    Zfs::ZfsCommand m_command;
    Zfs::ZfsClient m_zfs;
    Zfs::DatasetFilter m_filter;
    std::unique_ptr<Snapper> m_snapper;
    Async::TaskRunner m_snapperRunner;
    Async::TaskRunner m_probeRunner;
    QString m_listenerName;
    std::unique_ptr<PassiveServer> m_server;
    QHash<QString, QList<Zfs::FilesystemVersion>> m_listed;  // per filesystem, the versions a client last listed
};

}  // namespace Daemon
