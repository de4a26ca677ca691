// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

#include <QByteArray>
#include <QList>
#include <QString>

#include "shared/control/Timestamp.h"

namespace Api {

// Holdfast-only: browsing the snapshots of filesystems that are not mounted (a backup pool's received
// filesystems). The daemon mounts one snapshot read-only where the desktop user can read it, under a lease that
// ends when released or after an idle timeout; the kernel then enforces the files' own permissions.
namespace HoldfastEndpoint {
inline constexpr char Snapshots[] = "/holdfast/v1/snapshots";  // GET ?filesystem=FS: SnapshotListing (status group)
// GET: BrowseLeases (status group); POST BrowseRequest (admin): BrowseLease, a new one or the same one renewed.
inline constexpr char Browse[] = "/holdfast/v1/browse";
inline constexpr char BrowseRelease[] =
    "/holdfast/v1/browse/release";  // POST BrowseRelease (admin): BrowseLeases (what remains)
}  // namespace HoldfastEndpoint

struct SnapshotInfo
{
    QString name;  // after '@'
    QString guid;  // decimal (too big for a JSON number)
    Timestamp creation;
    qint64 userrefs = 0;

    friend bool operator==(const SnapshotInfo &, const SnapshotInfo &) = default;
};

struct SnapshotListing
{
    QString filesystem;
    QString mountpoint;             // where the filesystem is mounted; "" when it is not
    bool received = false;          // a sink or pull job of the daemon's configuration receives into it
    QList<SnapshotInfo> snapshots;  // newest first

    QByteArray toJson() const;
    static std::optional<SnapshotListing> fromJson(const QByteArray &json, QString *error);
    friend bool operator==(const SnapshotListing &, const SnapshotListing &) = default;
};

struct BrowseRequest
{
    QString filesystem;
    QString snapshot;  // after '@'

    QByteArray toJson() const;
    static std::optional<BrowseRequest> fromJson(const QByteArray &json, QString *error);
};

struct BrowseRelease
{
    QString id;

    QByteArray toJson() const;
    static std::optional<BrowseRelease> fromJson(const QByteArray &json, QString *error);
};

struct BrowseLease
{
    QString id;
    QString filesystem;
    QString snapshot;            // after '@'
    QString path;                // the directory the snapshot is mounted on
    Timestamp expiresAt;         // unmounted then unless renewed (POST the same request again)
    int idleTimeoutSeconds = 0;  // how far each renewal moves expiresAt
    // Why the last unmount failed ("target is busy": a shell or program still uses it), "" when none did: the lease
    // stays, and the daemon tries again.
    QString unmountError;

    QByteArray toJson() const;
    static std::optional<BrowseLease> fromJson(const QByteArray &json, QString *error);
    friend bool operator==(const BrowseLease &, const BrowseLease &) = default;
};

struct BrowseLeases
{
    QList<BrowseLease> leases;  // by filesystem and snapshot

    QByteArray toJson() const;
    static std::optional<BrowseLeases> fromJson(const QByteArray &json, QString *error);
    friend bool operator==(const BrowseLeases &, const BrowseLeases &) = default;
};

}  // namespace Api
