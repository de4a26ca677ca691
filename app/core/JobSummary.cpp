// SPDX-License-Identifier: MIT
#include "app/core/JobSummary.h"

#include "app/core/BackupFreshness.h"

using namespace Qt::StringLiterals;

namespace Gui {

namespace {

bool pruningRunning(const std::optional<Api::PrunerReport> &report)
{
    return report && (report->state == Api::PrunerState::Plan || report->state == Api::PrunerState::Exec);
}

bool pruningFailed(const std::optional<Api::PrunerReport> &report)
{
    return report && (report->state == Api::PrunerState::PlanErr || report->state == Api::PrunerState::ExecErr);
}

// Filesystems whose pruning left an error (snapshots held, busy) although the pruner itself went on.
QString pruningProblems(const std::optional<Api::PrunerReport> &report)
{
    if (!report) {
        return {};
    }
    QStringList problems;
    if (!report->error.isEmpty()) {
        problems.append(report->error);
    }
    for (const auto &list : {report->pending, report->completed}) {
        for (const Api::PrunerFilesystemReport &fs : list.value_or(QList<Api::PrunerFilesystemReport>())) {
            if (!fs.lastError.isEmpty()) {
                problems.append(fs.filesystem + u": "_s + fs.lastError);
            }
        }
    }
    return problems.join(u'\n');
}

}  // namespace

QString JobSummaries::healthName(Health health)
{
    switch (health) {
    case Health::Idle:
        return tr("OK");
    case Health::Running:
        return tr("Running");
    case Health::Warning:
        return tr("Warning");
    case Health::Error:
        return tr("Error");
    }
    return {};
}

bool JobSummaries::isWaitingToReconnect(const Api::ReplicationReport &report, const QDateTime &now)
{
    if (report.waitReconnectSince.isZero() || !report.finishAt.isZero()) {
        return false;
    }
    // zrepl sets WaitReconnectError only once reconnecting failed and the run gave up; Holdfast's daemon sets it to
    // the reason while it waits, until WaitReconnectUntil.
    return !report.waitReconnectError
        || (!report.waitReconnectUntil.isZero() && report.waitReconnectUntil.toDateTime() > now);
}

bool JobSummaries::isReplicationRunning(const Api::ReplicationReport &report, const QDateTime &now)
{
    if (report.startAt.isZero() || !report.finishAt.isZero()) {
        return false;
    }
    if (report.attempts.isEmpty()) {
        return true;
    }
    const Api::AttemptState state = report.attempts.constLast().state;
    if (state == Api::AttemptState::Planning || state == Api::AttemptState::FanOutFilesystems) {
        return true;
    }
    return isWaitingToReconnect(report, now);
}

std::optional<QDateTime> JobSummaries::replicationEnd(const Api::ReplicationReport &report)
{
    if (!report.finishAt.isZero()) {
        return report.finishAt.toDateTime();
    }
    if (!report.attempts.isEmpty()) {
        return (report.attempts.constLast().finishAt).toOptionalDateTime();
    }
    return std::nullopt;
}

JobSummary JobSummaries::summarize(const QString &name, const Api::JobStatus &status)
{
    JobSummary s;
    s.name = name;
    s.type = status.type;
    s.state = tr("Idle");
    QStringList errors;
    QStringList warnings;
    bool busy = false;

    const Api::SnapperReport *snapper = nullptr;
    if (const Api::ActiveSideStatus *active = status.active()) {
        snapper = active->snapshotting ? &*active->snapshotting : nullptr;
        if (active->replication) {
            const Api::ReplicationReport &r = *active->replication;
            const QDateTime now = QDateTime::currentDateTimeUtc();
            s.replicationRunning = isReplicationRunning(r, now);
            s.lastRun = s.replicationRunning ? std::nullopt : replicationEnd(r);
            if (!r.attempts.isEmpty()) {
                const Api::AttemptReport &attempt = r.attempts.last();
                s.filesystemsTotal = int(attempt.filesystems.size());
                s.bytesComplete = true;
                for (const Api::FilesystemReport &fs : attempt.filesystems) {
                    qint64 expected = 0;
                    qint64 replicated = 0;
                    bool complete = true;
                    fs.bytesSum(&expected, &replicated, &complete);
                    s.bytesExpected += expected;
                    s.bytesReplicated += replicated;
                    s.bytesComplete = s.bytesComplete && complete;
                    if (fs.state == Api::FilesystemState::Done) {
                        ++s.filesystemsDone;
                    }
                    if (const Api::TimedError *error = fs.error()) {
                        errors.append(fs.name + u": "_s + error->err);
                    }
                }
                if (attempt.planError) {
                    errors.prepend(attempt.planError->err);
                }
                if (s.replicationRunning) {
                    busy = true;
                    if (isWaitingToReconnect(r, now)) {
                        // The failed attempt's errors are what it waits out: they stay.
                        s.state = tr("Waiting to reconnect");
                        if (r.waitReconnectError) {
                            errors.append(r.waitReconnectError->err);
                        }
                    } else {
                        s.state = attempt.state == Api::AttemptState::Planning
                            ? tr("Planning replication")
                            : tr("Replicating: %1 of %2 filesystems done").arg(s.filesystemsDone).arg(s.filesystemsTotal);
                        // Errors of a running attempt belong to an earlier try; they show once it ends.
                        errors.clear();
                    }
                } else if (attempt.state == Api::AttemptState::PlanningError) {
                    s.state = tr("Replication planning failed");
                } else if (attempt.state == Api::AttemptState::FilesystemError) {
                    s.state = tr("Replication failed for some filesystems");
                } else {
                    s.state = tr("Replicated");
                }
                if (!s.replicationRunning && attempt.state != Api::AttemptState::Done && r.waitReconnectError) {
                    // zrepl: reconnecting failed, which is why the run gave up.
                    errors.append(r.waitReconnectError->err);
                }
            }
        }
        if (pruningRunning(active->pruningSender) || pruningRunning(active->pruningReceiver)) {
            busy = true;
            s.state = tr("Pruning");
        }
        for (const auto *pruning : {&active->pruningSender, &active->pruningReceiver}) {
            const QString problems = pruningProblems(*pruning);
            if (pruningFailed(*pruning)) {
                errors.append(problems);
            } else if (!problems.isEmpty()) {
                warnings.append(problems);
            }
        }
    } else if (const Api::SnapJobStatus *snap = status.snap()) {
        snapper = snap->snapshotting ? &*snap->snapshotting : nullptr;
        if (pruningRunning(snap->pruning)) {
            busy = true;
            s.state = tr("Pruning");
        }
        const QString problems = pruningProblems(snap->pruning);
        if (pruningFailed(snap->pruning)) {
            errors.append(problems);
        } else if (!problems.isEmpty()) {
            warnings.append(problems);
        }
    } else if (const Api::PassiveStatus *passive = status.passive()) {
        snapper = passive->snapper ? &*passive->snapper : nullptr;
        s.state = tr("Serving");
    }

    if (snapper) {
        if (snapper->state == Api::SnapperState::Waiting || snapper->state == Api::SnapperState::SyncUp
            || snapper->state == Api::SnapperState::ErrorWait || snapper->state == Api::SnapperState::SyncUpErrWait) {
            s.nextSnapshot = snapper->sleepUntil.toOptionalDateTime();
        }
        if (snapper->state == Api::SnapperState::Planning || snapper->state == Api::SnapperState::Snapshotting) {
            busy = true;
            s.state = tr("Snapshotting");
        }
        if (!snapper->error.isEmpty()) {
            errors.append(snapper->error);
        }
        for (const Api::SnapperFilesystemReport &fs : snapper->progress) {
            if (fs.state == Api::SnapState::Done && (!s.lastSnapshot || fs.doneAt.toDateTime() > *s.lastSnapshot)) {
                s.lastSnapshot = fs.doneAt.toOptionalDateTime();
            }
            if (fs.state == Api::SnapState::Error) {
                errors.append(tr("%1: snapshot failed").arg(fs.path));
            } else if (fs.hooksHadError) {
                warnings.append(tr("%1: a hook failed").arg(fs.path));
            }
        }
        if (status.type == Api::JobStatus::Type::Snap && s.lastSnapshot) {
            s.lastRun = s.lastSnapshot;
        }
    }

    errors.removeAll(QString());
    if (busy) {
        s.health = Health::Running;
    } else if (!errors.isEmpty()) {
        s.health = Health::Error;
    } else if (!warnings.isEmpty()) {
        s.health = Health::Warning;
    }
    s.lastError = !errors.isEmpty() ? errors.join(u'\n') : warnings.join(u'\n');
    if (!busy && s.state == tr("Idle") && snapper && snapper->state == Api::SnapperState::Waiting) {
        s.state = tr("Waiting");
    }
    return s;
}

QList<JobSummary> JobSummaries::summarize(const Api::DaemonStatus &status, const Api::FreshnessReport *freshness,
                                          bool noFreshnessEndpoint)
{
    QList<JobSummary> out;
    for (auto it = status.jobs.cbegin(); it != status.jobs.cend(); ++it) {
        if (it.key().startsWith(u'_') || it.value().type == Api::JobStatus::Type::Internal) {
            continue;
        }
        JobSummary job = summarize(it.key(), it.value());
        const Api::JobFreshness *reported = freshness ? BackupFreshness::find(*freshness, job.name) : nullptr;
        if (reported) {
            BackupFreshness::fromReport(job, *reported);
            if (job.paused) {
                // What it does still shows while it snapshots or prunes; otherwise the pause is the news.
                job.state = job.health == Health::Running ? tr("%1 (replication paused)").arg(job.state) : tr("Paused");
            }
        } else {
            BackupFreshness::fromStatus(job, it.value(), noFreshnessEndpoint);
        }
        out.append(job);
    }
    return out;
}

Health JobSummaries::overallHealth(const JobSummary &job)
{
    if (job.health == Health::Error || (job.freshness == Api::Health::Critical && !job.paused)) {
        return Health::Error;
    }
    // A stale job that is running now is still stale until the run brings its backups up to date.
    if (job.health == Health::Warning || job.freshness == Api::Health::Warning
        || job.freshness == Api::Health::Critical) {
        return Health::Warning;
    }
    return job.health;
}

}  // namespace Gui
