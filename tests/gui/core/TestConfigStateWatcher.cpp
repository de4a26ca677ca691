// SPDX-License-Identifier: MIT
// The window's word on the daemon's configuration: a refused reload (with where the file is wrong), an edited file
// not yet reloaded, jobs waiting to restart. From the status feed when the daemon sends it there (and then nothing
// is asked); read when it connects and again after the interval from an older Holdfast; read once from zrepl.
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

#include "FakeControlServer.h"
#include "app/core/ConfigHealth.h"
#include "app/core/ConfigStateWatcher.h"
#include "app/core/StatusPoller.h"

using namespace Qt::StringLiterals;

namespace {

Api::ConfigDocument document()
{
    Api::ConfigDocument d;
    d.path = u"/etc/holdfast/holdfast.yml"_s;
    d.text = u"jobs: []\n"_s;
    d.version = u"v2"_s;
    d.state.runningVersion = u"v2"_s;
    return d;
}

Api::ReloadReport refusedReload()
{
    Api::ReloadReport report;
    report.ok = false;
    report.at = Api::Timestamp::fromDateTime(QDateTime(QDate(2026, 12, 6), QTime(2, 0), Qt::UTC));
    report.trigger = u"signal"_s;
    report.version = u"v1"_s;
    report.problem = Api::ConfigProblem{u"/etc/holdfast/holdfast.yml"_s, 12, 7, u"jobs[1].snapshotting.interval"_s,
                                        u"time: unknown unit \"x\" in duration \"1x\""_s};
    return report;
}

}  // namespace

class TestConfigStateWatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void allAsWrittenSaysNothing()
    {
        QCOMPARE(Gui::ConfigHealth::of(document(), QDateTime::currentDateTime()).level, Gui::ConfigHealth::Level::Fine);
    }

    void refusedReloadIsAWarningWithItsPosition()
    {
        Api::ConfigDocument d = document();
        d.state.lastReload = refusedReload();
        const QDateTime now = QDateTime(QDate(2026, 12, 6), QTime(2, 12), Qt::UTC);
        const Gui::ConfigHealth health = Gui::ConfigHealth::of(d, now);
        QCOMPARE(health.level, Gui::ConfigHealth::Level::Warning);
        QCOMPARE(health.text, u"The configuration was not reloaded: /etc/holdfast/holdfast.yml has a problem at line 12, "
                              "column 7. The daemon runs the version before."_s);
        QVERIFY2(health.details.startsWith(u"Reload refused 12 min ago"_s), qPrintable(health.details));
        QVERIFY(health.details.endsWith(
            u"/etc/holdfast/holdfast.yml:12:7: jobs[1].snapshotting.interval: time: unknown unit \"x\" in duration \"1x\""_s));
    }

    void waitingChangesAreNews()
    {
        Api::ConfigDocument d = document();
        d.version = u"v3"_s;
        d.state.pendingRestart = {u"push"_s};
        d.state.needsDaemonRestart = {u"global.control.sockpath"_s};
        const Gui::ConfigHealth health = Gui::ConfigHealth::of(d, QDateTime::currentDateTime());
        QCOMPARE(health.level, Gui::ConfigHealth::Level::Info);
        QCOMPARE(health.text, u"/etc/holdfast/holdfast.yml was changed since the daemon read it; its changes take effect "
                              "at the next reload. 1 changed job(s) restart when their current work is done: push. Takes "
                              "effect when the daemon restarts: global.control.sockpath."_s);
    }

    // The state the feed brings says the same as the document.
    void statusAndDocumentAgree()
    {
        Api::ConfigDocument d = document();
        d.version = u"v3"_s;
        d.state.lastReload = refusedReload();
        d.state.pendingRestart = {u"push"_s};
        const Api::ConfigStatus status{d.path, d.version, d.state};
        const QDateTime now = QDateTime(QDate(2026, 12, 6), QTime(2, 12), Qt::UTC);
        QVERIFY(Gui::ConfigHealth::of(status, now) == Gui::ConfigHealth::of(d, now));
        QCOMPARE(Gui::ConfigHealth::of(status, now).level, Gui::ConfigHealth::Level::Warning);
    }

    // Holdfast's daemon sends its configuration state through the feed: the banner follows it, and nothing else is
    // asked however long the window stays idle.
    void followsTheFeedWithoutAsking()
    {
        QTemporaryDir dir;
        FakeControlServer server(dir.filePath(u"control"_s));
        server.setStatus(FakeControlServer::zreplCapture(u"status-multi-idle.json"_s));
        Api::ConfigDocument d = document();
        d.state.lastReload = refusedReload();
        server.answerWith(Api::HoldfastEndpoint::Config, 200, d.toJson());
        server.setFeedConfig(Api::ConfigStatus{d.path, d.version, d.state});
        server.setFreshness(R"({"jobs":[]})");  // as the daemon's feed has it: not asked for separately
        server.enableFeed();
        QVERIFY(server.listen());
        Gui::StatusPoller poller;
        poller.setSocketPath(dir.filePath(u"control"_s));
        poller.setInterval(std::chrono::milliseconds(100));  // its ticks ask nothing on the feed either
        Gui::ConfigStateWatcher watcher(poller);
        watcher.setInterval(std::chrono::milliseconds(50));
        poller.start();
        QTRY_COMPARE(watcher.health().level, Gui::ConfigHealth::Level::Warning);
        QVERIFY(watcher.health().text.contains(u"line 12, column 7"_s));

        // Fixed and reloaded elsewhere: the daemon says so, the banner goes.
        const Api::ConfigDocument fixed = document();
        server.setFeedConfig(Api::ConfigStatus{fixed.path, fixed.version, fixed.state});
        QTRY_COMPARE(watcher.health().level, Gui::ConfigHealth::Level::Fine);
        // Saved by an editor and not reloaded yet.
        server.setFeedConfig(Api::ConfigStatus{fixed.path, u"v3"_s, fixed.state});
        QTRY_COMPARE(watcher.health().level, Gui::ConfigHealth::Level::Info);

        // Idle for many of the old intervals (and after an apply's refresh()): the long poll is all that is asked.
        watcher.refresh();
        QTest::qWait(400);
        QCOMPARE(server.requests(Api::HoldfastEndpoint::Config), 0);
        for (const QByteArray &path : server.requestPaths()) {
            QCOMPARE(path, QByteArray(Api::HoldfastEndpoint::StatusChanges));
        }
        QCOMPARE(server.waitingFeedRequests(), 1);
    }

    // An older Holdfast: its feed has no configuration state, so the document is read, and again every interval.
    void olderDaemonIsRead()
    {
        QTemporaryDir dir;
        FakeControlServer server(dir.filePath(u"control"_s));
        server.setStatus(FakeControlServer::zreplCapture(u"status-multi-idle.json"_s));
        Api::ConfigDocument d = document();
        d.state.lastReload = refusedReload();
        server.answerWith(Api::HoldfastEndpoint::Config, 200, d.toJson());
        server.enableFeed();
        QVERIFY(server.listen());
        Gui::StatusPoller poller;
        poller.setSocketPath(dir.filePath(u"control"_s));
        poller.setInterval(std::chrono::minutes(10));
        Gui::ConfigStateWatcher watcher(poller);
        watcher.setInterval(std::chrono::milliseconds(50));
        poller.start();
        QTRY_COMPARE(watcher.health().level, Gui::ConfigHealth::Level::Warning);
        QTRY_VERIFY(server.requests(Api::HoldfastEndpoint::Config) >= 3);
        server.answerWith(Api::HoldfastEndpoint::Config, 200, document().toJson());
        QTRY_COMPARE(watcher.health().level, Gui::ConfigHealth::Level::Fine);
    }

    // zrepl: no feed, no configuration endpoint (404). Read once when it connects, then never again.
    void zreplIsReadOnce()
    {
        QTemporaryDir dir;
        FakeControlServer server(dir.filePath(u"control"_s));
        server.setStatus(FakeControlServer::zreplCapture(u"status-multi-idle.json"_s));
        QVERIFY(server.listen());
        Gui::StatusPoller poller;
        poller.setSocketPath(dir.filePath(u"control"_s));
        poller.setInterval(std::chrono::minutes(10));
        Gui::ConfigStateWatcher watcher(poller);
        watcher.setInterval(std::chrono::milliseconds(50));
        QSignalSpy changed(&watcher, &Gui::ConfigStateWatcher::healthChanged);
        poller.start();
        QTRY_COMPARE(server.requests(Api::HoldfastEndpoint::Config), 1);
        QTest::qWait(400);
        QCOMPARE(server.requests(Api::HoldfastEndpoint::Config), 1);
        QCOMPARE(watcher.health().level, Gui::ConfigHealth::Level::Fine);
        QCOMPARE(changed.count(), 0);
    }

    // Against a daemon: read at the connection, read again after the interval, quiet against zrepl (404).
    void watchesTheDaemon()
    {
        QTemporaryDir dir;
        FakeControlServer server(dir.filePath(u"control"_s));
        server.setStatus(FakeControlServer::zreplCapture(u"status-multi-idle.json"_s));
        Api::ConfigDocument d = document();
        d.state.lastReload = refusedReload();
        server.answerWith(Api::HoldfastEndpoint::Config, 200, d.toJson());
        QVERIFY(server.listen());
        Gui::StatusPoller poller;
        poller.setSocketPath(dir.filePath(u"control"_s));
        poller.setInterval(std::chrono::minutes(10));
        Gui::ConfigStateWatcher watcher(poller);
        watcher.setInterval(std::chrono::milliseconds(50));
        QSignalSpy changed(&watcher, &Gui::ConfigStateWatcher::healthChanged);
        poller.start();
        QTRY_COMPARE(watcher.health().level, Gui::ConfigHealth::Level::Warning);

        // The file fixed and reloaded elsewhere: the next read clears the banner.
        server.answerWith(Api::HoldfastEndpoint::Config, 200, document().toJson());
        QTRY_COMPARE(watcher.health().level, Gui::ConfigHealth::Level::Fine);
        QCOMPARE(changed.size(), 2);

        // zrepl's daemon has no such endpoint: nothing to say, and nothing more to ask.
        server.answerWith(Api::HoldfastEndpoint::Config, 404, "404 page not found\n");
        const int before = server.requests(Api::HoldfastEndpoint::Config);
        QTRY_COMPARE(server.requests(Api::HoldfastEndpoint::Config), before + 1);
        QTest::qWait(200);
        QCOMPARE(watcher.health().level, Gui::ConfigHealth::Level::Fine);
        QCOMPARE(server.requests(Api::HoldfastEndpoint::Config), before + 1);
    }
};

QTEST_MAIN(TestConfigStateWatcher)
#include "TestConfigStateWatcher.moc"
