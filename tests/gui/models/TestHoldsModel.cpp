// SPDX-License-Identifier: MIT
// The Holds pane's model from the daemon's holds report (tests/gui/data): one row per hold, bookmark and
// interrupted receive, kinds in words, ages from now with the exact time in the tooltip, stale items amber with
// their reason, the interrupted receive with how far it got; it follows the selected job and filesystem; an empty
// report and no report (zrepl) have no rows.
#include <QAbstractItemModelTester>
#include <QBrush>
#include <QSignalSpy>
#include <QTest>

#include "GuiTestData.h"
#include "app/models/Format.h"
#include "app/models/HoldsModel.h"
#include "app/models/ModelRole.h"

using namespace Gui;
using namespace Qt::StringLiterals;
using Kind = Api::AbstractionItem::Kind;

Q_DECLARE_METATYPE(Api::AbstractionItem::Kind)

namespace {

// The fixture's "now": 2026-11-24T12:00:00Z.
QDateTime fixtureNow()
{
    return QDateTime(QDate(2026, 11, 24), QTime(12, 0), Qt::UTC);
}

QStringList column(const QAbstractItemModel &model, int column, int role = Qt::DisplayRole)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row) {
        out.append(model.index(row, column).data(role).toString());
    }
    return out;
}

int rowOf(const QAbstractItemModel &model, int column, const QString &text)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row, column).data().toString() == text) {
            return row;
        }
    }
    return -1;
}

}  // namespace

class TestHoldsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rowsOfTheReport();
    void kindsInWords_data();
    void kindsInWords();
    void staleItemsAreAmberWithTheirReason();
    void interruptedReceiveSaysHowFarItGot();
    void agesFromNowWithTheExactTime();
    void followsTheSelection();
    void emptyReportHasNoRows();
    void noReportHasNoRows();
};

void TestHoldsModel::rowsOfTheReport()
{
    HoldsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setReport(GuiTestData::holdsReport());
    QCOMPARE(model.rowCount(), 7);
    QCOMPARE(model.columnCount(), int(HoldsModel::ColumnCount));
    // By filesystem; the interrupted receive first, then by kind.
    QCOMPARE(column(model, HoldsModel::FilesystemColumn),
             (QStringList{u"dst/sink/ws/src/home"_s,
                          u"dst/sink/ws/src/home"_s,
                          u"src/busy"_s,
                          u"src/home"_s,
                          u"src/home"_s,
                          u"src/home"_s,
                          u"src/home"_s}));
    QCOMPARE(column(model, HoldsModel::WhatColumn),
             (QStringList{u"Interrupted receive"_s,
                          u"Last-received hold"_s,
                          u"Step hold"_s,
                          u"Step hold"_s,
                          u"Step hold"_s,
                          u"Step bookmark"_s,
                          u"Replication cursor"_s}));
    QCOMPARE(column(model, HoldsModel::NameColumn),
             (QStringList{u"src/home@zrepl_20261124_110000_000"_s,
                          u"@zrepl_20261124_100000_000"_s,
                          u"@zrepl_20261124_120000_000"_s,
                          u"@zrepl_20261101_000000_000"_s,
                          u"@zrepl_20261124_110000_000"_s,
                          u"#zrepl_STEP_G_0000000000001234_J_push"_s,
                          u"#zrepl_CURSOR_G_000000000000abcd_J_push"_s}));
    QCOMPARE(column(model, HoldsModel::JobColumn),
             (QStringList{u"sink"_s, u"sink"_s, u"push"_s, u"oldjob"_s, u"push"_s, u"push"_s, u"push"_s}));
    QCOMPARE(model.staleCount(), 2);
    QCOMPARE(model.headerData(HoldsModel::WhatColumn, Qt::Horizontal).toString(), u"What"_s);
    QCOMPARE(model.headerData(HoldsModel::NameColumn, Qt::Horizontal).toString(), u"Snapshot or bookmark"_s);
    // The hold's tag and target in the tooltip: what `zfs release` would name.
    const int hold = rowOf(model, HoldsModel::NameColumn, u"@zrepl_20261101_000000_000"_s);
    QVERIFY2(model.index(hold, HoldsModel::NameColumn)
                 .data(Qt::ToolTipRole)
                 .toString()
                 .startsWith(u"Hold zrepl_STEP_J_oldjob on src/home@zrepl_20261101_000000_000"_s),
             qPrintable(model.index(hold, HoldsModel::NameColumn).data(Qt::ToolTipRole).toString()));
}

void TestHoldsModel::kindsInWords_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("words");
    QTest::addRow("step hold") << Kind::StepHold << u"Step hold"_s;
    QTest::addRow("step bookmark") << Kind::StepBookmark << u"Step bookmark"_s;
    QTest::addRow("last received") << Kind::LastReceivedHold << u"Last-received hold"_s;
    QTest::addRow("cursor") << Kind::ReplicationCursor << u"Replication cursor"_s;
    QTest::addRow("v1 cursor") << Kind::ReplicationCursorV1 << u"Replication cursor (zrepl before 0.3)"_s;
}

void TestHoldsModel::kindsInWords()
{
    QFETCH(Kind, kind);
    QFETCH(QString, words);
    QCOMPARE(HoldsModel::kindName(kind), words);
}

void TestHoldsModel::staleItemsAreAmberWithTheirReason()
{
    HoldsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setReport(GuiTestData::holdsReport());
    const QColor amber = Format::healthColor(Api::Health::Warning);
    int stale = 0;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex reason = model.index(row, HoldsModel::StaleColumn);
        const bool isStale = model.index(row, 0).data(WarningRole).toBool();
        stale += isStale ? 1 : 0;
        for (int c = 0; c < HoldsModel::ColumnCount; ++c) {
            const QVariant foreground = model.index(row, c).data(Qt::ForegroundRole);
            QCOMPARE(foreground.isValid(), isStale);
            if (isStale) {
                QCOMPARE(foreground.value<QBrush>().color(), amber);
            }
        }
        QCOMPARE(reason.data().toString().startsWith(u"Stale: "_s), isStale);
    }
    QCOMPARE(stale, 2);
    const int old = rowOf(model, HoldsModel::JobColumn, u"oldjob"_s);
    QCOMPARE(model.index(old, HoldsModel::StaleColumn).data().toString(),
             u"Stale: job oldjob is not configured any more"_s);
    QCOMPARE(model.index(old, HoldsModel::StaleColumn).data(Qt::ToolTipRole).toString(),
             u"job oldjob is not configured any more"_s);
    const int bookmark = rowOf(model, HoldsModel::WhatColumn, u"Step bookmark"_s);
    QCOMPARE(model.index(bookmark, HoldsModel::StaleColumn).data().toString(),
             u"Stale: the step it protected is done: the replication cursor is newer"_s);
    // What is in use says nothing in the Stale column.
    const int cursor = rowOf(model, HoldsModel::WhatColumn, u"Replication cursor"_s);
    QCOMPARE(model.index(cursor, HoldsModel::StaleColumn).data().toString(), QString());
    QCOMPARE(model.index(cursor, HoldsModel::PurposeColumn).data().toString(),
             u"the newest snapshot the receiver confirmed: the next incremental send starts here"_s);
}

void TestHoldsModel::interruptedReceiveSaysHowFarItGot()
{
    HoldsModel model;
    model.setReport(GuiTestData::holdsReport());
    const QModelIndex purpose = model.index(0, HoldsModel::PurposeColumn);
    const QString since = Format::dateTime(QDateTime(QDate(2026, 11, 24), QTime(11, 30), Qt::UTC));
    QCOMPARE(purpose.data().toString(),
             u"Interrupted receive of src/home@zrepl_20261124_110000_000: 120.0 MiB received, since %1"_s.arg(since));
    QCOMPARE(model.index(0, HoldsModel::JobColumn).data().toString(), u"sink"_s);
    QVERIFY2(model.index(0, HoldsModel::WhatColumn)
                 .data(Qt::ToolTipRole)
                 .toString()
                 .contains(u"Incremental from dst/sink/ws/src/home@zrepl_20261124_100000_000"_s),
             qPrintable(model.index(0, HoldsModel::WhatColumn).data(Qt::ToolTipRole).toString()));
    QVERIFY(!model.index(0, 0).data(WarningRole).toBool());
    QVERIFY(!model.index(0, 0).data(HasErrorRole).toBool());
    // A token that cannot be decoded is said, not hidden.
    Api::PartialReceive broken;
    broken.toName = u"src/home@s"_s;
    broken.bytes = 1024;
    broken.error = u"invalid token"_s;
    QCOMPARE(HoldsModel::partialReceiveText(broken),
             u"Interrupted receive of src/home@s: 1.0 KiB received (its resume token cannot be read: invalid token)"_s);
}

void TestHoldsModel::agesFromNowWithTheExactTime()
{
    HoldsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setReport(GuiTestData::holdsReport());
    model.setNow(fixtureNow());
    const int hold = rowOf(model, HoldsModel::NameColumn, u"@zrepl_20261124_110000_000"_s);
    const QModelIndex age = model.index(hold, HoldsModel::AgeColumn);
    QCOMPARE(age.data().toString(), u"1 h ago"_s);
    const QDateTime made(QDate(2026, 11, 24), QTime(11, 0), Qt::UTC);
    QCOMPARE(age.data(Qt::ToolTipRole).toString(), u"Made %1"_s.arg(Format::longDateTime(made)));
    QCOMPARE(age.data(SortRole).toDateTime(), made);
    const int old = rowOf(model, HoldsModel::JobColumn, u"oldjob"_s);
    QCOMPARE(model.index(old, HoldsModel::AgeColumn).data().toString(), u"23 d 12 h ago"_s);
    // The clock moves the ages on, signalling only their text.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setNow(fixtureNow().addSecs(3600));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().column(), int(HoldsModel::AgeColumn));
    QCOMPARE(age.data().toString(), u"2 h ago"_s);
}

void TestHoldsModel::followsTheSelection()
{
    HoldsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setReport(GuiTestData::holdsReport());
    // The sink job's received filesystem only.
    model.setJob(u"sink"_s);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.shownFilesystems().size(), 1);
    // The push job: its own filesystems, with whatever else is kept on them.
    model.setJob(u"push"_s);
    QCOMPARE(model.rowCount(), 5);
    // A job that is gone still shows where it left something.
    model.setJob(u"oldjob"_s);
    const QStringList filesystems = column(model, HoldsModel::FilesystemColumn);
    QCOMPARE(QSet<QString>(filesystems.cbegin(), filesystems.cend()), QSet<QString>{u"src/home"_s});
    // A selected filesystem wins over the job.
    model.setJob(u"push"_s);
    model.setFilesystem(u"src/busy"_s);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.filesystemOfRow(0), u"src/busy"_s);
    QCOMPARE(model.filesystemHolds(u"src/busy"_s)->runningStepJob, u"push"_s);
    // One the report does not name has nothing kept on it.
    model.setFilesystem(u"src/other"_s);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.filesystemHolds(u"src/other"_s), nullptr);
    model.setFilesystem({});
    model.setJob({});
    QCOMPARE(model.rowCount(), 7);
}

void TestHoldsModel::emptyReportHasNoRows()
{
    HoldsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setReport(GuiTestData::holdsReport());
    model.setReport(GuiTestData::holdsReport(u"holds-empty.json"_s));
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.staleCount(), 0);
    QVERIFY(model.report().has_value());
    QVERIFY(model.shownFilesystems().isEmpty());
}

void TestHoldsModel::noReportHasNoRows()
{
    // Against zrepl there is no report at all.
    HoldsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setReport(GuiTestData::holdsReport());
    model.setReport(std::nullopt);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.report().has_value());
    QCOMPARE(model.filesystemOfRow(0), QString());
}

QTEST_MAIN(TestHoldsModel)
#include "TestHoldsModel.moc"
