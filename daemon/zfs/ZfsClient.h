// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QMap>
#include <QSet>
#include <QStringList>

#include <optional>

#include "daemon/async/Task.h"
#include "daemon/zfs/ZfsCommand.h"
#include "daemon/zfs/ZfsTypes.h"

namespace Zfs {

template<typename T>
struct Result
{
    T value{};
    ZfsError error;

    bool ok() const { return error.ok(); }
};

// What one `zfs` binary and its pools can do. OpenZFS 2.x can do everything; zfs-fuse (pool v23) has snapshots,
// holds and incremental send/recv but no bookmarks, resumable receive, raw sends, `list -p`, `get -t`, comma lists
// in `destroy`, several snapshots per `zfs snapshot` or a working `zfs holds`.
struct Capabilities
{
    QString version;  // "zfs-2.1.11-1", or "" for a binary without `zfs version` (zfs-fuse)
    QString kernelModule;  // "zfs-kmod-2.1.11-1", the second line of `zfs version`; "" where not loaded
    bool modern = false;  // OpenZFS ≥ 0.8 command line: version, get -t, list -p, destroy a,b,c, holds -H
    QHash<QString, bool> poolBookmarks;  // pool → feature@bookmarks enabled or active
    QHash<QString, bool> poolEncryption;  // pool → feature@encryption enabled or active
    QHash<QString, bool> poolResume;  // pool → feature@extensible_dataset (receive_resume_token)

    bool bookmarks(const QString &pool) const { return modern && poolBookmarks.value(pool); }
    bool resumableReceive(const QString &pool) const { return modern && poolResume.value(pool); }
    bool rawSend(const QString &pool) const { return modern && poolEncryption.value(pool); }
    bool holdsListing() const { return modern; }
    // `zfs holds -p` (exact seconds) came with OpenZFS 2.2; 2.1, Debian 12's own, has only the local-time text.
    bool holdsParsable() const;
    // "OpenZFS 2.1.11 (zfs-2.1.11-1+deb12u1, zfs-kmod-2.1.11-1+deb12u1)", saying so where the userland and the
    // loaded kernel module differ: the line a user's log leads with.
    QString summary() const;
    // One sentence per missing capability, for the log and the job status: what is missing and what Holdfast does
    // instead.
    QStringList missing(const QStringList &pools) const;
};

// Per snapshot: nothing when it is gone (destroyed now or before), else why it stays.
using DestroyOutcome = QMap<QString, ZfsError>;

// The ZFS operations jobs need, each batched into as few processes as the binary allows and idempotent where
// ZFS's own answer allows it: a snapshot that exists, a destroyed snapshot that is gone, a hold that is held and a
// released hold that is not there all count as done.
class ZfsClient
{
public:
    explicit ZfsClient(ZfsCommand &command);

    // Detected once per client (one `zfs version`, one `zpool get`), then cached.
    Async::Task<Result<Capabilities>> capabilities();
    void forgetCapabilities() { m_capabilities.reset(); }

    // Every filesystem and volume of every imported pool, with the properties asked for (values as `zfs get -Hp`).
    Async::Task<Result<QList<Dataset>>> listFilesystems(QStringList properties = {});
    // The snapshots (and bookmarks, where asked and possible) of the given filesystems, in one process for all:
    // `zfs get -r` over the top-most of them. Each list is sorted by createtxg. Filesystems with none are absent.
    Async::Task<Result<QHash<QString, QList<FilesystemVersion>>>> listVersions(QList<DatasetPath> filesystems,
                                                                             bool bookmarks);

    Async::Task<ZfsError> snapshot(QString filesystem, QString name);
    Async::Task<DestroyOutcome> destroySnapshots(QString filesystem, QStringList names);
    Async::Task<ZfsError> hold(QString tag, QStringList snapshots);
    Async::Task<ZfsError> release(QString tag, QStringList snapshots);
    // The datasets where `property` is set locally to `value` (not inherited): zrepl's placeholder marker is a user
    // property, which children inherit.
    Async::Task<Result<QSet<QString>>> datasetsWithLocalProperty(QString property, QString value);
    // `zfs bookmark SOURCE BOOKMARK` (source: fs@snap, or fs#bm where ZFS can copy bookmarks); done when a
    // bookmark of that name exists already.
    Async::Task<ZfsError> bookmark(QString source, QString bookmark);
    // Each `fs#name`; a bookmark that is gone counts as destroyed.
    Async::Task<ZfsError> destroyBookmarks(QStringList bookmarks);
    // `zfs create -o k=v ... PATH` (not -p: parents are the caller's decision); done when it exists.
    Async::Task<ZfsError> createFilesystem(QString path, QMap<QString, QString> properties);
    // The user holds on these snapshots (full names), in batches of one process per few hundred snapshots.
    Async::Task<Result<QList<Hold>>> holds(QStringList snapshots);

    // listFilesystems() with each one's receive_resume_token (Dataset::resumeToken) where the zfs has resumable
    // receives; without them (zfs-fuse) every token is "".
    Async::Task<Result<QList<Dataset>>> listFilesystemsWithResumeTokens();
    // `zfs recv -A FS`: discards an interrupted resumable receive. Done when there is none (any more).
    Async::Task<ZfsError> abortPartialReceive(QString filesystem);

    ZfsCommand &command() { return m_command; }

private:
    ZfsCommand &m_command;
    std::optional<Capabilities> m_capabilities;
};

}  // namespace Zfs
