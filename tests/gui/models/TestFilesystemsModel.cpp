// SPDX-License-Identifier: MIT
// The Filesystems view's model: every filesystem of the selected job (or of all jobs) with its freshness from
// Holdfast's report (last replicated, newest snapshot, counts, bytes not yet replicated, health), sorted through a
// proxy, updated in place, relative times that follow the clock; and what zrepl's status alone can tell.
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QSortFilterProxyModel>
#include <QTest>

#include "StatusFixtures.h"
#include "app/models/FilesystemsModel.h"
#include "app/models/Format.h"
#include "app/models/ModelRole.h"

using namespace Gui;
using namespace Fixtures;
using namespace Qt::StringLiterals;

namespace {

const Api::DaemonStatus Status = daemon(
    {{u"home"_s, replicatedPush(3000, {})}, {u"local"_s, snapJob(waitingSnapper(4000))}, {u"sink"_s, sinkJob()}});

// At 3600: home's tank/a replicated 12 min ago with 3 snapshots (1.5 MiB) waiting, tank/b critical for two days;
// local's snapshots; sink's received filesystem.
Api::FreshnessReport report(Api::Health homeA = Api::Health::Ok)
{
    return freshness(
        3600,
        {jobFreshness(u"home"_s,
                      u"push"_s,
                      Api::Health::Critical,
                      u"tank/b: never replicated"_s,
                      {fsFreshness(u"tank/a"_s,
                                   homeA,
                                   u"newest replicated snapshot is 12m0s old"_s,
                                   3600 - 12 * 60,
                                   3600 - 60,
                                   17,
                                   3,
                                   1572864),
                       fsFreshness(u"tank/b"_s,
                                   Api::Health::Critical,
                                   u"newest replicated snapshot is 2d old"_s,
                                   3600 - 2 * 86400,
                                   3600 - 120,
                                   4,
                                   9,
                                   std::nullopt)}),
         jobFreshness(
             u"local"_s,
             u"snap"_s,
             Api::Health::Ok,
             u"fresh"_s,
             {fsFreshness(
                 u"tank/scratch"_s, Api::Health::Ok, u"newest snapshot is 5m old"_s, std::nullopt, 3600 - 5 * 60, 12)}),
         jobFreshness(u"sink"_s,
                      u"sink"_s,
                      Api::Health::Warning,
                      u"last receive is 4h old"_s,
                      {fsFreshness(u"backup/ws/tank/a"_s,
                                   Api::Health::Warning,
                                   u"last receive is 4h old"_s,
                                   3600 - 4 * 3600 - 5,
                                   3600 - 4 * 3600 - 5,
                                   30)})});
}

QString cell(const QAbstractItemModel &model, int row, int column, int role = Qt::DisplayRole)
{
    return model.index(row, column).data(role).toString();
}

}  // namespace

class TestFilesystemsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyJobsFilesystems();
    void selectedJobOnly();
    void columnsOfAReportedFilesystem();
    void sinkAndSnapColumns();
    void healthColours();
    void sortsThroughAProxy_data();
    void sortsThroughAProxy();
    void updatesInPlace();
    void clockSignalsDisplayOnly();
    void zreplFallback();
    void pausedJobsFilesystemsSayPaused();
};

void TestFilesystemsModel::everyJobsFilesystems()
{
    FilesystemsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const Api::FreshnessReport r = report();
    model.setNow(at(3600).toDateTime());
    model.update(Status, &r, false);
    QVERIFY(model.isReported());
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.columnCount(), int(FilesystemsModel::ColumnCount));
    QStringList rows;
    for (int row = 0; row < model.rowCount(); ++row) {
        rows.append(cell(model, row, FilesystemsModel::JobColumn) + u' '
                    + cell(model, row, FilesystemsModel::FilesystemColumn));
    }
    QCOMPARE(rows,
             (QStringList{u"home tank/a"_s, u"home tank/b"_s, u"local tank/scratch"_s, u"sink backup/ws/tank/a"_s}));
    QCOMPARE(model.headerData(FilesystemsModel::UnreplicatedColumn, Qt::Horizontal).toString(),
             u"Not yet replicated"_s);
    QCOMPARE(model.index(3, 0).data(JobNameRole).toString(), u"sink"_s);
}

void TestFilesystemsModel::selectedJobOnly()
{
    FilesystemsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const Api::FreshnessReport r = report();
    model.update(Status, &r, false);
    model.setJob(u"home"_s);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(cell(model, 1, FilesystemsModel::FilesystemColumn), u"tank/b"_s);
    model.setJob(u"nosuch"_s);
    QCOMPARE(model.rowCount(), 0);
    model.setJob(QString());
    QCOMPARE(model.rowCount(), 4);
}

void TestFilesystemsModel::columnsOfAReportedFilesystem()
{
    FilesystemsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const Api::FreshnessReport r = report();
    model.setNow(at(3600).toDateTime());
    model.update(Status, &r, false);
    QCOMPARE(cell(model, 0, FilesystemsModel::LastReplicatedColumn), u"12 min ago"_s);
    QVERIFY(cell(model, 0, FilesystemsModel::LastReplicatedColumn, Qt::ToolTipRole)
                .contains(Format::longDateTime(at(3600 - 12 * 60).toDateTime())));
    QVERIFY(cell(model, 0, FilesystemsModel::LastReplicatedColumn, Qt::ToolTipRole).contains(u"zrepl_r2880"_s));
    QCOMPARE(cell(model, 0, FilesystemsModel::NewestSnapshotColumn), u"1 min ago, zrepl_n3540"_s);
    QVERIFY(cell(model, 0, FilesystemsModel::NewestSnapshotColumn, Qt::ToolTipRole)
                .startsWith(u"tank/a@zrepl_n3540, created "_s));
    QCOMPARE(cell(model, 0, FilesystemsModel::SnapshotsColumn), u"17"_s);
    QCOMPARE(cell(model, 0, FilesystemsModel::UnreplicatedColumn), u"3 (1.5 MiB)"_s);
    QCOMPARE(cell(model, 0, FilesystemsModel::HealthColumn), u"OK"_s);
    QCOMPARE(cell(model, 0, FilesystemsModel::HealthColumn, Qt::ToolTipRole),
             u"newest replicated snapshot is 12m0s old"_s);
    QCOMPARE(cell(model, 0, FilesystemsModel::FilesystemColumn, Qt::ToolTipRole), u"tank/a"_s);

    QCOMPARE(cell(model, 1, FilesystemsModel::LastReplicatedColumn), u"2 d ago"_s);
    // No estimate: the count alone, and the tooltip says why.
    QCOMPARE(cell(model, 1, FilesystemsModel::UnreplicatedColumn), u"9"_s);
    QVERIFY(!cell(model, 1, FilesystemsModel::UnreplicatedColumn, Qt::ToolTipRole).isEmpty());
    QCOMPARE(cell(model, 1, FilesystemsModel::HealthColumn), u"Critical"_s);
    QVERIFY(model.index(1, FilesystemsModel::JobColumn).data(HasErrorRole).toBool());
}

void TestFilesystemsModel::sinkAndSnapColumns()
{
    FilesystemsModel model;
    const Api::FreshnessReport r = report();
    model.setNow(at(3600).toDateTime());
    model.update(Status, &r, false);
    // A snap job replicates nothing and has nothing to send.
    QCOMPARE(cell(model, 2, FilesystemsModel::LastReplicatedColumn), Format::none());
    QCOMPARE(cell(model, 2, FilesystemsModel::LastReplicatedColumn, Qt::ToolTipRole), u"Snap jobs do not replicate"_s);
    QCOMPARE(cell(model, 2, FilesystemsModel::UnreplicatedColumn), Format::none());
    QCOMPARE(cell(model, 2, FilesystemsModel::NewestSnapshotColumn), u"5 min ago, zrepl_n3300"_s);
    // A sink: when it last received.
    QCOMPARE(cell(model, 3, FilesystemsModel::LastReplicatedColumn), u"4 h ago"_s);
    QVERIFY(cell(model, 3, FilesystemsModel::LastReplicatedColumn, Qt::ToolTipRole).startsWith(u"Last received: "_s));
    QCOMPARE(cell(model, 3, FilesystemsModel::UnreplicatedColumn), Format::none());
    QCOMPARE(cell(model, 3, FilesystemsModel::SnapshotsColumn), u"30"_s);
}

void TestFilesystemsModel::healthColours()
{
    FilesystemsModel model;
    const Api::FreshnessReport r = report();
    model.update(Status, &r, false);
    const QList<Api::Health> expected{Api::Health::Ok, Api::Health::Critical, Api::Health::Ok, Api::Health::Warning};
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex health = model.index(row, FilesystemsModel::HealthColumn);
        QCOMPARE(int(health.data(FreshnessRole).value<Api::Health>()), int(expected.at(row)));
        QCOMPARE(health.data(Qt::ForegroundRole).value<QColor>(), Format::healthColor(expected.at(row)));
        QVERIFY(!health.data(Qt::DecorationRole).value<QIcon>().isNull());
    }
    QCOMPARE(Format::healthColor(Api::Health::Ok), QColor(0x2e, 0x9e, 0x44));
    QCOMPARE(Format::healthColor(Api::Health::Critical), Format::errorColor());
    QCOMPARE(Format::healthColor(Api::Health::Unknown), QColor(0x8a, 0x8a, 0x8a));
}

void TestFilesystemsModel::sortsThroughAProxy_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<Qt::SortOrder>("order");
    QTest::addColumn<QStringList>("filesystems");
    QTest::addRow("last replicated, oldest first")
        << int(FilesystemsModel::LastReplicatedColumn) << Qt::AscendingOrder
        << QStringList{u"tank/scratch"_s, u"tank/b"_s, u"backup/ws/tank/a"_s, u"tank/a"_s};
    QTest::addRow("health, worst first") << int(FilesystemsModel::HealthColumn) << Qt::DescendingOrder
                                         << QStringList{
                                                u"tank/b"_s, u"backup/ws/tank/a"_s, u"tank/a"_s, u"tank/scratch"_s};
    QTest::addRow("snapshots") << int(FilesystemsModel::SnapshotsColumn) << Qt::DescendingOrder
                               << QStringList{u"backup/ws/tank/a"_s, u"tank/a"_s, u"tank/scratch"_s, u"tank/b"_s};
    // Bytes where known, a count otherwise: 1.5 MiB before 9 snapshots of unknown size.
    QTest::addRow("not yet replicated") << int(FilesystemsModel::UnreplicatedColumn) << Qt::DescendingOrder
                                        << QStringList{
                                               u"tank/a"_s, u"tank/b"_s, u"tank/scratch"_s, u"backup/ws/tank/a"_s};
    QTest::addRow("newest snapshot") << int(FilesystemsModel::NewestSnapshotColumn) << Qt::AscendingOrder
                                     << QStringList{u"backup/ws/tank/a"_s, u"tank/scratch"_s, u"tank/b"_s, u"tank/a"_s};
    QTest::addRow("filesystem") << int(FilesystemsModel::FilesystemColumn) << Qt::AscendingOrder
                                << QStringList{u"backup/ws/tank/a"_s, u"tank/a"_s, u"tank/b"_s, u"tank/scratch"_s};
}

void TestFilesystemsModel::sortsThroughAProxy()
{
    QFETCH(int, column);
    QFETCH(Qt::SortOrder, order);
    QFETCH(QStringList, filesystems);
    FilesystemsModel model;
    const Api::FreshnessReport r = report();
    model.update(Status, &r, false);
    QSortFilterProxyModel proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(&model);
    proxy.setSortRole(SortRole);
    proxy.sort(column, order);
    QStringList sorted;
    for (int row = 0; row < proxy.rowCount(); ++row) {
        sorted.append(proxy.index(row, FilesystemsModel::FilesystemColumn).data().toString());
    }
    // The snap job's filesystem has no replication time: invalid sorts first.
    QCOMPARE(sorted, filesystems);
}

void TestFilesystemsModel::updatesInPlace()
{
    FilesystemsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const Api::FreshnessReport before = report();
    model.update(Status, &before, false);
    ModelSpies spies(&model);
    model.update(Status, &before, false);
    QCOMPARE(spies.dataChanged.count(), 0);

    const Api::FreshnessReport after = report(Api::Health::Warning);
    model.update(Status, &after, false);
    QCOMPARE(spies.structural(), 0);
    QCOMPARE(spies.dataChanged.count(), 1);
    QCOMPARE(spies.dataChanged.at(0).at(0).value<QModelIndex>().row(), 0);
    QCOMPARE(spies.dataChanged.at(0).at(1).value<QModelIndex>().row(), 0);
    QCOMPARE(cell(model, 0, FilesystemsModel::HealthColumn), u"Warning"_s);
}

void TestFilesystemsModel::clockSignalsDisplayOnly()
{
    FilesystemsModel model;
    const Api::FreshnessReport r = report();
    model.setNow(at(3600).toDateTime());
    model.update(Status, &r, false);
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(SortRole);
    proxy.sort(FilesystemsModel::LastReplicatedColumn);
    ModelSpies spies(&proxy);
    model.setNow(at(3600 + 5 * 60).toDateTime());
    QCOMPARE(spies.dataChanged.count(), 1);
    QCOMPARE(spies.dataChanged.at(0).at(2).value<QList<int>>(), QList<int>{Qt::DisplayRole});
    // The times did not move: no re-sort, no layout change.
    QCOMPARE(spies.structural(), 0);
    QCOMPARE(cell(model, 0, FilesystemsModel::LastReplicatedColumn), u"17 min ago"_s);
}

void TestFilesystemsModel::zreplFallback()
{
    // zrepl's captured status after a wakeup, and a push job whose replication completed for one filesystem.
    const Api::DaemonStatus status = load(u"status-multi-after-wakeup.json"_s);
    const Api::DaemonStatus done = daemon(
        {{u"push"_s,
          replicatedPush(3000,
                         {filesystem(u"tank/a"_s, Api::FilesystemState::Done, {step(u"@s1"_s, u"@s2"_s, 10, 10)}, 1),
                          filesystem(u"tank/b"_s, Api::FilesystemState::Stepping, {step({}, u"@s2"_s, 10, 0)}, 0)})}});
    FilesystemsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setNow(at(3600).toDateTime());
    model.update(done, nullptr, true);
    QVERIFY(!model.isReported());
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(cell(model, 0, FilesystemsModel::LastReplicatedColumn), u"10 min ago"_s);
    const QString tip = cell(model, 0, FilesystemsModel::LastReplicatedColumn, Qt::ToolTipRole);
    QVERIFY2(tip.contains(u"Replication finished: "_s) && tip.contains(u"@s2"_s), qPrintable(tip));
    QVERIFY2(tip.contains(u"zrepl does not report snapshot ages or counts"_s), qPrintable(tip));
    // Not done: unknown, never "never" (zrepl's status forgets earlier runs).
    QCOMPARE(cell(model, 1, FilesystemsModel::LastReplicatedColumn), Format::none());
    QCOMPARE(cell(model, 1, FilesystemsModel::SnapshotsColumn), Format::none());
    QCOMPARE(cell(model, 1, FilesystemsModel::HealthColumn), u"Unknown"_s);
    QCOMPARE(cell(model, 1, FilesystemsModel::HealthColumn, Qt::ToolTipRole),
             u"zrepl does not report snapshot ages or counts"_s);

    // The captured document: planning failed before any filesystem, no snapshot was taken: zrepl names none.
    model.update(status, nullptr, true);
    QCOMPARE(model.rowCount(), 0);
}

void TestFilesystemsModel::pausedJobsFilesystemsSayPaused()
{
    Api::FreshnessReport r = report();
    r.jobs[0].paused = true;
    FilesystemsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.update(Status, &r, false);
    model.setJob(u"home"_s);
    QCOMPARE(model.rowCount(), 2);
    for (int row = 0; row < 2; ++row) {
        QCOMPARE(cell(model, row, FilesystemsModel::HealthColumn), u"Paused"_s);
        QVERIFY2(cell(model, row, FilesystemsModel::HealthColumn, Qt::ToolTipRole)
                     .startsWith(u"Replication of job home is paused: snapshots continue to be taken and pruned"_s),
                 qPrintable(cell(model, row, FilesystemsModel::HealthColumn, Qt::ToolTipRole)));
    }
    // tank/b is critically old, but paused: amber, not an error.
    const QModelIndex b = model.index(1, FilesystemsModel::HealthColumn);
    QCOMPARE(b.data(Qt::ForegroundRole).value<QColor>(), Format::healthColor(Api::Health::Warning));
    QVERIFY(!b.data(HasErrorRole).toBool());
    QVERIFY(b.data(WarningRole).toBool());
    // Other jobs' filesystems are not paused.
    model.setJob(u"local"_s);
    QCOMPARE(cell(model, 0, FilesystemsModel::HealthColumn), u"OK"_s);
}

QTEST_MAIN(TestFilesystemsModel)
#include "TestFilesystemsModel.moc"
