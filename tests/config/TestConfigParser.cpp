// SPDX-License-Identifier: MIT
#include <QTest>

#include "daemon/config/ConfigParser.h"

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

const QString dataDir = QStringLiteral(HOLDFAST_TEST_DATA_DIR "/config");

// A valid snap job; the bad-config rows below change one line of it, so their positions refer to these lines.
const QByteArray snapTemplate = R"(jobs:
- name: snapjob
  type: snap
  filesystems: {"tank<": true}
  snapshotting:
    type: periodic
    interval: 10m
    prefix: zrepl_
  pruning:
    keep:
    - type: last_n
      count: 10
)";

QByteArray snapWith(const char *from, const char *to)
{
    QByteArray yaml = snapTemplate;
    Q_ASSERT(yaml.contains(from));
    return yaml.replace(from, to);
}

const QByteArray pushTemplate = R"(jobs:
- name: pushjob
  type: push
  connect:
    type: tcp
    address: "backup:8888"
  filesystems: {"<": true}
  snapshotting:
    type: manual
  pruning:
    keep_sender:
    - type: not_replicated
    keep_receiver:
    - type: grid
      grid: 1x1h(keep=all) | 24x1h
      regex: "^zrepl_"
)";

QByteArray pushWith(const char *from, const char *to)
{
    QByteArray yaml = pushTemplate;
    Q_ASSERT(yaml.contains(from));
    return yaml.replace(from, to);
}

const QByteArray sinkTemplate = R"(jobs:
- name: sinkjob
  type: sink
  root_fs: pool/sink
  serve:
    type: tcp
    listen: ":8888"
    clients: {"192.168.0.2": "laptop"}
)";

QByteArray sinkWith(const char *from, const char *to)
{
    QByteArray yaml = sinkTemplate;
    Q_ASSERT(yaml.contains(from));
    return yaml.replace(from, to);
}

Config::Root load(const QString &file)
{
    Config::Error error;
    const auto root = Config::parseFile(dataDir + u'/' + file, &error);
    if (!root) {
        qWarning("%s", qPrintable(error.toString()));
        return {};
    }
    return *root;
}

}  // namespace

class TestConfigParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void loadsSamples_data();
    void loadsSamples();
    void pushSample();
    void pullSamples();
    void passiveSamples();
    void localSample();
    void multiCapture();
    void globalDefaults();
    void globalSection();
    void syslogFacility_data();
    void syslogFacility();
    void hooks();
    void sendOptions();
    void pullIntervalManual();
    void watchdogLimits();
    void rejectsBadConfig_data();
    void rejectsBadConfig();
    void reportsSyntaxErrors();
    void reportsUnreadableFile();
    void errorToString();
};

void TestConfigParser::loadsSamples_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<QStringList>("types");

    QTest::addRow("local") << u"zrepl-samples/local.yml"_s << QStringList{u"local_sink"_s, u"backup_system"_s}
                           << QStringList{u"sink"_s, u"push"_s};
    QTest::addRow("pull") << u"zrepl-samples/pull.yml"_s << QStringList{u"pull_servers"_s} << QStringList{u"pull"_s};
    QTest::addRow("pull_ssh") << u"zrepl-samples/pull_ssh.yml"_s << QStringList{u"pull_servers"_s}
                              << QStringList{u"pull"_s};
    QTest::addRow("push") << u"zrepl-samples/push.yml"_s << QStringList{u"push"_s} << QStringList{u"push"_s};
    QTest::addRow("sink") << u"zrepl-samples/sink.yml"_s << QStringList{u"laptop_sink"_s} << QStringList{u"sink"_s};
    QTest::addRow("snap") << u"zrepl-samples/snap.yml"_s << QStringList{u"snapjob"_s} << QStringList{u"snap"_s};
    QTest::addRow("source") << u"zrepl-samples/source.yml"_s << QStringList{u"pull_source"_s}
                            << QStringList{u"source"_s};
    QTest::addRow("source_ssh") << u"zrepl-samples/source_ssh.yml"_s << QStringList{u"pull_source"_s}
                                << QStringList{u"source"_s};
    QTest::addRow("capture minimal") << u"config-minimal.yml"_s << QStringList{u"snapjob"_s} << QStringList{u"snap"_s};
    QTest::addRow("capture multi")
        << u"config-multi.yml"_s << QStringList{u"snapjob"_s, u"sinkjob"_s, u"pushjob"_s, u"sourcejob"_s, u"pulljob"_s}
        << QStringList{u"snap"_s, u"sink"_s, u"push"_s, u"source"_s, u"pull"_s};
}

void TestConfigParser::loadsSamples()
{
    QFETCH(QString, file);
    QFETCH(QStringList, names);
    QFETCH(QStringList, types);

    Config::Error error;
    const auto root = Config::parseFile(dataDir + u'/' + file, &error);
    QVERIFY2(root.has_value(), qPrintable(error.toString()));
    QCOMPARE(root->path, dataDir + u'/' + file);
    QStringList gotNames;
    QStringList gotTypes;
    for (const Config::Job &job : root->jobs) {
        gotNames.append(job.name);
        gotTypes.append(Config::jobTypeName(job.type));
    }
    QCOMPARE(gotNames, names);
    QCOMPARE(gotTypes, types);
}

void TestConfigParser::pushSample()
{
    const Config::Root root = load(u"zrepl-samples/push.yml"_s);
    const Config::Job *job = root.job(u"push"_s);
    QVERIFY(job);
    QCOMPARE(job->position.line, 2);
    QCOMPARE(job->connect.type, Config::Connect::Type::Tcp);
    QCOMPARE(job->connect.address, u"backup-server.foo.bar:8888"_s);
    QCOMPARE(job->connect.dialTimeout, Config::Duration(10s));
    QCOMPARE(job->filesystems, (Config::FilesystemsFilter{{u"<"_s, true}, {u"tmp"_s, false}}));
    QCOMPARE(job->snapshotting.type, Config::Snapshotting::Type::Manual);
    QCOMPARE(job->sendEncrypted, false);
    QCOMPARE(job->keepSender.size(), 3);
    QCOMPARE(job->keepSender[0].type, Config::KeepRule::Type::NotReplicated);
    QCOMPARE(job->keepSender[0].keepSnapshotAtCursor, true);
    QCOMPARE(job->keepSender[1].type, Config::KeepRule::Type::LastN);
    QCOMPARE(job->keepSender[1].count, 10);
    QCOMPARE(job->keepSender[2].type, Config::KeepRule::Type::Grid);
    QCOMPARE(job->keepSender[2].gridSpec, u"1x1h(keep=all) | 24x1h | 14x1d"_s);
    QCOMPARE(job->keepSender[2].grid.size(), 1 + 24 + 14);
    QCOMPARE(job->keepSender[2].grid.first().keepCount, Config::RetentionInterval::KeepAll);
    QCOMPARE(job->keepSender[2].grid.last().length, Config::Duration(24h));
    QCOMPARE(job->keepSender[2].regex, u"^zrepl_.*"_s);
    QCOMPARE(job->keepReceiver.size(), 1);
    QCOMPARE(job->keepReceiver[0].grid.size(), 1 + 24 + 35 + 6);
    QCOMPARE(job->keepReceiver[0].grid.last().length, Config::Duration(30 * 24h));
    QCOMPARE(job->keepReceiver[0].position.line, 24);
}

void TestConfigParser::pullSamples()
{
    const Config::Root tls = load(u"zrepl-samples/pull.yml"_s);
    QCOMPARE(tls.jobs.size(), 1);
    const Config::Job &pull = tls.jobs[0];
    QCOMPARE(pull.connect.type, Config::Connect::Type::Tls);
    QCOMPARE(pull.connect.address, u"server1.foo.bar:8888"_s);
    QCOMPARE(pull.connect.ca, u"/certs/ca.crt"_s);
    QCOMPARE(pull.connect.cert, u"/certs/cert.crt"_s);
    QCOMPARE(pull.connect.key, u"/certs/key.pem"_s);
    QCOMPARE(pull.connect.serverCn, u"server1"_s);
    QCOMPARE(pull.rootFs, u"pool2/backup_servers"_s);
    QCOMPARE(pull.intervalManual, false);
    QCOMPARE(pull.interval, Config::Duration(10min));
    QCOMPARE(pull.keepSender.size(), 3);
    QCOMPARE(pull.keepReceiver.size(), 1);

    const Config::Root ssh = load(u"zrepl-samples/pull_ssh.yml"_s);
    QCOMPARE(ssh.jobs.size(), 1);
    const Config::Connect &connect = ssh.jobs[0].connect;
    QCOMPARE(connect.type, Config::Connect::Type::SshStdinserver);
    QCOMPARE(connect.host, u"app-srv.example.com"_s);
    QCOMPARE(connect.user, u"root"_s);
    QCOMPARE(connect.port, quint16(22));
    QCOMPARE(connect.identityFile, u"/etc/zrepl/ssh/identity"_s);
    QCOMPARE(connect.options, QStringList{u"Compression=yes"_s});
    QCOMPARE(ssh.jobs[0].keepReceiver[0].type, Config::KeepRule::Type::Regex);
    QCOMPARE(ssh.jobs[0].keepReceiver[0].regex, u"keep_"_s);
    QCOMPARE(ssh.jobs[0].keepReceiver[0].negate, false);
}

void TestConfigParser::passiveSamples()
{
    const Config::Root sink = load(u"zrepl-samples/sink.yml"_s);
    QCOMPARE(sink.jobs.size(), 1);
    const Config::Serve &tls = sink.jobs[0].serve;
    QCOMPARE(tls.type, Config::Serve::Type::Tls);
    QCOMPARE(tls.listen, u"192.168.122.189:8888"_s);
    QCOMPARE(tls.ca, u"ca.pem"_s);
    QCOMPARE(tls.clientCns, (QStringList{u"laptop1"_s, u"homeserver"_s}));
    QCOMPARE(tls.handshakeTimeout, Config::Duration(10s));
    QCOMPARE(sink.jobs[0].rootFs, u"pool2/backup_laptops"_s);

    const Config::Root source = load(u"zrepl-samples/source.yml"_s);
    QCOMPARE(source.jobs.size(), 1);
    const Config::Job &job = source.jobs[0];
    QCOMPARE(job.serve.type, Config::Serve::Type::Tcp);
    QCOMPARE(job.serve.listen, u"0.0.0.0:8888"_s);
    QCOMPARE(job.serve.clients, (QMap<QString, QString>{{u"192.168.122.123"_s, u"client1"_s}}));
    QCOMPARE(job.filesystems, (Config::FilesystemsFilter{{u"<"_s, true}, {u"secret"_s, false}}));
    QCOMPARE(job.snapshotting.type, Config::Snapshotting::Type::Periodic);
    QCOMPARE(job.snapshotting.prefix, u"zrepl_"_s);
    QCOMPARE(job.snapshotting.interval, Config::Duration(10min));

    const Config::Root ssh = load(u"zrepl-samples/source_ssh.yml"_s);
    QCOMPARE(ssh.jobs.size(), 1);
    QCOMPARE(ssh.jobs[0].serve.type, Config::Serve::Type::Stdinserver);
    QCOMPARE(ssh.jobs[0].serve.clientIdentities, (QStringList{u"client1"_s, u"client2"_s}));
}

void TestConfigParser::localSample()
{
    const Config::Root root = load(u"zrepl-samples/local.yml"_s);
    QCOMPARE(root.jobs.size(), 2);
    QCOMPARE(root.jobs[0].serve.type, Config::Serve::Type::Local);
    QCOMPARE(root.jobs[0].serve.listenerName, u"localsink"_s);
    QCOMPARE(root.jobs[0].rootFs, u"storage/zrepl/sink"_s);
    const Config::Connect &connect = root.jobs[1].connect;
    QCOMPARE(connect.type, Config::Connect::Type::Local);
    QCOMPARE(connect.listenerName, u"localsink"_s);
    QCOMPARE(connect.clientIdentity, u"local_backup"_s);
    QCOMPARE(connect.dialTimeout, Config::Duration(2s));
}

void TestConfigParser::multiCapture()
{
    const Config::Root root = load(u"config-multi.yml"_s);
    QCOMPARE(root.global.logging.size(), 1);
    QCOMPARE(root.global.logging[0].level, Config::LogLevel::Debug);
    QCOMPARE(root.global.controlSockpath, u"RUNDIR/control"_s);
    QCOMPARE(root.global.stdinserverSockdir, u"RUNDIR/stdinserver"_s);
    const Config::Job *pull = root.job(u"pulljob"_s);
    QVERIFY(pull);
    QCOMPARE(pull->intervalManual, true);
    QCOMPARE(pull->rootFs, u"pool2/pulled"_s);
    const Config::Job *snap = root.job(u"snapjob"_s);
    QVERIFY(snap);
    QCOMPARE(snap->snapshotting.interval, Config::Duration(2min));
    QCOMPARE(snap->keep.size(), 1);
    QCOMPARE(snap->keep[0].count, 60);
    QCOMPARE(root.job(u"nosuchjob"_s), nullptr);
}

void TestConfigParser::globalDefaults()
{
    const Config::Root root = load(u"zrepl-samples/snap.yml"_s);
    QCOMPARE(root.global.logging.size(), 1);
    const Config::LoggingOutlet &outlet = root.global.logging[0];
    QCOMPARE(outlet.type, Config::LoggingOutlet::Type::Stdout);
    QCOMPARE(outlet.level, Config::LogLevel::Warn);
    QCOMPARE(outlet.format, Config::LogFormat::Human);
    QCOMPARE(outlet.time, true);
    QCOMPARE(outlet.color, true);
    QVERIFY(root.global.monitoring.isEmpty());
    QCOMPARE(root.global.controlSockpath, u"/var/run/zrepl/control"_s);
    QCOMPARE(root.global.stdinserverSockdir, u"/var/run/zrepl/stdinserver"_s);
}

void TestConfigParser::globalSection()
{
    // zrepl config/config_global_test.go TestOutletTypes and TestPrometheusMonitoring
    const QByteArray yaml = R"(global:
  logging:
  - type: stdout
    level: debug
    format: human
    color: false
  - type: syslog
    level: info
    retry_interval: 20s
    format: logfmt
  - type: tcp
    level: error
    format: json
    address: logserver.example.com:1234
  - type: tcp
    level: debug
    format: json
    address: "[::1]:1234"
    net: tcp6
    retry_interval: 20s
    tls:
      ca: /etc/zrepl/log/ca.crt
      cert: /etc/zrepl/log/cert.pem
      key: /etc/zrepl/log/key.pem
  monitoring:
  - type: prometheus
    listen: ':9091'
    listen_freebind: true
jobs: []
)";
    Config::Error error;
    const auto root = Config::parseBytes(yaml, u"global.yml"_s, &error);
    QVERIFY2(root.has_value(), qPrintable(error.toString()));
    QVERIFY(root->jobs.isEmpty());
    const auto &logging = root->global.logging;
    QCOMPARE(logging.size(), 4);
    QCOMPARE(logging[0].color, false);
    QCOMPARE(logging[0].time, true);
    QCOMPARE(logging[1].type, Config::LoggingOutlet::Type::Syslog);
    QCOMPARE(logging[1].level, Config::LogLevel::Info);
    QCOMPARE(logging[1].format, Config::LogFormat::Logfmt);
    QCOMPARE(logging[1].retryInterval, Config::Duration(20s));
    QCOMPARE(logging[1].facility, 16 << 3);
    QCOMPARE(logging[2].type, Config::LoggingOutlet::Type::Tcp);
    QCOMPARE(logging[2].level, Config::LogLevel::Error);
    QCOMPARE(logging[2].address, u"logserver.example.com:1234"_s);
    QCOMPARE(logging[2].net, u"tcp"_s);
    QCOMPARE(logging[2].retryInterval, Config::Duration(10s));
    QVERIFY(!logging[2].tls.has_value());
    QCOMPARE(logging[3].net, u"tcp6"_s);
    QVERIFY(logging[3].tls.has_value());
    QCOMPARE(logging[3].tls->cert, u"/etc/zrepl/log/cert.pem"_s);
    QCOMPARE(root->global.monitoring.size(), 1);
    QCOMPARE(root->global.monitoring[0].listen, u":9091"_s);
    QCOMPARE(root->global.monitoring[0].listenFreebind, true);
}

void TestConfigParser::syslogFacility_data()
{
    QTest::addColumn<QString>("facility");
    QTest::addColumn<int>("value");

    QTest::addRow("default") << QString() << (16 << 3);
    QTest::addRow("kern") << u"kern"_s << 0;
    QTest::addRow("daemon") << u"daemon"_s << (3 << 3);
    QTest::addRow("authpriv") << u"authpriv"_s << (10 << 3);
    QTest::addRow("local7") << u"local7"_s << (23 << 3);
}

void TestConfigParser::syslogFacility()
{
    QFETCH(QString, facility);
    QFETCH(int, value);

    QByteArray yaml = "global:\n  logging:\n  - type: syslog\n    level: info\n    format: human\n";
    if (!facility.isEmpty()) {
        yaml += "    facility: " + facility.toUtf8() + '\n';
    }
    yaml += sinkTemplate;
    Config::Error error;
    const auto root = Config::parseBytes(yaml, u"syslog.yml"_s, &error);
    QVERIFY2(root.has_value(), qPrintable(error.toString()));
    QCOMPARE(root->global.logging[0].facility, value);
}

void TestConfigParser::hooks()
{
    // zrepl config/config_snapshotting_test.go, "hooks"
    const QByteArray yaml = snapWith("    prefix: zrepl_\n", R"(    prefix: zrepl_
    hooks:
    - type: command
      path: /tmp/path/to/command
    - type: command
      path: /tmp/path/to/command
      filesystems: { "zroot<": true, "<": false }
      timeout: 1m
      err_is_fatal: true
    - type: postgres-checkpoint
      dsn: "host=localhost port=5432 user=postgres sslmode=disable"
      filesystems: {"tank/postgres/data11": true}
    - type: mysql-lock-tables
      dsn: "root@tcp(localhost)/"
      filesystems: {"tank/mysql": true}
)");
    Config::Error error;
    const auto root = Config::parseBytes(yaml, u"hooks.yml"_s, &error);
    QVERIFY2(root.has_value(), qPrintable(error.toString()));
    const QList<Config::Hook> &hooks = root->jobs[0].snapshotting.hooks;
    QCOMPARE(hooks.size(), 4);
    QCOMPARE(hooks[0].type, Config::Hook::Type::Command);
    QCOMPARE(hooks[0].filesystems, (Config::FilesystemsFilter{{u"<"_s, true}}));
    QCOMPARE(hooks[0].timeout, Config::Duration(30s));
    QCOMPARE(hooks[0].errIsFatal, false);
    QCOMPARE(hooks[1].filesystems, (Config::FilesystemsFilter{{u"zroot<"_s, true}, {u"<"_s, false}}));
    QCOMPARE(hooks[1].timeout, Config::Duration(1min));
    QCOMPARE(hooks[1].errIsFatal, true);
    QCOMPARE(hooks[2].type, Config::Hook::Type::PostgresCheckpoint);
    QCOMPARE(hooks[2].filesystems.value(u"tank/postgres/data11"_s), true);
    QCOMPARE(hooks[3].type, Config::Hook::Type::MysqlLockTables);
    QCOMPARE(hooks[3].dsn, u"root@tcp(localhost)/"_s);
    QCOMPARE(hooks[3].position.line, 20);
}

void TestConfigParser::sendOptions()
{
    Config::Error error;
    auto root = Config::parseBytes(
        pushWith("  snapshotting:", "  send:\n    encrypted: true\n  snapshotting:"), u"send.yml"_s, &error);
    QVERIFY2(root.has_value(), qPrintable(error.toString()));
    QCOMPARE(root->jobs[0].sendEncrypted, true);

    root = Config::parseBytes(pushTemplate, u"send.yml"_s, &error);
    QVERIFY2(root.has_value(), qPrintable(error.toString()));
    QCOMPARE(root->jobs[0].sendEncrypted, false);
}

void TestConfigParser::pullIntervalManual()
{
    const QByteArray yaml = R"(jobs:
- name: p
  type: pull
  connect: {type: tcp, address: "h:1", dial_timeout: 0s}
  root_fs: pool/p
  interval: 1h30m
  recv: {}
  pruning: {keep_sender: [], keep_receiver: []}
)";
    Config::Error error;
    const auto root = Config::parseBytes(yaml, u"pull.yml"_s, &error);
    QVERIFY2(root.has_value(), qPrintable(error.toString()));
    QCOMPARE(root->jobs[0].interval, Config::Duration(90min));
    QCOMPARE(root->jobs[0].intervalManual, false);
    QCOMPARE(root->jobs[0].connect.dialTimeout, Config::Duration(0));
    QVERIFY(root->jobs[0].keepSender.isEmpty());
}

void TestConfigParser::watchdogLimits()
{
    // Defaults where zrepl's config says nothing.
    Config::Error error;
    auto root = Config::parseBytes(pushTemplate, u"watchdog.yml"_s, &error);
    QVERIFY2(root.has_value(), qPrintable(error.toString()));
    QCOMPARE(root->jobs[0].stallTimeout, Config::Duration(10min));
    QCOMPARE(root->jobs[0].planningTimeout, Config::Duration(30min));
    QCOMPARE(root->jobs[0].pruningTimeout, Config::Duration(1h));

    // Holdfast's keys beside zrepl's own; "0" turns a limit off.
    root = Config::parseBytes(pushWith("  pruning:\n", "  replication:\n    concurrency: {steps: 2}\n    stall_timeout: 90s\n"
                                                       "    planning_timeout: \"0\"\n  pruning:\n    timeout: 2h30m\n"),
                              u"watchdog.yml"_s, &error);
    QVERIFY2(root.has_value(), qPrintable(error.toString()));
    QCOMPARE(root->jobs[0].replicationSteps, 2);
    QCOMPARE(root->jobs[0].stallTimeout, Config::Duration(90s));
    QCOMPARE(root->jobs[0].planningTimeout, Config::Duration(0));
    QCOMPARE(root->jobs[0].pruningTimeout, Config::Duration(150min));

    // A negative limit and a key of neither zrepl nor Holdfast are refused where they stand.
    QVERIFY(!Config::parseBytes(pushWith("  pruning:\n", "  replication:\n    stall_timeout: -1m\n  pruning:\n"), u"bad.yml"_s, &error));
    QCOMPARE(error.field, u"jobs[0].replication.stall_timeout"_s);
    QCOMPARE(error.message, u"value must be zero or a positive duration, got \"-1m\""_s);
    QVERIFY(!Config::parseBytes(pushWith("  pruning:\n", "  replication:\n    stall_timout: 1m\n  pruning:\n"), u"bad.yml"_s, &error));
    QCOMPARE(error.field, u"jobs[0].replication.stall_timout"_s);
    QVERIFY(!Config::parseBytes(pushWith("  pruning:\n", "  pruning:\n    timeout: soon\n"), u"bad.yml"_s, &error));
    QCOMPARE(error.field, u"jobs[0].pruning.timeout"_s);
    // Snap jobs keep zrepl's pruning section exactly.
    QVERIFY(!Config::parseBytes(snapWith("  pruning:\n", "  pruning:\n    timeout: 1h\n"), u"bad.yml"_s, &error));
    QCOMPARE(error.field, u"jobs[0].pruning.timeout"_s);
}

void TestConfigParser::rejectsBadConfig_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");

    const QString interval = u"jobs[0].snapshotting.interval"_s;
    QTest::addRow("negative interval") << snapWith("10m", "-5m") << 7 << 15 << interval
                                       << u"value must be a positive duration, got \"-5m\""_s;
    QTest::addRow("interval without unit")
        << snapWith("10m", "5") << 7 << 15 << interval << u"time: missing unit in duration \"5\""_s;
    QTest::addRow("interval in days") << snapWith("10m", "1d") << 7 << 15 << interval
                                      << u"time: unknown unit \"d\" in duration \"1d\""_s;
    QTest::addRow("unknown job key") << snapWith("  type: snap\n", "  type: snap\n  foo: bar\n") << 4 << 3
                                     << u"jobs[0].foo"_s << u"unknown field \"foo\""_s;
    QTest::addRow("invalid job type") << snapWith("type: snap", "type: snapp") << 3 << 9 << u"jobs[0].type"_s
                                      << u"invalid type name \"snapp\""_s;
    QTest::addRow("missing job type") << snapWith("  type: snap\n", "") << 2 << 3 << u"jobs[0].type"_s
                                      << u"must specify type"_s;
    QTest::addRow("slash in job name") << snapWith("snapjob", "snap/job") << 2 << 9 << u"jobs[0].name"_s
                                       << u"invalid job name: must be usable as a dataset path component: invalid "
                                          "character '/' in name"_s;
    QTest::addRow("internal job name") << snapWith("snapjob", "_control") << 2 << 9 << u"jobs[0].name"_s
                                       << u"job names starting with '_' are reserved for internal jobs"_s;
    QTest::addRow("missing job name") << snapWith("- name: snapjob\n  type: snap", "- type: snap") << 2 << 3
                                      << u"jobs[0].name"_s << u"missing required field"_s;
    QTest::addRow("duplicate job name") << snapTemplate + snapTemplate.mid(6) << 13 << 9 << u"jobs[1].name"_s
                                        << u"duplicate job name \"snapjob\" (first defined at line 2)"_s;
    QTest::addRow("zero count") << snapWith("count: 10", "count: 0") << 12 << 14 << u"jobs[0].pruning.keep[0].count"_s
                                << u"must specify positive number as 'keep last count', got 0"_s;
    QTest::addRow("count not a number") << snapWith("count: 10", "count: ten") << 12 << 14
                                        << u"jobs[0].pruning.keep[0].count"_s << u"expected an integer, got \"ten\""_s;
    QTest::addRow("not_replicated in snap job")
        << snapWith("type: last_n\n      count: 10", "type: not_replicated") << 11 << 13
        << u"jobs[0].pruning.keep[0].type"_s << u"single-site pruner cannot support `not_replicated` keep rule"_s;
    QTest::addRow("misplaced subtree mark")
        << snapWith("\"tank<\"", "\"ta<nk\"") << 4 << 17 << u"jobs[0].filesystems[\"ta<nk\"]"_s
        << u"pattern invalid: only one '<' at end of string allowed"_s;
    QTest::addRow("filter value not a boolean")
        << snapWith("\"tank<\": true", "\"tank<\": maybe") << 4 << 26 << u"jobs[0].filesystems[\"tank<\"]"_s
        << u"expected a boolean (true or false), got \"maybe\""_s;
    QTest::addRow("quoted boolean") << snapWith("\"tank<\": true", "\"tank<\": \"true\"") << 4 << 26
                                    << u"jobs[0].filesystems[\"tank<\"]"_s
                                    << u"expected a boolean (true or false), got \"true\""_s;
    QTest::addRow("filter pattern with snapshot")
        << snapWith("\"tank<\"", "\"tank@s\"") << 4 << 17 << u"jobs[0].filesystems[\"tank@s\"]"_s
        << u"pattern is not a dataset path: contains forbidden characters "
           "(any of '@#|\\t<>*')"_s;
    QTest::addRow("missing prefix") << snapWith("    prefix: zrepl_\n", "") << 6 << 5
                                    << u"jobs[0].snapshotting.prefix"_s << u"missing required field"_s;
    QTest::addRow("empty prefix") << snapWith("prefix: zrepl_", "prefix: \"\"") << 8 << 13
                                  << u"jobs[0].snapshotting.prefix"_s << u"prefix must not be empty"_s;
    QTest::addRow("filesystems as list") << snapWith("{\"tank<\": true}", "[tank]") << 4 << 16
                                         << u"jobs[0].filesystems"_s << u"expected a mapping, got a sequence"_s;
    QTest::addRow("grid with zero factor")
        << pushWith("24x1h", "0x1d") << 15 << 13 << u"jobs[0].pruning.keep_receiver[0].grid"_s
        << u"cannot parse interval 2 of 2: contains factor <= 0: 0x1d"_s;
    QTest::addRow("grid shrinking") << pushWith("1x1h(keep=all) | 24x1h", "2x1d | 1x1h") << 15 << 13
                                    << u"jobs[0].pruning.keep_receiver[0].grid"_s
                                    << u"retention grid interval length must be monotonically increasing"_s;
    QTest::addRow("grid empty regex") << pushWith("\"^zrepl_\"", "\"\"") << 16 << 14
                                      << u"jobs[0].pruning.keep_receiver[0].regex"_s << u"regex must not be empty"_s;
    QTest::addRow("grid broken regex") << pushWith("\"^zrepl_\"", "\"zrepl_(\"") << 16 << 14
                                       << u"jobs[0].pruning.keep_receiver[0].regex"_s
                                       << u"regex is invalid: missing closing parenthesis at offset 7"_s;
    QTest::addRow("address without port")
        << pushWith("\"backup:8888\"", "\"backup\"") << 6 << 14 << u"jobs[0].connect.address"_s
        << u"invalid host:port \"backup\": missing port in address"_s;
    QTest::addRow("unknown transport") << pushWith("type: tcp", "type: udp") << 5 << 11 << u"jobs[0].connect.type"_s
                                       << u"invalid type name \"udp\""_s;
    QTest::addRow("missing keep_receiver")
        << pushWith("    keep_receiver:\n    - type: grid\n      grid: 1x1h(keep=all) "
                    "| 24x1h\n      regex: \"^zrepl_\"\n",
                    "")
        << 11 << 5 << u"jobs[0].pruning.keep_receiver"_s << u"missing required field"_s;
    QTest::addRow("send without encrypted") << pushWith("  snapshotting:", "  send: {}\n  snapshotting:") << 8 << 9
                                            << u"jobs[0].send.encrypted"_s << u"missing required field"_s;
    QTest::addRow("client identity with slash")
        << sinkWith("\"laptop\"", "\"a/b\"") << 8 << 30 << u"jobs[0].serve.clients[\"192.168.0.2\"]"_s
        << u"client identity must be a single path component (not empty, "
           "no '/')"_s;
    QTest::addRow("client key not an IP")
        << sinkWith("\"192.168.0.2\"", "\"laptop.lan\"") << 8 << 15 << u"jobs[0].serve.clients[\"laptop.lan\"]"_s
        << u"cannot parse \"laptop.lan\" as an IP address"_s;
    QTest::addRow("empty root_fs") << sinkWith("root_fs: pool/sink", "root_fs: \"\"") << 4 << 12 << u"jobs[0].root_fs"_s
                                   << u"root_fs must not be empty"_s;
    QTest::addRow("overlapping root_fs")
        << sinkTemplate + sinkTemplate.mid(6).replace("sinkjob", "inner").replace("pool/sink", "pool/sink/x") << 11
        << 12 << u"jobs[1].root_fs"_s
        << u"receiving jobs with overlapping root filesystems are forbidden: \"pool/sink/x\" overlaps \"pool/sink\" of "
           "job \"sinkjob\""_s;
    QTest::addRow("listen port out of range")
        << sinkWith("\":8888\"", "\":88888\"") << 7 << 13 << u"jobs[0].serve.listen"_s
        << u"invalid host:port \":88888\": port must be a number from 0 to 65535"_s;
    const QByteArray pull = "jobs:\n- name: p\n  type: pull\n  connect: {type: tcp, address: \"h:1\"}\n"
                            "  root_fs: pool/p\n  interval: 0s\n  pruning: {keep_sender: [], keep_receiver: []}\n";
    QTest::addRow("zero pull interval") << pull << 6 << 13 << u"jobs[0].interval"_s
                                        << u"value must be a positive duration, got \"0s\""_s;
    QTest::addRow("empty pull interval") << QByteArray(pull).replace("0s", "\"\"") << 6 << 13 << u"jobs[0].interval"_s
                                         << u"value must not be empty"_s;
    QTest::addRow("ssh port out of range")
        << "jobs:\n- name: p\n  type: pull\n  connect:\n    type: ssh+stdinserver\n    host: h\n    user: u\n"
           "    port: 70000\n    identity_file: /k\n  root_fs: pool/p\n  interval: manual\n"
           "  pruning: {keep_sender: [], keep_receiver: []}\n"_ba
        << 8 << 11 << u"jobs[0].connect.port"_s << u"value must be between 0 and 65535, got 70000"_s;
    const QByteArray global = "global:\n  logging:\n  - type: stdout\n    level: verbose\n    format: human\n";
    QTest::addRow("unknown log level") << global + snapTemplate << 4 << 12 << u"global.logging[0].level"_s
                                       << u"invalid log level \"verbose\" (one of debug, info, warn, error)"_s;
    QTest::addRow("two stdout outlets") << QByteArray(global).replace("verbose", "info")
                                               + "  - type: stdout\n    level: info\n    format: json\n" + snapTemplate
                                        << 6 << 5 << u"global.logging[1]"_s << u"can only define one 'stdout' outlet"_s;
    QTest::addRow("unknown syslog facility")
        << "global:\n  logging:\n  - type: syslog\n    level: info\n    format: human\n    facility: local9\n"
               + snapTemplate
        << 6 << 15 << u"global.logging[0].facility"_s << u"invalid syslog facility \"local9\""_s;
    QTest::addRow("prometheus without port")
        << "global:\n  monitoring:\n  - type: prometheus\n    listen: \"9811\"\n" + snapTemplate << 4 << 13
        << u"global.monitoring[0].listen"_s << u"invalid host:port \"9811\": missing port in address"_s;
    QTest::addRow("unknown global key") << "global:\n  control:\n    socket: /run/x\n" + snapTemplate << 3 << 5
                                        << u"global.control.socket"_s << u"unknown field \"socket\""_s;
    QTest::addRow("unknown top-level key")
        << "jobz: []\n" + snapTemplate << 1 << 1 << u"jobz"_s << u"unknown field \"jobz\""_s;
    QTest::addRow("repeated key") << snapWith("  type: snap\n", "  type: snap\n  type: push\n") << 4 << 3
                                  << u"jobs[0].type"_s << u"mapping key \"type\" already defined at line 3"_s;
    QTest::addRow("jobs not a list") << "jobs:\n  name: x\n"_ba << 2 << 3 << u"jobs"_s
                                     << u"expected a sequence of jobs"_s;
    QTest::addRow("missing jobs") << "global: {}\n"_ba << 1 << 1 << u"jobs"_s << u"missing required field"_s;
    QTest::addRow("database hook without filesystems")
        << snapWith("    prefix: zrepl_\n",
                    "    prefix: zrepl_\n    hooks:\n    - type: mysql-lock-tables\n"
                    "      dsn: \"root@tcp(localhost)/\"\n")
        << 10 << 7 << u"jobs[0].snapshotting.hooks[0].filesystems"_s << u"missing required field"_s;
    QTest::addRow("empty config") << "# nothing here\n"_ba << 0 << 0 << QString()
                                  << u"config is empty or only consists of comments"_s;
}

void TestConfigParser::rejectsBadConfig()
{
    QFETCH(QByteArray, yaml);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, field);
    QFETCH(QString, message);

    Config::Error error;
    QVERIFY(!Config::parseBytes(yaml, u"bad.yml"_s, &error).has_value());
    QCOMPARE(error.file, u"bad.yml"_s);
    QCOMPARE(error.message, message);
    QCOMPARE(error.field, field);
    QCOMPARE(error.line, line);
    QCOMPARE(error.column, column);
}

void TestConfigParser::reportsSyntaxErrors()
{
    Config::Error error;
    QVERIFY(!Config::parseBytes("jobs:\n- name: x\n  filesystems: {\"a\": true\n", u"syntax.yml"_s, &error));
    QCOMPARE(error.file, u"syntax.yml"_s);
    QCOMPARE(error.line, 4);
    QVERIFY(error.column > 0);
    QVERIFY(!error.message.isEmpty());
}

void TestConfigParser::reportsUnreadableFile()
{
    Config::Error error;
    const QString path = dataDir + u"/does-not-exist.yml"_s;
    QVERIFY(!Config::parseFile(path, &error).has_value());
    QCOMPARE(error.file, path);
    QVERIFY(error.message.startsWith(u"cannot read configuration: "_s));
}

void TestConfigParser::errorToString()
{
    const Config::Error full{
        u"bad.yml"_s, 12, 15, u"jobs[0].snapshotting.interval"_s, u"value must be a positive duration, got \"-5m\""_s};
    QCOMPARE(full.toString(),
             u"bad.yml:12:15: jobs[0].snapshotting.interval: value must be a positive duration, got \"-5m\""_s);
    const Config::Error noPosition{u"bad.yml"_s, 0, 0, QString(), u"config is empty or only consists of comments"_s};
    QCOMPARE(noPosition.toString(), u"bad.yml: config is empty or only consists of comments"_s);
    QCOMPARE(Config::Error({}, 0, 0, {}, u"oops"_s).toString(), u"oops"_s);
}

QTEST_GUILESS_MAIN(TestConfigParser)
#include "TestConfigParser.moc"
