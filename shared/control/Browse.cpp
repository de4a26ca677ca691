// SPDX-License-Identifier: MIT
#include "shared/control/Browse.h"

#include <limits>

#include "shared/control/JsonReader.h"
#include "shared/control/JsonWriter.h"

using namespace Qt::StringLiterals;

namespace Api {

namespace {

void writeLease(JsonWriter &w, const BrowseLease &lease)
{
    w.beginObject();
    w.field("id", lease.id);
    w.field("filesystem", lease.filesystem);
    w.field("snapshot", lease.snapshot);
    w.field("path", lease.path);
    w.timeOrNullField("expires_at", lease.expiresAt);
    w.field("idle_timeout_seconds", lease.idleTimeoutSeconds);
    w.field("unmount_error", lease.unmountError);
    w.endObject();
}

BrowseLease readLease(JsonReader &r, const QJsonObject &o, const QString &path)
{
    BrowseLease lease;
    lease.id = r.string(o, "id"_L1, path);
    lease.filesystem = r.string(o, "filesystem"_L1, path);
    lease.snapshot = r.string(o, "snapshot"_L1, path);
    lease.path = r.string(o, "path"_L1, path);
    lease.expiresAt = r.time(o, "expires_at"_L1, path);
    const qint64 idle = r.integer(o, "idle_timeout_seconds"_L1, path);
    if (idle < 0 || idle > std::numeric_limits<int>::max()) {
        r.fail(JsonReader::join(path, "idle_timeout_seconds"_L1), u"out of range: %1"_s.arg(idle));
    }
    lease.idleTimeoutSeconds = int(idle);
    lease.unmountError = r.string(o, "unmount_error"_L1, path);
    return lease;
}

template<typename T>
std::optional<T> finish(const JsonReader &r, T value, QString *error)
{
    if (!r.ok()) {
        *error = r.error();
        return std::nullopt;
    }
    return value;
}

}  // namespace

QByteArray SnapshotListing::toJson() const
{
    JsonWriter w;
    w.beginObject();
    w.field("filesystem", filesystem);
    w.field("mountpoint", mountpoint);
    w.field("received", received);
    w.key("snapshots");
    w.beginArray();
    for (const SnapshotInfo &s : snapshots) {
        w.beginObject();
        w.field("name", s.name);
        w.field("guid", s.guid);
        w.timeOrNullField("creation", s.creation);
        w.field("userrefs", s.userrefs);
        w.endObject();
    }
    w.endArray();
    w.endObject();
    return w.take();
}

std::optional<SnapshotListing> SnapshotListing::fromJson(const QByteArray &json, QString *error)
{
    const std::optional<QJsonObject> root = JsonReader::parseObject(json, u"the snapshot listing"_s, error);
    if (!root) {
        return std::nullopt;
    }
    JsonReader r;
    SnapshotListing listing;
    listing.filesystem = r.string(*root, "filesystem"_L1, {});
    listing.mountpoint = r.string(*root, "mountpoint"_L1, {});
    listing.received = r.boolean(*root, "received"_L1, {});
    r.forEachObject(*root, "snapshots"_L1, {}, [&](const QJsonObject &o, const QString &path) {
        SnapshotInfo s;
        s.name = r.string(o, "name"_L1, path);
        s.guid = r.string(o, "guid"_L1, path);
        s.creation = r.time(o, "creation"_L1, path);
        s.userrefs = r.integer(o, "userrefs"_L1, path);
        listing.snapshots.append(s);
    });
    return finish(r, std::move(listing), error);
}

QByteArray BrowseRequest::toJson() const
{
    JsonWriter w;
    w.beginObject();
    w.field("filesystem", filesystem);
    w.field("snapshot", snapshot);
    w.endObject();
    return w.take();
}

std::optional<BrowseRequest> BrowseRequest::fromJson(const QByteArray &json, QString *error)
{
    const std::optional<QJsonObject> root = JsonReader::parseObject(json, u"the request"_s, error);
    if (!root) {
        return std::nullopt;
    }
    JsonReader r;
    BrowseRequest request;
    request.filesystem = r.string(*root, "filesystem"_L1, {});
    request.snapshot = r.string(*root, "snapshot"_L1, {});
    return finish(r, std::move(request), error);
}

QByteArray BrowseRelease::toJson() const
{
    JsonWriter w;
    w.beginObject();
    w.field("id", id);
    w.endObject();
    return w.take();
}

std::optional<BrowseRelease> BrowseRelease::fromJson(const QByteArray &json, QString *error)
{
    const std::optional<QJsonObject> root = JsonReader::parseObject(json, u"the request"_s, error);
    if (!root) {
        return std::nullopt;
    }
    JsonReader r;
    BrowseRelease release;
    release.id = r.string(*root, "id"_L1, {});
    return finish(r, std::move(release), error);
}

QByteArray BrowseLease::toJson() const
{
    JsonWriter w;
    writeLease(w, *this);
    return w.take();
}

std::optional<BrowseLease> BrowseLease::fromJson(const QByteArray &json, QString *error)
{
    const std::optional<QJsonObject> root = JsonReader::parseObject(json, u"the browse lease"_s, error);
    if (!root) {
        return std::nullopt;
    }
    JsonReader r;
    BrowseLease lease = readLease(r, *root, {});
    return finish(r, std::move(lease), error);
}

QByteArray BrowseLeases::toJson() const
{
    JsonWriter w;
    w.beginObject();
    w.key("leases");
    w.beginArray();
    for (const BrowseLease &lease : leases) {
        writeLease(w, lease);
    }
    w.endArray();
    w.endObject();
    return w.take();
}

std::optional<BrowseLeases> BrowseLeases::fromJson(const QByteArray &json, QString *error)
{
    const std::optional<QJsonObject> root = JsonReader::parseObject(json, u"the browse leases"_s, error);
    if (!root) {
        return std::nullopt;
    }
    JsonReader r;
    BrowseLeases out;
    r.forEachObject(*root, "leases"_L1, {}, [&](const QJsonObject &o, const QString &path) {
        out.leases.append(readLease(r, o, path));
    });
    return finish(r, std::move(out), error);
}

}  // namespace Api
