// SPDX-License-Identifier: MIT
// Where the Restore view is: into a folder and up again, never out of the snapshot (no "..", no slashes, no
// absolute paths), the same folder kept when another snapshot is chosen, and where each entry lives now.
#include <QTest>

#include "app/core/SnapshotBrowser.h"

using namespace Gui;
using namespace Qt::StringLiterals;

class TestSnapshotBrowser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void intoAFolderAndUpAgain();
    void neverLeavesTheSnapshot_data();
    void neverLeavesTheSnapshot();
    void anotherSnapshotKeepsTheFolder();
    void backupHasNoLivePath();
};

namespace {

RestoreSource home()
{
    return RestoreSource{u"tank/home"_s, u"/home/alice"_s, {}, false, true};
}

Restore::SnapshotEntry snapshot(const QString &name)
{
    Restore::SnapshotEntry entry;
    entry.name = name;
    entry.root = u"/home/alice/.zfs/snapshot/"_s + name;
    return entry;
}

}  // namespace

void TestSnapshotBrowser::intoAFolderAndUpAgain()
{
    SnapshotBrowser browser;
    browser.setSource(home());
    QVERIFY(!browser.hasSnapshot());
    QVERIFY(browser.folderPath().isEmpty());
    browser.setSnapshot(snapshot(u"s1"_s));
    QCOMPARE(browser.folderPath(), u"/home/alice/.zfs/snapshot/s1"_s);
    QVERIFY(!browser.canGoUp());
    QVERIFY(!browser.up());
    QVERIFY(browser.enter(u"Documents"_s));
    QVERIFY(browser.enter(u"2026"_s));
    QCOMPARE(browser.relativeFolder(), u"Documents/2026"_s);
    QCOMPARE(browser.folderPath(), u"/home/alice/.zfs/snapshot/s1/Documents/2026"_s);
    QCOMPARE(browser.snapshotPath(u"a.txt"_s), u"/home/alice/.zfs/snapshot/s1/Documents/2026/a.txt"_s);
    QCOMPARE(browser.livePath(u"a.txt"_s), u"/home/alice/Documents/2026/a.txt"_s);
    QCOMPARE(browser.relativePath(u"a.txt"_s), u"Documents/2026/a.txt"_s);
    QCOMPARE(browser.displayFolder(), u"/home/alice/Documents/2026"_s);
    QVERIFY(browser.up());
    QCOMPARE(browser.relativeFolder(), u"Documents"_s);
    QVERIFY(browser.up());
    QCOMPARE(browser.relativeFolder(), QString());
    QCOMPARE(browser.livePath(u"a.txt"_s), u"/home/alice/a.txt"_s);
}

void TestSnapshotBrowser::neverLeavesTheSnapshot_data()
{
    QTest::addColumn<QString>("name");
    QTest::addRow("dot-dot") << u".."_s;
    QTest::addRow("dot") << u"."_s;
    QTest::addRow("empty") << QString();
    QTest::addRow("two components") << u"a/b"_s;
    QTest::addRow("absolute") << u"/etc"_s;
    QTest::addRow("NUL") << u"a\0b"_s;
}

void TestSnapshotBrowser::neverLeavesTheSnapshot()
{
    QFETCH(QString, name);
    SnapshotBrowser browser;
    browser.setSource(home());
    browser.setSnapshot(snapshot(u"s1"_s));
    QVERIFY(browser.enter(u"Documents"_s));
    QVERIFY(!browser.enter(name));
    QCOMPARE(browser.relativeFolder(), u"Documents"_s);
    // A folder set as a whole is cleaned and kept inside.
    QVERIFY(!browser.setRelativeFolder(u"../../etc"_s));
    QVERIFY(!browser.setRelativeFolder(u"a/../../x"_s));
    QCOMPARE(browser.relativeFolder(), u"Documents"_s);
    QVERIFY(browser.setRelativeFolder(u"/Music//2020/./"_s));
    QCOMPARE(browser.relativeFolder(), u"Music/2020"_s);
    QVERIFY(browser.setRelativeFolder(u"."_s));
    QCOMPARE(browser.relativeFolder(), QString());
}

void TestSnapshotBrowser::anotherSnapshotKeepsTheFolder()
{
    SnapshotBrowser browser;
    browser.setSource(home());
    browser.setSnapshot(snapshot(u"s1"_s));
    QVERIFY(browser.enter(u"Documents"_s));
    browser.setSnapshot(snapshot(u"s2"_s));
    QCOMPARE(browser.folderPath(), u"/home/alice/.zfs/snapshot/s2/Documents"_s);
    // Another filesystem starts at its root, with no snapshot.
    browser.setSource(RestoreSource{u"tank/srv"_s, u"/srv"_s, {}, false, true});
    QVERIFY(!browser.hasSnapshot());
    QCOMPARE(browser.relativeFolder(), QString());
}

void TestSnapshotBrowser::backupHasNoLivePath()
{
    SnapshotBrowser browser;
    browser.setSource(RestoreSource{u"backup/ws/home"_s, QString(), {u"sink"_s}, true, true});
    Restore::SnapshotEntry mounted;
    mounted.name = u"s1"_s;
    mounted.root = u"/run/holdfast/browse/1"_s;
    browser.setSnapshot(mounted);
    QVERIFY(browser.enter(u"Documents"_s));
    QCOMPARE(browser.snapshotPath(u"a.txt"_s), u"/run/holdfast/browse/1/Documents/a.txt"_s);
    QVERIFY(browser.livePath(u"a.txt"_s).isEmpty());
    QCOMPARE(browser.displayFolder(), u"backup/ws/home: /Documents"_s);
}

QTEST_GUILESS_MAIN(TestSnapshotBrowser)
#include "TestSnapshotBrowser.moc"
