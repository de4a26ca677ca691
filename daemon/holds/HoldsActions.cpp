// SPDX-License-Identifier: MIT
#include "daemon/holds/HoldsActions.h"

using namespace Qt::StringLiterals;

namespace Holds::Actions {

namespace {

using Kind = Api::AbstractionItem::Kind;
using Action = Api::HoldsChange::Action;

Api::HoldsChange changeFor(const Api::AbstractionItem &item, const QString &reason)
{
    Api::HoldsChange change;
    const bool hold = item.kind == Kind::StepHold || item.kind == Kind::LastReceivedHold;
    change.action = hold ? Action::ReleaseHold : Action::DestroyBookmark;
    change.target = item.target();
    change.tag = item.tag;
    change.reason = reason;
    return change;
}

QString busy(const Api::FilesystemHolds &fs)
{
    return u"%1: a replication step of job \"%2\" runs on it now; try again when it is done"_s.arg(fs.filesystem,
                                                                                                   fs.runningStepJob);
}

}  // namespace

Api::HoldsActionReply planReleaseStale(const Api::HoldsReport &report, const QString &job)
{
    Api::HoldsActionReply plan;
    for (const Api::FilesystemHolds &fs : report.filesystems) {
        bool any = false;
        for (const Api::AbstractionItem &item : fs.items) {
            if (!item.stale || (!job.isEmpty() && item.job != job)) {
                continue;
            }
            // A stale cursor is only removed when its job is gone: a live job's cursor is replaced by its next step.
            if (item.kind == Kind::ReplicationCursor && !item.staleReason.contains(u"not in this daemon's configuration"_s)) {
                continue;
            }
            any = true;
            if (fs.runningStepJob.isEmpty()) {
                plan.changes.append(changeFor(item, item.staleReason));
            }
        }
        if (any && !fs.runningStepJob.isEmpty()) {
            plan.skipped.append(busy(fs));
        }
    }
    return plan;
}

Api::HoldsActionReply planStopReplicating(const Api::HoldsReport &report, const QStringList &filesystems,
                                          const QStringList &stillReplicatedBy)
{
    Api::HoldsActionReply plan;
    for (const Api::FilesystemHolds &fs : report.filesystems) {
        if (!filesystems.contains(fs.filesystem)) {
            continue;
        }
        if (!fs.runningStepJob.isEmpty()) {
            plan.skipped.append(busy(fs));
            continue;
        }
        for (const Api::AbstractionItem &item : fs.items) {
            if (item.kind == Kind::ReplicationCursorV1) {
                continue;
            }
            plan.changes.append(changeFor(item, u"stop replicating %1: %2"_s.arg(fs.filesystem, item.purpose.toLower())));
        }
        if (fs.partialReceive) {
            Api::HoldsChange change;
            change.action = Action::AbandonPartialReceive;
            change.target = fs.filesystem;
            change.reason = u"stop replicating %1: the interrupted receive of %2 (%3 bytes) will not be resumed"_s.arg(
                fs.filesystem, fs.partialReceive->toName).arg(fs.partialReceive->bytes);
            plan.changes.append(change);
        }
    }
    const QString filesystem = filesystems.value(0);
    if (!stillReplicatedBy.isEmpty()) {
        plan.warnings.append(u"%1 is still among the filesystems of job(s) %2: their next run holds it again. Remove it "
                             "from their `filesystems` first."_s.arg(filesystem, stillReplicatedBy.join(u", "_s)));
    }
    plan.warnings.append(u"The snapshots stay; only what protects them for replication goes. A later replication of "
                         "this filesystem may have to start with a full send."_s);
    return plan;
}

Api::HoldsActionReply planAbandonResume(const Api::HoldsReport &report, const QString &filesystem)
{
    Api::HoldsActionReply plan;
    for (const Api::FilesystemHolds &fs : report.filesystems) {
        if (fs.filesystem != filesystem || !fs.partialReceive) {
            continue;
        }
        if (!fs.runningStepJob.isEmpty()) {
            plan.skipped.append(busy(fs));
            return plan;
        }
        Api::HoldsChange change;
        change.action = Action::AbandonPartialReceive;
        change.target = filesystem;
        change.reason = u"discard the interrupted receive of %1 (%2 bytes received); the next replication sends this "
                        "step again from its start"_s.arg(fs.partialReceive->toName.isEmpty() ? u"an unreadable token"_s
                                                                                             : fs.partialReceive->toName)
                            .arg(fs.partialReceive->bytes);
        plan.changes.append(change);
    }
    return plan;
}

Async::Task<Api::HoldsActionReply> execute(Zfs::ZfsClient &zfs, Api::HoldsActionReply plan, Log::Context log)
{
    for (Api::HoldsChange &change : plan.changes) {
        Zfs::ZfsError error;
        switch (change.action) {
        case Action::ReleaseHold:
            error = co_await zfs.release(change.tag, QStringList(change.target));
            break;
        case Action::DestroyBookmark:
            error = co_await zfs.destroyBookmarks(QStringList(change.target));
            break;
        case Action::AbandonPartialReceive:
            error = co_await zfs.abortPartialReceive(change.target);
            break;
        }
        change.done = error.ok();
        change.error = error.ok() ? QString() : error.toString().trimmed();
        QList<Log::Field> fields{{u"action"_s, Api::toString(change.action)}, {u"target"_s, change.target},
                                 {u"reason"_s, change.reason}};
        if (!change.tag.isEmpty()) {
            fields.append({u"tag"_s, change.tag});
        }
        if (change.done) {
            log.info(u"holds action done"_s, fields);
        } else {
            fields.append({u"err"_s, change.error});
            log.error(u"holds action failed"_s, fields);
        }
    }
    co_return plan;
}

}  // namespace Holds::Actions
