// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include "shared/control/Timestamp.h"

namespace Log {

enum class Level
{
    Debug,
    Info,
    Warn,
    Error,
};

// "debug", "info", "warn", "error": the names zrepl's config and its log entry metric use.
const char *levelName(Level level);

struct Field
{
    QString key;
    QString value;
};

// One log line before it is formatted: zrepl's entries carry the job and the subsystem ("snapshot", "pruning",
// "repl", ...) as fields of their own.
struct Entry
{
    Api::Timestamp time;
    Level level = Level::Info;
    QString job;
    QString subsystem;
    QString message;
    QList<Field> fields;
};

// zrepl's "human" format: "2026-11-24T03:10:28Z [INFO][job][subsystem]: message key=\"value\"".
QByteArray formatHuman(const Entry &entry, bool withTime, bool withColor);
// logfmt: "time=... level=info job=... subsystem=... msg=\"...\" key=value".
QByteArray formatLogfmt(const Entry &entry);
// One JSON object per line.
QByteArray formatJson(const Entry &entry);

}  // namespace Log
