// SPDX-License-Identifier: MIT
// The tray icon's state: the worst job wins, no connection is "disconnected", the tooltip names each job's last
// replication; and the job summaries it is computed from, for zrepl's captured documents.
#include <QFile>
#include <QTest>

#include "app/core/JobSummary.h"
#include "app/core/TrayState.h"

using namespace Qt::StringLiterals;
using Gui::Health;
using Gui::TrayState;

namespace {

Gui::JobSummary job(const QString &name, Api::JobStatus::Type type, Health health)
{
    Gui::JobSummary s;
    s.name = name;
    s.type = type;
    s.health = health;
    s.state = u"state of "_s + name;
    return s;
}

Api::DaemonStatus document(const QString &name)
{
    QFile file(QStringLiteral(HOLDFAST_TEST_DATA_DIR "/zrepl/") + name);
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("cannot read %s", qPrintable(file.fileName()));
    }
    QString error;
    const std::optional<Api::DaemonStatus> status = Api::DaemonStatus::fromJson(file.readAll(), &error);
    if (!status) {
        qFatal("%s: %s", qPrintable(name), qPrintable(error));
    }
    return *status;
}

}  // namespace

class TestTrayState : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void worstJobWins_data();
    void worstJobWins();
    void disconnectedWhateverTheJobs();
    void tooltipNamesLastReplications();
    void summariesOfZreplsDocuments();
    void staleIsAWarningEvenWhenNothingFailed_data();
    void staleIsAWarningEvenWhenNothingFailed();
    void tooltipNamesLastBackupAndReason();
    void pausedJobIsSaidAndNoAlarm();
};

void TestTrayState::worstJobWins_data()
{
    QTest::addColumn<QList<int>>("healths");
    QTest::addColumn<int>("icon");
    QTest::newRow("no jobs") << QList<int>{} << int(TrayState::Icon::Idle);
    QTest::newRow("all idle") << QList<int>{int(Health::Idle), int(Health::Idle)} << int(TrayState::Icon::Idle);
    QTest::newRow("one running") << QList<int>{int(Health::Idle), int(Health::Running)} << int(TrayState::Icon::Running);
    QTest::newRow("warning over running") << QList<int>{int(Health::Running), int(Health::Warning)} << int(TrayState::Icon::Warning);
    QTest::newRow("error over all") << QList<int>{int(Health::Warning), int(Health::Error), int(Health::Running)} << int(TrayState::Icon::Error);
}

void TestTrayState::worstJobWins()
{
    QFETCH(QList<int>, healths);
    QFETCH(int, icon);
    QList<Gui::JobSummary> jobs;
    for (int i = 0; i < healths.size(); ++i) {
        jobs.append(job(u"job%1"_s.arg(i), Api::JobStatus::Type::Snap, Health(healths[i])));
    }
    QCOMPARE(int(Gui::TrayStates::compute(jobs, Gui::ConnectionState::Connected, {}).icon), icon);
}

void TestTrayState::disconnectedWhateverTheJobs()
{
    const QList<Gui::JobSummary> jobs{job(u"a"_s, Api::JobStatus::Type::Push, Health::Error)};
    for (Gui::ConnectionState state : {Gui::ConnectionState::Connecting, Gui::ConnectionState::NotRunning,
                                       Gui::ConnectionState::PermissionDenied, Gui::ConnectionState::Failed}) {
        const TrayState tray = Gui::TrayStates::compute(jobs, state, u"no socket at /run/x"_s);
        QVERIFY(tray.icon == TrayState::Icon::Disconnected);
        if (state != Gui::ConnectionState::Connecting) {
            QVERIFY2(tray.tooltip.contains(u"no socket at /run/x"_s), qPrintable(tray.tooltip));
        }
    }
}

void TestTrayState::tooltipNamesLastReplications()
{
    Gui::JobSummary push = job(u"backup"_s, Api::JobStatus::Type::Push, Health::Idle);
    push.lastRun = QDateTime(QDate(2026, 11, 26), QTime(8, 30), Qt::UTC);
    const Gui::JobSummary pull = job(u"fetch"_s, Api::JobStatus::Type::Pull, Health::Idle);
    const TrayState tray = Gui::TrayStates::compute({push, pull}, Gui::ConnectionState::Connected, {});
    QVERIFY2(tray.tooltip.contains(u"backup: state of backup (last replication "_s), qPrintable(tray.tooltip));
    QVERIFY2(tray.tooltip.contains(u"fetch: state of fetch (not replicated yet)"_s), qPrintable(tray.tooltip));
    for (TrayState::Icon icon : {TrayState::Icon::Idle, TrayState::Icon::Running, TrayState::Icon::Warning,
                                 TrayState::Icon::Error, TrayState::Icon::Disconnected}) {
        QVERIFY(Gui::TrayStates::iconResource(icon).startsWith(u":/icons/status-"_s));
    }
}

void TestTrayState::summariesOfZreplsDocuments()
{
    // The snap job of zrepl's capture failed to snapshot (zfs-fuse was not running): an error, with zrepl's text.
    const QList<Gui::JobSummary> idle = Gui::JobSummaries::summarize(document(u"status-multi-idle.json"_s));
    QCOMPARE(idle.size(), 5);  // _control is left out
    const auto snap = std::find_if(idle.cbegin(), idle.cend(), [](const Gui::JobSummary &s) { return s.name == u"snapjob"; });
    QVERIFY(snap != idle.cend());
    QVERIFY(snap->health == Health::Error);
    QVERIFY2(snap->lastError.contains(u"zfs-fuse daemon is running"_s), qPrintable(snap->lastError));
    QVERIFY(snap->nextSnapshot.has_value());
    const auto sink = std::find_if(idle.cbegin(), idle.cend(), [](const Gui::JobSummary &s) { return s.name == u"sinkjob"; });
    QVERIFY(sink->type == Api::JobStatus::Type::Sink);
    QVERIFY(Gui::TrayStates::compute(idle, Gui::ConnectionState::Connected, {}).icon == TrayState::Icon::Error);
}

void TestTrayState::staleIsAWarningEvenWhenNothingFailed_data()
{
    QTest::addColumn<int>("health");  // Gui::Health of the last run
    QTest::addColumn<int>("freshness");  // Api::Health from the daemon
    QTest::addColumn<int>("icon");
    QTest::newRow("fresh and idle") << int(Health::Idle) << int(Api::Health::Ok) << int(TrayState::Icon::Idle);
    QTest::newRow("stale and idle") << int(Health::Idle) << int(Api::Health::Warning) << int(TrayState::Icon::Warning);
    QTest::newRow("critically stale") << int(Health::Idle) << int(Api::Health::Critical) << int(TrayState::Icon::Error);
    QTest::newRow("stale while running") << int(Health::Running) << int(Api::Health::Warning) << int(TrayState::Icon::Warning);
    QTest::newRow("fresh while running") << int(Health::Running) << int(Api::Health::Ok) << int(TrayState::Icon::Running);
    QTest::newRow("unknown (zrepl) is no warning") << int(Health::Idle) << int(Api::Health::Unknown) << int(TrayState::Icon::Idle);
    QTest::newRow("failed but fresh") << int(Health::Error) << int(Api::Health::Ok) << int(TrayState::Icon::Error);
}

void TestTrayState::staleIsAWarningEvenWhenNothingFailed()
{
    QFETCH(int, health);
    QFETCH(int, freshness);
    QFETCH(int, icon);
    Gui::JobSummary s = job(u"home"_s, Api::JobStatus::Type::Push, Health(health));
    s.freshness = Api::Health(freshness);
    s.freshnessReported = true;
    const QList<Gui::JobSummary> jobs{job(u"other"_s, Api::JobStatus::Type::Snap, Health::Idle), s};
    QCOMPARE(int(Gui::TrayStates::compute(jobs, Gui::ConnectionState::Connected, {}).icon), icon);
}

void TestTrayState::tooltipNamesLastBackupAndReason()
{
    const QDateTime now(QDate(2026, 11, 26), QTime(9, 0), Qt::UTC);
    Gui::JobSummary push = job(u"home"_s, Api::JobStatus::Type::Push, Health::Idle);
    push.freshnessReported = true;
    push.lastBackup = now.addSecs(-12 * 60);
    push.freshness = Api::Health::Ok;
    Gui::JobSummary stale = job(u"laptop"_s, Api::JobStatus::Type::Push, Health::Idle);
    stale.freshnessReported = true;
    stale.lastBackup = now.addSecs(-5 * 3600);
    stale.freshness = Api::Health::Warning;
    stale.freshnessReason = u"tank/a: newest replicated snapshot is 5h0m0s old (warning after 3h0m0s)"_s;
    Gui::JobSummary fresh = job(u"new"_s, Api::JobStatus::Type::Sink, Health::Idle);
    fresh.freshnessReported = true;
    const TrayState tray = Gui::TrayStates::compute({push, stale, fresh}, Gui::ConnectionState::Connected, {}, now);
    QVERIFY(tray.icon == TrayState::Icon::Warning);
    QVERIFY2(tray.tooltip.contains(u"home: state of home, last backup 12 min ago"_s), qPrintable(tray.tooltip));
    QVERIFY2(tray.tooltip.contains(u"laptop: state of laptop, last backup 5 h ago\n    Warning: tank/a: newest"_s),
             qPrintable(tray.tooltip));
    QVERIFY2(tray.tooltip.contains(u"new: state of new, no backup yet"_s), qPrintable(tray.tooltip));
}

void TestTrayState::pausedJobIsSaidAndNoAlarm()
{
    const QDateTime now(QDate(2026, 11, 26), QTime(9, 0), Qt::UTC);
    Gui::JobSummary paused = job(u"laptop"_s, Api::JobStatus::Type::Push, Health::Idle);
    paused.state = u"Paused"_s;
    paused.paused = true;
    paused.freshnessReported = true;
    paused.lastBackup = now.addSecs(-2 * 86400);
    paused.freshness = Api::Health::Critical;
    paused.freshnessReason = u"tank/a: newest replicated snapshot is 48h0m0s old"_s;
    const TrayState tray = Gui::TrayStates::compute({paused}, Gui::ConnectionState::Connected, {}, now);
    // Amber, not red: the user paused it.
    QVERIFY(tray.icon == TrayState::Icon::Warning);
    QVERIFY2(tray.tooltip.contains(u"laptop: Paused, last backup 2 d ago\n    Replication paused: the backups age "
                                   "until it is resumed"_s),
             qPrintable(tray.tooltip));
    QVERIFY(!tray.tooltip.contains(u"Critical"_s));
}

QTEST_GUILESS_MAIN(TestTrayState)
#include "TestTrayState.moc"
