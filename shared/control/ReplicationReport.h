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

// zrepl's replication/report types (replication_report.go at 58c08c855f). JSON field names are the Go field names.

struct TimedError
{
    QString err;
    Timestamp time;

    friend bool operator==(const TimedError &, const TimedError &) = default;
};

enum class AttemptState
{
    Planning,
    PlanningError,
    FanOutFilesystems,
    FilesystemError,
    Done,
};

enum class FilesystemState
{
    Planning,
    PlanningError,
    Stepping,
    StepError,
    Done,
};

enum class EncryptedMode
{
    Yes,
    No,
    SenderDependent,
};

QString toString(AttemptState state);  // "planning", "planning-error", "fan-out-filesystems", ...
QString toString(FilesystemState state);  // "planning", "planning-error", "stepping", "step-error", "done"
QString toString(EncryptedMode mode);  // "yes", "no", "sender-dependent"
std::optional<AttemptState> attemptStateFromString(const QString &text);
std::optional<FilesystemState> filesystemStateFromString(const QString &text);
std::optional<EncryptedMode> encryptedModeFromString(const QString &text);

struct StepInfo
{
    QString from;  // "@snap" or "#bookmark"; empty for a full send
    QString to;
    bool resumed = false;
    EncryptedMode encrypted = EncryptedMode::No;
    qint64 bytesExpected = 0;  // 0: no size estimate
    qint64 bytesReplicated = 0;

    bool isIncremental() const { return !from.isEmpty(); }
    friend bool operator==(const StepInfo &, const StepInfo &) = default;
};

struct FilesystemReport
{
    QString name;  // Info.Name: the sender's filesystem
    FilesystemState state = FilesystemState::Planning;
    std::optional<TimedError> planError;
    std::optional<TimedError> stepError;
    int currentStep = 0;  // index of the step running; == steps.size() when all are done
    QList<StepInfo> steps;

    // The error that ended this filesystem's work, if any.
    const TimedError *error() const;
    // Sums of the steps; `complete` is false when a step has no size estimate.
    void bytesSum(qint64 *expected, qint64 *replicated, bool *complete) const;
    void writeJson(JsonWriter &writer) const;
    static FilesystemReport fromJson(const QJsonObject &object, const QString &path, JsonReader &reader);
    friend bool operator==(const FilesystemReport &, const FilesystemReport &) = default;
};

struct AttemptReport
{
    AttemptState state = AttemptState::Planning;
    Timestamp startAt;
    Timestamp finishAt;
    std::optional<TimedError> planError;
    QList<FilesystemReport> filesystems;

    friend bool operator==(const AttemptReport &, const AttemptReport &) = default;
};

struct ReplicationReport
{
    Timestamp startAt;
    Timestamp finishAt;
    Timestamp waitReconnectSince;
    Timestamp waitReconnectUntil;
    std::optional<TimedError> waitReconnectError;
    QList<AttemptReport> attempts;

    void writeJson(JsonWriter &writer) const;
    // The same without the attempts' filesystems (their lists written empty): what a status change carries when
    // only the attempts' states and times changed.
    void writeHeadJson(JsonWriter &writer) const;
    static ReplicationReport fromJson(const QJsonObject &object, const QString &path, JsonReader &reader);
    friend bool operator==(const ReplicationReport &, const ReplicationReport &) = default;
};

}  // namespace Api
