// SPDX-License-Identifier: MIT
// The Restore view's folder listing on a fake snapshot tree: folders first and names as people sort them, sizes
// for files only, exact times in the tooltips; a large folder arrives in batches that are appended (rows inserted,
// never a reset per batch) while the GUI thread stays free; batches of a folder the user has left are dropped; a
// folder that cannot be listed says why; QAbstractItemModelTester watches throughout.
#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

#include "FakeSnapshotTree.h"
#include "app/models/ModelRole.h"
#include "app/models/SnapshotDirectoryModel.h"

using namespace Gui;
using namespace Qt::StringLiterals;

namespace {

QDateTime at(int day, int hour = 12)
{
    return QDateTime(QDate(2026, 12, day), QTime(hour, 0), Qt::UTC);
}

QStringList names(const SnapshotDirectoryModel &model)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row) {
        out.append(model.index(row, SnapshotDirectoryModel::NameColumn).data().toString());
    }
    return out;
}

}  // namespace

class TestSnapshotDirectoryModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listsFoldersFirstInNaturalOrder();
    void cellsSayWhatAUserReads();
    void largeFolderArrivesInAppendedBatches();
    void batchesOfAFolderLeftBehindAreDropped();
    void missingFolderSaysWhy();
    void emptyPathClears();
};

void TestSnapshotDirectoryModel::listsFoldersFirstInNaturalOrder()
{
    FakeSnapshotTree tree;
    const QString root = tree.addSnapshot(u"zrepl_20261201_100000_000"_s);
    for (const QString &name : {u"file10.txt"_s, u"file9.txt"_s, u"Alpha.txt"_s}) {
        FakeSnapshotTree::writeFile(root, name, "x", at(1));
    }
    QDir().mkpath(root + u"/zeta"_s);
    QDir().mkpath(root + u"/Docs"_s);
    SnapshotDirectoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy finished(&model, &SnapshotDirectoryModel::loadingFinished);
    model.setDirectory(root);
    QCOMPARE(model.directory(), root);
    QVERIFY(model.isLoading());
    QVERIFY(finished.wait());
    QCOMPARE(finished.first().first().toString(), QString());
    QVERIFY(!model.isLoading());
    QCOMPARE(names(model), (QStringList{u"Docs"_s, u"zeta"_s, u"Alpha.txt"_s, u"file9.txt"_s, u"file10.txt"_s}));
    QCOMPARE(model.entry(0).state.type, Restore::FileState::Type::Directory);
    QCOMPARE(model.filePath(4), root + u"/file10.txt"_s);
    QCOMPARE(model.rowOf(u"file9.txt"_s), 3);
    QCOMPARE(model.rowOf(u"nothere"_s), -1);
    QCOMPARE(model.entry(99).state.type, Restore::FileState::Type::Missing);
    QVERIFY(model.filePath(-1).isEmpty());
}

void TestSnapshotDirectoryModel::cellsSayWhatAUserReads()
{
    FakeSnapshotTree tree;
    const QString root = tree.addSnapshot(u"s"_s);
    FakeSnapshotTree::writeFile(root, u"report.odt"_s, QByteArray(2048, 'a'), at(3, 9));
    QDir().mkpath(root + u"/folder"_s);
    QVERIFY(QFile::link(u"report.odt"_s, root + u"/link"_s));
    SnapshotDirectoryModel model;
    QSignalSpy finished(&model, &SnapshotDirectoryModel::loadingFinished);
    model.setDirectory(root);
    QVERIFY(finished.wait());
    QCOMPARE(names(model), (QStringList{u"folder"_s, u"link"_s, u"report.odt"_s}));
    const int file = model.rowOf(u"report.odt"_s);
    QCOMPARE(model.index(file, SnapshotDirectoryModel::SizeColumn).data().toString(), u"2.0 KiB"_s);
    QCOMPARE(model.index(file, SnapshotDirectoryModel::SizeColumn).data(Qt::ToolTipRole).toString(),
             QLocale().toString(2048) + u" bytes"_s);
    QCOMPARE(model.index(file, SnapshotDirectoryModel::SizeColumn).data(SortRole).toLongLong(), 2048);
    QVERIFY(!model.index(file, SnapshotDirectoryModel::ModifiedColumn).data().toString().isEmpty());
    QVERIFY2(model.index(file, SnapshotDirectoryModel::ModifiedColumn)
                 .data(Qt::ToolTipRole)
                 .toString()
                 .startsWith(u"Modified "_s),
             qPrintable(model.index(file, SnapshotDirectoryModel::ModifiedColumn).data(Qt::ToolTipRole).toString()));
    QCOMPARE(model.index(file, SnapshotDirectoryModel::NameColumn).data(FullTextRole).toString(),
             root + u"/report.odt"_s);
    // A folder's own size means nothing to a user: none is shown.
    QCOMPARE(model.index(0, SnapshotDirectoryModel::SizeColumn).data().toString(), QString());
    QVERIFY(!model.index(0, SnapshotDirectoryModel::NameColumn).data(Qt::DecorationRole).value<QIcon>().isNull());
    const QString linkTip = model.index(1, SnapshotDirectoryModel::NameColumn).data(Qt::ToolTipRole).toString();
    QVERIFY2(linkTip.contains(u"symbolic link"_s), qPrintable(linkTip));
    QCOMPARE(model.headerData(SnapshotDirectoryModel::ModifiedColumn, Qt::Horizontal).toString(), u"Modified"_s);
}

void TestSnapshotDirectoryModel::largeFolderArrivesInAppendedBatches()
{
    FakeSnapshotTree tree;
    const QString root = tree.addSnapshot(u"s"_s);
    constexpr int Files = 10000;
    for (int i = 0; i < Files; ++i) {
        QFile file(root + u"/file%1"_s.arg(i));
        QVERIFY(file.open(QIODevice::WriteOnly));
    }
    // No QAbstractItemModelTester here: it checks every row on every insertion, which is what is timed.
    SnapshotDirectoryModel model;
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy finished(&model, &SnapshotDirectoryModel::loadingFinished);
    QElapsedTimer timer;
    timer.start();
    model.setDirectory(root);
    // setDirectory() itself does no file system work.
    QVERIFY2(timer.elapsed() < 16, qPrintable(QString::number(timer.elapsed())));
    // The GUI thread stays free while the lister works: the event loop keeps turning.
    qint64 longestTurn = 0;
    qint64 last = timer.elapsed();
    while (finished.isEmpty()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        const qint64 now = timer.elapsed();
        longestTurn = std::max(longestTurn, now - last);
        last = now;
        QVERIFY(now < 30000);
    }
    QCOMPARE(model.rowCount(), Files);
    QCOMPARE(resets.count(), 1);  // setDirectory()'s, none per batch
    QCOMPARE(inserted.count(), (Files + Restore::DirectoryLister::BatchSize - 1) / Restore::DirectoryLister::BatchSize);
    QCOMPARE(inserted.first().at(1).toInt(), 0);
    QCOMPARE(inserted.at(1).at(1).toInt(), Restore::DirectoryLister::BatchSize);
    QCOMPARE(model.index(Files - 1, 0).data().toString(), u"file9999"_s);
    qInfo("10,000 entries listed in %lld ms, longest GUI-thread turn %lld ms", timer.elapsed(), longestTurn);
    // Generous for a busy 2-core machine; a reset or a sort per batch would take far longer.
    QVERIFY2(longestTurn < 200, qPrintable(QString::number(longestTurn)));
}

void TestSnapshotDirectoryModel::batchesOfAFolderLeftBehindAreDropped()
{
    FakeSnapshotTree tree;
    const QString big = tree.addSnapshot(u"big"_s);
    for (int i = 0; i < 3000; ++i) {
        QFile file(big + u"/big%1"_s.arg(i));
        QVERIFY(file.open(QIODevice::WriteOnly));
    }
    const QString small = tree.addSnapshot(u"small"_s);
    FakeSnapshotTree::writeFile(small, u"only.txt"_s, "1", at(2));
    SnapshotDirectoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy finished(&model, &SnapshotDirectoryModel::loadingFinished);
    model.setDirectory(big);
    model.setDirectory(small);
    QVERIFY(finished.wait());
    // Whatever of the big folder was on its way: nothing of it shows, and it does not finish the small one.
    QTest::qWait(300);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(names(model), QStringList{u"only.txt"_s});
    QCOMPARE(model.directory(), small);
}

void TestSnapshotDirectoryModel::missingFolderSaysWhy()
{
    FakeSnapshotTree tree;
    SnapshotDirectoryModel model;
    QSignalSpy finished(&model, &SnapshotDirectoryModel::loadingFinished);
    const QString missing = tree.snapshotRoot(u"gone"_s) + u"/Documents"_s;
    model.setDirectory(missing);
    QVERIFY(finished.wait());
    const QString error = finished.first().first().toString();
    QVERIFY2(error.contains(missing) && error.contains(u"No such file or directory"_s), qPrintable(error));
    QCOMPARE(model.error(), error);
    QCOMPARE(model.rowCount(), 0);
}

void TestSnapshotDirectoryModel::emptyPathClears()
{
    FakeSnapshotTree tree;
    const QString root = tree.addSnapshot(u"s"_s);
    FakeSnapshotTree::writeFile(root, u"a"_s, "1", at(2));
    SnapshotDirectoryModel model;
    QSignalSpy finished(&model, &SnapshotDirectoryModel::loadingFinished);
    model.setDirectory(root);
    QVERIFY(finished.wait());
    QCOMPARE(model.rowCount(), 1);
    model.setDirectory({});
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.isLoading());
    QVERIFY(model.error().isEmpty());
}

QTEST_MAIN(TestSnapshotDirectoryModel)
#include "TestSnapshotDirectoryModel.moc"
