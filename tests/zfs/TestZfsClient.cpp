// SPDX-License-Identifier: MIT
// The daemon's ZFS layer on every test backend: real OpenZFS (in the test VM), zfs-fuse (a real but old ZFS) and
// the OpenZFS 2.x emulator. Real OpenZFS's messages are what the typed errors are classified from.
#include <QEventLoop>
#include <QTest>

#include "BackendCommandConfig.h"
#include "EmulatorFixture.h"
#include "OpenZfsFixture.h"
#include "ZfsFuseFixture.h"
#include "daemon/async/TaskRunner.h"
#include "daemon/zfs/ZfsClient.h"

using namespace Zfs;
using namespace Qt::StringLiterals;

class TestZfsClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void capabilities_data() { backends(); }
    void capabilities();
    void capabilitySummary();
    void listingIsBatched_data() { backends(); }
    void listingIsBatched();
    void snapshotIsIdempotent_data() { backends(); }
    void snapshotIsIdempotent();
    void destroyLeavesHeldSnapshots_data() { backends(); }
    void destroyLeavesHeldSnapshots();
    void holdAndReleaseAreIdempotent_data() { backends(); }
    void holdAndReleaseAreIdempotent();
    void errorsAreTyped_data() { backends(); }
    void errorsAreTyped();

private:
    void backends();
    // The backend of the current data row, started, with a fresh pool; skips the row when it cannot run.
    ZfsBackend *backend();
    ZfsBackend *fixture(const QString &name);

    ZfsFuseFixture m_zfsFuse;
    EmulatorFixture m_emulator{QStringLiteral(HOLDFAST_ZFS_EMULATOR_BIN_DIR)};
    OpenZfsFixture m_openZfs;
    std::unique_ptr<ZfsCommand> m_command;
    std::unique_ptr<ZfsClient> m_client;
    QString m_pool;
};

void TestZfsClient::initTestCase()
{
    for (ZfsBackend *b : std::initializer_list<ZfsBackend *>{&m_zfsFuse, &m_emulator, &m_openZfs}) {
        if (ZfsBackend::selected(b->name()))
            b->start();
    }
}

void TestZfsClient::cleanupTestCase()
{
    m_zfsFuse.stop();
    m_emulator.stop();
    m_openZfs.stop();
}

void TestZfsClient::init()
{
    m_client.reset();
    m_command.reset();
}

void TestZfsClient::backends()
{
    QTest::addColumn<QString>("backend");
    for (const QString &name : {u"emulator"_s, u"zfs-fuse"_s, u"openzfs"_s}) {
        if (ZfsBackend::selected(name))
            QTest::newRow(qPrintable(name)) << name;
    }
}

ZfsBackend *TestZfsClient::fixture(const QString &name)
{
    if (name == u"openzfs")
        return &m_openZfs;
    return name == u"emulator" ? static_cast<ZfsBackend *>(&m_emulator) : &m_zfsFuse;
}

ZfsBackend *TestZfsClient::backend()
{
    QFETCH(QString, backend);
    ZfsBackend *b = fixture(backend);
    if (!b->unavailableReason().isEmpty()) {
        return nullptr;
    }
    m_pool = b->nextPoolName();
    QString error;
    if (!b->createPool(m_pool, 64, &error)) {
        qWarning("cannot create pool: %s", qPrintable(error));
        return nullptr;
    }
    CommandConfig config = commandConfigFor(*b);
    config.timeout = std::chrono::seconds(60);
    m_command = std::make_unique<ZfsCommand>(config);
    m_client = std::make_unique<ZfsClient>(*m_command);
    return b;
}

#define REQUIRE_BACKEND()                                                                                            \
    ZfsBackend *b = backend();                                                                                       \
    if (!b) {                                                                                                        \
        QFETCH(QString, backend);                                                                                    \
        QSKIP(qPrintable(u"%1 unavailable: %2"_s.arg(backend, fixture(backend)->unavailableReason())));              \
    }

void TestZfsClient::capabilities()
{
    REQUIRE_BACKEND();
    const Result<Capabilities> caps = Async::runBlocking(m_client->capabilities());
    QVERIFY2(caps.ok(), qPrintable(caps.error.toString()));
    if (b->name() == u"emulator") {
        QVERIFY(caps.value.modern);
        QVERIFY(caps.value.version.startsWith(u"zfs-2."));
        QVERIFY(caps.value.bookmarks(m_pool));
        QVERIFY(caps.value.resumableReceive(m_pool));
        QVERIFY(caps.value.missing({m_pool}).isEmpty());
        QVERIFY(!caps.value.holdsParsable());  // as OpenZFS 2.1
        QCOMPARE(caps.value.summary(), u"OpenZFS 2.1.11 (zfs-2.1.11-1, zfs-kmod-2.1.11-1); no `zfs holds -p` before "
                                       "2.2: hold times are read from its local-time text"_s);
    } else if (b->name() == u"openzfs") {
        // A new pool has every feature enabled; the version is the image's, userland and module alike.
        const QString version = static_cast<OpenZfsFixture *>(b)->version();
        QCOMPARE(caps.value.version, u"zfs-"_s + version);
        QVERIFY2(caps.value.kernelModule.startsWith(u"zfs-kmod-"_s), qPrintable(caps.value.kernelModule));
        QVERIFY(caps.value.bookmarks(m_pool));
        QVERIFY(caps.value.resumableReceive(m_pool));
        QVERIFY(caps.value.rawSend(m_pool));
        QVERIFY(caps.value.holdsListing());
        QVERIFY2(caps.value.missing({m_pool}).isEmpty(), qPrintable(caps.value.missing({m_pool}).join(u"; "_s)));
        QVERIFY2(caps.value.summary().startsWith(u"OpenZFS "_s + version.section(u'-', 0, 0) + u" ("_s),
                 qPrintable(caps.value.summary()));
        QVERIFY2(!caps.value.summary().contains(u"different releases"_s), qPrintable(caps.value.summary()));
        // `zfs holds -p` is OpenZFS 2.2's: 2.1 (Debian 12's) refuses it with a usage error.
        QCOMPARE(caps.value.holdsParsable(), !version.startsWith(u"2.1."_s));
    } else {
        QVERIFY(!caps.value.modern);
        QVERIFY(!caps.value.bookmarks(m_pool));
        QVERIFY(!caps.value.resumableReceive(m_pool));
        QCOMPARE(caps.value.missing({m_pool}).size(), 1);
    }
}

void TestZfsClient::capabilitySummary()
{
    Capabilities caps;
    QCOMPARE(caps.summary(), u"a ZFS without `zfs version` (zfs-fuse, or older than OpenZFS 0.8)"_s);
    caps.modern = true;
    caps.version = u"zfs-2.3.2-2~bpo12+2"_s;
    caps.kernelModule = u"zfs-kmod-2.3.2-2~bpo12+2"_s;
    QVERIFY(caps.holdsParsable());
    QCOMPARE(caps.summary(), u"OpenZFS 2.3.2 (zfs-2.3.2-2~bpo12+2, zfs-kmod-2.3.2-2~bpo12+2)"_s);
    // A userland upgraded while the old module stays loaded (no reboot yet): said in the log's first line.
    caps.kernelModule = u"zfs-kmod-2.1.11-1+deb12u1"_s;
    QVERIFY(caps.summary().endsWith(u"; the userland and the loaded kernel module are different releases, which "
                                    "OpenZFS does not support"_s));
    caps.kernelModule.clear();
    QCOMPARE(caps.summary(), u"OpenZFS 2.3.2 (zfs-2.3.2-2~bpo12+2; no kernel module reported)"_s);
}

void TestZfsClient::listingIsBatched()
{
    REQUIRE_BACKEND();
    QList<DatasetPath> filesystems;
    for (int i = 0; i < 5; ++i) {
        const QString fs = u"%1/fs%2"_s.arg(m_pool).arg(i);
        QCOMPARE(b->zfs({u"create"_s, fs}).exitCode, 0);
        filesystems.append(DatasetPath::fromString(fs));
        for (int s = 0; s < 3; ++s) {
            QCOMPARE(b->zfs({u"snapshot"_s, u"%1@s%2"_s.arg(fs).arg(s)}).exitCode, 0);
        }
    }
    QCOMPARE(b->zfs({u"create"_s, m_pool + u"/fs0/child"_s}).exitCode, 0);
    QCOMPARE(b->zfs({u"snapshot"_s, m_pool + u"/fs0/child@c"_s}).exitCode, 0);
    QVERIFY(Async::runBlocking(m_client->capabilities()).ok());

    const quint64 before = ZfsCommand::spawnCount();
    const auto versions = Async::runBlocking(m_client->listVersions(filesystems, true));
    QVERIFY2(versions.ok(), qPrintable(versions.error.toString()));
    QCOMPARE(ZfsCommand::spawnCount() - before, 1ULL);  // one process for every filesystem
    QCOMPARE(versions.value.size(), 5);  // fs0/child was not asked for
    const QList<FilesystemVersion> fs2 = versions.value.value(m_pool + u"/fs2"_s);
    QCOMPARE(fs2.size(), 3);
    for (int s = 0; s < 3; ++s) {
        QCOMPARE(fs2[s].name, u"s%1"_s.arg(s));  // sorted by createtxg
        const ZfsCommandResult guid = b->zfs({u"get"_s, u"-H"_s, u"-p"_s, u"-o"_s, u"value"_s, u"guid"_s, fs2[s].fullName()});
        QCOMPARE(QString::fromUtf8(guid.standardOutput).trimmed(), QString::number(fs2[s].guid));
        QCOMPARE(fs2[s].userRefs, std::optional<quint64>(0));
        QVERIFY(fs2[s].creation.unixSeconds() > 1700000000);
    }
    QVERIFY(fs2[0].createTxg < fs2[1].createTxg);

    const auto all = Async::runBlocking(m_client->listFilesystems({u"guid"_s}));
    QVERIFY(all.ok());
    QStringList names;
    for (const Dataset &dataset : all.value) {
        if (dataset.path.components().value(0) == m_pool) {
            names.append(dataset.path.toString());
            QVERIFY(!dataset.properties.value(u"guid"_s).isEmpty());
        }
    }
    QCOMPARE(names.size(), 7);  // pool, fs0..fs4, fs0/child
}

void TestZfsClient::snapshotIsIdempotent()
{
    REQUIRE_BACKEND();
    const QString fs = m_pool + u"/data"_s;
    QCOMPARE(b->zfs({u"create"_s, fs}).exitCode, 0);
    QVERIFY(Async::runBlocking(m_client->snapshot(fs, u"hf_1"_s)).ok());
    QVERIFY(Async::runBlocking(m_client->snapshot(fs, u"hf_1"_s)).ok());  // already there: done
    const ZfsError missing = Async::runBlocking(m_client->snapshot(m_pool + u"/nope"_s, u"x"_s));
    QVERIFY(missing.is(ZfsError::Kind::NotFound));
    QVERIFY(missing.toString().contains(u"dataset does not exist"_s));
}

void TestZfsClient::destroyLeavesHeldSnapshots()
{
    REQUIRE_BACKEND();
    const QString fs = m_pool + u"/data"_s;
    QCOMPARE(b->zfs({u"create"_s, fs}).exitCode, 0);
    QStringList names;
    for (int i = 0; i < 6; ++i) {
        names.append(u"s%1"_s.arg(i));
        QCOMPARE(b->zfs({u"snapshot"_s, fs + u'@' + names.last()}).exitCode, 0);
    }
    QCOMPARE(b->zfs({u"hold"_s, u"keep"_s, fs + u"@s2"_s}).exitCode, 0);
    const DestroyOutcome outcome = Async::runBlocking(m_client->destroySnapshots(fs, names.mid(0, 4)));
    QCOMPARE(outcome.keys(), QList<QString>{u"s2"_s});
    QVERIFY(outcome.value(u"s2"_s).is(ZfsError::Kind::Busy));
    const auto left = Async::runBlocking(m_client->listVersions({DatasetPath::fromString(fs)}, false));
    QVERIFY(left.ok());
    QStringList remaining;
    for (const FilesystemVersion &v : left.value.value(fs)) {
        remaining.append(v.name);
    }
    QCOMPARE(remaining, (QStringList{u"s2"_s, u"s4"_s, u"s5"_s}));
    QCOMPARE(left.value.value(fs).first().userRefs, std::optional<quint64>(1));
    // Destroying what is already gone is done, not an error.
    QVERIFY(Async::runBlocking(m_client->destroySnapshots(fs, {u"s0"_s, u"s1"_s})).isEmpty());
    QCOMPARE(b->zfs({u"release"_s, u"keep"_s, fs + u"@s2"_s}).exitCode, 0);
}

void TestZfsClient::holdAndReleaseAreIdempotent()
{
    REQUIRE_BACKEND();
    const QString fs = m_pool + u"/data"_s;
    QCOMPARE(b->zfs({u"create"_s, fs}).exitCode, 0);
    QCOMPARE(b->zfs({u"snapshot"_s, fs + u"@a"_s}).exitCode, 0);
    QCOMPARE(b->zfs({u"snapshot"_s, fs + u"@b"_s}).exitCode, 0);
    const QString tag = u"zrepl_STEP_J_job"_s;
    QVERIFY(Async::runBlocking(m_client->hold(tag, {fs + u"@a"_s})).ok());
    // Held already on a, new on b: the batch fails in ZFS, the client retries one by one.
    const ZfsError both = Async::runBlocking(m_client->hold(tag, {fs + u"@a"_s, fs + u"@b"_s}));
    QVERIFY2(both.ok(), qPrintable(both.toString()));
    const auto refs = Async::runBlocking(m_client->listVersions({DatasetPath::fromString(fs)}, false));
    QCOMPARE(refs.value.value(fs).at(0).userRefs, std::optional<quint64>(1));
    QCOMPARE(refs.value.value(fs).at(1).userRefs, std::optional<quint64>(1));
    const Result<Capabilities> caps = Async::runBlocking(m_client->capabilities());
    if (caps.value.holdsListing()) {
        const auto holds = Async::runBlocking(m_client->holds({fs + u"@a"_s, fs + u"@b"_s}));
        QVERIFY2(holds.ok(), qPrintable(holds.error.toString()));
        QCOMPARE(holds.value.size(), 2);
        QCOMPARE(holds.value[0].tag, tag);
        // The hold was placed just now, whether its time came from -p or from the minute-precise text.
        const qint64 age = QDateTime::currentSecsSinceEpoch() - holds.value[0].created.unixSeconds();
        QVERIFY2(age >= -60 && age < 600, qPrintable(QString::number(age)));
    }
    QVERIFY(Async::runBlocking(m_client->release(tag, {fs + u"@a"_s, fs + u"@b"_s})).ok());
    QVERIFY(Async::runBlocking(m_client->release(tag, {fs + u"@a"_s, fs + u"@b"_s})).ok());  // already released
    QVERIFY(Async::runBlocking(m_client->release(tag, {fs + u"@gone"_s})).ok());  // snapshot gone: its holds are too
    const auto after = Async::runBlocking(m_client->listVersions({DatasetPath::fromString(fs)}, false));
    QCOMPARE(after.value.value(fs).at(0).userRefs, std::optional<quint64>(0));
}

void TestZfsClient::errorsAreTyped()
{
    REQUIRE_BACKEND();
    const auto missing = Async::runBlocking(m_client->listVersions({DatasetPath::fromString(QString(m_pool + u"/nope"_s))}, false));
    QVERIFY(!missing.ok());
    QVERIFY2(missing.error.is(ZfsError::Kind::NotFound), qPrintable(missing.error.toString()));
    CommandConfig broken = m_command->config();
    broken.zfsBinary = u"/nonexistent/zfs"_s;
    ZfsCommand command(broken);
    ZfsClient client(command);
    const auto caps = Async::runBlocking(client.capabilities());
    QVERIFY(caps.error.is(ZfsError::Kind::StartFailed));
    QVERIFY(caps.error.toString().contains(u"cannot run zfs"_s));
}

QTEST_GUILESS_MAIN(TestZfsClient)
#include "TestZfsClient.moc"
