// SPDX-License-Identifier: MIT
#include "shared/control/Holds.h"

#include "shared/control/JsonReader.h"
#include "shared/control/JsonWriter.h"

using namespace Qt::StringLiterals;

namespace Api {

namespace {

template<typename Enum, size_t N>
std::optional<Enum> enumFromString(const QString &text, const Enum (&values)[N])
{
    for (Enum value : values) {
        if (toString(value) == text) {
            return value;
        }
    }
    return std::nullopt;
}

// A field that must name one of `values`; an unknown name is an error naming the field.
template<typename Enum, size_t N>
Enum readEnum(JsonReader &r, const QJsonObject &o, QLatin1StringView key, const QString &path, const Enum (&values)[N])
{
    const QString text = r.string(o, key, path);
    if (const std::optional<Enum> value = enumFromString(text, values)) {
        return *value;
    }
    if (r.ok()) {
        r.fail(JsonReader::join(path, key), u"unknown %1 \"%2\""_s.arg(key, text));
    }
    return values[0];
}

constexpr AbstractionItem::Kind AllKinds[] = {AbstractionItem::Kind::StepHold, AbstractionItem::Kind::StepBookmark,
                                              AbstractionItem::Kind::LastReceivedHold,
                                              AbstractionItem::Kind::ReplicationCursor,
                                              AbstractionItem::Kind::ReplicationCursorV1};
constexpr HoldsChange::Action AllActions[] = {HoldsChange::Action::ReleaseHold, HoldsChange::Action::DestroyBookmark,
                                              HoldsChange::Action::AbandonPartialReceive};

}  // namespace

QString AbstractionItem::target() const
{
    return bookmark.isEmpty() ? filesystem + u'@' + snapshot : filesystem + u'#' + bookmark;
}

QString toString(AbstractionItem::Kind kind)
{
    switch (kind) {
    case AbstractionItem::Kind::StepHold:
        return u"step_hold"_s;
    case AbstractionItem::Kind::StepBookmark:
        return u"step_bookmark"_s;
    case AbstractionItem::Kind::LastReceivedHold:
        return u"last_received_hold"_s;
    case AbstractionItem::Kind::ReplicationCursor:
        return u"replication_cursor"_s;
    case AbstractionItem::Kind::ReplicationCursorV1:
        return u"replication_cursor_v1"_s;
    }
    return {};
}

std::optional<AbstractionItem::Kind> abstractionKindFromString(const QString &text)
{
    return enumFromString(text, AllKinds);
}

QString toString(HoldsChange::Action action)
{
    switch (action) {
    case HoldsChange::Action::ReleaseHold:
        return u"release_hold"_s;
    case HoldsChange::Action::DestroyBookmark:
        return u"destroy_bookmark"_s;
    case HoldsChange::Action::AbandonPartialReceive:
        return u"abandon_partial_receive"_s;
    }
    return {};
}

int HoldsReport::staleCount() const
{
    int stale = 0;
    for (const FilesystemHolds &fs : filesystems) {
        for (const AbstractionItem &item : fs.items) {
            stale += item.stale ? 1 : 0;
        }
    }
    return stale;
}

QByteArray HoldsReport::toJson() const
{
    JsonWriter w;
    w.beginObject();
    w.timeOrNullField("listed_at", listedAt);
    w.key("filesystems");
    w.beginArray();
    for (const FilesystemHolds &fs : filesystems) {
        w.beginObject();
        w.field("filesystem", fs.filesystem);
        w.field("jobs", fs.jobs);
        w.field("running_step_job", fs.runningStepJob);
        w.key("paused");
        w.value(fs.paused);
        w.key("items");
        w.beginArray();
        for (const AbstractionItem &item : fs.items) {
            w.beginObject();
            w.field("kind", toString(item.kind));
            w.field("snapshot", item.snapshot);
            w.field("bookmark", item.bookmark);
            w.field("tag", item.tag);
            w.field("job", item.job);
            w.field("guid", item.guid);
            w.timeOrNullField("created_at", item.createdAt);
            w.field("purpose", item.purpose);
            w.key("stale");
            w.value(item.stale);
            w.field("stale_reason", item.staleReason);
            w.endObject();
        }
        w.endArray();
        w.key("partial_receive");
        if (!fs.partialReceive) {
            w.null();
        } else {
            const PartialReceive &p = *fs.partialReceive;
            w.beginObject();
            w.field("to_name", p.toName);
            w.field("to_guid", p.toGuid);
            w.field("from_guid", p.fromGuid);
            w.field("from_name", p.fromName);
            w.key("bytes");
            w.value(p.bytes);
            w.timeOrNullField("since", p.since);
            w.field("token", p.token);
            w.field("error", p.error);
            w.endObject();
        }
        w.endObject();
    }
    w.endArray();
    w.field("unlisted_holds", unlistedHolds);
    w.endObject();
    return w.take();
}

std::optional<HoldsReport> HoldsReport::fromJson(const QByteArray &json, QString *error)
{
    const std::optional<QJsonObject> root = JsonReader::parseObject(json, u"the holds report"_s, error);
    if (!root) {
        return std::nullopt;
    }
    JsonReader r;
    HoldsReport report;
    report.listedAt = r.time(*root, "listed_at"_L1, {});
    r.forEachObject(*root, "filesystems"_L1, {}, [&](const QJsonObject &o, const QString &path) {
        FilesystemHolds fs;
        fs.filesystem = r.string(o, "filesystem"_L1, path);
        fs.jobs = r.strings(o, "jobs"_L1, path);
        fs.runningStepJob = r.string(o, "running_step_job"_L1, path);
        fs.paused = r.boolean(o, "paused"_L1, path);
        r.forEachObject(o, "items"_L1, path, [&](const QJsonObject &io, const QString &itemPath) {
            AbstractionItem item;
            item.filesystem = fs.filesystem;
            item.kind = readEnum(r, io, "kind"_L1, itemPath, AllKinds);
            item.snapshot = r.string(io, "snapshot"_L1, itemPath);
            item.bookmark = r.string(io, "bookmark"_L1, itemPath);
            item.tag = r.string(io, "tag"_L1, itemPath);
            item.job = r.string(io, "job"_L1, itemPath);
            item.guid = r.string(io, "guid"_L1, itemPath);
            item.createdAt = r.time(io, "created_at"_L1, itemPath);
            item.purpose = r.string(io, "purpose"_L1, itemPath);
            item.stale = r.boolean(io, "stale"_L1, itemPath);
            item.staleReason = r.string(io, "stale_reason"_L1, itemPath);
            fs.items.append(item);
        });
        QJsonObject partial;
        if (r.object(o, "partial_receive"_L1, path, &partial)) {
            const QString ppath = JsonReader::join(path, "partial_receive"_L1);
            PartialReceive p;
            p.toName = r.string(partial, "to_name"_L1, ppath);
            p.toGuid = r.string(partial, "to_guid"_L1, ppath);
            p.fromGuid = r.string(partial, "from_guid"_L1, ppath);
            p.fromName = r.string(partial, "from_name"_L1, ppath);
            p.bytes = r.integer(partial, "bytes"_L1, ppath);
            p.since = r.time(partial, "since"_L1, ppath);
            p.token = r.string(partial, "token"_L1, ppath);
            p.error = r.string(partial, "error"_L1, ppath);
            fs.partialReceive = p;
        }
        report.filesystems.append(fs);
    });
    report.unlistedHolds = r.strings(*root, "unlisted_holds"_L1, {});
    if (!r.ok()) {
        *error = r.error();
        return std::nullopt;
    }
    return report;
}

QByteArray HoldsActionRequest::toJson() const
{
    JsonWriter w;
    w.beginObject();
    w.field("job", job);
    w.field("filesystem", filesystem);
    w.key("dry_run");
    w.value(dryRun);
    w.endObject();
    return w.take();
}

std::optional<HoldsActionRequest> HoldsActionRequest::fromJson(const QByteArray &json, QString *error)
{
    const std::optional<QJsonObject> root = JsonReader::parseObject(json, u"the request"_s, error);
    if (!root) {
        return std::nullopt;
    }
    JsonReader r;
    HoldsActionRequest request;
    request.job = r.string(*root, "job"_L1, {});
    request.filesystem = r.string(*root, "filesystem"_L1, {});
    request.dryRun = r.boolean(*root, "dry_run"_L1, {});
    if (!r.ok()) {
        *error = r.error();
        return std::nullopt;
    }
    return request;
}

bool HoldsActionReply::failed() const
{
    for (const HoldsChange &change : changes) {
        if (!change.error.isEmpty()) {
            return true;
        }
    }
    return false;
}

QByteArray HoldsActionReply::toJson() const
{
    JsonWriter w;
    w.beginObject();
    w.key("dry_run");
    w.value(dryRun);
    w.key("changes");
    w.beginArray();
    for (const HoldsChange &change : changes) {
        w.beginObject();
        w.field("action", toString(change.action));
        w.field("target", change.target);
        w.field("tag", change.tag);
        w.field("reason", change.reason);
        w.key("done");
        w.value(change.done);
        w.field("error", change.error);
        w.endObject();
    }
    w.endArray();
    w.field("skipped", skipped);
    w.field("warnings", warnings);
    w.endObject();
    return w.take();
}

std::optional<HoldsActionReply> HoldsActionReply::fromJson(const QByteArray &json, QString *error)
{
    const std::optional<QJsonObject> root = JsonReader::parseObject(json, u"the action's reply"_s, error);
    if (!root) {
        return std::nullopt;
    }
    JsonReader r;
    HoldsActionReply reply;
    reply.dryRun = r.boolean(*root, "dry_run"_L1, {});
    r.forEachObject(*root, "changes"_L1, {}, [&](const QJsonObject &o, const QString &path) {
        HoldsChange change;
        change.action = readEnum(r, o, "action"_L1, path, AllActions);
        change.target = r.string(o, "target"_L1, path);
        change.tag = r.string(o, "tag"_L1, path);
        change.reason = r.string(o, "reason"_L1, path);
        change.done = r.boolean(o, "done"_L1, path);
        change.error = r.string(o, "error"_L1, path);
        reply.changes.append(change);
    });
    reply.skipped = r.strings(*root, "skipped"_L1, {});
    reply.warnings = r.strings(*root, "warnings"_L1, {});
    if (!r.ok()) {
        *error = r.error();
        return std::nullopt;
    }
    return reply;
}

QByteArray PruningExplanation::toJson() const
{
    JsonWriter w;
    w.beginObject();
    w.key("filesystems");
    w.beginArray();
    for (const PruningFilesystemExplanation &fs : filesystems) {
        w.beginObject();
        w.field("job", fs.job);
        w.field("side", fs.side);
        w.field("filesystem", fs.filesystem);
        w.timeOrNullField("decided_at", fs.decidedAt);
        w.key("snapshots");
        w.beginArray();
        for (const SnapshotVerdict &v : fs.snapshots) {
            w.beginObject();
            w.field("snapshot", v.snapshot);
            w.timeOrNullField("creation", v.creation);
            w.key("replicated");
            w.value(v.replicated);
            w.key("destroyed");
            w.value(v.destroyed);
            w.field("kept_by", v.keptBy);
            w.field("blocked_by", v.blockedBy);
            w.field("explanation", v.explanation);
            w.endObject();
        }
        w.endArray();
        w.endObject();
    }
    w.endArray();
    w.endObject();
    return w.take();
}

std::optional<PruningExplanation> PruningExplanation::fromJson(const QByteArray &json, QString *error)
{
    const std::optional<QJsonObject> root = JsonReader::parseObject(json, u"the pruning explanation"_s, error);
    if (!root) {
        return std::nullopt;
    }
    JsonReader r;
    PruningExplanation out;
    r.forEachObject(*root, "filesystems"_L1, {}, [&](const QJsonObject &o, const QString &path) {
        PruningFilesystemExplanation fs;
        fs.job = r.string(o, "job"_L1, path);
        fs.side = r.string(o, "side"_L1, path);
        fs.filesystem = r.string(o, "filesystem"_L1, path);
        fs.decidedAt = r.time(o, "decided_at"_L1, path);
        r.forEachObject(o, "snapshots"_L1, path, [&](const QJsonObject &so, const QString &spath) {
            SnapshotVerdict v;
            v.snapshot = r.string(so, "snapshot"_L1, spath);
            v.creation = r.time(so, "creation"_L1, spath);
            v.replicated = r.boolean(so, "replicated"_L1, spath);
            v.destroyed = r.boolean(so, "destroyed"_L1, spath);
            v.keptBy = r.strings(so, "kept_by"_L1, spath);
            v.blockedBy = r.string(so, "blocked_by"_L1, spath);
            v.explanation = r.string(so, "explanation"_L1, spath);
            fs.snapshots.append(v);
        });
        out.filesystems.append(fs);
    });
    if (!r.ok()) {
        *error = r.error();
        return std::nullopt;
    }
    return out;
}

}  // namespace Api
