// SPDX-License-Identifier: MIT
// Which signals the window and the tray offer for the selected job: none without a connection or a job, none for
// passive jobs, none in read-only mode (saying why), both otherwise; the reset's tooltip follows what the job does.
// Pause and Resume: push and pull jobs only, one or the other by the paused state, none against zrepl's daemon,
// and their confirmations say what they change.
#include <QTest>

#include "app/core/JobActions.h"

using namespace Qt::StringLiterals;
using Api::JobStatus;
using Gui::Health;

Q_DECLARE_METATYPE(Api::JobStatus::Type)
Q_DECLARE_METATYPE(Gui::Health)

class TestJobActions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void compute_data();
    void compute();
    void noJobSelected();
    void passiveJobsTakeNoSignals_data();
    void passiveJobsTakeNoSignals();
    void pauseAndResume_data();
    void pauseAndResume();
    void pauseConfirmationSaysWhatChanges();
};

void TestJobActions::compute_data()
{
    QTest::addColumn<JobStatus::Type>("type");
    QTest::addColumn<Health>("health");
    QTest::addColumn<bool>("connected");
    QTest::addColumn<bool>("readOnly");
    QTest::addColumn<bool>("enabled");
    QTest::addColumn<QString>("wakeupTip");  // a part of it
    QTest::addColumn<QString>("resetTip");

    QTest::addRow("push, admin") << JobStatus::Type::Push << Health::Idle << true << false << true
                                 << u"replication or snapshotting now"_s << u"Reset the selected job"_s;
    QTest::addRow("running push, admin") << JobStatus::Type::Push << Health::Running << true << false << true
                                         << u"replication or snapshotting now"_s << u"Abort what the selected job"_s;
    QTest::addRow("snap, admin") << JobStatus::Type::Snap << Health::Error << true << false << true
                                 << u"replication or snapshotting now"_s << u"Reset the selected job"_s;
    QTest::addRow("push, read-only") << JobStatus::Type::Push << Health::Idle << true << true << false
                                     << u"Read-only: waking up a job needs root or the daemon's admin group"_s
                                     << u"Read-only: resetting a job needs root or the daemon's admin group"_s;
    QTest::addRow("pull, read-only, running") << JobStatus::Type::Pull << Health::Running << true << true << false
                                              << u"(global.control.admin_group)"_s << u"(global.control.admin_group)"_s;
    // Without a connection nothing can be sent, read-only or not; the connection label says why.
    QTest::addRow("push, disconnected") << JobStatus::Type::Push << Health::Idle << false << false << false
                                        << u"replication or snapshotting now"_s << u"Reset the selected job"_s;
    QTest::addRow("push, disconnected, read-only")
        << JobStatus::Type::Push << Health::Idle << false << true << false << u"replication or snapshotting now"_s
        << u"Reset the selected job"_s;
}

void TestJobActions::compute()
{
    QFETCH(JobStatus::Type, type);
    QFETCH(Health, health);
    QFETCH(bool, connected);
    QFETCH(bool, readOnly);
    QFETCH(bool, enabled);
    QFETCH(QString, wakeupTip);
    QFETCH(QString, resetTip);
    Gui::JobSummary job;
    job.name = u"job"_s;
    job.type = type;
    job.health = health;
    const Gui::JobActionState state = Gui::JobActions::compute(&job, connected, readOnly);
    QCOMPARE(state.wakeup, enabled);
    QCOMPARE(state.reset, enabled);
    QVERIFY2(state.wakeupTip.contains(wakeupTip), qPrintable(state.wakeupTip));
    QVERIFY2(state.resetTip.contains(resetTip), qPrintable(state.resetTip));
}

void TestJobActions::noJobSelected()
{
    for (const bool readOnly : {false, true}) {
        const Gui::JobActionState state = Gui::JobActions::compute(nullptr, true, readOnly);
        QVERIFY(!state.wakeup);
        QVERIFY(!state.reset);
    }
}

void TestJobActions::passiveJobsTakeNoSignals_data()
{
    QTest::addColumn<JobStatus::Type>("type");
    QTest::addColumn<bool>("readOnly");
    QTest::addRow("sink") << JobStatus::Type::Sink << false;
    QTest::addRow("source") << JobStatus::Type::Source << false;
    // Passive is the better reason: admin rights would not help.
    QTest::addRow("sink, read-only") << JobStatus::Type::Sink << true;
}

void TestJobActions::passiveJobsTakeNoSignals()
{
    QFETCH(JobStatus::Type, type);
    QFETCH(bool, readOnly);
    QVERIFY(!Gui::JobActions::takesSignals(type));
    Gui::JobSummary job;
    job.name = u"passive"_s;
    job.type = type;
    const Gui::JobActionState state = Gui::JobActions::compute(&job, true, readOnly);
    QVERIFY(!state.wakeup);
    QVERIFY(!state.reset);
    QVERIFY2(state.wakeupTip.contains(u"take no signals"_s), qPrintable(state.wakeupTip));
    QVERIFY(!state.wakeupTip.contains(u"admin"_s));
}

void TestJobActions::pauseAndResume_data()
{
    QTest::addColumn<JobStatus::Type>("type");
    QTest::addColumn<bool>("paused");
    QTest::addColumn<bool>("connected");
    QTest::addColumn<bool>("readOnly");
    QTest::addColumn<bool>("supported");  // not zrepl's daemon
    QTest::addColumn<bool>("pause");
    QTest::addColumn<bool>("resume");
    QTest::addColumn<QString>("pauseTip");  // a part of it
    QTest::addColumn<QString>("resumeTip");

    QTest::addRow("push, running") << JobStatus::Type::Push << false << true << false << true << true << false
                                   << u"snapshots go on"_s << u"job is not paused"_s;
    QTest::addRow("push, paused") << JobStatus::Type::Push << true << true << false << true << false << true
                                  << u"job is paused already"_s << u"replicate again"_s;
    QTest::addRow("pull, running") << JobStatus::Type::Pull << false << true << false << true << true << false
                                   << u"snapshots go on"_s << u"not paused"_s;
    QTest::addRow("snap") << JobStatus::Type::Snap << false << true << false << true << false << false
                          << u"Only push and pull jobs can be paused"_s << u"Only push and pull jobs can be paused"_s;
    QTest::addRow("sink") << JobStatus::Type::Sink << false << true << false << true << false << false
                          << u"Only push and pull jobs can be paused"_s << u"Only push and pull jobs can be paused"_s;
    QTest::addRow("push, read-only") << JobStatus::Type::Push << true << true << true << true << false << false
                                     << u"(global.control.admin_group)"_s << u"(global.control.admin_group)"_s;
    QTest::addRow("push, zrepl") << JobStatus::Type::Push << false << true << false << false << false << false
                                 << u"This daemon (zrepl) cannot pause jobs"_s
                                 << u"This daemon (zrepl) cannot pause jobs"_s;
    QTest::addRow("push, disconnected") << JobStatus::Type::Push << true << false << false << true << false << false
                                        << u"snapshots go on"_s << u"replicate again"_s;
}

void TestJobActions::pauseAndResume()
{
    QFETCH(JobStatus::Type, type);
    QFETCH(bool, paused);
    QFETCH(bool, connected);
    QFETCH(bool, readOnly);
    QFETCH(bool, supported);
    QFETCH(bool, pause);
    QFETCH(bool, resume);
    QFETCH(QString, pauseTip);
    QFETCH(QString, resumeTip);
    Gui::JobSummary job;
    job.name = u"job"_s;
    job.type = type;
    job.paused = paused;
    QCOMPARE(Gui::JobActions::takesPause(type), type == JobStatus::Type::Push || type == JobStatus::Type::Pull);
    const Gui::JobActionState state = Gui::JobActions::compute(&job, connected, readOnly, supported);
    QCOMPARE(state.pause, pause);
    QCOMPARE(state.resume, resume);
    QVERIFY2(state.pauseTip.contains(pauseTip), qPrintable(state.pauseTip));
    QVERIFY2(state.resumeTip.contains(resumeTip), qPrintable(state.resumeTip));
    // Pausing does not take wake-up and reset away.
    QCOMPARE(state.wakeup, connected && !readOnly && Gui::JobActions::takesSignals(type));
}

void TestJobActions::pauseConfirmationSaysWhatChanges()
{
    QCOMPARE(Gui::JobActions::pauseQuestion(u"push"_s),
             u"Replication of job push stops until you resume it; snapshots continue to be taken and pruned. A "
             "replication in progress is interrupted and resumes where it stopped."_s);
    QVERIFY(Gui::JobActions::resumeQuestion(u"push"_s).startsWith(u"Job push replicates again"_s));
    const Gui::JobActionState none = Gui::JobActions::compute(nullptr, true, false);
    QVERIFY(!none.pause && !none.resume);
}

QTEST_GUILESS_MAIN(TestJobActions)
#include "TestJobActions.moc"
