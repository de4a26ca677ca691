// SPDX-License-Identifier: MIT
// The window's word on the daemon's configuration: a refused reload (with where the file is wrong), an edited file
// not yet reloaded, jobs waiting to restart; read from the daemon when it connects and again after the interval.
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

        // zrepl's daemon has no such endpoint: nothing to say.
        server.answerWith(Api::HoldfastEndpoint::Config, 404, "404 page not found\n");
        QTest::qWait(200);
        QCOMPARE(watcher.health().level, Gui::ConfigHealth::Level::Fine);
    }
};

QTEST_MAIN(TestConfigStateWatcher)
#include "TestConfigStateWatcher.moc"
