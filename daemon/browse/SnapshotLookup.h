// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>

#include "daemon/async/Task.h"
#include "daemon/zfs/ZfsClient.h"
#include "shared/control/Browse.h"

namespace Browse {

// What zfs says about one filesystem, as far as browsing its snapshots goes.
struct FilesystemFacts
{
    Zfs::ZfsError error;  // NotFound: there is no dataset of that name
    QString type;         // "filesystem" or "volume"
    bool mounted = false;
    QString mountpoint;      // the property: a path, "none" or "legacy"
    QString keyStatus;       // "available", "unavailable"; "-" or "" when not encrypted (or zfs-fuse)
    QString encryptionRoot;  // whose key unlocks it ("-" or "" when not encrypted)

    bool keyLoaded() const
    {
        return keyStatus != u"unavailable";
    }
};

// The zfs questions of the browse endpoints, each one process (after the client's capability probe).
class SnapshotLookup
{
public:
    explicit SnapshotLookup(Zfs::ZfsClient &zfs);

    Async::Task<FilesystemFacts> filesystem(QString name);
    // No error when `fullName` ("pool/fs@snap") exists; NotFound when it does not.
    Async::Task<Zfs::ZfsError> snapshotExists(QString fullName);
    // The snapshots of `filesystem`, newest first.
    Async::Task<Zfs::Result<QList<Api::SnapshotInfo>>> snapshots(QString filesystem);

private:
    Zfs::ZfsClient &m_zfs;
};

}  // namespace Browse
