// SPDX-License-Identifier: MIT
// The poller learns from the daemon's answers what this user may do: zrepl's (no header) grant everything,
// Holdfast's name the level; a refused status is "permission denied" with the daemon's reason; a broken answer
// keeps what is known, a daemon that goes away makes it unknown again; a refused signal tells at once.
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "FakeControlServer.h"
#include "app/core/StatusPoller.h"

using namespace Qt::StringLiterals;
using Api::AccessLevel;

Q_DECLARE_METATYPE(Api::AccessLevel)

class TestStatusPoller : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void zreplGrantsEverything();
    void learnsTheLevel_data();
    void learnsTheLevel();
    void refusedStatusIsPermissionDenied();
    void brokenAnswerKeepsTheLevel();
    void daemonGoneForgetsTheLevel();
    void refusedSignalTellsAtOnce();
    void zreplIsNotAskedForFreshnessAgain();
    void holdfastSendsFreshness();
    void daemonBackIsAskedAgain();

private:
    // Polls once more and waits for the answer.
    void pollAndWait();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeControlServer> m_server;
    std::unique_ptr<Gui::StatusPoller> m_poller;
};

void TestStatusPoller::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_server = std::make_unique<FakeControlServer>(m_dir->filePath(u"control"_s));
    m_server->setStatus(FakeControlServer::zreplCapture(u"status-multi-idle.json"_s));
    QVERIFY(m_server->listen());
    m_poller = std::make_unique<Gui::StatusPoller>();
    m_poller->setSocketPath(m_dir->filePath(u"control"_s));
    // Polled by hand: each test decides when the next answer comes.
    m_poller->setInterval(std::chrono::minutes(10));
}

void TestStatusPoller::cleanup()
{
    m_poller.reset();
    m_server.reset();
    m_dir.reset();
}

void TestStatusPoller::pollAndWait()
{
    const int before = m_server->statusRequests() + m_server->forbiddenRequests();
    QSignalSpy idle(&m_poller->client(), &Api::ControlClient::finished);
    m_poller->pollNow();
    QTRY_VERIFY(m_server->statusRequests() + m_server->forbiddenRequests() > before);
    QTRY_VERIFY(!idle.isEmpty());
}

void TestStatusPoller::zreplGrantsEverything()
{
    QSignalSpy changed(m_poller.get(), &Gui::StatusPoller::accessChanged);
    m_poller->start();
    QTRY_VERIFY(m_poller->state() == Gui::ConnectionState::Connected);
    QVERIFY(!m_poller->access().has_value());
    QVERIFY(!m_poller->isReadOnly());
    QVERIFY(changed.isEmpty());
}

void TestStatusPoller::learnsTheLevel_data()
{
    QTest::addColumn<AccessLevel>("level");
    QTest::addColumn<bool>("readOnly");
    QTest::addRow("status") << AccessLevel::Status << true;
    QTest::addRow("admin") << AccessLevel::Admin << false;
}

void TestStatusPoller::learnsTheLevel()
{
    QFETCH(AccessLevel, level);
    QFETCH(bool, readOnly);
    m_server->setAccess(level);
    QSignalSpy changed(m_poller.get(), &Gui::StatusPoller::accessChanged);
    m_poller->start();
    QTRY_VERIFY(m_poller->state() == Gui::ConnectionState::Connected);
    QVERIFY(m_poller->access() == level);
    QCOMPARE(m_poller->isReadOnly(), readOnly);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().first().toBool(), readOnly);
    // The same answer again changes nothing.
    pollAndWait();
    QCOMPARE(changed.count(), 1);
}

void TestStatusPoller::refusedStatusIsPermissionDenied()
{
    const QString reason = u"permission denied: alice (uid 1000) may not use the control socket"_s;
    m_server->setAccess(AccessLevel::None);
    m_server->setForbiddenMessage(reason);
    m_poller->start();
    QTRY_VERIFY(m_poller->state() == Gui::ConnectionState::PermissionDenied);
    QVERIFY2(m_poller->stateReason().contains(reason), qPrintable(m_poller->stateReason()));
    QVERIFY(m_poller->access() == AccessLevel::None);
    QVERIFY(m_poller->isReadOnly());
}

void TestStatusPoller::brokenAnswerKeepsTheLevel()
{
    m_server->setAccess(AccessLevel::Status);
    m_poller->start();
    QTRY_VERIFY(m_poller->state() == Gui::ConnectionState::Connected);
    QSignalSpy changed(m_poller.get(), &Gui::StatusPoller::accessChanged);
    m_server->answerGarbageOnce();
    m_poller->pollNow();
    QTRY_VERIFY(m_poller->state() == Gui::ConnectionState::Failed);
    // One bad answer must not make the window flip out of read-only mode and back.
    QVERIFY(m_poller->isReadOnly());
    QVERIFY(changed.isEmpty());
    m_poller->pollNow();
    QTRY_VERIFY(m_poller->state() == Gui::ConnectionState::Connected);
    QVERIFY(changed.isEmpty());
}

void TestStatusPoller::daemonGoneForgetsTheLevel()
{
    const QString path = m_dir->filePath(u"control"_s);
    m_server->setAccess(AccessLevel::Status);
    m_poller->start();
    QTRY_VERIFY(m_poller->isReadOnly());
    QSignalSpy changed(m_poller.get(), &Gui::StatusPoller::accessChanged);
    m_server.reset();
    QFile::remove(path);
    // The first poll may end as a lost keep-alive connection rather than as no daemon: ask until it is clear.
    QTRY_VERIFY((m_poller->pollNow(), m_poller->state() == Gui::ConnectionState::NotRunning));
    QVERIFY(!m_poller->access().has_value());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().first().toBool(), false);
    // It comes back with other rules: the first answer tells them.
    m_server = std::make_unique<FakeControlServer>(path);
    m_server->setStatus(FakeControlServer::zreplCapture(u"status-multi-idle.json"_s));
    m_server->setAccess(AccessLevel::Admin);
    QVERIFY(m_server->listen());
    m_poller->pollNow();
    QTRY_VERIFY(m_poller->state() == Gui::ConnectionState::Connected);
    QVERIFY(m_poller->access() == AccessLevel::Admin);
    QVERIFY(!m_poller->isReadOnly());
}

void TestStatusPoller::refusedSignalTellsAtOnce()
{
    m_server->setAccess(AccessLevel::Admin);
    m_poller->start();
    QTRY_VERIFY(m_poller->access() == AccessLevel::Admin);
    // The freshness request of the first poll is answered too: only the signal's answer is counted below.
    QTRY_VERIFY(m_poller->freshnessSupport() != Gui::FreshnessSupport::Unknown);
    const int polls = m_server->statusRequests();
    m_server->setAccess(AccessLevel::Status);
    QSignalSpy changed(m_poller.get(), &Gui::StatusPoller::accessChanged);
    QSignalSpy finished(&m_poller->client(), &Api::ControlClient::finished);
    m_poller->client().sendSignal(u"pushjob"_s, u"wakeup"_s);
    QTRY_COMPARE(finished.count(), 1);
    const auto reply = finished.first().first().value<Api::ControlClient::Reply>();
    QCOMPARE(reply.status, 403);
    QCOMPARE(reply.errorString.trimmed(), FakeControlServer::defaultForbiddenMessage());
    // Without another poll.
    QCOMPARE(m_server->statusRequests(), polls);
    QVERIFY(m_poller->isReadOnly());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().first().toBool(), true);
}

namespace {

QByteArray freshnessJson(const QString &job)
{
    Api::FreshnessReport report;
    report.computedAt = Api::Timestamp::fromUnix(1795521600);
    Api::JobFreshness j;
    j.job = job;
    j.type = u"push"_s;
    j.health = Api::Health::Warning;
    j.healthReason = u"stale"_s;
    report.jobs = {j};
    return report.toJson();
}

}  // namespace

void TestStatusPoller::zreplIsNotAskedForFreshnessAgain()
{
    QSignalSpy unsupported(m_poller.get(), &Gui::StatusPoller::freshnessUnsupported);
    QSignalSpy received(m_poller.get(), &Gui::StatusPoller::freshnessReceived);
    m_poller->start();
    QTRY_VERIFY(m_poller->freshnessSupport() == Gui::FreshnessSupport::Unsupported);
    QCOMPARE(unsupported.count(), 1);
    QCOMPARE(m_server->freshnessRequests(), 1);
    pollAndWait();
    pollAndWait();
    QCOMPARE(m_server->freshnessRequests(), 1);
    QVERIFY(received.isEmpty());
    QVERIFY(!m_poller->lastFreshness().has_value());
    // The status is read on a worker thread: on a busy machine the freshness's 404 can come first.
    QTRY_VERIFY(m_poller->state() == Gui::ConnectionState::Connected);
}

void TestStatusPoller::holdfastSendsFreshness()
{
    m_server->setAccess(AccessLevel::Status);
    m_server->setFreshness(freshnessJson(u"pushjob"_s));
    QSignalSpy received(m_poller.get(), &Gui::StatusPoller::freshnessReceived);
    m_poller->start();
    QTRY_COMPARE(received.count(), 1);
    QVERIFY(m_poller->freshnessSupport() == Gui::FreshnessSupport::Supported);
    QVERIFY(m_poller->lastFreshness().has_value());
    QCOMPARE(m_poller->lastFreshness()->jobs.at(0).job, u"pushjob"_s);
    // At the status's cadence: every poll asks for both.
    pollAndWait();
    QTRY_COMPARE(m_server->freshnessRequests(), 2);
    QTRY_COMPARE(received.count(), 2);
}

void TestStatusPoller::daemonBackIsAskedAgain()
{
    const QString path = m_dir->filePath(u"control"_s);
    m_poller->start();
    QTRY_VERIFY(m_poller->freshnessSupport() == Gui::FreshnessSupport::Unsupported);
    // zrepl's daemon goes; Holdfast's comes at the same socket.
    m_server.reset();
    QFile::remove(path);
    QTRY_VERIFY((m_poller->pollNow(), m_poller->state() == Gui::ConnectionState::NotRunning));
    m_server = std::make_unique<FakeControlServer>(path);
    m_server->setStatus(FakeControlServer::zreplCapture(u"status-multi-idle.json"_s));
    m_server->setFreshness(freshnessJson(u"pushjob"_s));
    QVERIFY(m_server->listen());
    QSignalSpy received(m_poller.get(), &Gui::StatusPoller::freshnessReceived);
    m_poller->pollNow();
    QTRY_COMPARE(received.count(), 1);
    QVERIFY(m_poller->freshnessSupport() == Gui::FreshnessSupport::Supported);
}

QTEST_GUILESS_MAIN(TestStatusPoller)
#include "TestStatusPoller.moc"
