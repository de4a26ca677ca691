// SPDX-License-Identifier: MIT
#pragma once

#include <memory>

#include "daemon/async/TaskRunner.h"
#include "daemon/pruning/Pruning.h"
#include "daemon/jobs/Job.h"
#include "daemon/zfs/DatasetFilter.h"
#include "daemon/zfs/ZfsClient.h"
#include "daemon/zfs/ZfsCommand.h"
#include "shared/control/PrunerReport.h"
#include "shared/control/ReplicationReport.h"

namespace Endpoint {
class PruneTarget;
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
    bool canPause() const override { return true; }
    void setPaused(bool paused) override;
    bool isReplicating() const override { return m_replicatingNow; }
    bool isBusy() const override { return m_runner.isRunning() || m_pausedRunner.isRunning(); }
    QList<Api::PruningFilesystemExplanation> pruningExplanations() const override { return m_explanations; }

    bool isRunning() const { return m_runner.isRunning(); }

Q_SIGNALS:
    // A run (replication and pruning) ended, also after an error or a reset.
    void runFinished();

private:
    void requestRun();
    Async::Task<void> runOnce();
    Async::Task<void> pullSchedule();
    // The sender's filesystems and their snapshots and bookmarks (push), for `purpose` in the log when it fails.
    struct SenderListing
    {
        QList<Zfs::DatasetPath> paths;
        QHash<QString, QList<Zfs::FilesystemVersion>> versions;
    };
    Async::Task<std::optional<SenderListing>> listSender(QString purpose);
    // At start, for a push job: the freshness from the sender's pool, and whether a step was interrupted.
    Async::Task<void> survey();
    // At start, for a pull job: whether our receiver holds a resume token below root_fs.
    Async::Task<void> findInterruptedReceive();
    // An interrupted step of this job (its step holds or bookmark on our sender, or a resume token in our receiver)
    // is resumed right away instead of at the next interval (zrepl waits); a paused job waits for resume.
    void resumeInterrupted(const QString &where);
    // While paused: the pruning that needs no peer (push: the sender, judged by our own replication cursors;
    // pull: our receiver).
    Async::Task<void> pausedRun();
    // One side's pruning round (the sender's judged by `replicatedUpTo`), reported in the job's status; answers the
    // round's verdicts.
    Async::Task<QList<Api::PruningFilesystemExplanation>> prune(Endpoint::PruneTarget &target, Pruning::KeepRuleList rules,
                                                                bool senderSide,
                                                                std::optional<QHash<QString, quint64>> replicatedUpTo,
                                                                Log::Context runLog);
    std::unique_ptr<Endpoint::PruneTarget> localReceiverPruneTarget(Zfs::ZfsClient &zfs, const Zfs::DatasetPath &root) const;
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
    Async::TaskRunner m_pausedRunner;
    bool m_replicatingNow = false;
    QList<Api::PruningFilesystemExplanation> m_explanations;
    bool m_runAgain = false;
    quint64 m_invocation = 0;
    Api::Timestamp m_nextPullAt;  // pull with an interval

    std::optional<Api::ReplicationReport> m_replication;
    std::optional<Api::PrunerReport> m_pruningSender;
    std::optional<Api::PrunerReport> m_pruningReceiver;
};

}  // namespace Daemon
