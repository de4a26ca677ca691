// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include "shared/control/Timestamp.h"

namespace Api {

class JsonReader;

// Holdfast-only: the configuration through the daemon, and live reload. The desktop user never edits root's file
// directly: the GUI reads its text, edits it at the text level, has the daemon validate it and applies it on top of
// the version it read. zrepl's client never sees these endpoints.
namespace HoldfastEndpoint {
// GET: ConfigDocument. The status group gets it with secrets redacted (a hook's dsn); admins get the file as it is.
inline constexpr char Config[] = "/holdfast/v1/config";
// POST ConfigText (admin): ConfigValidation, also for an invalid text (200 either way).
inline constexpr char ConfigValidate[] = "/holdfast/v1/config/validate";
// POST ConfigApplyRequest (admin): ReloadReport. 409 ConfigConflict when base_version is not the file's version,
// 422 ConfigValidation when the text is invalid (nothing written).
inline constexpr char ConfigApply[] = "/holdfast/v1/config/apply";
// POST ReloadRequest (admin): ReloadReport; the same as SIGHUP and `systemctl reload holdfast`.
inline constexpr char Reload[] = "/holdfast/v1/reload";
// POST ConnectTestRequest (admin): ConnectTestResult, whether a job of a proposed text reaches its peer.
inline constexpr char ConnectTest[] = "/holdfast/v1/config/test-connect";
// GET: FilesystemListing (status group), the pools and filesystems a new backup can choose from.
inline constexpr char Filesystems[] = "/holdfast/v1/filesystems";
}  // namespace HoldfastEndpoint

// Where and why a configuration text is invalid. Line and column count from 1; 0 when unknown.
struct ConfigProblem
{
    QString file;
    int line = 0;
    int column = 0;
    QString field;  // "jobs[2].snapshotting.interval"; "" when the problem is the YAML itself
    QString message;

    // "<file>:<line>:<column>: <field>: <message>", leaving out what is unknown.
    QString toString() const;
    friend bool operator==(const ConfigProblem &, const ConfigProblem &) = default;
};

// One job of a configuration, in words, for lists and confirmations.
struct ConfigJobSummary
{
    QString name;
    QString type;     // zrepl's job type: "push", "sink", ...
    QString summary;  // "3 filesystems to local sink “usb” every 1h"; "receives into usbpool/backup"
    int line = 0;     // where the job starts in the text
    // Only in ConfigDocument: the daemon runs this job with the text's settings / runs an older version of it and
    // restarts it when it is idle.
    bool running = false;
    bool restartPending = false;

    friend bool operator==(const ConfigJobSummary &, const ConfigJobSummary &) = default;
};

// When a changed job whose work is under way restarts: when it is idle (a replication in progress finishes), or now
// (the work is aborted as `signal reset` would; a resumable receive keeps what it received).
enum class RestartPolicy
{
    WhenIdle,
    Now,
};
QString restartPolicyName(RestartPolicy policy);  // "when-idle", "now"
std::optional<RestartPolicy> restartPolicyFromName(const QString &name);

// What a configuration changes against the one the daemon runs. Jobs by name; global settings by their YAML path
// ("global.logging", "global.monitoring", "global.control.sockpath").
struct ReloadChanges
{
    QStringList added;
    QStringList removed;
    QStringList changed;
    QStringList unchanged;
    QStringList globalApplied;       // global settings the daemon takes without a restart
    QStringList globalNeedsRestart;  // global settings that take effect at the daemon's next start

    bool isEmpty() const;
    friend bool operator==(const ReloadChanges &, const ReloadChanges &) = default;
};

// The outcome of one reload (SIGHUP, `systemctl reload`, /holdfast/v1/reload, or an apply).
struct ReloadReport
{
    bool ok = false;
    // When !ok: why the file was not taken; the daemon runs the configuration it ran before.
    std::optional<ConfigProblem> problem;
    Timestamp at;
    QString trigger;        // "signal", "request", "apply"
    QString version;        // the version of the file the daemon now runs
    ReloadChanges changes;  // empty when !ok
    QStringList restarted;  // changed jobs restarted now
    QStringList pending;    // changed jobs that restart when their work is done

    QByteArray toJson() const;
    static std::optional<ReloadReport> fromJson(const QByteArray &json, QString *error);
    friend bool operator==(const ReloadReport &, const ReloadReport &) = default;
};

// The daemon's side of its configuration: what it runs, what waits, what the last reload said.
struct ConfigState
{
    QString runningVersion;           // of the text the daemon runs; "" before the first successful read
    std::optional<ReloadReport> lastReload;
    QStringList pendingRestart;       // changed jobs still waiting for their work to end
    QStringList needsDaemonRestart;   // global settings of the running version that the daemon has not taken

    friend bool operator==(const ConfigState &, const ConfigState &) = default;
};

// The daemon's configuration state as its status feed brings it (StatusChange::config), so that a client shows
// what ConfigDocument would tell about the file and the reloads without reading (and the daemon without previewing)
// the whole text.
struct ConfigStatus
{
    QString path;
    QString version;  // of the file on disk, as ConfigDocument.version; "" when it cannot be read
    ConfigState state;

    QByteArray toJson() const;
    static std::optional<ConfigStatus> fromJson(const QByteArray &json, QString *error);
    // Inside a larger document: errors name the field under `path`.
    static ConfigStatus fromJson(const QJsonObject &object, const QString &path, JsonReader &reader);
    friend bool operator==(const ConfigStatus &, const ConfigStatus &) = default;
};

// GET /holdfast/v1/config.
struct ConfigDocument
{
    QString path;
    QString text;
    // The file's version: a SHA-256 of its bytes, in hex. An apply names the version it edited.
    QString version;
    bool redacted = false;   // secrets in `text` were replaced by "<redacted>"
    bool editable = false;   // the caller may validate and apply
    QString readOnlyReason;  // why not, in words, when !editable
    // The file's jobs; empty with `problem` set when the file on disk is invalid (it can still be edited).
    QList<ConfigJobSummary> jobs;
    std::optional<ConfigProblem> problem;
    ConfigState state;

    QByteArray toJson() const;
    static std::optional<ConfigDocument> fromJson(const QByteArray &json, QString *error);
    friend bool operator==(const ConfigDocument &, const ConfigDocument &) = default;
};

// POST /holdfast/v1/config/validate.
struct ConfigText
{
    QString text;

    QByteArray toJson() const;
    static std::optional<ConfigText> fromJson(const QByteArray &json, QString *error);
};

struct ConfigValidation
{
    bool valid = false;
    QList<ConfigProblem> problems;  // the first problem found (later ones are usually its consequences)
    QList<ConfigJobSummary> jobs;   // when valid
    ReloadChanges changes;          // when valid: what applying it would change against what the daemon runs

    QByteArray toJson() const;
    static std::optional<ConfigValidation> fromJson(const QByteArray &json, QString *error);
    friend bool operator==(const ConfigValidation &, const ConfigValidation &) = default;
};

// POST /holdfast/v1/config/apply.
struct ConfigApplyRequest
{
    QString text;
    QString baseVersion;  // the version the text was edited from
    RestartPolicy restart = RestartPolicy::WhenIdle;

    QByteArray toJson() const;
    static std::optional<ConfigApplyRequest> fromJson(const QByteArray &json, QString *error);
};

// The 409 answer to an apply on top of a version that is no longer the file's.
struct ConfigConflict
{
    QString message;
    QString currentVersion;

    QByteArray toJson() const;
    static std::optional<ConfigConflict> fromJson(const QByteArray &json, QString *error);
};

// POST /holdfast/v1/reload.
struct ReloadRequest
{
    RestartPolicy restart = RestartPolicy::WhenIdle;

    QByteArray toJson() const;
    static std::optional<ReloadRequest> fromJson(const QByteArray &json, QString *error);
};

// POST /holdfast/v1/config/test-connect: whether job `job` of `text` (a push or pull job) reaches its peer: the
// transport connects and the peer answers Holdfast's and zrepl's protocol handshake.
struct ConnectTestRequest
{
    QString text;
    QString job;

    QByteArray toJson() const;
    static std::optional<ConnectTestRequest> fromJson(const QByteArray &json, QString *error);
};

struct ConnectTestResult
{
    bool ok = false;
    QString message;  // what was reached, or why not, in words
    QString peerJob;  // the peer's job name when it answered

    QByteArray toJson() const;
    static std::optional<ConnectTestResult> fromJson(const QByteArray &json, QString *error);
};

// GET /holdfast/v1/filesystems.
struct PoolInfo
{
    QString name;
    qint64 size = -1;  // bytes; -1 when unknown
    qint64 free = -1;
    QString health;  // "ONLINE", "DEGRADED", ...

    friend bool operator==(const PoolInfo &, const PoolInfo &) = default;
};

struct FilesystemInfo
{
    QString name;
    qint64 used = -1;       // bytes; -1 when unknown
    qint64 available = -1;
    QString encryption;     // "off", or the cipher ("aes-256-gcm"); "" where ZFS has no encryption
    QString encryptionRoot; // "" when not encrypted
    QString mountpoint;     // "" when not mounted
    QStringList receivedBy; // the jobs of the daemon that receive into it (sink and pull jobs)
    QStringList sentBy;     // the jobs whose filesystems filter covers it

    friend bool operator==(const FilesystemInfo &, const FilesystemInfo &) = default;
};

struct FilesystemListing
{
    QList<PoolInfo> pools;              // by name
    QList<FilesystemInfo> filesystems;  // by name, parents before their children

    QByteArray toJson() const;
    static std::optional<FilesystemListing> fromJson(const QByteArray &json, QString *error);
    friend bool operator==(const FilesystemListing &, const FilesystemListing &) = default;
};

}  // namespace Api
