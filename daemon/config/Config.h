// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <chrono>
#include <optional>

// zrepl's configuration schema (config/config.go at 58c08c855f), read from the same YAML files. Field names in
// comments are the YAML keys. Defaults are zrepl's.
namespace Api {
struct ConfigProblem;
}

namespace Config {

using Duration = std::chrono::nanoseconds;
using namespace std::chrono_literals;

// Where a value stands in the YAML file (1-based; 0 when unknown), so that errors found after parsing, such as
// an invalid job name, still point at the line.
struct Position
{
    int line = 0;
    int column = 0;

    friend bool operator==(const Position &, const Position &) = default;
};

struct Error
{
    QString file;
    int line = 0;
    int column = 0;
    QString field;  // the path of the field: "jobs[2].snapshotting.interval"
    QString message;

    // "<file>:<line>:<column>: <field>: <message>", leaving out what is unknown.
    QString toString() const;
    // The same problem as the control API reports it.
    Api::ConfigProblem toProblem() const;
};

enum class LogLevel
{
    Debug,
    Info,
    Warn,
    Error,
};

enum class LogFormat
{
    Human,
    Logfmt,
    Json,
};

struct TlsFiles
{
    QString ca;
    QString cert;
    QString key;

    friend bool operator==(const TlsFiles &, const TlsFiles &) = default;
};

struct LoggingOutlet
{
    enum class Type
    {
        Stdout,
        Syslog,
        Tcp,
    };
    Type type = Type::Stdout;
    LogLevel level = LogLevel::Warn;
    LogFormat format = LogFormat::Human;
    // stdout
    bool time = true;
    bool color = true;
    // syslog: facility as syslog(3)'s LOG_* value (LOG_LOCAL0 by default)
    int facility = 16 << 3;
    Duration retryInterval = 10s;  // syslog, tcp
    // tcp
    QString address;
    QString net = QStringLiteral("tcp");
    std::optional<TlsFiles> tls;

    friend bool operator==(const LoggingOutlet &, const LoggingOutlet &) = default;
};

struct PrometheusMonitoring
{
    QString listen;  // host:port; ":9811" listens on every address
    bool listenFreebind = false;

    friend bool operator==(const PrometheusMonitoring &, const PrometheusMonitoring &) = default;
};

struct Global
{
    QList<LoggingOutlet> logging;  // default: one stdout outlet, level warn, format human
    QList<PrometheusMonitoring> monitoring;
    QString controlSockpath = QStringLiteral("/var/run/zrepl/control");
    // Holdfast's additions to zrepl's control section. Members of the status group may read the status; members of
    // the admin group may also send signals and control pprof. Unset status group: "holdfast" where that group
    // exists (the package creates it); an empty one turns group access off. No admin group: only root.
    std::optional<QString> controlStatusGroup;
    QString controlAdminGroup;
    QString stdinserverSockdir = QStringLiteral("/var/run/zrepl/stdinserver");

    friend bool operator==(const Global &, const Global &) = default;
};

// "filesystems": dataset pattern -> include. A pattern ending in '<' covers the dataset and its children; "<"
// alone covers every dataset.
using FilesystemsFilter = QMap<QString, bool>;

struct Hook
{
    enum class Type
    {
        Command,
        PostgresCheckpoint,
        MysqlLockTables,
    };
    Type type = Type::Command;
    QString path;  // command
    QString dsn;  // postgres-checkpoint, mysql-lock-tables
    Duration timeout = 30s;
    FilesystemsFilter filesystems;  // command: {"<": true} by default; required for the others
    bool errIsFatal = false;
    Position position;

    friend bool operator==(const Hook &, const Hook &) = default;
};

struct Snapshotting
{
    enum class Type
    {
        Periodic,
        Manual,
    };
    Type type = Type::Manual;
    QString prefix;  // periodic, required and non-empty
    Duration interval{0};  // periodic, positive
    QList<Hook> hooks;

    friend bool operator==(const Snapshotting &, const Snapshotting &) = default;
};

struct RetentionInterval
{
    Duration length{0};
    int keepCount = 1;  // KeepAll for keep=all
    static constexpr int KeepAll = -1;

    friend bool operator==(const RetentionInterval &, const RetentionInterval &) = default;
};

struct KeepRule
{
    enum class Type
    {
        NotReplicated,
        LastN,
        Grid,
        Regex,
    };
    Type type = Type::LastN;
    bool keepSnapshotAtCursor = true;  // not_replicated
    int count = 0;  // last_n, > 0
    QList<RetentionInterval> grid;  // grid, expanded: "2x1h" gives two intervals of one hour
    QString gridSpec;  // grid, as written
    QString regex;  // grid (required), regex (required)
    bool negate = false;  // regex
    Position position;

    friend bool operator==(const KeepRule &, const KeepRule &) = default;
};

struct Connect
{
    enum class Type
    {
        Tcp,
        Tls,
        SshStdinserver,
        Local,
    };
    Type type = Type::Tcp;
    QString address;  // tcp, tls: host:port
    QString ca;  // tls
    QString cert;
    QString key;
    QString serverCn;
    QString host;  // ssh+stdinserver
    QString user;
    quint16 port = 0;
    QString identityFile;
    QStringList transportOpenCommand;
    QString sshCommand;
    QStringList options;
    QString listenerName;  // local
    QString clientIdentity;
    Duration dialTimeout = 10s;  // 2s for local

    friend bool operator==(const Connect &, const Connect &) = default;
};

struct Serve
{
    enum class Type
    {
        Tcp,
        Tls,
        Stdinserver,
        Local,
    };
    Type type = Type::Tcp;
    QString listen;  // tcp, tls: host:port
    bool listenFreebind = false;
    QMap<QString, QString> clients;  // tcp: client IP -> client identity
    QString ca;  // tls
    QString cert;
    QString key;
    QStringList clientCns;
    Duration handshakeTimeout = 10s;
    QStringList clientIdentities;  // stdinserver
    QString stdinserverSockdir;  // stdinserver: global.serve.stdinserver.sockdir, copied here by the parser
    QString listenerName;  // local

    friend bool operator==(const Serve &, const Serve &) = default;
};

struct JobDebug
{
    bool hasConn = false;
    QString connReadDump;
    QString connWriteDump;
    bool rpcLog = false;

    friend bool operator==(const JobDebug &, const JobDebug &) = default;
};

enum class JobType
{
    Snap,
    Push,
    Sink,
    Pull,
    Source,
};

// "snap", "push", ...
QString jobTypeName(JobType type);

// Holdfast-only `health:` of a job: when its replication (or, for a snap job, its newest snapshot) counts as old.
// Unset thresholds follow the job's interval (daemon/health/HealthPolicy).
struct HealthThresholds
{
    std::optional<Duration> warningAfter;
    std::optional<Duration> criticalAfter;

    friend bool operator==(const HealthThresholds &, const HealthThresholds &) = default;
};

struct Job
{
    JobType type = JobType::Snap;
    QString name;
    Position position;
    JobDebug debug;

    Connect connect;  // push, pull
    QList<KeepRule> keepSender;  // push, pull: pruning.keep_sender
    QList<KeepRule> keepReceiver;  // push, pull: pruning.keep_receiver
    Serve serve;  // sink, source
    FilesystemsFilter filesystems;  // snap, push, source
    Snapshotting snapshotting;  // snap, push, source
    QList<KeepRule> keep;  // snap: pruning.keep
    QString rootFs;  // pull, sink
    bool intervalManual = false;  // pull: interval "manual"
    Duration interval{0};  // pull
    bool sendEncrypted = false;  // push, source: send.encrypted
    int replicationSteps = 1;  // push, pull: replication.concurrency.steps (filesystems replicating at once)
    int sizeEstimates = 4;  // push, pull: replication.concurrency.size_estimates
    // push, pull: Holdfast-only watchdog limits, 0 for none: replication.stall_timeout (a step whose byte count
    // does not move for this long is stopped and retried), replication.planning_timeout, pruning.timeout (each
    // side's pruning round).
    Duration stallTimeout = 10min;
    Duration planningTimeout = 30min;
    Duration pruningTimeout = 1h;
    HealthThresholds health;  // every type: Holdfast-only `health`

    friend bool operator==(const Job &, const Job &) = default;
};

struct Root
{
    QString path;  // the file it was read from
    Global global;
    QList<Job> jobs;

    const Job *job(const QString &name) const;
};

}  // namespace Config
