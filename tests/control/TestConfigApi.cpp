// SPDX-License-Identifier: MIT
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "shared/control/ConfigApi.h"

using namespace Api;
using namespace Qt::StringLiterals;

// The JSON of the configuration endpoints: what the daemon writes, the GUI and the CLI read back unchanged; what a
// client sends wrong is refused with the field that was wrong.
class TestConfigApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void problemText_data();
    void problemText();
    void restartPolicyNames();
    void changesEmptiness();
    void reloadReportRoundTrip();
    void documentRoundTrip();
    void documentListsAlwaysPresent();
    void validationRoundTrip();
    void requestsRoundTrip();
    void applyRequestDefaultsToWhenIdle();
    void listingRoundTrip();
    void refusals_data();
    void refusals();
};

namespace {

ConfigProblem sampleProblem()
{
    return ConfigProblem{u"/etc/holdfast/holdfast.yml"_s,
                         12,
                         7,
                         u"jobs[1].snapshotting.interval"_s,
                         u"time: invalid duration \"1 hour\""_s};
}

ReloadReport sampleReport()
{
    ReloadReport report;
    report.ok = true;
    report.at = *Timestamp::parse("2026-03-01T10:15:30.5+01:00");
    report.trigger = u"apply"_s;
    report.version = u"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"_s;
    report.changes.added = {u"home_to_usb"_s};
    report.changes.removed = {u"old \"job\""_s};
    report.changes.changed = {u"laptop_push"_s};
    report.changes.unchanged = {u"snap_var"_s, u"usb_sink"_s};
    report.changes.globalApplied = {u"global.logging"_s};
    report.changes.globalNeedsRestart = {u"global.control.sockpath"_s};
    report.restarted = {};
    report.pending = {u"laptop_push"_s};
    return report;
}

}  // namespace

void TestConfigApi::problemText_data()
{
    QTest::addColumn<ConfigProblem>("problem");
    QTest::addColumn<QString>("text");
    QTest::addRow("everything") << sampleProblem()
                                << u"/etc/holdfast/holdfast.yml:12:7: jobs[1].snapshotting.interval: time: invalid "
                                   u"duration \"1 hour\""_s;
    QTest::addRow("yaml syntax, no field")
        << ConfigProblem{u"f.yml"_s, 3, 1, {}, u"end of map not found"_s} << u"f.yml:3:1: end of map not found"_s;
    QTest::addRow("no column") << ConfigProblem{u"f.yml"_s, 3, 0, {}, u"bad"_s} << u"f.yml:3: bad"_s;
    QTest::addRow("no file, a position") << ConfigProblem{{}, 4, 2, u"jobs[0].name"_s, u"missing"_s}
                                         << u"line 4, column 2: jobs[0].name: missing"_s;
    QTest::addRow("nothing known") << ConfigProblem{{}, 0, 0, {}, u"cannot read"_s} << u"cannot read"_s;
}

void TestConfigApi::problemText()
{
    QFETCH(ConfigProblem, problem);
    QFETCH(QString, text);
    QCOMPARE(problem.toString(), text);
}

void TestConfigApi::restartPolicyNames()
{
    QCOMPARE(restartPolicyName(RestartPolicy::WhenIdle), u"when-idle"_s);
    QCOMPARE(restartPolicyName(RestartPolicy::Now), u"now"_s);
    QCOMPARE(restartPolicyFromName(u"now"_s), RestartPolicy::Now);
    QCOMPARE(restartPolicyFromName(u"when-idle"_s), RestartPolicy::WhenIdle);
    QCOMPARE(restartPolicyFromName(u"NOW"_s), std::nullopt);
    QCOMPARE(restartPolicyFromName(QString()), std::nullopt);
}

void TestConfigApi::changesEmptiness()
{
    ReloadChanges changes;
    QVERIFY(changes.isEmpty());
    changes.unchanged = {u"a"_s};
    QVERIFY2(changes.isEmpty(), "unchanged jobs are no change");
    changes.globalNeedsRestart = {u"global.control.sockpath"_s};
    QVERIFY(!changes.isEmpty());
    changes = {};
    changes.removed = {u"b"_s};
    QVERIFY(!changes.isEmpty());
}

void TestConfigApi::reloadReportRoundTrip()
{
    QString error;
    const ReloadReport report = sampleReport();
    const std::optional<ReloadReport> back = ReloadReport::fromJson(report.toJson(), &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(*back, report);

    ReloadReport failed;
    failed.ok = false;
    failed.problem = sampleProblem();
    failed.at = Timestamp::fromUnix(1767225600);
    failed.trigger = u"signal"_s;
    const std::optional<ReloadReport> failedBack = ReloadReport::fromJson(failed.toJson(), &error);
    QVERIFY2(failedBack, qPrintable(error));
    QCOMPARE(*failedBack, failed);

    const QJsonObject o = QJsonDocument::fromJson(failed.toJson()).object();
    QCOMPARE(o.value("problem"_L1).toObject().value("line"_L1).toInt(), 12);
    QCOMPARE(o.value("changes"_L1).toObject().value("global_needs_restart"_L1).type(), QJsonValue::Array);
    QCOMPARE(o.value("restarted"_L1).type(), QJsonValue::Array);

    // No time known: null, read back as the zero time.
    const QJsonObject unset = QJsonDocument::fromJson(ReloadReport().toJson()).object();
    QVERIFY(unset.value("at"_L1).isNull());
    QVERIFY(unset.value("problem"_L1).isNull());
}

void TestConfigApi::documentRoundTrip()
{
    ConfigDocument doc;
    doc.path = u"/etc/holdfast/holdfast.yml"_s;
    doc.text = u"# “home” backups\njobs:\n- name: home\n  type: push\n\ttab\r\n"_s;
    doc.version = u"abc123"_s;
    doc.redacted = true;
    doc.editable = false;
    doc.readOnlyReason = u"only members of group “holdfast-admin” may change the configuration"_s;
    doc.jobs = {ConfigJobSummary{u"home"_s, u"push"_s, u"3 filesystems to local sink “usb”"_s, 3, true, false},
                ConfigJobSummary{u"usb"_s, u"sink"_s, u"receives into usbpool/backup"_s, 20, false, true}};
    doc.state.runningVersion = u"abc122"_s;
    doc.state.lastReload = sampleReport();
    doc.state.pendingRestart = {u"home"_s};
    doc.state.needsDaemonRestart = {u"global.control.sockpath"_s};
    QString error;
    std::optional<ConfigDocument> back = ConfigDocument::fromJson(doc.toJson(), &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(*back, doc);

    doc.jobs.clear();
    doc.problem = sampleProblem();
    doc.state.lastReload.reset();
    back = ConfigDocument::fromJson(doc.toJson(), &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(*back, doc);
    QCOMPARE(back->problem->column, 7);
}

void TestConfigApi::documentListsAlwaysPresent()
{
    const QJsonObject o = QJsonDocument::fromJson(ConfigDocument().toJson()).object();
    QCOMPARE(o.value("jobs"_L1).type(), QJsonValue::Array);
    QVERIFY(o.value("problem"_L1).isNull());
    const QJsonObject state = o.value("state"_L1).toObject();
    QCOMPARE(state.value("pending_restart"_L1).type(), QJsonValue::Array);
    QCOMPARE(state.value("needs_daemon_restart"_L1).type(), QJsonValue::Array);
    QVERIFY(state.value("last_reload"_L1).isNull());

    const QJsonObject listing = QJsonDocument::fromJson(FilesystemListing().toJson()).object();
    QCOMPARE(listing.value("pools"_L1).type(), QJsonValue::Array);
    QCOMPARE(listing.value("filesystems"_L1).type(), QJsonValue::Array);

    const QJsonObject validation = QJsonDocument::fromJson(ConfigValidation().toJson()).object();
    QCOMPARE(validation.value("problems"_L1).type(), QJsonValue::Array);
    QCOMPARE(validation.value("jobs"_L1).type(), QJsonValue::Array);
    QCOMPARE(validation.value("changes"_L1).toObject().value("added"_L1).type(), QJsonValue::Array);
}

void TestConfigApi::validationRoundTrip()
{
    ConfigValidation invalid;
    invalid.problems = {sampleProblem()};
    QString error;
    std::optional<ConfigValidation> back = ConfigValidation::fromJson(invalid.toJson(), &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(*back, invalid);

    ConfigValidation valid;
    valid.valid = true;
    valid.jobs = {ConfigJobSummary{u"snap"_s, u"snap"_s, u"snapshots every 15m"_s, 2, false, false}};
    valid.changes = sampleReport().changes;
    back = ConfigValidation::fromJson(valid.toJson(), &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(*back, valid);
}

void TestConfigApi::requestsRoundTrip()
{
    QString error;
    const ConfigText text{u"jobs: []\n"_s};
    const std::optional<ConfigText> textBack = ConfigText::fromJson(text.toJson(), &error);
    QVERIFY2(textBack, qPrintable(error));
    QCOMPARE(textBack->text, text.text);

    const ConfigApplyRequest apply{u"jobs: []\n"_s, u"0123abcd"_s, RestartPolicy::Now};
    const std::optional<ConfigApplyRequest> applyBack = ConfigApplyRequest::fromJson(apply.toJson(), &error);
    QVERIFY2(applyBack, qPrintable(error));
    QCOMPARE(applyBack->text, apply.text);
    QCOMPARE(applyBack->baseVersion, apply.baseVersion);
    QCOMPARE(applyBack->restart, RestartPolicy::Now);
    QVERIFY(apply.toJson().contains("\"restart\":\"now\""));

    const ConfigConflict conflict{u"the configuration changed since you read it"_s, u"feed"_s};
    const std::optional<ConfigConflict> conflictBack = ConfigConflict::fromJson(conflict.toJson(), &error);
    QVERIFY2(conflictBack, qPrintable(error));
    QCOMPARE(conflictBack->message, conflict.message);
    QCOMPARE(conflictBack->currentVersion, conflict.currentVersion);

    const std::optional<ReloadRequest> reloadBack =
        ReloadRequest::fromJson(ReloadRequest{RestartPolicy::Now}.toJson(), &error);
    QVERIFY2(reloadBack, qPrintable(error));
    QCOMPARE(reloadBack->restart, RestartPolicy::Now);

    const ConnectTestRequest connect{u"jobs: []\n"_s, u"to_server"_s};
    const std::optional<ConnectTestRequest> connectBack = ConnectTestRequest::fromJson(connect.toJson(), &error);
    QVERIFY2(connectBack, qPrintable(error));
    QCOMPARE(connectBack->text, connect.text);
    QCOMPARE(connectBack->job, connect.job);

    const ConnectTestResult result{true, u"reached backup.example.org:8888, job “sink”"_s, u"sink"_s};
    const std::optional<ConnectTestResult> resultBack = ConnectTestResult::fromJson(result.toJson(), &error);
    QVERIFY2(resultBack, qPrintable(error));
    QCOMPARE(resultBack->ok, true);
    QCOMPARE(resultBack->message, result.message);
    QCOMPARE(resultBack->peerJob, result.peerJob);
}

void TestConfigApi::applyRequestDefaultsToWhenIdle()
{
    QString error;
    const std::optional<ConfigApplyRequest> apply =
        ConfigApplyRequest::fromJson(R"({"text":"jobs: []","base_version":"v"})", &error);
    QVERIFY2(apply, qPrintable(error));
    QCOMPARE(apply->restart, RestartPolicy::WhenIdle);
    const std::optional<ReloadRequest> reload = ReloadRequest::fromJson("{}", &error);
    QVERIFY2(reload, qPrintable(error));
    QCOMPARE(reload->restart, RestartPolicy::WhenIdle);
}

void TestConfigApi::listingRoundTrip()
{
    FilesystemListing listing;
    listing.pools = {PoolInfo{u"rpool"_s, 1000204886016, 400000000000, u"ONLINE"_s},
                     PoolInfo{u"usbpool"_s, -1, -1, u"DEGRADED"_s}};
    FilesystemInfo home;
    home.name = u"rpool/home"_s;
    home.used = 53687091200;
    home.available = 400000000000;
    home.encryption = u"aes-256-gcm"_s;
    home.encryptionRoot = u"rpool/home"_s;
    home.mountpoint = u"/home"_s;
    home.sentBy = {u"home_to_usb"_s};
    FilesystemInfo backup;
    backup.name = u"usbpool/backup"_s;
    backup.encryption = u"off"_s;
    backup.receivedBy = {u"usb_sink"_s};
    listing.filesystems = {home, backup};
    QString error;
    const std::optional<FilesystemListing> back = FilesystemListing::fromJson(listing.toJson(), &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(*back, listing);
    QCOMPARE(back->filesystems[1].used, -1);

    // A missing size reads as unknown, not as zero bytes.
    const std::optional<FilesystemListing> sparse =
        FilesystemListing::fromJson(R"({"pools":[{"name":"p"}],"filesystems":[{"name":"p/a"}]})", &error);
    QVERIFY2(sparse, qPrintable(error));
    QCOMPARE(sparse->pools[0].size, -1);
    QCOMPARE(sparse->filesystems[0].available, -1);
}

void TestConfigApi::refusals_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("error");
    QTest::addRow("not json") << QByteArray("{") << u"document"_s << u"the configuration document is not valid JSON"_s;
    QTest::addRow("array") << QByteArray("[]") << u"document"_s << u"the configuration document is not a JSON object"_s;
    QTest::addRow("empty") << QByteArray() << u"apply"_s << u"the request is not valid JSON"_s;
    QTest::addRow("text is a number") << QByteArray(R"({"text":5})") << u"text"_s
                                      << u"text: expected a string, got number"_s;
    QTest::addRow("unknown policy") << QByteArray(R"({"text":"","base_version":"","restart":"later"})") << u"apply"_s
                                    << u"restart: unknown restart policy \"later\""_s;
    QTest::addRow("policy not a string") << QByteArray(R"({"restart":true})") << u"reload"_s
                                         << u"restart: expected a string, got bool"_s;
    QTest::addRow("job entry not an object")
        << QByteArray(R"({"jobs":[{"name":"a"},7]})") << u"document"_s << u"jobs[1]: expected an object, got number"_s;
    QTest::addRow("negative line") << QByteArray(R"({"jobs":[{"name":"a","line":-3}]})") << u"document"_s
                                   << u"jobs[0].line: out of range: -3"_s;
    QTest::addRow("fractional column") << QByteArray(R"({"problems":[{"column":1.5}]})") << u"validation"_s
                                       << u"problems[0].column: expected an integer"_s;
    QTest::addRow("state not an object") << QByteArray(R"({"state":[]})") << u"document"_s
                                         << u"state: expected an object, got array"_s;
    QTest::addRow("nested report") << QByteArray(R"({"state":{"last_reload":{"changes":{"added":[1]}}}})")
                                   << u"document"_s << u"state.last_reload.changes.added[0]: expected a string"_s;
    QTest::addRow("bad time") << QByteArray(R"({"at":"yesterday"})") << u"report"_s
                              << u"at: not an RFC 3339 time: \"yesterday\""_s;
    QTest::addRow("size below -1") << QByteArray(R"({"pools":[{"name":"p","size":-2}]})") << u"listing"_s
                                   << u"pools[0].size: out of range: -2"_s;
    QTest::addRow("sent_by not strings") << QByteArray(R"({"filesystems":[{"sent_by":"job"}]})") << u"listing"_s
                                         << u"filesystems[0].sent_by: expected an array, got string"_s;
    QTest::addRow("ok not a bool") << QByteArray(R"({"ok":"yes"})") << u"result"_s
                                   << u"ok: expected true or false, got string"_s;
    QTest::addRow("line too big") << QByteArray(R"({"problem":{"line":9999999999}})") << u"report"_s
                                  << u"problem.line: out of range: 9999999999"_s;
}

void TestConfigApi::refusals()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, type);
    QFETCH(QString, error);
    QString message;
    bool parsed = true;
    if (type == "document"_L1) {
        parsed = ConfigDocument::fromJson(json, &message).has_value();
    } else if (type == "apply"_L1) {
        parsed = ConfigApplyRequest::fromJson(json, &message).has_value();
    } else if (type == "text"_L1) {
        parsed = ConfigText::fromJson(json, &message).has_value();
    } else if (type == "reload"_L1) {
        parsed = ReloadRequest::fromJson(json, &message).has_value();
    } else if (type == "validation"_L1) {
        parsed = ConfigValidation::fromJson(json, &message).has_value();
    } else if (type == "report"_L1) {
        parsed = ReloadReport::fromJson(json, &message).has_value();
    } else if (type == "listing"_L1) {
        parsed = FilesystemListing::fromJson(json, &message).has_value();
    } else if (type == "result"_L1) {
        parsed = ConnectTestResult::fromJson(json, &message).has_value();
    }
    QVERIFY2(!parsed, qPrintable(type));
    QVERIFY2(message.startsWith(error), qPrintable(message));
}

QTEST_APPLESS_MAIN(TestConfigApi)
#include "TestConfigApi.moc"
