// SPDX-License-Identifier: MIT
#include "app/core/ConfigActions.h"

namespace Gui {

namespace {

const Api::ConfigJobSummary *findJob(const Api::ConfigDocument &document, const QString &name)
{
    for (const Api::ConfigJobSummary &job : document.jobs) {
        if (job.name == name) {
            return &job;
        }
    }
    return nullptr;
}

}  // namespace

ConfigActionState ConfigActions::compute(const ConfigActionInput &in)
{
    ConfigActionState state;
    QString why;
    if (!in.connected) {
        why = tr("Not connected to the daemon");
    } else if (in.loadFailure && !in.document) {
        why = in.loadFailure->message;
    } else if (in.document && !in.document->editable) {
        why = in.document->readOnlyReason.isEmpty() ? tr("The daemon lets this user read the configuration only")
                                                    : in.document->readOnlyReason;
    } else if (in.readOnlyAccess) {
        why = tr("The daemon lets this user watch only: changing the configuration needs root or its admin group");
    } else if (!in.document) {
        why = in.loading ? tr("Reading the configuration…") : tr("The configuration has not been read yet");
    } else if (in.applying) {
        why = tr("A change is being applied");
    }
    if (!why.isEmpty()) {
        // Loading and applying pass by themselves; the others are why nothing can be changed.
        const bool passing = in.connected && (in.applying || (in.loading && !in.document)) && !in.readOnlyAccess;
        state.readOnlyReason = passing ? QString() : why;
        state.newBackupTip = state.editJobTip = state.removeJobTip = state.advancedTip = why;
        return state;
    }
    const QString path = in.document->path;
    state.newBackup = true;
    state.newBackupTip = tr("Set up a new backup: its jobs are added to %1 and start at once").arg(path);
    state.advanced = true;
    state.advancedTip = tr("Edit %1 as text, checked by the daemon as you type; shows the changes before they are "
                           "applied")
                            .arg(path);
    const Api::ConfigJobSummary *job = in.selectedJob.isEmpty() ? nullptr : findJob(*in.document, in.selectedJob);
    if (!job) {
        const QString none = in.selectedJob.isEmpty()
                                 ? tr("Select a job first")
                                 : tr("Job %1 is not in the configuration file (any more)").arg(in.selectedJob);
        state.editJobTip = state.removeJobTip = none;
        return state;
    }
    if (job->type == u"sink") {
        state.editJobTip = tr("A sink job has no schedule or retention of its own: the jobs that push to it decide. "
                              "Use Edit Configuration (Advanced)… to change it");
    } else {
        state.editJob = true;
        state.editJobTip = tr("Change the schedule, retention or filesystems of %1; the rest of the file stays as "
                              "written")
                               .arg(job->name);
    }
    state.removeJob = true;
    state.removeJobTip = tr("Remove %1 from the configuration: it stops; its snapshots and holds stay").arg(job->name);
    return state;
}

}  // namespace Gui
