// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QString>

#include <optional>

#include "daemon/async/Task.h"
#include "daemon/config/Config.h"
#include "daemon/zfs/DatasetFilter.h"
#include "daemon/health/FreshnessTracker.h"
#include "daemon/logging/Logger.h"
#include "shared/control/Freshness.h"
#include "shared/control/Holds.h"
#include "shared/control/JobStatus.h"

namespace Zfs {
class ZfsClient;
}

namespace Daemon {

// A configured job (snap, push, pull, sink, source) as the control plane sees it: a name, a status in zrepl's
// shapes, and zrepl's two signals. The work itself lives in the subclasses.
class Job : public QObject
{
    Q_OBJECT

public:
    explicit Job(const Config::Job &config, QObject *parent = nullptr);

    QString name() const { return m_config.name; }
    Config::JobType type() const { return m_config.type; }
    const Config::Job &config() const { return m_config; }

    virtual Api::JobStatus status() const = 0;
    // Holdfast-only: a copy of what the job knows of its freshness, evaluated against the clock by the control
    // endpoint, or by another thread (the Prometheus listener).
    virtual Health::FreshnessTracker freshnessSnapshot() const { return m_freshness; }
    // Holdfast-only: the job's runs (a run is what a wakeup starts), for `signal wakeup --wait`.
    Api::RunInfo runInfo() const;
    // Whether the job has runs that a wakeup starts and that end with a result.
    virtual bool hasRuns() const { return false; }

    // zrepl's signals are a hand-off to a job that is waiting for them: they succeed only while the job waits
    // (wakeup while idle, reset while a run is in progress) and otherwise answer zrepl's "already woken up" /
    // "already reset". nullopt means accepted.
    virtual std::optional<QString> wakeup();
    virtual std::optional<QString> reset();

    // Holdfast-only pause (`signal pause|resume`): push and pull jobs stop replicating and keep snapshotting and
    // the pruning that needs no peer. The registry keeps the state across restarts.
    virtual bool canPause() const { return false; }
    bool isPaused() const { return m_freshness.paused(); }
    virtual void setPaused(bool paused);
    // For the holds view: whether the job replicates now, so that its step holds protect something. Here: a step of
    // this job runs (a sink or source serving one); push and pull jobs: a run is in progress.
    virtual bool isReplicating() const;
    // Whether the job is at work that a restart would abort (a run, a served step, a pruning round), for a reload
    // that restarts changed jobs once they are idle. statusChanged() follows when that ends.
    virtual bool isBusy() const { return isReplicating(); }
    // The filesystems the job sends (push, source, snap) or the root it receives into (sink, pull).
    std::optional<Zfs::DatasetFilter> sendingFilter() const;
    std::optional<Zfs::DatasetPath> receivingRoot() const;
    // "Why is this snapshot still here": the last pruning rounds' verdicts.
    virtual QList<Api::PruningFilesystemExplanation> pruningExplanations() const { return {}; }

    // Starts the job's schedule. Called once, after every job of the daemon exists.
    virtual void start() = 0;

    static inline const QString AlreadyWokenUp = QStringLiteral("already woken up");
    static inline const QString AlreadyReset = QStringLiteral("already reset");

Q_SIGNALS:
    // The status changed; the control server's cached /status answer is stale.
    void statusChanged();

protected:
    const Log::Context &log() const { return m_log; }
    // The job's `filesystems` filter. The configuration was validated when it was read, so a failure here is a bug:
    // it is logged and the filter matches nothing, rather than everything.
    Zfs::DatasetFilter filesystemsFilter() const;
    // Detects what the job's ZFS can do and logs it: the OpenZFS version, and a warning for each missing
    // capability with what Holdfast does instead; a user reads there why a feature is not used. Run by the
    // subclass's own runner, declared after its ZfsClient so that the probe ends before the client goes.
    Async::Task<void> logZfsCapabilities(Zfs::ZfsClient &zfs);

    Health::FreshnessTracker &freshnessTracker() { return m_freshness; }
    // Run bookkeeping for runInfo(): a run gets the next number when it starts, and a result when it ends.
    quint64 noteRunStarted();
    void noteRunFinished(bool succeeded, const QString &error);
    bool runInProgress() const { return m_runRunning; }
    quint64 runsFinished() const { return m_lastFinishedRun; }

private:
    Config::Job m_config;
    Log::Context m_log;
    Health::FreshnessTracker m_freshness;
    quint64 m_runsStarted = 0;
    bool m_runRunning = false;
    Api::Timestamp m_runStartedAt;
    quint64 m_lastFinishedRun = 0;
    bool m_lastRunSucceeded = false;
    QString m_lastRunError;
    Api::Timestamp m_lastRunFinishedAt;
};

}  // namespace Daemon
