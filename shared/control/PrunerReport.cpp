// SPDX-License-Identifier: MIT
#include "shared/control/PrunerReport.h"

#include <QJsonArray>

#include "shared/control/JsonReader.h"
#include "shared/control/JsonWriter.h"

using namespace Qt::StringLiterals;

namespace Api {

namespace {

constexpr const char *PrunerStateNames[] = {"Plan", "PlanErr", "Exec", "ExecErr", "Done"};

void writeSnapshots(JsonWriter &w, const std::optional<QList<PrunerSnapshot>> &list)
{
    if (!list) {
        w.null();
        return;
    }
    w.beginArray();
    for (const PrunerSnapshot &s : *list) {
        w.beginObject();
        w.key("Name");
        w.value(s.name);
        w.key("Replicated");
        w.value(s.replicated);
        w.key("Date");
        w.value(s.date);
        w.endObject();
    }
    w.endArray();
}

std::optional<QList<PrunerSnapshot>> readSnapshots(const QJsonObject &o, QLatin1StringView key, const QString &path,
                                                   JsonReader &r)
{
    QJsonArray array;
    if (!r.array(o, key, path, &array)) {
        return std::nullopt;
    }
    const QString p = JsonReader::join(path, key);
    QList<PrunerSnapshot> list;
    list.reserve(array.size());
    for (qsizetype i = 0; i < array.size() && r.ok(); ++i) {
        QJsonObject e;
        const QString ep = JsonReader::join(p, i);
        if (r.element(array.at(i), ep, &e)) {
            list.append({r.string(e, "Name"_L1, ep), r.boolean(e, "Replicated"_L1, ep), r.time(e, "Date"_L1, ep)});
        }
    }
    return list;
}

void writeFilesystems(JsonWriter &w, const std::optional<QList<PrunerFilesystemReport>> &list)
{
    if (!list) {
        w.null();
        return;
    }
    w.beginArray();
    for (const PrunerFilesystemReport &fs : *list) {
        w.beginObject();
        w.key("Filesystem");
        w.value(fs.filesystem);
        w.key("SnapshotList");
        writeSnapshots(w, fs.snapshotList);
        w.key("DestroyList");
        writeSnapshots(w, fs.destroyList);
        w.key("SkipReason");
        w.value(fs.skipReason);
        w.key("LastError");
        w.value(fs.lastError);
        w.endObject();
    }
    w.endArray();
}

std::optional<QList<PrunerFilesystemReport>> readFilesystems(const QJsonObject &o, QLatin1StringView key,
                                                             const QString &path, JsonReader &r)
{
    QJsonArray array;
    if (!r.array(o, key, path, &array)) {
        return std::nullopt;
    }
    const QString p = JsonReader::join(path, key);
    QList<PrunerFilesystemReport> list;
    list.reserve(array.size());
    for (qsizetype i = 0; i < array.size() && r.ok(); ++i) {
        QJsonObject e;
        const QString ep = JsonReader::join(p, i);
        if (!r.element(array.at(i), ep, &e)) {
            break;
        }
        PrunerFilesystemReport fs;
        fs.filesystem = r.string(e, "Filesystem"_L1, ep);
        fs.snapshotList = readSnapshots(e, "SnapshotList"_L1, ep, r);
        fs.destroyList = readSnapshots(e, "DestroyList"_L1, ep, r);
        fs.skipReason = r.string(e, "SkipReason"_L1, ep);
        fs.lastError = r.string(e, "LastError"_L1, ep);
        list.append(fs);
    }
    return list;
}

}  // namespace

QString toString(PrunerState state)
{
    return QString::fromLatin1(PrunerStateNames[int(state)]);
}

std::optional<PrunerState> prunerStateFromString(const QString &text)
{
    for (int i = 0; i < int(std::size(PrunerStateNames)); ++i) {
        if (text == QLatin1StringView(PrunerStateNames[i])) {
            return PrunerState(i);
        }
    }
    return std::nullopt;
}

void PrunerReport::writeJson(JsonWriter &w) const
{
    w.beginObject();
    w.key("State");
    w.value(PrunerStateNames[int(state)]);
    w.key("Error");
    w.value(error);
    w.key("Pending");
    writeFilesystems(w, pending);
    w.key("Completed");
    writeFilesystems(w, completed);
    w.endObject();
}

PrunerReport PrunerReport::fromJson(const QJsonObject &o, const QString &path, JsonReader &r)
{
    PrunerReport rep;
    const QString state = r.string(o, "State"_L1, path);
    if (auto s = prunerStateFromString(state)) {
        rep.state = *s;
    } else if (r.ok()) {
        r.fail(JsonReader::join(path, "State"_L1), u"unknown pruner state \"%1\""_s.arg(state));
    }
    rep.error = r.string(o, "Error"_L1, path);
    rep.pending = readFilesystems(o, "Pending"_L1, path, r);
    rep.completed = readFilesystems(o, "Completed"_L1, path, r);
    return rep;
}

}  // namespace Api
