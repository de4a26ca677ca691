// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include "shared/control/Freshness.h"
#include "shared/control/JobStatus.h"

namespace Gui {

struct JobSummary;

// What "last backup" means for a job, and what the jobs table says about it, from the daemon's freshness report or,
// against zrepl (which has no such report), from what its /status tells.
//
// A job's last backup is the time its data is safe as of, on its stalest filesystem: a job is only as fresh as
// that one. Per filesystem (lastBackupOf):
// - push, pull, source: the creation of the newest snapshot the receiver has;
// - sink: when it last received (last_success_at), else the creation of what it received;
// - snap: the creation of its newest snapshot.
// A filesystem without one has no backup, and neither has the job ("never").
//
// Nothing here is shared with the monitor plugin in daemon/: it judges health, which the daemon reports ready; the
// GUI only chooses which time to show.
class BackupFreshness
{
    Q_DECLARE_TR_FUNCTIONS(Gui::BackupFreshness)

public:
    static const Api::JobFreshness *find(const Api::FreshnessReport &report, const QString &job);
    static std::optional<QDateTime> lastBackupOf(const QString &jobType, const Api::FilesystemFreshness &fs);
    // The job's last backup; `stalest` gets the filesystem it comes from (or the first one without any).
    static std::optional<QDateTime> lastBackup(const Api::JobFreshness &job, const Api::FilesystemFreshness **stalest);
    // The next snapshot or replication, whichever comes first; none when the job has no schedule (sink, manual).
    static std::optional<QDateTime> nextRun(const Api::JobFreshness &job);

    // Fills the freshness fields of `job` from the daemon's report.
    static void fromReport(JobSummary &job, const Api::JobFreshness &freshness);
    // Fills them from the job's status alone: the end of the last completed replication, the snapshotter's newest
    // snapshot, its next round. `noFreshnessEndpoint`: the daemon (zrepl) cannot tell more, which the notes say.
    static void fromStatus(JobSummary &job, const Api::JobStatus &status, bool noFreshnessEndpoint);
};

}  // namespace Gui
