// SPDX-License-Identifier: MIT
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

#include "StatusFixtures.h"
#include "app/models/Format.h"
#include "app/models/JobsTableModel.h"
#include "app/models/ModelRole.h"

Q_DECLARE_METATYPE(Api::JobStatus)
Q_DECLARE_METATYPE(Api::FilesystemFreshness)

using namespace Gui;
using namespace Fixtures;
using namespace Qt::StringLiterals;

namespace {

// A push job whose replication is under way: 1 of 2 GiB sent.
Api::JobStatus replicatingPush()
{
    Api::ReplicationReport r;
    r.startAt = at(0);
    Api::AttemptReport attempt;
    attempt.state = Api::AttemptState::FanOutFilesystems;
    attempt.startAt = at(1);
    attempt.filesystems = {
        filesystem(u"tank/a"_s, Api::FilesystemState::Done, {step({}, u"@s1"_s, 1LL << 30, 1LL << 30)}, 1),
        filesystem(u"tank/b"_s, Api::FilesystemState::Stepping, {step({}, u"@s1"_s, 1LL << 30, 0)}, 0),
    };
    r.attempts = {attempt};
    return pushJob(r, waitingSnapper(600));
}

}  // namespace

class TestJobsTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fillsFromCapture();
    void cellsOfCapturedErrors();
    void capturedWakeupUpdatesInPlace();
    void oneJobChangedOneSignal();
    void unchangedDocumentSignalsNothing();
    void jobAddedAndRemoved();
    void selectionSurvivesUpdates();
    void progressColumn();
    void sortRoleSortsByTime();
    void decorationAndHealth();
    void clearRemovesRows();
    void relativeTexts_data();
    void relativeTexts();
    void lastBackupIsTheStalestFilesystem();
    void lastBackupByJobType_data();
    void lastBackupByJobType();
    void healthColoursAndIcons_data();
    void healthColoursAndIcons();
    void clockMovesOnlyChangedCells();
    void sortsByLastBackup();
    void zreplFallback();
    void freshnessPendingIsNotZrepl();
    void pausedJobReadsPausedNotFailed();
};

void TestJobsTableModel::fillsFromCapture()
{
    JobsTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ModelSpies spies(&model);
    model.update(load(u"status-multi-idle.json"_s));

    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.columnCount(), int(JobsTableModel::ColumnCount));
    // The first fill inserts rows too: no reset, ever.
    QCOMPARE(spies.reset.count(), 0);
    QCOMPARE(spies.inserted.count(), 1);
    QCOMPARE(spies.inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(spies.inserted.at(0).at(2).toInt(), 4);

    QStringList names;
    QStringList types;
    for (int r = 0; r < model.rowCount(); ++r) {
        names.append(model.index(r, JobsTableModel::NameColumn).data().toString());
        types.append(model.index(r, JobsTableModel::TypeColumn).data().toString());
    }
    QCOMPARE(names, (QStringList{u"pulljob"_s, u"pushjob"_s, u"sinkjob"_s, u"snapjob"_s, u"sourcejob"_s}));
    QCOMPARE(types, (QStringList{u"pull"_s, u"push"_s, u"sink"_s, u"snap"_s, u"source"_s}));
    QCOMPARE(model.index(2, JobsTableModel::StateColumn).data().toString(), u"Serving"_s);
    QCOMPARE(model.index(0, JobsTableModel::ProgressColumn).data().toString(), Format::none());
    QCOMPARE(model.index(0, JobsTableModel::ProgressColumn).data(ProgressRole).toInt(), -1);
    QCOMPARE(model.index(3, JobsTableModel::NameColumn).data(JobNameRole).toString(), u"snapjob"_s);
    QCOMPARE(model.rowOfJob(u"sourcejob"_s), 4);
    QCOMPARE(model.rowOfJob(u"_control"_s), -1);
    QCOMPARE(model.headerData(JobsTableModel::LastErrorColumn, Qt::Horizontal).toString(), u"Last error"_s);
}

void TestJobsTableModel::cellsOfCapturedErrors()
{
    JobsTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.update(load(u"status-multi-after-wakeup.json"_s));
    const int snap = model.rowOfJob(u"snapjob"_s);
    QVERIFY(snap >= 0);

    const QModelIndex error = model.index(snap, JobsTableModel::LastErrorColumn);
    const QString full = error.data(Qt::ToolTipRole).toString();
    QVERIFY(full.startsWith(u"zfs exited with error: exit status 1\nstderr:\n"_s));
    QVERIFY(full.contains(u"failed to initialize ZFS library"_s));
    QCOMPARE(error.data().toString(), u"zfs exited with error: exit status 1 …"_s);
    QCOMPARE(error.data(FullTextRole).toString(), full);
    QCOMPARE(model.index(snap, 0).data(HealthRole).value<Health>(), Health::Error);

    QDateTime sleepUntil = QDateTime::fromString(u"2026-11-24T00:20:46.026Z"_s, Qt::ISODateWithMs);
    model.setNow(sleepUntil.addSecs(-4 * 60));
    QCOMPARE(model.index(snap, JobsTableModel::NextRunColumn).data().toString(), u"in 4 min"_s);
    QCOMPARE(model.index(snap, JobsTableModel::NextRunColumn).data(SortRole).toDateTime(), sleepUntil);
    QVERIFY(model.index(snap, JobsTableModel::NextRunColumn).data(Qt::ToolTipRole).toString().contains(Format::longDateTime(sleepUntil)));
    QCOMPARE(model.index(snap, JobsTableModel::LastBackupColumn).data().toString(), Format::none());

    // zrepl leaves the run's FinishAt zero for good: the failed attempt, not FinishAt, says the run is over.
    const int push = model.rowOfJob(u"pushjob"_s);
    QCOMPARE(model.index(push, JobsTableModel::StateColumn).data().toString(), u"Replication planning failed"_s);
    QCOMPARE(model.index(push, 0).data(HealthRole).value<Health>(), Health::Error);
    const QDateTime attemptEnd = QDateTime::fromString(u"2026-11-24T00:18:50.874Z"_s, Qt::ISODateWithMs);
    // A failed run is no backup: the last backup is unknown, the run's end is in the tooltip.
    QVERIFY(!model.index(push, JobsTableModel::LastBackupColumn).data(SortRole).toDateTime().isValid());
    QCOMPARE(model.index(push, JobsTableModel::LastBackupColumn).data().toString(), Format::none());
    QVERIFY(model.index(push, JobsTableModel::LastBackupColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(Format::longDateTime(attemptEnd)));
    QVERIFY(model.index(push, JobsTableModel::LastErrorColumn).data().toString().startsWith(u"zfs exited"_s));
}

void TestJobsTableModel::capturedWakeupUpdatesInPlace()
{
    JobsTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.update(load(u"status-multi-idle.json"_s));
    ModelSpies spies(&model);
    model.update(load(u"status-multi-after-wakeup.json"_s));

    QCOMPARE(spies.reset.count(), 0);
    QCOMPARE(spies.inserted.count(), 0);
    QCOMPARE(spies.removed.count(), 0);
    QCOMPARE(spies.layout.count(), 0);
    // The wakeup started a replication on pulljob and pushjob; the snap, sink and source jobs did not change.
    // Rows next to each other go out as one range.
    QCOMPARE(spies.dataChanged.count(), 1);
    const auto topLeft = spies.dataChanged.at(0).at(0).value<QModelIndex>();
    const auto bottomRight = spies.dataChanged.at(0).at(1).value<QModelIndex>();
    QCOMPARE(topLeft.row(), model.rowOfJob(u"pulljob"_s));
    QCOMPARE(bottomRight.row(), model.rowOfJob(u"pushjob"_s));
    QCOMPARE(topLeft.column(), int(JobsTableModel::NameColumn));
    QCOMPARE(bottomRight.column(), int(JobsTableModel::LastErrorColumn));
}

void TestJobsTableModel::oneJobChangedOneSignal()
{
    Api::SnapperReport snapping = waitingSnapper(600);
    snapping.state = Api::SnapperState::Snapshotting;
    const Api::DaemonStatus before = daemon({{u"alpha"_s, snapJob(waitingSnapper(300))},
                                             {u"beta"_s, snapJob(waitingSnapper(600))},
                                             {u"gamma"_s, sinkJob()}});
    const Api::DaemonStatus after = daemon({{u"alpha"_s, snapJob(waitingSnapper(300))},
                                            {u"beta"_s, snapJob(snapping)},
                                            {u"gamma"_s, sinkJob()}});
    JobsTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.update(before);
    QCOMPARE(model.index(1, JobsTableModel::StateColumn).data().toString(), u"Waiting"_s);
    ModelSpies spies(&model);
    model.update(after);

    QCOMPARE(spies.reset.count(), 0);
    QCOMPARE(spies.inserted.count(), 0);
    QCOMPARE(spies.removed.count(), 0);
    QCOMPARE(spies.dataChanged.count(), 1);
    const auto topLeft = spies.dataChanged.at(0).at(0).value<QModelIndex>();
    const auto bottomRight = spies.dataChanged.at(0).at(1).value<QModelIndex>();
    QCOMPARE(topLeft.row(), 1);
    QCOMPARE(bottomRight.row(), 1);
    // Health (the Name column's icon) and State changed; the type, times and error did not. The next snapshot
    // time is only shown while the snapper waits, so the Next column went too.
    QCOMPARE(topLeft.column(), int(JobsTableModel::NameColumn));
    QCOMPARE(bottomRight.column(), int(JobsTableModel::StateColumn));
    QCOMPARE(model.index(1, JobsTableModel::StateColumn).data().toString(), u"Snapshotting"_s);
    QCOMPARE(model.index(1, JobsTableModel::NextRunColumn).data().toString(), Format::none());
}

void TestJobsTableModel::unchangedDocumentSignalsNothing()
{
    JobsTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.update(load(u"status-multi-after-wakeup.json"_s));
    ModelSpies spies(&model);
    model.update(load(u"status-multi-after-wakeup.json"_s));
    QCOMPARE(spies.dataChanged.count(), 0);
    QCOMPARE(spies.inserted.count() + spies.removed.count() + spies.reset.count() + spies.layout.count(), 0);
}

void TestJobsTableModel::jobAddedAndRemoved()
{
    JobsTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.update(daemon({{u"b"_s, sinkJob()}, {u"d"_s, sinkJob()}}));
    ModelSpies spies(&model);

    model.update(daemon({{u"a"_s, sinkJob()}, {u"b"_s, sinkJob()}, {u"c"_s, sinkJob()}, {u"d"_s, sinkJob()}}));
    QCOMPARE(spies.inserted.count(), 2);
    QCOMPARE(spies.inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(spies.inserted.at(0).at(2).toInt(), 0);
    QCOMPARE(spies.inserted.at(1).at(1).toInt(), 2);
    QCOMPARE(spies.inserted.at(1).at(2).toInt(), 2);
    QCOMPARE(spies.removed.count(), 0);
    QCOMPARE(spies.dataChanged.count(), 0);
    QCOMPARE(rowTexts(model).size(), 4);
    QCOMPARE(model.index(2, 0).data().toString(), u"c"_s);

    spies.clear();
    model.update(daemon({{u"a"_s, sinkJob()}, {u"d"_s, sinkJob()}, {u"e"_s, sinkJob()}}));
    QCOMPARE(spies.removed.count(), 1);  // b and c, one run
    QCOMPARE(spies.removed.at(0).at(1).toInt(), 1);
    QCOMPARE(spies.removed.at(0).at(2).toInt(), 2);
    QCOMPARE(spies.inserted.count(), 1);
    QCOMPARE(spies.inserted.at(0).at(1).toInt(), 2);
    QCOMPARE(spies.reset.count(), 0);
    QCOMPARE(spies.dataChanged.count(), 0);
    QStringList names;
    for (const JobSummary &s : model.summaries()) {
        names.append(s.name);
    }
    QCOMPARE(names, (QStringList{u"a"_s, u"d"_s, u"e"_s}));
}

void TestJobsTableModel::selectionSurvivesUpdates()
{
    JobsTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.update(daemon({{u"b"_s, sinkJob()}, {u"c"_s, snapJob(waitingSnapper(60))}}));
    QItemSelectionModel selection(&model);
    selection.setCurrentIndex(model.index(1, 0), QItemSelectionModel::SelectCurrent | QItemSelectionModel::Rows);

    Api::SnapperReport snapping = waitingSnapper(60);
    snapping.state = Api::SnapperState::Snapshotting;
    model.update(daemon({{u"a"_s, sinkJob()}, {u"b"_s, sinkJob()}, {u"c"_s, snapJob(snapping)}}));
    QCOMPARE(selection.currentIndex().data().toString(), u"c"_s);
    QCOMPARE(selection.selectedRows().size(), 1);
    QCOMPARE(selection.selectedRows().at(0).row(), 2);
}

void TestJobsTableModel::progressColumn()
{
    JobsTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.update(daemon({{u"push"_s, replicatingPush()}}));
    const QModelIndex progress = model.index(0, JobsTableModel::ProgressColumn);
    QCOMPARE(progress.data().toString(), Format::progress(1LL << 30, 2LL << 30));
    QCOMPARE(progress.data().toString(), u"1.0 GiB of 2.0 GiB"_s);
    QCOMPARE(progress.data(ProgressRole).toInt(), 50);
    QCOMPARE(progress.data(BytesReplicatedRole).toLongLong(), 1LL << 30);
    QCOMPARE(progress.data(BytesExpectedRole).toLongLong(), 2LL << 30);
    QCOMPARE(progress.data(Qt::ToolTipRole).toString(), u"1 of 2 filesystems done"_s);
    QCOMPARE(model.index(0, JobsTableModel::StateColumn).data().toString(), u"Replicating: 1 of 2 filesystems done"_s);
    // Progress is for the progress column only.
    QVERIFY(!model.index(0, JobsTableModel::StateColumn).data(ProgressRole).isValid());
}

void TestJobsTableModel::sortRoleSortsByTime()
{
    JobsTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.update(daemon({{u"a"_s, snapJob(waitingSnapper(7200))},
                         {u"b"_s, snapJob(waitingSnapper(60))},
                         {u"c"_s, snapJob(waitingSnapper(600))}}));
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(SortRole);
    proxy.sort(JobsTableModel::NextRunColumn);
    QCOMPARE(proxy.index(0, 0).data().toString(), u"b"_s);
    QCOMPARE(proxy.index(1, 0).data().toString(), u"c"_s);
    QCOMPARE(proxy.index(2, 0).data().toString(), u"a"_s);
}

void TestJobsTableModel::decorationAndHealth()
{
    JobsTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.update(load(u"status-multi-after-wakeup.json"_s));
    for (int r = 0; r < model.rowCount(); ++r) {
        // The offscreen platform has no icon theme: the style's pixmaps stand in.
        QVERIFY(!model.index(r, JobsTableModel::NameColumn).data(Qt::DecorationRole).value<QIcon>().isNull());
        QVERIFY(!model.index(r, JobsTableModel::StateColumn).data(Qt::DecorationRole).isValid());
        QVERIFY(model.index(r, JobsTableModel::NameColumn).data(HealthRole).isValid());
    }
    QCOMPARE(model.index(model.rowOfJob(u"sinkjob"_s), 0).data(HealthRole).value<Health>(), Health::Idle);
    QCOMPARE(model.index(model.rowOfJob(u"sinkjob"_s), 0).data(Qt::ToolTipRole).toString(), u"sinkjob: OK"_s);
}

void TestJobsTableModel::clearRemovesRows()
{
    JobsTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.update(load(u"status-multi-idle.json"_s));
    ModelSpies spies(&model);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(spies.removed.count(), 1);
    QCOMPARE(spies.reset.count(), 0);
}

void TestJobsTableModel::relativeTexts_data()
{
    QTest::addColumn<qint64>("seconds");  // from then to now
    QTest::addColumn<QString>("ago");
    QTest::addColumn<QString>("until");  // of a time `seconds` ahead
    QTest::addRow("now") << qint64(0) << u"just now"_s << u"now"_s;
    QTest::addRow("45 s") << qint64(45) << u"just now"_s << u"in 45 s"_s;
    QTest::addRow("1 min") << qint64(60) << u"1 min ago"_s << u"in 1 min"_s;
    QTest::addRow("12 min 30 s") << qint64(12 * 60 + 30) << u"12 min ago"_s << u"in 13 min"_s;
    QTest::addRow("3 h") << qint64(3 * 3600) << u"3 h ago"_s << u"in 3 h"_s;
    QTest::addRow("3 h 20 min") << qint64(3 * 3600 + 20 * 60) << u"3 h 20 min ago"_s << u"in 3 h 20 min"_s;
    QTest::addRow("2 d 5 h") << qint64(53 * 3600) << u"2 d 5 h ago"_s << u"in 2 d 5 h"_s;
    QTest::addRow("7 d") << qint64(7 * 24 * 3600) << u"7 d ago"_s << u"in 7 d"_s;
}

void TestJobsTableModel::relativeTexts()
{
    QFETCH(qint64, seconds);
    QFETCH(QString, ago);
    QFETCH(QString, until);
    const QDateTime now = at(0).toDateTime();
    QCOMPARE(Format::ago(now.addSecs(-seconds), now), ago);
    QCOMPARE(Format::until(now.addSecs(seconds), now), until);
    QCOMPARE(Format::ago(QDateTime(), now), Format::none());
    // Another machine's clock a little ahead is no time travel.
    QCOMPARE(Format::ago(now.addSecs(30), now), u"just now"_s);
    QCOMPARE(Format::until(now.addSecs(-30), now), u"now"_s);
}

void TestJobsTableModel::lastBackupIsTheStalestFilesystem()
{
    // Two filesystems replicated 12 and 30 minutes ago: the job is only as fresh as the older one.
    const Api::DaemonStatus status = daemon({{u"home"_s, replicatedPush(3000, {})}});
    const Api::FreshnessReport report = freshness(
        3600, {jobFreshness(u"home"_s, u"push"_s, Api::Health::Warning, u"tank/b: newest replicated snapshot is 30m old"_s,
                            {fsFreshness(u"tank/a"_s, Api::Health::Ok, u"fresh"_s, 3600 - 12 * 60, 3600 - 60),
                             fsFreshness(u"tank/b"_s, Api::Health::Warning, u"stale"_s, 3600 - 30 * 60, 3600 - 60)},
                            3600 + 4 * 60, 3600 + 5 * 60)});
    JobsTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setNow(at(3600).toDateTime());
    model.update(JobSummaries::summarize(status, &report));

    const QModelIndex last = model.index(0, JobsTableModel::LastBackupColumn);
    QCOMPARE(last.data().toString(), u"30 min ago"_s);
    QCOMPARE(last.data(SortRole).toDateTime(), at(3600 - 30 * 60).toDateTime());
    const QString tip = last.data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(Format::longDateTime(at(3600 - 30 * 60).toDateTime())), qPrintable(tip));
    QVERIFY2(tip.contains(u"tank/b@zrepl_r1800"_s), qPrintable(tip));
    QVERIFY2(tip.contains(u"stalest of the job's 2 filesystems"_s), qPrintable(tip));
    QVERIFY2(tip.contains(u"Health: Warning"_s), qPrintable(tip));
    QVERIFY2(tip.contains(u"tank/b: newest replicated snapshot is 30m old"_s), qPrintable(tip));

    // The next snapshot comes before the next replication.
    const QModelIndex next = model.index(0, JobsTableModel::NextRunColumn);
    QCOMPARE(next.data().toString(), u"in 4 min"_s);
    QVERIFY(next.data(Qt::ToolTipRole).toString().contains(u"Next replication: "_s));
    QCOMPARE(model.headerData(JobsTableModel::LastBackupColumn, Qt::Horizontal).toString(), u"Last backup"_s);
    QCOMPARE(model.headerData(JobsTableModel::NextRunColumn, Qt::Horizontal).toString(), u"Next"_s);
    QCOMPARE(int(model.index(0, JobsTableModel::StateColumn).data(FreshnessRole).value<Api::Health>()), int(Api::Health::Warning));
    // Stale although nothing failed: the row's icon is a warning, the last run's health stays idle.
    QCOMPARE(model.index(0, 0).data(HealthRole).value<Health>(), Health::Idle);
    QCOMPARE(JobSummaries::overallHealth(model.summaries().at(0)), Health::Warning);
}

void TestJobsTableModel::lastBackupByJobType_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<Api::JobStatus>("status");
    QTest::addColumn<QList<Api::FilesystemFreshness>>("filesystems");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("note");
    // at 3600; replicated at R means received at R + 5 (fsFreshness)
    QTest::addRow("sink: the last receive")
        << u"sink"_s << sinkJob()
        << QList{fsFreshness(u"b/t/a"_s, Api::Health::Ok, {}, 3600 - 20 * 60 - 5, std::nullopt),
                 fsFreshness(u"b/t/b"_s, Api::Health::Ok, {}, 3600 - 5 * 60 - 5, std::nullopt)}
        << u"20 min ago"_s << u"The last receive into b/t/a@zrepl_r2395"_s;
    QTest::addRow("snap: the newest snapshot")
        << u"snap"_s << snapJob(waitingSnapper(3700))
        << QList{fsFreshness(u"t/a"_s, Api::Health::Ok, {}, std::nullopt, 3600 - 3 * 3600),
                 fsFreshness(u"t/b"_s, Api::Health::Ok, {}, std::nullopt, 3600 - 60)}
        << u"3 h ago"_s << u"The newest snapshot: t/a@zrepl_n-7200"_s;
    QTest::addRow("push: one filesystem never replicated")
        << u"push"_s << replicatedPush(3000, {})
        << QList{fsFreshness(u"t/a"_s, Api::Health::Ok, {}, 3000, 3000),
                 fsFreshness(u"t/new"_s, Api::Health::Warning, u"not replicated yet"_s, std::nullopt, 3500)}
        << u"never"_s << u"t/new has not been replicated yet"_s;
    QTest::addRow("pull: the newest replicated")
        << u"pull"_s << pushJob(std::nullopt, std::nullopt, std::nullopt, std::nullopt, Api::JobStatus::Type::Pull)
        << QList{fsFreshness(u"b/a"_s, Api::Health::Ok, {}, 3600 - 2 * 3600 - 15 * 60, std::nullopt)}
        << u"2 h 15 min ago"_s << u"The newest snapshot the receiver has: b/a@zrepl_r-4500"_s;
}

void TestJobsTableModel::lastBackupByJobType()
{
    QFETCH(QString, type);
    QFETCH(Api::JobStatus, status);
    QFETCH(QList<Api::FilesystemFreshness>, filesystems);
    QFETCH(QString, text);
    QFETCH(QString, note);
    const Api::FreshnessReport report =
        freshness(3600, {jobFreshness(u"j"_s, type, Api::Health::Ok, u"fresh"_s, filesystems)});
    JobsTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setNow(at(3600).toDateTime());
    model.update(JobSummaries::summarize(daemon({{u"j"_s, status}}), &report));
    const QModelIndex last = model.index(0, JobsTableModel::LastBackupColumn);
    QCOMPARE(last.data().toString(), text);
    QVERIFY2(last.data(Qt::ToolTipRole).toString().contains(note), qPrintable(last.data(Qt::ToolTipRole).toString()));
}

void TestJobsTableModel::healthColoursAndIcons_data()
{
    QTest::addColumn<Api::Health>("health");
    QTest::addColumn<QColor>("colour");  // of the Last backup text; invalid: the palette's
    QTest::addColumn<int>("overall");
    QTest::addRow("ok") << Api::Health::Ok << QColor() << int(Health::Idle);
    QTest::addRow("warning") << Api::Health::Warning << QColor(0xd9, 0x8c, 0x00) << int(Health::Warning);
    QTest::addRow("critical") << Api::Health::Critical << Format::errorColor() << int(Health::Error);
    QTest::addRow("unknown") << Api::Health::Unknown << QColor(0x8a, 0x8a, 0x8a) << int(Health::Idle);
}

void TestJobsTableModel::healthColoursAndIcons()
{
    QFETCH(Api::Health, health);
    QFETCH(QColor, colour);
    QFETCH(int, overall);
    const Api::FreshnessReport report = freshness(
        3600, {jobFreshness(u"j"_s, u"push"_s, health, u"why"_s, {fsFreshness(u"t/a"_s, health, u"why"_s, 3000, 3000)})});
    JobsTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.update(JobSummaries::summarize(daemon({{u"j"_s, replicatedPush(3000, {})}}), &report));
    const QModelIndex last = model.index(0, JobsTableModel::LastBackupColumn);
    QCOMPARE(last.data(Qt::ForegroundRole).value<QColor>(), colour);
    QCOMPARE(Format::healthColor(health).isValid(), true);
    // A dot in the health's colour.
    const QImage dot = last.data(Qt::DecorationRole).value<QIcon>().pixmap(16, 16).toImage();
    QCOMPARE(QColor(dot.pixel(8, 8)), Format::healthColor(health));
    QCOMPARE(int(JobSummaries::overallHealth(model.summaries().at(0))), overall);
    QVERIFY(last.data(Qt::ToolTipRole).toString().contains(u"Health: "_s + Format::healthName(health) + u"\nwhy"_s));
}

void TestJobsTableModel::clockMovesOnlyChangedCells()
{
    const Api::FreshnessReport report = freshness(
        3600, {jobFreshness(u"a"_s, u"push"_s, Api::Health::Ok, {}, {fsFreshness(u"t/a"_s, Api::Health::Ok, {}, 3600 - 90, 3500)}, 3600 + 600),
               jobFreshness(u"b"_s, u"sink"_s, Api::Health::Ok, {}, {fsFreshness(u"t/b"_s, Api::Health::Ok, {}, 3600 - 2 * 86400 - 5, std::nullopt)})});
    JobsTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setNow(at(3600).toDateTime());
    model.update(JobSummaries::summarize(daemon({{u"a"_s, replicatedPush(3500, {})}, {u"b"_s, sinkJob()}}), &report));
    QCOMPARE(model.index(0, JobsTableModel::LastBackupColumn).data().toString(), u"1 min ago"_s);
    QCOMPARE(model.index(0, JobsTableModel::NextRunColumn).data().toString(), u"in 10 min"_s);
    ModelSpies spies(&model);

    // 10 s later nothing reads differently.
    model.setNow(at(3610).toDateTime());
    QCOMPARE(spies.dataChanged.count(), 0);
    // A minute later "a" moves on in both columns; "b" still reads "2 d ago".
    model.setNow(at(3660).toDateTime());
    QCOMPARE(spies.dataChanged.count(), 1);
    const auto topLeft = spies.dataChanged.at(0).at(0).value<QModelIndex>();
    const auto bottomRight = spies.dataChanged.at(0).at(1).value<QModelIndex>();
    QCOMPARE(topLeft, model.index(0, JobsTableModel::LastBackupColumn));
    QCOMPARE(bottomRight, model.index(0, JobsTableModel::NextRunColumn));
    QCOMPARE(model.index(0, JobsTableModel::LastBackupColumn).data().toString(), u"2 min ago"_s);
    QCOMPARE(model.index(0, JobsTableModel::NextRunColumn).data().toString(), u"in 9 min"_s);
    QCOMPARE(model.index(1, JobsTableModel::LastBackupColumn).data().toString(), u"2 d ago"_s);
    QCOMPARE(spies.structural(), 0);
}

void TestJobsTableModel::sortsByLastBackup()
{
    const Api::FreshnessReport report = freshness(
        3600, {jobFreshness(u"a"_s, u"snap"_s, Api::Health::Ok, {}, {fsFreshness(u"t/a"_s, Api::Health::Ok, {}, std::nullopt, 3000)}),
               jobFreshness(u"b"_s, u"snap"_s, Api::Health::Ok, {}, {fsFreshness(u"t/b"_s, Api::Health::Ok, {}, std::nullopt, 100)}),
               jobFreshness(u"c"_s, u"snap"_s, Api::Health::Ok, {}, {fsFreshness(u"t/c"_s, Api::Health::Ok, {}, std::nullopt, 2000)})});
    JobsTableModel model;
    model.update(JobSummaries::summarize(
        daemon({{u"a"_s, snapJob(waitingSnapper(4000))}, {u"b"_s, snapJob(waitingSnapper(4000))}, {u"c"_s, snapJob(waitingSnapper(4000))}}),
        &report));
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(SortRole);
    proxy.sort(JobsTableModel::LastBackupColumn);
    QCOMPARE(proxy.index(0, 0).data().toString(), u"b"_s);
    QCOMPARE(proxy.index(1, 0).data().toString(), u"c"_s);
    QCOMPARE(proxy.index(2, 0).data().toString(), u"a"_s);
}

void TestJobsTableModel::zreplFallback()
{
    // zrepl's capture: the push job's replication planning failed, the snap job's snapshots too, a sink serves.
    JobsTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.update(JobSummaries::summarize(load(u"status-multi-after-wakeup.json"_s), nullptr, true));
    const int push = model.rowOfJob(u"pushjob"_s);
    const QString pushTip = model.index(push, JobsTableModel::LastBackupColumn).data(Qt::ToolTipRole).toString();
    QCOMPARE(model.index(push, JobsTableModel::LastBackupColumn).data().toString(), Format::none());
    QVERIFY2(pushTip.contains(u"zrepl does not report snapshot ages"_s), qPrintable(pushTip));
    QVERIFY2(pushTip.contains(u"Health: Unknown"_s), qPrintable(pushTip));
    const int sink = model.rowOfJob(u"sinkjob"_s);
    QVERIFY(model.index(sink, JobsTableModel::LastBackupColumn).data(Qt::ToolTipRole).toString().contains(u"zrepl does not report what a sink job received"_s));
    for (int r = 0; r < model.rowCount(); ++r) {
        QCOMPARE(int(model.index(r, 0).data(FreshnessRole).value<Api::Health>()), int(Api::Health::Unknown));
        QVERIFY(!model.summaries().at(r).freshnessReported);
    }

    // A replication that completed: its end is what can be known, relative like the daemon's figure.
    const Api::DaemonStatus done = daemon(
        {{u"push"_s, replicatedPush(3000, {filesystem(u"t/a"_s, Api::FilesystemState::Done, {step({}, u"@s1"_s, 10, 10)}, 1)})}});
    model.setNow(at(3600).toDateTime());
    model.update(JobSummaries::summarize(done, nullptr, true));
    const QModelIndex last = model.index(0, JobsTableModel::LastBackupColumn);
    QCOMPARE(last.data().toString(), u"10 min ago"_s);
    QVERIFY2(last.data(Qt::ToolTipRole).toString().contains(u"the snapshots it sent are older"_s),
             qPrintable(last.data(Qt::ToolTipRole).toString()));
    QCOMPARE(model.index(0, JobsTableModel::NextRunColumn).data().toString(), u"in 5 min"_s);
    QCOMPARE(last.data(Qt::ForegroundRole).value<QColor>(), Format::healthColor(Api::Health::Unknown));
}

void TestJobsTableModel::freshnessPendingIsNotZrepl()
{
    // Holdfast's daemon before its first freshness report: nothing claims zrepl.
    const QList<JobSummary> jobs = JobSummaries::summarize(daemon({{u"s"_s, sinkJob()}}), nullptr, false);
    QCOMPARE(jobs.size(), 1);
    QVERIFY(jobs.at(0).freshnessPending);
    QVERIFY(!jobs.at(0).lastBackupNote.contains(u"zrepl"_s));
    QVERIFY(jobs.at(0).freshnessReason.contains(u"Waiting for the daemon's freshness report"_s));
}

void TestJobsTableModel::pausedJobReadsPausedNotFailed()
{
    // Paused two days ago: the daemon finds the backups critically old, which is what the user asked for.
    Api::JobFreshness paused = jobFreshness(u"j"_s, u"push"_s, Api::Health::Critical, u"2d old"_s,
                                            {fsFreshness(u"t/a"_s, Api::Health::Critical, u"2d old"_s, 3600 - 2 * 86400, 3000)});
    paused.paused = true;
    const Api::FreshnessReport report = freshness(3600, {paused});
    JobsTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.update(JobSummaries::summarize(daemon({{u"j"_s, replicatedPush(3000, {})}}), &report));
    const JobSummary &job = model.summaries().at(0);
    QVERIFY(job.paused);
    QCOMPARE(model.index(0, JobsTableModel::StateColumn).data().toString(), u"Paused"_s);
    QVERIFY2(model.index(0, JobsTableModel::StateColumn).data(Qt::ToolTipRole).toString().contains(
                 u"replication paused; snapshots continue to be taken and pruned"_s),
             qPrintable(model.index(0, JobsTableModel::StateColumn).data(Qt::ToolTipRole).toString()));
    // Amber at most, never the red of a failure; the tray's overall health is a warning, not an error.
    const QModelIndex last = model.index(0, JobsTableModel::LastBackupColumn);
    QCOMPARE(last.data(Qt::ForegroundRole).value<QColor>(), Format::healthColor(Api::Health::Warning));
    QVERIFY(last.data(Qt::ToolTipRole).toString().contains(u"Replication is paused"_s));
    QCOMPARE(int(JobSummaries::overallHealth(job)), int(Health::Warning));
    QVERIFY(!model.index(0, 0).data(HasErrorRole).toBool());
    // Resumed: the daemon's verdict counts again.
    Api::JobFreshness resumed = paused;
    resumed.paused = false;
    const Api::FreshnessReport after = freshness(3600, {resumed});
    model.update(JobSummaries::summarize(daemon({{u"j"_s, replicatedPush(3000, {})}}), &after));
    QCOMPARE(model.index(0, JobsTableModel::StateColumn).data().toString(), u"Replicated"_s);
    QCOMPARE(last.data(Qt::ForegroundRole).value<QColor>(), Format::healthColor(Api::Health::Critical));
    QCOMPARE(int(JobSummaries::overallHealth(model.summaries().at(0))), int(Health::Error));
}

QTEST_MAIN(TestJobsTableModel)
#include "TestJobsTableModel.moc"
