// SPDX-License-Identifier: MIT
// The watchdog on the OpenZFS emulator: a `zfs send` that stops producing (the emulator's send:stall-after-bytes)
// is stopped after stall_timeout, reported and logged, and the retry resumes from the receiver's resume token
// until the data is whole; a planning phase and a pruning round that take too long are aborted with an error
// naming their limit.
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

#include "BackendCommandConfig.h"
#include "EmulatorFixture.h"
#include "ReplicationTestSupport.h"
#include "daemon/async/TaskRunner.h"
#include "daemon/driver/ReplicationDriver.h"
#include "daemon/endpoint/Receiver.h"
#include "daemon/endpoint/Sender.h"
#include "daemon/jobs/ReplicationJob.h"
#include "daemon/jobs/SinkJob.h"
#include "daemon/logging/Logger.h"
#include "daemon/pruner/Pruner.h"

using namespace Daemon;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

// Keeps the warnings the code under test logs.
class CapturingOutlet final : public Log::Outlet
{
public:
    CapturingOutlet()
        : Log::Outlet(Log::Level::Warn)
    {
    }
    void write(const Log::Entry &entry) override { entries.append(entry); }
    QList<Log::Entry> entries;
};

QString fieldOf(const Log::Entry &entry, const QString &key)
{
    for (const Log::Field &field : entry.fields) {
        if (field.key == key) {
            return field.value;
        }
    }
    return {};
}

// A sending side whose listing never answers: a `zfs` or a peer that hangs.
class HangingSender final : public Endpoint::SenderEndpoint
{
public:
    QString jobId() const override { return u"push"_s; }
    bool encrypted() const override { return false; }
    Async::Task<Zfs::Result<QList<Zfs::Dataset>>> listFilesystems() override
    {
        co_await Async::sleep(1h);
        co_return Zfs::Result<QList<Zfs::Dataset>>{};
    }
    Async::Task<Zfs::Result<Endpoint::VersionMap>> listVersions(QList<Zfs::DatasetPath>) override { co_return Zfs::Result<Endpoint::VersionMap>{}; }
    Async::Task<Zfs::ZfsError> prepareStep(Endpoint::SendArgs) override { co_return Zfs::ZfsError{}; }
    Async::Task<std::optional<qint64>> sizeEstimate(Endpoint::SendArgs) override { co_return std::nullopt; }
    Async::Task<Zfs::ZfsError> stepCompleted(Endpoint::SendArgs) override { co_return Zfs::ZfsError{}; }
    std::optional<Async::ProcessSpec> sendProcess(const Endpoint::SendArgs &) const override { return std::nullopt; }
    Async::Task<Endpoint::StreamOutcome> sendInto(Endpoint::SendArgs, Async::ProcessSpec, Endpoint::Progress) override { co_return Endpoint::StreamOutcome{}; }
};

// A side whose pruning listing never answers.
class HangingPruneTarget final : public Endpoint::PruneTarget
{
public:
    Async::Task<Zfs::Result<QList<Endpoint::PruneFilesystem>>> listForPruning() override
    {
        co_await Async::sleep(1h);
        co_return Zfs::Result<QList<Endpoint::PruneFilesystem>>{};
    }
    Async::Task<Zfs::DestroyOutcome> destroySnapshots(QString, QStringList) override { co_return Zfs::DestroyOutcome{}; }
};

}  // namespace

class TestReplicationWatchdog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void stalledStepIsStoppedAndResumed();
    void pushJobAppliesTheConfiguredStallTimeout();
    void planningTimeoutAborts();
    void pruningTimeoutAborts();

private:
    bool createPools();
    void writeFaults(const QByteArray &rules);

    EmulatorFixture m_emulator{QStringLiteral(HOLDFAST_ZFS_EMULATOR_BIN_DIR)};
    QString m_src;
    QString m_dst;
    bool m_pools = false;
    std::shared_ptr<CapturingOutlet> m_log;
};

void TestReplicationWatchdog::initTestCase()
{
    m_emulator.start();
}

void TestReplicationWatchdog::cleanupTestCase()
{
    m_emulator.stop();
}

void TestReplicationWatchdog::init()
{
    m_log = std::make_shared<CapturingOutlet>();
    Log::Logger::instance().setOutlets({m_log});
}

void TestReplicationWatchdog::cleanup()
{
    Log::Logger::instance().setOutlets({});
    if (m_pools) {
        m_emulator.destroyPool(m_src);
        m_emulator.destroyPool(m_dst);
        m_pools = false;
    }
    QFile::remove(m_emulator.stateDirectory() + u"/faults"_s);
    QFile::remove(m_emulator.stateDirectory() + u"/faults.fired"_s);
}

bool TestReplicationWatchdog::createPools()
{
    if (!m_emulator.unavailableReason().isEmpty()) {
        return false;
    }
    m_src = m_emulator.nextPoolName();
    m_dst = m_emulator.nextPoolName();
    m_pools = m_emulator.createPool(m_src, 64) && m_emulator.createPool(m_dst, 64);
    return m_pools;
}

void TestReplicationWatchdog::writeFaults(const QByteArray &rules)
{
    QFile faults(m_emulator.stateDirectory() + u"/faults"_s);
    QVERIFY(faults.open(QIODevice::WriteOnly | QIODevice::Truncate));
    faults.write(rules);
    QFile::remove(m_emulator.stateDirectory() + u"/faults.fired"_s);
}

void TestReplicationWatchdog::stalledStepIsStoppedAndResumed()
{
    if (!createPools()) {
        QSKIP("emulator unavailable");
    }
    const QString fs = m_src + u"/data"_s;
    QCOMPARE(m_emulator.zfs({u"create"_s, u"-o"_s, u"holdfast:emulator:size=4000000"_s, fs}).exitCode, 0);
    QCOMPARE(m_emulator.zfs({u"snapshot"_s, fs + u"@big"_s}).exitCode, 0);
    writeFaults("send:stall-after-bytes=1500000,once\n");

    Zfs::CommandConfig config = commandConfigFor(m_emulator);
    Zfs::ZfsCommand command(config);
    Zfs::ZfsClient zfs(command);
    Config::FilesystemsFilter patterns;
    patterns.insert(fs, true);
    Endpoint::Sender sender(zfs, *Zfs::DatasetFilter::fromConfig(patterns), u"push"_s, false);
    Endpoint::Receiver receiver(zfs, Zfs::DatasetPath::fromString(QString(m_dst + u"/sink"_s)), u"sink"_s);
    ReplicationDriver::Options options;
    options.retryDelay = 10ms;
    options.stallTimeout = 3s;  // short, yet far above any pause of a moving stream
    ReplicationDriver driver(sender, receiver, options, Log::Context(u"push"_s, {}));
    QSignalSpy stalled(&driver, &ReplicationDriver::stepStalled);
    Async::runBlocking(driver.run());

    // One stall, reported as the first attempt's step error and logged; the second attempt resumed.
    QCOMPARE(stalled.count(), 1);
    QCOMPARE(stalled.first().first().toString(), fs);
    const Api::ReplicationReport &report = driver.report();
    QCOMPARE(report.attempts.size(), 2);
    QVERIFY(report.attempts[0].state == Api::AttemptState::FilesystemError);
    const Api::FilesystemReport &first = report.attempts[0].filesystems[0];
    QVERIFY(first.state == Api::FilesystemState::StepError);
    QVERIFY(first.stepError.has_value());
    QVERIFY2(first.stepError->err.contains(u"stalled: no data moved for 3s (replication.stall_timeout)"_s), qPrintable(first.stepError->err));
    QVERIFY(first.steps[0].bytesReplicated > 0 && first.steps[0].bytesReplicated <= 1500000);
    QVERIFY(report.attempts[1].state == Api::AttemptState::Done);
    QVERIFY(report.attempts[1].filesystems[0].steps[0].resumed);
    QVERIFY(report.attempts[1].filesystems[0].steps[0].bytesReplicated < 4000000);  // only the rest

    // The data arrived whole: same snapshot, no partial receive left, holds settled.
    const QString received = m_dst + u"/sink/"_s + fs;
    QCOMPARE(propertyOf(m_emulator, u"guid"_s, received + u"@big"_s), propertyOf(m_emulator, u"guid"_s, fs + u"@big"_s));
    QCOMPARE(propertyOf(m_emulator, u"receive_resume_token"_s, received), u"-"_s);
    QCOMPARE(propertyOf(m_emulator, u"userrefs"_s, fs + u"@big"_s), u"0"_s);

    bool logged = false;
    for (const Log::Entry &entry : std::as_const(m_log->entries)) {
        if (entry.level == Log::Level::Warn && entry.message.contains(u"stalled"_s)) {
            logged = true;
            QCOMPARE(fieldOf(entry, u"fs"_s), fs);
            QVERIFY(fieldOf(entry, u"step"_s).contains(u"@big"_s));
            QCOMPARE(fieldOf(entry, u"bytes"_s), QString::number(first.steps[0].bytesReplicated));
            QCOMPARE(fieldOf(entry, u"stall_timeout"_s), u"3s"_s);
        }
    }
    QVERIFY(logged);
}

void TestReplicationWatchdog::pushJobAppliesTheConfiguredStallTimeout()
{
    if (!createPools()) {
        QSKIP("emulator unavailable");
    }
    QCOMPARE(m_emulator.zfs({u"create"_s, u"-o"_s, u"holdfast:emulator:size=3000000"_s, m_src + u"/home"_s}).exitCode, 0);
    QCOMPARE(m_emulator.zfs({u"snapshot"_s, m_src + u"/home@a"_s}).exitCode, 0);
    writeFaults("send:stall-after-bytes=1000000,once\n");
    const Zfs::CommandConfig zfs = commandConfigFor(m_emulator);

    Config::Job sinkConfig;
    sinkConfig.type = Config::JobType::Sink;
    sinkConfig.name = u"sink"_s;
    sinkConfig.rootFs = m_dst + u"/sink"_s;
    sinkConfig.serve.type = Config::Serve::Type::Local;
    sinkConfig.serve.listenerName = u"W"_s;
    SinkJob sink(sinkConfig, zfs);
    sink.start();

    Config::Job pushConfig;
    pushConfig.type = Config::JobType::Push;
    pushConfig.name = u"push"_s;
    pushConfig.filesystems = {{m_src + u"/home<"_s, true}};
    pushConfig.snapshotting.type = Config::Snapshotting::Type::Manual;
    pushConfig.connect.type = Config::Connect::Type::Local;
    pushConfig.connect.listenerName = u"W"_s;
    pushConfig.connect.clientIdentity = u"ws"_s;
    pushConfig.keepSender = {lastN(5)};
    pushConfig.keepReceiver = {lastN(5)};
    pushConfig.stallTimeout = 3s;
    ReplicationJob push(pushConfig, zfs);
    push.start();
    QSignalSpy finished(&push, &ReplicationJob::runFinished);
    QCOMPARE(push.wakeup(), std::nullopt);
    QVERIFY(finished.wait(120000));

    const Api::ReplicationReport report = *push.status().active()->replication;
    QCOMPARE(report.attempts.size(), 2);
    QVERIFY2(report.attempts[0].filesystems[0].stepError->err.contains(u"replication.stall_timeout"_s),
             qPrintable(report.attempts[0].filesystems[0].stepError->err));
    QVERIFY(report.attempts[1].state == Api::AttemptState::Done);
    QVERIFY(report.attempts[1].filesystems[0].steps[0].resumed);
    const QString home = m_dst + u"/sink/ws/"_s + m_src + u"/home"_s;
    QCOMPARE(propertyOf(m_emulator, u"guid"_s, home + u"@a"_s), propertyOf(m_emulator, u"guid"_s, m_src + u"/home@a"_s));
}

void TestReplicationWatchdog::planningTimeoutAborts()
{
    if (!createPools()) {
        QSKIP("emulator unavailable");
    }
    Zfs::CommandConfig config = commandConfigFor(m_emulator);
    Zfs::ZfsCommand command(config);
    Zfs::ZfsClient zfs(command);
    HangingSender sender;
    Endpoint::Receiver receiver(zfs, Zfs::DatasetPath::fromString(QString(m_dst + u"/sink"_s)), u"sink"_s);
    ReplicationDriver::Options options;
    options.retryDelay = 10ms;
    options.planningTimeout = 1s;
    ReplicationDriver driver(sender, receiver, options, Log::Context(u"push"_s, {}));
    QSignalSpy timedOut(&driver, &ReplicationDriver::phaseTimedOut);
    QElapsedTimer clock;
    clock.start();
    Async::runBlocking(driver.run());
    QVERIFY(clock.elapsed() >= 900);
    QVERIFY(clock.elapsed() < 60000);

    // Aborted, not retried (another attempt would wait as long), with the limit named.
    QCOMPARE(timedOut.count(), 1);
    QCOMPARE(timedOut.first().first().toString(), u"planning"_s);
    QVERIFY(driver.planningTimedOut());
    const Api::ReplicationReport &report = driver.report();
    QCOMPARE(report.attempts.size(), 1);
    QVERIFY(report.attempts[0].state == Api::AttemptState::PlanningError);
    QVERIFY(report.attempts[0].planError.has_value());
    QCOMPARE(report.attempts[0].planError->err, u"planning did not finish within replication.planning_timeout (1s): aborted"_s);
    QVERIFY(!report.finishAt.isZero());
}

void TestReplicationWatchdog::pruningTimeoutAborts()
{
    HangingPruneTarget target;
    Pruner pruner(target, {}, Log::Context(u"push"_s, u"pruning_sender"_s));
    pruner.setTimeout(1s);
    QSignalSpy timedOut(&pruner, &Pruner::timedOut);
    Async::runBlocking(pruner.run());
    QCOMPARE(timedOut.count(), 1);
    QVERIFY(pruner.hasTimedOut());
    QVERIFY(pruner.report().state == Api::PrunerState::PlanErr);
    QCOMPARE(pruner.report().error, u"pruning did not finish within pruning.timeout (1s): aborted"_s);
}

QTEST_GUILESS_MAIN(TestReplicationWatchdog)
#include "TestReplicationWatchdog.moc"
