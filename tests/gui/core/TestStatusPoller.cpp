// SPDX-License-Identifier: MIT
// The poller learns from the daemon's answers what this user may do: zrepl's (no header) grant everything,
// Holdfast's name the level; a refused status is "permission denied" with the daemon's reason; a broken answer
// keeps what is known, a daemon that goes away makes it unknown again; a refused signal tells at once.
// On Holdfast's status feed: the whole status first, then only changes, applied so that the status is the daemon's;
// nothing is asked while nothing changes; a change that does not fit brings the whole status again; signals pass a
// waiting poll; a daemon that comes back is asked from the start. A daemon without the feed (404) is polled. The
// feed's configuration state comes as a signal, and the poller says whether the daemon sends it.
#include <QFile>
#include <QRegularExpression>
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
    void withoutFeedStatusIsPolled();
    void feedBringsTheStatusThenChanges();
    void changesInOneTurnComeAsAChain();
    void unfittingChangeAsksForTheWholeStatus();
    void idleFeedAsksNothing();
    void feedBringsFreshness();
    void feedTellsTheLevel();
    void signalsPassAWaitingPoll();
    void feedDaemonGoneAndBack();
    void largeStatusOnTheFeed();
    void feedBringsTheConfigState();
    void olderFeedHasNoConfigState();

private:
    // Polls once more and waits for the answer.
    void pollAndWait();
    // Starts the poller against the fake with the feed, and waits until the whole status came and a poll waits.
    void startOnFeed();

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

namespace {

// A push job replicating `filesystems` filesystems, the first of them at `bytes`.
QByteArray pushStatus(qint64 bytes, int filesystems = 3)
{
    Api::AttemptReport attempt;
    attempt.state = Api::AttemptState::FanOutFilesystems;
    attempt.startAt = Api::Timestamp::fromUnix(1795521600);
    for (int i = 0; i < filesystems; ++i) {
        Api::FilesystemReport fs;
        fs.name = u"tank/home/fs%1"_s.arg(i);
        fs.state = i == 0 ? Api::FilesystemState::Stepping : Api::FilesystemState::Done;
        Api::StepInfo step;
        step.from = u"@a"_s;
        step.to = u"@b"_s;
        step.bytesExpected = 1'000'000;
        step.bytesReplicated = i == 0 ? bytes : step.bytesExpected;
        fs.steps.append(step);
        attempt.filesystems.append(fs);
    }
    Api::ReplicationReport replication;
    replication.startAt = attempt.startAt;
    replication.attempts.append(attempt);
    Api::ActiveSideStatus active;
    active.replication = replication;
    Api::DaemonStatus status;
    status.jobs.insert(u"_control"_s, Api::JobStatus{});
    status.jobs.insert(u"pushjob"_s, Api::JobStatus{Api::JobStatus::Type::Push, active});
    return status.toJson();
}

// The daemon's configuration state: `pending` jobs wait to restart.
Api::ConfigStatus configStatus(const QStringList &pending)
{
    Api::ConfigStatus status;
    status.path = u"/etc/holdfast/holdfast.yml"_s;
    status.version = status.state.runningVersion = u"v1"_s;
    status.state.pendingRestart = pending;
    return status;
}

qint64 firstFilesystemBytes(const Api::DaemonStatus &status)
{
    const Api::JobStatus job = status.jobs.value(u"pushjob"_s);
    const Api::ActiveSideStatus *active = job.active();
    if (!active || !active->replication) {
        return -1;
    }
    return active->replication->attempts.at(0).filesystems.at(0).steps.at(0).bytesReplicated;
}

}  // namespace

void TestStatusPoller::startOnFeed()
{
    m_server->setStatus(pushStatus(1000));
    m_server->enableFeed();
    QSignalSpy received(m_poller.get(), &Gui::StatusPoller::statusReceived);
    m_poller->start();
    QTRY_COMPARE(received.count(), 1);
    QTRY_COMPARE(m_server->waitingFeedRequests(), 1);
    QVERIFY(m_poller->feedSupport() == Gui::FeedSupport::Supported);
    QVERIFY(m_poller->state() == Gui::ConnectionState::Connected);
}

void TestStatusPoller::withoutFeedStatusIsPolled()
{
    // The fake answers the feed with 404, as zrepl's daemon: the poller asks /status, and again when polled.
    QSignalSpy received(m_poller.get(), &Gui::StatusPoller::statusReceived);
    m_poller->start();
    QTRY_COMPARE(received.count(), 1);
    QVERIFY(m_poller->feedSupport() == Gui::FeedSupport::Unsupported);
    QCOMPARE(m_server->statusRequests(), 1);
    pollAndWait();
    QCOMPARE(m_server->statusRequests(), 2);
    QVERIFY(m_server->feedRequests().isEmpty());
    QVERIFY(m_poller->lastRawStatus() == FakeControlServer::zreplCapture(u"status-multi-idle.json"_s));
}

void TestStatusPoller::feedBringsTheStatusThenChanges()
{
    startOnFeed();
    QCOMPARE(m_server->feedRequests().first(), quint64(0));
    QCOMPARE(m_server->feedRequests().at(1), m_server->feedVersion());
    QVERIFY(m_poller->lastStatus() == m_server->feedStatus());
    QCOMPARE(firstFilesystemBytes(m_poller->lastStatus()), 1000);
    QCOMPARE(m_server->statusRequests(), 0);

    QSignalSpy received(m_poller.get(), &Gui::StatusPoller::statusReceived);
    for (int k = 1; k <= 3; ++k) {
        m_server->setStatus(pushStatus(1000 + k * 4096));
        QTRY_COMPARE(received.count(), k);
        QCOMPARE(firstFilesystemBytes(m_poller->lastStatus()), 1000 + k * 4096);
        QVERIFY(m_poller->lastStatus() == m_server->feedStatus());
    }
    // Each answer asked again with the version it brought, and never for /status.
    QTRY_COMPARE(m_server->feedRequests().last(), m_server->feedVersion());
    QCOMPARE(m_server->feedRequests().count(quint64(0)), 1);
    QCOMPARE(m_server->statusRequests(), 0);
    // The raw status is the status, written out.
    QString error;
    const std::optional<Api::DaemonStatus> raw = Api::DaemonStatus::fromJson(m_poller->lastRawStatus(), &error);
    QVERIFY2(raw, qPrintable(error));
    QVERIFY(*raw == m_server->feedStatus());
}

void TestStatusPoller::changesInOneTurnComeAsAChain()
{
    startOnFeed();
    const quint64 before = m_server->feedVersion();
    QSignalSpy received(m_poller.get(), &Gui::StatusPoller::statusReceived);
    // A job added, then removed again with a filesystem's bytes changed: two changes that reach the waiting poll in
    // one answer, the second applicable only after the first.
    Api::DaemonStatus withSnap = m_server->feedStatus();
    withSnap.jobs.insert(u"snapjob"_s, Api::JobStatus{Api::JobStatus::Type::Snap, Api::SnapJobStatus{}});
    m_server->setStatus(withSnap.toJson());
    m_server->setStatus(pushStatus(500'000));
    QCOMPARE(m_server->feedVersion(), before + 2);
    QTRY_COMPARE(received.count(), 1);
    QVERIFY(m_poller->lastStatus() == m_server->feedStatus());
    QVERIFY(!m_poller->lastStatus().jobs.contains(u"snapjob"_s));
    QCOMPARE(firstFilesystemBytes(m_poller->lastStatus()), 500'000);
    QTRY_COMPARE(m_server->feedRequests().last(), before + 2);
    QVERIFY(!m_server->feedRequests().contains(before + 1));
}

void TestStatusPoller::unfittingChangeAsksForTheWholeStatus()
{
    startOnFeed();
    const Api::DaemonStatus status = m_poller->lastStatus();
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(u"status change does not fit, asking for the whole status"_s));
    m_server->sendUnfittingChange();
    QTRY_COMPARE(m_server->feedRequests().count(quint64(0)), 2);
    // The whole status came again (the same as before): the poller is back on the feed, connected.
    QTRY_COMPARE(m_server->waitingFeedRequests(), 1);
    QCOMPARE(m_server->feedRequests().last(), m_server->feedVersion());
    QVERIFY(m_poller->lastStatus() == status);
    QVERIFY(m_poller->state() == Gui::ConnectionState::Connected);
    // It goes on from there.
    m_server->setStatus(pushStatus(777));
    QTRY_COMPARE(firstFilesystemBytes(m_poller->lastStatus()), 777);
    QVERIFY(m_poller->lastStatus() == m_server->feedStatus());
}

void TestStatusPoller::idleFeedAsksNothing()
{
    m_server->setFreshness(freshnessJson(u"pushjob"_s));
    m_poller->setInterval(std::chrono::seconds(1));  // the window's cadence: its ticks must ask nothing either
    startOnFeed();
    QTest::qWait(1500);
    // The first question and the one that waits; no /status, no freshness report of its own.
    QCOMPARE(m_server->feedRequests().size(), 2);
    QCOMPARE(m_server->waitingFeedRequests(), 1);
    QCOMPARE(m_server->statusRequests(), 0);
    QCOMPARE(m_server->freshnessRequests(), 0);
}

void TestStatusPoller::feedBringsFreshness()
{
    m_server->setFreshness(freshnessJson(u"pushjob"_s));
    QSignalSpy freshness(m_poller.get(), &Gui::StatusPoller::freshnessReceived);
    QSignalSpy received(m_poller.get(), &Gui::StatusPoller::statusReceived);
    startOnFeed();
    QTRY_COMPARE(freshness.count(), 1);
    QVERIFY(m_poller->freshnessSupport() == Gui::FreshnessSupport::Supported);
    QCOMPARE(m_poller->lastFreshness()->jobs.at(0).job, u"pushjob"_s);
    // A changed report comes alone, as a change of its own; the status stays.
    m_server->setFreshness(freshnessJson(u"otherjob"_s));
    QTRY_COMPARE(freshness.count(), 2);
    QCOMPARE(m_poller->lastFreshness()->jobs.at(0).job, u"otherjob"_s);
    QCOMPARE(received.count(), 1);
    QCOMPARE(m_server->freshnessRequests(), 0);
}

void TestStatusPoller::feedTellsTheLevel()
{
    m_server->setAccess(AccessLevel::Status);
    startOnFeed();
    QVERIFY(m_poller->access() == AccessLevel::Status);
    QVERIFY(m_poller->isReadOnly());
    QCOMPARE(m_server->statusRequests(), 0);
}

void TestStatusPoller::signalsPassAWaitingPoll()
{
    startOnFeed();
    QSignalSpy finished(&m_poller->client(), &Api::ControlClient::finished);
    QSignalSpy signalled(m_server.get(), &FakeControlServer::signalReceived);
    m_poller->client().sendSignal(u"pushjob"_s, u"wakeup"_s);
    QTRY_COMPARE(finished.count(), 1);
    QVERIFY(finished.first().first().value<Api::ControlClient::Reply>().ok());
    QCOMPARE(signalled.count(), 1);
    // The poll still waits for a change.
    QCOMPARE(m_server->waitingFeedRequests(), 1);
}

void TestStatusPoller::feedDaemonGoneAndBack()
{
    const QString path = m_dir->filePath(u"control"_s);
    startOnFeed();
    m_server.reset();
    QFile::remove(path);
    QTRY_VERIFY(m_poller->state() == Gui::ConnectionState::NotRunning);
    QVERIFY(m_poller->feedSupport() == Gui::FeedSupport::Unknown);
    // Another daemon at the same socket: asked from the start, it brings its own status.
    m_server = std::make_unique<FakeControlServer>(path);
    m_server->setStatus(pushStatus(123));
    m_server->enableFeed();
    QVERIFY(m_server->listen());
    m_poller->pollNow();  // the window's timer would, within a second
    QTRY_VERIFY(m_poller->state() == Gui::ConnectionState::Connected);
    QTRY_COMPARE(firstFilesystemBytes(m_poller->lastStatus()), 123);
    QCOMPARE(m_server->feedRequests().first(), quint64(0));
    QVERIFY(m_poller->lastStatus() == m_server->feedStatus());
    QTRY_COMPARE(m_server->waitingFeedRequests(), 1);
}

void TestStatusPoller::largeStatusOnTheFeed()
{
    // Large enough to be read on a worker thread, then changed in place.
    m_server->setStatus(pushStatus(1000, 2000));
    m_server->setFeedConfig(configStatus({u"pushjob"_s}));
    m_server->enableFeed();
    QVERIFY(m_server->feedStatus().toJson().size() > Gui::StatusPoller::MaxFeedBodyOnGuiThread);
    QSignalSpy received(m_poller.get(), &Gui::StatusPoller::statusReceived);
    QSignalSpy config(m_poller.get(), &Gui::StatusPoller::configReceived);
    m_poller->start();
    QTRY_COMPARE(received.count(), 1);
    QVERIFY(m_poller->lastStatus() == m_server->feedStatus());
    // The configuration state came with it, read on the worker too.
    QCOMPARE(config.count(), 1);
    QVERIFY(m_poller->feedCarriesConfig());
    QVERIFY(m_poller->lastConfig() == configStatus({u"pushjob"_s}));
    m_server->setStatus(pushStatus(2000, 2000));
    QTRY_COMPARE(received.count(), 2);
    QVERIFY(m_poller->lastStatus() == m_server->feedStatus());
}

void TestStatusPoller::feedBringsTheConfigState()
{
    m_server->setFeedConfig(configStatus({}));
    m_server->setFreshness(freshnessJson(u"pushjob"_s));  // as the daemon sends it: nothing to ask for separately
    QSignalSpy config(m_poller.get(), &Gui::StatusPoller::configReceived);
    bool carriedWhenConnected = false;
    connect(m_poller.get(), &Gui::StatusPoller::connectionChanged, this, [&] {
        carriedWhenConnected = m_poller->feedCarriesConfig() && m_poller->lastConfig();
    });
    startOnFeed();
    // Known before the connection is announced, so that a watcher need not read the document to find out.
    QVERIFY(carriedWhenConnected);
    QCOMPARE(config.count(), 1);
    QVERIFY(config.first().first().value<Api::ConfigStatus>() == configStatus({}));

    // A job now waits to restart: the state comes alone, the status stays.
    QSignalSpy received(m_poller.get(), &Gui::StatusPoller::statusReceived);
    m_server->setFeedConfig(configStatus({u"pushjob"_s}));
    QTRY_COMPARE(config.count(), 2);
    QVERIFY(m_poller->lastConfig() == configStatus({u"pushjob"_s}));
    QCOMPARE(received.count(), 0);
    // And nothing but the feed was asked.
    for (const QByteArray &path : m_server->requestPaths()) {
        QCOMPARE(path, QByteArray(Api::HoldfastEndpoint::StatusChanges));
    }
}

void TestStatusPoller::olderFeedHasNoConfigState()
{
    // An older Holdfast: the feed, without the configuration state.
    QSignalSpy config(m_poller.get(), &Gui::StatusPoller::configReceived);
    startOnFeed();
    QVERIFY(!m_poller->feedCarriesConfig());
    QVERIFY(!m_poller->lastConfig());
    QCOMPARE(config.count(), 0);

    // Replaced by a daemon that has it: the whole status says so.
    const QString path = m_dir->filePath(u"control"_s);
    m_server.reset();
    QFile::remove(path);
    QTRY_VERIFY(m_poller->state() == Gui::ConnectionState::NotRunning);
    m_server = std::make_unique<FakeControlServer>(path);
    m_server->setStatus(pushStatus(5));
    m_server->setFeedConfig(configStatus({}));
    m_server->enableFeed();
    QVERIFY(m_server->listen());
    m_poller->pollNow();
    QTRY_COMPARE(config.count(), 1);
    QVERIFY(m_poller->feedCarriesConfig());

    // And by an older one again: none, and what the newer one said is gone.
    m_server.reset();
    QFile::remove(path);
    QTRY_VERIFY(m_poller->state() == Gui::ConnectionState::NotRunning);
    m_server = std::make_unique<FakeControlServer>(path);
    m_server->setStatus(pushStatus(6));
    m_server->enableFeed();
    QVERIFY(m_server->listen());
    m_poller->pollNow();
    QTRY_COMPARE(firstFilesystemBytes(m_poller->lastStatus()), 6);
    QVERIFY(!m_poller->feedCarriesConfig());
    QVERIFY(!m_poller->lastConfig());
}

QTEST_GUILESS_MAIN(TestStatusPoller)
#include "TestStatusPoller.moc"
