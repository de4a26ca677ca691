// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QMap>
#include <QString>

#include <optional>
#include <utility>
#include <variant>

#include "shared/control/PrunerReport.h"
#include "shared/control/ReplicationReport.h"
#include "shared/control/SnapperReport.h"

namespace Api {

// push and pull jobs. Every report is null until its phase first runs.
struct ActiveSideStatus
{
    std::optional<ReplicationReport> replication;
    std::optional<PrunerReport> pruningSender;
    std::optional<PrunerReport> pruningReceiver;
    std::optional<SnapperReport> snapshotting;  // null for pull and for manual snapshotting

    friend bool operator==(const ActiveSideStatus &, const ActiveSideStatus &) = default;
};

struct SnapJobStatus
{
    std::optional<PrunerReport> pruning;
    std::optional<SnapperReport> snapshotting;

    friend bool operator==(const SnapJobStatus &, const SnapJobStatus &) = default;
};

// sink and source jobs
struct PassiveStatus
{
    std::optional<SnapperReport> snapper;

    friend bool operator==(const PassiveStatus &, const PassiveStatus &) = default;
};

// One job's entry in /status: {"type": T, T: {...}}. The daemon's own control job has type "internal" and null.
struct JobStatus
{
    enum class Type
    {
        Internal,
        Snap,
        Push,
        Sink,
        Pull,
        Source,
    };

    Type type = Type::Internal;
    std::variant<std::monostate, ActiveSideStatus, SnapJobStatus, PassiveStatus> specific;

    const ActiveSideStatus *active() const { return std::get_if<ActiveSideStatus>(&specific); }
    const SnapJobStatus *snap() const { return std::get_if<SnapJobStatus>(&specific); }
    const PassiveStatus *passive() const { return std::get_if<PassiveStatus>(&specific); }

    void writeJson(JsonWriter &writer) const;
    static JobStatus fromJson(const QJsonObject &object, const QString &path, JsonReader &reader);
    friend bool operator==(const JobStatus &, const JobStatus &) = default;
};

// How the last run of a push or pull job ended, from its reports: whether it replicated and pruned everything,
// and if not why, in one line. The daemon's run results and the client's zrepl fallback both use it.
std::pair<bool, QString> runOutcome(const ActiveSideStatus &status);

QString toString(JobStatus::Type type);  // "internal", "snap", "push", "sink", "pull", "source"
std::optional<JobStatus::Type> jobTypeFromString(const QString &text);

// The whole /status answer: job name -> status, internal jobs ("_control") included.
struct DaemonStatus
{
    QMap<QString, JobStatus> jobs;

    // zrepl's wire form at the reference version: a flat object, keys sorted, as Go writes a map.
    QByteArray toJson() const;
    // Accepts the reference form and the later {"Jobs": {...}, "Global": {...}} form.
    static std::optional<DaemonStatus> fromJson(const QByteArray &json, QString *error);
    static std::optional<DaemonStatus> fromJsonObject(const QJsonObject &root, QString *error);
    friend bool operator==(const DaemonStatus &, const DaemonStatus &) = default;
};

}  // namespace Api
