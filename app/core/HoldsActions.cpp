// SPDX-License-Identifier: MIT
#include "app/core/HoldsActions.h"

#include <algorithm>

#include "app/models/HoldsModel.h"

using namespace Qt::StringLiterals;

namespace Gui {

namespace {

QString needsAdmin()
{
    return QCoreApplication::translate("Gui::HoldsActions",
                                       "Read-only: changing holds needs root or the daemon's admin group "
                                       "(global.control.admin_group)");
}

}  // namespace

QByteArray HoldsActions::endpoint(HoldsAction action)
{
    switch (action) {
    case HoldsAction::ReleaseStale:
        return Api::HoldfastEndpoint::ReleaseStale;
    case HoldsAction::AbandonResume:
        return Api::HoldfastEndpoint::AbandonResume;
    case HoldsAction::StopReplicating:
        return Api::HoldfastEndpoint::StopReplicating;
    }
    return {};
}

Api::HoldsActionRequest
HoldsActions::request(HoldsAction action, const QString &job, const QString &filesystem, bool dryRun)
{
    Api::HoldsActionRequest request;
    if (action == HoldsAction::ReleaseStale) {
        request.job = job;
    } else {
        request.filesystem = filesystem;
    }
    request.dryRun = dryRun;
    return request;
}

HoldsActionsState HoldsActions::compute(
    const Api::HoldsReport *report, const QString &job, const QString &filesystem, bool connected, bool readOnly)
{
    HoldsActionsState state;
    state.releaseStaleTip = job.isEmpty() ? tr("Release the holds and destroy the bookmarks that protect nothing any "
                                               "more, of every job")
                                          : tr("Release the holds and destroy the bookmarks of job %1 that protect "
                                               "nothing any more")
                                                .arg(job);
    state.abandonResumeTip = tr("Give up the interrupted receive of the selected filesystem (zfs recv -A)");
    state.stopReplicatingTip = tr("Drop every hold, bookmark and cursor that keeps the selected filesystem "
                                  "replicating");
    if (!connected || !report) {
        return state;
    }
    if (readOnly) {
        // Said on the actions themselves, as for the signals: a greyed-out button that does not say why looks
        // like a bug.
        state.releaseStaleTip = state.abandonResumeTip = state.stopReplicatingTip = needsAdmin();
        return state;
    }
    bool stale = false;
    for (const Api::FilesystemHolds &fs : report->filesystems) {
        for (const Api::AbstractionItem &item : fs.items) {
            stale = stale || (item.stale && (job.isEmpty() || item.job == job || item.job.isEmpty()));
        }
    }
    state.releaseStale = stale;
    if (!stale) {
        state.releaseStaleTip = job.isEmpty() ? tr("Nothing is stale") : tr("Nothing of job %1 is stale").arg(job);
    }

    const auto found = std::find_if(report->filesystems.cbegin(),
                                    report->filesystems.cend(),
                                    [&](const Api::FilesystemHolds &fs) { return fs.filesystem == filesystem; });
    const Api::FilesystemHolds *fs = found == report->filesystems.cend() ? nullptr : &*found;
    if (filesystem.isEmpty()) {
        state.abandonResumeTip = state.stopReplicatingTip = tr("Select a filesystem first");
        return state;
    }
    if (fs && !fs->runningStepJob.isEmpty()) {
        // The daemon would refuse (409): say so before the user asks.
        state.abandonResumeTip = state.stopReplicatingTip =
            tr("A replication step of job %1 runs on %2 now").arg(fs->runningStepJob, filesystem);
        return state;
    }
    state.abandonResume = fs && fs->partialReceive;
    if (!state.abandonResume) {
        state.abandonResumeTip = tr("%1 has no interrupted receive").arg(filesystem);
    }
    state.stopReplicating = fs && !fs->items.isEmpty();
    if (!state.stopReplicating) {
        state.stopReplicatingTip = tr("Nothing keeps %1 replicating").arg(filesystem);
    }
    return state;
}

QString HoldsActions::actionText(HoldsAction action)
{
    switch (action) {
    case HoldsAction::ReleaseStale:
        return tr("Release Stale Items…");
    case HoldsAction::AbandonResume:
        return tr("Abandon Interrupted Receive…");
    case HoldsAction::StopReplicating:
        return tr("Stop Replicating This Filesystem…");
    }
    return {};
}

QString HoldsActions::title(HoldsAction action, const QString &job, const QString &filesystem)
{
    switch (action) {
    case HoldsAction::ReleaseStale:
        return job.isEmpty() ? tr("Release stale items of every job?") : tr("Release stale items of %1?").arg(job);
    case HoldsAction::AbandonResume:
        return tr("Abandon the interrupted receive on %1?").arg(filesystem);
    case HoldsAction::StopReplicating:
        return tr("Stop replicating %1?").arg(filesystem);
    }
    return {};
}

QString HoldsActions::changeText(const Api::HoldsChange &change)
{
    QString what;
    switch (change.action) {
    case Api::HoldsChange::Action::ReleaseHold:
        what = tr("Release hold %1 on %2").arg(change.tag, change.target);
        break;
    case Api::HoldsChange::Action::DestroyBookmark:
        what = tr("Destroy bookmark %1").arg(change.target);
        break;
    case Api::HoldsChange::Action::AbandonPartialReceive:
        what = tr("Abandon the interrupted receive on %1").arg(change.target);
        break;
    }
    if (!change.reason.isEmpty()) {
        what = tr("%1: %2").arg(what, change.reason);
    }
    if (!change.error.isEmpty()) {
        what += u'\n' + tr("    failed: %1").arg(change.error);
    }
    return what;
}

QString HoldsActions::listing(const Api::HoldsActionReply &reply)
{
    QStringList lines;
    for (const Api::HoldsChange &change : reply.changes) {
        lines.append(u"• "_s + changeText(change));
    }
    if (!reply.skipped.isEmpty()) {
        lines.append(tr("Left alone:"));
        for (const QString &skipped : reply.skipped) {
            lines.append(u"• "_s + skipped);
        }
    }
    if (!reply.warnings.isEmpty()) {
        lines.append(tr("Warnings:"));
        for (const QString &warning : reply.warnings) {
            lines.append(u"• "_s + warning);
        }
    }
    return lines.join(u'\n');
}

QString HoldsActions::question(HoldsAction action,
                               const QString &job,
                               const QString &filesystem,
                               const Api::HoldsActionReply &preview)
{
    const int count = int(preview.changes.size());
    switch (action) {
    case HoldsAction::ReleaseStale:
        return job.isEmpty()
                   ? tr("These %1 stale items of every job will go. They protect no replication any more.").arg(count)
                   : tr("These %1 stale items of job %2 will go. They protect no replication any more.")
                         .arg(count)
                         .arg(job);
    case HoldsAction::AbandonResume:
        return tr("The data received so far into %1 is discarded; the next replication starts this step anew.")
            .arg(filesystem);
    case HoldsAction::StopReplicating:
        return tr("These %1 items keep %2 replicating. Without them the next replication of %2 cannot go on "
                  "incrementally from where it stopped, and the pruning may destroy the snapshots they kept.")
            .arg(count)
            .arg(filesystem);
    }
    return {};
}

QString HoldsActions::resultText(const Api::HoldsActionReply &reply)
{
    const int total = int(reply.changes.size());
    const int failed =
        int(std::count_if(reply.changes.cbegin(), reply.changes.cend(), [](const Api::HoldsChange &change) {
            return !change.error.isEmpty();
        }));
    if (total == 0) {
        return tr("Nothing to change");
    }
    if (failed == 0) {
        return tr("%1 of %1 changes made").arg(total);
    }
    return tr("%1 of %2 changes made; %3 failed").arg(total - failed).arg(total).arg(failed);
}

}  // namespace Gui
