// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

#include "shared/control/Timestamp.h"

namespace Api {

// Holdfast-only endpoints. zrepl's client never asks for them; their JSON is snake_case so that a reader can tell
// them from zrepl's shapes at a glance.
namespace HoldfastEndpoint {
inline constexpr char Freshness[] = "/holdfast/v1/freshness";  // GET: FreshnessReport
inline constexpr char Runs[] = "/holdfast/v1/runs";            // GET: RunsReport
inline constexpr char Wakeup[] = "/holdfast/v1/wakeup";        // POST {"job": J}: {"job": J, "run": N}
}  // namespace HoldfastEndpoint

// Nagios/monitoring-plugins codes, so that the plugin's exit status and the metric are the same number.
enum class Health
{
    Ok = 0,
    Warning = 1,
    Critical = 2,
    Unknown = 3,
};

QString toString(Health health);  // "ok", "warning", "critical", "unknown"
std::optional<Health> healthFromString(const QString &text);
Health worse(Health a, Health b);  // critical > warning > unknown > ok

struct SnapshotRef
{
    QString name;  // without "fs@"
    Timestamp creation;

    friend bool operator==(const SnapshotRef &, const SnapshotRef &) = default;
};

// One filesystem of a job: on a sending job (push, snap, source) a filesystem of its own; on a receiving job (sink,
// pull) a received filesystem, named as on the receiver.
struct FilesystemFreshness
{
    QString filesystem;
    int snapshots = 0;
    std::optional<SnapshotRef> newestSnapshot;
    // The newest snapshot the receiver has: the data is safe as of its creation.
    std::optional<SnapshotRef> replicatedSnapshot;
    Timestamp lastSuccessAt;  // when replication last confirmed it (a step done, or nothing to send); zero: not seen
    int unreplicatedSnapshots = 0;
    std::optional<qint64> unreplicatedBytes;  // where `zfs send -nvP` estimated the remaining steps
    QString error;  // the last run's error for this filesystem
    Health health = Health::Unknown;
    QString healthReason;

    friend bool operator==(const FilesystemFreshness &, const FilesystemFreshness &) = default;
};

struct JobFreshness
{
    QString job;
    QString type;  // "push", "pull", "sink", "source", "snap"
    Timestamp lastRunAt;  // start of the last finished run
    Timestamp lastSuccessAt;  // finish of the last run that replicated everything
    QString lastRunError;
    Timestamp nextSnapshotAt;
    Timestamp nextReplicationAt;
    qint64 warningAfterSeconds = 0;
    qint64 criticalAfterSeconds = 0;
    qint64 snapshotIntervalSeconds = 0;  // 0: snapshots are not taken on a schedule by this job
    bool paused = false;  // replication paused (`signal pause`): snapshots go on, ages keep growing
    Health health = Health::Unknown;
    QString healthReason;
    QList<FilesystemFreshness> filesystems;  // sorted by name

    friend bool operator==(const JobFreshness &, const JobFreshness &) = default;
};

struct FreshnessReport
{
    // When the daemon evaluated the health, which holds until a fact changes or a threshold is crossed (the
    // daemon keeps the answer until then). Ages are the reader's to compute against its own clock: the control
    // socket is local, so that is the daemon's clock.
    Timestamp computedAt;
    QList<JobFreshness> jobs;  // sorted by name

    QByteArray toJson() const;
    // The same in two parts, so that a server can keep the jobs' part while only `now` changes.
    static QByteArray jobsJson(const QList<JobFreshness> &jobs);
    static QByteArray toJson(const Timestamp &computedAt, const QByteArray &jobsJson);
    static std::optional<FreshnessReport> fromJson(const QByteArray &json, QString *error);
    friend bool operator==(const FreshnessReport &, const FreshnessReport &) = default;
};

// A job's runs, for `signal wakeup --wait`: small enough to ask for often.
struct RunInfo
{
    QString job;
    quint64 started = 0;  // runs started since the daemon started; the current or last run has this number
    bool running = false;
    bool paused = false;
    quint64 lastFinished = 0;  // number of the last finished run, 0 if none
    bool lastSucceeded = false;
    QString lastError;
    Timestamp lastFinishedAt;

    friend bool operator==(const RunInfo &, const RunInfo &) = default;
};

struct RunsReport
{
    QList<RunInfo> jobs;

    QByteArray toJson() const;
    static std::optional<RunsReport> fromJson(const QByteArray &json, QString *error);
    const RunInfo *find(const QString &job) const;
};

struct WakeupRequest
{
    QString job;

    QByteArray toJson() const;
    static std::optional<WakeupRequest> fromJson(const QByteArray &json, QString *error);
};

struct WakeupReply
{
    QString job;
    quint64 run = 0;  // the run this wakeup started

    QByteArray toJson() const;
    static std::optional<WakeupReply> fromJson(const QByteArray &json, QString *error);
};

}  // namespace Api
