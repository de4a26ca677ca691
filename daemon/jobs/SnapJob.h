// SPDX-License-Identifier: MIT
#pragma once

#include <memory>

#include "daemon/async/TaskRunner.h"
#include "daemon/jobs/Job.h"
#include "daemon/zfs/ZfsClient.h"
#include "daemon/zfs/ZfsCommand.h"

namespace Daemon {

class Pruner;
class LocalPruneTarget;
class Snapper;

// zrepl's snap job: periodic snapshots of the matching filesystems and local pruning after every snapshot round.
// `wakeup` starts a snapshot round now when the snapper is waiting for its interval (and pruning after it), or a
// pruning round when there is no periodic snapshotting, as in zrepl; `reset` aborts a running pruning round.
class SnapJob final : public Job
{
    Q_OBJECT

public:
    explicit SnapJob(const Config::Job &config, Zfs::CommandConfig zfs = Zfs::CommandConfig::fromEnvironment(),
                     QObject *parent = nullptr);
    ~SnapJob() override;

    Api::JobStatus status() const override;
    std::optional<QString> wakeup() override;
    std::optional<QString> reset() override;
    Health::FreshnessTracker freshnessSnapshot() const override;
    void start() override;

    bool isPruning() const { return m_prunerRunner.isRunning(); }
    bool isBusy() const override { return isPruning(); }
    QList<Api::PruningFilesystemExplanation> pruningExplanations() const override;

Q_SIGNALS:
    // A pruning round ended (also when it failed); for tests and the GUI's notifications.
    void pruningFinished();

private:
    void requestPruning();

    void noteFreshness();

    Zfs::ZfsCommand m_command;
    Zfs::ZfsClient m_zfs;
    std::unique_ptr<Snapper> m_snapper;
    std::unique_ptr<LocalPruneTarget> m_pruneTarget;
    std::unique_ptr<Pruner> m_pruner;
    Async::TaskRunner m_snapperRunner;
    Async::TaskRunner m_prunerRunner;
    Async::TaskRunner m_probeRunner;
    bool m_prunedOnce = false;
    bool m_pruneAgain = false;  // snapshots were taken while a pruning round ran
    int m_invocation = 0;
};

}  // namespace Daemon
