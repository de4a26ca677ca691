// SPDX-License-Identifier: MIT
// When the desktop notifications come, as pure logic on synthesized job summaries and explicit times: a failure
// once, a recovery once, stale snapshots once per snapshot, an unreachable daemon once per outage, nothing for
// running jobs or warnings, and nothing for a kind the user switched off.
#include <QTest>

#include "app/notify/NotificationRules.h"

using namespace Qt::StringLiterals;
using Gui::ConnectionState;
using Gui::Health;
using Gui::JobSummary;
using Gui::Notification;
using Gui::NotificationRules;
using Gui::NotificationSettings;

namespace {

const QDateTime T0 = QDateTime(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC);

QDateTime at(qint64 minutes)
{
    return T0.addSecs(minutes * 60);
}

JobSummary job(const QString &name,
               Health health,
               std::optional<QDateTime> lastRun,
               const QString &error = {},
               std::optional<QDateTime> lastSnapshot = std::nullopt)
{
    JobSummary s;
    s.name = name;
    s.type = Api::JobStatus::Type::Push;
    s.health = health;
    s.state = u"state"_s;
    s.lastRun = lastRun;
    s.lastError = error;
    s.lastSnapshot = lastSnapshot;
    s.replicationRunning = health == Health::Running;
    return s;
}

QList<Notification::Kind> kinds(const QList<Notification> &notifications)
{
    QList<Notification::Kind> out;
    for (const Notification &n : notifications) {
        out.append(n.kind);
    }
    return out;
}

JobSummary judged(const QString &name, Api::Health freshness, const QString &reason = u"why"_s)
{
    JobSummary s = job(name, Health::Idle, at(0));
    s.freshnessReported = true;
    s.freshness = freshness;
    s.freshnessReason = reason;
    return s;
}

using Kinds = QList<Notification::Kind>;
constexpr auto Failed = Notification::Kind::ReplicationFailed;
constexpr auto Recovered = Notification::Kind::ReplicationRecovered;
constexpr auto Stale = Notification::Kind::SnapshotsStale;
constexpr auto Unreachable = Notification::Kind::DaemonUnreachable;

const QString Error = u"planning failed: cannot list filesystems\ntank/a: <nil>\ntank/b: broken pipe\ntank/c: gone"_s;

}  // namespace

class TestNotificationRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void failureRaisesOne();
    void repeatedStatusRaisesNone();
    void laterFailedRunsRaiseNoneUntilRecovery();
    void recoveryRaisesOne();
    void warningIsNoFailureButARecovery();
    void runningJobsNeverNotify();
    void healthyAtStartIsNoRecovery();
    void restartedDaemonIsNoRecovery();
    void snapshotRoundRecoversSnapshotFailure();
    void failureWithoutRunNotifies();
    void jobsAreIndependent();
    void removedJobIsForgotten();
    void staleOncePerSnapshot();
    void staleRemembersTheNewestSnapshot();
    void staleHonoursStaleAfter();
    void noSnapshotsNeverStale();
    void noStaleWhileUnreachable();
    void unreachableOncePerOutage();
    void unreachableAtStart();
    void briefOutageIsSilent();
    void unreachableWithoutGrace();
    void unreachableTexts_data();
    void unreachableTexts();
    void newSocketPathIsANewOutage();
    void statusEndsAnOutage();
    void settingsSwitchKindsOff_data();
    void settingsSwitchKindsOff();
    void staleFollowsTheDaemonsHealth();
    void pausedJobRaisesNoStaleAlarm();
    void daemonHealthReplacesTheGuisOwnAge();
    void pendingReportJudgesNothing();
};

void TestNotificationRules::failureRaisesOne()
{
    NotificationRules rules;
    const QList<Notification> out = rules.statusChanged({job(u"laptop"_s, Health::Error, at(0), Error)}, at(1));
    QCOMPARE(kinds(out), Kinds{Failed});
    const Notification &n = out.first();
    QCOMPARE(n.job, u"laptop"_s);
    QVERIFY2(n.title.contains(u"laptop"_s), qPrintable(n.title));
    QCOMPARE(n.urgency, Notification::Urgency::Critical);
    // The first lines of the error, not all of them.
    QCOMPARE(n.body, u"planning failed: cannot list filesystems\ntank/a: <nil>\ntank/b: broken pipe\n…"_s);
}

void TestNotificationRules::repeatedStatusRaisesNone()
{
    NotificationRules rules;
    const QList<JobSummary> status{job(u"laptop"_s, Health::Error, at(0), Error)};
    QCOMPARE(kinds(rules.statusChanged(status, at(1))), Kinds{Failed});
    for (int i = 2; i < 10; ++i) {
        QCOMPARE(kinds(rules.statusChanged(status, at(i))), Kinds{});
        QCOMPARE(kinds(rules.tick(at(i))), Kinds{});
    }
}

void TestNotificationRules::laterFailedRunsRaiseNoneUntilRecovery()
{
    NotificationRules rules;
    QCOMPARE(kinds(rules.statusChanged({job(u"laptop"_s, Health::Error, at(0), Error)}, at(1))), Kinds{Failed});
    // zrepl retries every interval: each retry that fails again is old news.
    for (int i = 1; i < 6; ++i) {
        QCOMPARE(kinds(rules.statusChanged({job(u"laptop"_s, Health::Running, std::nullopt)}, at(i * 10))), Kinds{});
        QCOMPARE(
            kinds(rules.statusChanged({job(u"laptop"_s, Health::Error, at(i * 10 + 1), u"other"_s)}, at(i * 10 + 2))),
            Kinds{});
    }
}

void TestNotificationRules::recoveryRaisesOne()
{
    NotificationRules rules;
    QCOMPARE(kinds(rules.statusChanged({job(u"laptop"_s, Health::Error, at(0), Error)}, at(1))), Kinds{Failed});
    const QList<Notification> out = rules.statusChanged({job(u"laptop"_s, Health::Idle, at(10))}, at(11));
    QCOMPARE(kinds(out), Kinds{Recovered});
    QCOMPARE(out.first().job, u"laptop"_s);
    QVERIFY2(out.first().title.contains(u"laptop"_s), qPrintable(out.first().title));
    QCOMPARE(out.first().urgency, Notification::Urgency::Low);
    QCOMPARE(kinds(rules.statusChanged({job(u"laptop"_s, Health::Idle, at(10))}, at(12))), Kinds{});
    QCOMPARE(kinds(rules.statusChanged({job(u"laptop"_s, Health::Idle, at(20))}, at(21))), Kinds{});
    // After the recovery, a failure is news again.
    QCOMPARE(kinds(rules.statusChanged({job(u"laptop"_s, Health::Error, at(30), Error)}, at(31))), Kinds{Failed});
}

void TestNotificationRules::warningIsNoFailureButARecovery()
{
    NotificationRules rules;
    QCOMPARE(kinds(rules.statusChanged({job(u"laptop"_s, Health::Warning, at(0), u"tank/a: a hook failed"_s)}, at(1))),
             Kinds{});
    QCOMPARE(kinds(rules.statusChanged({job(u"laptop"_s, Health::Error, at(10), Error)}, at(11))), Kinds{Failed});
    // The run completed, hooks or not.
    const QList<Notification> out =
        rules.statusChanged({job(u"laptop"_s, Health::Warning, at(20), u"tank/a: a hook failed"_s)}, at(21));
    QCOMPARE(kinds(out), Kinds{Recovered});
    QVERIFY2(out.first().body.contains(u"tank/a: a hook failed"_s), qPrintable(out.first().body));
}

void TestNotificationRules::runningJobsNeverNotify()
{
    NotificationRules rules;
    // A running attempt's errors belong to an earlier try.
    JobSummary running = job(u"laptop"_s, Health::Running, at(0), Error);
    running.replicationRunning = true;
    QCOMPARE(kinds(rules.statusChanged({running}, at(1))), Kinds{});
    QCOMPARE(kinds(rules.statusChanged({job(u"laptop"_s, Health::Error, at(10), Error)}, at(11))), Kinds{Failed});
    // Pruning after the failed replication: Running with a new lastRun is no recovery yet.
    JobSummary pruning = job(u"laptop"_s, Health::Running, at(20), Error);
    pruning.replicationRunning = false;
    QCOMPARE(kinds(rules.statusChanged({pruning}, at(21))), Kinds{});
    QCOMPARE(kinds(rules.statusChanged({job(u"laptop"_s, Health::Error, at(20), Error)}, at(22))), Kinds{});
}

void TestNotificationRules::healthyAtStartIsNoRecovery()
{
    NotificationRules rules;
    QCOMPARE(kinds(rules.statusChanged({job(u"laptop"_s, Health::Idle, at(0))}, at(1))), Kinds{});
    QCOMPARE(kinds(rules.statusChanged({job(u"laptop"_s, Health::Idle, at(10))}, at(11))), Kinds{});
}

void TestNotificationRules::restartedDaemonIsNoRecovery()
{
    NotificationRules rules;
    QCOMPARE(kinds(rules.statusChanged({job(u"laptop"_s, Health::Error, at(0), Error)}, at(1))), Kinds{Failed});
    // A restarted daemon knows no runs yet: that is not a run that completed.
    QCOMPARE(kinds(rules.statusChanged({job(u"laptop"_s, Health::Idle, std::nullopt)}, at(5))), Kinds{});
    QCOMPARE(kinds(rules.statusChanged({job(u"laptop"_s, Health::Error, std::nullopt, Error)}, at(6))), Kinds{});
    QCOMPARE(kinds(rules.statusChanged({job(u"laptop"_s, Health::Idle, at(10))}, at(11))), Kinds{Recovered});
}

void TestNotificationRules::snapshotRoundRecoversSnapshotFailure()
{
    // A source job has snapshots but no runs of its own.
    NotificationRules rules;
    QCOMPARE(kinds(rules.statusChanged(
                 {job(u"source"_s, Health::Error, std::nullopt, u"tank/a: snapshot failed"_s, at(0))}, at(1))),
             Kinds{Failed});
    QCOMPARE(kinds(rules.statusChanged({job(u"source"_s, Health::Idle, std::nullopt, {}, at(0))}, at(2))), Kinds{});
    QCOMPARE(kinds(rules.statusChanged({job(u"source"_s, Health::Idle, std::nullopt, {}, at(10))}, at(11))),
             Kinds{Recovered});
}

void TestNotificationRules::failureWithoutRunNotifies()
{
    // The snapshotter fails before any replication ran: the job is broken all the same.
    NotificationRules rules;
    QCOMPARE(
        kinds(rules.statusChanged({job(u"laptop"_s, Health::Error, std::nullopt, u"tank: no such pool"_s)}, at(1))),
        Kinds{Failed});
    QCOMPARE(
        kinds(rules.statusChanged({job(u"laptop"_s, Health::Error, std::nullopt, u"tank: no such pool"_s)}, at(2))),
        Kinds{});
}

void TestNotificationRules::jobsAreIndependent()
{
    NotificationRules rules;
    QCOMPARE(
        kinds(rules.statusChanged({job(u"a"_s, Health::Error, at(0), Error), job(u"b"_s, Health::Idle, at(0))}, at(1))),
        Kinds{Failed});
    const QList<Notification> out = rules.statusChanged(
        {job(u"a"_s, Health::Error, at(0), Error), job(u"b"_s, Health::Error, at(5), Error)}, at(6));
    QCOMPARE(kinds(out), Kinds{Failed});
    QCOMPARE(out.first().job, u"b"_s);
}

void TestNotificationRules::removedJobIsForgotten()
{
    NotificationRules rules;
    QCOMPARE(kinds(rules.statusChanged({job(u"a"_s, Health::Error, at(0), Error)}, at(1))), Kinds{Failed});
    QCOMPARE(kinds(rules.statusChanged({}, at(2))), Kinds{});
    // Configured again, it is a new job.
    QCOMPARE(kinds(rules.statusChanged({job(u"a"_s, Health::Error, at(0), Error)}, at(3))), Kinds{Failed});
}

void TestNotificationRules::staleOncePerSnapshot()
{
    NotificationRules rules;
    const QDateTime snapshot = at(0);
    const QList<JobSummary> status{job(u"laptop"_s, Health::Idle, at(1), {}, snapshot)};
    QCOMPARE(kinds(rules.statusChanged(status, snapshot.addSecs(23 * 3600))), Kinds{});
    QCOMPARE(kinds(rules.tick(snapshot.addSecs(24 * 3600))), Kinds{});
    const QList<Notification> out = rules.tick(snapshot.addSecs(25 * 3600));
    QCOMPARE(kinds(out), Kinds{Stale});
    QCOMPARE(out.first().job, u"laptop"_s);
    QVERIFY2(out.first().title.contains(u"laptop"_s), qPrintable(out.first().title));
    QVERIFY2(out.first().body.contains(u"25 hour"_s), qPrintable(out.first().body));
    QCOMPARE(kinds(rules.tick(snapshot.addSecs(30 * 3600))), Kinds{});
    QCOMPARE(kinds(rules.statusChanged(status, snapshot.addSecs(31 * 3600))), Kinds{});
    QCOMPARE(kinds(rules.tick(snapshot.addDays(5))), Kinds{});

    // A newer snapshot ends it; once that one ages, it is news again.
    const QDateTime newer = snapshot.addDays(5);
    const QList<JobSummary> fresh{job(u"laptop"_s, Health::Idle, at(1), {}, newer)};
    QCOMPARE(kinds(rules.statusChanged(fresh, newer.addSecs(60))), Kinds{});
    QCOMPARE(kinds(rules.tick(newer.addSecs(12 * 3600))), Kinds{});
    const QList<Notification> again = rules.tick(newer.addDays(3));
    QCOMPARE(kinds(again), Kinds{Stale});
    QVERIFY2(again.first().body.contains(u"3 day"_s), qPrintable(again.first().body));
    QCOMPARE(kinds(rules.tick(newer.addDays(4))), Kinds{});
}

void TestNotificationRules::staleRemembersTheNewestSnapshot()
{
    NotificationRules rules;
    const QDateTime snapshot = at(0);
    QCOMPARE(kinds(rules.statusChanged({job(u"laptop"_s, Health::Idle, at(1), {}, snapshot)}, at(2))), Kinds{});
    // A new round started (its progress has nothing done yet) and hangs: still the old snapshot is the newest.
    JobSummary hanging = job(u"laptop"_s, Health::Running, at(1));
    hanging.replicationRunning = false;
    QCOMPARE(kinds(rules.statusChanged({hanging}, snapshot.addSecs(3600))), Kinds{});
    QCOMPARE(kinds(rules.tick(snapshot.addSecs(25 * 3600))), Kinds{Stale});
    // An older snapshot reported later (a restarted daemon's partial view) does not make it news again.
    QCOMPARE(kinds(rules.statusChanged({job(u"laptop"_s, Health::Idle, at(1), {}, snapshot.addSecs(-60))},
                                       snapshot.addSecs(26 * 3600))),
             Kinds{});
}

void TestNotificationRules::staleHonoursStaleAfter()
{
    NotificationRules rules;
    NotificationSettings settings;
    settings.staleAfter = std::chrono::hours(2);
    rules.setSettings(settings);
    const QDateTime snapshot = at(0);
    QCOMPARE(kinds(rules.statusChanged({job(u"laptop"_s, Health::Idle, at(1), {}, snapshot)}, snapshot.addSecs(3600))),
             Kinds{});
    QCOMPARE(kinds(rules.tick(snapshot.addSecs(2 * 3600))), Kinds{});
    QCOMPARE(kinds(rules.tick(snapshot.addSecs(2 * 3600 + 1))), Kinds{Stale});
}

void TestNotificationRules::noSnapshotsNeverStale()
{
    // Manual snapshotting or a pull job: no snapshotter, no snapshot times.
    NotificationRules rules;
    QCOMPARE(kinds(rules.statusChanged({job(u"pull"_s, Health::Idle, at(0))}, at(1))), Kinds{});
    QCOMPARE(kinds(rules.tick(at(0).addDays(30))), Kinds{});
}

void TestNotificationRules::noStaleWhileUnreachable()
{
    NotificationRules rules;
    const QDateTime snapshot = at(0);
    QCOMPARE(kinds(rules.connectionChanged(ConnectionState::Connected, {}, at(1))), Kinds{});
    QCOMPARE(kinds(rules.statusChanged({job(u"laptop"_s, Health::Idle, at(1), {}, snapshot)}, at(2))), Kinds{});
    QCOMPARE(kinds(rules.connectionChanged(ConnectionState::NotRunning, u"no daemon"_s, at(3))), Kinds{});
    // The outage is the news; the snapshots aging during it are a consequence.
    QCOMPARE(kinds(rules.tick(snapshot.addDays(2))), Kinds{Unreachable});
    QCOMPARE(kinds(rules.tick(snapshot.addDays(3))), Kinds{});
    QCOMPARE(kinds(rules.connectionChanged(ConnectionState::Connected, {}, snapshot.addDays(3))), Kinds{});
    QCOMPARE(kinds(rules.tick(snapshot.addDays(3))), Kinds{Stale});
}

void TestNotificationRules::unreachableOncePerOutage()
{
    NotificationRules rules;
    const QDateTime t = at(0);
    QCOMPARE(kinds(rules.connectionChanged(ConnectionState::Connected, {}, t)), Kinds{});
    QCOMPARE(kinds(rules.connectionChanged(ConnectionState::NotRunning, u"no daemon"_s, t.addSecs(10))), Kinds{});
    QCOMPARE(kinds(rules.tick(t.addSecs(20))), Kinds{});
    const QList<Notification> out = rules.tick(t.addSecs(40));
    QCOMPARE(kinds(out), Kinds{Unreachable});
    QVERIFY(out.first().job.isEmpty());
    QCOMPARE(out.first().urgency, Notification::Urgency::Normal);
    QCOMPARE(kinds(rules.tick(t.addSecs(100))), Kinds{});
    // Another reason, the same outage.
    QCOMPARE(kinds(rules.connectionChanged(ConnectionState::Failed, u"timeout"_s, t.addSecs(120))), Kinds{});
    QCOMPARE(kinds(rules.connectionChanged(ConnectionState::NotRunning, u"no daemon"_s, t.addSecs(130))), Kinds{});
    QCOMPARE(kinds(rules.tick(t.addSecs(3600))), Kinds{});
    // Back and gone again: a new outage.
    QCOMPARE(kinds(rules.connectionChanged(ConnectionState::Connected, {}, t.addSecs(4000))), Kinds{});
    QCOMPARE(kinds(rules.connectionChanged(ConnectionState::Failed, u"timeout"_s, t.addSecs(5000))), Kinds{});
    QCOMPARE(kinds(rules.connectionChanged(ConnectionState::Failed, u"timeout again"_s, t.addSecs(5030))),
             Kinds{Unreachable});
}

void TestNotificationRules::unreachableAtStart()
{
    NotificationRules rules;
    QCOMPARE(kinds(rules.connectionChanged(ConnectionState::NotRunning, u"no daemon"_s, at(0))), Kinds{});
    QCOMPARE(kinds(rules.tick(at(1))), Kinds{Unreachable});
    QCOMPARE(kinds(rules.tick(at(2))), Kinds{});
}

void TestNotificationRules::briefOutageIsSilent()
{
    // `systemctl restart holdfast` after a configuration change.
    NotificationRules rules;
    QCOMPARE(kinds(rules.connectionChanged(ConnectionState::Connected, {}, at(0))), Kinds{});
    QCOMPARE(kinds(rules.connectionChanged(ConnectionState::NotRunning, u"no daemon"_s, at(1))), Kinds{});
    QCOMPARE(kinds(rules.connectionChanged(ConnectionState::Connected, {}, at(1).addSecs(3))), Kinds{});
    QCOMPARE(kinds(rules.tick(at(10))), Kinds{});
}

void TestNotificationRules::unreachableWithoutGrace()
{
    NotificationRules rules;
    NotificationSettings settings;
    settings.unreachableAfter = std::chrono::seconds(0);
    rules.setSettings(settings);
    QCOMPARE(kinds(rules.connectionChanged(ConnectionState::PermissionDenied, u"denied"_s, at(0))), Kinds{Unreachable});
    QCOMPARE(kinds(rules.connectionChanged(ConnectionState::PermissionDenied, u"denied"_s, at(1))), Kinds{});
    QCOMPARE(kinds(rules.tick(at(2))), Kinds{});
}

void TestNotificationRules::unreachableTexts_data()
{
    QTest::addColumn<ConnectionState>("state");
    QTest::newRow("not running") << ConnectionState::NotRunning;
    QTest::newRow("permission denied") << ConnectionState::PermissionDenied;
    QTest::newRow("failed") << ConnectionState::Failed;
}

void TestNotificationRules::unreachableTexts()
{
    QFETCH(ConnectionState, state);
    NotificationRules rules;
    NotificationSettings settings;
    settings.unreachableAfter = std::chrono::seconds(0);
    rules.setSettings(settings);
    const QList<Notification> out = rules.connectionChanged(state, u"the reason\nin two lines"_s, at(0));
    QCOMPARE(kinds(out), Kinds{Unreachable});
    QVERIFY(!out.first().title.isEmpty());
    QVERIFY2(out.first().body.endsWith(u"\nthe reason\nin two lines"_s), qPrintable(out.first().body));
}

void TestNotificationRules::newSocketPathIsANewOutage()
{
    NotificationRules rules;
    QCOMPARE(kinds(rules.connectionChanged(ConnectionState::NotRunning, u"no daemon"_s, at(0))), Kinds{});
    QCOMPARE(kinds(rules.tick(at(1))), Kinds{Unreachable});
    QCOMPARE(kinds(rules.connectionChanged(ConnectionState::Connecting, {}, at(2))), Kinds{});
    QCOMPARE(kinds(rules.connectionChanged(ConnectionState::NotRunning, u"no daemon"_s, at(2))), Kinds{});
    QCOMPARE(kinds(rules.tick(at(3))), Kinds{Unreachable});
}

void TestNotificationRules::statusEndsAnOutage()
{
    NotificationRules rules;
    QCOMPARE(kinds(rules.connectionChanged(ConnectionState::Failed, u"timeout"_s, at(0))), Kinds{});
    QCOMPARE(kinds(rules.statusChanged({}, at(0).addSecs(5))), Kinds{});
    QCOMPARE(kinds(rules.tick(at(10))), Kinds{});
}

void TestNotificationRules::settingsSwitchKindsOff_data()
{
    QTest::addColumn<Notification::Kind>("kind");
    QTest::newRow("failures") << Failed;
    QTest::newRow("recoveries") << Recovered;
    QTest::newRow("stale") << Stale;
    QTest::newRow("unreachable") << Unreachable;
}

void TestNotificationRules::settingsSwitchKindsOff()
{
    QFETCH(Notification::Kind, kind);
    NotificationSettings settings;
    settings.failures = kind != Failed;
    settings.recoveries = kind != Recovered;
    settings.stale = kind != Stale;
    settings.unreachable = kind != Unreachable;

    // Every kind once, in one story.
    const auto play = [](NotificationRules &rules) {
        Kinds all;
        const QDateTime snapshot = at(0);
        all += kinds(rules.connectionChanged(ConnectionState::Connected, {}, at(1)));
        all += kinds(rules.statusChanged({job(u"a"_s, Health::Error, at(1), Error, snapshot)}, at(2)));
        all += kinds(rules.statusChanged({job(u"a"_s, Health::Idle, at(3), {}, snapshot)}, at(4)));
        all += kinds(rules.tick(snapshot.addDays(2)));
        all += kinds(rules.connectionChanged(ConnectionState::NotRunning, u"no daemon"_s, snapshot.addDays(2)));
        all += kinds(rules.tick(snapshot.addDays(2).addSecs(60)));
        return all;
    };
    NotificationRules everything;
    QCOMPARE(play(everything), (Kinds{Failed, Recovered, Stale, Unreachable}));

    NotificationRules rules;
    rules.setSettings(settings);
    QCOMPARE(rules.settings(), settings);
    Kinds expected{Failed, Recovered, Stale, Unreachable};
    expected.removeAll(kind);
    QCOMPARE(play(rules), expected);

    // Switched on again, it does not replay what happened meanwhile.
    rules.setSettings(NotificationSettings());
    QCOMPARE(kinds(rules.tick(at(0).addDays(3))), Kinds{});
}

void TestNotificationRules::staleFollowsTheDaemonsHealth()
{
    NotificationRules rules;
    const auto status = [&](Api::Health h, qint64 minute) {
        return rules.statusChanged({judged(u"laptop"_s, h, u"tank/a: newest replicated snapshot is 5h old"_s)}, at(minute));
    };
    QCOMPARE(kinds(status(Api::Health::Ok, 1)), Kinds{});
    // ok → warning: once, with the daemon's reason.
    const QList<Notification> warning = status(Api::Health::Warning, 2);
    QCOMPARE(kinds(warning), Kinds{Stale});
    QVERIFY2(warning.first().title.contains(u"laptop"_s), qPrintable(warning.first().title));
    QCOMPARE(warning.first().body, u"tank/a: newest replicated snapshot is 5h old"_s);
    QCOMPARE(warning.first().urgency, Notification::Urgency::Normal);
    QCOMPARE(kinds(status(Api::Health::Warning, 3)), Kinds{});
    QCOMPARE(kinds(rules.tick(at(0).addDays(3))), Kinds{});
    // warning → critical is a transition too, critical → warning is not.
    const QList<Notification> critical = status(Api::Health::Critical, 4);
    QCOMPARE(kinds(critical), Kinds{Stale});
    QCOMPARE(critical.first().urgency, Notification::Urgency::Critical);
    QCOMPARE(kinds(status(Api::Health::Critical, 5)), Kinds{});
    QCOMPARE(kinds(status(Api::Health::Warning, 6)), Kinds{});
    // Back to ok, then stale again: news again.
    QCOMPARE(kinds(status(Api::Health::Ok, 7)), Kinds{});
    QCOMPARE(kinds(status(Api::Health::Warning, 8)), Kinds{Stale});
    // A job already stale at the first report notifies once too.
    NotificationRules fresh;
    QCOMPARE(kinds(fresh.statusChanged({judged(u"x"_s, Api::Health::Critical)}, at(0))), Kinds{Stale});
    QCOMPARE(kinds(fresh.statusChanged({judged(u"x"_s, Api::Health::Critical)}, at(1))), Kinds{});
    // Switched off: tracked, not reported.
    NotificationRules off;
    NotificationSettings settings;
    settings.stale = false;
    off.setSettings(settings);
    QCOMPARE(kinds(off.statusChanged({judged(u"x"_s, Api::Health::Warning)}, at(0))), Kinds{});
    settings.stale = true;
    off.setSettings(settings);
    QCOMPARE(kinds(off.statusChanged({judged(u"x"_s, Api::Health::Warning)}, at(1))), Kinds{});
}

void TestNotificationRules::pausedJobRaisesNoStaleAlarm()
{
    // Paused on purpose: its backups age, and that is no news.
    NotificationRules rules;
    JobSummary paused = judged(u"laptop"_s, Api::Health::Critical);
    paused.paused = true;
    QCOMPARE(kinds(rules.statusChanged({paused}, at(0))), Kinds{});
    QCOMPARE(kinds(rules.statusChanged({paused}, at(1))), Kinds{});
    // Another job that is not paused still tells.
    QCOMPARE(kinds(rules.statusChanged({paused, judged(u"home"_s, Api::Health::Warning)}, at(2))), Kinds{Stale});
}

void TestNotificationRules::daemonHealthReplacesTheGuisOwnAge()
{
    // A snapshot two days old, but the daemon (whose thresholds may be a week) says ok: no notification.
    NotificationRules rules;
    JobSummary s = judged(u"archive"_s, Api::Health::Ok);
    s.lastSnapshot = at(0).addDays(-2);
    QCOMPARE(kinds(rules.statusChanged({s}, at(0))), Kinds{});
    QCOMPARE(kinds(rules.tick(at(0).addDays(1))), Kinds{});
    // zrepl (no report): the GUI's own 24 h rule, as before.
    JobSummary z = job(u"archive"_s, Health::Idle, at(0), {}, at(0).addDays(-2));
    QCOMPARE(kinds(rules.statusChanged({z}, at(1))), Kinds{Stale});
}

void TestNotificationRules::pendingReportJudgesNothing()
{
    NotificationRules rules;
    JobSummary s = job(u"laptop"_s, Health::Idle, at(0), {}, at(0).addDays(-2));
    s.freshnessPending = true;
    QCOMPARE(kinds(rules.statusChanged({s}, at(0))), Kinds{});
    QCOMPARE(kinds(rules.tick(at(0).addDays(1))), Kinds{});
}

QTEST_GUILESS_MAIN(TestNotificationRules)
#include "TestNotificationRules.moc"
