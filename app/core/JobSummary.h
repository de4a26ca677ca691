// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <optional>

#include "shared/control/Freshness.h"
#include "shared/control/JobStatus.h"

namespace Gui {

// How a job is doing, at a glance: what the jobs table, the tray icon and the notifications show.
enum class Health
{
    Idle,  // nothing running, the last run went well (or nothing ran yet)
    Running,  // replicating, snapshotting or pruning right now
    Warning,  // the last run finished but not everything went well (hook errors, snapshots left held)
    Error,  // the last run failed
};

// One job's status reduced to what a user reads in a row: derived from zrepl's status document only, so it works
// against Holdfast's daemon and zrepl's alike.
struct JobSummary
{
    QString name;
    Api::JobStatus::Type type = Api::JobStatus::Type::Internal;
    Health health = Health::Idle;
    QString state;  // one line, translated: "Replicating: 3 of 7 filesystems done", "Waiting", "Planning failed", ...
    std::optional<QDateTime> lastRun;  // when the last replication (or, for snap jobs, snapshot round) ended
    std::optional<QDateTime> nextSnapshot;  // when the periodic snapshotter wakes up next
    std::optional<QDateTime> lastSnapshot;  // the newest snapshot the snapshotter took
    QString lastError;  // in full, as the daemon wrote it
    qint64 bytesExpected = 0;  // of the replication in progress (or the last one)
    qint64 bytesReplicated = 0;
    bool bytesComplete = false;  // every step had a size estimate
    bool replicationRunning = false;
    int filesystemsDone = 0;
    int filesystemsTotal = 0;

    // Freshness, what the jobs table leads with (BackupFreshness fills it): how old the newest data is that a
    // restore could get back, and whether the daemon finds that old enough to worry.
    std::optional<QDateTime> lastBackup;
    // What lastBackup is, or why there is none, for the tooltip: "Newest snapshot the receiver has, on the
    // stalest of 3 filesystems: tank/home@zrepl_...", "zrepl does not report snapshot ages", ...
    QString lastBackupNote;
    std::optional<QDateTime> nextRun;  // the next snapshot or replication, whichever comes first
    QString nextRunNote;
    Api::Health freshness = Api::Health::Unknown;  // the daemon's verdict; Unknown against zrepl
    QString freshnessReason;
    bool freshnessReported = false;  // from the daemon's freshness report; false: guessed from /status (zrepl)
    // Holdfast's daemon, whose report has not come yet: too early to judge staleness in any way.
    bool freshnessPending = false;
    // Replication paused (Holdfast's `signal pause`), from the freshness report: snapshots go on, the backups age,
    // and that is what the user asked for, so the table shows "Paused" and no alarm.
    bool paused = false;

    bool operator==(const JobSummary &) const = default;
};

class JobSummaries
{
    Q_DECLARE_TR_FUNCTIONS(Gui::JobSummaries)

public:
    static JobSummary summarize(const QString &name, const Api::JobStatus &status);
    // Every job of the document except the daemon's internal ones ("_control"), sorted by name. With `freshness`
    // (Holdfast's daemon) each job's freshness comes from the daemon's report; without, from the status, as far as
    // it tells (BackupFreshness::fromStatus). `noFreshnessEndpoint`: the daemon has no report to give (zrepl), which
    // the tooltips then say; otherwise the report may simply not have come yet.
    static QList<JobSummary> summarize(const Api::DaemonStatus &status, const Api::FreshnessReport *freshness = nullptr,
                                       bool noFreshnessEndpoint = false);
    static QString healthName(Health health);
    // What the tray and the notifications count: the activity (running, failed) and the freshness together; a
    // job whose backups are stale is a warning even when nothing failed, and critically stale is an error. A paused
    // job's staleness is a warning at most: the user stopped it on purpose.
    static Health overallHealth(const JobSummary &job);

    // Whether a replication run is still going. zrepl never sets the run's FinishAt (its driver leaves it zero), so
    // a zero FinishAt alone does not say so: the run goes on while its last attempt plans or replicates, or while it
    // waits to reconnect after that attempt failed. Holdfast's daemon does set FinishAt when the run ends.
    static bool isReplicationRunning(const Api::ReplicationReport &report,
                                     const QDateTime &now = QDateTime::currentDateTimeUtc());
    // The run waits for the other side to come back before its next attempt.
    static bool isWaitingToReconnect(const Api::ReplicationReport &report,
                                     const QDateTime &now = QDateTime::currentDateTimeUtc());
    // When a run that is no longer going ended: its FinishAt, or for zrepl its last attempt's.
    static std::optional<QDateTime> replicationEnd(const Api::ReplicationReport &report);
};

}  // namespace Gui
