// SPDX-License-Identifier: MIT
// Browsing a backup's snapshots: the leases (mount, renew, release, idle timeout, busy unmounts, shutdown, what a
// crashed daemon left), the endpoints and their access levels, the JSON, the mount table. zfs is the OpenZFS
// emulator; mount and umount are fakes that keep a fake mount table, so that no root and no kernel ZFS is needed.
#include <optional>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

#include "BackendCommandConfig.h"
#include "EmulatorFixture.h"
#include "daemon/browse/BrowseLeases.h"
#include "daemon/browse/MountTable.h"
#include "daemon/browse/SnapshotLookup.h"
#include "daemon/cli/BrowseCommands.h"
#include "daemon/control/AccessCheckedHandler.h"
#include "daemon/control/BrowseEndpoints.h"
#include "daemon/control/ControlService.h"
#include "tests/common/FakeConfigHost.h"
#include "daemon/control/DebugServer.h"
#include "daemon/jobs/JobFactory.h"
#include "daemon/jobs/JobRegistry.h"
#include "daemon/metrics/Metrics.h"
#include "daemon/zfs/ZfsClient.h"
#include "shared/control/Browse.h"
#include "shared/control/ControlAccess.h"

using namespace Daemon;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

bool writeFile(const QString &path, const QByteArray &content, QFile::Permissions permissions = {})
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) != content.size()) {
        return false;
    }
    file.close();
    return permissions == QFile::Permissions() || file.setPermissions(permissions);
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The fake mount(8) records its arguments, marks the directory (a mounted directory is not empty) and adds the
// mount to the fake table; `mount-fail` in the state directory makes it fail as mount does.
const char FakeMount[] = R"(#!/bin/sh
echo "mount $*" >>"@STATE@/calls.log"
if [ -e "@STATE@/mount-fail" ]; then
    echo "mount: $6: wrong fs type, bad option, bad superblock on $5." >&2
    exit 32
fi
echo "$5" >"$6/.mounted"
echo "900 1 0:99 / $6 $4 - zfs $5 ro" >>"@STATE@/mountinfo"
)";

// The fake umount(8): `umount-busy` makes it fail as a busy mount does (but umount -l detaches anyway).
const char FakeUmount[] = R"(#!/bin/sh
echo "umount $*" >>"@STATE@/calls.log"
for dir; do :; done
if [ -e "@STATE@/umount-busy" ] && [ "$1" != "-l" ]; then
    echo "umount: $dir: target is busy." >&2
    exit 32
fi
if ! grep -q " $dir " "@STATE@/mountinfo"; then
    echo "umount: $dir: not mounted." >&2
    exit 32
fi
sed -i "\| $dir |d" "@STATE@/mountinfo"
rm -f "$dir/.mounted"
)";

}  // namespace

class TestBrowse : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void mountsReadOnlyInADirectoryOfItsOwn();
    void askingAgainRenewsTheSameLease();
    void releaseUnmountsAndRemovesTheDirectory();
    void releaseOfAnUnknownIdIsNotFound();
    void releaseOfAMountGoneAlreadyIsFine();
    void idleLeasesAreUnmounted();
    void busyUnmountIsRetriedAndReported();
    void missingFilesystemOrSnapshotIsNotFound();
    void encryptedWithoutKeyIsRefused();
    void mountFailureIsReported();
    void shutdownUnmountsEverything();
    void shutdownDetachesBusyMounts();
    void leftoversOfACrashedDaemonAreUnmounted();
    void secondDaemonLeavesTheFirstOnesMountsAlone();
    void unsafeRootIsRefused();

    void endpointsAnswer();
    void snapshotListing();
    void browseNeedsAdminListingDoesNot();

    void controlServiceRoutesTheEndpoints();
    void settingsFromTheEnvironment();
    void commandLineTexts();

    void jsonRoundTrips();
    void jsonErrorsNameTheField();
    void mountTableParsing();

private:
    Browse::BrowseSettings settings(std::chrono::seconds idle = 600s) const;
    std::unique_ptr<Browse::BrowseLeases> makeLeases(std::chrono::seconds idle = 600s);
    Browse::OpenOutcome open(Browse::BrowseLeases &leases, const QString &fs, const QString &snap);
    Browse::ReleaseOutcome release(Browse::BrowseLeases &leases, const QString &id);
    Http::Response
    ask(BrowseEndpoints &endpoints, const QByteArray &method, const QByteArray &target, const QByteArray &body = {});

    QString state(const QString &name) const
    {
        return m_state->filePath(name);
    }

    QByteArray calls() const
    {
        return readFile(state(u"calls.log"_s));
    }

    QString root() const
    {
        return state(u"browse"_s);
    }

    void zfs(const QString &arguments);

    EmulatorFixture m_emulator{QStringLiteral(HOLDFAST_ZFS_EMULATOR_BIN_DIR)};
    std::unique_ptr<QTemporaryDir> m_state;
    std::unique_ptr<Zfs::ZfsCommand> m_command;
    std::unique_ptr<Zfs::ZfsClient> m_zfs;
    std::unique_ptr<Browse::SnapshotLookup> m_lookup;
    QString m_pool;
};

void TestBrowse::initTestCase()
{
    if (!m_emulator.start()) {
        QSKIP(qPrintable(m_emulator.unavailableReason()));
    }
}

void TestBrowse::init()
{
    m_state = std::make_unique<QTemporaryDir>();
    QVERIFY(m_state->isValid());
    for (auto [name, text] : {std::pair{u"mount"_s, FakeMount}, std::pair{u"umount"_s, FakeUmount}}) {
        QByteArray script(text);
        script.replace("@STATE@", QFile::encodeName(m_state->path()));
        QVERIFY(writeFile(state(name), script, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    }
    QVERIFY(writeFile(state(u"mountinfo"_s), "22 1 0:21 / / rw,relatime - ext4 /dev/sda1 rw\n"));
    m_pool = m_emulator.nextPoolName();
    QString error;
    QVERIFY2(m_emulator.createPool(m_pool, 64, &error), qPrintable(error));
    zfs(u"create -o mountpoint=none %1/backup"_s);
    zfs(u"snapshot %1/backup@a"_s);
    zfs(u"snapshot %1/backup@b"_s);
    m_command = std::make_unique<Zfs::ZfsCommand>(commandConfigFor(m_emulator));
    m_zfs = std::make_unique<Zfs::ZfsClient>(*m_command);
    m_lookup = std::make_unique<Browse::SnapshotLookup>(*m_zfs);
}

void TestBrowse::cleanup()
{
    m_lookup.reset();
    m_zfs.reset();
    m_command.reset();
    m_emulator.destroyPools();
    m_state.reset();
}

void TestBrowse::zfs(const QString &arguments)
{
    const ZfsCommandResult result = m_emulator.zfs(arguments.arg(m_pool).split(u' '));
    QVERIFY2(result.exitCode == 0,
             qPrintable(u"zfs %1: %2"_s.arg(arguments.arg(m_pool), QString::fromUtf8(result.standardError))));
}

Browse::BrowseSettings TestBrowse::settings(std::chrono::seconds idle) const
{
    Browse::BrowseSettings s;
    s.root = root();
    s.idleTimeout = idle;
    s.mountBinary = state(u"mount"_s);
    s.umountBinary = state(u"umount"_s);
    s.mountInfoPath = state(u"mountinfo"_s);
    return s;
}

std::unique_ptr<Browse::BrowseLeases> TestBrowse::makeLeases(std::chrono::seconds idle)
{
    return std::make_unique<Browse::BrowseLeases>(settings(idle), *m_lookup);
}

Browse::OpenOutcome TestBrowse::open(Browse::BrowseLeases &leases, const QString &fs, const QString &snap)
{
    std::optional<Browse::OpenOutcome> got;
    leases.open(fs, snap, [&got](const Browse::OpenOutcome &outcome) { got = outcome; });
    if (!QTest::qWaitFor([&] { return got.has_value(); }, 20000)) {
        qWarning("open(%s@%s) did not answer", qPrintable(fs), qPrintable(snap));
        return {};
    }
    return *got;
}

Browse::ReleaseOutcome TestBrowse::release(Browse::BrowseLeases &leases, const QString &id)
{
    std::optional<Browse::ReleaseOutcome> got;
    leases.release(id, [&got](const Browse::ReleaseOutcome &outcome) { got = outcome; });
    if (!QTest::qWaitFor([&] { return got.has_value(); }, 20000)) {
        qWarning("release(%s) did not answer", qPrintable(id));
        return {};
    }
    return *got;
}

Http::Response
TestBrowse::ask(BrowseEndpoints &endpoints, const QByteArray &method, const QByteArray &target, const QByteArray &body)
{
    Http::Request request;
    request.method = method;
    request.target = target;
    const qsizetype query = target.indexOf('?');
    request.path = query < 0 ? target : target.left(query);
    request.query = query < 0 ? QByteArray() : target.mid(query + 1);
    request.body = body;
    std::optional<Http::Response> got;
    endpoints.handle(request, [&got](Http::Response response) { got = std::move(response); });
    if (!QTest::qWaitFor([&] { return got.has_value(); }, 20000)) {
        qWarning("%s %s did not answer", method.constData(), target.constData());
        return {};
    }
    return *got;
}

void TestBrowse::mountsReadOnlyInADirectoryOfItsOwn()
{
    auto leases = makeLeases();
    const QString fs = m_pool + u"/backup"_s;
    const Browse::OpenOutcome outcome = open(*leases, fs, u"a"_s);
    QCOMPARE(outcome.status, Browse::OpenOutcome::Status::Mounted);
    const Api::BrowseLease &lease = outcome.lease;
    QCOMPARE(lease.filesystem, fs);
    QCOMPARE(lease.snapshot, u"a"_s);
    QCOMPARE(lease.path, root() + u'/' + lease.id);
    QVERIFY2(QRegularExpression(u"\\A[0-9a-f]{16}\\z"_s).match(lease.id).hasMatch(), qPrintable(lease.id));
    QCOMPARE(lease.idleTimeoutSeconds, 600);
    const qint64 left = QDateTime::currentDateTimeUtc().secsTo(lease.expiresAt.toDateTime());
    QVERIFY2(left > 590 && left <= 600, qPrintable(QString::number(left)));
    QCOMPARE(calls(),
             "mount -t zfs -o ro,nosuid,nodev,noexec " + (fs + u"@a"_s).toUtf8() + ' ' + lease.path.toUtf8() + '\n');
    QCOMPARE(readFile(lease.path + u"/.mounted"_s), (fs + u"@a\n"_s).toUtf8());
    // The desktop user must reach it: both directories 0755 whatever the umask.
    QCOMPARE(QFileInfo(root()).permissions() & 0x7777, QFileDevice::Permissions(0x7755));
    QCOMPARE(QFileInfo(lease.path).permissions() & 0x7777, QFileDevice::Permissions(0x7755));
    QCOMPARE(leases->leases().leases, QList<Api::BrowseLease>{lease});

    // Another snapshot gets a lease and a directory of its own.
    const Browse::OpenOutcome other = open(*leases, fs, u"b"_s);
    QCOMPARE(other.status, Browse::OpenOutcome::Status::Mounted);
    QVERIFY(other.lease.id != lease.id);
    QCOMPARE(leases->leases().leases.size(), 2);
}

void TestBrowse::askingAgainRenewsTheSameLease()
{
    auto leases = makeLeases(30s);
    const QString fs = m_pool + u"/backup"_s;
    const Browse::OpenOutcome first = open(*leases, fs, u"a"_s);
    QCOMPARE(first.status, Browse::OpenOutcome::Status::Mounted);
    QTest::qWait(1100);
    const Browse::OpenOutcome again = open(*leases, fs, u"a"_s);
    QCOMPARE(again.status, Browse::OpenOutcome::Status::Renewed);
    QCOMPARE(again.lease.id, first.lease.id);
    QCOMPARE(again.lease.path, first.lease.path);
    QVERIFY2(again.lease.expiresAt > first.lease.expiresAt,
             qPrintable(
                 QString::fromLatin1(again.lease.expiresAt.toRfc3339() + " <= " + first.lease.expiresAt.toRfc3339())));
    QCOMPARE(calls().count("mount -t zfs"), 1);
    QCOMPARE(leases->leases().leases.size(), 1);

    // Unmounted by hand meanwhile: asking again mounts it anew rather than hand out an empty directory.
    QVERIFY(QProcess::execute(state(u"umount"_s), {first.lease.path}) == 0);
    const Browse::OpenOutcome remounted = open(*leases, fs, u"a"_s);
    QCOMPARE(remounted.status, Browse::OpenOutcome::Status::Mounted);
    QVERIFY(remounted.lease.id != first.lease.id);
    QVERIFY(!QFileInfo::exists(first.lease.path));
    QVERIFY(QFileInfo::exists(remounted.lease.path + u"/.mounted"_s));
    QCOMPARE(leases->leases().leases.size(), 1);
}

void TestBrowse::releaseUnmountsAndRemovesTheDirectory()
{
    auto leases = makeLeases();
    const QString fs = m_pool + u"/backup"_s;
    const Api::BrowseLease a = open(*leases, fs, u"a"_s).lease;
    const Api::BrowseLease b = open(*leases, fs, u"b"_s).lease;
    const Browse::ReleaseOutcome released = release(*leases, a.id);
    QCOMPARE(released.status, Browse::ReleaseOutcome::Status::Released);
    QCOMPARE(released.remaining.leases, QList<Api::BrowseLease>{b});
    QVERIFY(calls().contains(QByteArray("umount " + a.path.toUtf8() + '\n')));
    QVERIFY(!QFileInfo::exists(a.path));
    QVERIFY(!readFile(state(u"mountinfo"_s)).contains(a.path.toUtf8()));
    QVERIFY(QFileInfo::exists(b.path + u"/.mounted"_s));
    QCOMPARE(leases->leases().leases, QList<Api::BrowseLease>{b});
}

void TestBrowse::releaseOfAnUnknownIdIsNotFound()
{
    auto leases = makeLeases();
    const Api::BrowseLease a = open(*leases, m_pool + u"/backup"_s, u"a"_s).lease;
    QCOMPARE(release(*leases, a.id).status, Browse::ReleaseOutcome::Status::Released);
    const Browse::ReleaseOutcome again = release(*leases, a.id);
    QCOMPARE(again.status, Browse::ReleaseOutcome::Status::NotFound);
    QVERIFY2(again.message.contains(a.id), qPrintable(again.message));
    QCOMPARE(release(*leases, u"0000000000000000"_s).status, Browse::ReleaseOutcome::Status::NotFound);
}

void TestBrowse::releaseOfAMountGoneAlreadyIsFine()
{
    auto leases = makeLeases();
    const Api::BrowseLease a = open(*leases, m_pool + u"/backup"_s, u"a"_s).lease;
    QVERIFY(QProcess::execute(state(u"umount"_s), {a.path}) == 0);  // someone else unmounted it
    const QByteArray before = calls();
    const Browse::ReleaseOutcome released = release(*leases, a.id);
    QCOMPARE(released.status, Browse::ReleaseOutcome::Status::Released);
    QCOMPARE(calls(), before);  // nothing left to unmount: umount is not run again
    QVERIFY(!QFileInfo::exists(a.path));
    QVERIFY(leases->leases().leases.isEmpty());
}

void TestBrowse::idleLeasesAreUnmounted()
{
    auto leases = makeLeases(1s);
    const QString fs = m_pool + u"/backup"_s;
    const Api::BrowseLease a = open(*leases, fs, u"a"_s).lease;
    QCOMPARE(a.idleTimeoutSeconds, 1);
    QTRY_VERIFY_WITH_TIMEOUT(leases->leases().leases.isEmpty(), 10000);
    QVERIFY(calls().contains(QByteArray("umount " + a.path.toUtf8() + '\n')));
    QVERIFY(!QFileInfo::exists(a.path));

    // Renewed in time, it stays past its first deadline.
    const Api::BrowseLease b = open(*leases, fs, u"b"_s).lease;
    for (int i = 0; i < 4; ++i) {
        QTest::qWait(500);
        QCOMPARE(open(*leases, fs, u"b"_s).status, Browse::OpenOutcome::Status::Renewed);
    }
    QVERIFY(QFileInfo::exists(b.path + u"/.mounted"_s));
    QTRY_VERIFY_WITH_TIMEOUT(leases->leases().leases.isEmpty(), 10000);
    QVERIFY(!QFileInfo::exists(b.path));
}

void TestBrowse::busyUnmountIsRetriedAndReported()
{
    auto leases = makeLeases(1s);
    QVERIFY(writeFile(state(u"umount-busy"_s), {}));
    const Api::BrowseLease a = open(*leases, m_pool + u"/backup"_s, u"a"_s).lease;
    QTRY_VERIFY_WITH_TIMEOUT(!leases->leases().leases.isEmpty() && !leases->leases().leases[0].unmountError.isEmpty(),
                             10000);
    QCOMPARE(leases->leases().leases[0].unmountError, u"umount: %1: target is busy."_s.arg(a.path));
    // Still mounted: the directory is never removed from under a mount.
    QVERIFY(QFileInfo::exists(a.path + u"/.mounted"_s));
    const Browse::ReleaseOutcome refused = release(*leases, a.id);
    QCOMPARE(refused.status, Browse::ReleaseOutcome::Status::Failed);
    QVERIFY2(refused.message.contains(u"target is busy"_s), qPrintable(refused.message));
    QCOMPARE(refused.remaining.leases.size(), 1);

    const int attempts = int(calls().count("umount "));
    QTRY_VERIFY_WITH_TIMEOUT(calls().count("umount ") > attempts, 10000);  // tried again at the next tick
    QVERIFY(QFile::remove(state(u"umount-busy"_s)));
    QTRY_VERIFY_WITH_TIMEOUT(leases->leases().leases.isEmpty(), 10000);
    QVERIFY(!QFileInfo::exists(a.path));
}

void TestBrowse::missingFilesystemOrSnapshotIsNotFound()
{
    auto leases = makeLeases();
    const Browse::OpenOutcome noSnapshot = open(*leases, m_pool + u"/backup"_s, u"nosuch"_s);
    QCOMPARE(noSnapshot.status, Browse::OpenOutcome::Status::NotFound);
    QCOMPARE(noSnapshot.message, u"%1/backup has no snapshot named \"nosuch\""_s.arg(m_pool));
    const Browse::OpenOutcome noFilesystem = open(*leases, m_pool + u"/nosuch"_s, u"a"_s);
    QCOMPARE(noFilesystem.status, Browse::OpenOutcome::Status::NotFound);
    QCOMPARE(noFilesystem.message, u"no filesystem named \"%1/nosuch\""_s.arg(m_pool));
    QVERIFY(calls().isEmpty());
    QVERIFY(leases->leases().leases.isEmpty());
}

void TestBrowse::encryptedWithoutKeyIsRefused()
{
    zfs(u"create -o encryption=on -o keyformat=passphrase -o keylocation=file:///nonexistent %1/enc"_s);
    zfs(u"create %1/enc/child"_s);
    zfs(u"snapshot %1/enc/child@s"_s);
    zfs(u"unload-key %1/enc"_s);
    const QString why = u"the key of %1/enc/child is not loaded: a raw-received backup can only be browsed after "
                        "`zfs load-key %1/enc`"_s.arg(m_pool);
    {
        JobRegistry jobs;
        BrowseEndpoints endpoints(jobs, settings(), commandConfigFor(m_emulator));
        const Http::Response r = ask(endpoints,
                                     "POST",
                                     Api::HoldfastEndpoint::Browse,
                                     Api::BrowseRequest{m_pool + u"/enc/child"_s, u"s"_s}.toJson());
        QCOMPARE(r.status, 409);
        QCOMPARE(r.body, (why + u'\n').toUtf8());
    }
    auto leases = makeLeases();
    const Browse::OpenOutcome outcome = open(*leases, m_pool + u"/enc/child"_s, u"s"_s);
    QCOMPARE(outcome.status, Browse::OpenOutcome::Status::KeyNotLoaded);
    QCOMPARE(outcome.message, why);
    QVERIFY(calls().isEmpty());
    zfs(u"load-key -L file:///nonexistent %1/enc"_s);
    QCOMPARE(open(*leases, m_pool + u"/enc/child"_s, u"s"_s).status, Browse::OpenOutcome::Status::Mounted);
}

void TestBrowse::mountFailureIsReported()
{
    auto leases = makeLeases();
    QVERIFY(writeFile(state(u"mount-fail"_s), {}));
    const Browse::OpenOutcome outcome = open(*leases, m_pool + u"/backup"_s, u"a"_s);
    QCOMPARE(outcome.status, Browse::OpenOutcome::Status::Failed);
    QVERIFY2(outcome.message.startsWith(u"cannot mount %1/backup@a: mount: "_s.arg(m_pool)),
             qPrintable(outcome.message));
    QVERIFY2(outcome.message.endsWith(u"wrong fs type, bad option, bad superblock on %1/backup@a."_s.arg(m_pool)),
             qPrintable(outcome.message));
    // No directory left behind for the failed mount.
    QCOMPARE(QDir(root()).entryList(QDir::Dirs | QDir::NoDotAndDotDot), QStringList());
    QVERIFY(leases->leases().leases.isEmpty());
    leases.reset();

    JobRegistry jobs;
    BrowseEndpoints endpoints(jobs, settings(), commandConfigFor(m_emulator));
    const Http::Response r = ask(
        endpoints, "POST", Api::HoldfastEndpoint::Browse, Api::BrowseRequest{m_pool + u"/backup"_s, u"a"_s}.toJson());
    QCOMPARE(r.status, 500);
    QVERIFY2(r.body.startsWith(QByteArray("cannot mount " + m_pool.toUtf8() + "/backup@a: mount: ")),
             r.body.constData());
}

void TestBrowse::shutdownUnmountsEverything()
{
    auto leases = makeLeases();
    const Api::BrowseLease a = open(*leases, m_pool + u"/backup"_s, u"a"_s).lease;
    const Api::BrowseLease b = open(*leases, m_pool + u"/backup"_s, u"b"_s).lease;
    leases.reset();
    QVERIFY(calls().contains(QByteArray("umount " + a.path.toUtf8() + '\n')));
    QVERIFY(calls().contains(QByteArray("umount " + b.path.toUtf8() + '\n')));
    QVERIFY(!QFileInfo::exists(a.path));
    QVERIFY(!QFileInfo::exists(b.path));
    QVERIFY(!readFile(state(u"mountinfo"_s)).contains(" zfs "));
}

void TestBrowse::shutdownDetachesBusyMounts()
{
    auto leases = makeLeases();
    const Api::BrowseLease a = open(*leases, m_pool + u"/backup"_s, u"a"_s).lease;
    QVERIFY(writeFile(state(u"umount-busy"_s), {}));
    leases.reset();
    // Busy: nobody would retry it once the daemon is gone, so it is detached (it goes when its user leaves).
    QVERIFY(calls().contains(QByteArray("umount " + a.path.toUtf8() + "\numount -l " + a.path.toUtf8() + '\n')));
    QVERIFY(!QFileInfo::exists(a.path));
}

void TestBrowse::leftoversOfACrashedDaemonAreUnmounted()
{
    const QString left = root() + u"/0123456789abcdef"_s;
    const QString stale = root() + u"/fedcba9876543210"_s;
    const QString notOurs = root() + u"/keep-me"_s;
    for (const QString &dir : {left, stale, notOurs}) {
        QVERIFY(QDir().mkpath(dir));
    }
    QVERIFY(writeFile(left + u"/.mounted"_s, "x\n"));
    QVERIFY(writeFile(state(u"mountinfo"_s),
                      "22 1 0:21 / / rw,relatime - ext4 /dev/sda1 rw\n"
                      "900 22 0:99 / "
                          + left.toUtf8() + " ro,nosuid - zfs " + m_pool.toUtf8()
                          + "/backup@a ro\n"
                            "901 22 0:98 / /elsewhere ro - zfs other@x ro\n"));
    auto leases = makeLeases();
    leases->cleanUpLeftovers();
    QTRY_VERIFY_WITH_TIMEOUT(!QFileInfo::exists(left), 10000);
    QCOMPARE(calls(), "umount " + left.toUtf8() + '\n');
    QTRY_VERIFY(!QFileInfo::exists(stale));
    QVERIFY(QFileInfo::exists(notOurs));  // not a lease's directory: not ours to remove
    QVERIFY(readFile(state(u"mountinfo"_s)).contains("/elsewhere"));

    // Nothing left over: nothing is created or touched.
    QVERIFY(QDir(root()).removeRecursively());
    auto again = makeLeases();
    again->cleanUpLeftovers();
    QTest::qWait(200);
    QVERIFY(!QFileInfo::exists(root()));
}

void TestBrowse::secondDaemonLeavesTheFirstOnesMountsAlone()
{
    auto first = makeLeases();
    const Api::BrowseLease a = open(*first, m_pool + u"/backup"_s, u"a"_s).lease;
    auto second = makeLeases();
    second->cleanUpLeftovers();
    const Browse::OpenOutcome refused = open(*second, m_pool + u"/backup"_s, u"b"_s);
    QCOMPARE(refused.status, Browse::OpenOutcome::Status::Refused);
    QVERIFY2(
        refused.message.startsWith(u"another holdfast daemon mounts snapshots for browsing under %1"_s.arg(root())),
        qPrintable(refused.message));
    QCOMPARE(calls().count("umount"), 0);
    QVERIFY(QFileInfo::exists(a.path + u"/.mounted"_s));
    second.reset();
    QVERIFY(QFileInfo::exists(a.path + u"/.mounted"_s));
}

void TestBrowse::unsafeRootIsRefused()
{
    // Too open, but the daemon's own: it is made 0755.
    QVERIFY(QDir().mkpath(root()));
    QVERIFY(QFile::setPermissions(root(), QFileDevice::Permissions(0x7777)));
    {
        auto leases = makeLeases();
        QCOMPARE(open(*leases, m_pool + u"/backup"_s, u"a"_s).status, Browse::OpenOutcome::Status::Mounted);
        QCOMPARE(QFileInfo(root()).permissions() & 0x7777, QFileDevice::Permissions(0x7755));
    }
    QVERIFY(QDir(root()).removeRecursively());

    // A symlink where the directory should be is refused, and what it points to is left as it was.
    QVERIFY(QDir().mkpath(state(u"elsewhere"_s)));
    QVERIFY(QFile::setPermissions(state(u"elsewhere"_s), QFileDevice::Permissions(0x7700)));
    QVERIFY(QFile::link(state(u"elsewhere"_s), root()));
    auto leases = makeLeases();
    const Browse::OpenOutcome outcome = open(*leases, m_pool + u"/backup"_s, u"a"_s);
    QCOMPARE(outcome.status, Browse::OpenOutcome::Status::Refused);
    QCOMPARE(outcome.message, u"%1 is not a directory"_s.arg(root()));
    QCOMPARE(QFileInfo(state(u"elsewhere"_s)).permissions() & 0x7777, QFileDevice::Permissions(0x7700));
    QVERIFY(QFile::remove(root()));

    // Someone else's directory (only root can make one to test with).
    if (::geteuid() == 0) {
        QVERIFY(QDir().mkpath(root()));
        QVERIFY(::chown(QFile::encodeName(root()).constData(), 65534, 65534) == 0);
        const Browse::OpenOutcome foreign = open(*leases, m_pool + u"/backup"_s, u"a"_s);
        QCOMPARE(foreign.status, Browse::OpenOutcome::Status::Refused);
        QVERIFY2(foreign.message.startsWith(u"%1 belongs to uid 65534 with mode 0755: the browse directory must be the "
                                            "daemon's own (uid 0)"_s.arg(root())),
                 qPrintable(foreign.message));
    }
    QCOMPARE(calls().count("mount -t"), 1);
}

void TestBrowse::endpointsAnswer()
{
    JobRegistry jobs;
    BrowseEndpoints endpoints(jobs, settings(), commandConfigFor(m_emulator));
    const QByteArray fs = m_pool.toUtf8() + "/backup";

    Http::Response r = ask(endpoints, "GET", Api::HoldfastEndpoint::Browse);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, "{\"leases\":[]}\n");

    r = ask(endpoints, "POST", Api::HoldfastEndpoint::Browse, "{\"filesystem\":\"" + fs + "\",\"snapshot\":\"a\"}");
    QCOMPARE(r.status, 200);
    QString error;
    const std::optional<Api::BrowseLease> lease = Api::BrowseLease::fromJson(r.body, &error);
    QVERIFY2(lease, qPrintable(error));
    QCOMPARE(lease->snapshot, u"a"_s);
    QVERIFY(QFileInfo::exists(lease->path + u"/.mounted"_s));

    r = ask(endpoints, "GET", Api::HoldfastEndpoint::Browse);
    const std::optional<Api::BrowseLeases> listed = Api::BrowseLeases::fromJson(r.body, &error);
    QVERIFY2(listed, qPrintable(error));
    QCOMPARE(listed->leases, QList<Api::BrowseLease>{*lease});

    struct Case
    {
        QByteArray method, path, body;
        int status;
        QByteArray text;
    };

    const QList<Case> cases = {
        {"POST",
         Api::HoldfastEndpoint::Browse,
         "{\"filesystem\":",
         400,
         "invalid browse request: the request is not valid JSON"},
        {"POST", Api::HoldfastEndpoint::Browse, "", 400, "invalid browse request: the request is not valid JSON"},
        {"POST",
         Api::HoldfastEndpoint::Browse,
         "{\"filesystem\":7}",
         400,
         "invalid browse request: filesystem: expected a string"},
        {"POST",
         Api::HoldfastEndpoint::Browse,
         "{\"filesystem\":\"" + fs + "\"}",
         400,
         "invalid browse request: \"filesystem\" and \"snapshot\" are required\n"},
        {"POST",
         Api::HoldfastEndpoint::Browse,
         "{\"filesystem\":\"" + fs + "/\",\"snapshot\":\"a\"}",
         400,
         "invalid filesystem name \"" + fs + "/\": trailing slash in name\n"},
        {"POST",
         Api::HoldfastEndpoint::Browse,
         "{\"filesystem\":\"" + fs + "\",\"snapshot\":\"a/b\"}",
         400,
         "invalid snapshot name \"a/b\""},
        {"POST",
         Api::HoldfastEndpoint::Browse,
         "{\"filesystem\":\"" + fs + "\",\"snapshot\":\"nosuch\"}",
         404,
         fs + " has no snapshot named \"nosuch\"\n"},
        {"POST",
         Api::HoldfastEndpoint::BrowseRelease,
         "{\"id\":\"0000000000000000\"}",
         404,
         "no browse lease with id \"0000000000000000\""},
        {"POST", Api::HoldfastEndpoint::BrowseRelease, "{}", 400, "invalid release request: \"id\" is required\n"},
        {"POST",
         Api::HoldfastEndpoint::BrowseRelease,
         "[1]",
         400,
         "invalid release request: the request is not a JSON object"},
        {"GET", Api::HoldfastEndpoint::BrowseRelease, "", 405, "405 method not allowed\n"},
        {"DELETE", Api::HoldfastEndpoint::Browse, "", 405, "405 method not allowed\n"},
        {"POST", Api::HoldfastEndpoint::Snapshots, "", 405, "405 method not allowed\n"},
    };
    for (const Case &c : cases) {
        r = ask(endpoints, c.method, c.path, c.body);
        QVERIFY2(r.status == c.status && r.body.startsWith(c.text),
                 qPrintable(u"%1 %2 %3: %4 %5"_s.arg(QString::fromUtf8(c.method),
                                                     QString::fromUtf8(c.path),
                                                     QString::fromUtf8(c.body),
                                                     QString::number(r.status),
                                                     QString::fromUtf8(r.body))));
    }

    r = ask(endpoints, "POST", Api::HoldfastEndpoint::BrowseRelease, Api::BrowseRelease{lease->id}.toJson());
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, "{\"leases\":[]}\n");
    QVERIFY(!QFileInfo::exists(lease->path));
}

void TestBrowse::snapshotListing()
{
    zfs(u"create -o mountpoint=none %1/sink"_s);
    zfs(u"create %1/sink/ws"_s);
    zfs(u"create %1/sink/ws/home"_s);
    zfs(u"snapshot %1/sink/ws/home@one"_s);
    zfs(u"hold keep %1/sink/ws/home@one"_s);
    zfs(u"snapshot %1/sink/ws/home@two"_s);
    JobRegistry jobs;
    Config::Job sink;
    sink.type = Config::JobType::Sink;
    sink.name = u"sink"_s;
    sink.rootFs = m_pool + u"/sink"_s;
    jobs.addJob(Daemon::createJob(sink));
    BrowseEndpoints endpoints(jobs, settings(), commandConfigFor(m_emulator));

    Http::Response r =
        ask(endpoints,
            "GET",
            QByteArray(Api::HoldfastEndpoint::Snapshots) + "?filesystem=" + m_pool.toUtf8() + "%2Fsink%2Fws%2Fhome");
    QCOMPARE(r.status, 200);
    QString error;
    std::optional<Api::SnapshotListing> listing = Api::SnapshotListing::fromJson(r.body, &error);
    QVERIFY2(listing, qPrintable(error));
    QCOMPARE(listing->filesystem, m_pool + u"/sink/ws/home"_s);
    QCOMPARE(listing->mountpoint, QString());  // the emulator mounts nothing
    QVERIFY(listing->received);
    QCOMPARE(listing->snapshots.size(), 2);
    QCOMPARE(listing->snapshots[0].name, u"two"_s);  // newest first
    QCOMPARE(listing->snapshots[1].name, u"one"_s);
    QCOMPARE(listing->snapshots[0].userrefs, 0);
    QCOMPARE(listing->snapshots[1].userrefs, 1);
    QVERIFY(!listing->snapshots[0].guid.isEmpty() && listing->snapshots[0].guid != listing->snapshots[1].guid);
    QVERIFY(!listing->snapshots[0].creation.isZero());

    // Not below a receiving job's root_fs: not received. The root_fs itself is a placeholder, not a backup.
    for (const QString &name : QStringList{m_pool + u"/backup"_s, m_pool + u"/sink"_s}) {
        r = ask(endpoints, "GET", QByteArray(Api::HoldfastEndpoint::Snapshots) + "?filesystem=" + name.toUtf8());
        listing = Api::SnapshotListing::fromJson(r.body, &error);
        QVERIFY2(listing, qPrintable(error));
        QVERIFY2(!listing->received, qPrintable(name));
    }

    r = ask(
        endpoints, "GET", QByteArray(Api::HoldfastEndpoint::Snapshots) + "?filesystem=" + m_pool.toUtf8() + "/nosuch");
    QCOMPARE(r.status, 404);
    QCOMPARE(r.body, "no filesystem named \"" + m_pool.toUtf8() + "/nosuch\"\n");
    r = ask(endpoints, "GET", Api::HoldfastEndpoint::Snapshots);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.body, "the filesystem to list is missing: /holdfast/v1/snapshots?filesystem=pool/fs\n");
    r = ask(endpoints,
            "GET",
            QByteArray(Api::HoldfastEndpoint::Snapshots) + "?filesystem=" + m_pool.toUtf8() + "/backup@a");
    QCOMPARE(r.status, 400);
    QCOMPARE(r.body,
             "invalid filesystem name \"" + m_pool.toUtf8()
                 + "/backup@a\": snapshot delimiter '@' is not expected here\n");
}

void TestBrowse::browseNeedsAdminListingDoesNot()
{
    using Api::AccessLevel;
    QCOMPARE(Api::requiredAccess("POST", Api::HoldfastEndpoint::Browse), AccessLevel::Admin);
    QCOMPARE(Api::requiredAccess("GET", Api::HoldfastEndpoint::Browse), AccessLevel::Status);
    QCOMPARE(Api::requiredAccess("HEAD", Api::HoldfastEndpoint::Browse), AccessLevel::Status);
    QCOMPARE(Api::requiredAccess("POST", Api::HoldfastEndpoint::BrowseRelease), AccessLevel::Admin);
    QCOMPARE(Api::requiredAccess("GET", Api::HoldfastEndpoint::BrowseRelease), AccessLevel::Admin);
    QCOMPARE(Api::requiredAccess("GET", "/holdfast/v1/snapshots?filesystem=pool/fs"), AccessLevel::Status);
    QCOMPARE(Api::requiredAccess(Api::HoldfastEndpoint::Browse), AccessLevel::Admin);
    QCOMPARE(Api::requiredAccess("GET", "/holdfast/v1/holds/release-stale"), AccessLevel::Admin);

    // Through the access check the daemon puts before its endpoints: the status group is refused with the reason.
    JobRegistry jobs;
    BrowseEndpoints endpoints(jobs, settings(), commandConfigFor(m_emulator));

    struct Forward final : HttpHandler
    {
        explicit Forward(BrowseEndpoints &e)
            : browse(e)
        {}

        Http::Response handle(const Http::Request &request) override
        {
            return answerAtOnce(*this, request);
        }

        void handleAsync(const Http::Request &request, Reply reply) override
        {
            browse.handle(request, std::move(reply));
        }

        BrowseEndpoints &browse;
    } forward(endpoints);

    AccessCheckedHandler checked(
        forward, AccessLevel::Status, [](AccessLevel) { return u"permission denied: needs admin"_s; });
    auto send = [&](const QByteArray &method, const QByteArray &path, const QByteArray &body) {
        Http::Request request;
        request.method = method;
        request.target = path;
        request.path = path;
        request.body = body;
        std::optional<Http::Response> got;
        checked.handleAsync(request, [&got](Http::Response response) { got = std::move(response); });
        return QTest::qWaitFor([&] { return got.has_value(); }, 20000) ? *got : Http::Response{};
    };
    const QByteArray fs = m_pool.toUtf8() + "/backup";
    Http::Response r =
        send("POST", Api::HoldfastEndpoint::Browse, "{\"filesystem\":\"" + fs + "\",\"snapshot\":\"a\"}");
    QCOMPARE(r.status, 403);
    QCOMPARE(r.body, "permission denied: needs admin");
    QCOMPARE(r.headers.value("Holdfast-Access"), "status");
    r = send("POST", Api::HoldfastEndpoint::BrowseRelease, "{\"id\":\"0000000000000000\"}");
    QCOMPARE(r.status, 403);
    r = send("GET", Api::HoldfastEndpoint::Browse, {});
    QCOMPARE(r.status, 200);
    QVERIFY(calls().isEmpty());
}

void TestBrowse::controlServiceRoutesTheEndpoints()
{
    qputenv("HOLDFAST_BROWSE_DIR", QFile::encodeName(root()));
    JobRegistry jobs;
    Metrics metrics;
    DebugServer debug(metrics);
    FakeConfigHost configHost;
    ControlService service(jobs, metrics, debug, configHost);
    qunsetenv("HOLDFAST_BROWSE_DIR");
    auto send = [&](const QByteArray &method, const QByteArray &path) {
        Http::Request request;
        request.method = method;
        request.target = path;
        request.path = path;
        std::optional<Http::Response> got;
        service.handleAsync(request, [&got](Http::Response response) { got = std::move(response); });
        return QTest::qWaitFor([&] { return got.has_value(); }, 20000) ? *got : Http::Response{};
    };
    Http::Response r = send("GET", Api::HoldfastEndpoint::Browse);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, "{\"leases\":[]}\n");
    QCOMPARE(send("PUT", Api::HoldfastEndpoint::Browse).status, 405);
    QCOMPARE(send("GET", Api::HoldfastEndpoint::BrowseRelease).status, 405);
    QCOMPARE(send("GET", Api::HoldfastEndpoint::Snapshots).status, 400);
    QCOMPARE(send("GET", "/holdfast/v1/browse/other").status, 404);
    QVERIFY(!QFileInfo::exists(root()));  // nothing was mounted, so nothing was made
}

void TestBrowse::settingsFromTheEnvironment()
{
    const char *names[] = {"HOLDFAST_BROWSE_DIR",
                           "HOLDFAST_BROWSE_IDLE_SECONDS",
                           "HOLDFAST_MOUNT_BINARY",
                           "HOLDFAST_UMOUNT_BINARY",
                           "HOLDFAST_BROWSE_MOUNTINFO",
                           "XDG_RUNTIME_DIR"};
    QHash<QByteArray, QByteArray> saved;
    for (const char *name : names) {
        if (qEnvironmentVariableIsSet(name)) {
            saved.insert(name, qgetenv(name));
        }
        qunsetenv(name);
    }
    qputenv("XDG_RUNTIME_DIR", "/run/user/1000");
    Browse::BrowseSettings s = Browse::BrowseSettings::fromEnvironment();
    QCOMPARE(s.root, ::geteuid() == 0 ? u"/run/holdfast-browse"_s : u"/run/user/1000/holdfast-browse"_s);
    QCOMPARE(s.idleTimeout, std::chrono::seconds(600));
    QCOMPARE(s.mountBinary, u"mount"_s);
    QCOMPARE(s.umountBinary, u"umount"_s);
    QCOMPARE(s.mountInfoPath, u"/proc/self/mountinfo"_s);
    QCOMPARE(s.retryInterval(), std::chrono::seconds(60));

    qputenv("HOLDFAST_BROWSE_DIR", "/srv/browse/../b");
    qputenv("HOLDFAST_BROWSE_IDLE_SECONDS", "5");
    qputenv("HOLDFAST_MOUNT_BINARY", "/opt/fake/mount");
    qputenv("HOLDFAST_UMOUNT_BINARY", "/opt/fake/umount");
    qputenv("HOLDFAST_BROWSE_MOUNTINFO", "/tmp/mountinfo");
    s = Browse::BrowseSettings::fromEnvironment();
    QCOMPARE(s.root, u"/srv/b"_s);
    QCOMPARE(s.idleTimeout, std::chrono::seconds(5));
    QCOMPARE(s.retryInterval(), std::chrono::seconds(5));
    QCOMPARE(s.mountBinary, u"/opt/fake/mount"_s);
    QCOMPARE(s.umountBinary, u"/opt/fake/umount"_s);
    QCOMPARE(s.mountInfoPath, u"/tmp/mountinfo"_s);
    // A timeout that is no number of seconds keeps the default.
    qputenv("HOLDFAST_BROWSE_IDLE_SECONDS", "soon");
    QCOMPARE(Browse::BrowseSettings::fromEnvironment().idleTimeout, std::chrono::seconds(600));

    for (const char *name : names) {
        qunsetenv(name);
    }
    for (auto it = saved.cbegin(); it != saved.cend(); ++it) {
        qputenv(it.key().constData(), it.value());
    }
}

void TestBrowse::commandLineTexts()
{
    const QDateTime now = QDateTime::fromString(u"2026-12-05T14:00:00Z"_s, Qt::ISODate);
    Api::BrowseLease lease{u"0123456789abcdef"_s,
                           u"backup/sink/ws/home"_s,
                           u"zrepl_1"_s,
                           u"/run/holdfast-browse/0123456789abcdef"_s,
                           Api::Timestamp::fromDateTime(now.addSecs(600)),
                           600,
                           {}};
    QString text = BrowseCommands::renderLease(lease, now);
    QVERIFY2(text.startsWith(
                 u"backup/sink/ws/home@zrepl_1 is mounted read-only at\n  /run/holdfast-browse/0123456789abcdef\n"
                 "It is unmounted in 10 minute(s) ("_s),
             qPrintable(text));
    QVERIFY2(text.contains(u"`holdfast browse backup/sink/ws/home@zrepl_1` keeps it for another 10 minute(s).\n"_s),
             qPrintable(text));
    QVERIFY2(text.endsWith(u"Done with it: `holdfast browse --release 0123456789abcdef`\n"_s), qPrintable(text));

    lease.unmountError = u"umount: target is busy."_s;
    lease.expiresAt = Api::Timestamp::fromDateTime(now.addSecs(-3));
    text = BrowseCommands::renderLeases(Api::BrowseLeases{{lease}}, now);
    QCOMPARE(text,
             u"ID                SNAPSHOT                                        UNMOUNTED\n"
             "0123456789abcdef  backup/sink/ws/home@zrepl_1                     now\n"
             "  /run/holdfast-browse/0123456789abcdef\n"
             "  unmounting failed, tried again later: umount: target is busy.\n"_s);
    QCOMPARE(BrowseCommands::renderLeases({}, now), u"No snapshot is mounted for browsing.\n"_s);

    Api::SnapshotListing listing;
    listing.filesystem = u"backup/sink/ws/home"_s;
    listing.received = true;
    text = BrowseCommands::renderListing(listing);
    QCOMPARE(text,
             u"backup/sink/ws/home: a backup received by this daemon, not mounted; `holdfast browse "
             "backup/sink/ws/home@SNAPSHOT` mounts one to browse\nNo snapshots.\n"_s);
    listing.received = false;
    listing.mountpoint = u"/home"_s;
    listing.snapshots = {{u"long-snapshot-name"_s, u"1"_s, Api::Timestamp(), 2}, {u"b"_s, u"2"_s, Api::Timestamp(), 0}};
    text = BrowseCommands::renderListing(listing);
    QCOMPARE(text,
             u"backup/sink/ws/home: mounted at /home; its snapshots are in /home/.zfs/snapshot\n"
             "SNAPSHOT            CREATED              HOLDS\n"
             "long-snapshot-name  -                    2\n"
             "b                   -                    0\n"
             "2 snapshot(s), newest first.\n"_s);
}

void TestBrowse::jsonRoundTrips()
{
    Api::SnapshotListing listing;
    listing.filesystem = u"pool/a b"_s;
    listing.mountpoint = u"/mnt/a b"_s;
    listing.received = true;
    listing.snapshots = {{u"two"_s, u"18446744073709551615"_s, Api::Timestamp::fromUnix(1764900000), 2},
                         {u"one"_s, u"1"_s, Api::Timestamp(), 0}};
    QString error;
    QCOMPARE(Api::SnapshotListing::fromJson(listing.toJson(), &error), listing);
    QCOMPARE(listing.toJson(),
             "{\"filesystem\":\"pool/a b\",\"mountpoint\":\"/mnt/a b\",\"received\":true,\"snapshots\":["
             "{\"name\":\"two\",\"guid\":\"18446744073709551615\",\"creation\":\"2025-12-05T02:00:00Z\","
             "\"userrefs\":2},{\"name\":\"one\",\"guid\":\"1\",\"creation\":null,\"userrefs\":0}]}");

    Api::BrowseLease lease{u"0123456789abcdef"_s,
                           u"pool/fs"_s,
                           u"snap"_s,
                           u"/run/holdfast-browse/0123456789abcdef"_s,
                           Api::Timestamp::fromUnix(1764900600),
                           600,
                           u"umount: busy"_s};
    QCOMPARE(Api::BrowseLease::fromJson(lease.toJson(), &error), lease);
    QCOMPARE(lease.toJson(),
             "{\"id\":\"0123456789abcdef\",\"filesystem\":\"pool/fs\",\"snapshot\":\"snap\","
             "\"path\":\"/run/holdfast-browse/0123456789abcdef\",\"expires_at\":\"2025-12-05T02:10:00Z\","
             "\"idle_timeout_seconds\":600,\"unmount_error\":\"umount: busy\"}");
    Api::BrowseLeases leases{{lease, lease}};
    QCOMPARE(Api::BrowseLeases::fromJson(leases.toJson(), &error), leases);

    const std::optional<Api::BrowseRequest> request =
        Api::BrowseRequest::fromJson(Api::BrowseRequest{u"p/f"_s, u"s"_s}.toJson(), &error);
    QVERIFY2(request, qPrintable(error));
    QCOMPARE(request->filesystem, u"p/f"_s);
    QCOMPARE(request->snapshot, u"s"_s);
    const std::optional<Api::BrowseRelease> release =
        Api::BrowseRelease::fromJson(Api::BrowseRelease{u"x"_s}.toJson(), &error);
    QVERIFY2(release, qPrintable(error));
    QCOMPARE(release->id, u"x"_s);
}

void TestBrowse::jsonErrorsNameTheField()
{
    QString error;
    QVERIFY(!Api::BrowseLeases::fromJson("{\"leases\":[{\"id\":1}]}", &error));
    QCOMPARE(error, u"leases[0].id: expected a string, got number"_s);
    QVERIFY(!Api::SnapshotListing::fromJson("{\"snapshots\":[{\"creation\":\"yesterday\"}]}", &error));
    QVERIFY2(error.startsWith(u"snapshots[0].creation: "_s), qPrintable(error));
    QVERIFY(!Api::BrowseLease::fromJson("{\"idle_timeout_seconds\":-5}", &error));
    QCOMPARE(error, u"idle_timeout_seconds: out of range: -5"_s);
    QVERIFY(!Api::BrowseRequest::fromJson("nope", &error));
    QVERIFY2(error.startsWith(u"the request is not valid JSON"_s), qPrintable(error));
}

void TestBrowse::mountTableParsing()
{
    const Browse::MountTable table = Browse::MountTable::parse(
        "22 1 0:21 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n"
        "40 22 0:40 / /home/alice\\040docs rw,relatime shared:9 - zfs tank/home/alice\\040docs rw,xattr\n"
        "41 22 0:41 / /run/holdfast-browse/aaaaaaaaaaaaaaaa ro,nosuid,nodev,noexec - zfs tank/backup@s1 ro\n"
        "42 41 0:42 / /run/holdfast-browse/aaaaaaaaaaaaaaaa/deep ro - tmpfs tmpfs ro\n"
        "43 22 0:43 / /run/holdfast-browse/bbbbbbbbbbbbbbbb ro - zfs tank/backup@s2 ro\n"
        "44 22 0:44 / /legacy rw - zfs tank/legacy rw\n"
        "garbage line\n"
        "\n");
    QCOMPARE(table.entries().size(), 6);
    QCOMPARE(table.entries()[1].mountPoint, u"/home/alice docs"_s);
    QCOMPARE(table.entries()[1].source, u"tank/home/alice docs"_s);
    QVERIFY(!table.entries()[1].readOnly);
    QVERIFY(table.entries()[2].readOnly);
    QVERIFY(table.isMountPoint(u"/run/holdfast-browse/aaaaaaaaaaaaaaaa/"_s));
    QVERIFY(!table.isMountPoint(u"/run/holdfast-browse"_s));
    const QList<Browse::MountEntry> below = table.below(u"/run/holdfast-browse"_s);
    QCOMPARE(below.size(), 3);
    QCOMPARE(below[0].mountPoint, u"/run/holdfast-browse/aaaaaaaaaaaaaaaa/deep"_s);  // the deepest first
    QCOMPARE(below[1].mountPoint, u"/run/holdfast-browse/bbbbbbbbbbbbbbbb"_s);
    QCOMPARE(below[2].mountPoint, u"/run/holdfast-browse/aaaaaaaaaaaaaaaa"_s);
    QVERIFY(table.below(u"/run/holdfast-brow"_s).isEmpty());
    QCOMPARE(table.zfsMountOf(u"tank/legacy"_s)->mountPoint, u"/legacy"_s);
    QVERIFY(!table.zfsMountOf(u"tank"_s));

    QString error;
    QVERIFY(Browse::MountTable::read(u"/nonexistent/mountinfo"_s, &error).entries().isEmpty());
    QVERIFY2(error.startsWith(u"cannot read /nonexistent/mountinfo: "_s), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestBrowse)
#include "TestBrowse.moc"
