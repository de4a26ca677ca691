// SPDX-License-Identifier: MIT
#include "daemon/endpoint/HoldsListing.h"

#include "daemon/endpoint/AbstractionNames.h"
#include "daemon/holds/HoldsSurvey.h"
#include "shared/control/JsonWriter.h"

using namespace Qt::StringLiterals;

namespace Endpoint {

namespace {

// Go's json.Indent over a compact document: newline + prefix + depth × indent before each element and closing
// bracket; empty arrays and objects stay "[]" and "{}".
QByteArray indentJson(const QByteArray &compact, const QByteArray &prefix, const QByteArray &indent)
{
    QByteArray out;
    out.reserve(compact.size() * 2);
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    auto newline = [&] {
        out += '\n';
        out += prefix;
        for (int i = 0; i < depth; ++i) {
            out += indent;
        }
    };
    for (qsizetype i = 0; i < compact.size(); ++i) {
        const char c = compact[i];
        if (inString) {
            out += c;
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                inString = false;
            }
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            out += c;
            break;
        case '{':
        case '[':
            out += c;
            if (i + 1 < compact.size() && (compact[i + 1] == '}' || compact[i + 1] == ']')) {
                out += compact[++i];
                break;
            }
            ++depth;
            newline();
            break;
        case '}':
        case ']':
            --depth;
            newline();
            out += c;
            break;
        case ',':
            out += c;
            newline();
            break;
        case ':':
            out += ": ";
            break;
        default:
            out += c;
        }
    }
    return out;
}

void writeBookmarks(Api::JsonWriter &w, const char *key, const QList<HoldsListing::Bookmark> &list)
{
    w.key(key);
    w.beginArray();
    for (const HoldsListing::Bookmark &b : list) {
        w.beginObject();
        w.key("FS");
        w.value(b.fs);
        w.key("Name");
        w.value(b.name);
        w.key("Guid");
        w.value(b.guid);
        w.key("JobID");
        w.value(b.jobId);
        w.endObject();
    }
    w.endArray();
}

void writeHolds(Api::JsonWriter &w, const char *key, const QList<HoldsListing::Hold> &list)
{
    w.key(key);
    w.beginArray();
    for (const HoldsListing::Hold &h : list) {
        w.beginObject();
        w.key("FS");
        w.value(h.fs);
        w.key("Snap");
        w.value(h.snap);
        w.key("SnapGuid");
        w.value(h.snapGuid);
        w.key("SnapCreateTXG");
        w.value(h.snapCreateTxg);
        w.key("Tag");
        w.value(h.tag);
        w.key("JobID");
        w.value(h.jobId);
        w.endObject();
    }
    w.endArray();
}

}  // namespace

QByteArray HoldsListing::toJson() const
{
    Api::JsonWriter w;
    w.beginObject();
    writeBookmarks(w, "StepBookmarks", stepBookmarks);
    writeHolds(w, "StepHolds", stepHolds);
    writeBookmarks(w, "ReplicationCursorBookmarks", replicationCursorBookmarks);
    w.key("V1ReplicationCursors");
    w.beginArray();
    for (const V1Cursor &c : v1ReplicationCursors) {
        w.beginObject();
        w.key("FS");
        w.value(c.fs);
        w.key("Name");
        w.value(c.name);
        w.endObject();
    }
    w.endArray();
    writeHolds(w, "LastReceivedHolds", lastReceivedHolds);
    w.endObject();
    return "  " + indentJson(w.take(), "  ", "  ") + '\n';
}

Async::Task<Zfs::Result<HoldsListing>> listHoldsAndBookmarks(Zfs::ZfsClient &zfs, Zfs::DatasetFilter filter)
{
    using Out = Zfs::Result<HoldsListing>;
    const Zfs::Result<Holds::SurveyFacts> facts = co_await Holds::surveyPools(zfs, filter);
    if (!facts.ok()) {
        co_return Out{{}, facts.error};
    }
    HoldsListing listing;
    QHash<QString, Zfs::FilesystemVersion> snapshotsByName;
    for (const Zfs::Dataset &dataset : facts.value.filesystems) {
        for (const Zfs::FilesystemVersion &v : facts.value.versions.value(dataset.path.toString())) {
            if (v.isSnapshot()) {
                snapshotsByName.insert(v.fullName(), v);
                continue;
            }
            const std::optional<Abstraction> ours = parseBookmarkAbstraction(v.name);
            if (!ours) {
                continue;
            }
            if (ours->kind == Api::AbstractionItem::Kind::ReplicationCursorV1) {
                listing.v1ReplicationCursors.append({v.filesystem, v.name});
            } else {
                (ours->kind == Api::AbstractionItem::Kind::StepBookmark ? listing.stepBookmarks : listing.replicationCursorBookmarks)
                    .append({v.filesystem, v.name, ours->guid, ours->jobId});
            }
        }
    }
    listing.snapshotsWithUnlistedHolds = facts.value.unlistedHolds;
    for (const Zfs::Hold &hold : facts.value.holds) {
        const std::optional<Abstraction> ours = parseHoldAbstraction(hold.tag);
        if (!ours) {
            continue;
        }
        const Zfs::FilesystemVersion v = snapshotsByName.value(hold.snapshot);
        (ours->kind == Api::AbstractionItem::Kind::StepHold ? listing.stepHolds : listing.lastReceivedHolds)
            .append({v.filesystem, v.name, v.guid, v.createTxg, hold.tag, ours->jobId});
    }
    co_return Out{listing, {}};
}

std::optional<Zfs::DatasetFilter> filterFromCommandLine(const QString &argument, QString *error)
{
    Config::FilesystemsFilter patterns;
    for (const QString &mapping : argument.split(u',')) {
        const qsizetype colon = mapping.lastIndexOf(u':');
        const QString what = u"expecting comma-separated list of <dataset-pattern>:<ok|!> pairs, got \"%1\""_s.arg(mapping);
        if (colon <= 0) {
            *error = what;
            return std::nullopt;
        }
        const QString verdict = mapping.mid(colon + 1);
        if (verdict != u"ok" && verdict != u"!") {
            *error = what;
            return std::nullopt;
        }
        patterns.insert(mapping.left(colon), verdict == u"ok");
    }
    return Zfs::DatasetFilter::fromConfig(patterns, error);
}

}  // namespace Endpoint
