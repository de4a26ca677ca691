// SPDX-License-Identifier: MIT
#include "app/notify/NotificationRules.h"

#include <QLocale>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Gui {

namespace {

bool isOutage(ConnectionState state)
{
    return state == ConnectionState::NotRunning || state == ConnectionState::PermissionDenied
           || state == ConnectionState::Failed;
}

// zrepl's errors run to many lines (one per filesystem): a notification shows the first few, the window the rest.
QString firstLines(const QString &text, int count)
{
    QStringList lines = text.split(u'\n', Qt::SkipEmptyParts);
    for (QString &line : lines) {
        line = line.trimmed();
    }
    lines.removeAll(QString());
    const bool more = lines.size() > count;
    lines = lines.mid(0, count);
    if (more) {
        lines.append(u"…"_s);
    }
    return lines.join(u'\n');
}

QString shortTime(const QDateTime &time)
{
    return QLocale().toString(time.toLocalTime(), QLocale::ShortFormat);
}

}  // namespace

void NotificationRules::setSettings(const NotificationSettings &settings)
{
    m_settings = settings;
}

QList<Notification> NotificationRules::statusChanged(const QList<JobSummary> &jobs, const QDateTime &now)
{
    QList<Notification> out;
    // A status is proof that the daemon answers, whatever connectionChanged() said last.
    m_connection = ConnectionState::Connected;
    m_reason.clear();
    m_outageSince.reset();
    m_outageNotified = false;

    QSet<QString> seen;
    for (const JobSummary &job : jobs) {
        seen.insert(job.name);
        JobState &state = m_jobs[job.name];

        if (job.health == Health::Error) {
            if (!state.failing) {
                state.failing = true;
                if (m_settings.failures) {
                    out.append(failed(job));
                }
            }
            state.failedRun = job.lastRun;
            state.failedSnapshot = job.lastSnapshot;
        } else if (job.health != Health::Running && state.failing) {
            const bool newRun = job.lastRun && job.lastRun != state.failedRun;
            const bool newSnapshot = job.lastSnapshot && job.lastSnapshot != state.failedSnapshot;
            if (newRun || newSnapshot) {
                state.failing = false;
                state.failedRun.reset();
                state.failedSnapshot.reset();
                if (m_settings.recoveries) {
                    out.append(recovered(job));
                }
            }
        }

        if (job.freshnessReported) {
            const bool stale = job.freshness == Api::Health::Warning || job.freshness == Api::Health::Critical;
            const bool worse = !state.freshness || Api::worse(job.freshness, *state.freshness) != *state.freshness;
            // A paused job ages because the user paused it: no alarm for what was asked for.
            if (stale && worse && m_settings.stale && !job.paused) {
                out.append(staleByDaemon(job));
            }
            state.freshness = job.freshness;
            // The daemon judges; the GUI's own age of the snapshots no longer counts.
            state.newestSnapshot.reset();
            continue;
        }
        if (job.freshnessPending) {
            continue;
        }
        state.freshness.reset();
        if (job.lastSnapshot && (!state.newestSnapshot || *job.lastSnapshot > *state.newestSnapshot)) {
            state.newestSnapshot = job.lastSnapshot;
            state.staleNotified = false;
        }
        checkStale(job.name, state, now, out);
    }

    for (auto it = m_jobs.begin(); it != m_jobs.end();) {
        if (!seen.contains(it.key())) {
            it = m_jobs.erase(it);
        } else {
            ++it;
        }
    }
    return out;
}

QList<Notification>
NotificationRules::connectionChanged(ConnectionState state, const QString &reason, const QDateTime &now)
{
    QList<Notification> out;
    m_connection = state;
    m_reason = reason;
    if (!isOutage(state)) {
        // Connecting again means a new socket path: whatever happens there is news.
        m_outageSince.reset();
        m_outageNotified = false;
    } else if (!m_outageSince) {
        m_outageSince = now;
    }
    checkOutage(now, out);
    return out;
}

QList<Notification> NotificationRules::tick(const QDateTime &now)
{
    QList<Notification> out;
    checkOutage(now, out);
    // Sorted, so that several stale jobs come in the order the window lists them.
    QStringList names = m_jobs.keys();
    std::sort(names.begin(), names.end());
    for (const QString &name : names) {
        checkStale(name, m_jobs[name], now, out);
    }
    return out;
}

bool NotificationRules::reachable() const
{
    return !isOutage(m_connection);
}

void NotificationRules::checkStale(const QString &job, JobState &state, const QDateTime &now, QList<Notification> &out)
{
    if (!reachable() || !state.newestSnapshot || state.staleNotified) {
        return;
    }
    if (state.newestSnapshot->secsTo(now) <= m_settings.staleAfter.count()) {
        return;
    }
    state.staleNotified = true;
    if (m_settings.stale) {
        out.append(stale(job, *state.newestSnapshot, now));
    }
}

void NotificationRules::checkOutage(const QDateTime &now, QList<Notification> &out)
{
    if (!m_outageSince || m_outageNotified || m_outageSince->secsTo(now) < m_settings.unreachableAfter.count()) {
        return;
    }
    m_outageNotified = true;
    if (m_settings.unreachable) {
        out.append(unreachable(m_connection, m_reason));
    }
}

Notification NotificationRules::failed(const JobSummary &job)
{
    Notification n;
    n.kind = Notification::Kind::ReplicationFailed;
    n.job = job.name;
    n.title = tr("Job “%1” failed").arg(job.name);
    n.body = firstLines(job.lastError.isEmpty() ? job.state : job.lastError, ErrorLines);
    n.urgency = Notification::Urgency::Critical;
    return n;
}

Notification NotificationRules::recovered(const JobSummary &job)
{
    Notification n;
    n.kind = Notification::Kind::ReplicationRecovered;
    n.job = job.name;
    n.title = tr("Job “%1” works again").arg(job.name);
    if (job.lastRun) {
        n.body = tr("Its last run, ended %1, completed after a failure.").arg(shortTime(*job.lastRun));
    } else {
        n.body = tr("Its last snapshots, taken %1, succeeded after a failure.").arg(shortTime(*job.lastSnapshot));
    }
    if (job.health == Health::Warning && !job.lastError.isEmpty()) {
        n.body += u'\n' + firstLines(job.lastError, ErrorLines);
    }
    n.urgency = Notification::Urgency::Low;
    return n;
}

Notification NotificationRules::stale(const QString &job, const QDateTime &newest, const QDateTime &now)
{
    const qint64 age = newest.secsTo(now);
    QString ago;
    if (age >= 2 * 24 * 3600) {
        ago = tr("%n day(s) ago", nullptr, int(age / (24 * 3600)));
    } else if (age >= 3600) {
        ago = tr("%n hour(s) ago", nullptr, int(age / 3600));
    } else {
        ago = tr("%n minute(s) ago", nullptr, int(std::max<qint64>(age / 60, 1)));
    }
    Notification n;
    n.kind = Notification::Kind::SnapshotsStale;
    n.job = job;
    n.title = tr("No new snapshots for “%1”").arg(job);
    n.body = tr("The newest snapshot was taken %1, %2.").arg(shortTime(newest), ago);
    n.urgency = Notification::Urgency::Normal;
    return n;
}

Notification NotificationRules::staleByDaemon(const JobSummary &job)
{
    Notification n;
    n.kind = Notification::Kind::SnapshotsStale;
    n.job = job.name;
    const bool critical = job.freshness == Api::Health::Critical;
    n.title = critical ? tr("“%1” has no recent backup").arg(job.name) : tr("“%1” is falling behind").arg(job.name);
    n.body = firstLines(job.freshnessReason, ErrorLines);
    n.urgency = critical ? Notification::Urgency::Critical : Notification::Urgency::Normal;
    return n;
}

Notification NotificationRules::unreachable(ConnectionState state, const QString &reason)
{
    Notification n;
    n.kind = Notification::Kind::DaemonUnreachable;
    n.title = tr("The Holdfast daemon cannot be reached");
    switch (state) {
    case ConnectionState::NotRunning:
        n.body = tr("The daemon is not running: no snapshots are taken, nothing is replicated.");
        break;
    case ConnectionState::PermissionDenied:
        n.body = tr("You may not use the daemon's control socket.");
        break;
    default:
        n.body = tr("The daemon does not answer as it should.");
        break;
    }
    if (!reason.isEmpty()) {
        n.body += u'\n' + firstLines(reason, ErrorLines);
    }
    n.urgency = Notification::Urgency::Normal;
    return n;
}

}  // namespace Gui
