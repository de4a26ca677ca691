// SPDX-License-Identifier: MIT
// The watch on the configuration file behind the status feed's `config`: a save in place, a save by rename (as
// editors and the daemon's own apply do), a file that goes away and comes back, and a symbolic link whose target is
// replaced each tell once that the version changed; a save of the same bytes, another file of the directory and the
// several events of one save tell nothing more.
#include <cstdio>

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "daemon/config/ConfigStore.h"
#include "daemon/control/ConfigFileWatcher.h"

using namespace Daemon;
using namespace Qt::StringLiterals;

namespace {

bool writeInPlace(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        return false;
    }
    return file.write(bytes) == bytes.size();
}

// As an editor saves: a new file beside it, renamed over it.
bool replaceByRename(const QString &path, const QByteArray &bytes)
{
    const QString temp = path + u".new"_s;
    return writeInPlace(temp, bytes)
           && std::rename(QFile::encodeName(temp).constData(), QFile::encodeName(path).constData()) == 0;
}

}  // namespace

class TestConfigFileWatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void startsWithTheFilesVersion();
    void saveInPlaceIsAChange();
    void saveByRenameIsAChangeAndStaysWatched();
    void sameBytesAndOtherFilesSayNothing();
    void removedFileHasNoVersionUntilItIsBack();
    void eventsOfOneSaveAreReadOnce();
    void linkTargetReplacedIsAChange();
    void checkTakesAChangeWhoseEventHasNotCome();

private:
    QString filePath() const
    {
        return m_dir->filePath(u"holdfast.yml"_s);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestConfigFileWatcher::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(writeInPlace(filePath(), "jobs: []\n"));
}

void TestConfigFileWatcher::cleanup()
{
    m_dir.reset();
}

void TestConfigFileWatcher::startsWithTheFilesVersion()
{
    const ConfigFileWatcher watcher(filePath());
    QCOMPARE(watcher.version(), Config::ConfigStore::versionOf("jobs: []\n"));
    const ConfigFileWatcher missing(m_dir->filePath(u"nosuch.yml"_s));
    QCOMPARE(missing.version(), QString());
}

void TestConfigFileWatcher::saveInPlaceIsAChange()
{
    ConfigFileWatcher watcher(filePath());
    QSignalSpy changed(&watcher, &ConfigFileWatcher::changed);
    QVERIFY(writeInPlace(filePath(), "jobs: []\n# edited\n"));
    QTRY_COMPARE(changed.count(), 1);
    QCOMPARE(watcher.version(), Config::ConfigStore::versionOf("jobs: []\n# edited\n"));
}

void TestConfigFileWatcher::saveByRenameIsAChangeAndStaysWatched()
{
    ConfigFileWatcher watcher(filePath());
    QSignalSpy changed(&watcher, &ConfigFileWatcher::changed);
    QVERIFY(replaceByRename(filePath(), "jobs: []\n# renamed\n"));
    QTRY_COMPARE(changed.count(), 1);
    QCOMPARE(watcher.version(), Config::ConfigStore::versionOf("jobs: []\n# renamed\n"));
    // The new file is the one watched now: a later save in place is seen too.
    QVERIFY(writeInPlace(filePath(), "jobs: []\n# then in place\n"));
    QTRY_COMPARE(changed.count(), 2);
    QCOMPARE(watcher.version(), Config::ConfigStore::versionOf("jobs: []\n# then in place\n"));
    QVERIFY(replaceByRename(filePath(), "jobs: []\n# renamed again\n"));
    QTRY_COMPARE(changed.count(), 3);
    QVERIFY(writeInPlace(filePath(), "jobs: []\n# and in place again\n"));
    QTRY_COMPARE(changed.count(), 4);
    QCOMPARE(watcher.version(), Config::ConfigStore::versionOf("jobs: []\n# and in place again\n"));
}

void TestConfigFileWatcher::sameBytesAndOtherFilesSayNothing()
{
    ConfigFileWatcher watcher(filePath());
    QSignalSpy changed(&watcher, &ConfigFileWatcher::changed);
    const int reads = watcher.reads();
    QVERIFY(writeInPlace(filePath(), "jobs: []\n"));
    QTRY_VERIFY(watcher.reads() > reads);
    const int afterSame = watcher.reads();
    QVERIFY(replaceByRename(filePath(), "jobs: []\n"));
    QTRY_VERIFY(watcher.reads() > afterSame);
    const int afterRename = watcher.reads();
    // The daemon's apply leaves a .bak beside the file.
    QVERIFY(writeInPlace(filePath() + u".bak"_s, "something else\n"));
    QTRY_VERIFY(watcher.reads() > afterRename);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(watcher.version(), Config::ConfigStore::versionOf("jobs: []\n"));
}

void TestConfigFileWatcher::removedFileHasNoVersionUntilItIsBack()
{
    ConfigFileWatcher watcher(filePath());
    QSignalSpy changed(&watcher, &ConfigFileWatcher::changed);
    QVERIFY(QFile::remove(filePath()));
    QTRY_COMPARE(changed.count(), 1);
    QCOMPARE(watcher.version(), QString());
    QVERIFY(writeInPlace(filePath(), "jobs: []\n# back\n"));
    QTRY_COMPARE(changed.count(), 2);
    QCOMPARE(watcher.version(), Config::ConfigStore::versionOf("jobs: []\n# back\n"));
    // And watched again.
    QVERIFY(writeInPlace(filePath(), "jobs: []\n# back and edited\n"));
    QTRY_COMPARE(changed.count(), 3);
}

void TestConfigFileWatcher::eventsOfOneSaveAreReadOnce()
{
    ConfigFileWatcher watcher(filePath());
    QSignalSpy changed(&watcher, &ConfigFileWatcher::changed);
    const int reads = watcher.reads();
    // A save of many events without the event loop in between: a truncate, writes, a temp file, a rename.
    for (int i = 0; i < 5; ++i) {
        QVERIFY(writeInPlace(filePath(), "jobs: []\n# draft " + QByteArray::number(i) + '\n'));
    }
    QVERIFY(replaceByRename(filePath(), "jobs: []\n# saved\n"));
    QTRY_COMPARE(changed.count(), 1);
    QCOMPARE(watcher.reads(), reads + 1);
    QCOMPARE(watcher.version(), Config::ConfigStore::versionOf("jobs: []\n# saved\n"));
}

void TestConfigFileWatcher::linkTargetReplacedIsAChange()
{
    // /etc/holdfast/holdfast.yml -> a file managed elsewhere, replaced in its own directory.
    QVERIFY(QDir(m_dir->path()).mkdir(u"managed"_s));
    const QString target = m_dir->filePath(u"managed/holdfast.yml"_s);
    QVERIFY(writeInPlace(target, "jobs: []\n# managed\n"));
    const QString link = m_dir->filePath(u"link.yml"_s);
    QVERIFY(QFile::link(target, link));
    ConfigFileWatcher watcher(link);
    QCOMPARE(watcher.version(), Config::ConfigStore::versionOf("jobs: []\n# managed\n"));
    QSignalSpy changed(&watcher, &ConfigFileWatcher::changed);
    QVERIFY(replaceByRename(target, "jobs: []\n# managed, new\n"));
    QTRY_COMPARE(changed.count(), 1);
    QCOMPARE(watcher.version(), Config::ConfigStore::versionOf("jobs: []\n# managed, new\n"));
}

void TestConfigFileWatcher::checkTakesAChangeWhoseEventHasNotCome()
{
    ConfigFileWatcher watcher(filePath());
    QSignalSpy changed(&watcher, &ConfigFileWatcher::changed);
    QVERIFY(writeInPlace(filePath(), "jobs: []\n# applied\n"));
    // No event loop turn yet: the daemon's apply publishes its reload in the same turn as it wrote the file.
    watcher.check();
    QCOMPARE(changed.count(), 1);
    QCOMPARE(watcher.version(), Config::ConfigStore::versionOf("jobs: []\n# applied\n"));
    // Its events, when they come, say nothing more.
    const int reads = watcher.reads();
    QTRY_VERIFY(watcher.reads() > reads);
    QCOMPARE(changed.count(), 1);
}

QTEST_GUILESS_MAIN(TestConfigFileWatcher)
#include "TestConfigFileWatcher.moc"
