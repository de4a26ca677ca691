// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

#include <chrono>
#include <optional>

#include "app/core/JobSummary.h"
#include "app/core/StatusPoller.h"

namespace Gui {

// Which notifications the user wants; every kind can be switched off on its own.
struct NotificationSettings
{
    bool failures = true;
    bool recoveries = true;
    bool stale = true;
    bool unreachable = true;
    // Against zrepl only, which judges no freshness: snapshots older than this are "stale" (the snapshotter
    // stopped, hangs or fails). Holdfast's daemon judges freshness itself, with its configured thresholds.
    std::chrono::seconds staleAfter{std::chrono::hours(24)};
    // A daemon restart (after a configuration change, say) is not an outage worth a notification: only one that
    // lasts this long is. The notification comes from connectionChanged() or tick(), whichever sees it first.
    std::chrono::seconds unreachableAfter{30};

    bool operator==(const NotificationSettings &) const = default;
};

// One notification to show, texts translated and ready; the notifier decides how (desktop or tray balloon).
struct Notification
{
    Q_GADGET

public:
    enum class Kind
    {
        ReplicationFailed,
        ReplicationRecovered,
        SnapshotsStale,
        DaemonUnreachable,
    };
    Q_ENUM(Kind)

    enum class Urgency
    {
        Low,
        Normal,
        Critical,
    };
    Q_ENUM(Urgency)

    Kind kind = Kind::ReplicationFailed;
    QString job;  // empty for DaemonUnreachable
    QString title;
    QString body;  // plain text; for a failure the error's first lines
    Urgency urgency = Urgency::Normal;

    bool operator==(const Notification &) const = default;
};

// Decides when to notify, from the job summaries and the connection state the poller delivers. Pure logic: no
// D-Bus, no widgets, the time comes in as an argument, so the tests can play a week in a millisecond.
//
// The rules (users want to hear that something broke and that it works again, not every retry):
// - Failure: a job whose last finished run ended in error (health Error: replication, snapshots or pruning). Only
//   the transition into failure notifies: later failed runs in a row stay silent until the job has recovered. A
//   job already failed at the first status after start notifies once too: the user may not know yet.
// - Recovery: a job in failure that is no longer in error and shows a run that completed since: a lastRun or a
//   lastSnapshot other than at the failure. A warning still means the run completed. Without such a run the
//   failure goes on: a restarted daemon reports nothing at all until the job ran again. It notifies whether or
//   not the failure itself was notified (that setting may be off), but only for failures these rules saw: a job
//   healthy at start is not "recovered".
// - Running jobs (health Running) change nothing: their errors belong to an earlier attempt, and a failed
//   replication followed by pruning shows as Running until the pruning ends.
// - Stale, from Holdfast's daemon (a job with freshnessReported): the daemon's health of the job went to warning or
//   critical. Once per transition: ok → warning and warning → critical notify, critical → warning does not, and
//   warning → ok → warning does again. A job already stale at the first report notifies too. Urgency follows the
//   health; the body is the daemon's reason. The GUI computes no age of its own for such a job.
// - Stale, from zrepl's daemon (no freshness report; the rule the GUI had before Holdfast's daemon judged
//   freshness): the newest snapshot seen for a job is older than staleAfter. The newest seen is remembered across
//   status updates, because a snapshotter starting a round (or a restarted daemon) reports no finished snapshot
//   at all, and a snapshotter hanging in that state is what this rule is for. Notifies once, and again only after
//   a newer snapshot appeared and then aged in turn. Jobs without periodic snapshots never report one and are
//   never stale. Not judged while the daemon is unreachable: that has its own notification.
// - A Holdfast daemon's job whose report has not come yet (freshnessPending) is not judged stale either way.
// - Unreachable: the connection leaves Connected (or the initial Connecting) for NotRunning, PermissionDenied or
//   Failed, and stays away for unreachableAfter. Once per outage: switching between those states is the same
//   outage; it ends only with Connected or a status (or Connecting: a new socket path starts over).
// - Switched-off kinds are still tracked, only not reported: switching one on later does not replay old events.
// - A job that disappears from the status (configuration reloaded) is forgotten.
class NotificationRules
{
    Q_DECLARE_TR_FUNCTIONS(Gui::NotificationRules)

public:
    void setSettings(const NotificationSettings &settings);
    const NotificationSettings &settings() const { return m_settings; }

    QList<Notification> statusChanged(const QList<JobSummary> &jobs, const QDateTime &now);
    QList<Notification> connectionChanged(ConnectionState state, const QString &reason, const QDateTime &now);
    // Time passing without news: snapshots aging, an outage outlasting unreachableAfter. Call it every minute or so.
    QList<Notification> tick(const QDateTime &now);

    // At most this many lines of an error go into a notification: the window has the rest.
    static constexpr int ErrorLines = 3;

private:
    struct JobState
    {
        bool failing = false;
        // lastRun and lastSnapshot of the latest failed status: what a recovery must differ from
        std::optional<QDateTime> failedRun;
        std::optional<QDateTime> failedSnapshot;
        std::optional<QDateTime> newestSnapshot;
        bool staleNotified = false;  // for newestSnapshot
        // The daemon's last freshness verdict (Holdfast): stale notifications follow it instead of newestSnapshot.
        std::optional<Api::Health> freshness;
    };

    void checkStale(const QString &job, JobState &state, const QDateTime &now, QList<Notification> &out);
    void checkOutage(const QDateTime &now, QList<Notification> &out);
    bool reachable() const;

    static Notification failed(const JobSummary &job);
    static Notification recovered(const JobSummary &job);
    static Notification stale(const QString &job, const QDateTime &newest, const QDateTime &now);
    static Notification staleByDaemon(const JobSummary &job);
    static Notification unreachable(ConnectionState state, const QString &reason);

    NotificationSettings m_settings;
    QHash<QString, JobState> m_jobs;
    ConnectionState m_connection = ConnectionState::Connecting;
    QString m_reason;
    std::optional<QDateTime> m_outageSince;
    bool m_outageNotified = false;
};

}  // namespace Gui
