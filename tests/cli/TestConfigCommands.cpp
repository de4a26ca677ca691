// SPDX-License-Identifier: MIT
#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "daemon/cli/Cli.h"
#include "daemon/cli/ConfigCommands.h"
#include "daemon/control/ControlServer.h"
#include "daemon/control/ControlService.h"
#include "daemon/control/DebugServer.h"
#include "daemon/jobs/JobRegistry.h"
#include "daemon/metrics/Metrics.h"
#include "tests/common/FakeConfigHost.h"

using namespace Qt::StringLiterals;
using namespace Daemon;

// `holdfast reload` and `holdfast config ...` run in-process against the real control service on a Unix socket,
// with a fake ConfigHost in place of the daemon's Runtime.
class TestConfigCommands : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void reload();
    void reloadOfAnInvalidFile();
    void show();
    void validate();
    void apply();
    void applyOnTopOfAnotherVersion();
    void applyInvalid();
    void usageErrors_data();
    void usageErrors();
    void withoutDaemon();
    void reportInWords();

private:
    struct Result
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    Result holdfast(const QStringList &arguments);
    QString writeFile(const QString &name, const QByteArray &bytes);
    QByteArray configBytes() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_config;
    QString m_socket;
    std::unique_ptr<FakeConfigHost> m_host;
    std::unique_ptr<JobRegistry> m_jobs;
    std::unique_ptr<Metrics> m_metrics;
    std::unique_ptr<DebugServer> m_debug;
    std::unique_ptr<ControlService> m_service;
    std::unique_ptr<ControlServer> m_server;
};

namespace {

const QByteArray ConfigText = R"(# the daemon's configuration
jobs:
- name: snaps
  type: snap
  filesystems: {"rpool/home<": true}
  snapshotting:
    type: periodic
    prefix: zrepl_
    interval: 15m
  pruning:
    keep:
    - type: last_n
      count: 10
)";

QString versionOf(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

}  // namespace

void TestConfigCommands::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_config = writeFile(u"holdfast.yml"_s, ConfigText);
    m_socket = m_dir->filePath(u"run/control"_s);
    m_host = std::make_unique<FakeConfigHost>(m_config);
    m_jobs = std::make_unique<JobRegistry>();
    m_metrics = std::make_unique<Metrics>();
    m_debug = std::make_unique<DebugServer>(*m_metrics);
    m_service = std::make_unique<ControlService>(*m_jobs, *m_metrics, *m_debug, *m_host);
    m_server = std::make_unique<ControlServer>(*m_service);
    QString error;
    QVERIFY2(m_server->listen(m_socket, &error), qPrintable(error));
}

void TestConfigCommands::cleanup()
{
    m_server.reset();
    m_service.reset();
    m_debug.reset();
    m_metrics.reset();
    m_jobs.reset();
    m_host.reset();
    m_dir.reset();
}

TestConfigCommands::Result TestConfigCommands::holdfast(const QStringList &arguments)
{
    Result result;
    QTextStream out(&result.out);
    QTextStream err(&result.err);
    CommandLine commandLine(out, err);
    result.exitCode = commandLine.run(QStringList{u"holdfast"_s, u"--socket"_s, m_socket} + arguments);
    out.flush();
    err.flush();
    return result;
}

QString TestConfigCommands::writeFile(const QString &name, const QByteArray &bytes)
{
    const QString path = m_dir->filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        qFatal("cannot write %s", qPrintable(path));
    }
    file.write(bytes);
    return path;
}

QByteArray TestConfigCommands::configBytes() const
{
    QFile file(m_config);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void TestConfigCommands::reload()
{
    Result r = holdfast({u"reload"_s});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(
        r.out,
        u"The daemon runs version %1 of the configuration.\nNothing changed.\n"_s.arg(versionOf(ConfigText).left(12)));
    QCOMPARE(m_host->reloads.size(), 1);
    QVERIFY(m_host->reloads[0].policy == Api::RestartPolicy::WhenIdle);
    QCOMPARE(m_host->reloads[0].trigger, u"request"_s);

    // A job added to the file starts; --now is passed on.
    writeFile(u"holdfast.yml"_s,
              ConfigText
                  + "- name: sink\n  type: sink\n  root_fs: usb/backup\n  serve: {type: local, listener_name: usb}\n");
    r = holdfast({u"reload"_s, u"--now"_s});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(u"  started (new): sink\n  unchanged, left running: snaps\n"_s), qPrintable(r.out));
    QVERIFY(m_host->reloads[1].policy == Api::RestartPolicy::Now);
}

void TestConfigCommands::reloadOfAnInvalidFile()
{
    writeFile(u"holdfast.yml"_s,
              "jobs:\n- name: snaps\n  type: snap\n  filesystems: {\"p<\": true}\n  snapshotting: {type: periodic, "
              "prefix: p_, interval: soon}\n  pruning: {keep: []}\n");
    const Result r = holdfast({u"reload"_s});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.startsWith(u"The configuration was not taken: %1:5:"_s.arg(m_config)), qPrintable(r.err));
    QVERIFY2(r.err.contains(u"The daemon keeps running the previous configuration (version %1)."_s.arg(
                 versionOf(ConfigText).left(12))),
             qPrintable(r.err));
    QVERIFY(r.out.isEmpty());
}

void TestConfigCommands::show()
{
    Result r = holdfast({u"config"_s, u"show"_s});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out.toUtf8(), ConfigText);  // exactly the file: ready to edit and apply
    QVERIFY(r.err.isEmpty());

    r = holdfast({u"config"_s, u"show"_s, u"--json"_s});
    QCOMPARE(r.exitCode, 0);
    QString error;
    const std::optional<Api::ConfigDocument> doc = Api::ConfigDocument::fromJson(r.out.toUtf8(), &error);
    QVERIFY2(doc, qPrintable(error));
    QCOMPARE(doc->version, versionOf(ConfigText));

    r = holdfast({u"config"_s, u"show"_s, u"--jobs"_s});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out,
             u"%1, version %2\n  snaps (snap): snapshots every 15m of rpool/home and below [not running these "
             u"settings yet (reload)]\n"_s.arg(m_config, versionOf(ConfigText).left(12)));
}

void TestConfigCommands::validate()
{
    const QString good = writeFile(
        u"good.yml"_s,
        ConfigText + "- name: sink\n  type: sink\n  root_fs: usb/backup\n  serve: {type: local, listener_name: usb}\n");
    Result r = holdfast({u"config"_s, u"validate"_s, good});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out,
             u"%1 is valid: 2 job(s).\n  snaps (snap): snapshots every 15m of rpool/home and below\n  sink (sink): "
             u"receives into usb/backup (local listener “usb”)\nApplying it would:\n  start sink\n"_s.arg(good));
    const QString bad =
        writeFile(u"bad.yml"_s, "jobs:\n- name: x\n  type: sink\n  root_fs: usb/backup\n  serve: {type: nope}\n");
    r = holdfast({u"config"_s, u"validate"_s, bad});
    QCOMPARE(r.exitCode, 1);
    // The position points into the file given, under its own name.
    QVERIFY2(r.err.startsWith(bad + u":5:"_s), qPrintable(r.err));
    QVERIFY2(r.err.contains(u"jobs[0].serve.type"_s), qPrintable(r.err));
    QCOMPARE(configBytes(), ConfigText);
    QVERIFY(m_host->reloads.isEmpty());
    r = holdfast({u"config"_s, u"validate"_s, m_dir->filePath(u"nosuch.yml"_s)});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.startsWith(u"cannot read %1: "_s.arg(m_dir->filePath(u"nosuch.yml"_s))), qPrintable(r.err));
}

void TestConfigCommands::apply()
{
    const QByteArray next = QByteArray(ConfigText).replace("interval: 15m", "interval: 30m");
    const QString file = writeFile(u"next.yml"_s, next);
    m_host->changedForTest = {u"snaps"_s};
    const Result r = holdfast({u"config"_s, u"apply"_s, file});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.startsWith(u"Replacing %1 (version %2) with %3, whatever it holds now"_s.arg(
                 m_config, versionOf(ConfigText).left(12), file)),
             qPrintable(r.err));
    QCOMPARE(r.out,
             u"Written: %1 is the configuration now.\nThe daemon runs version %2 of the configuration.\n  changed, "
             u"restart when their work is done: snaps\n"_s.arg(file, versionOf(next).left(12)));
    QCOMPARE(configBytes(), next);
    QCOMPARE(m_host->reloads.size(), 1);
    QCOMPARE(m_host->reloads[0].trigger, u"apply"_s);

    // With the version it was edited from, and --now.
    const QByteArray third = next + "# third\n";
    const Result again =
        holdfast({u"config"_s, u"apply"_s, writeFile(u"third.yml"_s, third), u"--base"_s, versionOf(next), u"--now"_s});
    QCOMPARE(again.exitCode, 0);
    QVERIFY(again.err.isEmpty());
    QCOMPARE(configBytes(), third);
    QVERIFY(m_host->reloads[1].policy == Api::RestartPolicy::Now);
}

void TestConfigCommands::applyOnTopOfAnotherVersion()
{
    const QString file = writeFile(u"next.yml"_s, ConfigText + "# mine\n");
    const Result r = holdfast({u"config"_s, u"apply"_s, file, u"--base"_s, versionOf("what I read yesterday")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(u"changed since version"_s), qPrintable(r.err));
    QVERIFY2(r.err.contains(u"The current version is %1."_s.arg(versionOf(ConfigText))), qPrintable(r.err));
    QCOMPARE(configBytes(), ConfigText);
    QVERIFY(m_host->reloads.isEmpty());
}

void TestConfigCommands::applyInvalid()
{
    const QString file = writeFile(u"bad.yml"_s, "jobs:\n- name: _x\n  type: sink\n");
    const Result r = holdfast({u"config"_s, u"apply"_s, file});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(file + u":2:"_s), qPrintable(r.err));
    QVERIFY2(r.err.endsWith(u"Nothing was written.\n"_s), qPrintable(r.err));
    QCOMPARE(configBytes(), ConfigText);
}

void TestConfigCommands::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addRow("config alone") << QStringList{u"config"_s};
    QTest::addRow("unknown action") << QStringList{u"config"_s, u"edit"_s};
    QTest::addRow("validate without a file") << QStringList{u"config"_s, u"validate"_s};
    QTest::addRow("show with a file") << QStringList{u"config"_s, u"show"_s, u"x.yml"_s};
    QTest::addRow("show --now") << QStringList{u"config"_s, u"show"_s, u"--now"_s};
    QTest::addRow("validate --json") << QStringList{u"config"_s, u"validate"_s, u"x.yml"_s, u"--json"_s};
    QTest::addRow("validate --base") << QStringList{u"config"_s, u"validate"_s, u"x.yml"_s, u"--base"_s, u"v"_s};
    QTest::addRow("reload with an argument") << QStringList{u"reload"_s, u"now"_s};
}

void TestConfigCommands::usageErrors()
{
    QFETCH(QStringList, arguments);
    const Result r = holdfast(arguments);
    QCOMPARE(r.exitCode, 2);
    QVERIFY(!r.err.isEmpty());
    QVERIFY(m_host->reloads.isEmpty());
}

void TestConfigCommands::withoutDaemon()
{
    m_server.reset();
    const Result r = holdfast({u"reload"_s});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(!r.err.isEmpty(), "no explanation");
    QVERIFY(m_host->reloads.isEmpty());
}

void TestConfigCommands::reportInWords()
{
    Api::ReloadReport report;
    report.ok = true;
    report.version = u"0123456789abcdef"_s;
    report.changes.added = {u"a"_s};
    report.changes.removed = {u"b"_s};
    report.changes.changed = {u"c"_s, u"d"_s};
    report.restarted = {u"c"_s};
    report.pending = {u"d"_s};
    report.changes.globalApplied = {u"global.logging"_s};
    report.changes.globalNeedsRestart = {u"global.control.sockpath"_s};
    QCOMPARE(ConfigCommands::renderReport(report),
             u"The daemon runs version 0123456789ab of the configuration.\n"
             u"  started (new): a\n"
             u"  stopped (removed): b\n"
             u"  restarted with their new settings: c\n"
             u"  changed, restart when their work is done: d\n"
             u"  global settings taken: global.logging\n"
             u"  global settings that take effect when the daemon restarts: global.control.sockpath\n"_s);
}

QTEST_MAIN(TestConfigCommands)
#include "TestConfigCommands.moc"
