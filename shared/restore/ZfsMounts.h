// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace Restore {

// One mounted ZFS filesystem, as the kernel lists it in /proc/self/mountinfo.
struct ZfsMount
{
    QString dataset;  // "pool/home/alice"; a mounted snapshot has "pool/fs@snap"
    QString mountPoint;  // "/home/alice"
    bool readOnly = false;

    bool isSnapshot() const
    {
        return dataset.contains(u'@');
    }
    // Where this filesystem's snapshots are: "<mountPoint>/.zfs/snapshot".
    QString snapshotDirectory() const;
    friend bool operator==(const ZfsMount &, const ZfsMount &) = default;
};

// A path inside a mounted ZFS filesystem.
struct FileLocation
{
    ZfsMount mount;
    QString relativePath;  // relative to the mount point, "" for the mount point itself, never starting with '/'
};

// The ZFS mounts of this process's mount namespace. Reading /proc needs no privilege, unlike `zfs list` on some
// systems, and it also shows which filesystems the user can reach at all (not mounted = no .zfs/snapshot).
class ZfsMounts
{
public:
    static ZfsMounts fromSystem();  // /proc/self/mountinfo; empty when unreadable
    static ZfsMounts parse(const QByteArray &mountinfo);
    // For tests and fake trees: these mounts, as given.
    explicit ZfsMounts(QList<ZfsMount> mounts = {});

    // Filesystems only (mounted snapshots left out), sorted by mount point.
    QList<ZfsMount> filesystems() const;
    // The filesystem whose mount point is the longest prefix of `absolutePath` (cleaned, not resolved: the caller
    // passes a canonical path). Snapshots mounted under .zfs/snapshot are skipped: a path inside one is located
    // in its filesystem. nullopt when the path is on no ZFS filesystem.
    std::optional<FileLocation> locate(const QString &absolutePath) const;
    std::optional<ZfsMount> byDataset(const QString &dataset) const;

private:
    QList<ZfsMount> m_mounts;
};

}  // namespace Restore
