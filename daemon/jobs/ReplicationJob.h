// SPDX-License-Identifier: MIT
#pragma once

#include <memory>

#include "daemon/async/TaskRunner.h"
#include "daemon/jobs/Job.h"
#include "daemon/zfs/DatasetFilter.h"
#include "daemon/zfs/ZfsClient.h"
#include "daemon/zfs/ZfsCommand.h"
#include "shared/control/PrunerReport.h"
#include "shared/control/ReplicationReport.h"

namespace Endpoint {
class Sender;
}

namespace Daemon {

class Snapper;

// zrepl's active side: a push job replicates its filesystems to a sink after every snapshot round; a pull job
// fetches a source's filesystems into root_fs every `interval` (or on `wakeup` only, for "manual"). After each
// replication the sender is pruned by keep_sender (the replication cursor deciding what is replicated) and the
// receiver by keep_receiver. The passive side is a job of this daemon (`local`) or one reached over tcp, tls or
// ssh+stdinserver.
class ReplicationJob final : public Job
{
    Q_OBJECT

public:
    explicit ReplicationJob(const Config::Job &config, Zfs::CommandConfig zfs = Zfs::CommandConfig::fromEnvironment(),
                            QObject *parent = nullptr);
    ~ReplicationJob() override;

    Api::JobStatus status() const override;
    std::optional<QString> wakeup() override;
    std::optional<QString> reset() override;
    Health::FreshnessTracker freshnessSnapshot() const override;
    bool hasRuns() const override { return true; }
    void start() override;

    bool isRunning() const { return m_runner.isRunning(); }

Q_SIGNALS:
    // A run (replication and pruning) ended, also after an error or a reset.
    void runFinished();

private:
    void requestRun();
    Async::Task<void> runOnce();
    Async::Task<void> pullSchedule();
    Async::Task<void> survey();
    void connectFailed(const QString &message);
    // Whether the run that just ended replicated and pruned everything, and if not, why, in one line.
    std::pair<bool, QString> lastRunOutcome() const;
    void noteFreshness(const QHash<QString, Health::FilesystemFacts> &facts);
    void noteSenderPruned(const Api::PrunerReport &report);

    Zfs::ZfsCommand m_command;
    Zfs::ZfsClient m_zfs;
    Zfs::DatasetFilter m_filter;  // push: the filesystems to send
    std::unique_ptr<Endpoint::Sender> m_sender;  // push: ours
    std::unique_ptr<Snapper> m_snapper;  // push with periodic snapshotting
    Async::TaskRunner m_scheduleRunner;
    Async::TaskRunner m_runner;
    Async::TaskRunner m_probeRunner;
    Async::TaskRunner m_surveyRunner;
    bool m_runAgain = false;
    quint64 m_invocation = 0;
    Api::Timestamp m_nextPullAt;  // pull with an interval

    std::optional<Api::ReplicationReport> m_replication;
    std::optional<Api::PrunerReport> m_pruningSender;
    std::optional<Api::PrunerReport> m_pruningReceiver;
};

}  // namespace Daemon
