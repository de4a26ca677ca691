// SPDX-License-Identifier: MIT
#include "app/core/JobActions.h"

namespace Gui {

bool JobActions::takesSignals(Api::JobStatus::Type type)
{
    return type != Api::JobStatus::Type::Sink && type != Api::JobStatus::Type::Source;
}

JobActionState JobActions::compute(const JobSummary *job, bool connected, bool readOnly)
{
    JobActionState state;
    const bool running = job && job->health == Health::Running;
    state.wakeupTip = tr("Start the selected job's replication or snapshotting now");
    state.resetTip = running ? tr("Abort what the selected job is doing") : tr("Reset the selected job");
    if (!connected || !job) {
        return state;
    }
    if (!takesSignals(job->type)) {
        state.wakeupTip = state.resetTip = tr("Sink and source jobs wait for the other side: they take no signals");
        return state;
    }
    if (readOnly) {
        // Said on the actions themselves: a greyed-out button that does not say why looks like a bug.
        state.wakeupTip = wakeupNeedsAdmin();
        state.resetTip = tr("Read-only: resetting a job needs root or the daemon's admin group "
                            "(global.control.admin_group)");
        return state;
    }
    state.wakeup = true;
    state.reset = true;
    return state;
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
