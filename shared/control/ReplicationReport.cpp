// SPDX-License-Identifier: MIT
#include "shared/control/ReplicationReport.h"

#include <QJsonArray>

#include "shared/control/JsonReader.h"
#include "shared/control/JsonWriter.h"

using namespace Qt::StringLiterals;

namespace Api {

namespace {

constexpr const char *AttemptStateNames[] = {"planning", "planning-error", "fan-out-filesystems", "filesystem-error",
                                              "done"};
constexpr const char *FilesystemStateNames[] = {"planning", "planning-error", "stepping", "step-error", "done"};
constexpr const char *EncryptedNames[] = {"yes", "no", "sender-dependent"};

template<typename Enum, size_t N>
std::optional<Enum> enumFromName(const QString &text, const char *const (&names)[N])
{
    for (size_t i = 0; i < N; ++i) {
        if (text == QLatin1StringView(names[i])) {
            return Enum(i);
        }
    }
    return std::nullopt;
}

void writeTimedError(JsonWriter &w, const std::optional<TimedError> &e)
{
    if (!e) {
        w.null();
        return;
    }
    w.beginObject();
    w.key("Err");
    w.value(e->err);
    w.key("Time");
    w.value(e->time);
    w.endObject();
}

std::optional<TimedError> readTimedError(const QJsonObject &parent, QLatin1StringView key, const QString &path,
                                         JsonReader &r)
{
    QJsonObject o;
    if (!r.object(parent, key, path, &o)) {
        return std::nullopt;
    }
    const QString p = JsonReader::join(path, key);
    return TimedError{r.string(o, "Err"_L1, p), r.time(o, "Time"_L1, p)};
}

template<typename Enum, size_t N>
Enum readEnum(const QJsonObject &o, QLatin1StringView key, const QString &path, JsonReader &r,
              const char *const (&names)[N])
{
    const QString text = r.string(o, key, path);
    if (auto e = enumFromName<Enum>(text, names)) {
        return *e;
    }
    if (r.ok()) {
        r.fail(JsonReader::join(path, key), QStringLiteral("unknown value \"%1\"").arg(text));
    }
    return Enum(0);
}

void writeStep(JsonWriter &w, const StepInfo &s)
{
    w.beginObject();
    w.key("Info");
    w.beginObject();
    w.key("From");
    w.value(s.from);
    w.key("To");
    w.value(s.to);
    w.key("Resumed");
    w.value(s.resumed);
    w.key("Encrypted");
    w.value(EncryptedNames[int(s.encrypted)]);
    w.key("BytesExpected");
    w.value(s.bytesExpected);
    w.key("BytesReplicated");
    w.value(s.bytesReplicated);
    w.endObject();
    w.endObject();
}

StepInfo readStep(const QJsonObject &o, const QString &path, JsonReader &r)
{
    StepInfo s;
    QJsonObject info;
    if (!r.object(o, "Info"_L1, path, &info)) {
        return s;
    }
    const QString p = JsonReader::join(path, "Info"_L1);
    s.from = r.string(info, "From"_L1, p);
    s.to = r.string(info, "To"_L1, p);
    s.resumed = r.boolean(info, "Resumed"_L1, p);
    // zrepl 0.6 dropped the field; treat its absence as "no" rather than an error.
    if (info.contains("Encrypted"_L1)) {
        s.encrypted = readEnum<EncryptedMode>(info, "Encrypted"_L1, p, r, EncryptedNames);
    }
    s.bytesExpected = r.integer(info, "BytesExpected"_L1, p);
    s.bytesReplicated = r.integer(info, "BytesReplicated"_L1, p);
    return s;
}

void writeFilesystem(JsonWriter &w, const FilesystemReport &fs)
{
    w.beginObject();
    w.key("Info");
    w.beginObject();
    w.key("Name");
    w.value(fs.name);
    w.endObject();
    w.key("State");
    w.value(FilesystemStateNames[int(fs.state)]);
    w.key("PlanError");
    writeTimedError(w, fs.planError);
    w.key("StepError");
    writeTimedError(w, fs.stepError);
    w.key("CurrentStep");
    w.value(fs.currentStep);
    w.key("Steps");
    w.beginArray();
    for (const StepInfo &s : fs.steps) {
        writeStep(w, s);
    }
    w.endArray();
    w.endObject();
}

FilesystemReport readFilesystem(const QJsonObject &o, const QString &path, JsonReader &r)
{
    FilesystemReport fs;
    QJsonObject info;
    if (r.object(o, "Info"_L1, path, &info)) {
        fs.name = r.string(info, "Name"_L1, JsonReader::join(path, "Info"_L1));
    }
    fs.state = readEnum<FilesystemState>(o, "State"_L1, path, r, FilesystemStateNames);
    fs.planError = readTimedError(o, "PlanError"_L1, path, r);
    fs.stepError = readTimedError(o, "StepError"_L1, path, r);
    fs.currentStep = int(r.integer(o, "CurrentStep"_L1, path));
    QJsonArray steps;
    if (r.array(o, "Steps"_L1, path, &steps)) {
        const QString p = JsonReader::join(path, "Steps"_L1);
        fs.steps.reserve(steps.size());
        for (qsizetype i = 0; i < steps.size() && r.ok(); ++i) {
            QJsonObject step;
            if (r.element(steps.at(i), JsonReader::join(p, i), &step)) {
                fs.steps.append(readStep(step, JsonReader::join(p, i), r));
            }
        }
    }
    return fs;
}

void writeAttempt(JsonWriter &w, const AttemptReport &a, bool withFilesystems)
{
    w.beginObject();
    w.key("State");
    w.value(AttemptStateNames[int(a.state)]);
    w.key("StartAt");
    w.value(a.startAt);
    w.key("FinishAt");
    w.value(a.finishAt);
    w.key("PlanError");
    writeTimedError(w, a.planError);
    w.key("Filesystems");
    w.beginArray();
    if (withFilesystems) {
        for (const FilesystemReport &fs : a.filesystems) {
            writeFilesystem(w, fs);
        }
    }
    w.endArray();
    w.endObject();
}

AttemptReport readAttempt(const QJsonObject &o, const QString &path, JsonReader &r)
{
    AttemptReport a;
    a.state = readEnum<AttemptState>(o, "State"_L1, path, r, AttemptStateNames);
    a.startAt = r.time(o, "StartAt"_L1, path);
    a.finishAt = r.time(o, "FinishAt"_L1, path);
    a.planError = readTimedError(o, "PlanError"_L1, path, r);
    QJsonArray list;
    if (r.array(o, "Filesystems"_L1, path, &list)) {
        const QString p = JsonReader::join(path, "Filesystems"_L1);
        a.filesystems.reserve(list.size());
        for (qsizetype i = 0; i < list.size() && r.ok(); ++i) {
            QJsonObject fs;
            if (r.element(list.at(i), JsonReader::join(p, i), &fs)) {
                a.filesystems.append(readFilesystem(fs, JsonReader::join(p, i), r));
            }
        }
    }
    return a;
}

void writeReplication(JsonWriter &w, const ReplicationReport &report, bool withFilesystems)
{
    w.beginObject();
    w.key("StartAt");
    w.value(report.startAt);
    w.key("FinishAt");
    w.value(report.finishAt);
    w.key("WaitReconnectSince");
    w.value(report.waitReconnectSince);
    w.key("WaitReconnectUntil");
    w.value(report.waitReconnectUntil);
    w.key("WaitReconnectError");
    writeTimedError(w, report.waitReconnectError);
    w.key("Attempts");
    w.beginArray();
    for (const AttemptReport &a : report.attempts) {
        writeAttempt(w, a, withFilesystems);
    }
    w.endArray();
    w.endObject();
}

}  // namespace

QString toString(AttemptState state)
{
    return QString::fromLatin1(AttemptStateNames[int(state)]);
}

QString toString(FilesystemState state)
{
    return QString::fromLatin1(FilesystemStateNames[int(state)]);
}

QString toString(EncryptedMode mode)
{
    return QString::fromLatin1(EncryptedNames[int(mode)]);
}

std::optional<AttemptState> attemptStateFromString(const QString &text)
{
    return enumFromName<AttemptState>(text, AttemptStateNames);
}

std::optional<FilesystemState> filesystemStateFromString(const QString &text)
{
    return enumFromName<FilesystemState>(text, FilesystemStateNames);
}

std::optional<EncryptedMode> encryptedModeFromString(const QString &text)
{
    return enumFromName<EncryptedMode>(text, EncryptedNames);
}

const TimedError *FilesystemReport::error() const
{
    if (planError) {
        return &*planError;
    }
    if (stepError) {
        return &*stepError;
    }
    return nullptr;
}

void FilesystemReport::bytesSum(qint64 *expected, qint64 *replicated, bool *complete) const
{
    *expected = 0;
    *replicated = 0;
    *complete = true;
    for (const StepInfo &s : steps) {
        *expected += s.bytesExpected;
        *replicated += s.bytesReplicated;
        *complete = *complete && s.bytesExpected != 0;
    }
}

void ReplicationReport::writeJson(JsonWriter &w) const
{
    writeReplication(w, *this, true);
}

void ReplicationReport::writeHeadJson(JsonWriter &w) const
{
    writeReplication(w, *this, false);
}

void FilesystemReport::writeJson(JsonWriter &w) const
{
    writeFilesystem(w, *this);
}

FilesystemReport FilesystemReport::fromJson(const QJsonObject &o, const QString &path, JsonReader &r)
{
    return readFilesystem(o, path, r);
}

ReplicationReport ReplicationReport::fromJson(const QJsonObject &o, const QString &path, JsonReader &r)
{
    ReplicationReport rep;
    rep.startAt = r.time(o, "StartAt"_L1, path);
    rep.finishAt = r.time(o, "FinishAt"_L1, path);
    rep.waitReconnectSince = r.time(o, "WaitReconnectSince"_L1, path);
    rep.waitReconnectUntil = r.time(o, "WaitReconnectUntil"_L1, path);
    rep.waitReconnectError = readTimedError(o, "WaitReconnectError"_L1, path, r);
    QJsonArray list;
    if (r.array(o, "Attempts"_L1, path, &list)) {
        const QString p = JsonReader::join(path, "Attempts"_L1);
        for (qsizetype i = 0; i < list.size() && r.ok(); ++i) {
            QJsonObject a;
            if (r.element(list.at(i), JsonReader::join(p, i), &a)) {
                rep.attempts.append(readAttempt(a, JsonReader::join(p, i), r));
            }
        }
    }
    return rep;
}

}  // namespace Api
