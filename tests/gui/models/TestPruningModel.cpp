// SPDX-License-Identifier: MIT
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include "StatusFixtures.h"
#include "app/models/Format.h"
#include "app/models/ModelRole.h"
#include "app/models/PruningModel.h"

using namespace Gui;
using namespace Fixtures;
using namespace Qt::StringLiterals;

namespace {

QList<Api::PrunerSnapshot> snapshots(std::initializer_list<const char16_t *> names)
{
    QList<Api::PrunerSnapshot> out;
    qint64 t = 0;
    for (const char16_t *name : names) {
        out.append(Api::PrunerSnapshot{QString::fromUtf16(name), true, at(t++)});
    }
    return out;
}

Api::PrunerFilesystemReport planned(const QString &name, QList<Api::PrunerSnapshot> all,
                                    QList<Api::PrunerSnapshot> destroy)
{
    Api::PrunerFilesystemReport fs;
    fs.filesystem = name;
    fs.snapshotList = std::move(all);
    fs.destroyList = std::move(destroy);
    return fs;
}

Api::PrunerFilesystemReport skipped(const QString &name, const QString &reason)
{
    Api::PrunerFilesystemReport fs;
    fs.filesystem = name;
    fs.skipReason = reason;
    return fs;
}

Api::PrunerReport executing(QList<Api::PrunerFilesystemReport> pending, QList<Api::PrunerFilesystemReport> completed)
{
    Api::PrunerReport r;
    r.state = Api::PrunerState::Exec;
    r.pending = std::move(pending);
    r.completed = std::move(completed);
    return r;
}

// tank/a is done, tank/b waits, tank/c is a placeholder.
Api::PrunerReport senderSide()
{
    return executing({planned(u"tank/b"_s, snapshots({u"b1", u"b2", u"b3"}), snapshots({u"b1"}))},
                     {planned(u"tank/a"_s, snapshots({u"a1", u"a2", u"a3", u"a4"}), snapshots({u"a1", u"a2"})),
                      skipped(u"tank/c"_s, u"filesystem is placeholder"_s)});
}

}  // namespace

class TestPruningModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void capturedPlanErrorsHaveNoRows();
    void snapJobRows();
    void pushJobHasBothSides();
    void movingToCompletedUpdatesInPlace();
    void errorsAndTooltips();
};

void TestPruningModel::capturedPlanErrorsHaveNoRows()
{
    PruningModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.update(load(u"status-multi-after-wakeup.json"_s));
    model.setJob(u"pushjob"_s);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.sides(), (QList<PruningModel::Side>{PruningModel::Side::Sender, PruningModel::Side::Receiver}));
    QVERIFY(model.report(PruningModel::Side::Sender)->state == Api::PrunerState::PlanErr);
    QVERIFY(!model.report(PruningModel::Side::Local));
    QCOMPARE(model.summary(), u"Sender: planning failed: zfs exited with error: exit status 1 …\n"
                              u"Receiver: planning failed: zfs exited with error: exit status 1 …"_s);

    model.setJob(u"snapjob"_s);  // pruning null until it first runs
    QVERIFY(model.sides().isEmpty());
    model.update(load(u"status-snap-after-wakeup.json"_s));
    QCOMPARE(model.sides(), QList<PruningModel::Side>{PruningModel::Side::Local});
    QCOMPARE(model.rowCount(), 0);
}

void TestPruningModel::snapJobRows()
{
    PruningModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setJob(u"snap"_s);
    model.update(daemon({{u"snap"_s, snapJob(std::nullopt, senderSide())}}));
    const QString none = Format::none();
    QCOMPARE(rowTexts(model), (QStringList{u"tank/a | Local | completed | 2 | 2 | "_s,
                                           u"tank/b | Local | pending | 2 | 1 | "_s,
                                           u"tank/c | Local | skipped: filesystem is placeholder | %1 | %1 | "_s.arg(none)}));
    QCOMPARE(model.index(0, PruningModel::KeptColumn).data(SortRole).toInt(), 2);
    QCOMPARE(model.index(2, PruningModel::KeptColumn).data(SortRole).toInt(), -1);
    QCOMPARE(model.summary(), u"Local: pruning"_s);
}

void TestPruningModel::pushJobHasBothSides()
{
    PruningModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Api::PrunerReport receiver = executing({}, {planned(u"backup/a"_s, snapshots({u"a1"}), {})});
    receiver.state = Api::PrunerState::Done;
    model.update(daemon({{u"push"_s, pushJob(std::nullopt, std::nullopt, senderSide(), receiver)}}));
    model.setJob(u"push"_s);
    QCOMPARE(model.rowCount(), 4);
    QStringList sides;
    for (int r = 0; r < model.rowCount(); ++r) {
        sides.append(model.index(r, PruningModel::SideColumn).data().toString());
    }
    QCOMPARE(sides, (QStringList{u"Sender"_s, u"Sender"_s, u"Sender"_s, u"Receiver"_s}));
    QCOMPARE(model.index(3, 0).data().toString(), u"backup/a"_s);
    QCOMPARE(model.index(3, PruningModel::KeptColumn).data().toString(), u"1"_s);
    QCOMPARE(model.index(3, PruningModel::DestroyedColumn).data().toString(), u"0"_s);
    QCOMPARE(model.summary(), u"Sender: pruning\nReceiver: done"_s);
}

void TestPruningModel::movingToCompletedUpdatesInPlace()
{
    PruningModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setJob(u"snap"_s);
    model.update(daemon({{u"snap"_s, snapJob(std::nullopt, senderSide())}}));

    Api::PrunerReport next = senderSide();
    next.completed->append(next.pending->takeFirst());  // tank/b is done
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.update(daemon({{u"snap"_s, snapJob(std::nullopt, next)}}));
    QCOMPARE(inserted.count() + removed.count() + reset.count(), 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>(), model.index(1, PruningModel::StatusColumn));
    QCOMPARE(changed.at(0).at(1).value<QModelIndex>(), model.index(1, PruningModel::StatusColumn));
    QCOMPARE(model.index(1, PruningModel::StatusColumn).data().toString(), u"completed"_s);

    // A new plan without tank/c, and with tank/d.
    changed.clear();
    Api::PrunerReport replanned = executing({planned(u"tank/d"_s, snapshots({u"d1"}), {})}, *next.completed);
    replanned.completed->removeLast();
    model.update(daemon({{u"snap"_s, snapJob(std::nullopt, replanned)}}));
    QCOMPARE(reset.count(), 0);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(2, 0).data().toString(), u"tank/d"_s);
}

void TestPruningModel::errorsAndTooltips()
{
    Api::PrunerReport report = senderSide();
    (*report.completed)[0].lastError = u"destroy tank/a@a2: dataset is busy\nretrying later"_s;
    PruningModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setJob(u"snap"_s);
    model.update(daemon({{u"snap"_s, snapJob(std::nullopt, report)}}));
    const QModelIndex error = model.index(0, PruningModel::ErrorColumn);
    QCOMPARE(error.data().toString(), u"destroy tank/a@a2: dataset is busy …"_s);
    QCOMPARE(error.data(Qt::ToolTipRole).toString(), report.completed->at(0).lastError);
    QCOMPARE(error.data(FullTextRole).toString(), report.completed->at(0).lastError);
    QVERIFY(error.data(HasErrorRole).toBool());
    QVERIFY(!model.index(1, 0).data(HasErrorRole).toBool());
    QCOMPARE(model.index(0, PruningModel::DestroyedColumn).data(Qt::ToolTipRole).toString(),
             u"Destroyed:\ntank/a@a1\ntank/a@a2"_s);
    QCOMPARE(model.index(1, PruningModel::DestroyedColumn).data(Qt::ToolTipRole).toString(), u"To destroy:\ntank/b@b1"_s);
    QVERIFY(!model.index(2, PruningModel::DestroyedColumn).data(Qt::ToolTipRole).isValid());
}

QTEST_MAIN(TestPruningModel)
#include "TestPruningModel.moc"
