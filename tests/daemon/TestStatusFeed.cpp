// SPDX-License-Identifier: MIT
// The status feed (GET /holdfast/v1/status/changes) of a real control server on a temporary socket: what a client
// of the long poll receives when jobs report, time out, go away or come too many, and what the daemon keeps for
// them meanwhile; and the configuration state it carries, pushed when a reload changes it or the file is saved.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "daemon/config/ConfigParser.h"
#include "daemon/config/ConfigStore.h"
#include "daemon/control/ConfigFileWatcher.h"
#include "daemon/control/ControlServer.h"
#include "daemon/control/ControlService.h"
#include "daemon/control/DebugServer.h"
#include "daemon/control/StatusFeed.h"
#include "daemon/core/Runtime.h"
#include "daemon/jobs/Job.h"
#include "daemon/jobs/JobRegistry.h"
#include "daemon/metrics/Metrics.h"
#include "shared/control/ControlAccess.h"
#include "shared/control/JobStatus.h"
#include "shared/control/StatusChanges.h"
#include "shared/http/HttpParser.h"
#include "tests/common/FakeConfigHost.h"

using namespace Daemon;
using namespace Qt::StringLiterals;

namespace {

// A push job whose report the test moves: one attempt with `filesystems` filesystems of one step each.
class FakePushJob final : public Job
{
public:
    FakePushJob(const Config::Job &config, int filesystems)
        : Job(config)
    {
        Api::AttemptReport attempt;
        attempt.state = Api::AttemptState::FanOutFilesystems;
        attempt.startAt = Api::Timestamp::fromUnix(1732406400);
        for (int i = 0; i < filesystems; ++i) {
            Api::FilesystemReport fs;
            fs.name = u"tank/home/fs%1"_s.arg(i);
            fs.state = Api::FilesystemState::Stepping;
            Api::StepInfo step;
            step.from = u"@a"_s;
            step.to = u"@b"_s;
            step.bytesExpected = 1 << 20;
            fs.steps.append(step);
            attempt.filesystems.append(fs);
        }
        Api::ReplicationReport replication;
        replication.startAt = attempt.startAt;
        replication.attempts.append(attempt);
        Api::ActiveSideStatus active;
        active.replication = replication;
        m_status.type = Api::JobStatus::Type::Push;
        m_status.specific = active;
    }

    Api::JobStatus status() const override
    {
        return m_status;
    }

    void start() override {}

    // A running step's byte count moved, as the daemon reports it every 200 ms.
    void progress(int filesystem, qint64 bytes)
    {
        std::get<Api::ActiveSideStatus>(m_status.specific)
            .replication->attempts[0]
            .filesystems[filesystem]
            .steps[0]
            .bytesReplicated = bytes;
        Q_EMIT statusChanged();
    }

    // The receiver confirmed `snapshot` (created at `creation`) of the filesystem: the freshness facts change.
    void replicated(const QString &filesystem, const Api::Timestamp &creation)
    {
        Health::FilesystemFacts facts;
        facts.snapshots = 1;
        facts.newest = Api::SnapshotRef{u"b"_s, creation};
        facts.replicated = facts.newest;
        facts.lastSuccessAt = Api::Timestamp::now();
        freshnessTracker().update(filesystem, facts);
        Q_EMIT statusChanged();
    }

private:
    Api::JobStatus m_status;
};

Config::Job pushConfig(const QString &name)
{
    Config::Job job;
    job.type = Config::JobType::Push;
    job.name = name;
    return job;
}

qint64 rssKiB()
{
    QFile file(u"/proc/self/status"_s);
    if (!file.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith("VmRSS:")) {
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
        }
    }
    return -1;
}

QByteArray get(const QByteArray &target)
{
    return "GET " + target + " HTTP/1.1\r\nHost: unix\r\n\r\n";
}

// A client on a plain socket: a hundred of them cost the test nothing, so what grows is the daemon's side.
class RawClient
{
public:
    RawClient() = default;
    RawClient(const RawClient &) = delete;
    RawClient &operator=(const RawClient &) = delete;

    ~RawClient()
    {
        close();
    }

    bool connectTo(const QString &path)
    {
        m_fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        const QByteArray encoded = QFile::encodeName(path);
        std::memcpy(address.sun_path, encoded.constData(), size_t(encoded.size()));
        // Non-blocking: a full backlog answers EAGAIN instead of waiting for the server, which runs on this thread.
        for (int tries = 0; tries < 1000; ++tries) {
            if (::connect(m_fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) == 0) {
                return true;
            }
            if (errno != EAGAIN) {
                return false;
            }
            QCoreApplication::processEvents();
        }
        return false;
    }

    bool send(const QByteArray &bytes)
    {
        return ::send(m_fd, bytes.constData(), size_t(bytes.size()), MSG_NOSIGNAL) == bytes.size();
    }

    // The event loop runs meanwhile: the server is on this thread.
    std::optional<Http::Response> receive(int timeoutMs = 10000)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs) {
            if (std::optional<Http::Response> response = poll()) {
                return response;
            }
            if (m_eof) {
                return std::nullopt;
            }
            QTest::qWait(5);
        }
        return std::nullopt;
    }

    // A response if one is complete, without waiting.
    std::optional<Http::Response> poll()
    {
        char buf[65536];
        while (true) {
            const ssize_t n = ::recv(m_fd, buf, sizeof buf, MSG_DONTWAIT);
            if (n > 0) {
                m_buffer.append(buf, n);
                continue;
            }
            m_eof = n == 0;
            break;
        }
        while (true) {
            const Http::ParseResult result = m_parser.parse(m_buffer);
            m_buffer.remove(0, result.consumed);
            if (result.status == Http::ParseStatus::Complete) {
                return m_parser.takeResponse();
            }
            if (result.status != Http::ParseStatus::HeadComplete) {
                return std::nullopt;
            }
        }
    }

    void close()
    {
        if (m_fd >= 0) {
            ::close(m_fd);
            m_fd = -1;
        }
    }

private:
    int m_fd = -1;
    bool m_eof = false;
    QByteArray m_buffer;
    Http::ResponseParser m_parser;
};

Api::StatusChanges parseChanges(const QByteArray &body)
{
    QString error;
    const std::optional<Api::StatusChanges> changes = Api::StatusChanges::fromJson(body, &error);
    if (!changes) {
        qWarning("unparsable answer (%s): %s", qPrintable(error), body.left(400).constData());
        return {};
    }
    return *changes;
}

Api::StatusChanges parseChanges(const Http::Response &response)
{
    return parseChanges(response.body);
}

std::optional<Api::ConfigStatus> parseConfig(const std::optional<QByteArray> &json)
{
    if (!json) {
        return std::nullopt;
    }
    QString error;
    std::optional<Api::ConfigStatus> status = Api::ConfigStatus::fromJson(*json, &error);
    if (!status) {
        qWarning("unparsable config: %s", qPrintable(error));
    }
    return status;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

const QByteArray ConfigText = "jobs: []\n";

std::optional<Api::FreshnessReport> parseFreshness(const QByteArray &json)
{
    QString error;
    std::optional<Api::FreshnessReport> report = Api::FreshnessReport::fromJson(json, &error);
    if (!report) {
        qWarning("unparsable freshness: %s", qPrintable(error));
    }
    return report;
}

}  // namespace

class TestStatusFeed : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void sinceZeroIsTheWholeStatus();
    void waitingRequestIsAnsweredByAChange();
    void twoChangesBetweenPollsComeAsAChain();
    void reportsOfOneTurnAreOneChange();
    void unknownVersionGetsTheWholeStatus_data();
    void unknownVersionGetsTheWholeStatus();
    void timeoutAnswersWithNoChanges();
    void malformedParameters_data();
    void malformedParameters();
    void removedJobIsAChange();
    void tooManyWaiters();
    void hundredIdleWaitersCostLittle();
    void clientThatLeavesIsForgotten();
    void nothingIsPublishedWhileNobodyWaits();
    void freshnessThresholdCrossingIsPushed();
    void statusGroupMayRead();
    void configStateChangeIsPushed();
    void reloadOfTheRuntimeIsPushed();
    void fileEditsArePushed();

private:
    // Waits for the next change after `version` on a fresh client, which `act` brings.
    template<typename F>
    std::optional<Api::StatusChange> nextChange(quint64 version, F act);

    QString configPath() const
    {
        return m_dir->filePath(u"holdfast.yml"_s);
    }

    std::unique_ptr<RawClient> connectClient();
    Http::Response request(const QByteArray &target);
    Api::DaemonStatus currentStatus();
    quint64 currentVersion();

    StatusFeed &feed()
    {
        return m_service->statusFeed();
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<JobRegistry> m_jobs;
    FakePushJob *m_job = nullptr;
    std::unique_ptr<Metrics> m_metrics;
    std::unique_ptr<DebugServer> m_debug;
    std::unique_ptr<FakeConfigHost> m_configHost;
    std::unique_ptr<ControlService> m_service;
    std::unique_ptr<ControlServer> m_server;
};

void TestStatusFeed::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_jobs = std::make_unique<JobRegistry>();
    m_jobs->addInternalJob(u"_control"_s);
    Config::Job config = pushConfig(u"backup"_s);
    // A threshold the freshness test can watch pass.
    config.health.warningAfter = std::chrono::seconds(2);
    config.health.criticalAfter = std::chrono::hours(1);
    auto job = std::make_unique<FakePushJob>(config, 8);
    m_job = job.get();
    m_jobs->addJob(std::move(job));
    m_jobs->addJob(std::make_unique<FakePushJob>(pushConfig(u"other"_s), 2));
    m_metrics = std::make_unique<Metrics>();
    m_debug = std::make_unique<DebugServer>(*m_metrics);
    QVERIFY(writeFile(configPath(), ConfigText));
    m_configHost = std::make_unique<FakeConfigHost>(configPath());
    m_service = std::make_unique<ControlService>(*m_jobs, *m_metrics, *m_debug, *m_configHost);
    m_server = std::make_unique<ControlServer>(*m_service);
    // Short, so that a wait that outlived them shows that they are off while a request waits.
    HttpTimeouts timeouts;
    timeouts.read = timeouts.write = timeouts.idle = std::chrono::milliseconds(300);
    m_server->setTimeouts(timeouts);
    QString error;
    QVERIFY2(m_server->listen(m_dir->filePath(u"run/control"_s), &error), qPrintable(error));
}

void TestStatusFeed::cleanup()
{
    m_server.reset();
    m_service.reset();
    m_configHost.reset();
    m_debug.reset();
    m_metrics.reset();
    m_job = nullptr;
    m_jobs.reset();
    m_dir.reset();
}

std::unique_ptr<RawClient> TestStatusFeed::connectClient()
{
    auto client = std::make_unique<RawClient>();
    if (!client->connectTo(m_server->socketPath())) {
        qWarning("connect failed: %s", std::strerror(errno));
    }
    return client;
}

Http::Response TestStatusFeed::request(const QByteArray &target)
{
    std::unique_ptr<RawClient> client = connectClient();
    client->send(get(target));
    Http::Response none;
    none.status = 0;  // no answer
    return client->receive().value_or(none);
}

Api::DaemonStatus TestStatusFeed::currentStatus()
{
    QString error;
    const std::optional<Api::DaemonStatus> status = Api::DaemonStatus::fromJson(request("/status").body, &error);
    if (!status) {
        qWarning("unparsable /status: %s", qPrintable(error));
    }
    return status.value_or(Api::DaemonStatus{});
}

quint64 TestStatusFeed::currentVersion()
{
    return parseChanges(request(Api::statusChangesTarget(0, std::chrono::seconds(0)))).version;
}

void TestStatusFeed::sinceZeroIsTheWholeStatus()
{
    const Http::Response response = request(Api::statusChangesTarget(0, std::chrono::seconds(30)));
    QCOMPARE(response.status, 200);
    QCOMPARE(response.headers.value("Content-Type"), QByteArray("application/json"));
    QVERIFY(response.body.endsWith('\n'));
    const Api::StatusChanges changes = parseChanges(response);
    QCOMPARE(changes.changes.size(), 1);
    const Api::StatusChange &change = changes.changes.first();
    QCOMPARE(change.base, quint64(0));
    QCOMPARE(change.version, changes.version);
    QVERIFY(change.full);
    QCOMPARE(*change.full, currentStatus());
    // The freshness report comes along, so a client of the feed needs no separate poll for it.
    QVERIFY(change.freshness);
    QCOMPARE(QJsonDocument::fromJson(*change.freshness).object(),
             QJsonDocument::fromJson(request(Api::HoldfastEndpoint::Freshness).body).object());
    // And the configuration state: what /holdfast/v1/config says about the file and the reloads, without the text.
    const std::optional<Api::ConfigStatus> config = parseConfig(change.config);
    QVERIFY(config);
    QCOMPARE(config->path, configPath());
    QCOMPARE(config->version, Config::ConfigStore::versionOf(ConfigText));
    QVERIFY(config->state == m_configHost->state());
    QCOMPARE(config->state.runningVersion, config->version);
    // The first version is the daemon's start in microseconds: a restarted daemon never repeats one.
    const quint64 startedUs = quint64(QDateTime::currentMSecsSinceEpoch()) * 1000;
    QVERIFY(changes.version > startedUs - 600'000'000ull && changes.version <= startedUs + 1000);
    QCOMPARE(feed().waitingCount(), 0);
}

void TestStatusFeed::waitingRequestIsAnsweredByAChange()
{
    const Http::Response first = request(Api::statusChangesTarget(0, std::chrono::seconds(0)));
    const Api::StatusChanges initial = parseChanges(first);
    Api::DaemonStatus status = *initial.changes.first().full;

    std::unique_ptr<RawClient> client = connectClient();
    client->send(get(Api::statusChangesTarget(initial.version, std::chrono::seconds(60))));
    // Longer than every timeout of the connection (300 ms): a waiting request is not cut off.
    QTest::qWait(700);
    QVERIFY(!client->poll());
    QCOMPARE(feed().waitingCount(), 1);

    m_job->progress(3, 4096);
    const std::optional<Http::Response> answer = client->receive();
    QVERIFY(answer);
    QCOMPARE(answer->status, 200);
    const Api::StatusChanges changes = parseChanges(*answer);
    QCOMPARE(changes.version, initial.version + 1);
    QCOMPARE(changes.changes.size(), 1);
    const Api::StatusChange &change = changes.changes.first();
    QCOMPARE(change.base, initial.version);
    QCOMPARE(change.version, changes.version);
    QVERIFY(!change.full);
    // Only the filesystem that moved travels.
    QCOMPARE(change.patched.size(), 1);
    QCOMPARE(change.patched.value(u"backup"_s).filesystems.size(), 1);
    QString error;
    QVERIFY2(change.applyTo(&status, &error), qPrintable(error));
    QCOMPARE(status, currentStatus());
    QCOMPARE(feed().waitingCount(), 0);

    // The connection stays usable for the next poll.
    client->send(get(Api::statusChangesTarget(changes.version, std::chrono::seconds(0))));
    const std::optional<Http::Response> next = client->receive();
    QVERIFY(next);
    QCOMPARE(parseChanges(*next).version, changes.version);
}

void TestStatusFeed::twoChangesBetweenPollsComeAsAChain()
{
    const Api::StatusChanges initial = parseChanges(request(Api::statusChangesTarget(0, std::chrono::seconds(0))));
    Api::DaemonStatus status = *initial.changes.first().full;

    // Another client waits, so the first change is published on its own.
    std::unique_ptr<RawClient> other = connectClient();
    other->send(get(Api::statusChangesTarget(initial.version, std::chrono::seconds(60))));
    QTRY_COMPARE(feed().waitingCount(), 1);
    m_job->progress(1, 100);
    QVERIFY(other->receive());
    m_job->progress(2, 200);

    const Http::Response response = request(Api::statusChangesTarget(initial.version, std::chrono::seconds(60)));
    const Api::StatusChanges changes = parseChanges(response);
    QCOMPARE(changes.version, initial.version + 2);
    QCOMPARE(changes.changes.size(), 2);
    QCOMPARE(changes.changes[0].base, initial.version);
    QCOMPARE(changes.changes[0].version, initial.version + 1);
    QCOMPARE(changes.changes[1].base, initial.version + 1);
    QCOMPARE(changes.changes[1].version, initial.version + 2);
    QString error;
    for (const Api::StatusChange &change : changes.changes) {
        QVERIFY2(change.applyTo(&status, &error), qPrintable(error));
    }
    QCOMPARE(status, currentStatus());
    QCOMPARE(feed().keptChanges(), qsizetype(2));
}

void TestStatusFeed::reportsOfOneTurnAreOneChange()
{
    const Api::StatusChanges initial = parseChanges(request(Api::statusChangesTarget(0, std::chrono::seconds(0))));
    Api::DaemonStatus status = *initial.changes.first().full;
    std::unique_ptr<RawClient> client = connectClient();
    client->send(get(Api::statusChangesTarget(initial.version, std::chrono::seconds(60))));
    QTRY_COMPARE(feed().waitingCount(), 1);

    m_job->progress(0, 1);
    m_job->progress(5, 2);
    m_job->progress(0, 3);
    const std::optional<Http::Response> answer = client->receive();
    QVERIFY(answer);
    const Api::StatusChanges changes = parseChanges(*answer);
    QCOMPARE(changes.version, initial.version + 1);
    QCOMPARE(changes.changes.size(), 1);
    QCOMPARE(changes.changes.first().patched.value(u"backup"_s).filesystems.size(), 2);
    QString error;
    QVERIFY2(changes.changes.first().applyTo(&status, &error), qPrintable(error));
    QCOMPARE(status, currentStatus());
}

void TestStatusFeed::unknownVersionGetsTheWholeStatus_data()
{
    QTest::addColumn<int>("offset");
    QTest::addRow("another instance's") << -1'000'000;
    QTest::addRow("from the future") << 5;
    QTest::addRow("dropped from the ring") << -int(StatusFeed::MaxKeptChanges) - 3;
}

void TestStatusFeed::unknownVersionGetsTheWholeStatus()
{
    QFETCH(int, offset);
    const quint64 start = currentVersion();
    // More changes than the feed keeps, each published (a request arrives behind each).
    for (int i = 0; i < int(StatusFeed::MaxKeptChanges) + 5; ++i) {
        m_job->progress(i % 8, 1000 + i);
        QCOMPARE(currentVersion(), start + quint64(i) + 1);
    }
    QCOMPARE(feed().keptChanges(), StatusFeed::MaxKeptChanges);
    const quint64 now = feed().version();
    const Api::StatusChanges changes =
        parseChanges(request(Api::statusChangesTarget(quint64(qint64(now) + offset), std::chrono::seconds(30))));
    QCOMPARE(changes.version, now);
    QCOMPARE(changes.changes.size(), 1);
    QCOMPARE(changes.changes.first().base, quint64(0));
    QVERIFY(changes.changes.first().full);
    QCOMPARE(*changes.changes.first().full, currentStatus());
    // The oldest version still kept gets its chain.
    const Api::StatusChanges kept = parseChanges(
        request(Api::statusChangesTarget(now - quint64(StatusFeed::MaxKeptChanges), std::chrono::seconds(0))));
    QCOMPARE(kept.changes.size(), StatusFeed::MaxKeptChanges);
    QVERIFY(!kept.changes.first().full);
}

void TestStatusFeed::timeoutAnswersWithNoChanges()
{
    const quint64 version = currentVersion();
    std::unique_ptr<RawClient> client = connectClient();
    client->send(get(Api::statusChangesTarget(version, std::chrono::seconds(1))));
    const std::optional<Http::Response> answer = client->receive();
    QVERIFY(answer);
    QCOMPARE(answer->status, 200);
    const Api::StatusChanges changes = parseChanges(*answer);
    QCOMPARE(changes.version, version);
    QVERIFY(changes.changes.isEmpty());
    QCOMPARE(answer->body, QByteArray("{\"version\":" + QByteArray::number(version) + ",\"changes\":[]}\n"));
    QCOMPARE(feed().waitingCount(), 0);
    // timeout=0 answers at once; a negative one is clamped to 0.
    for (const QByteArray &timeout : {QByteArray("0"), QByteArray("-5")}) {
        const Http::Response now = request(Api::HoldfastEndpoint::StatusChanges
                                           + ("?since=" + QByteArray::number(version) + "&timeout=" + timeout));
        QCOMPARE(now.status, 200);
        QVERIFY(parseChanges(now).changes.isEmpty());
    }
}

void TestStatusFeed::malformedParameters_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<QByteArray>("named");
    QTest::addRow("since not a number") << QByteArray("since=abc") << QByteArray("since");
    QTest::addRow("since negative") << QByteArray("since=-1") << QByteArray("since");
    QTest::addRow("since a fraction") << QByteArray("since=1.5") << QByteArray("since");
    QTest::addRow("since empty") << QByteArray("since=&timeout=1") << QByteArray("since");
    QTest::addRow("since beyond 2^53") << QByteArray("since=9007199254740992") << QByteArray("since");
    QTest::addRow("since far too long") << QByteArray("since=123456789012345678901234567890") << QByteArray("since");
    QTest::addRow("timeout not a number") << QByteArray("since=0&timeout=soon") << QByteArray("timeout");
    QTest::addRow("timeout a fraction") << QByteArray("since=0&timeout=0.5") << QByteArray("timeout");
    QTest::addRow("timeout empty") << QByteArray("timeout=") << QByteArray("timeout");
}

void TestStatusFeed::malformedParameters()
{
    QFETCH(QByteArray, query);
    QFETCH(QByteArray, named);
    const Http::Response response = request(Api::HoldfastEndpoint::StatusChanges + ('?' + query));
    QCOMPARE(response.status, 400);
    QVERIFY2(response.body.startsWith(QByteArray("invalid " + named)), response.body.constData());
    QCOMPARE(feed().waitingCount(), 0);
}

void TestStatusFeed::removedJobIsAChange()
{
    const Api::StatusChanges initial = parseChanges(request(Api::statusChangesTarget(0, std::chrono::seconds(0))));
    Api::DaemonStatus status = *initial.changes.first().full;
    std::unique_ptr<RawClient> client = connectClient();
    client->send(get(Api::statusChangesTarget(initial.version, std::chrono::seconds(60))));
    QTRY_COMPARE(feed().waitingCount(), 1);
    const std::unique_ptr<Job> taken = m_jobs->takeJob(u"other"_s);
    const std::optional<Http::Response> answer = client->receive();
    QVERIFY(answer);
    const Api::StatusChanges changes = parseChanges(*answer);
    QCOMPARE(changes.changes.size(), 1);
    QCOMPARE(changes.changes.first().removed, QStringList{u"other"_s});
    QString error;
    QVERIFY2(changes.changes.first().applyTo(&status, &error), qPrintable(error));
    QCOMPARE(status, currentStatus());
}

void TestStatusFeed::tooManyWaiters()
{
    const quint64 version = currentVersion();
    std::vector<std::unique_ptr<RawClient>> clients;
    for (int i = 0; i < StatusFeed::MaxWaiting; ++i) {
        clients.push_back(connectClient());
        clients.back()->send(get(Api::statusChangesTarget(version, std::chrono::seconds(60))));
    }
    QTRY_COMPARE(feed().waitingCount(), StatusFeed::MaxWaiting);
    const Http::Response refused = request(Api::statusChangesTarget(version, std::chrono::seconds(60)));
    QCOMPARE(refused.status, 503);
    QVERIFY2(refused.body.contains("too many"), refused.body.constData());
    // A client that is behind is answered at once, waiters or not.
    QCOMPARE(request(Api::statusChangesTarget(0, std::chrono::seconds(60))).status, 200);
    // A place freed is a place taken again.
    clients.front()->close();
    QTRY_COMPARE(feed().waitingCount(), StatusFeed::MaxWaiting - 1);
    std::unique_ptr<RawClient> late = connectClient();
    late->send(get(Api::statusChangesTarget(version, std::chrono::seconds(60))));
    QTRY_COMPARE(feed().waitingCount(), StatusFeed::MaxWaiting);
}

void TestStatusFeed::hundredIdleWaitersCostLittle()
{
    const quint64 version = currentVersion();
    // Once, so that allocations every connection makes the first time (pools, caches) are not counted.
    {
        std::unique_ptr<RawClient> warm = connectClient();
        warm->send(get(Api::statusChangesTarget(version, std::chrono::seconds(60))));
        QTRY_COMPARE(feed().waitingCount(), 1);
    }
    QTRY_COMPARE(feed().waitingCount(), 0);
    const qint64 rssBefore = rssKiB();
    std::vector<std::unique_ptr<RawClient>> clients;
    for (int i = 0; i < 100; ++i) {
        clients.push_back(connectClient());
        clients.back()->send(get(Api::statusChangesTarget(version, std::chrono::seconds(60))));
    }
    QTRY_COMPARE(feed().waitingCount(), 100);
    QTest::qWait(100);
    const qint64 rssWaiting = rssKiB();
    qInfo("RSS %lld KiB before, %lld KiB with 100 waiting (+%lld KiB)", rssBefore, rssWaiting, rssWaiting - rssBefore);
#if defined(__SANITIZE_ADDRESS__)
    // AddressSanitizer pads every allocation and keeps freed memory in quarantine: about 12 times the bytes here.
    constexpr qint64 BoundKiB = 16 * 1024;
#else
    constexpr qint64 BoundKiB = 4 * 1024;
#endif
    QVERIFY2(rssWaiting - rssBefore < BoundKiB,
             qPrintable(u"100 idle waiters cost the daemon more than %1 KiB"_s.arg(BoundKiB)));

    m_job->progress(7, 123);
    int answered = 0;
    QByteArray body;
    for (const std::unique_ptr<RawClient> &client : clients) {
        const std::optional<Http::Response> answer = client->receive();
        if (answer && answer->status == 200) {
            ++answered;
            QVERIFY(body.isEmpty() || answer->body == body);
            body = answer->body;
        }
    }
    QCOMPARE(answered, 100);
    QCOMPARE(parseChanges(body).version, version + 1);
    QCOMPARE(feed().waitingCount(), 0);
    // One serialized change and one answer made of it, however many waited.
    QCOMPARE(feed().keptChanges(), qsizetype(1));
    QVERIFY2(feed().keptBytes() <= 2 * body.size() + 64, qPrintable(QString::number(feed().keptBytes())));
}

void TestStatusFeed::clientThatLeavesIsForgotten()
{
    const quint64 version = currentVersion();
    std::unique_ptr<RawClient> client = connectClient();
    client->send(get(Api::statusChangesTarget(version, std::chrono::seconds(600))));
    QTRY_COMPARE(feed().waitingCount(), 1);
    client->close();
    QTRY_COMPARE(feed().waitingCount(), 0);
    QTRY_COMPARE(m_server->connectionCount(), 0);

    // A QLocalSocket (the GUI's client) that disconnects is forgotten the same way.
    QLocalSocket socket;
    socket.connectToServer(m_server->socketPath());
    QVERIFY(socket.waitForConnected(2000));
    socket.write(get(Api::statusChangesTarget(version, std::chrono::seconds(600))));
    QTRY_COMPARE(feed().waitingCount(), 1);
    socket.disconnectFromServer();
    QTRY_COMPARE(feed().waitingCount(), 0);
    // Nothing is published for it afterwards.
    m_job->progress(0, 5);
    QTest::qWait(50);
    QCOMPARE(feed().version(), version);
}

void TestStatusFeed::nothingIsPublishedWhileNobodyWaits()
{
    const Api::StatusChanges initial = parseChanges(request(Api::statusChangesTarget(0, std::chrono::seconds(0))));
    Api::DaemonStatus status = *initial.changes.first().full;
    for (int i = 0; i < 5; ++i) {
        m_job->progress(i, 10 * (i + 1));
        QTest::qWait(20);
    }
    QCOMPARE(feed().version(), initial.version);
    QCOMPARE(feed().keptChanges(), qsizetype(0));
    // The next poll publishes what piled up as one change.
    const Api::StatusChanges changes =
        parseChanges(request(Api::statusChangesTarget(initial.version, std::chrono::seconds(60))));
    QCOMPARE(changes.version, initial.version + 1);
    QCOMPARE(changes.changes.size(), 1);
    QCOMPARE(changes.changes.first().patched.value(u"backup"_s).filesystems.size(), 5);
    QString error;
    QVERIFY2(changes.changes.first().applyTo(&status, &error), qPrintable(error));
    QCOMPARE(status, currentStatus());
}

void TestStatusFeed::freshnessThresholdCrossingIsPushed()
{
    // Replicated now with a warning threshold of two seconds: the job turns "warning" by time alone.
    const Api::Timestamp creation = Api::Timestamp::fromUnix(QDateTime::currentSecsSinceEpoch());
    m_job->replicated(u"tank/home/fs0"_s, creation);
    const Api::StatusChanges initial = parseChanges(request(Api::statusChangesTarget(0, std::chrono::seconds(0))));
    QVERIFY(initial.changes.first().freshness);
    const std::optional<Api::FreshnessReport> before = parseFreshness(*initial.changes.first().freshness);
    QVERIFY(before);
    QCOMPARE(before->jobs.first().job, u"backup"_s);
    QVERIFY(before->jobs.first().health == Api::Health::Ok);

    std::unique_ptr<RawClient> client = connectClient();
    client->send(get(Api::statusChangesTarget(initial.version, std::chrono::seconds(30))));
    const std::optional<Http::Response> answer = client->receive(15000);
    QVERIFY(answer);
    const Api::StatusChanges changes = parseChanges(*answer);
    QCOMPARE(changes.version, initial.version + 1);
    QCOMPARE(changes.changes.size(), 1);
    const Api::StatusChange &change = changes.changes.first();
    // Nothing but the freshness changed.
    QVERIFY(change.removed.isEmpty() && change.replaced.isEmpty() && change.patched.isEmpty());
    QVERIFY(change.freshness);
    const std::optional<Api::FreshnessReport> after = parseFreshness(*change.freshness);
    QVERIFY(after);
    QVERIFY(after->jobs.first().health == Api::Health::Warning);
}

void TestStatusFeed::statusGroupMayRead()
{
    QCOMPARE(Api::requiredAccess("GET", Api::statusChangesTarget(0, std::chrono::seconds(60))),
             Api::AccessLevel::Status);
}

template<typename F>
std::optional<Api::StatusChange> TestStatusFeed::nextChange(quint64 version, F act)
{
    std::unique_ptr<RawClient> client = connectClient();
    client->send(get(Api::statusChangesTarget(version, std::chrono::seconds(60))));
    for (int i = 0; i < 500 && feed().waitingCount() != 1; ++i) {
        QTest::qWait(10);
    }
    if (feed().waitingCount() != 1) {
        qWarning("the poll after %llu does not wait", version);
        return std::nullopt;
    }
    act();
    const std::optional<Http::Response> answer = client->receive();
    if (!answer || answer->status != 200) {
        qWarning("no answer to the waiting poll");
        return std::nullopt;
    }
    const Api::StatusChanges changes = parseChanges(*answer);
    if (changes.changes.size() != 1 || changes.version != version + 1) {
        qWarning("expected one change after %llu: %s", version, answer->body.left(400).constData());
        return std::nullopt;
    }
    return changes.changes.first();
}

void TestStatusFeed::configStateChangeIsPushed()
{
    const quint64 version = currentVersion();
    // A changed job of a reload now waits for its work to end: the runtime says the state changed.
    const std::optional<Api::StatusChange> change = nextChange(version, [this] {
        m_configHost->pendingForTest = {u"backup"_s};
        feed().markConfigChanged();
    });
    QVERIFY(change);
    // Nothing but the configuration state.
    QVERIFY(change->removed.isEmpty() && change->replaced.isEmpty() && change->patched.isEmpty() && !change->freshness);
    const std::optional<Api::ConfigStatus> config = parseConfig(change->config);
    QVERIFY(config);
    QCOMPARE(config->state.pendingRestart, QStringList{u"backup"_s});
    QCOMPARE(config->version, Config::ConfigStore::versionOf(ConfigText));

    // Marked changed but the same: nothing to publish. A job's report then comes alone.
    const std::optional<Api::StatusChange> next = nextChange(version + 1, [this] {
        feed().markConfigChanged();
        m_job->progress(2, 77);
    });
    QVERIFY(next);
    QVERIFY(!next->config);
    QCOMPARE(next->patched.size(), 1);

    // Nobody waits: nothing is read or published; the next poll gets it.
    m_configHost->pendingForTest.clear();
    feed().markConfigChanged();
    QTest::qWait(20);
    QCOMPARE(feed().version(), version + 2);
    const Api::StatusChanges later =
        parseChanges(request(Api::statusChangesTarget(version + 2, std::chrono::seconds(60))));
    QCOMPARE(later.changes.size(), 1);
    const std::optional<Api::ConfigStatus> cleared = parseConfig(later.changes.first().config);
    QVERIFY(cleared);
    QVERIFY(cleared->state.pendingRestart.isEmpty());
}

// The runtime's own reload, through its own control server: a refused reload reaches a waiting client with where
// the file is wrong, and the fixed file reloaded clears it.
void TestStatusFeed::reloadOfTheRuntimeIsPushed()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"holdfast.yml"_s);
    QVERIFY(writeFile(path, ConfigText));
    Config::Error error;
    std::optional<Config::Root> root = Config::parseFile(path, &error);
    QVERIFY2(root, qPrintable(error.toString()));
    // No paused jobs of the machine's daemon, no socket of its own.
    qputenv("HOLDFAST_STATE_DIR", QFile::encodeName(dir.path()));
    Runtime runtime(std::move(*root));
    runtime.setControlSocketOverride(dir.filePath(u"control"_s));
    QString startError;
    QVERIFY2(runtime.start(&startError), qPrintable(startError));
    QSignalSpy stateChanged(&runtime, &Runtime::configStateChanged);

    auto poll = [&](quint64 since) {
        auto client = std::make_unique<RawClient>();
        client->connectTo(dir.filePath(u"control"_s));
        client->send(get(Api::statusChangesTarget(since, std::chrono::seconds(since == 0 ? 0 : 60))));
        return client;
    };
    const std::optional<Http::Response> first = poll(0)->receive();
    QVERIFY(first);
    const quint64 version = parseChanges(*first).version;
    QVERIFY(version != 0);

    const std::unique_ptr<RawClient> waiting = poll(version);
    QTest::qWait(50);
    QVERIFY(!waiting->poll());
    QVERIFY(writeFile(path, "jobs: [\n"));
    const Api::ReloadReport refused = runtime.reloadFromFile(Api::RestartPolicy::WhenIdle, u"signal"_s);
    QVERIFY(!refused.ok);
    QCOMPARE(stateChanged.count(), 1);
    const std::optional<Http::Response> answer = waiting->receive();
    QVERIFY(answer);
    const Api::StatusChanges changes = parseChanges(*answer);
    QCOMPARE(changes.changes.size(), 1);
    // One change: the reload and the file's new version together.
    const std::optional<Api::ConfigStatus> config = parseConfig(changes.changes.first().config);
    QVERIFY(config);
    QVERIFY(config->state.lastReload);
    QVERIFY(!config->state.lastReload->ok);
    QVERIFY(config->state.lastReload->problem);
    QVERIFY(config->state.lastReload->problem->line > 0);
    QCOMPARE(config->version, Config::ConfigStore::versionOf("jobs: [\n"));
    QCOMPARE(config->state.runningVersion, Config::ConfigStore::versionOf(ConfigText));

    const std::unique_ptr<RawClient> again = poll(changes.version);
    QTest::qWait(50);
    QVERIFY(writeFile(path, "jobs: []\n# fixed\n"));
    QVERIFY(runtime.reloadFromFile(Api::RestartPolicy::WhenIdle, u"signal"_s).ok);
    QCOMPARE(stateChanged.count(), 2);
    const std::optional<Http::Response> fixed = again->receive();
    QVERIFY(fixed);
    const Api::StatusChanges fixedChanges = parseChanges(*fixed);
    QVERIFY(!fixedChanges.changes.isEmpty());
    const std::optional<Api::ConfigStatus> fixedConfig = parseConfig(fixedChanges.changes.last().config);
    QVERIFY(fixedConfig);
    QVERIFY(fixedConfig->state.lastReload && fixedConfig->state.lastReload->ok);
    QCOMPARE(fixedConfig->state.runningVersion, fixedConfig->version);
}

void TestStatusFeed::fileEditsArePushed()
{
    ConfigFileWatcher *watcher = m_service->configFileWatcher();
    QVERIFY(watcher);
    quint64 version = currentVersion();
    auto versionIn = [](const std::optional<Api::StatusChange> &change) {
        const std::optional<Api::ConfigStatus> config = change ? parseConfig(change->config) : std::nullopt;
        return config ? config->version : u"(none)"_s;
    };

    // Saved in place: "edited but not reloaded" (the daemon still runs the version before).
    const QByteArray edited = "jobs: []\n# edited\n";
    std::optional<Api::StatusChange> change = nextChange(version++, [&] { QVERIFY(writeFile(configPath(), edited)); });
    QCOMPARE(versionIn(change), Config::ConfigStore::versionOf(edited));
    QCOMPARE(parseConfig(change->config)->state.runningVersion, Config::ConfigStore::versionOf(ConfigText));

    // Saved by an editor that renames its new file over the old one; then in place again (still watched).
    const QByteArray renamed = "jobs: []\n# renamed\n";
    change = nextChange(version++, [&] {
        QVERIFY(writeFile(configPath() + u".swp"_s, renamed));
        QCOMPARE(std::rename(QFile::encodeName(configPath() + u".swp"_s).constData(),
                             QFile::encodeName(configPath()).constData()),
                 0);
    });
    QCOMPARE(versionIn(change), Config::ConfigStore::versionOf(renamed));
    const QByteArray again = "jobs: []\n# and again\n";
    change = nextChange(version++, [&] { QVERIFY(writeFile(configPath(), again)); });
    QCOMPARE(versionIn(change), Config::ConfigStore::versionOf(again));

    // The same bytes saved again: the file was read, and nothing was published.
    std::unique_ptr<RawClient> client = connectClient();
    client->send(get(Api::statusChangesTarget(version, std::chrono::seconds(60))));
    QTRY_COMPARE(feed().waitingCount(), 1);
    const int reads = watcher->reads();
    QVERIFY(writeFile(configPath(), again));
    QTRY_VERIFY(watcher->reads() > reads);
    QTest::qWait(20);
    QVERIFY(!client->poll());
    QCOMPARE(feed().version(), version);
    QCOMPARE(feed().waitingCount(), 1);
}

QTEST_MAIN(TestStatusFeed)
#include "TestStatusFeed.moc"
