// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include "daemon/async/Task.h"
#include "daemon/zfs/DatasetFilter.h"
#include "daemon/zfs/ZfsClient.h"

namespace Endpoint {

// zrepl's ListHoldsAndBookmarksOutput: every hold and bookmark that zrepl (or Holdfast) owns on the filtered
// filesystems, as `zrepl holds list` prints it.
struct HoldsListing
{
    struct Bookmark
    {
        QString fs;
        QString name;
        quint64 guid = 0;
        QString jobId;
    };
    struct V1Cursor
    {
        QString fs;
        QString name;
    };
    struct Hold
    {
        QString fs;
        QString snap;
        quint64 snapGuid = 0;
        quint64 snapCreateTxg = 0;
        QString tag;
        QString jobId;
    };

    QList<Bookmark> stepBookmarks;
    QList<Hold> stepHolds;
    QList<Bookmark> replicationCursorBookmarks;
    QList<V1Cursor> v1ReplicationCursors;
    QList<Hold> lastReceivedHolds;
    // Snapshots with holds whose tags this zfs cannot list (zfs-fuse): reported, not guessed.
    QStringList snapshotsWithUnlistedHolds;

    // zrepl's output: Go's json.Encoder with SetIndent("  ", "  "), fields in Go's order.
    QByteArray toJson() const;
};

// Lists in a fixed number of processes whatever the number of filesystems: one `zfs get` for the filesystems, one
// for all their snapshots and bookmarks, and `zfs holds` batches for the held snapshots only.
Async::Task<Zfs::Result<HoldsListing>> listHoldsAndBookmarks(Zfs::ZfsClient &zfs, Zfs::DatasetFilter filter);

// zrepl's command-line filter: "pool/a<:ok,pool/a/tmp:!" (comma-separated <pattern>:<ok|!> pairs).
std::optional<Zfs::DatasetFilter> filterFromCommandLine(const QString &argument, QString *error);

}  // namespace Endpoint
