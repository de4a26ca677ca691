// SPDX-License-Identifier: MIT
// A file's versions as the history window shows them, from a fake snapshot tree through Restore::computeHistory:
// newest first, unchanged spans collapsed into one row that unfolds into its snapshots ("unchanged from … to …",
// "unchanged since …" for the current version), spans where it did not exist said plainly, the summary a user
// reads first ("2 versions · last changed 2 d ago"), and the path of each version inside its snapshot.
#include <QAbstractItemModelTester>
#include <QFont>
#include <QTest>

#include "FakeSnapshotTree.h"
#include "app/models/FileHistoryModel.h"
#include "app/models/Format.h"
#include "shared/restore/SnapshotCatalog.h"

using namespace Gui;
using namespace Qt::StringLiterals;

namespace {

QDateTime at(int day, int hour = 10)
{
    return QDateTime(QDate(2026, 12, day), QTime(hour, 0), Qt::UTC);
}

}  // namespace

class TestFileHistoryModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void versionsNewestFirstWithSpansCollapsed();
    void spansUnfoldIntoTheirSnapshots();
    void summaryLeadsWithWhatTheUserAsks();
    void deletedFileSaysWhenItWasLastSeen();
    void fileChangedSinceTheLastSnapshot();
    void noSnapshots();

private:
    // s1..s5 on 1..5 December: v1 in s1 and s2, nothing in s3, v2 (the current file) in s4 and s5.
    Restore::FileHistory history();

    std::unique_ptr<FakeSnapshotTree> m_tree;
    QStringList m_snapshots;  // oldest first
};

void TestFileHistoryModel::init()
{
    m_tree = std::make_unique<FakeSnapshotTree>();
    m_snapshots.clear();
    for (int day = 1; day <= 5; ++day) {
        m_snapshots.append(FakeSnapshotTree::snapshotName(at(day)));
        m_tree->addSnapshot(m_snapshots.last());
    }
    const QString rel = u"Documents/report.txt"_s;
    m_tree->writeInSnapshot(m_snapshots[0], rel, "first\n", at(1, 9));
    m_tree->keep(rel, m_snapshots[0], m_snapshots[1]);
    QDir().mkpath(m_tree->snapshotRoot(m_snapshots[2]) + u"/Documents"_s);
    m_tree->writeLive(rel, "second\n", at(4, 9));
    m_tree->keep(rel, QString(), m_snapshots[3]);
    m_tree->keep(rel, QString(), m_snapshots[4]);
}

Restore::FileHistory TestFileHistoryModel::history()
{
    const QList<Restore::SnapshotEntry> snapshots =
        Restore::SnapshotCatalog::list(m_tree->mountPoint(), m_tree->dataset(), {});
    return Restore::computeHistory(
        m_tree->mountPoint() + u"/Documents/report.txt"_s, u"Documents/report.txt"_s, snapshots);
}

void TestFileHistoryModel::versionsNewestFirstWithSpansCollapsed()
{
    FileHistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setHistory(history());
    QCOMPARE(model.rowCount(), 3);
    const auto cell = [&](int row, int column, int role = Qt::DisplayRole) {
        return model.index(row, column).data(role).toString();
    };
    // The current version: unchanged since the snapshot of 4 December.
    QCOMPARE(cell(0, FileHistoryModel::SnapshotsColumn),
             u"unchanged since %1 (2 snapshots)"_s.arg(Format::dateTime(at(4))));
    QCOMPARE(cell(0, FileHistoryModel::VersionColumn), u"Modified %1 (current)"_s.arg(Format::dateTime(at(4, 9))));
    QVERIFY(model.index(0, 0).data(Qt::FontRole).value<QFont>().bold());
    QCOMPARE(cell(0, FileHistoryModel::SizeColumn), Format::bytes(7));
    // Where it did not exist: said plainly, greyed.
    QCOMPARE(cell(1, FileHistoryModel::SnapshotsColumn), Format::dateTime(at(3)));
    QCOMPARE(cell(1, FileHistoryModel::VersionColumn), u"Did not exist"_s);
    QVERIFY(model.index(1, 0).data(Qt::ForegroundRole).isValid());
    QCOMPARE(cell(1, FileHistoryModel::VersionColumn, Qt::ToolTipRole), u"It did not exist in these snapshots"_s);
    // The first version, in two snapshots.
    QCOMPARE(cell(2, FileHistoryModel::SnapshotsColumn),
             u"unchanged from %1 to %2 (2 snapshots)"_s.arg(Format::dateTime(at(1)), Format::dateTime(at(2))));
    QCOMPARE(cell(2, FileHistoryModel::VersionColumn), u"Modified %1"_s.arg(Format::dateTime(at(1, 9))));
    QVERIFY(cell(2, FileHistoryModel::VersionColumn, Qt::ToolTipRole).startsWith(u"Modified "_s));
    // Which snapshots, in the tooltip too.
    const QString tip = cell(2, FileHistoryModel::SnapshotsColumn, Qt::ToolTipRole);
    QVERIFY2(tip.contains(m_snapshots[0]) && tip.contains(m_snapshots[1]) && !tip.contains(m_snapshots[2]),
             qPrintable(tip));
    // The version's file inside its (newest) snapshot; none for "did not exist".
    QCOMPARE(model.pathOf(model.index(2, 0)), m_tree->snapshotRoot(m_snapshots[1]) + u"/Documents/report.txt"_s);
    QVERIFY(model.pathOf(model.index(1, 0)).isEmpty());
    QCOMPARE(model.versionOf(model.index(2, 1)), std::optional<int>(2));
    QCOMPARE(model.versionOf(QModelIndex()), std::nullopt);
    QCOMPARE(model.snapshotOf(model.index(0, 0)), 0);
}

void TestFileHistoryModel::spansUnfoldIntoTheirSnapshots()
{
    FileHistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setHistory(history());
    const QModelIndex first = model.index(2, 0);
    QCOMPARE(model.rowCount(first), 2);
    QCOMPARE(model.rowCount(model.index(1, 0)), 0);  // one snapshot: its row says which
    const QModelIndex older = model.index(1, 0, first);
    QCOMPARE(older.parent(), first);
    QCOMPARE(older.data().toString(), Format::dateTime(at(1)));
    QCOMPARE(model.index(1, FileHistoryModel::VersionColumn, first).data().toString(), m_snapshots[0]);
    QCOMPARE(model.snapshotOf(older), 4);
    QCOMPARE(model.versionOf(older), std::optional<int>(2));
    QCOMPARE(model.pathOf(older), m_tree->snapshotRoot(m_snapshots[0]) + u"/Documents/report.txt"_s);
}

void TestFileHistoryModel::summaryLeadsWithWhatTheUserAsks()
{
    FileHistoryModel model;
    model.setNow(at(6, 9));
    model.setHistory(history());
    QCOMPARE(model.summary(), u"2 versions · last changed 2 d ago"_s);
}

void TestFileHistoryModel::deletedFileSaysWhenItWasLastSeen()
{
    QVERIFY(QFile::remove(m_tree->mountPoint() + u"/Documents/report.txt"_s));
    FileHistoryModel model;
    model.setHistory(history());
    QCOMPARE(model.summary(), u"2 versions · deleted; last seen in the snapshot of %1"_s.arg(Format::dateTime(at(5))));
    // No version is the current one now.
    QCOMPARE(model.index(0, FileHistoryModel::SnapshotsColumn).data().toString(),
             u"unchanged from %1 to %2 (2 snapshots)"_s.arg(Format::dateTime(at(4)), Format::dateTime(at(5))));
}

void TestFileHistoryModel::fileChangedSinceTheLastSnapshot()
{
    m_tree->writeLive(u"Documents/report.txt"_s, "third\n", at(5, 18));
    FileHistoryModel model;
    model.setNow(at(5, 20));
    model.setHistory(history());
    QCOMPARE(model.summary(), u"2 versions · last changed 2 h ago · changed since the last snapshot"_s);
}

void TestFileHistoryModel::noSnapshots()
{
    FileHistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setHistory(Restore::computeHistory(m_tree->mountPoint() + u"/x"_s, u"x"_s, {}));
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.summary(), u"No snapshots"_s);
    const QList<Restore::SnapshotEntry> snapshots =
        Restore::SnapshotCatalog::list(m_tree->mountPoint(), m_tree->dataset(), {});
    model.setHistory(Restore::computeHistory(m_tree->mountPoint() + u"/new.txt"_s, u"new.txt"_s, snapshots));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.summary(), u"In none of the 5 snapshots"_s);
}

QTEST_MAIN(TestFileHistoryModel)
#include "TestFileHistoryModel.moc"
