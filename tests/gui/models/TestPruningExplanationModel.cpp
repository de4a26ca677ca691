// SPDX-License-Identifier: MIT
// "Why is this snapshot still here?": the pruning explanation of one filesystem (tests/gui/data) as rows with a
// verdict and the daemon's sentence; a held snapshot is amber and names its hold; the keep rules are in the
// tooltip; the detail line and the summary say it in one line; no explanation has no rows.
#include <QAbstractItemModelTester>
#include <QBrush>
#include <QTest>

#include "GuiTestData.h"
#include "app/models/Format.h"
#include "app/models/ModelRole.h"
#include "app/models/PruningExplanationModel.h"

using namespace Gui;
using namespace Qt::StringLiterals;

class TestPruningExplanationModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void verdictsPerSnapshot();
    void heldSnapshotNamesItsHold();
    void keepRulesInTheTooltip();
    void detailLineAndSummary();
    void noExplanationHasNoRows();
};

void TestPruningExplanationModel::verdictsPerSnapshot()
{
    PruningExplanationModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setExplanation(GuiTestData::pruningExplanation());
    QCOMPARE(model.rowCount(), 3);
    QStringList verdicts;
    QStringList snapshots;
    for (int row = 0; row < 3; ++row) {
        verdicts.append(model.index(row, PruningExplanationModel::VerdictColumn).data().toString());
        snapshots.append(model.index(row, PruningExplanationModel::SnapshotColumn).data().toString());
        QCOMPARE(model.index(row, PruningExplanationModel::SideColumn).data().toString(), u"Sender"_s);
    }
    QCOMPARE(verdicts, (QStringList{u"Destroyed"_s, u"Held"_s, u"Kept"_s}));
    QCOMPARE(
        snapshots,
        (QStringList{u"zrepl_20261120_000000_000"_s, u"zrepl_20261121_100000_000"_s, u"zrepl_20261124_110000_000"_s}));
    QCOMPARE(model.index(2, PruningExplanationModel::ExplanationColumn).data().toString(),
             u"Kept by last_n: the newest 10."_s);
    QCOMPARE(model.index(0, PruningExplanationModel::SnapshotColumn).data(Qt::ToolTipRole).toString(),
             u"src/home@zrepl_20261120_000000_000"_s);
    QCOMPARE(model.index(0, PruningExplanationModel::CreatedColumn).data(SortRole).toDateTime(),
             QDateTime(QDate(2026, 11, 20), QTime(0, 0), Qt::UTC));
    QCOMPARE(model.headerData(PruningExplanationModel::ExplanationColumn, Qt::Horizontal).toString(), u"Why"_s);
}

void TestPruningExplanationModel::heldSnapshotNamesItsHold()
{
    PruningExplanationModel model;
    model.setExplanation(GuiTestData::pruningExplanation());
    const QModelIndex held = model.index(1, PruningExplanationModel::ExplanationColumn);
    QCOMPARE(held.data().toString(),
             u"The keep rules would destroy it, but held by zrepl_STEP_J_push (replication step in progress)."_s);
    QVERIFY(held.data(WarningRole).toBool());
    QCOMPARE(held.data(Qt::ForegroundRole).value<QBrush>().color(), Format::healthColor(Api::Health::Warning));
    QCOMPARE(held.data(Qt::ToolTipRole).toString(),
             u"The keep rules would destroy it, but: held by zrepl_STEP_J_push (replication step in progress)"_s);
    // Kept and destroyed ones are not a warning.
    QVERIFY(!model.index(0, 0).data(WarningRole).toBool());
    QVERIFY(!model.index(2, 0).data(WarningRole).toBool());
    QVERIFY(!model.index(2, 0).data(Qt::ForegroundRole).isValid());
}

void TestPruningExplanationModel::keepRulesInTheTooltip()
{
    PruningExplanationModel model;
    model.setExplanation(GuiTestData::pruningExplanation());
    QCOMPARE(model.index(2, PruningExplanationModel::VerdictColumn).data(Qt::ToolTipRole).toString(),
             u"Kept by last_n: the newest 10\nKept by not_replicated: not on the receiver yet\nNot replicated yet"_s);
    QVERIFY(!model.index(0, PruningExplanationModel::VerdictColumn).data(Qt::ToolTipRole).isValid());
}

void TestPruningExplanationModel::detailLineAndSummary()
{
    PruningExplanationModel model;
    model.setExplanation(GuiTestData::pruningExplanation());
    QCOMPARE(model.detailText(1),
             u"src/home@zrepl_20261121_100000_000: The keep rules would destroy it, but held by zrepl_STEP_J_push "
             "(replication step in progress)."_s);
    QCOMPARE(model.detailText(7), QString());
    QCOMPARE(model.summary(),
             u"3 snapshots: 1 kept, 1 held, 1 destroyed (pruning round of %1)"_s.arg(
                 Format::dateTime(QDateTime(QDate(2026, 11, 24), QTime(12, 0), Qt::UTC))));
    // Without the daemon's sentence the reasons stand in.
    Api::PruningExplanation bare = GuiTestData::pruningExplanation();
    bare.filesystems[0].snapshots[2].explanation.clear();
    model.setExplanation(bare);
    QCOMPARE(model.detailText(2),
             u"src/home@zrepl_20261124_110000_000: Kept by last_n: the newest 10; Kept by not_replicated: not on the "
             "receiver yet; Not replicated yet"_s);
}

void TestPruningExplanationModel::noExplanationHasNoRows()
{
    PruningExplanationModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setExplanation(GuiTestData::pruningExplanation());
    model.setExplanation(std::nullopt);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.summary(), QString());
    model.setExplanation(Api::PruningExplanation{});
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.verdict(0));
}

QTEST_MAIN(TestPruningExplanationModel)
#include "TestPruningExplanationModel.moc"
