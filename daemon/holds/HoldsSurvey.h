// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QList>
#include <QStringList>

#include <optional>

#include "daemon/async/Task.h"
#include "daemon/zfs/DatasetFilter.h"
#include "daemon/zfs/ZfsClient.h"
#include "shared/control/Timestamp.h"

namespace Holds {

// What this machine's pools hold for replication, read in a fixed number of `zfs` processes whatever the number of
// filesystems: one listing of the filesystems with their resume tokens, one of every snapshot and bookmark, `zfs
// holds` batches for the held snapshots.
struct SurveyFacts
{
    Api::Timestamp listedAt;
    QList<Zfs::Dataset> filesystems;  // with their resume tokens (Dataset::resumeToken)
    QHash<QString, QList<Zfs::FilesystemVersion>> versions;  // by filesystem, bookmarks included where possible
    QList<Zfs::Hold> holds;  // every user hold on those snapshots
    QStringList unlistedHolds;  // held snapshots whose tags this zfs cannot list (zfs-fuse)
};

// Of the filesystems `filter` matches (all when none is given).
Async::Task<Zfs::Result<SurveyFacts>> surveyPools(Zfs::ZfsClient &zfs, std::optional<Zfs::DatasetFilter> filter = std::nullopt);

}  // namespace Holds
