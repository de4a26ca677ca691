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
    QCOMPARE(model.index(snap, JobsTableModel::NextSnapshotColumn).data().toString(), Format::dateTime(sleepUntil));
    QCOMPARE(model.index(snap, JobsTableModel::NextSnapshotColumn).data(SortRole).toDateTime(), sleepUntil);
    QCOMPARE(model.index(snap, JobsTableModel::LastRunColumn).data().toString(), Format::none());

    // zrepl leaves the run's FinishAt zero for good: the failed attempt, not FinishAt, says the run is over.
    const int push = model.rowOfJob(u"pushjob"_s);
    QCOMPARE(model.index(push, JobsTableModel::StateColumn).data().toString(), u"Replication planning failed"_s);
    QCOMPARE(model.index(push, 0).data(HealthRole).value<Health>(), Health::Error);
    const QDateTime attemptEnd = QDateTime::fromString(u"2026-11-24T00:18:50.874Z"_s, Qt::ISODateWithMs);
    QCOMPARE(model.index(push, JobsTableModel::LastRunColumn).data(SortRole).toDateTime(), attemptEnd);
    QCOMPARE(model.index(push, JobsTableModel::LastRunColumn).data().toString(), Format::dateTime(attemptEnd));
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
    // time is only shown while the snapper waits, so it went too.
    QCOMPARE(topLeft.column(), int(JobsTableModel::NameColumn));
    QCOMPARE(bottomRight.column(), int(JobsTableModel::NextSnapshotColumn));
    QCOMPARE(model.index(1, JobsTableModel::StateColumn).data().toString(), u"Snapshotting"_s);
    QCOMPARE(model.index(1, JobsTableModel::NextSnapshotColumn).data().toString(), Format::none());
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
    proxy.sort(JobsTableModel::NextSnapshotColumn);
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

QTEST_MAIN(TestJobsTableModel)
#include "TestJobsTableModel.moc"
