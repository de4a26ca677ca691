// SPDX-License-Identifier: MIT
// The notifier against a stand-in notification server on a private session bus (ctest runs this under
// dbus-run-session): a failing job raises exactly one Notify call, with the job's name and the error; markup is
// escaped only for servers that take markup; a newer notification replaces an older one of its kind; a server that
// refuses, or none at all, makes it ask for the tray's balloon instead.
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusContext>
#include <QSignalSpy>
#include <QTest>

#include <memory>

#include "app/notify/DesktopNotifier.h"
#include "app/notify/NotificationRules.h"

using namespace Qt::StringLiterals;
using Gui::DesktopNotifier;
using Gui::Health;
using Gui::JobSummary;
using Gui::Notification;
using Gui::NotificationRules;

namespace {

const QString Service = u"org.freedesktop.Notifications"_s;
const QString Path = u"/org/freedesktop/Notifications"_s;

const QDateTime T0 = QDateTime(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC);

JobSummary failingJob()
{
    JobSummary s;
    s.name = u"laptop_to_nas"_s;
    s.type = Api::JobStatus::Type::Push;
    s.health = Health::Error;
    s.state = u"Replication failed for some filesystems"_s;
    s.lastRun = T0;
    s.lastError = u"tank/home: cannot receive: <nil> & broken pipe\ntank/var: timeout"_s;
    return s;
}

Notification notification(Notification::Kind kind, const QString &job, const QString &title)
{
    Notification n;
    n.kind = kind;
    n.job = job;
    n.title = title;
    n.body = title + u" body"_s;
    return n;
}

}  // namespace

// org.freedesktop.Notifications as the specification has it, recording every call.
class FakeNotificationServer : public QObject, protected QDBusContext
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")

public:
    struct Call
    {
        QString appName;
        uint replacesId = 0;
        QString appIcon;
        QString summary;
        QString body;
        QStringList actions;
        QVariantMap hints;
        int expireTimeout = 0;
        uint id = 0;
    };

    QList<Call> calls;
    int capabilityCalls = 0;
    QStringList capabilities{u"body"_s};
    bool refuse = false;

public Q_SLOTS:
    uint Notify(const QString &appName, uint replacesId, const QString &appIcon, const QString &summary,
                const QString &body, const QStringList &actions, const QVariantMap &hints, int expireTimeout)
    {
        if (refuse) {
            sendErrorReply(QDBusError::AccessDenied, u"notifications are blocked"_s);
            return 0;
        }
        const uint id = replacesId != 0 ? replacesId : ++m_lastId;
        calls.append({appName, replacesId, appIcon, summary, body, actions, hints, expireTimeout, id});
        return id;
    }

    QStringList GetCapabilities()
    {
        ++capabilityCalls;
        return capabilities;
    }

    void CloseNotification(uint id) { Q_EMIT NotificationClosed(id, 3); }

    QString GetServerInformation(QString &vendor, QString &version, QString &specVersion)
    {
        vendor = u"Holdfast tests"_s;
        version = u"1"_s;
        specVersion = u"1.2"_s;
        return u"fake"_s;
    }

Q_SIGNALS:
    void NotificationClosed(uint id, uint reason);
    void ActionInvoked(uint id, const QString &actionKey);

private:
    uint m_lastId = 0;
};

// Listens on the notifier's own connection: what it has seen from the server, so has the notifier, which makes it
// a way to wait for replies and signals to reach the notifier.
class BusWatcher : public QObject
{
    Q_OBJECT

public:
    int closed = 0;
    int pings = 0;

public Q_SLOTS:
    void handleClosed(uint, uint) { ++closed; }
    void handleAction(uint, const QString &) { ++pings; }
};

class TestDesktopNotifier : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();
    void failingJobRaisesOneNotification();
    void markupIsEscapedForMarkupServers();
    void notificationsWaitForTheCapabilities();
    void newerReplacesOlderOfItsKind();
    void refusedCallFallsBack();
    void noServerFallsBack();

private:
    void stopServer();

    QDBusConnection m_serverBus{u"unset"_s};
    std::unique_ptr<FakeNotificationServer> m_server;
};

void TestDesktopNotifier::initTestCase()
{
    if (!QDBusConnection::sessionBus().isConnected()) {
        QSKIP("No D-Bus session bus (DBUS_SESSION_BUS_ADDRESS unset?): ctest runs this under dbus-run-session");
    }
    // The server has a connection of its own, so that calls go through the bus daemon as they would to a real one.
    m_serverBus = QDBusConnection::connectToBus(QDBusConnection::SessionBus, u"holdfast-test-notification-server"_s);
    QVERIFY2(m_serverBus.isConnected(), qPrintable(m_serverBus.lastError().message()));
}

void TestDesktopNotifier::init()
{
    m_server = std::make_unique<FakeNotificationServer>();
    QVERIFY(m_serverBus.registerObject(
        Path, m_server.get(), QDBusConnection::ExportAllSlots | QDBusConnection::ExportAllSignals));
    if (!m_serverBus.registerService(Service)) {
        QSKIP("org.freedesktop.Notifications is taken on this bus (a desktop session's server?): ctest runs this "
              "under dbus-run-session");
    }
}

void TestDesktopNotifier::cleanup()
{
    stopServer();
}

void TestDesktopNotifier::cleanupTestCase()
{
    QDBusConnection::disconnectFromBus(u"holdfast-test-notification-server"_s);
}

void TestDesktopNotifier::stopServer()
{
    if (!m_server) {
        return;
    }
    m_serverBus.unregisterService(Service);
    m_serverBus.unregisterObject(Path);
    m_server.reset();
}

void TestDesktopNotifier::failingJobRaisesOneNotification()
{
    NotificationRules rules;
    DesktopNotifier notifier;
    QSignalSpy fallback(&notifier, &DesktopNotifier::fallbackRequested);
    QVERIFY(notifier.desktopNotificationsAvailable());

    // The poller delivers the same failed run again and again; one notification it is.
    for (int i = 0; i < 5; ++i) {
        for (const Notification &n : rules.statusChanged({failingJob()}, T0.addSecs(60 * (i + 1)))) {
            notifier.notify(n);
        }
    }
    QTRY_COMPARE(m_server->calls.size(), 1);
    QTest::qWait(200);
    QCOMPARE(m_server->calls.size(), 1);
    QCOMPARE(fallback.size(), 0);

    const FakeNotificationServer::Call &call = m_server->calls.first();
    QCOMPARE(call.appName, u"Holdfast"_s);
    QCOMPARE(call.appIcon, u"holdfast"_s);
    QCOMPARE(call.replacesId, 0u);
    QVERIFY2(call.summary.contains(u"laptop_to_nas"_s), qPrintable(call.summary));
    QCOMPARE(call.body, u"tank/home: cannot receive: <nil> & broken pipe\ntank/var: timeout"_s);
    QCOMPARE(call.actions, QStringList());
    QCOMPARE(call.expireTimeout, -1);
    QCOMPARE(call.hints.value(u"urgency"_s).toInt(), 2);
}

void TestDesktopNotifier::markupIsEscapedForMarkupServers()
{
    m_server->capabilities = QStringList{u"body"_s, u"body-markup"_s, u"persistence"_s};
    NotificationRules rules;
    DesktopNotifier notifier;
    for (const Notification &n : rules.statusChanged({failingJob()}, T0.addSecs(60))) {
        notifier.notify(n);
    }
    QTRY_COMPARE(m_server->calls.size(), 1);
    QCOMPARE(m_server->calls.first().body,
             u"tank/home: cannot receive: &lt;nil&gt; &amp; broken pipe\ntank/var: timeout"_s);
}

void TestDesktopNotifier::notificationsWaitForTheCapabilities()
{
    DesktopNotifier notifier;
    notifier.notify(notification(Notification::Kind::ReplicationFailed, u"a"_s, u"first"_s));
    notifier.notify(notification(Notification::Kind::ReplicationFailed, u"b"_s, u"second"_s));
    notifier.notify(notification(Notification::Kind::SnapshotsStale, u"a"_s, u"third"_s));
    QTRY_COMPARE(m_server->calls.size(), 3);
    QCOMPARE(m_server->calls.at(0).summary, u"first"_s);
    QCOMPARE(m_server->calls.at(1).summary, u"second"_s);
    QCOMPARE(m_server->calls.at(2).summary, u"third"_s);
    QCOMPARE(m_server->capabilityCalls, 1);
    notifier.notify(notification(Notification::Kind::DaemonUnreachable, {}, u"fourth"_s));
    QTRY_COMPARE(m_server->calls.size(), 4);
    QCOMPARE(m_server->capabilityCalls, 1);
}

void TestDesktopNotifier::newerReplacesOlderOfItsKind()
{
    DesktopNotifier notifier;
    BusWatcher watcher;
    QDBusConnection bus = QDBusConnection::sessionBus();
    QVERIFY(bus.connect(Service, Path, Service, u"NotificationClosed"_s, &watcher, SLOT(handleClosed(uint, uint))));
    QVERIFY(bus.connect(Service, Path, Service, u"ActionInvoked"_s, &watcher, SLOT(handleAction(uint, QString))));

    notifier.notify(notification(Notification::Kind::ReplicationFailed, u"a"_s, u"a failed"_s));
    QTRY_COMPARE(m_server->calls.size(), 1);
    const uint failedId = m_server->calls.last().id;
    // The id must be back before the next one goes out: a signal sent after the reply arrives after it.
    Q_EMIT m_server->ActionInvoked(0, u"ping"_s);
    QTRY_COMPARE(watcher.pings, 1);

    // The recovery takes the failure's place; stale snapshots and other jobs are notifications of their own.
    notifier.notify(notification(Notification::Kind::ReplicationRecovered, u"a"_s, u"a recovered"_s));
    QTRY_COMPARE(m_server->calls.size(), 2);
    QCOMPARE(m_server->calls.last().replacesId, failedId);
    notifier.notify(notification(Notification::Kind::SnapshotsStale, u"a"_s, u"a stale"_s));
    QTRY_COMPARE(m_server->calls.size(), 3);
    QCOMPARE(m_server->calls.last().replacesId, 0u);
    notifier.notify(notification(Notification::Kind::ReplicationFailed, u"b"_s, u"b failed"_s));
    QTRY_COMPARE(m_server->calls.size(), 4);
    QCOMPARE(m_server->calls.last().replacesId, 0u);

    // Closed by the user: the next one is a new notification.
    m_server->CloseNotification(failedId);
    QTRY_COMPARE(watcher.closed, 1);
    notifier.notify(notification(Notification::Kind::ReplicationFailed, u"a"_s, u"a failed again"_s));
    QTRY_COMPARE(m_server->calls.size(), 5);
    QCOMPARE(m_server->calls.last().replacesId, 0u);
}

void TestDesktopNotifier::refusedCallFallsBack()
{
    m_server->refuse = true;
    NotificationRules rules;
    DesktopNotifier notifier;
    QSignalSpy fallback(&notifier, &DesktopNotifier::fallbackRequested);
    for (const Notification &n : rules.statusChanged({failingJob()}, T0.addSecs(60))) {
        notifier.notify(n);
    }
    QTRY_COMPARE(fallback.size(), 1);
    QVERIFY2(fallback.first().at(0).toString().contains(u"laptop_to_nas"_s),
             qPrintable(fallback.first().at(0).toString()));
    // Plain text for the balloon, whatever the server took.
    QCOMPARE(fallback.first().at(1).toString(), u"tank/home: cannot receive: <nil> & broken pipe\ntank/var: timeout"_s);
    QCOMPARE(fallback.first().at(2).value<Notification::Urgency>(), Notification::Urgency::Critical);
    QCOMPARE(m_server->calls.size(), 0);
}

void TestDesktopNotifier::noServerFallsBack()
{
    stopServer();
    QDBusConnectionInterface *daemon = QDBusConnection::sessionBus().interface();
    QTRY_VERIFY(!daemon->isServiceRegistered(Service).value());
    if (daemon->activatableServiceNames().value().contains(Service)) {
        QSKIP("This bus starts a notification server on demand: there is no way to test its absence here");
    }

    NotificationRules rules;
    DesktopNotifier notifier;
    QVERIFY(!notifier.desktopNotificationsAvailable());
    QSignalSpy fallback(&notifier, &DesktopNotifier::fallbackRequested);
    for (int i = 0; i < 3; ++i) {
        for (const Notification &n : rules.statusChanged({failingJob()}, T0.addSecs(60 * (i + 1)))) {
            notifier.notify(n);
        }
    }
    QTRY_COMPARE(fallback.size(), 1);
    QVERIFY(fallback.first().at(0).toString().contains(u"laptop_to_nas"_s));
    QTest::qWait(200);
    QCOMPARE(fallback.size(), 1);

    // And without a server a second time: still the balloon (the notifier asks the bus again each time).
    notifier.notify(notification(Notification::Kind::DaemonUnreachable, {}, u"gone"_s));
    QTRY_COMPARE(fallback.size(), 2);
    QCOMPARE(fallback.last().at(0).toString(), u"gone"_s);
}

QTEST_GUILESS_MAIN(TestDesktopNotifier)
#include "TestDesktopNotifier.moc"
