// SPDX-License-Identifier: MIT
// The client side of the configuration endpoints against a stand-in daemon (FakeConfigService): every answer read
// into its type, every failure in words and by kind (403 with the daemon's reason, 409 with the current version,
// 422 with the problems, zrepl's 404, no daemon, a broken answer); the session that applies an edit on top of the
// version it read, and makes the same edit again on top of someone else's after a conflict; live validation that
// waits for a pause in typing and keeps only the newest text's verdict.
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "FakeConfigService.h"
#include "FakeControlServer.h"
#include "app/core/ConfigClient.h"
#include "app/core/ConfigSession.h"
#include "app/core/LiveValidator.h"

using namespace Qt::StringLiterals;

namespace {

const QString Text =
    u"jobs:\n  - name: a\n    type: sink\n    root_fs: pool/a\n    serve: {type: local, listener_name: a}\n"_s;

// A validator that finds "bad" at line 2, column 5, and reports added jobs by their "- name: " lines.
Api::ConfigValidation check(const QString &text, const QString &running)
{
    Api::ConfigValidation validation;
    if (text.contains(u"bad"_s)) {
        Api::ConfigProblem problem;
        problem.line = 2;
        problem.column = 5;
        problem.field = u"jobs[0]"_s;
        problem.message = u"bad job"_s;
        validation.problems.append(problem);
        return validation;
    }
    validation.valid = true;
    for (const QString &line : text.split(u'\n')) {
        if (line.trimmed().startsWith(u"- name: "_s) && !running.contains(line)) {
            validation.changes.added.append(line.trimmed().mid(8));
        }
    }
    return validation;
}

}  // namespace

class TestConfigClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void readsTheDocumentAndTheFilesystems();
    void validates();
    void applies();
    void failuresInWords_data();
    void failuresInWords();
    void noDaemon();
    void sessionAppliesOnTopOfTheVersionRead();
    void sessionRetriesOnTopAfterAConflict();
    void sessionEditThatFails();
    void liveValidationWaitsForAPause();
    void liveValidationKeepsTheNewestText();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeControlServer> m_server;
    std::unique_ptr<FakeConfigService> m_config;
    std::unique_ptr<Api::ControlClient> m_control;
};

void TestConfigClient::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_server = std::make_unique<FakeControlServer>(m_dir->filePath(u"control"_s));
    m_server->setAccess(Api::AccessLevel::Admin);
    m_config = std::make_unique<FakeConfigService>(*m_server, u"/etc/holdfast/holdfast.yml"_s, Text);
    m_config->setValidator(&check);
    QVERIFY(m_server->listen());
    m_control = std::make_unique<Api::ControlClient>();
    m_control->setSocketPath(m_dir->filePath(u"control"_s));
}

void TestConfigClient::cleanup()
{
    m_control.reset();
    m_config.reset();
    m_server.reset();
    m_dir.reset();
}

void TestConfigClient::readsTheDocumentAndTheFilesystems()
{
    Api::FilesystemListing listing;
    listing.pools = {{u"tank"_s, 1000, 500, u"ONLINE"_s}};
    Api::FilesystemInfo home;
    home.name = u"tank/home"_s;
    home.used = 100;
    home.sentBy = {u"push"_s};
    listing.filesystems = {home};
    m_config->setListing(listing);
    Gui::ConfigClient client(*m_control);
    QSignalSpy documents(&client, &Gui::ConfigClient::documentReceived);
    QSignalSpy listings(&client, &Gui::ConfigClient::filesystemsReceived);
    const quint64 id = client.fetchDocument();
    QVERIFY(client.isPending(id));
    const quint64 listingId = client.fetchFilesystems();
    QTRY_COMPARE(documents.size(), 1);
    QTRY_COMPARE(listings.size(), 1);
    QCOMPARE(documents.first().at(0).toULongLong(), id);
    const auto document = documents.first().at(1).value<Api::ConfigDocument>();
    QCOMPARE(document.text, Text);
    QCOMPARE(document.version, FakeConfigService::versionOf(Text));
    QVERIFY(document.editable);
    QCOMPARE(listings.first().at(0).toULongLong(), listingId);
    QCOMPARE(listings.first().at(1).value<Api::FilesystemListing>(), listing);
    QVERIFY(!client.isPending(id));
}

void TestConfigClient::validates()
{
    Gui::ConfigClient client(*m_control);
    QSignalSpy validated(&client, &Gui::ConfigClient::validated);
    client.validate(Text + u"  - name: bad\n"_s);
    QTRY_COMPARE(validated.size(), 1);
    const auto verdict = validated.first().at(1).value<Api::ConfigValidation>();
    QVERIFY(!verdict.valid);
    QCOMPARE(verdict.problems.size(), 1);
    QCOMPARE(verdict.problems.first().line, 2);
    QCOMPARE(verdict.problems.first().message, u"bad job"_s);
}

void TestConfigClient::applies()
{
    Gui::ConfigClient client(*m_control);
    QSignalSpy applied(&client, &Gui::ConfigClient::applied);
    const QString next = Text + u"  - name: b\n"_s;
    client.apply(next, FakeConfigService::versionOf(Text), Api::RestartPolicy::Now);
    QTRY_COMPARE(applied.size(), 1);
    const auto report = applied.first().at(1).value<Api::ReloadReport>();
    QVERIFY(report.ok);
    QCOMPARE(report.changes.added, QStringList{u"b"_s});
    QCOMPARE(m_config->text(), next);
    QCOMPARE(m_config->applied().first().restart, Api::RestartPolicy::Now);
}

void TestConfigClient::failuresInWords_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("zrepl");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("message");
    Api::ConfigConflict conflict;
    conflict.message = u"the file changed"_s;
    conflict.currentVersion = u"abc123"_s;
    Api::ConfigValidation invalid;
    invalid.problems.append({QString(), 3, 7, u"jobs[1].name"_s, u"duplicate job name"_s});
    QTest::addRow("403") << 403 << QByteArray("only root may change the configuration\n") << false
                         << int(Gui::ConfigFailure::Kind::Refused)
                         << u"The daemon refused: only root may change the configuration"_s;
    QTest::addRow("409") << 409 << conflict.toJson() << false << int(Gui::ConfigFailure::Kind::Conflict)
                         << u"Someone else changed the configuration since it was read here: the file changed"_s;
    QTest::addRow("422")
        << 422 << invalid.toJson() << false << int(Gui::ConfigFailure::Kind::Invalid)
        << u"The daemon found a problem, nothing was written: line 3, column 7: jobs[1].name: duplicate job name"_s;
    QTest::addRow("zrepl") << 404 << QByteArray("404 page not found\n") << true
                           << int(Gui::ConfigFailure::Kind::Unsupported)
                           << u"This daemon (zrepl) cannot change its configuration: edit its file and restart it"_s;
    QTest::addRow("500") << 500 << QByteArray("cannot write /etc/holdfast/holdfast.yml.tmp: No space left on device")
                         << false << int(Gui::ConfigFailure::Kind::Failed)
                         << u"The configuration could not be applied: the daemon answered 500: cannot write "
                            "/etc/holdfast/holdfast.yml.tmp: No space left on device"_s;
    QTest::addRow("not JSON") << 200 << QByteArray("{\"ok\": tru") << false << int(Gui::ConfigFailure::Kind::Failed)
                              << u"The daemon's answer could not be read: "_s;
}

void TestConfigClient::failuresInWords()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(bool, zrepl);
    QFETCH(int, kind);
    QFETCH(QString, message);
    if (zrepl) {
        m_server->setAccess(std::nullopt);
    }
    m_config->failNextApply(status, body);
    Gui::ConfigClient client(*m_control);
    QSignalSpy failed(&client, &Gui::ConfigClient::failed);
    QSignalSpy applied(&client, &Gui::ConfigClient::applied);
    const quint64 id = client.apply(Text, FakeConfigService::versionOf(Text), Api::RestartPolicy::WhenIdle);
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(applied.size(), 0);
    QCOMPARE(failed.first().at(0).toULongLong(), id);
    const auto failure = failed.first().at(1).value<Gui::ConfigFailure>();
    QCOMPARE(int(failure.kind), kind);
    QVERIFY2(failure.message.startsWith(message), qPrintable(failure.message));
    if (status == 409) {
        QCOMPARE(failure.currentVersion, u"abc123"_s);
    }
    if (status == 422) {
        QVERIFY(failure.validation);
        QCOMPARE(failure.validation->problems.first().column, 7);
    }
}

void TestConfigClient::noDaemon()
{
    m_control->setSocketPath(m_dir->filePath(u"nobody"_s));
    Gui::ConfigClient client(*m_control);
    QSignalSpy failed(&client, &Gui::ConfigClient::failed);
    client.fetchDocument();
    QTRY_COMPARE(failed.size(), 1);
    const auto failure = failed.first().at(1).value<Gui::ConfigFailure>();
    QCOMPARE(failure.kind, Gui::ConfigFailure::Kind::NoAnswer);
    QVERIFY2(failure.message.startsWith(u"The configuration could not be read: no answer from the daemon: "_s),
             qPrintable(failure.message));
}

void TestConfigClient::sessionAppliesOnTopOfTheVersionRead()
{
    Gui::ConfigSession session(*m_control);
    QSignalSpy changed(&session, &Gui::ConfigSession::documentChanged);
    QSignalSpy applied(&session, &Gui::ConfigSession::applied);
    QVERIFY(!session.applyEdit([](const QString &t, QString *) { return std::optional<QString>(t); },
                               Api::RestartPolicy::WhenIdle));  // nothing read yet
    session.reload();
    QTRY_COMPARE(changed.size(), 1);
    QVERIFY(session.isEditable());
    QCOMPARE(session.jobNames(), QStringList());  // the default validator names none
    QVERIFY(
        session.applyEdit([](const QString &t, QString *) { return std::optional<QString>(t + u"  - name: b\n"_s); },
                          Api::RestartPolicy::WhenIdle));
    QVERIFY(session.isApplying());
    QTRY_COMPARE(applied.size(), 1);
    QCOMPARE(m_config->applied().first().baseVersion, FakeConfigService::versionOf(Text));
    // The session reads the file it wrote: the next edit starts from there.
    QTRY_COMPARE(session.document()->text, Text + u"  - name: b\n"_s);
    QVERIFY(!session.isApplying());
}

void TestConfigClient::sessionRetriesOnTopAfterAConflict()
{
    Gui::ConfigSession session(*m_control);
    QSignalSpy failed(&session, &Gui::ConfigSession::applyFailed);
    QSignalSpy applied(&session, &Gui::ConfigSession::applied);
    session.reload();
    QTRY_VERIFY(session.document());
    const QString theirs = Text + u"  - name: theirs\n"_s;
    m_config->setText(theirs);
    QVERIFY(
        session.applyEdit([](const QString &t, QString *) { return std::optional<QString>(t + u"  - name: mine\n"_s); },
                          Api::RestartPolicy::WhenIdle));
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(failed.first().first().value<Gui::ConfigFailure>().kind, Gui::ConfigFailure::Kind::Conflict);
    QCOMPARE(failed.first().first().value<Gui::ConfigFailure>().currentVersion, FakeConfigService::versionOf(theirs));
    QVERIFY(session.hasPendingEdit());
    QCOMPARE(m_config->text(), theirs);  // nothing written
    session.retryOnTop();
    QTRY_COMPARE(applied.size(), 1);
    QCOMPARE(m_config->text(), theirs + u"  - name: mine\n"_s);
    QCOMPARE(m_config->applied().first().baseVersion, FakeConfigService::versionOf(theirs));
}

void TestConfigClient::sessionEditThatFails()
{
    Gui::ConfigSession session(*m_control);
    QSignalSpy failed(&session, &Gui::ConfigSession::applyFailed);
    session.reload();
    QTRY_VERIFY(session.document());
    QVERIFY(!session.applyEdit(
        [](const QString &, QString *error) {
            *error = u"Job x is not in the configuration file"_s;
            return std::optional<QString>();
        },
        Api::RestartPolicy::WhenIdle));
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.first().first().value<Gui::ConfigFailure>().message, u"Job x is not in the configuration file"_s);
    QVERIFY(m_config->applied().isEmpty());
    // Not editable: nothing is sent.
    m_config->setEditable(false, u"the file is managed by Ansible"_s);
    session.reload();
    QTRY_VERIFY(!session.isEditable());
    QCOMPARE(session.document()->readOnlyReason, u"the file is managed by Ansible"_s);
    QVERIFY(!session.applyEdit([](const QString &t, QString *) { return std::optional<QString>(t); },
                               Api::RestartPolicy::WhenIdle));
}

void TestConfigClient::liveValidationWaitsForAPause()
{
    Gui::ConfigClient client(*m_control);
    Gui::LiveValidator validator(client);
    QCOMPARE(validator.delay(), std::chrono::milliseconds(400));
    validator.setDelay(std::chrono::milliseconds(150));
    QSignalSpy changed(&validator, &Gui::LiveValidator::changed);
    // Typing: one change every 50 ms, each within the pause of the one before.
    QString text = Text;
    for (int key = 0; key < 5; ++key) {
        text += u'#';
        validator.setText(text);
        QTest::qWait(50);
    }
    QCOMPARE(m_config->validations(), 0);
    QVERIFY(validator.isBusy());
    QTRY_VERIFY(validator.result().has_value());
    QCOMPARE(m_config->validations(), 1);  // one request, for the last text
    QVERIFY(validator.result()->valid);
    QVERIFY(!validator.isBusy());
    validator.setText(text + u"\n  - name: bad\n"_s);
    QTRY_VERIFY(validator.result().has_value());
    QVERIFY(!validator.result()->valid);
    QCOMPARE(validator.result()->problems.first().message, u"bad job"_s);
}

void TestConfigClient::liveValidationKeepsTheNewestText()
{
    Gui::ConfigClient client(*m_control);
    Gui::LiveValidator validator(client);
    validator.setDelay(std::chrono::milliseconds(0));
    // The first text is sent at once; the second comes while the daemon answers the first.
    validator.setText(Text + u"  - name: bad\n"_s);
    QTRY_COMPARE(m_config->validations(), 1);
    validator.setText(Text);
    QTRY_VERIFY(validator.result().has_value());
    QVERIFY(validator.result()->valid);  // the newest text's verdict, not the first's
    QCOMPARE(validator.text(), Text);
    // A refusal is said, not shown as a verdict.
    m_server->setAccess(Api::AccessLevel::Status);
    validator.validateNow();
    QTRY_VERIFY(!validator.error().isEmpty());
    QVERIFY(!validator.result());
    QVERIFY2(validator.error().startsWith(u"The daemon refused: "_s), qPrintable(validator.error()));
}

QTEST_GUILESS_MAIN(TestConfigClient)
#include "TestConfigClient.moc"
