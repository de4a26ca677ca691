// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

#include "shared/control/Timestamp.h"

namespace Api {

class JsonReader;
class JsonWriter;

// zrepl's periodic snapper report (daemon/snapper at 58c08c855f). Its states go over the wire as numbers: the bit
// flags of zrepl's Go enums.
enum class SnapperState : int
{
    SyncUp = 1,
    SyncUpErrWait = 2,
    Planning = 4,
    Snapshotting = 8,
    Waiting = 16,
    ErrorWait = 32,
    Stopped = 64,
};

enum class SnapState : int
{
    Pending = 1,
    Started = 2,
    Done = 4,
    Error = 8,
};

// "SyncUp", "SyncUpErrWait", ...; "SnapperState(<n>)" for numbers zrepl does not define, as Go's stringer does.
QString toString(SnapperState state);
// "SnapPending", "SnapStarted", "SnapDone", "SnapError"
QString toString(SnapState state);

struct SnapperFilesystemReport
{
    QString path;
    SnapState state = SnapState::Pending;
    QString snapName;  // without "fs@"
    Timestamp startAt;
    QString hooks;  // zrepl renders the hook steps as a text table in the daemon
    bool hooksHadError = false;
    Timestamp doneAt;

    friend bool operator==(const SnapperFilesystemReport &, const SnapperFilesystemReport &) = default;
};

struct SnapperReport
{
    SnapperState state = SnapperState::SyncUp;
    Timestamp sleepUntil;
    QString error;
    QList<SnapperFilesystemReport> progress;  // sorted by path

    void writeJson(JsonWriter &writer) const;
    static SnapperReport fromJson(const QJsonObject &object, const QString &path, JsonReader &reader);
    friend bool operator==(const SnapperReport &, const SnapperReport &) = default;
};

}  // namespace Api
