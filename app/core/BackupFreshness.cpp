// SPDX-License-Identifier: MIT
#include "app/core/BackupFreshness.h"

#include "app/core/JobSummary.h"
#include "app/models/Format.h"

using namespace Qt::StringLiterals;

namespace Gui {

namespace {

std::optional<QDateTime> creationOf(const std::optional<Api::SnapshotRef> &snapshot)
{
    return snapshot ? snapshot->creation.toOptionalDateTime() : std::nullopt;
}

bool isSink(const QString &type)
{
    return type == u"sink";
}

bool isSnap(const QString &type)
{
    return type == u"snap";
}

// The end of the newest attempt of the last run that replicated every filesystem.
std::optional<QDateTime> lastCompletedReplication(const Api::ReplicationReport &report)
{
    for (auto it = report.attempts.crbegin(); it != report.attempts.crend(); ++it) {
        if (it->state == Api::AttemptState::Done) {
            return (it->finishAt.isZero() ? report.finishAt : it->finishAt).toOptionalDateTime();
        }
    }
    return std::nullopt;
}

}  // namespace

const Api::JobFreshness *BackupFreshness::find(const Api::FreshnessReport &report, const QString &job)
{
    for (const Api::JobFreshness &j : report.jobs) {
        if (j.job == job) {
            return &j;
        }
    }
    return nullptr;
}

std::optional<QDateTime> BackupFreshness::lastBackupOf(const QString &jobType, const Api::FilesystemFreshness &fs)
{
    if (isSnap(jobType)) {
        return creationOf(fs.newestSnapshot);
    }
    if (isSink(jobType) && !fs.lastSuccessAt.isZero()) {
        return fs.lastSuccessAt.toOptionalDateTime();
    }
    return creationOf(fs.replicatedSnapshot);
}

std::optional<QDateTime> BackupFreshness::lastBackup(const Api::JobFreshness &job,
                                                     const Api::FilesystemFreshness **stalest)
{
    std::optional<QDateTime> oldest;
    *stalest = nullptr;
    for (const Api::FilesystemFreshness &fs : job.filesystems) {
        const std::optional<QDateTime> time = lastBackupOf(job.type, fs);
        if (!time) {
            *stalest = &fs;
            return std::nullopt;
        }
        if (!oldest || *time < *oldest) {
            oldest = time;
            *stalest = &fs;
        }
    }
    if (!oldest && isSink(job.type)) {
        // A sink that reports no filesystems may still know when it last received.
        return job.lastSuccessAt.toOptionalDateTime();
    }
    return oldest;
}

std::optional<QDateTime> BackupFreshness::nextRun(const Api::JobFreshness &job)
{
    const std::optional<QDateTime> snapshot = job.nextSnapshotAt.toOptionalDateTime();
    const std::optional<QDateTime> replication = job.nextReplicationAt.toOptionalDateTime();
    if (snapshot && replication) {
        return std::min(*snapshot, *replication);
    }
    return snapshot ? snapshot : replication;
}

void BackupFreshness::fromReport(JobSummary &job, const Api::JobFreshness &freshness)
{
    job.freshnessReported = true;
    job.freshnessPending = false;
    job.freshness = freshness.health;
    job.freshnessReason = freshness.healthReason;
    job.paused = freshness.paused;

    const Api::FilesystemFreshness *stalest = nullptr;
    job.lastBackup = lastBackup(freshness, &stalest);
    const int count = int(freshness.filesystems.size());
    if (!stalest) {
        job.lastBackupNote =
            job.lastBackup ? tr("The last receive") : tr("The daemon reports no filesystems for this job");
    } else if (!job.lastBackup) {
        job.lastBackupNote = isSnap(freshness.type)   ? tr("%1 has no snapshot yet").arg(stalest->filesystem)
                             : isSink(freshness.type) ? tr("Nothing received into %1 yet").arg(stalest->filesystem)
                                                      : tr("%1 has not been replicated yet").arg(stalest->filesystem);
    } else {
        const std::optional<Api::SnapshotRef> &snapshot =
            isSnap(freshness.type) ? stalest->newestSnapshot : stalest->replicatedSnapshot;
        const QString name = snapshot ? stalest->filesystem + u'@' + snapshot->name : stalest->filesystem;
        job.lastBackupNote = isSnap(freshness.type)   ? tr("The newest snapshot: %1").arg(name)
                             : isSink(freshness.type) ? tr("The last receive into %1").arg(name)
                                                      : tr("The newest snapshot the receiver has: %1").arg(name);
        if (count > 1) {
            job.lastBackupNote +=
                u'\n' + tr("The stalest of the job's %1 filesystems: the job is only as fresh as it.").arg(count);
        }
    }

    job.nextRun = nextRun(freshness);
    QStringList next;
    if (const std::optional<QDateTime> snapshot = freshness.nextSnapshotAt.toOptionalDateTime()) {
        next.append(tr("Next snapshot: %1").arg(Format::longDateTime(*snapshot)));
    }
    if (const std::optional<QDateTime> replication = freshness.nextReplicationAt.toOptionalDateTime()) {
        next.append(tr("Next replication: %1").arg(Format::longDateTime(*replication)));
    }
    job.nextRunNote =
        next.isEmpty() ? tr("Nothing scheduled: this job waits for a wakeup or for its peer") : next.join(u'\n');
}

void BackupFreshness::fromStatus(JobSummary &job, const Api::JobStatus &status, bool noFreshnessEndpoint)
{
    job.freshnessReported = false;
    job.freshnessPending = !noFreshnessEndpoint;
    job.freshness = Api::Health::Unknown;
    job.freshnessReason =
        noFreshnessEndpoint
            ? tr("zrepl does not report snapshot ages, so the GUI cannot tell whether the backups are recent enough; "
                 "the icon shows the last run only")
            : tr("Waiting for the daemon's freshness report");
    QStringList note;
    switch (status.type) {
    case Api::JobStatus::Type::Push:
    case Api::JobStatus::Type::Pull: {
        const Api::ActiveSideStatus *active = status.active();
        job.lastBackup = active && active->replication ? lastCompletedReplication(*active->replication) : std::nullopt;
        note.append(job.lastBackup ? tr("When the last completed replication finished; the snapshots it sent are older")
                                   : tr("The daemon's report shows no completed replication"));
        if (noFreshnessEndpoint) {
            note.append(tr("zrepl does not report snapshot ages: how old the replicated data is cannot be known"));
        }
        break;
    }
    case Api::JobStatus::Type::Snap:
        job.lastBackup = job.lastSnapshot;
        note.append(job.lastBackup ? tr("The newest snapshot of the snapshotter's last round")
                                   : tr("The daemon's report shows no snapshot taken"));
        if (noFreshnessEndpoint) {
            note.append(tr("zrepl does not report snapshot ages: snapshots of earlier rounds are not known"));
        }
        break;
    case Api::JobStatus::Type::Sink:
    case Api::JobStatus::Type::Source:
    case Api::JobStatus::Type::Internal:
        job.lastBackup.reset();
        note.append(noFreshnessEndpoint
                        ? tr("zrepl does not report what a %1 job received or sent").arg(Api::toString(status.type))
                        : tr("Waiting for the daemon's freshness report"));
        break;
    }
    job.lastBackupNote = note.join(u'\n');
    job.nextRun = job.nextSnapshot;
    if (job.nextSnapshot) {
        job.nextRunNote = tr("Next snapshot: %1").arg(Format::longDateTime(*job.nextSnapshot));
        if (status.type == Api::JobStatus::Type::Push) {
            job.nextRunNote += u'\n' + tr("A replication follows each snapshot round");
        }
    } else {
        job.nextRunNote = noFreshnessEndpoint && status.type == Api::JobStatus::Type::Pull
                              ? tr("zrepl does not report when a pull job runs next")
                              : QString();
    }
}

}  // namespace Gui
