// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <chrono>
#include <optional>

#include "shared/control/JobStatus.h"

namespace Api {

namespace HoldfastEndpoint {
// Holdfast-only long poll of the status (status group; snake_case keys around zrepl's report shapes): GET ?since=VERSION&timeout=SECONDS answers with the changes
// since VERSION as soon as there are any, or with none when `timeout` passed first. since=0 (or a version the daemon
// no longer knows) gets the whole status. zrepl's daemon answers 404, and its clients never see this path.
inline constexpr char StatusChanges[] = "/holdfast/v1/status/changes";
}  // namespace HoldfastEndpoint

// The request target for a long poll; `timeout` is clamped by the daemon to [0 s, MaxStatusWait].
QByteArray statusChangesTarget(quint64 since, std::chrono::seconds timeout);
inline constexpr std::chrono::seconds MaxStatusWait{600};

// One filesystem of a replication attempt, replaced in place: the attempt and the filesystem keep their positions.
struct FilesystemChange
{
    int attempt = 0;
    int index = 0;
    FilesystemReport report;

    friend bool operator==(const FilesystemChange &, const FilesystemChange &) = default;
};

// What changed in a push or pull job whose type stayed. Each field is set only when that part changed; the inner
// optional of a report is the new value, null when the report went away.
struct JobPatch
{
    // The whole replication report: it appeared or went away, or an attempt or a filesystem was added, removed or
    // renamed (a new attempt has new filesystems).
    std::optional<std::optional<ReplicationReport>> replication;
    // The same attempts and filesystems: the report's own fields and the attempts' states and times (its attempts'
    // filesystem lists are empty and left alone), and the filesystems that changed.
    std::optional<ReplicationReport> replicationHead;
    QList<FilesystemChange> filesystems;
    std::optional<std::optional<PrunerReport>> pruningSender;
    std::optional<std::optional<PrunerReport>> pruningReceiver;
    std::optional<std::optional<SnapperReport>> snapshotting;

    bool isEmpty() const;
    friend bool operator==(const JobPatch &, const JobPatch &) = default;
};

// What turns the status of version `base` into that of version `version`: a whole status (`full`, the first answer
// and the answer to a version the daemon no longer keeps), or the jobs removed, the jobs replaced whole (new jobs,
// a changed type, snap and passive jobs, which are small) and the patches of push and pull jobs. `freshness` is
// the /holdfast/v1/freshness body when it changed (the report of job health and last backups); `config` the
// daemon's configuration state (a ConfigStatus, ConfigApi.h) when it changed: the file's version on disk, the last
// reload, the jobs waiting to restart.
struct StatusChange
{
    quint64 base = 0;
    quint64 version = 0;
    std::optional<DaemonStatus> full;
    QStringList removed;
    QMap<QString, JobStatus> replaced;
    QMap<QString, JobPatch> patched;
    std::optional<QByteArray> freshness;
    std::optional<QByteArray> config;  // ConfigStatus::toJson()

    // The change from `from` to `to` (base and version left 0, freshness and config unset). Cheap when little changed:
    // filesystem lists that are shared copies are not compared element by element.
    static StatusChange between(const DaemonStatus &from, const DaemonStatus &to);
    bool isEmpty() const;
    // Applies the change to the status of version `base`. false with *error when it does not fit (a job or an index
    // that is not there, a job of another type): the client then asks for the whole status again.
    bool applyTo(DaemonStatus *status, QString *error) const;

    QByteArray toJson() const;
    static std::optional<StatusChange> fromJson(const QJsonObject &object, const QString &path, JsonReader &reader);
    friend bool operator==(const StatusChange &, const StatusChange &) = default;
};

// The answer to a long poll: the version now, and the changes from the asked version to it in order (none when the
// wait timed out).
struct StatusChanges
{
    quint64 version = 0;
    QList<StatusChange> changes;

    // The daemon keeps each change serialized once: the answer is made of those bytes.
    static QByteArray envelope(quint64 version, const QList<QByteArray> &changeJsons);
    static std::optional<StatusChanges> fromJson(const QByteArray &json, QString *error);
};

}  // namespace Api
