// SPDX-License-Identifier: MIT
// A push job and a sink job in one daemon over the local transport, on the OpenZFS emulator (and on zfs-fuse for
// what it supports): initial and incremental replication, placeholders, step holds, the replication cursor, the
// last-received hold, resumption after an interrupted stream, pruning of both sides, and the live report.
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "BackendCommandConfig.h"
#include "EmulatorFixture.h"
#include "ReplicationTestSupport.h"
#include "ZfsFuseFixture.h"
#include "daemon/endpoint/AbstractionNames.h"
#include "daemon/jobs/ReplicationJob.h"
#include "daemon/jobs/SinkJob.h"
#include "daemon/jobs/SourceJob.h"
#include "daemon/driver/ReplicationDriver.h"
#include "daemon/endpoint/Receiver.h"
#include "daemon/endpoint/Sender.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

using namespace Daemon;
using namespace Qt::StringLiterals;

namespace {

void writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        qFatal("cannot write %s: %s", qPrintable(path), qPrintable(file.errorString()));
    }
    file.write(content);
}

}  // namespace

class TestPushSink : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void replicatesIncrementallyWithHoldsAndCursor_data();
    void replicatesIncrementallyWithHoldsAndCursor();
    void resumesAnInterruptedStream();
    void reportsConflicts();
    void encryptedSendsAreRaw();
    void pullFromSource();
    void resumesAfterCutsAtRandomOffsets();
    void replicatesATreeParentsFirst();
    void receiverPruningKeepsTheIncrementalBase();
    void refusesAForgedResumeToken_data();
    void refusesAForgedResumeToken();

private:
    ZfsBackend *backendFor(const QString &name);
    void makeJobs(ZfsBackend &backend, bool encrypted = false, std::optional<QList<Config::KeepRule>> keepReceiver = {});
    bool runPush();
    QStringList snapshots(const QString &fs) const;
    QString get(const QString &property, const QString &name) const;

    ZfsFuseFixture m_zfsFuse;
    EmulatorFixture m_emulator{QStringLiteral(HOLDFAST_ZFS_EMULATOR_BIN_DIR)};
    ZfsBackend *m_backend = nullptr;
    QString m_src;
    QString m_dst;
    std::unique_ptr<SinkJob> m_sink;
    std::unique_ptr<ReplicationJob> m_push;
};

void TestPushSink::initTestCase()
{
    m_zfsFuse.start();
    m_emulator.start();
}

void TestPushSink::cleanupTestCase()
{
    m_zfsFuse.stop();
    m_emulator.stop();
}

void TestPushSink::init()
{
    m_backend = nullptr;
}

void TestPushSink::cleanup()
{
    m_push.reset();
    m_sink.reset();
    if (m_backend) {
        m_backend->destroyPool(m_src);
        m_backend->destroyPool(m_dst);
    }
}

ZfsBackend *TestPushSink::backendFor(const QString &name)
{
    ZfsBackend *backend = name == u"emulator" ? static_cast<ZfsBackend *>(&m_emulator) : &m_zfsFuse;
    if (!backend->unavailableReason().isEmpty()) {
        return nullptr;
    }
    m_backend = backend;
    m_src = backend->nextPoolName();
    m_dst = backend->nextPoolName();
    if (!backend->createPool(m_src, 64) || !backend->createPool(m_dst, 64)) {
        return nullptr;
    }
    return backend;
}

void TestPushSink::makeJobs(ZfsBackend &backend, bool encrypted, std::optional<QList<Config::KeepRule>> keepReceiver)
{
    Zfs::CommandConfig zfs = commandConfigFor(backend);

    Config::Job sink;
    sink.type = Config::JobType::Sink;
    sink.name = u"sink"_s;
    sink.rootFs = m_dst + u"/sink"_s;
    sink.serve.type = Config::Serve::Type::Local;
    sink.serve.listenerName = u"L"_s;
    m_sink = std::make_unique<SinkJob>(sink, zfs);
    m_sink->start();

    Config::Job push;
    push.type = Config::JobType::Push;
    push.name = u"push"_s;
    push.filesystems = {{m_src + u"/home<"_s, true}};
    push.snapshotting.type = Config::Snapshotting::Type::Manual;
    push.connect.type = Config::Connect::Type::Local;
    push.connect.listenerName = u"L"_s;
    push.connect.clientIdentity = u"ws"_s;
    push.keepSender = {notReplicated(), lastN(2)};
    push.keepReceiver = keepReceiver.value_or(QList<Config::KeepRule>{lastN(3)});
    push.sendEncrypted = encrypted;
    m_push = std::make_unique<ReplicationJob>(push, zfs);
    m_push->start();
}

bool TestPushSink::runPush()
{
    QSignalSpy finished(m_push.get(), &ReplicationJob::runFinished);
    if (m_push->wakeup()) {
        return false;
    }
    return finished.wait(60000);
}

QStringList TestPushSink::snapshots(const QString &fs) const
{
    return snapshotsOf(*m_backend, fs);
}

QString TestPushSink::get(const QString &property, const QString &name) const
{
    return propertyOf(*m_backend, property, name);
}

void TestPushSink::replicatesIncrementallyWithHoldsAndCursor_data()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("emulator") << u"emulator"_s;
    QTest::newRow("zfs-fuse") << u"zfs-fuse"_s;
}

void TestPushSink::replicatesIncrementallyWithHoldsAndCursor()
{
    QFETCH(QString, backend);
    ZfsBackend *b = backendFor(backend);
    if (!b) {
        QSKIP("backend unavailable");
    }
    const bool modern = backend == u"emulator";
    // On zfs-fuse the data is real: a file written on the sender must be readable on the receiver.
    QTemporaryDir mounts;
    const QString sourceMount = mounts.filePath(u"source"_s);
    if (!modern) {
        QCOMPARE(b->zfs({u"create"_s, u"-o"_s, u"mountpoint="_s + sourceMount, m_src + u"/home"_s}).exitCode, 0);
        writeFile(sourceMount + u"/notes.txt"_s, "first version\n");
    } else {
        QCOMPARE(b->zfs({u"create"_s, m_src + u"/home"_s}).exitCode, 0);
    }
    for (const QString &fs : {u"/home/alice"_s, u"/other"_s}) {
        QCOMPARE(b->zfs({u"create"_s, m_src + fs}).exitCode, 0);
    }
    QCOMPARE(b->zfs({u"snapshot"_s, u"-r"_s, m_src + u"@s1"_s}).exitCode, 0);
    QCOMPARE(b->zfs({u"snapshot"_s, u"-r"_s, m_src + u"@s2"_s}).exitCode, 0);
    makeJobs(*b);

    QVERIFY(runPush());
    const QString home = m_dst + u"/sink/ws/"_s + m_src + u"/home"_s;
    const QString alice = home + u"/alice"_s;
    // zrepl's initial replication: a full send of the newest snapshot.
    QCOMPARE(snapshots(home), QStringList{u"s2"_s});
    QCOMPARE(snapshots(alice), QStringList{u"s2"_s});
    QCOMPARE(get(u"guid"_s, home + u"@s2"_s), get(u"guid"_s, m_src + u"/home@s2"_s));
    QVERIFY(snapshots(m_dst + u"/sink/ws/"_s + m_src + u"/other"_s).isEmpty());  // not in the filter
    // Parents that the sender does not replicate are placeholders.
    QCOMPARE(get(u"zrepl:placeholder"_s, m_dst + u"/sink/ws/"_s + m_src), u"on"_s);
    // The step holds are gone; the receiver holds what it received last.
    QCOMPARE(get(u"userrefs"_s, m_src + u"/home@s2"_s), u"0"_s);
    QCOMPARE(get(u"userrefs"_s, home + u"@s2"_s), u"1"_s);
    if (modern) {
        const QString cursor = u"%1/home#%2"_s.arg(m_src, Endpoint::replicationCursorBookmarkName(get(u"guid"_s, m_src + u"/home@s2"_s).toULongLong(), u"push"_s));
        QCOMPARE(b->zfs({u"list"_s, u"-H"_s, u"-o"_s, u"name"_s, u"-t"_s, u"bookmark"_s, cursor}).exitCode, 0);
        const QString holds = QString::fromUtf8(b->zfs({u"holds"_s, u"-H"_s, home + u"@s2"_s}).standardOutput);
        QVERIFY2(holds.contains(u"zrepl_last_received_J_sink"_s), qPrintable(holds));
    }
    Api::JobStatus status = m_push->status();
    QVERIFY(status.active() && status.active()->replication);
    const Api::AttemptReport attempt = status.active()->replication->attempts.last();
    QVERIFY(attempt.state == Api::AttemptState::Done);
    QCOMPARE(attempt.filesystems.size(), 2);
    QCOMPARE(attempt.filesystems[0].steps.size(), 1);
    QVERIFY(attempt.filesystems[0].steps[0].from.isEmpty());
    QCOMPARE(attempt.filesystems[0].steps[0].to, u"@s2"_s);
    QVERIFY(attempt.filesystems[0].steps[0].bytesReplicated > 0);

    // Incremental: two new snapshots arrive one step each; the cursor and the last-received hold move along.
    if (!modern) {
        writeFile(sourceMount + u"/notes.txt"_s, "second version\n");
    }
    QCOMPARE(b->zfs({u"snapshot"_s, u"-r"_s, m_src + u"@s3"_s}).exitCode, 0);
    QCOMPARE(b->zfs({u"snapshot"_s, u"-r"_s, m_src + u"@s4"_s}).exitCode, 0);
    {
        // While the second run replicates, the first run's pruning is not reported as if it were this run's
        // (zrepl's status shows null pruning until the run prunes).
        QSignalSpy finished(m_push.get(), &ReplicationJob::runFinished);
        QVERIFY(!m_push->wakeup());
        const Api::JobStatus running = m_push->status();
        QVERIFY(!running.active()->pruningSender);
        QVERIFY(!running.active()->pruningReceiver);
        QVERIFY(finished.wait(60000));
    }
    QCOMPARE(snapshots(home), (QStringList{u"s2"_s, u"s3"_s, u"s4"_s}));
    QCOMPARE(get(u"userrefs"_s, home + u"@s2"_s), u"0"_s);
    QCOMPARE(get(u"userrefs"_s, home + u"@s4"_s), u"1"_s);
    status = m_push->status();
    const Api::FilesystemReport fs = status.active()->replication->attempts.last().filesystems[0];
    QCOMPARE(fs.steps.size(), 2);
    QCOMPARE(fs.steps[0].from, u"@s2"_s);
    QCOMPARE(fs.steps[1].to, u"@s4"_s);
    if (modern) {
        QVERIFY(fs.steps[0].bytesExpected > 0);
        const QStringList bookmarks = lines(b->zfs({u"list"_s, u"-H"_s, u"-o"_s, u"name"_s, u"-t"_s, u"bookmark"_s, u"-r"_s, m_src + u"/home"_s}).standardOutput);
        QCOMPARE(bookmarks.size(), 2);  // one cursor per filesystem: home and alice
        QVERIFY(bookmarks[0].contains(u"zrepl_CURSOR_G_"_s));
    }
    // Pruning: the sender keeps the newest two (everything is replicated); the receiver the newest three.
    QCOMPARE(snapshots(m_src + u"/home"_s), (QStringList{u"s3"_s, u"s4"_s}));
    QCOMPARE(snapshots(m_src + u"/other"_s), (QStringList{u"s1"_s, u"s2"_s, u"s3"_s, u"s4"_s}));  // not ours
    QVERIFY(status.active()->pruningSender && status.active()->pruningSender->state == Api::PrunerState::Done);
    QVERIFY(status.active()->pruningReceiver);

    // Up to date: a run with nothing new replicates nothing and fails nothing.
    QVERIFY(runPush());
    status = m_push->status();
    QVERIFY(status.active()->replication->attempts.last().state == Api::AttemptState::Done);
    QVERIFY(status.active()->replication->attempts.last().filesystems[0].steps.isEmpty());

    if (!modern) {
        // Mounted last: reading a receive target changes it, and a later incremental receive would then fail.
        const QString receivedMount = mounts.filePath(u"received"_s);
        QCOMPARE(b->zfs({u"set"_s, u"mountpoint="_s + receivedMount, home}).exitCode, 0);
        b->zfs({u"mount"_s, home});
        QFile received(receivedMount + u"/notes.txt"_s);
        QVERIFY2(received.open(QIODevice::ReadOnly), qPrintable(received.errorString()));
        QCOMPARE(received.readAll(), QByteArray("second version\n"));
        received.close();
        b->zfs({u"unmount"_s, home});
        b->zfs({u"unmount"_s, m_src + u"/home"_s});
    }
}

void TestPushSink::resumesAnInterruptedStream()
{
    ZfsBackend *b = backendFor(u"emulator"_s);
    if (!b) {
        QSKIP("emulator unavailable");
    }
    QCOMPARE(b->zfs({u"create"_s, u"-o"_s, u"holdfast:emulator:size=4000000"_s, m_src + u"/home"_s}).exitCode, 0);
    QCOMPARE(b->zfs({u"snapshot"_s, m_src + u"/home@big"_s}).exitCode, 0);
    QFile faults(m_emulator.stateDirectory() + u"/faults"_s);
    QVERIFY(faults.open(QIODevice::WriteOnly));
    faults.write("send:cut-after-bytes=1500000,once\n");
    faults.close();
    makeJobs(*b);
    QVERIFY(runPush());

    const Api::ReplicationReport report = *m_push->status().active()->replication;
    QCOMPARE(report.attempts.size(), 2);
    QVERIFY(report.attempts[0].state == Api::AttemptState::FilesystemError);
    QVERIFY(report.attempts[0].filesystems[0].stepError.has_value());
    QVERIFY(report.attempts[1].state == Api::AttemptState::Done);
    QVERIFY(report.attempts[1].filesystems[0].steps[0].resumed);
    const QString home = m_dst + u"/sink/ws/"_s + m_src + u"/home"_s;
    QCOMPARE(get(u"guid"_s, home + u"@big"_s), get(u"guid"_s, m_src + u"/home@big"_s));
    QCOMPARE(get(u"receive_resume_token"_s, home), u"-"_s);
    // The resumed step sent only the rest.
    QVERIFY(report.attempts[1].filesystems[0].steps[0].bytesReplicated < 4000000);
}

void TestPushSink::reportsConflicts()
{
    ZfsBackend *b = backendFor(u"emulator"_s);
    if (!b) {
        QSKIP("emulator unavailable");
    }
    QCOMPARE(b->zfs({u"create"_s, m_src + u"/home"_s}).exitCode, 0);
    QCOMPARE(b->zfs({u"snapshot"_s, m_src + u"/home@a"_s}).exitCode, 0);
    makeJobs(*b);
    QVERIFY(runPush());
    // The receiver gets a snapshot of its own: the sides have diverged.
    const QString home = m_dst + u"/sink/ws/"_s + m_src + u"/home"_s;
    QCOMPARE(b->zfs({u"snapshot"_s, home + u"@mine"_s}).exitCode, 0);
    QCOMPARE(b->zfs({u"snapshot"_s, m_src + u"/home@b"_s}).exitCode, 0);
    QVERIFY(runPush());
    const Api::FilesystemReport fs = m_push->status().active()->replication->attempts.last().filesystems[0];
    QVERIFY(fs.state == Api::FilesystemState::PlanningError);
    QVERIFY2(fs.planError && fs.planError->err.contains(u"the receiver's latest snapshot is not present on sender"_s), qPrintable(fs.planError ? fs.planError->err : QString()));
    QVERIFY(!snapshots(home).contains(u"b"_s));
}

void TestPushSink::encryptedSendsAreRaw()
{
    ZfsBackend *b = backendFor(u"emulator"_s);
    if (!b) {
        QSKIP("emulator unavailable");
    }
    QCOMPARE(b->zfs({u"create"_s, m_src + u"/home"_s}).exitCode, 0);
    QCOMPARE(b->zfs({u"create"_s, u"-o"_s, u"encryption=on"_s, u"-o"_s, u"keyformat=passphrase"_s, u"-o"_s,
                     u"keylocation=prompt"_s, m_src + u"/home/secret"_s}, "correct horse battery\n").exitCode, 0);
    QCOMPARE(b->zfs({u"snapshot"_s, u"-r"_s, m_src + u"/home@a"_s}).exitCode, 0);
    makeJobs(*b, true);
    QVERIFY(runPush());
    const Api::AttemptReport attempt = m_push->status().active()->replication->attempts.last();
    QCOMPARE(attempt.filesystems.size(), 2);
    // send.encrypted: the unencrypted filesystem is refused, the encrypted one goes raw and stays encrypted.
    QVERIFY(attempt.filesystems[0].state == Api::FilesystemState::PlanningError);
    QVERIFY2(attempt.filesystems[0].planError->err.contains(u"encrypt"_s, Qt::CaseInsensitive), qPrintable(attempt.filesystems[0].planError->err));
    QVERIFY(attempt.filesystems[1].state == Api::FilesystemState::Done);
    QVERIFY(attempt.filesystems[1].steps[0].encrypted == Api::EncryptedMode::Yes);
    const QString secret = m_dst + u"/sink/ws/"_s + m_src + u"/home/secret"_s;
    QVERIFY(get(u"encryption"_s, secret) != u"off"_s);
    QCOMPARE(get(u"keystatus"_s, secret), u"unavailable"_s);  // raw: the receiver never had the key
}

void TestPushSink::pullFromSource()
{
    ZfsBackend *b = backendFor(u"emulator"_s);
    if (!b) {
        QSKIP("emulator unavailable");
    }
    QCOMPARE(b->zfs({u"create"_s, m_src + u"/home"_s}).exitCode, 0);
    QCOMPARE(b->zfs({u"snapshot"_s, m_src + u"/home@a"_s}).exitCode, 0);
    Zfs::CommandConfig zfs = commandConfigFor(*b);

    Config::Job sourceConfig;
    sourceConfig.type = Config::JobType::Source;
    sourceConfig.name = u"source"_s;
    sourceConfig.filesystems = {{m_src + u"/home<"_s, true}};
    sourceConfig.serve.type = Config::Serve::Type::Local;
    sourceConfig.serve.listenerName = u"S"_s;
    SourceJob source(sourceConfig, zfs);
    source.start();
    QVERIFY(!source.status().passive()->snapper.has_value());  // manual snapshotting: null, as zrepl

    Config::Job pullConfig;
    pullConfig.type = Config::JobType::Pull;
    pullConfig.name = u"pull"_s;
    pullConfig.rootFs = m_dst + u"/pulled"_s;
    pullConfig.intervalManual = true;
    pullConfig.connect.type = Config::Connect::Type::Local;
    pullConfig.connect.listenerName = u"S"_s;
    pullConfig.connect.clientIdentity = u"me"_s;
    pullConfig.keepSender = {lastN(5)};
    pullConfig.keepReceiver = {lastN(5)};
    ReplicationJob pull(pullConfig, zfs);
    pull.start();
    QSignalSpy finished(&pull, &ReplicationJob::runFinished);
    QCOMPARE(pull.wakeup(), std::nullopt);
    QVERIFY(finished.wait(60000));
    const QString received = m_dst + u"/pulled/"_s + m_src + u"/home"_s;  // pull: no client identity in the path
    QCOMPARE(get(u"guid"_s, received + u"@a"_s), get(u"guid"_s, m_src + u"/home@a"_s));
    QVERIFY(pull.status().type == Api::JobStatus::Type::Pull);
    QVERIFY(pull.status().active()->replication->attempts.last().state == Api::AttemptState::Done);
    // The source's cursor is named after the source job, as zrepl's sender names it.
    const QStringList bookmarks = lines(b->zfs({u"list"_s, u"-H"_s, u"-o"_s, u"name"_s, u"-t"_s, u"bookmark"_s, u"-r"_s, m_src}).standardOutput);
    QCOMPARE(bookmarks.size(), 1);
    QVERIFY(bookmarks[0].endsWith(u"_J_source"_s));
}

void TestPushSink::resumesAfterCutsAtRandomOffsets()
{
    ZfsBackend *b = backendFor(u"emulator"_s);
    if (!b) {
        QSKIP("emulator unavailable");
    }
    // The driver alone, without a job's two-second retry delay, so that fifty interrupted steps take seconds.
    Zfs::CommandConfig config = commandConfigFor(*b);
    Zfs::ZfsCommand command(config);
    Zfs::ZfsClient zfs(command);
    const QString fs = m_src + u"/data"_s;
    QCOMPARE(b->zfs({u"create"_s, u"-o"_s, u"holdfast:emulator:size=300000"_s, u"-o"_s,
                     u"holdfast:emulator:written=200000"_s, fs}).exitCode, 0);
    Config::FilesystemsFilter patterns;
    patterns.insert(fs, true);
    Endpoint::Sender sender(zfs, *Zfs::DatasetFilter::fromConfig(patterns), u"push"_s, false);
    Endpoint::Receiver receiver(zfs, Zfs::DatasetPath::fromString(QString(m_dst + u"/sink"_s)), u"sink"_s);
    ReplicationDriver::Options options;
    options.retryDelay = std::chrono::milliseconds(1);
    QRandomGenerator random(20261126);
    const QString faults = m_emulator.stateDirectory() + u"/faults"_s;
    for (int round = 0; round < 50; ++round) {
        const QString snapshot = u"r%1"_s.arg(round);
        QCOMPARE(b->zfs({u"snapshot"_s, fs + u'@' + snapshot}).exitCode, 0);
        // The first round is a full stream (300 kB), later ones incremental (200 kB): cut somewhere inside.
        const int cut = 1 + int(random.bounded(round == 0 ? 290000 : 190000));
        QFile file(faults);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(QByteArray("send:cut-after-bytes=") + QByteArray::number(cut) + ",once\n");
        file.close();
        QFile::remove(m_emulator.stateDirectory() + u"/faults.fired"_s);
        ReplicationDriver driver(sender, receiver, options, Log::Context(u"push"_s, {}));
        Async::runBlocking(driver.run());
        const Api::ReplicationReport &report = driver.report();
        QVERIFY2(report.attempts.size() == 2, qPrintable(u"round %1, cut at %2: %3 attempt(s)"_s.arg(round).arg(cut).arg(report.attempts.size())));
        QVERIFY(report.attempts[0].state == Api::AttemptState::FilesystemError);
        QVERIFY(report.attempts[1].state == Api::AttemptState::Done);
        QVERIFY2(report.attempts[1].filesystems[0].steps[0].resumed, qPrintable(u"round %1 not resumed"_s.arg(round)));
        const QString received = m_dst + u"/sink/"_s + fs + u'@' + snapshot;
        QCOMPARE(get(u"guid"_s, received), get(u"guid"_s, fs + u'@' + snapshot));
    }
    // Every step hold is gone; the cursor and the last-received hold are on the last snapshot.
    QCOMPARE(get(u"userrefs"_s, fs + u"@r49"_s), u"0"_s);
    QCOMPARE(get(u"userrefs"_s, m_dst + u"/sink/"_s + fs + u"@r49"_s), u"1"_s);
    QCOMPARE(get(u"userrefs"_s, m_dst + u"/sink/"_s + fs + u"@r48"_s), u"0"_s);
}

void TestPushSink::replicatesATreeParentsFirst()
{
    ZfsBackend *b = backendFor(u"emulator"_s);
    if (!b) {
        QSKIP("emulator unavailable");
    }
    QStringList created;
    for (int i = 0; i < 4; ++i) {
        created << u"/home/u%1"_s.arg(i);
        for (int j = 0; j < 3; ++j) {
            created << u"/home/u%1/d%2"_s.arg(i).arg(j);
        }
    }
    QCOMPARE(b->zfs({u"create"_s, m_src + u"/home"_s}).exitCode, 0);
    for (const QString &fs : created) {
        QCOMPARE(b->zfs({u"create"_s, m_src + fs}).exitCode, 0);
    }
    QCOMPARE(b->zfs({u"snapshot"_s, u"-r"_s, m_src + u"/home@t1"_s}).exitCode, 0);
    makeJobs(*b);
    QVERIFY(runPush());
    created.prepend(u"/home"_s);
    for (const QString &fs : std::as_const(created)) {
        QCOMPARE(get(u"guid"_s, m_dst + u"/sink/ws/"_s + m_src + fs + u"@t1"_s), get(u"guid"_s, m_src + fs + u"@t1"_s));
        // Received filesystems are real, not placeholders, even below a placeholder-made parent.
        QVERIFY(!lines(b->zfs({u"get"_s, u"-H"_s, u"-s"_s, u"local"_s, u"-o"_s, u"value"_s, u"zrepl:placeholder"_s,
                               m_dst + u"/sink/ws/"_s + m_src + fs}).standardOutput).contains(u"on"_s));
    }
    const Api::AttemptReport attempt = m_push->status().active()->replication->attempts.last();
    QCOMPARE(attempt.filesystems.size(), created.size());
    QVERIFY(attempt.state == Api::AttemptState::Done);
}

void TestPushSink::receiverPruningKeepsTheIncrementalBase()
{
    ZfsBackend *b = backendFor(u"emulator"_s);
    if (!b) {
        QSKIP("emulator unavailable");
    }
    QCOMPARE(b->zfs({u"create"_s, m_src + u"/home"_s}).exitCode, 0);
    QCOMPARE(b->zfs({u"snapshot"_s, m_src + u"/home@a"_s}).exitCode, 0);
    // keep_receiver keeps nothing: only the last-received hold stands between the rules and the next step's base.
    Config::KeepRule nothing;
    nothing.type = Config::KeepRule::Type::Regex;
    nothing.regex = u"^never$"_s;
    makeJobs(*b, false, QList<Config::KeepRule>{nothing});
    QVERIFY(runPush());
    const QString home = m_dst + u"/sink/ws/"_s + m_src + u"/home"_s;
    QCOMPARE(snapshots(home), QStringList{u"a"_s});
    QCOMPARE(b->zfs({u"snapshot"_s, m_src + u"/home@b"_s}).exitCode, 0);
    QVERIFY(runPush());
    // b arrived incrementally from a; then a went, b stayed because it is held.
    QCOMPARE(snapshots(home), QStringList{u"b"_s});
    const Api::PrunerReport receiverPruning = *m_push->status().active()->pruningReceiver;
    bool reported = false;
    for (const Api::PrunerFilesystemReport &fs : receiverPruning.completed.value_or(QList<Api::PrunerFilesystemReport>())) {
        reported = reported || (fs.filesystem == home && fs.lastError.contains(u"not destroyed because held: b"_s));
    }
    QVERIFY(reported);
    QCOMPARE(b->zfs({u"snapshot"_s, m_src + u"/home@c"_s}).exitCode, 0);
    QVERIFY(runPush());
    QCOMPARE(snapshots(home), QStringList{u"c"_s});
    QVERIFY(m_push->status().active()->replication->attempts.last().filesystems[0].steps[0].from == u"@b"_s);
}

void TestPushSink::refusesAForgedResumeToken_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("refusal");
    // The receiving side is not trusted: a token that names another filesystem or another snapshot must never
    // reach `zfs send -t`.
    QTest::newRow("another filesystem") << u"toName"_s << u"OTHER"_s << u"resume token names"_s;
    QTest::newRow("another snapshot") << u"toGuid"_s << u"12345"_s << u"resume token"_s;
}

void TestPushSink::refusesAForgedResumeToken()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(QString, refusal);
    ZfsBackend *b = backendFor(u"emulator"_s);
    if (!b) {
        QSKIP("emulator unavailable");
    }
    Zfs::CommandConfig config = commandConfigFor(*b);
    Zfs::ZfsCommand command(config);
    Zfs::ZfsClient zfs(command);
    const QString fs = m_src + u"/data"_s;
    QCOMPARE(b->zfs({u"create"_s, u"-o"_s, u"holdfast:emulator:size=300000"_s, fs}).exitCode, 0);
    QCOMPARE(b->zfs({u"create"_s, m_src + u"/other"_s}).exitCode, 0);
    QCOMPARE(b->zfs({u"snapshot"_s, fs + u"@a"_s}).exitCode, 0);
    Config::FilesystemsFilter patterns;
    patterns.insert(fs, true);
    Endpoint::Sender sender(zfs, *Zfs::DatasetFilter::fromConfig(patterns), u"push"_s, false);
    Endpoint::Receiver receiver(zfs, Zfs::DatasetPath::fromString(QString(m_dst + u"/sink"_s)), u"sink"_s);
    ReplicationDriver::Options options;
    options.maxAttempts = 1;
    QFile faults(m_emulator.stateDirectory() + u"/faults"_s);
    QVERIFY(faults.open(QIODevice::WriteOnly | QIODevice::Truncate));
    faults.write("send:cut-after-bytes=100000,once\n");
    faults.close();
    QFile::remove(m_emulator.stateDirectory() + u"/faults.fired"_s);
    {
        ReplicationDriver driver(sender, receiver, options, Log::Context(u"push"_s, {}));
        Async::runBlocking(driver.run());
        QVERIFY(driver.report().attempts[0].state == Api::AttemptState::FilesystemError);
    }
    // Forge the interrupted receive's state, from which the receiver's receive_resume_token is made.
    const QString target = m_dst + u"/sink/"_s + fs;
    QFile state(m_emulator.stateDirectory() + u"/state.json"_s);
    QVERIFY(state.open(QIODevice::ReadOnly));
    QJsonObject root = QJsonDocument::fromJson(state.readAll()).object();
    state.close();
    QJsonObject datasets = root.value(u"datasets"_s).toObject();
    QJsonObject dataset = datasets.value(target).toObject();
    QJsonObject partial = dataset.value(u"partial"_s).toObject();
    QVERIFY2(!partial.isEmpty(), "no partial receive to forge");
    partial.insert(field, value == u"OTHER" ? QString(m_src + u"/other@a"_s) : value);
    dataset.insert(u"partial"_s, partial);
    datasets.insert(target, dataset);
    root.insert(u"datasets"_s, datasets);
    QVERIFY(state.open(QIODevice::WriteOnly | QIODevice::Truncate));
    state.write(QJsonDocument(root).toJson());
    state.close();

    ReplicationDriver driver(sender, receiver, options, Log::Context(u"push"_s, {}));
    Async::runBlocking(driver.run());
    const Api::FilesystemReport report = driver.report().attempts[0].filesystems[0];
    QVERIFY(report.state == Api::FilesystemState::PlanningError);
    QVERIFY2(report.planError->err.contains(refusal), qPrintable(report.planError->err));
    // Nothing was sent with the forged token: the receiver still has no snapshot.
    QVERIFY(snapshots(target).isEmpty());
}

QTEST_GUILESS_MAIN(TestPushSink)
#include "TestPushSink.moc"
