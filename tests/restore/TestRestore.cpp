// SPDX-License-Identifier: MIT
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "shared/restore/DirectoryLister.h"
#include "shared/restore/RestoreEngine.h"
#include "shared/restore/SnapshotCatalog.h"
#include "shared/restore/TextDiff.h"
#include "shared/restore/VersionHistory.h"
#include "shared/restore/ZfsMounts.h"

using namespace Qt::StringLiterals;
using namespace Restore;

namespace {

void write(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
    file.write(content);
}

QByteArray read(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

void setMtime(const QString &path, qint64 seconds)
{
    const timespec times[2] = {{seconds, 0}, {seconds, 0}};
    QCOMPARE(::utimensat(AT_FDCWD, QFile::encodeName(path).constData(), times, AT_SYMLINK_NOFOLLOW), 0);
}

// A fake ZFS filesystem: <root>/fs with .zfs/snapshot/<name>/ trees.
struct FakeTree
{
    QTemporaryDir dir;
    QString fs() const { return dir.path() + u"/fs"_s; }
    QString snapshot(const QString &name) const { return fs() + u"/.zfs/snapshot/"_s + name; }
    SnapshotEntry entry(const QString &name) const
    {
        return SnapshotCatalog::single(name, snapshot(name), QDateTime());
    }
};

}  // namespace

class TestRestore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mountsAreParsedAndLocated();
    void timeFromName_data();
    void timeFromName();
    void zfsListingIsParsed();
    void catalogListsAFakeTree();
    void historyGroupsByContent();
    void historyCanBeCancelled();
    void diffFindsTheShortestScript();
    void diffWritesUnifiedHunks();
    void diffRefusesBinaryAndLargeFiles();
    void freeNames_data();
    void freeNames();
    void planRefusesWhatCannotBeDone();
    void replaceKeepsTheCurrentVersion();
    void copyNeverOverwrites();
    void intoFolderTakesAFreeName();
    void folderKeepsModesTimesLinksAndXattrs();
    void cancelLeavesNothing();
    void vanishedSnapshotKeepsThePartialApart();
    void aNameTakenDuringTheCopyIsNotOverwritten();
    void listerSendsSortedBatches();
    void listerDropsAnOlderRequest();
    void listerSaysWhyItFailed();
};

void TestRestore::mountsAreParsedAndLocated()
{
    const QByteArray mountinfo =
        "22 1 0:20 / / rw,relatime shared:1 - ext4 /dev/vda1 rw\n"
        "40 22 0:40 / /home rw,noatime shared:2 - zfs tank/home rw,xattr,posixacl\n"
        "41 40 0:41 / /home/alice rw,noatime shared:3 - zfs tank/home/alice rw\n"
        "42 40 0:42 / /home/with\\040space rw shared:4 - zfs tank/home/with\\040space rw\n"
        "43 41 0:43 / /home/alice/.zfs/snapshot/s1 ro,relatime shared:5 - zfs tank/home/alice@s1 ro\n"
        "44 22 0:44 / /backup ro master:7 - zfs backup/alice ro\n"
        "garbage line\n";
    const ZfsMounts mounts = ZfsMounts::parse(mountinfo);
    const QList<ZfsMount> filesystems = mounts.filesystems();
    QCOMPARE(filesystems.size(), 4);
    QCOMPARE(filesystems[0].mountPoint, u"/backup"_s);
    QVERIFY(filesystems[0].readOnly);
    QCOMPARE(filesystems[3].dataset, u"tank/home/with space"_s);

    auto located = mounts.locate(u"/home/alice/docs/report.odt"_s);
    QVERIFY(located);
    QCOMPARE(located->mount.dataset, u"tank/home/alice"_s);
    QCOMPARE(located->relativePath, u"docs/report.odt"_s);
    QCOMPARE(located->mount.snapshotDirectory(), u"/home/alice/.zfs/snapshot"_s);
    // Inside a snapshot: the same file of the filesystem.
    located = mounts.locate(u"/home/alice/.zfs/snapshot/s1/docs/report.odt"_s);
    QVERIFY(located);
    QCOMPARE(located->mount.dataset, u"tank/home/alice"_s);
    QCOMPARE(located->relativePath, u"docs/report.odt"_s);
    located = mounts.locate(u"/home/alicex/file"_s);  // a prefix of the name is not a parent
    QVERIFY(located);
    QCOMPARE(located->mount.dataset, u"tank/home"_s);
    QCOMPARE(located->relativePath, u"alicex/file"_s);
    QCOMPARE(mounts.locate(u"/home"_s)->relativePath, QString());
    QVERIFY(!mounts.locate(u"/etc/passwd"_s));
    QVERIFY(!mounts.locate(u"relative/path"_s));
    QCOMPARE(mounts.byDataset(u"backup/alice"_s)->mountPoint, u"/backup"_s);
    QVERIFY(ZfsMounts::parse("").filesystems().isEmpty());
}

void TestRestore::timeFromName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expected");  // ISO, "" for none
    QTest::addColumn<QString>("prefix");
    QTest::newRow("zrepl dense") << u"zrepl_20261205_140102_123"_s << u"2026-12-05T14:01:02.123Z"_s << u"zrepl_"_s;
    QTest::newRow("zrepl human") << u"hf_2026-12-05_14:01:02"_s << u"2026-12-05T14:01:02.000Z"_s << u"hf_"_s;
    QTest::newRow("zrepl iso-8601") << u"zrepl_2026-12-05T14:01:02.500Z"_s << u"2026-12-05T14:01:02.500Z"_s << u"zrepl_"_s;
    QTest::newRow("unix seconds") << u"zrepl_1796479262"_s << u"2026-12-05T14:01:02.000Z"_s << u"zrepl_"_s;
    QTest::newRow("sanoid") << u"autosnap_2026-12-05_14:01:02_hourly"_s << u"2026-12-05T14:01:02.000Z"_s << u"autosnap_"_s;
    QTest::newRow("zfs-auto-snapshot") << u"zfs-auto-snap_hourly-2026-12-05-1401"_s << u"2026-12-05T14:01:00.000Z"_s
                                       << u"zfs-auto-snap_hourly-"_s;
    QTest::newRow("no date") << u"before-upgrade"_s << QString() << QString();
    QTest::newRow("impossible date") << u"x_20261399_250000_000"_s << QString() << QString();
    QTest::newRow("too many digits") << u"x_202612051_140102"_s << QString() << QString();
}

void TestRestore::timeFromName()
{
    QFETCH(QString, name);
    QFETCH(QString, expected);
    QFETCH(QString, prefix);
    QString found;
    const std::optional<QDateTime> time = SnapshotCatalog::timeFromName(name, &found);
    QCOMPARE(time ? time->toUTC().toString(Qt::ISODateWithMs) : QString(), expected);
    QCOMPARE(found, prefix);
}

void TestRestore::zfsListingIsParsed()
{
    const QList<ZfsSnapshotFacts> facts = SnapshotCatalog::parseZfsListing(
        "tank/home@zrepl_1\t1796479262\t0\n"
        "tank/home@held one\t1796479300\t2\n"
        "not a snapshot\t1\t0\n"
        "tank/home@bad\tnot-a-number\t0\n"
        "\n");
    QCOMPARE(facts.size(), 2);
    QCOMPARE(facts[1].name, u"held one"_s);
    QCOMPARE(facts[1].userrefs, 2);
    QCOMPARE(facts[0].created.toSecsSinceEpoch(), 1796479262);
}

void TestRestore::catalogListsAFakeTree()
{
    FakeTree tree;
    for (const char *name : {"zrepl_20261201_100000_000", "zrepl_20261203_100000_000", "manual", "held"}) {
        QVERIFY(QDir().mkpath(tree.snapshot(QString::fromLatin1(name))));
    }
    setMtime(tree.snapshot(u"manual"_s), 1700000000);
    const ZfsSnapshotQuery query = [](const QString &dataset) -> std::optional<QByteArray> {
        if (dataset != u"tank/fs"_s) {
            return std::nullopt;
        }
        return QByteArray("tank/fs@held\t1796000000\t1\n");
    };
    QString error;
    const QList<SnapshotEntry> entries = SnapshotCatalog::list(tree.fs(), u"tank/fs"_s, query, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QStringList names;
    for (const SnapshotEntry &entry : entries) {
        names.append(entry.name);
    }
    QCOMPARE(names, (QStringList{u"zrepl_20261203_100000_000"_s, u"zrepl_20261201_100000_000"_s, u"held"_s, u"manual"_s}));
    QCOMPARE(entries[0].timeSource, SnapshotEntry::TimeSource::Name);
    QCOMPARE(entries[0].prefix, u"zrepl_"_s);
    QCOMPARE(entries[0].root, tree.snapshot(u"zrepl_20261203_100000_000"_s));
    QVERIFY(!entries[0].held.has_value());
    QCOMPARE(entries[2].timeSource, SnapshotEntry::TimeSource::Zfs);
    QCOMPARE(entries[2].held, std::optional<bool>(true));
    QCOMPARE(entries[3].timeSource, SnapshotEntry::TimeSource::Directory);
    QCOMPARE(entries[3].created.toSecsSinceEpoch(), 1700000000);

    SnapshotCatalog::list(tree.dir.path(), u"tank"_s, query, &error);
    QVERIFY2(error.contains(u"no snapshot directory"_s), qPrintable(error));
    SnapshotCatalog::list(tree.dir.path() + u"/missing"_s, u"tank"_s, query, &error);
    QVERIFY2(error.contains(u"does not exist"_s), qPrintable(error));
}

void TestRestore::historyGroupsByContent()
{
    FakeTree tree;
    // s1 s2: v1 (the same object: a hard link, as ZFS keeps it); s3: missing; s4 s5: v2; live: v2 (same object).
    const QString rel = u"docs/report.txt"_s;
    write(tree.snapshot(u"s1"_s) + u'/' + rel, "version one");
    setMtime(tree.snapshot(u"s1"_s) + u'/' + rel, 1700000000);
    QDir().mkpath(tree.snapshot(u"s2"_s) + u"/docs"_s);
    QCOMPARE(::link(QFile::encodeName(tree.snapshot(u"s1"_s) + u'/' + rel).constData(),
                    QFile::encodeName(tree.snapshot(u"s2"_s) + u'/' + rel).constData()), 0);
    QDir().mkpath(tree.snapshot(u"s3"_s) + u"/docs"_s);
    write(tree.fs() + u'/' + rel, "version two!");
    for (const char *name : {"s4", "s5"}) {
        QDir().mkpath(tree.snapshot(QString::fromLatin1(name)) + u"/docs"_s);
        QCOMPARE(::link(QFile::encodeName(tree.fs() + u'/' + rel).constData(),
                        QFile::encodeName(tree.snapshot(QString::fromLatin1(name)) + u'/' + rel).constData()),
                 0);
    }
    QList<SnapshotEntry> snapshots;
    for (const char *name : {"s5", "s4", "s3", "s2", "s1"}) {
        snapshots.append(tree.entry(QString::fromLatin1(name)));
    }
    const FileHistory history = computeHistory(tree.fs() + u'/' + rel, rel, snapshots);
    QCOMPARE(history.versions.size(), 3);
    QCOMPARE(history.contentVersions(), 2);
    QCOMPARE(history.versions[0].newest, 0);
    QCOMPARE(history.versions[0].oldest, 1);
    QVERIFY(history.versions[0].current);
    QCOMPARE(history.versions[0].state.size, 12);
    QVERIFY(!history.versions[1].state.exists());
    QCOMPARE(history.versions[1].snapshotCount(), 1);
    QCOMPARE(history.versions[2].snapshotCount(), 2);
    QVERIFY(!history.versions[2].current);
    QCOMPARE(history.versions[2].state.modified().toSecsSinceEpoch(), 1700000000);
    QCOMPARE(history.pathIn(4), tree.snapshot(u"s1"_s) + u'/' + rel);

    // A rewrite in place with the same size and mtime but a new object (an editor's save by rename) is a new version.
    QFile::remove(tree.snapshot(u"s4"_s) + u'/' + rel);
    write(tree.snapshot(u"s4"_s) + u'/' + rel, "version two!");
    setMtime(tree.snapshot(u"s4"_s) + u'/' + rel, FileState::of(tree.fs() + u'/' + rel).mtimeNs / 1000000000);
    setMtime(tree.fs() + u'/' + rel, FileState::of(tree.fs() + u'/' + rel).mtimeNs / 1000000000);
    QCOMPARE(computeHistory(tree.fs() + u'/' + rel, rel, snapshots).versions.size(), 4);
}

void TestRestore::historyCanBeCancelled()
{
    FakeTree tree;
    QList<SnapshotEntry> snapshots;
    for (int i = 0; i < 10; ++i) {
        snapshots.append(tree.entry(u"s%1"_s.arg(i)));
    }
    std::atomic<bool> cancel{true};
    const FileHistory history = computeHistory(tree.fs() + u"/x"_s, u"x"_s, snapshots, &cancel);
    QVERIFY(history.cancelled);
    QVERIFY(history.versions.isEmpty());
}

void TestRestore::diffFindsTheShortestScript()
{
    const QStringList before{u"a"_s, u"b"_s, u"c"_s, u"a"_s, u"b"_s, u"b"_s, u"a"_s};
    const QStringList after{u"c"_s, u"b"_s, u"a"_s, u"b"_s, u"a"_s, u"c"_s};
    const TextDiff diff = TextDiff::compute(before, after);
    // Myers' paper's example: distance 5.
    QCOMPARE(diff.added + diff.removed, 5);
    QStringList rebuiltOld;
    QStringList rebuiltNew;
    for (const DiffLine &line : diff.lines) {
        if (line.kind != DiffLine::Kind::Added) {
            rebuiltOld.append(line.text);
            QCOMPARE(line.oldLine, rebuiltOld.size());
        }
        if (line.kind != DiffLine::Kind::Removed) {
            rebuiltNew.append(line.text);
            QCOMPARE(line.newLine, rebuiltNew.size());
        }
    }
    QCOMPARE(rebuiltOld, before);
    QCOMPARE(rebuiltNew, after);
    QCOMPARE(TextDiff::compute(before, before).added, 0);
    QCOMPARE(TextDiff::compute({}, after).added, 6);
    QCOMPARE(TextDiff::compute(before, {}).removed, 7);

    // Beyond the search limit the middle is shown as replaced, still correctly.
    QStringList many;
    QStringList other;
    for (int i = 0; i < 3000; ++i) {
        many.append(QString::number(i));
        other.append(u"x"_s + QString::number(i));
    }
    const TextDiff big = TextDiff::compute(many, other);
    QCOMPARE(big.removed, 3000);
    QCOMPARE(big.added, 3000);
}

void TestRestore::diffWritesUnifiedHunks()
{
    QStringList before;
    for (int i = 1; i <= 20; ++i) {
        before.append(u"line %1"_s.arg(i));
    }
    QStringList after = before;
    after[1] = u"line two"_s;
    after.removeAt(15);
    const QString unified = TextDiff::compute(before, after).unified(u"old"_s, u"new"_s, 2);
    QCOMPARE(unified, u"--- old\n+++ new\n"
                      "@@ -1,4 +1,4 @@\n line 1\n-line 2\n+line two\n line 3\n line 4\n"
                      "@@ -14,5 +14,4 @@\n line 14\n line 15\n-line 16\n line 17\n line 18\n"_s);
    QCOMPARE(TextDiff::compute(before, before).unified(u"a"_s, u"b"_s), u"--- a\n+++ b\n"_s);
}

void TestRestore::diffRefusesBinaryAndLargeFiles()
{
    QTemporaryDir dir;
    write(dir.filePath(u"text"_s), "one\r\ntwo\n");
    write(dir.filePath(u"text2"_s), "one\nthree\n");
    write(dir.filePath(u"binary"_s), QByteArray("\x7f" "ELF\0\0\1", 7));
    write(dir.filePath(u"large"_s), QByteArray(2048, 'x'));
    QString why;
    const std::optional<TextDiff> diff = TextDiff::files(dir.filePath(u"text"_s), dir.filePath(u"text2"_s), &why);
    QVERIFY(diff);
    QCOMPARE(diff->added, 1);
    QCOMPARE(diff->removed, 1);  // CRLF is not a difference
    QVERIFY(!TextDiff::files(dir.filePath(u"binary"_s), dir.filePath(u"text"_s), &why));
    QVERIFY2(why.contains(u"not text"_s), qPrintable(why));
    QVERIFY(!TextDiff::files(dir.filePath(u"text"_s), dir.filePath(u"large"_s), &why, 1024));
    QVERIFY2(why.contains(u"too large"_s), qPrintable(why));
    QVERIFY(!TextDiff::files(dir.filePath(u"missing"_s), dir.filePath(u"text"_s), &why));
    QVERIFY2(why.contains(u"cannot be read"_s), qPrintable(why));
}

void TestRestore::freeNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("directory");
    QTest::addColumn<QString>("expected");
    QTest::newRow("extension") << u"report.odt"_s << false << u"report (L).odt"_s;
    QTest::newRow("tar.gz") << u"backup.tar.gz"_s << false << u"backup (L).tar.gz"_s;
    QTest::newRow("dotfile") << u".bashrc"_s << false << u".bashrc (L)"_s;
    QTest::newRow("no extension") << u"Makefile"_s << false << u"Makefile (L)"_s;
    QTest::newRow("folder with a dot") << u"photos.2026"_s << true << u"photos.2026 (L)"_s;
    QTest::newRow("long suffix is no extension") << u"notes.verylongsuffix"_s << false << u"notes.verylongsuffix (L)"_s;
    QTest::newRow("taken") << u"taken.txt"_s << false << u"taken (L 2).txt"_s;
}

void TestRestore::freeNames()
{
    QFETCH(QString, name);
    QFETCH(bool, directory);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    write(dir.filePath(u"taken (L).txt"_s), "x");
    QCOMPARE(RestoreEngine::freeName(dir.path(), name, u"L"_s, directory), dir.filePath(expected));
}

void TestRestore::planRefusesWhatCannotBeDone()
{
    FakeTree tree;
    write(tree.snapshot(u"s1"_s) + u"/a.txt"_s, "a");
    RestoreRequest request;
    request.source = tree.snapshot(u"s1"_s) + u"/missing.txt"_s;
    request.original = tree.fs() + u"/missing.txt"_s;
    RestorePlan plan = RestoreEngine::plan(request);
    QVERIFY(!plan.ok());
    QVERIFY2(plan.error.contains(u"not in the snapshot"_s), qPrintable(plan.error));
    QCOMPARE(plan.describe(), plan.error);

    request.source = tree.snapshot(u"s1"_s) + u"/a.txt"_s;
    request.mode = RestoreMode::IntoFolder;
    request.folder = tree.dir.path() + u"/no such folder"_s;
    plan = RestoreEngine::plan(request);
    QVERIFY2(plan.error.contains(u"does not exist"_s), qPrintable(plan.error));
    QVERIFY(plan.target.isEmpty());

    QCOMPARE(::mkfifo(QFile::encodeName(tree.snapshot(u"s1"_s) + u"/fifo"_s).constData(), 0600), 0);
    request.source = tree.snapshot(u"s1"_s) + u"/fifo"_s;
    request.mode = RestoreMode::Copy;
    plan = RestoreEngine::plan(request);
    QVERIFY2(plan.error.contains(u"special file"_s), qPrintable(plan.error));

    const RestoreResult result = RestoreEngine::run(plan);
    QCOMPARE(result.outcome, RestoreResult::Outcome::Failed);
    QCOMPARE(result.error, plan.error);
}

void TestRestore::replaceKeepsTheCurrentVersion()
{
    FakeTree tree;
    write(tree.snapshot(u"s1"_s) + u"/report.txt"_s, "old version");
    setMtime(tree.snapshot(u"s1"_s) + u"/report.txt"_s, 1700000000);
    write(tree.fs() + u"/report.txt"_s, "current version");
    RestoreRequest request;
    request.source = tree.snapshot(u"s1"_s) + u"/report.txt"_s;
    request.original = tree.fs() + u"/report.txt"_s;
    request.mode = RestoreMode::Replace;
    request.now = QDateTime(QDate(2026, 12, 5), QTime(22, 30));
    const RestorePlan plan = RestoreEngine::plan(request);
    QVERIFY2(plan.ok(), qPrintable(plan.error));
    QCOMPARE(plan.target, request.original);
    QCOMPARE(plan.keptAs, tree.fs() + u"/report (before restore 2026-12-05 22.30).txt"_s);
    QVERIFY(plan.describe().contains(u"is not deleted"_s));
    QVERIFY(!QFile::exists(plan.keptAs));  // planning changes nothing

    QList<RestoreProgress> progress;
    const RestoreResult result = RestoreEngine::run(plan, nullptr, [&](const RestoreProgress &p) { progress.append(p); });
    QCOMPARE(result.outcome, RestoreResult::Outcome::Restored);
    QCOMPARE(read(request.original), QByteArray("old version"));
    QCOMPARE(read(plan.keptAs), QByteArray("current version"));
    QCOMPARE(result.keptAs, plan.keptAs);
    QCOMPARE(FileState::of(request.original).modified().toSecsSinceEpoch(), 1700000000);
    QCOMPARE(result.files, 1);
    QCOMPARE(result.bytes, 11);
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last().bytesDone, 11);
    QCOMPARE(progress.last().bytesTotal, 11);
    QVERIFY2(result.summary().contains(u"kept as"_s), qPrintable(result.summary()));
    QCOMPARE(QDir(tree.fs()).entryList(QDir::Files | QDir::Hidden).size(), 2);  // no temporary left

    // The original gone: replace simply puts it back.
    QFile::remove(request.original);
    const RestorePlan again = RestoreEngine::plan(request);
    QVERIFY(again.keptAs.isEmpty());
    QCOMPARE(RestoreEngine::run(again).outcome, RestoreResult::Outcome::Restored);
    QCOMPARE(read(request.original), QByteArray("old version"));
}

void TestRestore::copyNeverOverwrites()
{
    FakeTree tree;
    write(tree.snapshot(u"s1"_s) + u"/a.txt"_s, "snapshot");
    write(tree.fs() + u"/a.txt"_s, "current");
    write(tree.fs() + u"/a (from 2026-12-01 10.00).txt"_s, "an earlier copy");
    RestoreRequest request;
    request.source = tree.snapshot(u"s1"_s) + u"/a.txt"_s;
    request.original = tree.fs() + u"/a.txt"_s;
    request.mode = RestoreMode::Copy;
    request.snapshotTime = QDateTime(QDate(2026, 12, 1), QTime(10, 0));
    const RestoreResult result = RestoreEngine::run(RestoreEngine::plan(request));
    QCOMPARE(result.outcome, RestoreResult::Outcome::Restored);
    QCOMPARE(result.target, tree.fs() + u"/a (from 2026-12-01 10.00 2).txt"_s);
    QCOMPARE(read(result.target), QByteArray("snapshot"));
    QCOMPARE(read(tree.fs() + u"/a.txt"_s), QByteArray("current"));
    QCOMPARE(read(tree.fs() + u"/a (from 2026-12-01 10.00).txt"_s), QByteArray("an earlier copy"));
    // The caller's label names the copy instead of the snapshot's time (the GUI's "from a snapshot").
    request.copyLabel = u"from a snapshot"_s;
    QCOMPARE(RestoreEngine::plan(request).target, tree.fs() + u"/a (from a snapshot).txt"_s);
}

void TestRestore::intoFolderTakesAFreeName()
{
    FakeTree tree;
    write(tree.snapshot(u"s1"_s) + u"/a.txt"_s, "snapshot");
    const QString folder = tree.dir.path() + u"/restored"_s;
    QVERIFY(QDir().mkpath(folder));
    RestoreRequest request;
    request.source = tree.snapshot(u"s1"_s) + u"/a.txt"_s;
    request.original = tree.fs() + u"/a.txt"_s;
    request.mode = RestoreMode::IntoFolder;
    request.folder = folder;
    request.snapshotTime = QDateTime(QDate(2026, 12, 1), QTime(10, 0));
    RestoreResult result = RestoreEngine::run(RestoreEngine::plan(request));
    QCOMPARE(result.target, folder + u"/a.txt"_s);
    // A backup's file (no original): named as in the snapshot; only into a folder.
    RestoreRequest backup = request;
    backup.original.clear();
    QCOMPARE(RestoreEngine::plan(backup).target, folder + u"/a (from 2026-12-01 10.00).txt"_s);
    backup.mode = RestoreMode::Copy;
    QVERIFY(RestoreEngine::plan(backup).error.contains(u"restore it into a folder"_s));
    result = RestoreEngine::run(RestoreEngine::plan(request));
    QCOMPARE(result.target, folder + u"/a (from 2026-12-01 10.00).txt"_s);
    QCOMPARE(read(result.target), QByteArray("snapshot"));
}

void TestRestore::folderKeepsModesTimesLinksAndXattrs()
{
    FakeTree tree;
    const QString source = tree.snapshot(u"s1"_s) + u"/docs"_s;
    write(source + u"/a.txt"_s, "a");
    write(source + u"/sub/b.txt"_s, "bb");
    write(source + u"/ro.txt"_s, "read only");
    QCOMPARE(::chmod(QFile::encodeName(source + u"/ro.txt"_s).constData(), 0444), 0);
    QCOMPARE(::symlink("a.txt", QFile::encodeName(source + u"/link"_s).constData()), 0);
    QCOMPARE(::mkfifo(QFile::encodeName(source + u"/pipe"_s).constData(), 0600), 0);
    const bool xattrs = ::setxattr(QFile::encodeName(source + u"/a.txt"_s).constData(), "user.holdfast", "kept", 4, 0) == 0;
    setMtime(source + u"/a.txt"_s, 1700000000);
    setMtime(source + u"/link"_s, 1700000100);
    QCOMPARE(::chmod(QFile::encodeName(source + u"/sub"_s).constData(), 0550), 0);  // read-only folder
    setMtime(source + u"/sub"_s, 1700000200);

    RestoreRequest request;
    request.source = source;
    request.original = tree.fs() + u"/docs"_s;
    request.mode = RestoreMode::Replace;
    const RestorePlan plan = RestoreEngine::plan(request);
    QVERIFY(plan.isDirectory);
    QVERIFY(plan.keptAs.isEmpty());
    const RestoreResult result = RestoreEngine::run(plan);
    QCOMPARE(result.outcome, RestoreResult::Outcome::Restored);
    QCOMPARE(result.files, 3);
    QCOMPARE(result.directories, 2);
    QCOMPARE(result.symlinks, 1);
    QCOMPARE(result.skipped.size(), 1);
    QVERIFY2(result.skipped[0].startsWith(u"pipe: "_s), qPrintable(result.skipped[0]));
    const QString target = tree.fs() + u"/docs"_s;
    QCOMPARE(read(target + u"/sub/b.txt"_s), QByteArray("bb"));
    QCOMPARE(FileState::of(target + u"/ro.txt"_s).mode, 0444u);
    QCOMPARE(FileState::of(target + u"/sub"_s).mode, 0550u);
    QCOMPARE(FileState::of(target + u"/sub"_s).modified().toSecsSinceEpoch(), 1700000200);
    QCOMPARE(FileState::of(target + u"/a.txt"_s).modified().toSecsSinceEpoch(), 1700000000);
    QCOMPARE(FileState::of(target + u"/link"_s).type, FileState::Type::Symlink);
    QCOMPARE(FileState::of(target + u"/link"_s).modified().toSecsSinceEpoch(), 1700000100);
    QCOMPARE(QFile::symLinkTarget(target + u"/link"_s), target + u"/a.txt"_s);
    if (xattrs) {
        char value[16] = {};
        QCOMPARE(::getxattr(QFile::encodeName(target + u"/a.txt"_s).constData(), "user.holdfast", value, sizeof value), 4);
        QCOMPARE(QByteArray(value), QByteArray("kept"));
    }
    QVERIFY2(result.summary().contains(u"1 item(s) could not be restored"_s) || result.summary().contains(u"could not"_s),
             qPrintable(result.summary()));
    ::chmod(QFile::encodeName(source + u"/sub"_s).constData(), 0750);
    ::chmod(QFile::encodeName(target + u"/sub"_s).constData(), 0750);
}

void TestRestore::cancelLeavesNothing()
{
    FakeTree tree;
    const QString source = tree.snapshot(u"s1"_s) + u"/big"_s;
    for (int i = 0; i < 8; ++i) {
        write(source + u"/part%1"_s.arg(i), QByteArray(256 * 1024, char('a' + i)));
    }
    QCOMPARE(::chmod(QFile::encodeName(source).constData(), 0555), 0);  // the partial copy must still go
    RestoreRequest request;
    request.source = source;
    request.original = tree.fs() + u"/big"_s;
    request.mode = RestoreMode::Copy;
    QVERIFY(QDir().mkpath(tree.fs()));
    std::atomic<bool> cancel{false};
    const RestoreResult result = RestoreEngine::run(RestoreEngine::plan(request), &cancel, [&](const RestoreProgress &p) {
        if (p.phase == RestoreProgress::Phase::Copying && p.bytesDone > 600 * 1024) {
            cancel = true;
        }
    });
    QCOMPARE(result.outcome, RestoreResult::Outcome::Cancelled);
    QVERIFY2(result.summary().contains(u"Nothing was changed"_s), qPrintable(result.summary()));
    QCOMPARE(QDir(tree.fs()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
             QStringList{u".zfs"_s});
}

void TestRestore::vanishedSnapshotKeepsThePartialApart()
{
    FakeTree tree;
    const QString source = tree.snapshot(u"s1"_s) + u"/docs"_s;
    for (int i = 0; i < 6; ++i) {
        write(source + u"/f%1"_s.arg(i), QByteArray(100 * 1024, 'x'));
    }
    write(tree.fs() + u"/docs/current.txt"_s, "untouched");
    RestoreRequest request;
    request.source = source;
    request.original = tree.fs() + u"/docs"_s;
    request.mode = RestoreMode::Replace;
    request.now = QDateTime(QDate(2026, 12, 5), QTime(22, 30));
    bool destroyed = false;
    const RestoreResult result =
        RestoreEngine::run(RestoreEngine::plan(request), nullptr, [&](const RestoreProgress &p) {
            if (!destroyed && p.filesDone >= 2) {
                destroyed = true;  // pruning destroys the snapshot mid-restore
                QDir(tree.snapshot(u"s1"_s)).removeRecursively();
            }
        });
    QCOMPARE(result.outcome, RestoreResult::Outcome::Failed);
    QVERIFY2(result.error.contains(u"is gone"_s), qPrintable(result.error));
    QCOMPARE(result.partial, tree.fs() + u"/docs (incomplete restore 2026-12-05 22.30)"_s);
    QVERIFY(QFileInfo(result.partial).isDir());
    QCOMPARE(read(tree.fs() + u"/docs/current.txt"_s), QByteArray("untouched"));
    QCOMPARE(QDir(tree.fs() + u"/docs"_s).entryList(QDir::Files), QStringList{u"current.txt"_s});
    QVERIFY2(result.summary().contains(u"kept apart"_s), qPrintable(result.summary()));
}

void TestRestore::aNameTakenDuringTheCopyIsNotOverwritten()
{
    FakeTree tree;
    write(tree.snapshot(u"s1"_s) + u"/a.txt"_s, "snapshot");
    QVERIFY(QDir().mkpath(tree.fs()));
    RestoreRequest request;
    request.source = tree.snapshot(u"s1"_s) + u"/a.txt"_s;
    request.original = tree.fs() + u"/a.txt"_s;
    request.mode = RestoreMode::Copy;
    request.snapshotTime = QDateTime(QDate(2026, 12, 1), QTime(10, 0));
    request.now = QDateTime(QDate(2026, 12, 5), QTime(22, 30));
    RestorePlan plan = RestoreEngine::plan(request);
    QCOMPARE(plan.target, tree.fs() + u"/a (from 2026-12-01 10.00).txt"_s);
    // Someone saves under the planned name while the copy is written.
    const auto takeWhenFinishing = [&](const QString &path, const QByteArray &content) {
        return [path, content, done = false](const RestoreProgress &p) mutable {
            if (!done && p.phase == RestoreProgress::Phase::Finishing) {
                done = true;
                write(path, content);
            }
        };
    };
    RestoreResult result = RestoreEngine::run(plan, nullptr, takeWhenFinishing(plan.target, "saved meanwhile"));
    QCOMPARE(result.outcome, RestoreResult::Outcome::Restored);
    QCOMPARE(read(plan.target), QByteArray("saved meanwhile"));
    QVERIFY(plan.leftovers.isEmpty());
    QCOMPARE(result.target, tree.fs() + u"/a (from 2026-12-01 10.00 2).txt"_s);
    QCOMPARE(read(result.target), QByteArray("snapshot"));

    // A restore killed earlier left its hidden copy: the plan names it, and leaves it alone.
    write(tree.fs() + u"/.a.txt.holdfast-restore-1a2b3c"_s, "half");
    const RestorePlan withLeftover = RestoreEngine::plan(request);
    QCOMPARE(withLeftover.leftovers, QStringList{tree.fs() + u"/.a.txt.holdfast-restore-1a2b3c"_s});
    QVERIFY2(withLeftover.describe().contains(u"did not finish"_s), qPrintable(withLeftover.describe()));
    QFile::remove(tree.fs() + u"/.a.txt.holdfast-restore-1a2b3c"_s);

    // Replace planned with nothing there, and a file appears meanwhile: it is kept aside like any current one.
    request.mode = RestoreMode::Replace;
    plan = RestoreEngine::plan(request);
    QVERIFY(plan.keptAs.isEmpty());
    result = RestoreEngine::run(plan, nullptr, takeWhenFinishing(request.original, "appeared"));
    QCOMPARE(result.outcome, RestoreResult::Outcome::Restored);
    QCOMPARE(read(request.original), QByteArray("snapshot"));
    QCOMPARE(result.keptAs, tree.fs() + u"/a (before restore 2026-12-05 22.30).txt"_s);
    QCOMPARE(read(result.keptAs), QByteArray("appeared"));
}

void TestRestore::listerSendsSortedBatches()
{
    QTemporaryDir dir;
    for (int i = 0; i < 600; ++i) {
        write(dir.filePath(u"file%1.txt"_s.arg(i)), "x");
    }
    QDir(dir.path()).mkdir(u"zfolder"_s);
    QDir(dir.path()).mkdir(u"Afolder"_s);
    DirectoryLister lister;
    QSignalSpy batches(&lister, &DirectoryLister::entriesReady);
    QSignalSpy finished(&lister, &DirectoryLister::finished);
    const quint64 request = lister.list(dir.path());
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().at(0).toULongLong(), request);
    QCOMPARE(finished.first().at(1).toString(), QString());
    QList<DirectoryEntry> all;
    for (const QList<QVariant> &batch : std::as_const(batches)) {
        const auto entries = batch.at(1).value<QList<DirectoryEntry>>();
        QVERIFY(entries.size() <= DirectoryLister::BatchSize);
        all += entries;
    }
    QCOMPARE(all.size(), 602);
    QCOMPARE(all[0].name, u"Afolder"_s);
    QCOMPARE(all[1].name, u"zfolder"_s);
    QCOMPARE(all[2].name, u"file0.txt"_s);
    QCOMPARE(all[3].name, u"file1.txt"_s);
    QCOMPARE(all[12].name, u"file10.txt"_s);  // numbers by value
    QCOMPARE(all[2].state.type, FileState::Type::File);
}

void TestRestore::listerDropsAnOlderRequest()
{
    QTemporaryDir first;
    QTemporaryDir second;
    for (int i = 0; i < 2000; ++i) {
        write(first.filePath(u"f%1"_s.arg(i)), "x");
    }
    write(second.filePath(u"only"_s), "x");
    DirectoryLister lister;
    QSignalSpy batches(&lister, &DirectoryLister::entriesReady);
    QSignalSpy finished(&lister, &DirectoryLister::finished);
    lister.list(first.path());
    const quint64 wanted = lister.list(second.path());
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().at(0).toULongLong(), wanted);
    for (const QList<QVariant> &batch : std::as_const(batches)) {
        QCOMPARE(batch.at(0).toULongLong(), wanted);
    }
}

void TestRestore::listerSaysWhyItFailed()
{
    DirectoryLister lister;
    QSignalSpy finished(&lister, &DirectoryLister::finished);
    lister.list(u"/nonexistent/holdfast"_s);
    QVERIFY(finished.wait(10000));
    QVERIFY2(finished.first().at(1).toString().contains(u"cannot be opened"_s), qPrintable(finished.first().at(1).toString()));
}

QTEST_GUILESS_MAIN(TestRestore)
#include "TestRestore.moc"
