// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

#include "daemon/holds/HoldsClassifier.h"
#include "daemon/holds/PauseStore.h"
#include "daemon/jobs/Job.h"
#include "shared/control/Freshness.h"
#include "shared/control/JobStatus.h"

namespace Daemon {

// Every job of the daemon by name, plus zrepl's internal entries ("_control", "_prometheus") that /status lists.
// Answers /status and /signal. The serialized status is cached until a job reports a change, so that a GUI polling
// a big report costs one serialization per change, not one per poll.
class JobRegistry final : public QObject
{
    Q_OBJECT

public:
    explicit JobRegistry(QObject *parent = nullptr);
    ~JobRegistry() override;

    // A job added after setPauseStore() starts paused if the store says so.
    void addJob(std::unique_ptr<Job> job);
    // For a reload: the job leaves the registry (and /status) and is handed to the caller, who destroys it.
    std::unique_ptr<Job> takeJob(const QString &name);
    void addInternalJob(const QString &name);
    void removeInternalJob(const QString &name);
    Job *job(const QString &name) const;
    QList<Job *> jobs() const;

    void startAll();

    Api::DaemonStatus status() const;
    // The /status body: the status as JSON followed by a newline, as Go's json.Encoder writes it.
    QByteArray statusJson();

    // zrepl's /signal semantics; nullopt when the job took the signal, else the error text zrepl answers with.
    // Holdfast adds the ops "pause" and "resume" (zrepl answers them with its "operation is invalid").
    std::optional<QString> signal(const QString &jobName, const QString &op);

    // Where the paused jobs are kept; read once at start (before startAll), written on every pause and resume.
    void setPauseStore(std::unique_ptr<Holds::PauseStore> store);
    // A job removed from the configuration: a job of that name added later starts unpaused. false with `error`
    // when the state file cannot be written.
    bool forgetPaused(const QString &jobName, QString *error);

    // For the holds view: what each job covers and whether it is at work.
    QList<Holds::JobScope> jobScopes() const;
    // "Why is this snapshot still here": the last pruning verdicts of `job` (all when empty) on `filesystem` (all
    // when empty).
    Api::PruningExplanation pruningExplanation(const QString &job, const QString &filesystem) const;

    // Holdfast-only: the /holdfast/v1/freshness body, every job's freshness and health at `now`. Kept until a
    // job's facts or next times change or a threshold is crossed: progress that only moves bytes leaves it alone.
    QByteArray freshnessJson(const QDateTime &now);
    // When the freshness last computed turns stale by time alone (a health threshold passes, a next time is due);
    // invalid when only a job's change can alter it. For the status feed, which pushes such crossings.
    QDateTime freshnessValidUntil() const { return m_freshnessValidUntil; }
    // Holdfast-only: every push and pull job's runs.
    Api::RunsReport runs() const;

Q_SIGNALS:
    // A job reported a change (every progress report included), or a job came or went: status() differs, or may.
    void statusChanged();

private:
    void invalidate();
    void applyPauseState(Job &job);
    std::optional<QString> pauseSignal(const QString &jobName, bool pause);

    std::unique_ptr<Holds::PauseStore> m_pauseStore;
    std::vector<std::unique_ptr<Job>> m_jobs;
    QList<QString> m_internalJobs;
    QByteArray m_statusCache;
    QByteArray m_freshnessKey;
    QByteArray m_freshnessJson;
    QDateTime m_freshnessValidUntil;
};

}  // namespace Daemon
