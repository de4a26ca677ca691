// SPDX-License-Identifier: MIT
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include "BackendCommandConfig.h"
#include "EmulatorFixture.h"
#include "ZfsFuseFixture.h"
#include "daemon/config/ConfigParser.h"
#include "daemon/control/AccessCheckedHandler.h"
#include "daemon/control/ConfigEndpoints.h"
#include "daemon/control/ConfigSummary.h"
#include "daemon/control/ControlService.h"
#include "daemon/control/DebugServer.h"
#include "daemon/control/FilesystemLister.h"
#include "daemon/jobs/JobFactory.h"
#include "daemon/jobs/JobRegistry.h"
#include "daemon/jobs/SinkJob.h"
#include "daemon/metrics/Metrics.h"
#include "tests/common/FakeConfigHost.h"

using namespace Qt::StringLiterals;
using namespace Daemon;

// The configuration endpoints, called through their handler with a temporary configuration file and a fake
// ConfigHost (Runtime is the real one): read, redaction, validation, apply with its version check, reload,
// connection tests against a real sink, and the filesystem listing on the OpenZFS emulator.
class TestConfigEndpoints : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void documentForAdmins();
    void documentRedactedForTheStatusGroup();
    void documentOfAnInvalidFile();
    void runningAndPendingJobs();
    void validateGivesProblemsWithPositions();
    void applyWritesAndReloads();
    void applyRefusesInvalidText();
    void concurrentApplyGetsConflict();
    void applyIntoAReadOnlyPlaceFails();
    void reloadTakesThePolicy();
    void badRequestsAndMethods();
    void testConnectReachesASink();
    void testConnectExplainsFailures();
    void testConnectTimesOut();
    void filesystemsListing();
    void filesystemsOnZfsFuse();
    void serviceRoutesAndChecksAccess();

    void summaries_data();
    void summaries();
    void sizes_data();
    void sizes();
    void poolListParsing();

private:
    Http::Response ask(ConfigEndpoints &endpoints,
                       const QByteArray &method,
                       const QByteArray &path,
                       const QByteArray &body = {},
                       const QByteArray &level = {});
    QByteArray fileBytes() const;
    static QString version(const QByteArray &bytes);
    static quint16 freePort();

    EmulatorFixture m_emulator{QStringLiteral(HOLDFAST_ZFS_EMULATOR_BIN_DIR)};
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    std::unique_ptr<FakeConfigHost> m_host;
    std::unique_ptr<JobRegistry> m_jobs;
    std::unique_ptr<ConfigEndpoints> m_endpoints;
};

namespace {

const QByteArray ConfigText = R"(# Workstation backups.
global:
  control:
    admin_group: adm
jobs:
# Home to the USB pool, every hour.
- name: home_to_usb
  type: push
  connect:
    type: local
    listener_name: usb
    client_identity: atlas
  filesystems: {"rpool/home<": true, "rpool/home/tmp": false}
  snapshotting:
    type: periodic
    prefix: zrepl_
    interval: 1h
    hooks:
    - type: postgres-checkpoint
      dsn: "host=db user=backup password=hunter22"  # the db's checkpoint
      filesystems: {"rpool/home<": true}
  pruning:
    keep_sender:
    - type: not_replicated
    keep_receiver:
    - type: last_n
      count: 24

- name: usb
  type: sink
  root_fs: usbpool/backup
  serve:
    type: local
    listener_name: usb
)";

Api::ConfigDocument documentOf(const Http::Response &response)
{
    QString error;
    std::optional<Api::ConfigDocument> doc = Api::ConfigDocument::fromJson(response.body, &error);
    if (!doc) {
        qWarning("not a ConfigDocument: %s: %s", qPrintable(error), response.body.constData());
        return {};
    }
    return *doc;
}

}  // namespace

void TestConfigEndpoints::initTestCase()
{
    if (!m_emulator.start()) {
        QSKIP(qPrintable(m_emulator.unavailableReason()));
    }
}

void TestConfigEndpoints::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(u"holdfast.yml"_s);
    QFile file(m_path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(ConfigText);
    file.close();
    m_host = std::make_unique<FakeConfigHost>(m_path);
    m_jobs = std::make_unique<JobRegistry>();
    m_endpoints = std::make_unique<ConfigEndpoints>(*m_host, *m_jobs, commandConfigFor(m_emulator));
}

void TestConfigEndpoints::cleanup()
{
    m_endpoints.reset();
    m_jobs.reset();
    m_host.reset();
    m_emulator.destroyPools();
    m_dir.reset();
}

Http::Response TestConfigEndpoints::ask(ConfigEndpoints &endpoints,
                                        const QByteArray &method,
                                        const QByteArray &path,
                                        const QByteArray &body,
                                        const QByteArray &level)
{
    Http::Request request;
    request.method = method;
    request.target = path;
    request.path = path;
    request.body = body;
    if (!level.isEmpty()) {
        request.headers.set(AccessCheckedHandler::PeerLevelHeader, level);
        request.headers.set(AccessCheckedHandler::PeerHeader, "tester (uid 4242)");
    }
    std::optional<Http::Response> got;
    endpoints.handle(request, [&got](Http::Response response) { got = std::move(response); });
    if (!QTest::qWaitFor([&] { return got.has_value(); }, 30000)) {
        qWarning("%s %s did not answer", method.constData(), path.constData());
        return {};
    }
    return *got;
}

QByteArray TestConfigEndpoints::fileBytes() const
{
    QFile file(m_path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString TestConfigEndpoints::version(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

quint16 TestConfigEndpoints::freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

void TestConfigEndpoints::documentForAdmins()
{
    const Http::Response r = ask(*m_endpoints, "GET", Api::HoldfastEndpoint::Config, {}, "admin");
    QCOMPARE(r.status, 200);
    const Api::ConfigDocument doc = documentOf(r);
    QCOMPARE(doc.path, m_path);
    QCOMPARE(doc.text.toUtf8(), ConfigText);
    QCOMPARE(doc.version, version(ConfigText));
    QVERIFY(doc.editable);
    QVERIFY(!doc.redacted);
    QVERIFY(doc.readOnlyReason.isEmpty());
    QVERIFY(!doc.problem);
    QCOMPARE(doc.jobs.size(), 2);
    QCOMPARE(doc.jobs[0].name, u"home_to_usb"_s);
    QCOMPARE(doc.jobs[0].type, u"push"_s);
    QCOMPARE(doc.jobs[0].summary, u"rpool/home and below (1 excluded) to local sink “usb”, snapshots every 1h"_s);
    QCOMPARE(doc.jobs[0].line, 7);
    QCOMPARE(doc.jobs[1].summary, u"receives into usbpool/backup (local listener “usb”)"_s);
    QCOMPARE(doc.state.runningVersion, version(ConfigText));
}

void TestConfigEndpoints::documentRedactedForTheStatusGroup()
{
    const Http::Response r = ask(*m_endpoints, "GET", Api::HoldfastEndpoint::Config, {}, "status");
    QCOMPARE(r.status, 200);
    const Api::ConfigDocument doc = documentOf(r);
    QVERIFY(!doc.text.contains(u"hunter22"_s));
    QVERIFY2(doc.text.contains(u"      dsn: <redacted>  # the db's checkpoint\n"_s), qPrintable(doc.text));
    QVERIFY(doc.redacted);
    QVERIFY(!doc.editable);
    QCOMPARE(doc.readOnlyReason, u"Only root and members of group “adm” may change the configuration."_s);
    // Everything but the secret is as on disk; the version is the file's, for reference.
    QCOMPARE(doc.text,
             QString::fromUtf8(ConfigText).replace(u"\"host=db user=backup password=hunter22\""_s, u"<redacted>"_s));
    QCOMPARE(doc.version, version(ConfigText));
}

void TestConfigEndpoints::documentOfAnInvalidFile()
{
    QFile file(m_path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("jobs:\n- name: broken\n  type: snap\n  snapshotting:\n    type: periodic\n    interval: soon\n");
    file.close();
    const Api::ConfigDocument doc = documentOf(ask(*m_endpoints, "GET", Api::HoldfastEndpoint::Config, {}, "admin"));
    QVERIFY(doc.jobs.isEmpty());
    QVERIFY(doc.problem);
    QCOMPARE(doc.problem->file, m_path);
    QVERIFY2(doc.problem->line > 0, qPrintable(doc.problem->toString()));
    QVERIFY(doc.text.contains(u"interval: soon"_s));  // it can still be edited
    QVERIFY(doc.editable);
}

void TestConfigEndpoints::runningAndPendingJobs()
{
    // The sink runs (it is in the registry, unchanged); the push is in the file but not in the daemon.
    const std::optional<Config::Root> root = Config::parseBytes(ConfigText, m_path, nullptr);
    QVERIFY(root);
    m_jobs->addJob(createJob(*root->job(u"usb"_s)));
    Api::ConfigDocument doc = documentOf(ask(*m_endpoints, "GET", Api::HoldfastEndpoint::Config, {}, "admin"));
    QCOMPARE(doc.jobs[0].running, false);
    QCOMPARE(doc.jobs[1].running, true);
    QCOMPARE(doc.jobs[1].restartPending, false);
    // A changed job that waits for its work to end runs its previous settings.
    m_host->pendingForTest = {u"usb"_s};
    doc = documentOf(ask(*m_endpoints, "GET", Api::HoldfastEndpoint::Config, {}, "admin"));
    QCOMPARE(doc.jobs[1].running, false);
    QCOMPARE(doc.jobs[1].restartPending, true);
    QCOMPARE(doc.state.pendingRestart, QStringList{u"usb"_s});
}

void TestConfigEndpoints::validateGivesProblemsWithPositions()
{
    const QString bad = u"jobs:\n- name: x\n  type: snap\n  filesystems: {\"p<\": true}\n  snapshotting:\n    type: "
                        u"periodic\n    prefix: zrepl_\n    interval: 1 hour\n  pruning:\n    keep: []\n"_s;
    Http::Response r =
        ask(*m_endpoints, "POST", Api::HoldfastEndpoint::ConfigValidate, Api::ConfigText{bad}.toJson(), "admin");
    QCOMPARE(r.status, 200);
    QString error;
    std::optional<Api::ConfigValidation> v = Api::ConfigValidation::fromJson(r.body, &error);
    QVERIFY2(v, qPrintable(error));
    QVERIFY(!v->valid);
    QCOMPARE(v->problems.size(), 1);
    QCOMPARE(v->problems[0].file, m_path);
    QCOMPARE(v->problems[0].line, 8);
    QVERIFY2(v->problems[0].column > 0, qPrintable(v->problems[0].toString()));
    QCOMPARE(v->problems[0].field, u"jobs[0].snapshotting.interval"_s);
    QVERIFY(v->problems[0].toString().startsWith(m_path + u":8:"_s));

    // YAML syntax: the position comes from yaml-cpp.
    r = ask(
        *m_endpoints, "POST", Api::HoldfastEndpoint::ConfigValidate, Api::ConfigText{u"jobs: [\n"_s}.toJson(), "admin");
    v = Api::ConfigValidation::fromJson(r.body, &error);
    QVERIFY(v && !v->valid && v->problems[0].line > 0);

    // A valid text: its jobs and what it would change.
    const QString next = QString::fromUtf8(ConfigText)
                             .replace(u"- name: usb\n"_s, u"- name: usb2\n"_s)
                             .replace(u"listener_name: usb\n"_s, u"listener_name: usb2\n"_s);
    r = ask(*m_endpoints, "POST", Api::HoldfastEndpoint::ConfigValidate, Api::ConfigText{next}.toJson(), "admin");
    v = Api::ConfigValidation::fromJson(r.body, &error);
    QVERIFY2(v, qPrintable(error));
    QVERIFY2(v->valid, r.body.constData());
    QCOMPARE(v->jobs.size(), 2);
    QCOMPARE(v->changes.added, QStringList{u"usb2"_s});
    QCOMPARE(v->changes.removed, QStringList{u"usb"_s});
    QCOMPARE(v->changes.unchanged, QStringList{u"home_to_usb"_s});
    QCOMPARE(fileBytes(), ConfigText);  // validating writes nothing
    QVERIFY(m_host->reloads.isEmpty());
}

void TestConfigEndpoints::applyWritesAndReloads()
{
    const QString next = QString::fromUtf8(ConfigText).replace(u"interval: 1h"_s, u"interval: 2h"_s);
    m_host->changedForTest = {u"home_to_usb"_s};
    const Http::Response r = ask(*m_endpoints,
                                 "POST",
                                 Api::HoldfastEndpoint::ConfigApply,
                                 Api::ConfigApplyRequest{next, version(ConfigText), Api::RestartPolicy::Now}.toJson(),
                                 "admin");
    QCOMPARE(r.status, 200);
    QString error;
    const std::optional<Api::ReloadReport> report = Api::ReloadReport::fromJson(r.body, &error);
    QVERIFY2(report, qPrintable(error));
    QVERIFY(report->ok);
    QCOMPARE(report->trigger, u"apply"_s);
    QCOMPARE(report->version, version(next.toUtf8()));
    QCOMPARE(report->restarted, QStringList{u"home_to_usb"_s});
    QCOMPARE(fileBytes(), next.toUtf8());
    QFile backup(m_path + u".bak"_s);
    QVERIFY(backup.open(QIODevice::ReadOnly));
    QCOMPARE(backup.readAll(), ConfigText);
    QCOMPARE(m_host->reloads.size(), 1);
    QCOMPARE(m_host->reloads[0].trigger, u"apply"_s);
    QVERIFY(m_host->reloads[0].policy == Api::RestartPolicy::Now);
    // The document now reads the new version.
    QCOMPARE(documentOf(ask(*m_endpoints, "GET", Api::HoldfastEndpoint::Config, {}, "admin")).version, report->version);
}

void TestConfigEndpoints::applyRefusesInvalidText()
{
    const QString bad = u"jobs:\n- name: _reserved\n  type: sink\n"_s;
    const Http::Response r = ask(*m_endpoints,
                                 "POST",
                                 Api::HoldfastEndpoint::ConfigApply,
                                 Api::ConfigApplyRequest{bad, version(ConfigText), {}}.toJson(),
                                 "admin");
    QCOMPARE(r.status, 422);
    QString error;
    const std::optional<Api::ConfigValidation> v = Api::ConfigValidation::fromJson(r.body, &error);
    QVERIFY2(v, qPrintable(error));
    QVERIFY(!v->valid);
    QCOMPARE(v->problems[0].line, 2);
    QCOMPARE(fileBytes(), ConfigText);
    QVERIFY(!QFile::exists(m_path + u".bak"_s));
    QVERIFY(m_host->reloads.isEmpty());
}

void TestConfigEndpoints::concurrentApplyGetsConflict()
{
    // Two GUIs read the same version; the first applies, the second's apply is refused with the new version.
    const QString base = documentOf(ask(*m_endpoints, "GET", Api::HoldfastEndpoint::Config, {}, "admin")).version;
    const QString first = QString::fromUtf8(ConfigText) + u"# first\n"_s;
    const QString second = QString::fromUtf8(ConfigText) + u"# second\n"_s;
    QCOMPARE(ask(*m_endpoints,
                 "POST",
                 Api::HoldfastEndpoint::ConfigApply,
                 Api::ConfigApplyRequest{first, base, {}}.toJson(),
                 "admin")
                 .status,
             200);
    const Http::Response r = ask(*m_endpoints,
                                 "POST",
                                 Api::HoldfastEndpoint::ConfigApply,
                                 Api::ConfigApplyRequest{second, base, {}}.toJson(),
                                 "admin");
    QCOMPARE(r.status, 409);
    QString error;
    const std::optional<Api::ConfigConflict> conflict = Api::ConfigConflict::fromJson(r.body, &error);
    QVERIFY2(conflict, qPrintable(error));
    QCOMPARE(conflict->currentVersion, version(first.toUtf8()));
    QVERIFY2(conflict->message.contains(u"changed since version"_s), qPrintable(conflict->message));
    QCOMPARE(fileBytes(), first.toUtf8());
    QCOMPARE(m_host->reloads.size(), 1);
}

void TestConfigEndpoints::applyIntoAReadOnlyPlaceFails()
{
    // The configuration names a file whose directory is gone: a 500 that says so, and no reload.
    FakeConfigHost gone(m_dir->filePath(u"gone/holdfast.yml"_s));
    ConfigEndpoints endpoints(gone, *m_jobs, commandConfigFor(m_emulator));
    const Http::Response r = ask(endpoints,
                                 "POST",
                                 Api::HoldfastEndpoint::ConfigApply,
                                 Api::ConfigApplyRequest{QString::fromUtf8(ConfigText), {}, {}}.toJson(),
                                 "admin");
    QCOMPARE(r.status, 500);
    QVERIFY2(r.body.contains("does not exist"), r.body.constData());
    QVERIFY(gone.reloads.isEmpty());
    QCOMPARE(ask(endpoints, "GET", Api::HoldfastEndpoint::Config, {}, "admin").status, 500);
}

void TestConfigEndpoints::reloadTakesThePolicy()
{
    Http::Response r = ask(*m_endpoints,
                           "POST",
                           Api::HoldfastEndpoint::Reload,
                           Api::ReloadRequest{Api::RestartPolicy::Now}.toJson(),
                           "admin");
    QCOMPARE(r.status, 200);
    QCOMPARE(m_host->reloads.size(), 1);
    QCOMPARE(m_host->reloads[0].trigger, u"request"_s);
    QVERIFY(m_host->reloads[0].policy == Api::RestartPolicy::Now);
    r = ask(*m_endpoints, "POST", Api::HoldfastEndpoint::Reload, {}, "admin");  // `curl -X POST` without a body
    QCOMPARE(r.status, 200);
    QVERIFY(m_host->reloads[1].policy == Api::RestartPolicy::WhenIdle);

    // An invalid file: the report says where, the daemon keeps what it runs.
    QFile file(m_path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("jobs:\n  - name: [\n");
    file.close();
    r = ask(*m_endpoints, "POST", Api::HoldfastEndpoint::Reload, "{}", "admin");
    QString error;
    const std::optional<Api::ReloadReport> report = Api::ReloadReport::fromJson(r.body, &error);
    QVERIFY2(report, qPrintable(error));
    QVERIFY(!report->ok);
    QVERIFY(report->problem && report->problem->line == 3);
}

void TestConfigEndpoints::badRequestsAndMethods()
{
    QCOMPARE(ask(*m_endpoints, "POST", Api::HoldfastEndpoint::Config, "{}", "admin").status, 405);
    QCOMPARE(ask(*m_endpoints, "GET", Api::HoldfastEndpoint::ConfigApply, {}, "admin").status, 405);
    QCOMPARE(ask(*m_endpoints, "PUT", Api::HoldfastEndpoint::Filesystems, {}, "admin").status, 405);
    Http::Response r = ask(*m_endpoints, "POST", Api::HoldfastEndpoint::ConfigApply, R"({"text": 3})", "admin");
    QCOMPARE(r.status, 400);
    QCOMPARE(r.body, QByteArray("invalid apply request: text: expected a string, got number\n"));
    r = ask(*m_endpoints, "POST", Api::HoldfastEndpoint::Reload, R"({"restart":"later"})", "admin");
    QCOMPARE(r.status, 400);
    QVERIFY2(r.body.contains("unknown restart policy \"later\""), r.body.constData());
    QCOMPARE(ask(*m_endpoints, "POST", Api::HoldfastEndpoint::ConfigValidate, "nope", "admin").status, 400);
    QCOMPARE(ask(*m_endpoints, "POST", Api::HoldfastEndpoint::ConnectTest, "[]", "admin").status, 400);
    QVERIFY(m_host->reloads.isEmpty());
    QCOMPARE(fileBytes(), ConfigText);
}

void TestConfigEndpoints::testConnectReachesASink()
{
    const quint16 port = freePort();
    Config::Job sink;
    sink.type = Config::JobType::Sink;
    sink.name = u"server_sink"_s;
    sink.rootFs = u"backuppool/sink"_s;
    sink.serve.type = Config::Serve::Type::Tcp;
    sink.serve.listen = u"127.0.0.1:%1"_s.arg(port);
    sink.serve.clients = {{u"127.0.0.1"_s, u"workstation"_s}};
    SinkJob server(sink, commandConfigFor(m_emulator));
    server.start();

    const QString text =
        u"jobs:\n- name: to_server\n  type: push\n  connect: {type: tcp, address: \"127.0.0.1:%1\"}\n"
        u"  filesystems: {\"rpool/home<\": true}\n  snapshotting: {type: manual}\n  pruning:\n"
        u"    keep_sender: [{type: last_n, count: 1}]\n    keep_receiver: [{type: last_n, count: 1}]\n"_s.arg(port);
    const Http::Response r = ask(*m_endpoints,
                                 "POST",
                                 Api::HoldfastEndpoint::ConnectTest,
                                 Api::ConnectTestRequest{text, u"to_server"_s}.toJson(),
                                 "admin");
    QCOMPARE(r.status, 200);
    QString error;
    const std::optional<Api::ConnectTestResult> result = Api::ConnectTestResult::fromJson(r.body, &error);
    QVERIFY2(result, qPrintable(error));
    QVERIFY2(result->ok, qPrintable(result->message));
    QCOMPARE(result->peerJob, u"server_sink"_s);
    QVERIFY2(result->message.contains(u"sink job “server_sink” answered and knows this machine as “workstation”"_s),
             qPrintable(result->message));
}

void TestConfigEndpoints::testConnectExplainsFailures()
{
    const auto test = [this](const QString &text, const QString &job) {
        const Http::Response r = ask(*m_endpoints,
                                     "POST",
                                     Api::HoldfastEndpoint::ConnectTest,
                                     Api::ConnectTestRequest{text, job}.toJson(),
                                     "admin");
        QString error;
        return Api::ConnectTestResult::fromJson(r.body, &error).value_or(Api::ConnectTestResult{false, error, {}});
    };
    const QString config = QString::fromUtf8(ConfigText);

    // Nobody listens on the port.
    const quint16 port = freePort();
    const QString refused =
        QString(config).replace(u"  connect:\n    type: local\n    listener_name: usb\n    client_identity: atlas\n"_s,
                                u"  connect:\n    type: tcp\n    address: 127.0.0.1:%1\n"_s.arg(port));
    Api::ConnectTestResult result = test(refused, u"home_to_usb"_s);
    QVERIFY(!result.ok);
    QVERIFY2(result.message.contains(u"refused"_s, Qt::CaseInsensitive), qPrintable(result.message));
    QVERIFY2(result.message.contains(u"127.0.0.1:%1"_s.arg(port)), qPrintable(result.message));

    // A local sink of the same text: reachable once the text is applied.
    result = test(config, u"home_to_usb"_s);
    QVERIFY2(result.ok, qPrintable(result.message));
    QCOMPARE(result.peerJob, u"usb"_s);
    QVERIFY2(result.message.contains(u"starts when the configuration is applied"_s), qPrintable(result.message));

    // No sink serves that listener.
    result = test(QString(config).replace(u"    listener_name: usb\n    client_identity"_s,
                                          u"    listener_name: elsewhere\n    client_identity"_s),
                  u"home_to_usb"_s);
    QVERIFY(!result.ok);
    QVERIFY2(result.message.contains(u"no sink job serves local listener “elsewhere”"_s), qPrintable(result.message));

    result = test(config, u"usb"_s);
    QVERIFY(!result.ok);
    QVERIFY2(result.message.contains(u"“usb” is a sink job"_s), qPrintable(result.message));
    result = test(config, u"nosuch"_s);
    QVERIFY2(result.message.contains(u"no job named “nosuch”"_s), qPrintable(result.message));
    result = test(u"jobs: [\n"_s, u"x"_s);
    QVERIFY(!result.ok);
    QVERIFY2(result.message.startsWith(u"the configuration is invalid: %1:"_s.arg(m_path)), qPrintable(result.message));

    // ssh that cannot start its command: ssh's (or the shell's) own words come back.
    const QString ssh = QString(config).replace(
        u"  connect:\n    type: local\n    listener_name: usb\n    client_identity: atlas\n"_s,
        u"  connect:\n    type: ssh+stdinserver\n    host: 127.0.0.1\n    user: nobody\n    port: %1\n    identity_file: %2\n"_s
            .arg(port)
            .arg(m_dir->filePath(u"no-such-key"_s)));
    result = test(ssh, u"home_to_usb"_s);
    QVERIFY(!result.ok);
    QVERIFY2(!result.message.isEmpty(), "an ssh failure without words");
}

void TestConfigEndpoints::testConnectTimesOut()
{
    // A listener that accepts and never answers the handshake.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    m_endpoints->setConnectTimeout(std::chrono::milliseconds(800));
    const QString text =
        QString::fromUtf8(ConfigText)
            .replace(u"  connect:\n    type: local\n    listener_name: usb\n    client_identity: atlas\n"_s,
                     u"  connect:\n    type: tcp\n    address: 127.0.0.1:%1\n"_s.arg(silent.serverPort()));
    QElapsedTimer timer;
    timer.start();
    const Http::Response r = ask(*m_endpoints,
                                 "POST",
                                 Api::HoldfastEndpoint::ConnectTest,
                                 Api::ConnectTestRequest{text, u"home_to_usb"_s}.toJson(),
                                 "admin");
    QString error;
    const std::optional<Api::ConnectTestResult> result = Api::ConnectTestResult::fromJson(r.body, &error);
    QVERIFY2(result, qPrintable(error));
    QVERIFY(!result->ok);
    QVERIFY2(result->message.contains(u"did not answer within"_s), qPrintable(result->message));
    QVERIFY(timer.elapsed() < 10000);
}

void TestConfigEndpoints::filesystemsListing()
{
    const QString pool = m_emulator.nextPoolName();
    QString error;
    QVERIFY2(m_emulator.createPool(pool, 64, &error), qPrintable(error));
    for (const QString &args :
         {u"create %1/home"_s,
          u"create %1/home/alice"_s,
          u"create -o mountpoint=none %1/backup"_s,
          u"create -o encryption=on -o keyformat=passphrase -o keylocation=file:///dev/null %1/secret"_s}) {
        const ZfsCommandResult result = m_emulator.zfs(args.arg(pool).split(u' '));
        QVERIFY2(result.exitCode == 0, result.standardError.constData());
    }
    // Jobs that send and receive some of them.
    Config::Job push;
    push.type = Config::JobType::Push;
    push.name = u"home_push"_s;
    push.filesystems = {{pool + u"/home<"_s, true}};
    push.connect.type = Config::Connect::Type::Local;
    push.connect.listenerName = u"x"_s;
    m_jobs->addJob(createJob(push));
    Config::Job sink;
    sink.type = Config::JobType::Sink;
    sink.name = u"backup_sink"_s;
    sink.rootFs = pool + u"/backup"_s;
    sink.serve.type = Config::Serve::Type::Local;
    sink.serve.listenerName = u"x"_s;
    m_jobs->addJob(createJob(sink));

    const Http::Response r = ask(*m_endpoints, "GET", Api::HoldfastEndpoint::Filesystems, {}, "status");
    QCOMPARE(r.status, 200);
    const std::optional<Api::FilesystemListing> listing = Api::FilesystemListing::fromJson(r.body, &error);
    QVERIFY2(listing, qPrintable(error));
    const auto poolInfo = std::find_if(
        listing->pools.cbegin(), listing->pools.cend(), [&](const Api::PoolInfo &p) { return p.name == pool; });
    QVERIFY(poolInfo != listing->pools.cend());
    QVERIFY(poolInfo->size > 0 && poolInfo->free > 0 && poolInfo->free <= poolInfo->size);
    QCOMPARE(poolInfo->health, u"ONLINE"_s);
    QStringList names;
    QHash<QString, Api::FilesystemInfo> byName;
    for (const Api::FilesystemInfo &fs : listing->filesystems) {
        if (fs.name == pool || fs.name.startsWith(pool + u'/')) {
            names.append(fs.name);
            byName.insert(fs.name, fs);
        }
    }
    // Parents before their children.
    QCOMPARE(names,
             (QStringList{pool, pool + u"/backup"_s, pool + u"/home"_s, pool + u"/home/alice"_s, pool + u"/secret"_s}));
    const Api::FilesystemInfo home = byName.value(pool + u"/home"_s);
    QVERIFY(home.used >= 0 && home.available > 0);
    QCOMPARE(home.encryption, u"off"_s);
    QCOMPARE(home.sentBy, QStringList{u"home_push"_s});
    QCOMPARE(byName.value(pool + u"/home/alice"_s).sentBy, QStringList{u"home_push"_s});
    QCOMPARE(byName.value(pool + u"/backup"_s).receivedBy, QStringList{u"backup_sink"_s});
    QVERIFY(byName.value(pool + u"/backup"_s).mountpoint.isEmpty());
    QVERIFY(byName.value(pool).sentBy.isEmpty());
    const Api::FilesystemInfo secret = byName.value(pool + u"/secret"_s);
    QCOMPARE(secret.encryption, u"aes-256-gcm"_s);
    QCOMPARE(secret.encryptionRoot, pool + u"/secret"_s);

    // zfs not reachable: a 500 that says why.
    Zfs::CommandConfig broken = commandConfigFor(m_emulator);
    broken.zfsBinary = m_dir->filePath(u"no-zfs-here"_s);
    ConfigEndpoints endpoints(*m_host, *m_jobs, broken);
    const Http::Response failed = ask(endpoints, "GET", Api::HoldfastEndpoint::Filesystems, {}, "status");
    QCOMPARE(failed.status, 500);
    QVERIFY2(failed.body.startsWith("cannot run zfs: "), failed.body.constData());
}

void TestConfigEndpoints::filesystemsOnZfsFuse()
{
    // A real ZFS without `zpool list -p` and without encryption: human sizes are read, encryption stays "".
    if (!ZfsBackend::selected(u"zfs-fuse"_s)) {
        QSKIP("zfs-fuse is not among the selected backends");
    }
    ZfsFuseFixture fuse;
    if (!fuse.start()) {
        QSKIP(qPrintable(fuse.unavailableReason()));
    }
    const QString pool = fuse.nextPoolName();
    QString error;
    QVERIFY2(fuse.createPool(pool, 64, &error), qPrintable(error));
    const ZfsCommandResult created = fuse.zfs({u"create"_s, pool + u"/home"_s});
    QVERIFY2(created.exitCode == 0, created.standardError.constData());
    ConfigEndpoints endpoints(*m_host, *m_jobs, commandConfigFor(fuse));
    const Http::Response r = ask(endpoints, "GET", Api::HoldfastEndpoint::Filesystems, {}, "status");
    fuse.destroyPools();
    QCOMPARE(r.status, 200);
    const std::optional<Api::FilesystemListing> listing = Api::FilesystemListing::fromJson(r.body, &error);
    QVERIFY2(listing, qPrintable(error));
    const auto poolInfo = std::find_if(
        listing->pools.cbegin(), listing->pools.cend(), [&](const Api::PoolInfo &p) { return p.name == pool; });
    QVERIFY(poolInfo != listing->pools.cend());
    QVERIFY2(poolInfo->size > 32 * 1024 * 1024 && poolInfo->free > 0, r.body.constData());
    const auto home = std::find_if(listing->filesystems.cbegin(),
                                   listing->filesystems.cend(),
                                   [&](const Api::FilesystemInfo &f) { return f.name == pool + u"/home"_s; });
    QVERIFY(home != listing->filesystems.cend());
    QVERIFY(home->used > 0 && home->available > 0);
    QCOMPARE(home->encryption, QString());
}

void TestConfigEndpoints::serviceRoutesAndChecksAccess()
{
    Metrics metrics;
    DebugServer debug(metrics);
    ControlService service(*m_jobs, metrics, debug, *m_host);
    const auto through = [&service](Api::AccessLevel level,
                                    const QByteArray &method,
                                    const QByteArray &path,
                                    const QByteArray &body,
                                    const QByteArray &forgedLevel = {}) {
        AccessCheckedHandler checked(
            service,
            level,
            [](Api::AccessLevel) { return u"permission denied: tester may read"_s; },
            u"tester (uid 4242)"_s);
        Http::Request request;
        request.method = method;
        request.target = path;
        request.path = path;
        request.body = body;
        if (!forgedLevel.isEmpty()) {
            request.headers.set(AccessCheckedHandler::PeerLevelHeader, forgedLevel);
        }
        std::optional<Http::Response> got;
        checked.handleAsync(request, [&got](Http::Response response) { got = std::move(response); });
        if (!QTest::qWaitFor([&] { return got.has_value(); }, 30000)) {
            qWarning("%s %s did not answer", method.constData(), path.constData());
        }
        return got.value_or(Http::Response{});
    };
    const QByteArray apply = Api::ConfigApplyRequest{QString::fromUtf8(ConfigText), version(ConfigText), {}}.toJson();
    for (const QByteArray &path : {QByteArray(Api::HoldfastEndpoint::ConfigValidate),
                                   QByteArray(Api::HoldfastEndpoint::ConfigApply),
                                   QByteArray(Api::HoldfastEndpoint::Reload),
                                   QByteArray(Api::HoldfastEndpoint::ConnectTest)}) {
        const Http::Response r = through(Api::AccessLevel::Status, "POST", path, apply);
        QCOMPARE(r.status, 403);
        QCOMPARE(r.body, QByteArray("permission denied: tester may read"));
    }
    QVERIFY(m_host->reloads.isEmpty());
    // The status group reads the redacted text, also when it claims to be an admin.
    Http::Response r = through(Api::AccessLevel::Status, "GET", Api::HoldfastEndpoint::Config, {}, "admin");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.headers.value(Api::AccessHeader), QByteArray("status"));
    Api::ConfigDocument doc = documentOf(r);
    QVERIFY(doc.redacted && !doc.editable && !doc.text.contains(u"hunter22"_s));
    // Admins get the file as it is, and may apply.
    doc = documentOf(through(Api::AccessLevel::Admin, "GET", Api::HoldfastEndpoint::Config, {}));
    QVERIFY(!doc.redacted && doc.editable && doc.text.contains(u"hunter22"_s));
    QCOMPARE(through(Api::AccessLevel::Admin, "POST", Api::HoldfastEndpoint::ConfigApply, apply).status, 200);
    QCOMPARE(m_host->reloads.size(), 1);
}

void TestConfigEndpoints::summaries_data()
{
    QTest::addColumn<QString>("job");
    QTest::addColumn<QString>("summary");
    const QString common = u"  snapshotting: {type: manual}\n  pruning: {keep_sender: [{type: last_n, count: 1}], "
                           u"keep_receiver: [{type: last_n, count: 1}]}\n"_s;
    QTest::addRow("pull")
        << u"- name: j\n  type: pull\n  connect: {type: tcp, address: \"backup.example.org:8888\"}\n"
           u"  root_fs: pool/pulled\n  interval: 10m\n  pruning: {keep_sender: [{type: last_n, count: "
           u"1}], keep_receiver: [{type: last_n, count: 1}]}\n"_s
        << u"pulls from backup.example.org:8888 over tcp into pool/pulled every 10m"_s;
    QTest::addRow("push over ssh, three filesystems")
        << u"- name: j\n  type: push\n  connect: {type: ssh+stdinserver, host: server, user: root, port: 22, "
           u"identity_file: /etc/holdfast/id}\n  filesystems: {\"a<\": true, \"b\": true, \"c<\": true}\n"_s
               + common
        << u"a and below, b and 1 more to root@server over ssh, no snapshots of its own"_s;
    QTest::addRow("snap every 15m")
        << u"- name: j\n  type: snap\n  filesystems: {\"<\": true}\n  snapshotting: {type: periodic, prefix: p_, "
           u"interval: 90m}\n  pruning: {keep: [{type: last_n, count: 1}]}\n"_s
        << u"snapshots every 1h30m of every filesystem"_s;
    QTest::addRow("source over tls")
        << u"- name: j\n  type: source\n  serve: {type: tls, listen: \":8888\", ca: /c, cert: /c, key: /k, "
           u"client_cns: [x]}\n  filesystems: {\"p<\": true}\n  snapshotting: {type: periodic, prefix: p_, interval: "
           u"10m}\n"_s
        << u"serves p and below (listening on :8888, TLS), snapshots every 10m"_s;
}

void TestConfigEndpoints::summaries()
{
    QFETCH(QString, job);
    QFETCH(QString, summary);
    Config::Error error;
    const std::optional<Config::Root> root = Config::parseBytes((u"jobs:\n"_s + job).toUtf8(), u"t.yml"_s, &error);
    QVERIFY2(root, qPrintable(error.toString()));
    QCOMPARE(ConfigSummary::summarize(*root).first().summary, summary);
}

void TestConfigEndpoints::sizes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("bytes");
    QTest::addRow("exact") << u"123456"_s << qint64(123456);
    QTest::addRow("zero") << u"0"_s << qint64(0);
    QTest::addRow("kibi") << u"512K"_s << qint64(512 * 1024);
    QTest::addRow("fraction") << u"1.98G"_s << qint64(std::llround(1.98 * 1024 * 1024 * 1024));
    QTest::addRow("tebi") << u"3T"_s << qint64(3) * 1024 * 1024 * 1024 * 1024;
    QTest::addRow("dash") << u"-"_s << qint64(-1);
    QTest::addRow("garbage") << u"lots"_s << qint64(-1);
    QTest::addRow("negative") << u"-5"_s << qint64(-1);
    QTest::addRow("too big") << u"16.0E"_s << qint64(-1);
    QTest::addRow("empty") << QString() << qint64(-1);
}

void TestConfigEndpoints::sizes()
{
    QFETCH(QString, text);
    QFETCH(qint64, bytes);
    QCOMPARE(FilesystemLister::parseSize(text).value_or(-1), bytes);
}

void TestConfigEndpoints::poolListParsing()
{
    QString error;
    // zfs-fuse: human sizes.
    const std::optional<QList<Api::PoolInfo>> pools =
        FilesystemLister::parsePools("usb\t1.98G\t1.50G\tONLINE\nrpool\t-\t-\tFAULTED\n", &error);
    QVERIFY2(pools, qPrintable(error));
    QCOMPARE(pools->size(), 2);
    QCOMPARE(pools->at(0).size, std::llround(1.98 * 1024 * 1024 * 1024));
    QCOMPARE(pools->at(1).size, -1);
    QCOMPARE(pools->at(1).health, u"FAULTED"_s);
    QVERIFY(!FilesystemLister::parsePools("usb 1G 1G ONLINE\n", &error));
    QVERIFY2(error.contains(u"line 1 has 1 fields instead of 4"_s), qPrintable(error));
}

QTEST_MAIN(TestConfigEndpoints)
#include "TestConfigEndpoints.moc"
