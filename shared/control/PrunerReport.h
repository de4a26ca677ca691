// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

#include "shared/control/Timestamp.h"

namespace Api {

class JsonReader;
class JsonWriter;

// zrepl's pruner report (daemon/pruner at 58c08c855f). Unlike the snapper, its State is a string.
enum class PrunerState
{
    Plan,
    PlanErr,
    Exec,
    ExecErr,
    Done,
};

QString toString(PrunerState state);
std::optional<PrunerState> prunerStateFromString(const QString &text);

struct PrunerSnapshot
{
    QString name;  // without '@'
    bool replicated = false;
    Timestamp date;

    friend bool operator==(const PrunerSnapshot &, const PrunerSnapshot &) = default;
};

struct PrunerFilesystemReport
{
    QString filesystem;
    std::optional<QList<PrunerSnapshot>> snapshotList;  // null when the filesystem was skipped
    std::optional<QList<PrunerSnapshot>> destroyList;
    QString skipReason;  // "", "filesystem is placeholder", "filesystem has no correspondence on sender"
    QString lastError;

    friend bool operator==(const PrunerFilesystemReport &, const PrunerFilesystemReport &) = default;
};

struct PrunerReport
{
    PrunerState state = PrunerState::Plan;
    QString error;
    // null until the pruner has a plan (Plan, PlanErr), arrays afterwards
    std::optional<QList<PrunerFilesystemReport>> pending;
    std::optional<QList<PrunerFilesystemReport>> completed;

    void writeJson(JsonWriter &writer) const;
    static PrunerReport fromJson(const QJsonObject &object, const QString &path, JsonReader &reader);
    friend bool operator==(const PrunerReport &, const PrunerReport &) = default;
};

}  // namespace Api
