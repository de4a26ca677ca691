// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QList>
#include <QStringList>

#include "daemon/async/Task.h"
#include "daemon/zfs/ZfsClient.h"
#include "shared/control/Timestamp.h"

namespace Holds {

// What this machine's pools hold for replication, read in a fixed number of `zfs` processes whatever the number of
// filesystems (one listing of the filesystems with their resume tokens, one of every snapshot and bookmark, `zfs
// holds` batches for the held snapshots), plus one `zfs get` per interrupted receive for its age.
struct SurveyFacts
{
    Api::Timestamp listedAt;
    QList<Zfs::Dataset> filesystems;  // with "receive_resume_token" where the pool has one
    QHash<QString, QList<Zfs::FilesystemVersion>> versions;  // by filesystem, bookmarks included where possible
    QList<Zfs::Hold> holds;  // every user hold on those snapshots
    QStringList unlistedHolds;  // held snapshots whose tags this zfs cannot list (zfs-fuse)
    QHash<QString, Api::Timestamp> partialSince;  // filesystem → when its interrupted receive began
};

Async::Task<Zfs::Result<SurveyFacts>> surveyPools(Zfs::ZfsClient &zfs);

}  // namespace Holds
