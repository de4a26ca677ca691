// SPDX-License-Identifier: MIT
#include "app/core/JobActions.h"

namespace Gui {

bool JobActions::takesSignals(Api::JobStatus::Type type)
{
    return type != Api::JobStatus::Type::Sink && type != Api::JobStatus::Type::Source;
}

bool JobActions::takesPause(Api::JobStatus::Type type)
{
    return type == Api::JobStatus::Type::Push || type == Api::JobStatus::Type::Pull;
}

JobActionState JobActions::compute(const JobSummary *job, bool connected, bool readOnly, bool pauseSupported)
{
    JobActionState state;
    const bool running = job && job->health == Health::Running;
    state.wakeupTip = tr("Start the selected job's replication or snapshotting now");
    state.resetTip = running ? tr("Abort what the selected job is doing") : tr("Reset the selected job");
    state.pauseTip = tr("Stop the selected job's replication until it is resumed; snapshots go on");
    state.resumeTip = tr("Let the selected job replicate again");
    if (!connected || !job) {
        return state;
    }
    if (!takesSignals(job->type)) {
        state.wakeupTip = state.resetTip = tr("Sink and source jobs wait for the other side: they take no signals");
        state.pauseTip = state.resumeTip = tr("Only push and pull jobs can be paused");
        return state;
    }
    if (readOnly) {
        // Said on the actions themselves: a greyed-out button that does not say why looks like a bug.
        state.wakeupTip = wakeupNeedsAdmin();
        state.resetTip = tr("Read-only: resetting a job needs root or the daemon's admin group "
                            "(global.control.admin_group)");
        state.pauseTip = state.resumeTip = tr("Read-only: pausing or resuming a job needs root or the daemon's admin "
                                              "group (global.control.admin_group)");
        return state;
    }
    state.wakeup = true;
    state.reset = true;
    if (!takesPause(job->type)) {
        state.pauseTip = state.resumeTip = tr("Only push and pull jobs can be paused");
    } else if (!pauseSupported) {
        state.pauseTip = state.resumeTip = tr("This daemon (zrepl) cannot pause jobs");
    } else if (job->paused) {
        state.resume = true;
        state.pauseTip = tr("%1 is paused already").arg(job->name);
    } else {
        state.pause = true;
        state.resumeTip = tr("%1 is not paused").arg(job->name);
    }
    return state;
}

QString JobActions::pauseQuestion(const QString &job)
{
    return tr("Replication of job %1 stops until you resume it; snapshots continue to be taken and pruned. A "
              "replication in progress is interrupted and resumes where it stopped.")
        .arg(job);
}

QString JobActions::resumeQuestion(const QString &job)
{
    return tr("Job %1 replicates again from its next run on, starting with the snapshots taken while it was paused.")
        .arg(job);
}

QString JobActions::readOnlyExplanation()
{
    return tr("You may watch the jobs, but sending signals needs root or the daemon's admin group "
              "(global.control.admin_group).");
}

QString JobActions::wakeupNeedsAdmin()
{
    return tr("Read-only: waking up a job needs root or the daemon's admin group (global.control.admin_group)");
}

}  // namespace Gui
