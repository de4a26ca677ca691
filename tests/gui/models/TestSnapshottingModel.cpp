// SPDX-License-Identifier: MIT
#include <QAbstractItemModelTester>
#include <QBrush>
#include <QSignalSpy>
#include <QTest>

#include "StatusFixtures.h"
#include "app/models/ErrorsOnlyFilter.h"
#include "app/models/Format.h"
#include "app/models/ModelRole.h"
#include "app/models/SnapshottingModel.h"

using namespace Gui;
using namespace Fixtures;
using namespace Qt::StringLiterals;

namespace {

Api::SnapperFilesystemReport fs(const QString &path, Api::SnapState state, const QString &snapName = {},
                                qint64 startAt = -1, qint64 doneAt = -1)
{
    Api::SnapperFilesystemReport r;
    r.path = path;
    r.state = state;
    r.snapName = snapName;
    if (startAt >= 0) {
        r.startAt = at(startAt);
    }
    if (doneAt >= 0) {
        r.doneAt = at(doneAt);
    }
    return r;
}

Api::SnapperReport snapshotting(QList<Api::SnapperFilesystemReport> progress)
{
    Api::SnapperReport r;
    r.state = Api::SnapperState::Snapshotting;
    r.progress = std::move(progress);
    return r;
}

Api::SnapperReport roundOne()
{
    return snapshotting({fs(u"tank/a"_s, Api::SnapState::Done, u"zrepl_1"_s, 0, 1),
                         fs(u"tank/b"_s, Api::SnapState::Started, u"zrepl_1"_s, 1),
                         fs(u"tank/c"_s, Api::SnapState::Pending)});
}

}  // namespace

class TestSnapshottingModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void capturedSnapperWithoutFilesystems();
    void rowsAndCells();
    void worksForPushAndSource();
    void stateChangeUpdatesInPlace();
    void filesystemsComeAndGo();
    void hookErrors();
};

void TestSnapshottingModel::capturedSnapperWithoutFilesystems()
{
    SnapshottingModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setJob(u"snapjob"_s);
    model.update(load(u"status-snap-after-wakeup.json"_s));
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(model.report());
    QVERIFY(model.report()->state == Api::SnapperState::SyncUpErrWait);
    const QDateTime sleepUntil = model.report()->sleepUntil.toDateTime();
    QCOMPARE(model.summary(), u"failed to find the first snapshot time, retrying until %1: zfs exited with error: exit "
                              u"status 1 …"_s.arg(Format::dateTime(sleepUntil)));

    // A sink has no snapper.
    model.update(load(u"status-multi-idle.json"_s));
    model.setJob(u"sinkjob"_s);
    QVERIFY(!model.report());
    QCOMPARE(model.summary(), QString());
    // Pull jobs have no snapshotting either.
    model.setJob(u"pulljob"_s);
    QVERIFY(!model.report());
}

void TestSnapshottingModel::rowsAndCells()
{
    SnapshottingModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setJob(u"snap"_s);
    model.update(daemon({{u"snap"_s, snapJob(roundOne())}}));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), int(SnapshottingModel::ColumnCount));
    const QString t0 = Format::dateTime(at(0).toDateTime());
    const QString t1 = Format::dateTime(at(1).toDateTime());
    const QString none = Format::none();
    QCOMPARE(rowTexts(model), (QStringList{u"tank/a | Done | zrepl_1 | %1 | %2 | "_s.arg(t0, t1),
                                           u"tank/b | Started | zrepl_1 | %1 | %2 | "_s.arg(t1, none),
                                           u"tank/c | Pending | %1 | %1 | %1 | "_s.arg(none)}));
    QCOMPARE(model.index(0, SnapshottingModel::SnapshotColumn).data(Qt::ToolTipRole).toString(), u"tank/a@zrepl_1"_s);
    QCOMPARE(model.index(0, SnapshottingModel::DoneColumn).data(SortRole).toDateTime(), at(1).toDateTime());
    QVERIFY(!model.index(2, SnapshottingModel::DoneColumn).data(SortRole).toDateTime().isValid());
    QCOMPARE(model.index(2, SnapshottingModel::SnapshotColumn).data(FullTextRole).toString(), QString());
    QCOMPARE(model.summary(), u"snapshotting"_s);
    QCOMPARE(model.headerData(SnapshottingModel::HooksColumn, Qt::Horizontal).toString(), u"Hooks"_s);
}

void TestSnapshottingModel::worksForPushAndSource()
{
    SnapshottingModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.update(daemon({{u"push"_s, pushJob(std::nullopt, roundOne())},
                         {u"source"_s, sourceJob(snapshotting({fs(u"pool/x"_s, Api::SnapState::Error, u"s"_s, 5)}))}}));
    model.setJob(u"push"_s);
    QCOMPARE(model.rowCount(), 3);
    model.setJob(u"source"_s);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, SnapshottingModel::StateColumn).data().toString(), u"Error"_s);
    QVERIFY(model.index(0, SnapshottingModel::StateColumn).data(HasErrorRole).toBool());
    QCOMPARE(model.index(0, SnapshottingModel::StateColumn).data(Qt::ForegroundRole).value<QBrush>().color(),
             Format::errorColor());
}

void TestSnapshottingModel::stateChangeUpdatesInPlace()
{
    SnapshottingModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setJob(u"snap"_s);
    model.update(daemon({{u"snap"_s, snapJob(roundOne())}}));

    Api::SnapperReport next = roundOne();
    next.progress[1].state = Api::SnapState::Done;
    next.progress[1].doneAt = at(3);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.update(daemon({{u"snap"_s, snapJob(next)}}));
    QCOMPARE(inserted.count() + removed.count() + reset.count(), 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>(), model.index(1, SnapshottingModel::FilesystemColumn));
    QCOMPARE(changed.at(0).at(1).value<QModelIndex>(), model.index(1, SnapshottingModel::DoneColumn));
    QCOMPARE(model.index(1, SnapshottingModel::StateColumn).data().toString(), u"Done"_s);

    changed.clear();
    model.update(daemon({{u"snap"_s, snapJob(next)}}));
    QCOMPARE(changed.count(), 0);
}

void TestSnapshottingModel::filesystemsComeAndGo()
{
    SnapshottingModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setJob(u"snap"_s);
    model.update(daemon({{u"snap"_s, snapJob(roundOne())}}));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    // A new round: tank/a went away, tank/0 and tank/d are new (the daemon's list is unsorted here).
    model.update(daemon({{u"snap"_s, snapJob(snapshotting({fs(u"tank/d"_s, Api::SnapState::Pending),
                                                           fs(u"tank/b"_s, Api::SnapState::Pending),
                                                           fs(u"tank/0"_s, Api::SnapState::Pending),
                                                           fs(u"tank/c"_s, Api::SnapState::Pending)}))}}));
    QCOMPARE(reset.count(), 0);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(inserted.count(), 2);
    QStringList paths;
    for (int r = 0; r < model.rowCount(); ++r) {
        paths.append(model.index(r, 0).data().toString());
    }
    QCOMPARE(paths, (QStringList{u"tank/0"_s, u"tank/b"_s, u"tank/c"_s, u"tank/d"_s}));
}

void TestSnapshottingModel::hookErrors()
{
    Api::SnapperReport report = roundOne();
    report.progress[0].hooks = u"01 [done] pre snapshot\n02 [error] post snapshot: exit status 1"_s;
    report.progress[0].hooksHadError = true;
    report.progress[2].hooks = u"01 [pending] pre snapshot"_s;

    SnapshottingModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setJob(u"snap"_s);
    model.update(daemon({{u"snap"_s, snapJob(report)}}));
    const QModelIndex hooks = model.index(0, SnapshottingModel::HooksColumn);
    QCOMPARE(hooks.data().toString(), u"01 [done] pre snapshot …"_s);
    QCOMPARE(hooks.data(FullTextRole).toString(), report.progress[0].hooks);
    QCOMPARE(hooks.data(Qt::ToolTipRole).toString(), u"A hook failed:\n"_s + report.progress[0].hooks);
    QVERIFY(hooks.data(WarningRole).toBool());
    QCOMPARE(hooks.data(Qt::ForegroundRole).value<QBrush>().color(), Format::errorColor());
    QVERIFY(!hooks.data(HasErrorRole).toBool());  // the snapshot itself was taken
    const QModelIndex fine = model.index(2, SnapshottingModel::HooksColumn);
    QCOMPARE(fine.data().toString(), u"01 [pending] pre snapshot"_s);
    QVERIFY(!fine.data(WarningRole).toBool());
    QVERIFY(!fine.data(Qt::ForegroundRole).isValid());

    // The errors-only filter works on a flat model too: only the failed snapshot.
    report.progress[1].state = Api::SnapState::Error;
    model.update(daemon({{u"snap"_s, snapJob(report)}}));
    ErrorsOnlyFilter filter;
    QAbstractItemModelTester filterTester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    filter.setSourceModel(&model);
    filter.setErrorsOnly(true);
    QCOMPARE(filter.rowCount(), 1);
    QCOMPARE(filter.index(0, 0).data().toString(), u"tank/b"_s);
}

QTEST_MAIN(TestSnapshottingModel)
#include "TestSnapshottingModel.moc"
