// SPDX-License-Identifier: MIT
#include "daemon/logging/LogEntry.h"

#include "shared/control/JsonWriter.h"

namespace Log {

namespace {

const char *humanLevel(Level level)
{
    switch (level) {
    case Level::Debug:
        return "DEBG";
    case Level::Info:
        return "INFO";
    case Level::Warn:
        return "WARN";
    case Level::Error:
        return "ERRO";
    }
    return "????";
}

const char *levelColor(Level level)
{
    switch (level) {
    case Level::Debug:
        return "\x1b[36m";
    case Level::Info:
        return "\x1b[32m";
    case Level::Warn:
        return "\x1b[33m";
    case Level::Error:
        return "\x1b[31m";
    }
    return "";
}

// Go's %q for a field value, as zrepl's human formatter prints fields: quoted, with \n, \t, \" and \\ escaped.
void appendQuoted(QByteArray &out, const QString &value)
{
    out.append('"');
    const QByteArray utf8 = value.toUtf8();
    for (const char c : utf8) {
        switch (c) {
        case '"':
            out.append("\\\"");
            break;
        case '\\':
            out.append("\\\\");
            break;
        case '\n':
            out.append("\\n");
            break;
        case '\r':
            out.append("\\r");
            break;
        case '\t':
            out.append("\\t");
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                out.append("\\x").append(QByteArray::number(static_cast<unsigned char>(c), 16).rightJustified(2, '0'));
            } else {
                out.append(c);
            }
        }
    }
    out.append('"');
}

// logfmt quotes a value only when it needs it.
void appendLogfmtValue(QByteArray &out, const QString &value)
{
    const bool plain = !value.isEmpty() && std::all_of(value.cbegin(), value.cend(), [](QChar c) {
        return c.unicode() > 0x20 && c.unicode() < 0x7f && c != QLatin1Char('"') && c != QLatin1Char('=');
    });
    if (plain) {
        out.append(value.toUtf8());
    } else {
        appendQuoted(out, value);
    }
}

QByteArray secondsTime(const Api::Timestamp &time)
{
    return Api::Timestamp::fromUnix(time.unixSeconds(), 0, time.utcOffsetSeconds()).toRfc3339();
}

}  // namespace

const char *levelName(Level level)
{
    switch (level) {
    case Level::Debug:
        return "debug";
    case Level::Info:
        return "info";
    case Level::Warn:
        return "warn";
    case Level::Error:
        return "error";
    }
    return "unknown";
}

QByteArray formatHuman(const Entry &entry, bool withTime, bool withColor)
{
    QByteArray out;
    out.reserve(96 + entry.message.size());
    if (withTime) {
        out.append(secondsTime(entry.time)).append(' ');
    }
    out.append('[');
    if (withColor) {
        out.append(levelColor(entry.level));
    }
    out.append(humanLevel(entry.level));
    if (withColor) {
        out.append("\x1b[0m");
    }
    out.append(']');
    if (!entry.job.isEmpty()) {
        out.append('[').append(entry.job.toUtf8()).append(']');
    }
    if (!entry.subsystem.isEmpty()) {
        out.append('[').append(entry.subsystem.toUtf8()).append(']');
    }
    out.append(": ").append(entry.message.toUtf8());
    for (const Field &f : entry.fields) {
        out.append(' ').append(f.key.toUtf8()).append('=');
        appendQuoted(out, f.value);
    }
    return out;
}

QByteArray formatLogfmt(const Entry &entry)
{
    QByteArray out;
    out.append("time=").append(entry.time.toRfc3339());
    out.append(" level=").append(levelName(entry.level));
    if (!entry.job.isEmpty()) {
        out.append(" job=");
        appendLogfmtValue(out, entry.job);
    }
    if (!entry.subsystem.isEmpty()) {
        out.append(" subsystem=");
        appendLogfmtValue(out, entry.subsystem);
    }
    out.append(" msg=");
    appendLogfmtValue(out, entry.message);
    for (const Field &f : entry.fields) {
        out.append(' ').append(f.key.toUtf8()).append('=');
        appendLogfmtValue(out, f.value);
    }
    return out;
}

QByteArray formatJson(const Entry &entry)
{
    Api::JsonWriter w;
    w.beginObject();
    w.key("time");
    w.value(entry.time);
    w.key("level");
    w.value(levelName(entry.level));
    if (!entry.job.isEmpty()) {
        w.key("job");
        w.value(entry.job);
    }
    if (!entry.subsystem.isEmpty()) {
        w.key("subsystem");
        w.value(entry.subsystem);
    }
    w.key("msg");
    w.value(entry.message);
    for (const Field &f : entry.fields) {
        const QByteArray key = f.key.toUtf8();
        w.key(key.constData());
        w.value(f.value);
    }
    w.endObject();
    return w.take();
}

}  // namespace Log
