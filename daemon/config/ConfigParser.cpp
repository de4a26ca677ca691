// SPDX-License-Identifier: MIT
#include "daemon/config/ConfigParser.h"

#include <algorithm>
#include <climits>
#include <string_view>
#include <grp.h>

#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QRegularExpression>

#include "daemon/config/YamlMap.h"
#include "daemon/config/YamlReader.h"
#include "daemon/zfs/NameCheck.h"

using namespace Qt::StringLiterals;

namespace Config {

namespace {

QString quoted(QStringView text)
{
    QString escaped = text.toString();
    escaped.replace(u'\\', u"\\\\"_s).replace(u'"', u"\\\""_s);
    return u'"' + escaped + u'"';
}

QString indexed(const QString &field, std::size_t index)
{
    return field + u"[%1]"_s.arg(index);
}

// ---- durations (Go's time.ParseDuration, src/time/format.go) ----

constexpr quint64 OneShl63 = quint64(1) << 63;

// Digits as an integer; false on overflow past 1<<63.
bool leadingInt(const QByteArray &s, qsizetype &pos, quint64 &value)
{
    quint64 x = 0;
    for (; pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; ++pos) {
        if (x > OneShl63 / 10) {
            return false;
        }
        x = x * 10 + quint64(s[pos] - '0');
        if (x > OneShl63) {
            return false;
        }
    }
    value = x;
    return true;
}

// Digits after the point; digits that would overflow are dropped, as Go does, which only loses precision.
void leadingFraction(const QByteArray &s, qsizetype &pos, quint64 &value, double &scale)
{
    quint64 x = 0;
    scale = 1;
    bool overflow = false;
    for (; pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; ++pos) {
        if (overflow) {
            continue;
        }
        if (x > (OneShl63 - 1) / 10) {
            overflow = true;
            continue;
        }
        const quint64 y = x * 10 + quint64(s[pos] - '0');
        if (y > OneShl63) {
            overflow = true;
            continue;
        }
        x = y;
        scale *= 10;
    }
    value = x;
}

std::optional<quint64> unitNanoseconds(const QByteArray &unit)
{
    if (unit == "ns") {
        return 1;
    }
    // "µs" with U+00B5 MICRO SIGN and with U+03BC GREEK SMALL LETTER MU
    if (unit == "us" || unit == "\xc2\xb5s" || unit == "\xce\xbcs") {
        return 1000;
    }
    if (unit == "ms") {
        return 1000 * 1000;
    }
    if (unit == "s") {
        return 1000 * 1000 * 1000;
    }
    if (unit == "m") {
        return quint64(60) * 1000 * 1000 * 1000;
    }
    if (unit == "h") {
        return quint64(3600) * 1000 * 1000 * 1000;
    }
    return std::nullopt;
}

// ---- retention grid (zrepl config/retentiongrid.go) ----

constexpr int MaxGridFactor = 100000;

// zrepl's parsePostitiveDuration: "<n><s|m|h|d|w>", n > 0.
std::optional<Duration> parseGridDuration(const QString &text, QString *error)
{
    static const QRegularExpression pattern(u"^[ \\t\\n\\f\\r]*([0-9]+)[ \\t\\n\\f\\r]*(s|m|h|d|w)[ \\t\\n\\f\\r]*$"_s);
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch()) {
        *error = u"duration %1 does not match <number><s|m|h|d|w>"_s.arg(quoted(text.trimmed()));
        return std::nullopt;
    }
    bool ok = false;
    const qint64 factor = match.captured(1).toLongLong(&ok);
    if (!ok || factor <= 0) {
        *error = u"duration must be positive integer"_s;
        return std::nullopt;
    }
    using Days = std::chrono::duration<qint64, std::ratio<86400>>;
    using Weeks = std::chrono::duration<qint64, std::ratio<7 * 86400>>;
    const QString unit = match.captured(2);
    Duration result{0};
    if (unit == u"s") {
        result = std::chrono::seconds(factor);
    } else if (unit == u"m") {
        result = std::chrono::minutes(factor);
    } else if (unit == u"h") {
        result = std::chrono::hours(factor);
    } else if (unit == u"d") {
        result = Days(factor);
    } else {
        result = Weeks(factor);
    }
    if (result <= Duration{0}) {
        *error = u"duration is too long"_s;
        return std::nullopt;
    }
    return result;
}

std::optional<QList<RetentionInterval>> parseGridSegment(const QString &segment, QString *error)
{
    static const QRegularExpression pattern(
        u"^[ \\t\\n\\f\\r]*([0-9]+)[ \\t\\n\\f\\r]*x[ \\t\\n\\f\\r]*([^(]+)[ \\t\\n\\f\\r]*(\\((.*)\\))?[ \\t\\n\\f\\r]*$"_s);
    const QRegularExpressionMatch match = pattern.match(segment);
    if (!match.hasMatch()) {
        *error = u"retention string does not match expected format"_s;
        return std::nullopt;
    }
    bool ok = false;
    const qint64 times = match.captured(1).toLongLong(&ok);
    if (!ok || times <= 0) {
        *error = ok ? u"contains factor <= 0"_s : u"factor is out of range"_s;
        return std::nullopt;
    }
    // zrepl allocates whatever it is told; a typo such as 1000000x1h should not take the daemon's memory.
    if (times > MaxGridFactor) {
        *error = u"factor must not exceed %1"_s.arg(MaxGridFactor);
        return std::nullopt;
    }
    const auto length = parseGridDuration(match.captured(2), error);
    if (!length) {
        return std::nullopt;
    }
    int keepCount = 1;
    if (match.hasCaptured(3) && !match.captured(3).isEmpty()) {
        static const QRegularExpression keepPattern(u"^[ \\t\\n\\f\\r]*keep=(.+)[ \\t\\n\\f\\r]*$"_s);
        const QRegularExpressionMatch keep = keepPattern.match(match.captured(4));
        if (!keep.hasMatch()) {
            *error = u"interval parameter contains unknown parameters"_s;
            return std::nullopt;
        }
        const QString value = keep.captured(1);
        if (value == u"all") {
            keepCount = RetentionInterval::KeepAll;
        } else {
            static const QRegularExpression integer(u"^[+-]?[0-9]+$"_s);
            keepCount = integer.match(value).hasMatch() ? value.toInt(&ok) : 0;
            if (!integer.match(value).hasMatch() || !ok) {
                *error = u"cannot parse keep_count value"_s;
                return std::nullopt;
            }
            // zrepl takes keep=0 (keeps nothing, a typo for sure) and keep=-1 (silently "all"); we refuse both.
            if (keepCount <= 0) {
                *error = u"keep count must be positive or 'all'"_s;
                return std::nullopt;
            }
        }
    }
    return QList<RetentionInterval>(times, RetentionInterval{*length, keepCount});
}

// ---- the schema ----

struct ReceiveRoot
{
    QString rootFs;
    QString jobName;
    YAML::Node node;
    QString field;
};

class SchemaReader
{
public:
    explicit SchemaReader(YamlReader &reader)
        : m_reader(reader)
    {}

    Global global(const YAML::Node &node);
    QList<Job> jobs(const YAML::Node &node);

private:
    LoggingOutlet outlet(const YAML::Node &node, const QString &field);
    QString controlGroup(YamlMap &map, const char *key);
    Job job(const YAML::Node &node, const QString &field);
    void checkJobName(const YamlMap &map, const QString &name);
    QString rootFs(YamlMap &map);
    FilesystemsFilter filesystems(const YAML::Node &node, const QString &field);
    Snapshotting snapshotting(const YAML::Node &node, const QString &field);
    Hook hook(const YAML::Node &node, const QString &field);
    QList<KeepRule> keepRules(const YAML::Node &node, const QString &field, bool localPruner);
    KeepRule keepRule(const YAML::Node &node, const QString &field, bool localPruner);
    Connect connect(const YAML::Node &node, const QString &field);
    Serve serve(const YAML::Node &node, const QString &field);
    JobDebug debug(const YAML::Node &node, const QString &field);
    void pullInterval(YamlMap &map, Job &job);
    void clientIdentity(const YAML::Node &node, const QString &field, const QString &identity);
    void regex(const YAML::Node &node, const QString &field, const QString &pattern, bool required);
    void checkReceiveRootsDoNotOverlap();

    YamlReader &m_reader;
    QHash<QString, int> m_jobNameLines;
    QList<ReceiveRoot> m_receiveRoots;
};

Global SchemaReader::global(const YAML::Node &node)
{
    Global global;
    LoggingOutlet defaultOutlet;
    global.logging = {defaultOutlet};
    if (!node.IsDefined()) {
        return global;
    }
    YamlMap map(m_reader, node, u"global"_s);
    map.allowKeys({"logging", "monitoring", "control", "serve"});
    if (const YAML::Node logging = map.child("logging", Presence::Optional); logging.IsDefined()) {
        global.logging.clear();
        if (!logging.IsSequence()) {
            m_reader.fail(logging, map.fieldPath("logging"), u"expected a sequence of outlets"_s);
        }
        bool haveStdout = false;
        for (std::size_t i = 0; logging.IsSequence() && i < logging.size() && !m_reader.failed(); ++i) {
            const QString field = indexed(map.fieldPath("logging"), i);
            const LoggingOutlet outlet = this->outlet(logging[i], field);
            if (outlet.type == LoggingOutlet::Type::Stdout && haveStdout) {
                m_reader.fail(logging[i], field, u"can only define one 'stdout' outlet"_s);
            }
            haveStdout = haveStdout || outlet.type == LoggingOutlet::Type::Stdout;
            global.logging.append(outlet);
        }
    }
    if (const YAML::Node monitoring = map.child("monitoring", Presence::Optional); monitoring.IsDefined()) {
        if (!monitoring.IsSequence()) {
            m_reader.fail(monitoring, map.fieldPath("monitoring"), u"expected a sequence"_s);
        }
        for (std::size_t i = 0; monitoring.IsSequence() && i < monitoring.size() && !m_reader.failed(); ++i) {
            YamlMap entry(m_reader, monitoring[i], indexed(map.fieldPath("monitoring"), i));
            const QString type = entry.type();
            if (!m_reader.failed() && type != u"prometheus") {
                m_reader.fail(
                    entry.value("type"), entry.fieldPath("type"), u"invalid type name %1"_s.arg(quoted(type)));
            }
            entry.allowKeys({"type", "listen", "listen_freebind"});
            PrometheusMonitoring prometheus;
            prometheus.listen = entry.hostPort("listen", Presence::Required);
            prometheus.listenFreebind = entry.boolean("listen_freebind", Presence::Optional, false);
            global.monitoring.append(prometheus);
        }
    }
    if (const YAML::Node control = map.child("control", Presence::Optional); control.IsDefined()) {
        YamlMap controlMap(m_reader, control, map.fieldPath("control"));
        controlMap.allowKeys({"sockpath", "status_group", "admin_group"});
        global.controlSockpath = controlMap.string("sockpath", Presence::Optional, global.controlSockpath);
        if (controlMap.child("status_group", Presence::Optional).IsDefined()) {
            global.controlStatusGroup = controlGroup(controlMap, "status_group");
        }
        global.controlAdminGroup = controlGroup(controlMap, "admin_group");
    }
    if (const YAML::Node serve = map.child("serve", Presence::Optional); serve.IsDefined()) {
        YamlMap serveMap(m_reader, serve, map.fieldPath("serve"));
        serveMap.allowKeys({"stdinserver"});
        if (const YAML::Node stdinserver = serveMap.child("stdinserver", Presence::Optional); stdinserver.IsDefined()) {
            YamlMap stdinserverMap(m_reader, stdinserver, serveMap.fieldPath("stdinserver"));
            stdinserverMap.allowKeys({"sockdir"});
            global.stdinserverSockdir = stdinserverMap.string("sockdir", Presence::Optional, global.stdinserverSockdir);
        }
    }
    return global;
}

// A group named in the configuration must exist: a typo would otherwise lock the desktop users out (or, for the
// admin group, silently leave signals to root) with nothing saying why.
QString SchemaReader::controlGroup(YamlMap &map, const char *key)
{
    const QString name = map.string(key, Presence::Optional);
    if (m_reader.failed() || name.isEmpty()) {
        return name;
    }
    if (::getgrnam(QFile::encodeName(name).constData()) == nullptr) {
        m_reader.fail(map.value(key), map.fieldPath(key), u"no such group %1 (create it with `addgroup --system %2`)"_s.arg(quoted(name), name));
    }
    return name;
}

LoggingOutlet SchemaReader::outlet(const YAML::Node &node, const QString &field)
{
    LoggingOutlet outlet;
    YamlMap map(m_reader, node, field);
    const QString type = map.type();
    if (type == u"stdout") {
        outlet.type = LoggingOutlet::Type::Stdout;
        map.allowKeys({"type", "level", "format", "time", "color"});
    } else if (type == u"syslog") {
        outlet.type = LoggingOutlet::Type::Syslog;
        map.allowKeys({"type", "level", "format", "facility", "retry_interval"});
    } else if (type == u"tcp") {
        outlet.type = LoggingOutlet::Type::Tcp;
        map.allowKeys({"type", "level", "format", "address", "net", "retry_interval", "tls"});
    } else if (!m_reader.failed()) {
        m_reader.fail(map.value("type"), map.fieldPath("type"), u"invalid type name %1"_s.arg(quoted(type)));
    }
    if (m_reader.failed()) {
        return outlet;
    }

    const QString level = map.string("level", Presence::Required);
    static const QHash<QString, LogLevel> levels = {{u"debug"_s, LogLevel::Debug},
                                                    {u"info"_s, LogLevel::Info},
                                                    {u"warn"_s, LogLevel::Warn},
                                                    {u"error"_s, LogLevel::Error}};
    if (!m_reader.failed() && !levels.contains(level)) {
        m_reader.fail(map.value("level"),
                      map.fieldPath("level"),
                      u"invalid log level %1 (one of debug, info, warn, error)"_s.arg(quoted(level)));
    }
    outlet.level = levels.value(level, LogLevel::Warn);
    const QString format = map.string("format", Presence::Required);
    static const QHash<QString, LogFormat> formats = {
        {u"human"_s, LogFormat::Human}, {u"logfmt"_s, LogFormat::Logfmt}, {u"json"_s, LogFormat::Json}};
    if (!m_reader.failed() && !formats.contains(format)) {
        m_reader.fail(map.value("format"),
                      map.fieldPath("format"),
                      u"invalid log format %1 (one of human, logfmt, json)"_s.arg(quoted(format)));
    }
    outlet.format = formats.value(format, LogFormat::Human);

    switch (outlet.type) {
    case LoggingOutlet::Type::Stdout:
        outlet.time = map.boolean("time", Presence::Optional, true);
        outlet.color = map.boolean("color", Presence::Optional, true);
        break;
    case LoggingOutlet::Type::Syslog: {
        // syslog(3) facility codes, shifted as LOG_MAKEPRI expects
        static const QHash<QString, int> facilities = {
            {u"kern"_s, 0},         {u"user"_s, 1 << 3},    {u"mail"_s, 2 << 3},      {u"daemon"_s, 3 << 3},
            {u"auth"_s, 4 << 3},    {u"syslog"_s, 5 << 3},  {u"lpr"_s, 6 << 3},       {u"news"_s, 7 << 3},
            {u"uucp"_s, 8 << 3},    {u"cron"_s, 9 << 3},    {u"authpriv"_s, 10 << 3}, {u"ftp"_s, 11 << 3},
            {u"local0"_s, 16 << 3}, {u"local1"_s, 17 << 3}, {u"local2"_s, 18 << 3},   {u"local3"_s, 19 << 3},
            {u"local4"_s, 20 << 3}, {u"local5"_s, 21 << 3}, {u"local6"_s, 22 << 3},   {u"local7"_s, 23 << 3}};
        if (map.has("facility")) {
            const QString facility = map.string("facility", Presence::Required);
            if (!m_reader.failed() && !facilities.contains(facility)) {
                m_reader.fail(map.value("facility"),
                              map.fieldPath("facility"),
                              u"invalid syslog facility %1"_s.arg(quoted(facility)));
            }
            outlet.facility = facilities.value(facility, outlet.facility);
        }
        outlet.retryInterval = map.duration("retry_interval", Presence::Optional, DurationSign::Positive, 10s);
        break;
    }
    case LoggingOutlet::Type::Tcp:
        outlet.address = map.hostPort("address", Presence::Required);
        outlet.net = map.string("net", Presence::Optional, u"tcp"_s);
        outlet.retryInterval = map.duration("retry_interval", Presence::Optional, DurationSign::Positive, 10s);
        if (const YAML::Node tls = map.child("tls", Presence::Optional); tls.IsDefined()) {
            YamlMap tlsMap(m_reader, tls, map.fieldPath("tls"));
            tlsMap.allowKeys({"ca", "cert", "key"});
            outlet.tls = TlsFiles{tlsMap.string("ca", Presence::Required),
                                  tlsMap.string("cert", Presence::Required),
                                  tlsMap.string("key", Presence::Required)};
        }
        break;
    }
    return outlet;
}

QList<Job> SchemaReader::jobs(const YAML::Node &node)
{
    QList<Job> jobs;
    if (m_reader.failed()) {
        return jobs;
    }
    if (!node.IsSequence()) {
        m_reader.fail(node, u"jobs"_s, u"expected a sequence of jobs"_s);
        return jobs;
    }
    for (std::size_t i = 0; i < node.size() && !m_reader.failed(); ++i) {
        jobs.append(job(node[i], indexed(u"jobs"_s, i)));
    }
    checkReceiveRootsDoNotOverlap();
    return jobs;
}

Job SchemaReader::job(const YAML::Node &node, const QString &field)
{
    Job job;
    job.position = YamlReader::position(node);
    YamlMap map(m_reader, node, field);
    const QString type = map.type();
    if (type == u"snap") {
        job.type = JobType::Snap;
        map.allowKeys({"type", "name", "debug", "pruning", "snapshotting", "filesystems", "health"});
    } else if (type == u"push") {
        job.type = JobType::Push;
        map.allowKeys({"type", "name", "debug", "connect", "pruning", "snapshotting", "filesystems", "send", "replication", "health"});
    } else if (type == u"pull") {
        job.type = JobType::Pull;
        map.allowKeys({"type", "name", "debug", "connect", "pruning", "root_fs", "interval", "recv", "replication", "health"});
    } else if (type == u"sink") {
        job.type = JobType::Sink;
        map.allowKeys({"type", "name", "debug", "serve", "root_fs", "recv", "health"});
    } else if (type == u"source") {
        job.type = JobType::Source;
        map.allowKeys({"type", "name", "debug", "serve", "filesystems", "snapshotting", "send", "health"});
    } else if (!m_reader.failed()) {
        m_reader.fail(map.value("type"), map.fieldPath("type"), u"invalid type name %1"_s.arg(quoted(type)));
    }
    if (m_reader.failed()) {
        return job;
    }

    job.name = map.string("name", Presence::Required);
    checkJobName(map, job.name);
    job.debug = debug(map.child("debug", Presence::Optional), map.fieldPath("debug"));
    if (const YAML::Node health = map.child("health", Presence::Optional); health.IsDefined()) {
        // Holdfast-only: zrepl refuses this key, so a config that uses it is Holdfast's.
        YamlMap healthMap(m_reader, health, map.fieldPath("health"));
        healthMap.allowKeys({"warning_after", "critical_after"});
        for (const char *key : {"warning_after", "critical_after"}) {
            if (healthMap.has(key)) {
                const Duration d = healthMap.duration(key, Presence::Required, DurationSign::Positive);
                (std::string_view(key) == "warning_after" ? job.health.warningAfter : job.health.criticalAfter) = d;
            }
        }
        if (job.health.warningAfter && job.health.criticalAfter && *job.health.criticalAfter < *job.health.warningAfter
            && !m_reader.failed()) {
            m_reader.fail(healthMap.value("critical_after"), healthMap.fieldPath("critical_after"),
                          u"critical_after must not be shorter than warning_after"_s);
        }
    }

    const bool active = job.type == JobType::Push || job.type == JobType::Pull;
    const bool passive = job.type == JobType::Sink || job.type == JobType::Source;
    const bool sending = job.type == JobType::Push || job.type == JobType::Source;
    if (active) {
        job.connect = connect(map.child("connect", Presence::Required), map.fieldPath("connect"));
    }
    if (active) {
        // zrepl 0.6's replication options: how many filesystems replicate at once. Holdfast always guarantees
        // resumability (zrepl's default protection), so only that protection is accepted.
        if (const YAML::Node replication = map.child("replication", Presence::Optional); replication.IsDefined()) {
            YamlMap replicationMap(m_reader, replication, map.fieldPath("replication"));
            // stall_timeout and planning_timeout are Holdfast's (the watchdog); zrepl refuses them.
            replicationMap.allowKeys({"concurrency", "protection", "stall_timeout", "planning_timeout"});
            job.stallTimeout = replicationMap.duration("stall_timeout", Presence::Optional, DurationSign::ZeroOrPositive, 10min);
            job.planningTimeout =
                replicationMap.duration("planning_timeout", Presence::Optional, DurationSign::ZeroOrPositive, 30min);
            if (const YAML::Node concurrency = replicationMap.child("concurrency", Presence::Optional); concurrency.IsDefined()) {
                YamlMap concurrencyMap(m_reader, concurrency, replicationMap.fieldPath("concurrency"));
                concurrencyMap.allowKeys({"steps", "size_estimates"});
                job.replicationSteps = int(concurrencyMap.integer("steps", Presence::Optional, 1, 64, 1));
                job.sizeEstimates = int(concurrencyMap.integer("size_estimates", Presence::Optional, 1, 64, 4));
            }
            if (const YAML::Node protection = replicationMap.child("protection", Presence::Optional); protection.IsDefined()) {
                YamlMap protectionMap(m_reader, protection, replicationMap.fieldPath("protection"));
                protectionMap.allowKeys({"initial", "incremental"});
                for (const char *key : {"initial", "incremental"}) {
                    const QString value = protectionMap.string(key, Presence::Optional, u"guarantee_resumability"_s);
                    if (value != u"guarantee_resumability" && !m_reader.failed()) {
                        m_reader.fail(protectionMap.value(key), protectionMap.fieldPath(key),
                                      u"only guarantee_resumability is supported by Holdfast, not %1"_s.arg(quoted(value)));
                    }
                }
            }
        }
    }
    if (passive) {
        job.serve = serve(map.child("serve", Presence::Required), map.fieldPath("serve"));
    }
    if (job.type == JobType::Pull || job.type == JobType::Sink) {
        job.rootFs = rootFs(map);
    }
    if (job.type == JobType::Pull) {
        pullInterval(map, job);
    }
    if (sending || job.type == JobType::Snap) {
        job.filesystems = filesystems(map.child("filesystems", Presence::Required), map.fieldPath("filesystems"));
        job.snapshotting = snapshotting(map.child("snapshotting", Presence::Required), map.fieldPath("snapshotting"));
    }
    if (sending) {
        if (const YAML::Node send = map.child("send", Presence::Optional); send.IsDefined()) {
            YamlMap sendMap(m_reader, send, map.fieldPath("send"));
            sendMap.allowKeys({"encrypted"});
            job.sendEncrypted = sendMap.boolean("encrypted", Presence::Required);
        }
    }
    if (job.type == JobType::Pull || job.type == JobType::Sink) {
        // zrepl has no receive options yet; an empty mapping is all that is accepted.
        if (const YAML::Node recv = map.child("recv", Presence::Optional); recv.IsDefined()) {
            YamlMap(m_reader, recv, map.fieldPath("recv")).allowKeys({});
        }
    }
    if (active || job.type == JobType::Snap) {
        const YAML::Node pruning = map.child("pruning", Presence::Required);
        YamlMap pruningMap(m_reader, pruning, map.fieldPath("pruning"));
        if (active) {
            // timeout is Holdfast's (the watchdog of each side's pruning round); zrepl refuses it.
            pruningMap.allowKeys({"keep_sender", "keep_receiver", "timeout"});
            job.pruningTimeout = pruningMap.duration("timeout", Presence::Optional, DurationSign::ZeroOrPositive, 1h);
            job.keepSender = keepRules(
                pruningMap.child("keep_sender", Presence::Required), pruningMap.fieldPath("keep_sender"), false);
            job.keepReceiver = keepRules(
                pruningMap.child("keep_receiver", Presence::Required), pruningMap.fieldPath("keep_receiver"), false);
        } else {
            pruningMap.allowKeys({"keep"});
            job.keep = keepRules(pruningMap.child("keep", Presence::Required), pruningMap.fieldPath("keep"), true);
        }
    }
    return job;
}

void SchemaReader::checkJobName(const YamlMap &map, const QString &name)
{
    if (m_reader.failed()) {
        return;
    }
    const YAML::Node node = map.value("name");
    const QString field = map.fieldPath("name");
    // zrepl's own jobs (_control, _prometheus) live in the same namespace as the configured ones.
    if (name.startsWith(u'_')) {
        m_reader.fail(node, field, u"job names starting with '_' are reserved for internal jobs"_s);
        return;
    }
    if (const auto why = Zfs::jobIdCheck(name)) {
        m_reader.fail(node, field, u"invalid job name: "_s + *why);
        return;
    }
    if (m_jobNameLines.contains(name)) {
        m_reader.fail(
            node,
            field,
            u"duplicate job name %1 (first defined at line %2)"_s.arg(quoted(name)).arg(m_jobNameLines.value(name)));
        return;
    }
    m_jobNameLines.insert(name, YamlReader::position(node).line);
}

QString SchemaReader::rootFs(YamlMap &map)
{
    const QString rootFs = map.string("root_fs", Presence::Required);
    if (m_reader.failed()) {
        return rootFs;
    }
    const YAML::Node node = map.value("root_fs");
    if (rootFs.isEmpty()) {
        m_reader.fail(node, map.fieldPath("root_fs"), u"root_fs must not be empty"_s);
    } else if (const auto why = Zfs::datasetPathCheck(rootFs)) {
        m_reader.fail(node, map.fieldPath("root_fs"), u"root_fs is not a dataset path: "_s + *why);
    } else {
        m_receiveRoots.append({rootFs, map.string("name", Presence::Required), node, map.fieldPath("root_fs")});
    }
    return rootFs;
}

void SchemaReader::pullInterval(YamlMap &map, Job &job)
{
    const QString text = map.string("interval", Presence::Required);
    if (m_reader.failed()) {
        return;
    }
    const YAML::Node node = map.value("interval");
    const QString field = map.fieldPath("interval");
    if (text == u"manual") {
        job.intervalManual = true;
        return;
    }
    if (text.isEmpty()) {
        m_reader.fail(node, field, u"value must not be empty"_s);
        return;
    }
    QString why;
    const auto interval = parseGoDuration(text, &why);
    if (!interval) {
        m_reader.fail(node, field, why);
    } else if (*interval <= Duration{0}) {
        m_reader.fail(node, field, u"value must be a positive duration, got %1"_s.arg(quoted(text)));
    } else {
        job.interval = *interval;
    }
}

void SchemaReader::checkReceiveRootsDoNotOverlap()
{
    if (m_reader.failed()) {
        return;
    }
    // zrepl's validateReceivingSidesDoNotOverlap: sorted with a trailing '/', an overlapping root is a prefix of
    // its successor ("pool/a/" of "pool/a/b/", but not of "pool/ab/").
    QList<ReceiveRoot> roots = m_receiveRoots;
    std::stable_sort(roots.begin(), roots.end(), [](const ReceiveRoot &a, const ReceiveRoot &b) {
        return QString(a.rootFs + u'/') < QString(b.rootFs + u'/');
    });
    for (qsizetype i = 0; i + 1 < roots.size(); ++i) {
        if (QString(roots[i + 1].rootFs + u'/').startsWith(QString(roots[i].rootFs + u'/'))) {
            const ReceiveRoot &later =
                YamlReader::position(roots[i].node).line > YamlReader::position(roots[i + 1].node).line ? roots[i]
                                                                                                        : roots[i + 1];
            const ReceiveRoot &other = &later == &roots[i] ? roots[i + 1] : roots[i];
            m_reader.fail(
                later.node,
                later.field,
                u"receiving jobs with overlapping root filesystems are forbidden: %1 overlaps %2 of job %3"_s.arg(
                    quoted(later.rootFs), quoted(other.rootFs), quoted(other.jobName)));
            return;
        }
    }
}

FilesystemsFilter SchemaReader::filesystems(const YAML::Node &node, const QString &field)
{
    FilesystemsFilter filter;
    if (!node.IsDefined()) {
        return filter;
    }
    YamlMap map(m_reader, node, field);
    if (!map.isValid()) {
        return filter;
    }
    for (const auto &entry : node) {
        if (m_reader.failed()) {
            break;
        }
        const QString pattern = QString::fromStdString(entry.first.Scalar());
        const QString entryField = field + u'[' + quoted(pattern) + u']';
        // zrepl's DatasetMapFilter.Add: '<' only as the last character, the rest a dataset path.
        const qsizetype subtreeMarks = pattern.count(u'<');
        if (subtreeMarks == 1 && !pattern.endsWith(u'<')) {
            m_reader.fail(entry.first, entryField, u"pattern invalid: only one '<' at end of string allowed"_s);
            break;
        }
        const QString path = pattern.endsWith(u'<') ? pattern.chopped(1) : pattern;
        if (const auto why = Zfs::datasetPathCheck(path)) {
            m_reader.fail(entry.first, entryField, u"pattern is not a dataset path: "_s + *why);
            break;
        }
        filter.insert(pattern, YamlMap::toBool(m_reader, entry.second, entryField));
    }
    return filter;
}

Snapshotting SchemaReader::snapshotting(const YAML::Node &node, const QString &field)
{
    Snapshotting snapshotting;
    if (!node.IsDefined()) {
        return snapshotting;
    }
    YamlMap map(m_reader, node, field);
    const QString type = map.type();
    if (type == u"manual") {
        snapshotting.type = Snapshotting::Type::Manual;
        map.allowKeys({"type"});
        return snapshotting;
    }
    if (type != u"periodic") {
        if (!m_reader.failed()) {
            m_reader.fail(map.value("type"), map.fieldPath("type"), u"invalid type name %1"_s.arg(quoted(type)));
        }
        return snapshotting;
    }
    snapshotting.type = Snapshotting::Type::Periodic;
    map.allowKeys({"type", "prefix", "interval", "hooks"});
    snapshotting.prefix = map.string("prefix", Presence::Required);
    if (!m_reader.failed() && snapshotting.prefix.isEmpty()) {
        m_reader.fail(map.value("prefix"), map.fieldPath("prefix"), u"prefix must not be empty"_s);
    }
    // The prefix starts every snapshot name; zrepl finds out only when `zfs snapshot` fails.
    if (!m_reader.failed()) {
        if (const auto why = Zfs::componentNamecheck(snapshotting.prefix)) {
            m_reader.fail(
                map.value("prefix"), map.fieldPath("prefix"), u"prefix must be usable in a snapshot name: "_s + *why);
        }
    }
    snapshotting.interval = map.duration("interval", Presence::Required, DurationSign::Positive);
    if (const YAML::Node hooks = map.child("hooks", Presence::Optional); hooks.IsDefined()) {
        if (!hooks.IsSequence()) {
            m_reader.fail(hooks, map.fieldPath("hooks"), u"expected a sequence of hooks"_s);
        }
        for (std::size_t i = 0; hooks.IsSequence() && i < hooks.size() && !m_reader.failed(); ++i) {
            snapshotting.hooks.append(hook(hooks[i], indexed(map.fieldPath("hooks"), i)));
        }
    }
    return snapshotting;
}

Hook SchemaReader::hook(const YAML::Node &node, const QString &field)
{
    Hook hook;
    hook.position = YamlReader::position(node);
    YamlMap map(m_reader, node, field);
    const QString type = map.type();
    if (type == u"command") {
        hook.type = Hook::Type::Command;
        map.allowKeys({"type", "path", "timeout", "filesystems", "err_is_fatal"});
        hook.path = map.string("path", Presence::Required);
    } else if (type == u"postgres-checkpoint" || type == u"mysql-lock-tables") {
        hook.type = type == u"postgres-checkpoint" ? Hook::Type::PostgresCheckpoint : Hook::Type::MysqlLockTables;
        map.allowKeys({"type", "dsn", "timeout", "filesystems", "err_is_fatal"});
        hook.dsn = map.string("dsn", Presence::Required);
    } else if (!m_reader.failed()) {
        m_reader.fail(map.value("type"), map.fieldPath("type"), u"invalid type name %1"_s.arg(quoted(type)));
    }
    if (m_reader.failed()) {
        return hook;
    }
    hook.timeout = map.duration("timeout", Presence::Optional, DurationSign::Positive, 30s);
    hook.errIsFatal = map.boolean("err_is_fatal", Presence::Optional, false);
    // A database hook must name its datasets: checkpointing the database for every snapshot is never meant.
    const Presence filesystemsPresence = hook.type == Hook::Type::Command ? Presence::Optional : Presence::Required;
    const YAML::Node filesystemsNode = map.child("filesystems", filesystemsPresence);
    if (filesystemsNode.IsDefined()) {
        hook.filesystems = filesystems(filesystemsNode, map.fieldPath("filesystems"));
    } else {
        hook.filesystems = {{u"<"_s, true}};
    }
    return hook;
}

QList<KeepRule> SchemaReader::keepRules(const YAML::Node &node, const QString &field, bool localPruner)
{
    QList<KeepRule> rules;
    if (!node.IsDefined() || m_reader.failed()) {
        return rules;
    }
    if (!node.IsSequence()) {
        m_reader.fail(node, field, u"expected a sequence of keep rules"_s);
        return rules;
    }
    for (std::size_t i = 0; i < node.size() && !m_reader.failed(); ++i) {
        rules.append(keepRule(node[i], indexed(field, i), localPruner));
    }
    return rules;
}

KeepRule SchemaReader::keepRule(const YAML::Node &node, const QString &field, bool localPruner)
{
    KeepRule rule;
    rule.position = YamlReader::position(node);
    YamlMap map(m_reader, node, field);
    const QString type = map.type();
    if (m_reader.failed()) {
        return rule;
    }
    if (type == u"not_replicated") {
        rule.type = KeepRule::Type::NotReplicated;
        if (localPruner) {
            // A snap job replicates nothing, so every snapshot would count as not replicated.
            m_reader.fail(map.value("type"),
                          map.fieldPath("type"),
                          u"single-site pruner cannot support `not_replicated` keep rule"_s);
            return rule;
        }
        map.allowKeys({"type", "keep_snapshot_at_cursor"});
        rule.keepSnapshotAtCursor = map.boolean("keep_snapshot_at_cursor", Presence::Optional, true);
    } else if (type == u"last_n") {
        rule.type = KeepRule::Type::LastN;
        map.allowKeys({"type", "count"});
        rule.count = int(map.integer("count", Presence::Required, INT_MIN, INT_MAX));
        if (!m_reader.failed() && rule.count <= 0) {
            m_reader.fail(map.value("count"),
                          map.fieldPath("count"),
                          u"must specify positive number as 'keep last count', got %1"_s.arg(rule.count));
        }
    } else if (type == u"grid") {
        rule.type = KeepRule::Type::Grid;
        map.allowKeys({"type", "grid", "regex"});
        rule.gridSpec = map.string("grid", Presence::Required);
        if (!m_reader.failed()) {
            QString why;
            if (const auto grid = parseRetentionGrid(rule.gridSpec, &why)) {
                rule.grid = *grid;
            } else {
                m_reader.fail(map.value("grid"), map.fieldPath("grid"), why);
            }
        }
        // zrepl's NewKeepGrid: shrinking intervals are a config mistake, except after keep=all intervals.
        Duration last{0};
        bool allKeepAll = true;
        for (const RetentionInterval &interval : std::as_const(rule.grid)) {
            if (interval.length < last && !allKeepAll && !m_reader.failed()) {
                m_reader.fail(map.value("grid"),
                              map.fieldPath("grid"),
                              u"retention grid interval length must be monotonically increasing"_s);
            }
            last = interval.length;
            allKeepAll = allKeepAll && interval.keepCount == RetentionInterval::KeepAll;
        }
        rule.regex = map.string("regex", Presence::Required);
        regex(map.value("regex"), map.fieldPath("regex"), rule.regex, true);
    } else if (type == u"regex") {
        rule.type = KeepRule::Type::Regex;
        map.allowKeys({"type", "regex", "negate"});
        rule.regex = map.string("regex", Presence::Required);
        regex(map.value("regex"), map.fieldPath("regex"), rule.regex, false);
        rule.negate = map.boolean("negate", Presence::Optional, false);
    } else {
        m_reader.fail(map.value("type"), map.fieldPath("type"), u"invalid type name %1"_s.arg(quoted(type)));
    }
    return rule;
}

void SchemaReader::regex(const YAML::Node &node, const QString &field, const QString &pattern, bool required)
{
    if (m_reader.failed()) {
        return;
    }
    if (required && pattern.isEmpty()) {
        m_reader.fail(node, field, u"regex must not be empty"_s);
        return;
    }
    // PCRE2 accepts a superset of Go's RE2 syntax; this catches what is broken in both.
    const QRegularExpression re(pattern);
    if (!re.isValid()) {
        m_reader.fail(
            node, field, u"regex is invalid: %1 at offset %2"_s.arg(re.errorString()).arg(re.patternErrorOffset()));
    }
}

Connect SchemaReader::connect(const YAML::Node &node, const QString &field)
{
    Connect connect;
    if (!node.IsDefined()) {
        return connect;
    }
    YamlMap map(m_reader, node, field);
    const QString type = map.type();
    if (type == u"tcp") {
        connect.type = Connect::Type::Tcp;
        map.allowKeys({"type", "address", "dial_timeout"});
        connect.address = map.hostPort("address", Presence::Required);
    } else if (type == u"tls") {
        connect.type = Connect::Type::Tls;
        map.allowKeys({"type", "address", "ca", "cert", "key", "server_cn", "dial_timeout"});
        connect.address = map.hostPort("address", Presence::Required);
        connect.ca = map.string("ca", Presence::Required);
        connect.cert = map.string("cert", Presence::Required);
        connect.key = map.string("key", Presence::Required);
        connect.serverCn = map.string("server_cn", Presence::Required);
    } else if (type == u"ssh+stdinserver") {
        connect.type = Connect::Type::SshStdinserver;
        map.allowKeys({"type",
                       "host",
                       "user",
                       "port",
                       "identity_file",
                       "transport_open_command",
                       "ssh_command",
                       "options",
                       "dial_timeout"});
        connect.host = map.string("host", Presence::Required);
        connect.user = map.string("user", Presence::Required);
        connect.port = quint16(map.integer("port", Presence::Required, 0, 65535));
        connect.identityFile = map.string("identity_file", Presence::Required);
        connect.transportOpenCommand = map.stringList("transport_open_command", Presence::Optional);
        connect.sshCommand = map.string("ssh_command", Presence::Optional);
        connect.options = map.stringList("options", Presence::Optional);
    } else if (type == u"local") {
        connect.type = Connect::Type::Local;
        map.allowKeys({"type", "listener_name", "client_identity", "dial_timeout"});
        connect.listenerName = map.string("listener_name", Presence::Required);
        connect.clientIdentity = map.string("client_identity", Presence::Required);
        clientIdentity(map.value("client_identity"), map.fieldPath("client_identity"), connect.clientIdentity);
    } else if (!m_reader.failed()) {
        m_reader.fail(map.value("type"), map.fieldPath("type"), u"invalid type name %1"_s.arg(quoted(type)));
    }
    const Duration defaultTimeout = connect.type == Connect::Type::Local ? Duration(2s) : Duration(10s);
    connect.dialTimeout =
        map.duration("dial_timeout", Presence::Optional, DurationSign::ZeroOrPositive, defaultTimeout);
    return connect;
}

Serve SchemaReader::serve(const YAML::Node &node, const QString &field)
{
    Serve serve;
    if (!node.IsDefined()) {
        return serve;
    }
    YamlMap map(m_reader, node, field);
    const QString type = map.type();
    if (type == u"tcp") {
        serve.type = Serve::Type::Tcp;
        map.allowKeys({"type", "listen", "listen_freebind", "clients"});
        serve.listen = map.hostPort("listen", Presence::Required);
        serve.listenFreebind = map.boolean("listen_freebind", Presence::Optional, false);
        const YAML::Node clients = map.child("clients", Presence::Required);
        YamlMap clientsMap(m_reader, clients, map.fieldPath("clients"));
        for (auto it = clients.begin(); clientsMap.isValid() && it != clients.end() && !m_reader.failed(); ++it) {
            const QString ip = QString::fromStdString(it->first.Scalar());
            const QString entryField = map.fieldPath("clients") + u'[' + quoted(ip) + u']';
            if (QHostAddress(ip).isNull()) {
                m_reader.fail(it->first, entryField, u"cannot parse %1 as an IP address"_s.arg(quoted(ip)));
                break;
            }
            const QString identity = YamlMap::toString(m_reader, it->second, entryField);
            clientIdentity(it->second, entryField, identity);
            serve.clients.insert(ip, identity);
        }
    } else if (type == u"tls") {
        serve.type = Serve::Type::Tls;
        map.allowKeys({"type", "listen", "listen_freebind", "ca", "cert", "key", "client_cns", "handshake_timeout"});
        serve.listen = map.hostPort("listen", Presence::Required);
        serve.listenFreebind = map.boolean("listen_freebind", Presence::Optional, false);
        serve.ca = map.string("ca", Presence::Required);
        serve.cert = map.string("cert", Presence::Required);
        serve.key = map.string("key", Presence::Required);
        serve.clientCns = map.stringList("client_cns", Presence::Required);
        for (qsizetype i = 0; i < serve.clientCns.size(); ++i) {
            clientIdentity(map.value("client_cns")[std::size_t(i)],
                           indexed(map.fieldPath("client_cns"), std::size_t(i)),
                           serve.clientCns[i]);
        }
        serve.handshakeTimeout =
            map.duration("handshake_timeout", Presence::Optional, DurationSign::ZeroOrPositive, 10s);
    } else if (type == u"stdinserver") {
        serve.type = Serve::Type::Stdinserver;
        map.allowKeys({"type", "client_identities"});
        serve.clientIdentities = map.stringList("client_identities", Presence::Required);
        for (qsizetype i = 0; i < serve.clientIdentities.size(); ++i) {
            clientIdentity(map.value("client_identities")[std::size_t(i)],
                           indexed(map.fieldPath("client_identities"), std::size_t(i)),
                           serve.clientIdentities[i]);
        }
    } else if (type == u"local") {
        serve.type = Serve::Type::Local;
        map.allowKeys({"type", "listener_name"});
        serve.listenerName = map.string("listener_name", Presence::Required);
    } else if (!m_reader.failed()) {
        m_reader.fail(map.value("type"), map.fieldPath("type"), u"invalid type name %1"_s.arg(quoted(type)));
    }
    return serve;
}

// zrepl's transport.ValidateClientIdentity: the identity names a dataset below a sink's root_fs.
void SchemaReader::clientIdentity(const YAML::Node &node, const QString &field, const QString &identity)
{
    if (m_reader.failed()) {
        return;
    }
    if (const auto why = Zfs::datasetPathCheck(identity)) {
        m_reader.fail(node, field, u"invalid client identity %1: "_s.arg(quoted(identity)) + *why);
    } else if (identity.isEmpty() || identity.contains(u'/')) {
        m_reader.fail(node, field, u"client identity must be a single path component (not empty, no '/')"_s);
    }
}

JobDebug SchemaReader::debug(const YAML::Node &node, const QString &field)
{
    JobDebug debug;
    if (!node.IsDefined()) {
        return debug;
    }
    YamlMap map(m_reader, node, field);
    map.allowKeys({"conn", "rpc_log"});
    if (const YAML::Node conn = map.child("conn", Presence::Optional); conn.IsDefined()) {
        YamlMap connMap(m_reader, conn, map.fieldPath("conn"));
        connMap.allowKeys({"read_dump", "write_dump"});
        debug.hasConn = true;
        debug.connReadDump = connMap.string("read_dump", Presence::Required);
        debug.connWriteDump = connMap.string("write_dump", Presence::Required);
    }
    debug.rpcLog = map.boolean("rpc_log", Presence::Optional, false);
    return debug;
}

}  // namespace

QStringList defaultLocations()
{
    return {u"/etc/holdfast/holdfast.yml"_s, u"/etc/zrepl/zrepl.yml"_s, u"/usr/local/etc/zrepl/zrepl.yml"_s};
}

std::optional<QString> findDefaultConfigFile(Error *error)
{
    for (const QString &location : defaultLocations()) {
        const QFileInfo info(location);
        if (!info.exists()) {
            continue;
        }
        if (!info.isFile()) {
            if (error) {
                *error = Error{location, 0, 0, {}, u"file at default location is not a regular file"_s};
            }
            return std::nullopt;
        }
        return location;
    }
    if (error) {
        *error =
            Error{{},
                  0,
                  0,
                  {},
                  u"no configuration file found in the default locations (%1)"_s.arg(defaultLocations().join(u", "_s))};
    }
    return std::nullopt;
}

std::optional<Root> parseFile(const QString &path, Error *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error) {
            *error = Error{path, 0, 0, {}, u"cannot read configuration: "_s + file.errorString()};
        }
        return std::nullopt;
    }
    return parseBytes(file.readAll(), path, error);
}

std::optional<Root> parseBytes(const QByteArray &yaml, const QString &fileName, Error *error)
{
    Error ignored;
    Error *sink = error ? error : &ignored;
    YAML::Node document;
    try {
        document = YAML::Load(yaml.toStdString());
    } catch (const YAML::Exception &e) {
        // yaml-cpp reports syntax errors only by exception; they stop at this boundary.
        const bool known = !e.mark.is_null();
        *sink = Error{
            fileName, known ? e.mark.line + 1 : 0, known ? e.mark.column + 1 : 0, {}, QString::fromStdString(e.msg)};
        return std::nullopt;
    }
    if (!document.IsDefined() || document.IsNull()) {
        *sink = Error{fileName, 0, 0, {}, u"config is empty or only consists of comments"_s};
        return std::nullopt;
    }

    YamlReader reader(fileName, sink);
    SchemaReader schema(reader);
    YamlMap top(reader, document, QString());
    top.allowKeys({"jobs", "global"});
    Root root;
    root.path = fileName;
    root.global = schema.global(top.child("global", Presence::Optional));
    root.jobs = schema.jobs(top.child("jobs", Presence::Required));
    if (reader.failed()) {
        return std::nullopt;
    }
    // A stdinserver job needs the global sockdir; each job carries it so that it can be built alone.
    // Only those jobs: a changed sockdir then restarts them alone on a reload.
    for (Job &job : root.jobs) {
        const bool serves = job.type == JobType::Sink || job.type == JobType::Source;
        if (serves && job.serve.type == Serve::Type::Stdinserver) {
            job.serve.stdinserverSockdir = root.global.stdinserverSockdir;
        }
    }
    return root;
}

std::optional<Duration> parseGoDuration(QStringView text, QString *error)
{
    const QByteArray s = text.toUtf8();
    const auto invalid = [&]() -> std::optional<Duration> {
        if (error) {
            *error = u"time: invalid duration "_s + quoted(text);
        }
        return std::nullopt;
    };
    qsizetype pos = 0;
    bool negative = false;
    if (!s.isEmpty() && (s[0] == '-' || s[0] == '+')) {
        negative = s[0] == '-';
        ++pos;
    }
    if (s.mid(pos) == "0") {
        return Duration{0};
    }
    if (pos == s.size()) {
        return invalid();
    }
    quint64 total = 0;
    while (pos < s.size()) {
        if (!(s[pos] == '.' || (s[pos] >= '0' && s[pos] <= '9'))) {
            return invalid();
        }
        const qsizetype intStart = pos;
        quint64 value = 0;
        if (!leadingInt(s, pos, value)) {
            return invalid();
        }
        const bool pre = pos != intStart;
        bool post = false;
        quint64 fraction = 0;
        double scale = 1;
        if (pos < s.size() && s[pos] == '.') {
            ++pos;
            const qsizetype fractionStart = pos;
            leadingFraction(s, pos, fraction, scale);
            post = pos != fractionStart;
        }
        if (!pre && !post) {
            return invalid();
        }
        const qsizetype unitStart = pos;
        while (pos < s.size() && s[pos] != '.' && !(s[pos] >= '0' && s[pos] <= '9')) {
            ++pos;
        }
        if (pos == unitStart) {
            if (error) {
                *error = u"time: missing unit in duration "_s + quoted(text);
            }
            return std::nullopt;
        }
        const QByteArray unitName = s.mid(unitStart, pos - unitStart);
        const auto unit = unitNanoseconds(unitName);
        if (!unit) {
            if (error) {
                *error =
                    u"time: unknown unit "_s + quoted(QString::fromUtf8(unitName)) + u" in duration "_s + quoted(text);
            }
            return std::nullopt;
        }
        if (value > OneShl63 / *unit) {
            return invalid();
        }
        value *= *unit;
        if (fraction > 0) {
            value += quint64(double(fraction) * (double(*unit) / scale));
            if (value > OneShl63) {
                return invalid();
            }
        }
        total += value;
        if (total > OneShl63) {
            return invalid();
        }
    }
    if (negative) {
        // -(1<<63) is representable; computing it through qint64 negation would overflow.
        return Duration{total == OneShl63 ? LLONG_MIN : -qint64(total)};
    }
    if (total > OneShl63 - 1) {
        return invalid();
    }
    return Duration{qint64(total)};
}

std::optional<QList<RetentionInterval>> parseRetentionGrid(QStringView text, QString *error)
{
    QString ignored;
    QString *why = error ? error : &ignored;
    const QStringList segments = text.toString().split(u'|');
    QList<RetentionInterval> intervals;
    for (qsizetype i = 0; i < segments.size(); ++i) {
        QString segmentError;
        const auto parsed = parseGridSegment(segments[i], &segmentError);
        if (!parsed) {
            *why = u"cannot parse interval %1 of %2: %3: %4"_s.arg(i + 1)
                       .arg(segments.size())
                       .arg(segmentError, segments[i].trimmed());
            return std::nullopt;
        }
        intervals += *parsed;
        if (intervals.size() > MaxGridFactor) {
            *why = u"grid must not have more than %1 intervals"_s.arg(MaxGridFactor);
            return std::nullopt;
        }
    }
    return intervals;
}

}  // namespace Config
