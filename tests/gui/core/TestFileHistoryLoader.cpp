// SPDX-License-Identifier: MIT
// Finding a file's versions off the GUI thread on a fake snapshot tree ($HOLDFAST_MOUNTINFO): from its path alone
// (the mount table, then the snapshots, then a stat in each), for a deleted file, through a symbolic link, from a
// path inside .zfs/snapshot; a path on no ZFS filesystem says so; a cancelled or superseded lookup never answers.
#include <QSignalSpy>
#include <QTest>

#include "FakeSnapshotTree.h"
#include "app/core/FileHistoryLoader.h"

using namespace Gui;
using namespace Qt::StringLiterals;

namespace {

QDateTime at(int day, int hour = 10)
{
    return QDateTime(QDate(2026, 12, day), QTime(hour, 0), Qt::UTC);
}

}  // namespace

class TestFileHistoryLoader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void fromThePathAlone();
    void deletedFileInADeletedFolder();
    void throughASymbolicLink();
    void fromInsideASnapshot();
    void notOnZfs();
    void cancelledLookupNeverAnswers();
    void overSnapshotsListedAlready();

private:
    FileHistoryResult loadAndWait(FileHistoryLoader &loader, const QString &path);

    std::unique_ptr<FakeSnapshotTree> m_tree;
    QStringList m_snapshots;  // oldest first
};

void TestFileHistoryLoader::init()
{
    m_tree = std::make_unique<FakeSnapshotTree>();
    m_snapshots.clear();
    for (int day = 1; day <= 3; ++day) {
        m_snapshots.append(FakeSnapshotTree::snapshotName(at(day)));
        m_tree->addSnapshot(m_snapshots.last());
    }
    // v1 on the 1st, v2 (now) on the 2nd and 3rd.
    m_tree->writeInSnapshot(m_snapshots[0], u"Documents/report.txt"_s, "one\n", at(1, 9));
    m_tree->writeLive(u"Documents/report.txt"_s, "two\n", at(2, 9));
    m_tree->keep(u"Documents/report.txt"_s, QString(), m_snapshots[1]);
    m_tree->keep(u"Documents/report.txt"_s, QString(), m_snapshots[2]);
    m_tree->installMountinfo();
}

void TestFileHistoryLoader::cleanup()
{
    m_tree.reset();
}

FileHistoryResult TestFileHistoryLoader::loadAndWait(FileHistoryLoader &loader, const QString &path)
{
    QSignalSpy finished(&loader, &FileHistoryLoader::finished);
    loader.load(path);
    if (!finished.wait(10000)) {
        qWarning("no answer for %s", qPrintable(path));
        return {};
    }
    return finished.first().first().value<FileHistoryResult>();
}

void TestFileHistoryLoader::fromThePathAlone()
{
    FileHistoryLoader loader;
    loader.setSnapshotQuery({});  // no zfs here: times from the names
    const FileHistoryResult result = loadAndWait(loader, m_tree->mountPoint() + u"/Documents/report.txt"_s);
    QCOMPARE(result.error, QString());
    QCOMPARE(result.mount.dataset, m_tree->dataset());
    QCOMPARE(result.history.livePath, m_tree->mountPoint() + u"/Documents/report.txt"_s);
    QCOMPARE(result.history.relativePath, u"Documents/report.txt"_s);
    QCOMPARE(result.history.snapshots.size(), 3);
    QCOMPARE(result.history.snapshots.first().name, m_snapshots[2]);  // newest first
    QCOMPARE(result.history.versions.size(), 2);
    QVERIFY(result.history.versions[0].current);
    QCOMPARE(result.history.versions[0].snapshotCount(), 2);
    QCOMPARE(result.history.versions[1].state.size, 4);
    QVERIFY(!loader.isLoading());
}

void TestFileHistoryLoader::deletedFileInADeletedFolder()
{
    QVERIFY(QDir(m_tree->mountPoint() + u"/Documents"_s).removeRecursively());
    FileHistoryLoader loader;
    loader.setSnapshotQuery({});
    const FileHistoryResult result = loadAndWait(loader, m_tree->mountPoint() + u"/Documents/report.txt"_s);
    QCOMPARE(result.error, QString());
    QVERIFY(!result.history.live.exists());
    QCOMPARE(result.history.contentVersions(), 2);
}

void TestFileHistoryLoader::throughASymbolicLink()
{
    // A file manager may name it by a path through a link; the mount table knows only the real one.
    const QString link = m_tree->temporaryPath() + u"/shortcut"_s;
    QVERIFY(QFile::link(m_tree->mountPoint() + u"/Documents"_s, link));
    QCOMPARE(FileHistoryLoader::resolvePath(link + u"/report.txt"_s),
             m_tree->mountPoint() + u"/Documents/report.txt"_s);
    QCOMPARE(FileHistoryLoader::resolvePath(link + u"/gone/deeper.txt"_s),
             m_tree->mountPoint() + u"/Documents/gone/deeper.txt"_s);
    FileHistoryLoader loader;
    loader.setSnapshotQuery({});
    const FileHistoryResult result = loadAndWait(loader, link + u"/report.txt"_s);
    QCOMPARE(result.error, QString());
    QCOMPARE(result.history.versions.size(), 2);
}

void TestFileHistoryLoader::fromInsideASnapshot()
{
    FileHistoryLoader loader;
    loader.setSnapshotQuery({});
    const FileHistoryResult result =
        loadAndWait(loader, m_tree->snapshotRoot(m_snapshots[0]) + u"/Documents/report.txt"_s);
    QCOMPARE(result.error, QString());
    // The versions of the file it is a version of.
    QCOMPARE(result.history.livePath, m_tree->mountPoint() + u"/Documents/report.txt"_s);
    QCOMPARE(result.history.versions.size(), 2);
}

void TestFileHistoryLoader::notOnZfs()
{
    const QTemporaryDir elsewhere;
    FileHistoryLoader loader;
    loader.setSnapshotQuery({});
    const FileHistoryResult result = loadAndWait(loader, elsewhere.filePath(u"notes.txt"_s));
    QVERIFY2(result.error.contains(u"is not on a mounted ZFS filesystem"_s), qPrintable(result.error));
    QVERIFY(result.history.versions.isEmpty());
    QCOMPARE(loadAndWait(loader, u"  "_s).error, u"No file was given."_s);
}

void TestFileHistoryLoader::cancelledLookupNeverAnswers()
{
    FileHistoryLoader loader;
    loader.setSnapshotQuery({});
    QSignalSpy finished(&loader, &FileHistoryLoader::finished);
    loader.load(m_tree->mountPoint() + u"/Documents/report.txt"_s);
    QVERIFY(loader.isLoading());
    loader.cancel();
    QVERIFY(!loader.isLoading());
    QTest::qWait(500);
    QCOMPARE(finished.count(), 0);
    // A second lookup replaces the first: one answer, the second's.
    loader.load(m_tree->mountPoint() + u"/nothere.txt"_s);
    loader.load(m_tree->mountPoint() + u"/Documents/report.txt"_s);
    QVERIFY(finished.wait());
    QTest::qWait(300);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.first().first().value<FileHistoryResult>().history.relativePath, u"Documents/report.txt"_s);
}

void TestFileHistoryLoader::overSnapshotsListedAlready()
{
    FileHistoryLoader first;
    first.setSnapshotQuery({});
    const FileHistoryResult listed = loadAndWait(first, m_tree->mountPoint() + u"/Documents/report.txt"_s);
    FileHistoryLoader loader;
    QSignalSpy finished(&loader, &FileHistoryLoader::finished);
    loader.load(m_tree->mountPoint() + u"/Documents/report.txt"_s, u"Documents/report.txt"_s, listed.history.snapshots);
    QVERIFY(finished.wait());
    const FileHistoryResult result = finished.first().first().value<FileHistoryResult>();
    QCOMPARE(result.history.versions.size(), 2);
    QCOMPARE(result.history.snapshots, listed.history.snapshots);
}

QTEST_GUILESS_MAIN(TestFileHistoryLoader)
#include "TestFileHistoryLoader.moc"
