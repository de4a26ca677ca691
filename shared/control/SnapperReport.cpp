// SPDX-License-Identifier: MIT
#include "shared/control/SnapperReport.h"

#include <QJsonArray>

#include "shared/control/JsonReader.h"
#include "shared/control/JsonWriter.h"

using namespace Qt::StringLiterals;

namespace Api {

QString toString(SnapperState state)
{
    switch (state) {
    case SnapperState::SyncUp:
        return u"SyncUp"_s;
    case SnapperState::SyncUpErrWait:
        return u"SyncUpErrWait"_s;
    case SnapperState::Planning:
        return u"Planning"_s;
    case SnapperState::Snapshotting:
        return u"Snapshotting"_s;
    case SnapperState::Waiting:
        return u"Waiting"_s;
    case SnapperState::ErrorWait:
        return u"ErrorWait"_s;
    case SnapperState::Stopped:
        return u"Stopped"_s;
    }
    return u"State(%1)"_s.arg(int(state));
}

QString toString(SnapState state)
{
    switch (state) {
    case SnapState::Pending:
        return u"SnapPending"_s;
    case SnapState::Started:
        return u"SnapStarted"_s;
    case SnapState::Done:
        return u"SnapDone"_s;
    case SnapState::Error:
        return u"SnapError"_s;
    }
    return u"SnapState(%1)"_s.arg(int(state));
}

void SnapperReport::writeJson(JsonWriter &w) const
{
    w.beginObject();
    w.key("State");
    w.value(int(state));
    w.key("SleepUntil");
    w.value(sleepUntil);
    w.key("Error");
    w.value(error);
    w.key("Progress");
    w.beginArray();
    for (const SnapperFilesystemReport &fs : progress) {
        w.beginObject();
        w.key("Path");
        w.value(fs.path);
        w.key("State");
        w.value(int(fs.state));
        w.key("SnapName");
        w.value(fs.snapName);
        w.key("StartAt");
        w.value(fs.startAt);
        w.key("Hooks");
        w.value(fs.hooks);
        w.key("HooksHadError");
        w.value(fs.hooksHadError);
        w.key("DoneAt");
        w.value(fs.doneAt);
        w.endObject();
    }
    w.endArray();
    w.endObject();
}

SnapperReport SnapperReport::fromJson(const QJsonObject &o, const QString &path, JsonReader &r)
{
    SnapperReport rep;
    rep.state = SnapperState(r.integer(o, "State"_L1, path));
    rep.sleepUntil = r.time(o, "SleepUntil"_L1, path);
    rep.error = r.string(o, "Error"_L1, path);
    QJsonArray list;
    if (r.array(o, "Progress"_L1, path, &list)) {
        const QString p = JsonReader::join(path, "Progress"_L1);
        rep.progress.reserve(list.size());
        for (qsizetype i = 0; i < list.size() && r.ok(); ++i) {
            QJsonObject e;
            const QString ep = JsonReader::join(p, i);
            if (!r.element(list.at(i), ep, &e)) {
                break;
            }
            SnapperFilesystemReport fs;
            fs.path = r.string(e, "Path"_L1, ep);
            fs.state = SnapState(r.integer(e, "State"_L1, ep));
            fs.snapName = r.string(e, "SnapName"_L1, ep);
            fs.startAt = r.time(e, "StartAt"_L1, ep);
            fs.hooks = r.string(e, "Hooks"_L1, ep);
            fs.hooksHadError = r.boolean(e, "HooksHadError"_L1, ep);
            fs.doneAt = r.time(e, "DoneAt"_L1, ep);
            rep.progress.append(fs);
        }
    }
    return rep;
}

}  // namespace Api
