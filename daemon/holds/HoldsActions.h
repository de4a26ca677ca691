// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>

#include "daemon/async/Task.h"
#include "daemon/logging/Logger.h"
#include "daemon/zfs/ZfsClient.h"
#include "shared/control/Holds.h"

namespace Holds {

// The admin actions on replication's holds, each planned from a fresh report (never from what a client believes)
// and idempotent: what is gone already counts as done. A dry run plans and changes nothing.
//
// An action never touches a filesystem on which a replication step runs now: it is skipped (release-stale) or the
// action is refused (the others), with the job named.
namespace Actions {

// Every stale hold and step bookmark (of `job` only when given), and stale cursors of jobs that are gone.
Api::HoldsActionReply planReleaseStale(const Api::HoldsReport &report, const QString &job);
// Everything Holdfast/zrepl keep for replication on `filesystems` (a filesystem first, then its copies on this
// machine): holds, step bookmarks, cursors, and a partial receive; one whose step runs now is skipped.
// `stillReplicatedBy` names the jobs whose filesystems still include the first: their next run places them again,
// which the reply warns about.
Api::HoldsActionReply planStopReplicating(const Api::HoldsReport &report, const QStringList &filesystems,
                                          const QStringList &stillReplicatedBy);
// The partial receive on `filesystem` (none: an empty plan, which is done).
Api::HoldsActionReply planAbandonResume(const Api::HoldsReport &report, const QString &filesystem);

// Carries out a plan's changes in order, filling in `done` and `error`, logging each.
Async::Task<Api::HoldsActionReply> execute(Zfs::ZfsClient &zfs, Api::HoldsActionReply plan, Log::Context log);

}  // namespace Actions

}  // namespace Holds
