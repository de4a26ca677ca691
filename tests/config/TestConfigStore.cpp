// SPDX-License-Identifier: MIT
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "daemon/config/ConfigStore.h"

using namespace Qt::StringLiterals;
using Config::ConfigStore;

// The configuration file on disk: atomic replacement, the backup, mode and owner kept, the version check.
class TestConfigStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void versionIsSha256();
    void readGivesBytesAndVersion();
    void writeReplacesAndKeepsBackup();
    void conflictWritesNothing();
    void modeKept();
    void ownerKept();
    void symbolicLinkStays();
    void newFile();
    void crashBetweenWriteAndRename();
    void missingDirectory();
    void readOnlyDirectory();
    void notARegularFile();

private:
    QString writeFile(const QString &name, const QByteArray &bytes);
    QByteArray contents(const QString &path);
    QStringList leftovers() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

const QByteArray OldText = "# the old configuration\njobs: []\n";
const QByteArray NewText = "# the new configuration\njobs:\n- name: a\n  type: sink\n";

void TestConfigStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = writeFile(u"holdfast.yml"_s, OldText);
}

QString TestConfigStore::writeFile(const QString &name, const QByteArray &bytes)
{
    const QString path = m_dir->filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size()) {
        qFatal("cannot write %s", qPrintable(path));
    }
    return path;
}

QByteArray TestConfigStore::contents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

QStringList TestConfigStore::leftovers() const
{
    // Temp files are hidden ".holdfast.yml.XXXXXX" beside the file.
    return QDir(m_dir->path()).entryList({u".*.??????"_s}, QDir::Files | QDir::Hidden);
}

void TestConfigStore::versionIsSha256()
{
    QCOMPARE(ConfigStore::versionOf("abc"), u"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"_s);
    QCOMPARE(ConfigStore::versionOf({}), u"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"_s);
}

void TestConfigStore::readGivesBytesAndVersion()
{
    ConfigStore store(m_path);
    QString error;
    const std::optional<ConfigStore::Contents> read = store.read(&error);
    QVERIFY2(read, qPrintable(error));
    QCOMPARE(read->bytes, OldText);
    QCOMPARE(read->version, ConfigStore::versionOf(OldText));

    ConfigStore missing(m_dir->filePath(u"nosuch.yml"_s));
    QVERIFY(!missing.read(&error));
    QVERIFY2(error.contains(u"nosuch.yml"_s), qPrintable(error));
}

void TestConfigStore::writeReplacesAndKeepsBackup()
{
    ConfigStore store(m_path);
    ConfigStore::WriteResult result = store.write(NewText, ConfigStore::versionOf(OldText));
    QCOMPARE(result.outcome, ConfigStore::Outcome::Written);
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    QCOMPARE(result.version, ConfigStore::versionOf(NewText));
    QCOMPARE(contents(m_path), NewText);
    QCOMPARE(contents(m_path + u".bak"_s), OldText);
    QVERIFY(leftovers().isEmpty());

    // The next write moves the backup on: it always holds the version before the last write.
    const QByteArray third = "jobs: []\n";
    result = store.write(third, result.version);
    QCOMPARE(result.outcome, ConfigStore::Outcome::Written);
    QCOMPARE(contents(m_path), third);
    QCOMPARE(contents(m_path + u".bak"_s), NewText);
    QVERIFY2(leftovers().isEmpty(), qPrintable(leftovers().join(u' ')));
}

void TestConfigStore::conflictWritesNothing()
{
    ConfigStore store(m_path);
    // A second client edited the version before this one.
    const ConfigStore::WriteResult result = store.write(NewText, ConfigStore::versionOf("what I read earlier"));
    QCOMPARE(result.outcome, ConfigStore::Outcome::Conflict);
    QCOMPARE(result.version, ConfigStore::versionOf(OldText));
    QCOMPARE(contents(m_path), OldText);
    QVERIFY(!QFile::exists(m_path + u".bak"_s));
    QVERIFY(leftovers().isEmpty());
    // An empty base version means "the file does not exist": also a conflict here.
    QCOMPARE(store.write(NewText, {}).outcome, ConfigStore::Outcome::Conflict);
}

void TestConfigStore::modeKept()
{
    QVERIFY(::chmod(QFile::encodeName(m_path).constData(), 0640) == 0);
    ConfigStore store(m_path);
    QCOMPARE(store.write(NewText, ConfigStore::versionOf(OldText)).outcome, ConfigStore::Outcome::Written);

    struct stat st
    {};

    QVERIFY(::stat(QFile::encodeName(m_path).constData(), &st) == 0);
    QCOMPARE(st.st_mode & 07777, mode_t(0640));
    QVERIFY(::stat(QFile::encodeName(m_path + u".bak"_s).constData(), &st) == 0);
    QCOMPARE(st.st_mode & 07777, mode_t(0640));
}

void TestConfigStore::ownerKept()
{
    if (::geteuid() != 0) {
        QSKIP("giving a file to another user needs root");
    }
    const uid_t uid = 12345;
    const gid_t gid = 23456;
    QVERIFY(::chown(QFile::encodeName(m_path).constData(), uid, gid) == 0);
    QVERIFY(::chmod(QFile::encodeName(m_path).constData(), 0600) == 0);
    ConfigStore store(m_path);
    const ConfigStore::WriteResult result = store.write(NewText, ConfigStore::versionOf(OldText));
    QCOMPARE(result.outcome, ConfigStore::Outcome::Written);

    struct stat st
    {};

    QVERIFY(::stat(QFile::encodeName(m_path).constData(), &st) == 0);
    QCOMPARE(st.st_uid, uid);
    QCOMPARE(st.st_gid, gid);
    QCOMPARE(st.st_mode & 07777, mode_t(0600));
    QVERIFY(::stat(QFile::encodeName(m_path + u".bak"_s).constData(), &st) == 0);
    QCOMPARE(st.st_uid, uid);
    QCOMPARE(st.st_gid, gid);
}

void TestConfigStore::symbolicLinkStays()
{
    QVERIFY(QDir(m_dir->path()).mkdir(u"real"_s));
    const QString real = writeFile(u"real/holdfast.yml"_s, OldText);
    const QString link = m_dir->filePath(u"link.yml"_s);
    QVERIFY(QFile::link(real, link));
    ConfigStore store(link);
    QCOMPARE(store.write(NewText, ConfigStore::versionOf(OldText)).outcome, ConfigStore::Outcome::Written);
    QVERIFY(QFileInfo(link).isSymLink());
    QCOMPARE(contents(real), NewText);
    QCOMPARE(contents(real + u".bak"_s), OldText);
}

void TestConfigStore::newFile()
{
    const QString path = m_dir->filePath(u"fresh.yml"_s);
    ConfigStore store(path);
    const ConfigStore::WriteResult result = store.write(NewText, {});
    QCOMPARE(result.outcome, ConfigStore::Outcome::Written);
    QCOMPARE(contents(path), NewText);
    QVERIFY(!QFile::exists(path + u".bak"_s));

    struct stat st
    {};

    QVERIFY(::stat(QFile::encodeName(path).constData(), &st) == 0);
    QCOMPARE(st.st_mode & 077, mode_t(0));  // a configuration may hold secrets: private until told otherwise
}

void TestConfigStore::crashBetweenWriteAndRename()
{
    const QByteArray olderBackup = "# the backup before\n";
    writeFile(u"holdfast.yml.bak"_s, olderBackup);
    const pid_t child = ::fork();
    QVERIFY(child >= 0);
    if (child == 0) {
        ConfigStore store(m_path);
        store.beforeRenameForTest = [] {
            ::_exit(9);
        };
        store.write(NewText, ConfigStore::versionOf(OldText));
        ::_exit(0);  // the hook did not run: the parent sees 0, not 9
    }
    int status = 0;
    QCOMPARE(::waitpid(child, &status, 0), child);
    QVERIFY(WIFEXITED(status));
    QCOMPARE(WEXITSTATUS(status), 9);
    QCOMPARE(contents(m_path), OldText);
    QCOMPARE(contents(m_path + u".bak"_s), olderBackup);
    // The new text reached its temp file before the crash (what a crash leaves is a hidden temp file, no damage).
    const QStringList temps = leftovers();
    QCOMPARE(temps.size(), 1);
    QCOMPARE(contents(m_dir->filePath(temps.first())), NewText);

    // The next write works as if nothing happened.
    ConfigStore store(m_path);
    QCOMPARE(store.write(NewText, ConfigStore::versionOf(OldText)).outcome, ConfigStore::Outcome::Written);
    QCOMPARE(contents(m_path + u".bak"_s), OldText);
}

void TestConfigStore::missingDirectory()
{
    ConfigStore store(m_dir->filePath(u"no/such/dir/holdfast.yml"_s));
    const ConfigStore::WriteResult result = store.write(NewText, {});
    QCOMPARE(result.outcome, ConfigStore::Outcome::Failed);
    QVERIFY2(result.error.contains(u"the directory "_s + m_dir->filePath(u"no/such/dir"_s) + u" does not exist"_s),
             qPrintable(result.error));
}

void TestConfigStore::readOnlyDirectory()
{
    // Root writes everywhere: the write is tried by a child that gave up root.
    QVERIFY(::chmod(QFile::encodeName(m_dir->path()).constData(), 0755) == 0);
    QVERIFY(::chmod(QFile::encodeName(m_path).constData(), 0644) == 0);
    if (::geteuid() != 0) {
        QVERIFY(::chmod(QFile::encodeName(m_dir->path()).constData(), 0555) == 0);
    }
    int pipeFds[2];
    QVERIFY(::pipe(pipeFds) == 0);
    const pid_t child = ::fork();
    QVERIFY(child >= 0);
    if (child == 0) {
        ::close(pipeFds[0]);
        if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) {
            ::_exit(3);
        }
        ConfigStore store(m_path);
        const ConfigStore::WriteResult result = store.write(NewText, ConfigStore::versionOf(OldText));
        const QByteArray message = result.error.toUtf8();
        if (::write(pipeFds[1], message.constData(), size_t(message.size())) < 0) {
            ::_exit(4);
        }
        ::_exit(result.outcome == ConfigStore::Outcome::Failed ? 0 : 1);
    }
    ::close(pipeFds[1]);
    QFile reader;
    QVERIFY(reader.open(pipeFds[0], QIODevice::ReadOnly, QFileDevice::AutoCloseHandle));
    const QString message = QString::fromUtf8(reader.readAll());
    int status = 0;
    QCOMPARE(::waitpid(child, &status, 0), child);
    ::chmod(QFile::encodeName(m_dir->path()).constData(), 0700);
    QVERIFY(WIFEXITED(status));
    QCOMPARE(WEXITSTATUS(status), 0);
    QVERIFY2(message.contains(u"cannot create a temporary file in "_s + m_dir->path()), qPrintable(message));
    QVERIFY2(message.contains(u"Permission denied (the directory must be writable by the daemon)"_s),
             qPrintable(message));
    QCOMPARE(contents(m_path), OldText);
}

void TestConfigStore::notARegularFile()
{
    QVERIFY(QDir(m_dir->path()).mkdir(u"adir"_s));
    ConfigStore store(m_dir->filePath(u"adir"_s));
    const ConfigStore::WriteResult result = store.write(NewText, {});
    QCOMPARE(result.outcome, ConfigStore::Outcome::Failed);
    QVERIFY2(result.error.contains(u"not a regular file"_s), qPrintable(result.error));
}

QTEST_APPLESS_MAIN(TestConfigStore)
#include "TestConfigStore.moc"
