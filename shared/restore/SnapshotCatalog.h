// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace Restore {

// One snapshot of a filesystem whose tree can be read: through <mountpoint>/.zfs/snapshot/<name>, or where the
// daemon mounted a backup's snapshot for browsing.
struct SnapshotEntry
{
    enum class TimeSource
    {
        Zfs,  // the snapshot's creation property
        Name,  // a date and time in the name (zrepl's and most tools' naming), taken as UTC
        Directory,  // the modification time of its root directory: the last change before the snapshot
        Unknown,
    };

    QString name;  // after '@'
    QString root;  // the directory holding the snapshot's tree
    QDateTime created;  // UTC; invalid when TimeSource::Unknown
    TimeSource timeSource = TimeSource::Unknown;
    // Held by `zfs hold` (userrefs > 0): pruning leaves it. Known only where zfs could be asked.
    std::optional<bool> held;
    QString prefix;  // the part of the name before its date ("zrepl_", "autosnap_"), "" when none was found

    friend bool operator==(const SnapshotEntry &, const SnapshotEntry &) = default;
};

// What `zfs list -t snapshot` says about one snapshot, parsed from its -H -p output.
struct ZfsSnapshotFacts
{
    QString name;  // after '@'
    QDateTime created;
    qint64 userrefs = 0;
};

// Runs `zfs list -H -p -t snapshot -d 1 -o name,creation,userrefs DATASET` as the calling user and returns its
// standard output, or nullopt when zfs is missing or refused (no /dev/zfs access): the catalog then goes without.
using ZfsSnapshotQuery = std::function<std::optional<QByteArray>(const QString &dataset)>;

class SnapshotCatalog
{
public:
    // The snapshots of the filesystem `dataset` mounted at `mountPoint`, newest first. Which snapshots exist comes
    // from <mountPoint>/.zfs/snapshot (what the user can browse); their times and holds from `query` where it
    // answers, else from the names, else from the directories. `error` says why nothing could be listed.
    static QList<SnapshotEntry> list(const QString &mountPoint, const QString &dataset, const ZfsSnapshotQuery &query,
                                     QString *error = nullptr);
    // One snapshot whose tree is at `root` (a backup's snapshot the daemon mounted).
    static SnapshotEntry single(const QString &name, const QString &root, const QDateTime &created);

    static ZfsSnapshotQuery systemQuery();  // the real `zfs`, or $HOLDFAST_ZFS_BINARY (waits at most 30 s)
    static QList<ZfsSnapshotFacts> parseZfsListing(const QByteArray &output);
    // A date and time in a snapshot name: zrepl's 20261205_140000_000 (and its other timestamp_format choices:
    // 2026-12-05T14:00:00Z, 2026-12-05_14:00:00, unix seconds after the prefix), sanoid's and
    // zfs-auto-snapshot's 2026-12-05_14:00:00 / 2026-12-05-1400. Sets `prefix` to what comes before it.
    static std::optional<QDateTime> timeFromName(const QString &name, QString *prefix = nullptr);
};

}  // namespace Restore
