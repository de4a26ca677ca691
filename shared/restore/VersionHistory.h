// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

#include <atomic>

#include "shared/restore/SnapshotCatalog.h"

namespace Restore {

// What stat(2) says about a path, as far as telling versions apart goes.
struct FileState
{
    enum class Type
    {
        Missing,  // not there (or not readable up to it: the snapshot's directories deny the user)
        File,
        Directory,
        Symlink,
        Other,  // fifo, socket, device
    };

    Type type = Type::Missing;
    qint64 size = 0;
    qint64 mtimeNs = 0;  // nanoseconds since the epoch
    quint64 inode = 0;  // ZFS keeps a file's object number across snapshots: a new one means it was replaced
    quint32 mode = 0;  // permission bits
    quint32 uid = 0;
    int error = 0;  // errno when stat failed with something else than "not there", e.g. EACCES

    bool exists() const
    {
        return type != Type::Missing;
    }
    // The same content as far as stat can tell without reading: type, size, mtime and inode. Ownership and mode
    // (ctime-only changes) are not a new version.
    bool sameContentAs(const FileState &other) const
    {
        return type == other.type && size == other.size && mtimeNs == other.mtimeNs && inode == other.inode;
    }
    QDateTime modified() const;

    static FileState of(const QString &path);  // lstat: a symlink is a version of its own, never followed
};

// One version of a path: the snapshots, consecutive in time, in which it had the same content.
struct FileVersion
{
    FileState state;  // Missing: the path did not exist in these snapshots
    int newest = 0;  // index into FileHistory::snapshots (newest first) of the newest snapshot with this version
    int oldest = 0;  // ... and the oldest
    bool current = false;  // the live path has this very content now

    int snapshotCount() const
    {
        return oldest - newest + 1;
    }
};

// The versions of one path across a filesystem's snapshots, newest first.
struct FileHistory
{
    QString livePath;  // the path as it is now
    QString relativePath;  // within the filesystem
    FileState live;
    QList<SnapshotEntry> snapshots;  // newest first, as given
    QList<FileVersion> versions;  // newest first; spans where the path was missing are versions of their own
    bool cancelled = false;

    // The path of `relativePath` inside snapshot `index`.
    QString pathIn(int snapshotIndex) const;
    // How many versions have content (not the "missing" spans).
    int contentVersions() const;
};

// Stats the path in every snapshot (no content is read) and groups consecutive snapshots with the same content.
// `snapshots` newest first; `cancel`, when set, is checked between snapshots. Safe to run on any thread.
FileHistory computeHistory(const QString &livePath, const QString &relativePath, const QList<SnapshotEntry> &snapshots,
                           const std::atomic<bool> *cancel = nullptr);

}  // namespace Restore
