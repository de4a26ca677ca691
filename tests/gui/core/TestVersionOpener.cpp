// SPDX-License-Identifier: MIT
// Opening a version read-only: a file is copied into a private folder (0700) as a read-only copy (0400) named
// after its snapshot's time, then handed to the desktop; a folder is opened where it is in its snapshot; a folder
// for the copies that is a link or someone else's is refused; copies older than a day go; failures say why.
#include <QSignalSpy>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

#include "FakeSnapshotTree.h"
#include "app/core/VersionOpener.h"

using namespace Gui;
using namespace Qt::StringLiterals;

namespace {

QDateTime at(int day, int hour = 10)
{
    return QDateTime(QDate(2026, 12, day), QTime(hour, 0), Qt::UTC);
}

mode_t modeOf(const QString &path)
{
    struct stat info = {};
    ::lstat(QFile::encodeName(path).constData(), &info);
    return info.st_mode & 07777;
}

}  // namespace

class TestVersionOpener : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void fileIsCopiedReadOnlyAndOpened();
    void folderIsOpenedWhereItIs();
    void missingVersionSaysSo();
    void launcherFailureSaysSo();
    void refusesAFolderThatIsNotPrivate_data();
    void refusesAFolderThatIsNotPrivate();
    void oldCopiesGo();

private:
    std::unique_ptr<FakeSnapshotTree> m_tree;
    std::unique_ptr<QTemporaryDir> m_base;
    QString m_snapshot;
    QList<QUrl> m_launched;
    std::unique_ptr<VersionOpener> m_opener;
};

void TestVersionOpener::init()
{
    m_tree = std::make_unique<FakeSnapshotTree>();
    m_base = std::make_unique<QTemporaryDir>();
    m_snapshot = FakeSnapshotTree::snapshotName(at(5, 14));
    m_tree->addSnapshot(m_snapshot);
    m_tree->writeInSnapshot(m_snapshot, u"Documents/report.odt"_s, "the report", at(5, 13));
    m_launched.clear();
    m_opener = std::make_unique<VersionOpener>();
    m_opener->setBaseDirectory(m_base->path());
    m_opener->setLauncher([this](const QUrl &url) {
        m_launched.append(url);
        return true;
    });
}

void TestVersionOpener::fileIsCopiedReadOnlyAndOpened()
{
    QSignalSpy opened(m_opener.get(), &VersionOpener::opened);
    const QString source = m_tree->snapshotRoot(m_snapshot) + u"/Documents/report.odt"_s;
    m_opener->open(source, at(5, 14));
    QVERIFY(opened.wait());
    const QString copy = opened.first().first().toString();
    QCOMPARE(m_launched, QList<QUrl>{QUrl::fromLocalFile(copy)});
    QVERIFY2(copy.startsWith(m_opener->privateDirectory() + u'/'), qPrintable(copy));
    const QString stamp = at(5, 14).toLocalTime().toString(u"yyyy-MM-dd HH.mm"_s);
    QCOMPARE(QFileInfo(copy).fileName(), u"report (from %1).odt"_s.arg(stamp));
    QCOMPARE(modeOf(m_opener->privateDirectory()), mode_t(0700));
    QCOMPARE(modeOf(QFileInfo(copy).absolutePath()), mode_t(0700));
    QCOMPARE(modeOf(copy), mode_t(0400));
    QFile file(copy);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("the report"));
    QCOMPARE(QFileInfo(copy).lastModified().toUTC(), at(5, 13));
}

void TestVersionOpener::folderIsOpenedWhereItIs()
{
    QSignalSpy opened(m_opener.get(), &VersionOpener::opened);
    const QString folder = m_tree->snapshotRoot(m_snapshot) + u"/Documents"_s;
    m_opener->open(folder, at(5, 14));
    QVERIFY(opened.wait());
    QCOMPARE(m_launched, QList<QUrl>{QUrl::fromLocalFile(folder)});
    QVERIFY(!QFileInfo::exists(m_opener->privateDirectory()));
}

void TestVersionOpener::missingVersionSaysSo()
{
    QSignalSpy failed(m_opener.get(), &VersionOpener::failed);
    const QString missing = m_tree->snapshotRoot(m_snapshot) + u"/gone.txt"_s;
    m_opener->open(missing, at(5, 14));
    QVERIFY(failed.wait());
    QCOMPARE(failed.first().first().toString(), u"%1 is not there."_s.arg(missing));
    QVERIFY(m_launched.isEmpty());
}

void TestVersionOpener::launcherFailureSaysSo()
{
    m_opener->setLauncher([](const QUrl &) { return false; });
    QSignalSpy failed(m_opener.get(), &VersionOpener::failed);
    m_opener->open(m_tree->snapshotRoot(m_snapshot) + u"/Documents/report.odt"_s, at(5, 14));
    QVERIFY(failed.wait());
    QVERIFY2(failed.first().first().toString().startsWith(u"No application could be started to open "_s),
             qPrintable(failed.first().first().toString()));
}

void TestVersionOpener::refusesAFolderThatIsNotPrivate_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addRow("a link to another folder") << u"link"_s;
    QTest::addRow("another user's") << u"foreign"_s;
}

void TestVersionOpener::refusesAFolderThatIsNotPrivate()
{
    QFETCH(QString, kind);
    const QString directory = m_opener->privateDirectory();
    if (kind == u"link") {
        QVERIFY(QFile::link(m_tree->temporaryPath(), directory));
    } else {
        if (::getuid() != 0) {
            QSKIP("giving a folder to another user needs root");
        }
        QVERIFY(QDir().mkpath(directory));
        QCOMPARE(::chown(QFile::encodeName(directory).constData(), 65534, 65534), 0);
    }
    QSignalSpy failed(m_opener.get(), &VersionOpener::failed);
    m_opener->open(m_tree->snapshotRoot(m_snapshot) + u"/Documents/report.odt"_s, at(5, 14));
    QVERIFY(failed.wait());
    QCOMPARE(failed.first().first().toString(),
             u"%1 is not a folder of yours: the version is not copied there."_s.arg(directory));
    QVERIFY(m_launched.isEmpty());
}

void TestVersionOpener::oldCopiesGo()
{
    const QString directory = m_opener->privateDirectory();
    QVERIFY(QDir().mkpath(directory + u"/version-old"_s));
    FakeSnapshotTree::setModified(directory + u"/version-old"_s, QDateTime::currentDateTimeUtc().addDays(-2));
    QVERIFY(QDir().mkpath(directory + u"/version-recent"_s));
    QSignalSpy opened(m_opener.get(), &VersionOpener::opened);
    m_opener->open(m_tree->snapshotRoot(m_snapshot) + u"/Documents/report.odt"_s, at(5, 14));
    QVERIFY(opened.wait());
    QVERIFY(!QFileInfo::exists(directory + u"/version-old"_s));
    QVERIFY(QFileInfo::exists(directory + u"/version-recent"_s));
}

QTEST_MAIN(TestVersionOpener)
#include "TestVersionOpener.moc"
