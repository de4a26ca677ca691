// SPDX-License-Identifier: MIT
// Push/sink and pull/source between jobs that reach each other over the network transports (tcp and tls on
// loopback), on the OpenZFS emulator and on zfs-fuse with real data: full and incremental steps, holds and cursors
// on both sides, pruning of the remote side, a resumed stream, and a passive side that refuses what it must refuse
// (unknown clients, unknown certificates, another protocol version, malformed calls, forged send arguments) and
// keeps serving.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include "BackendCommandConfig.h"
#include "EmulatorFixture.h"
#include "ReplicationTestSupport.h"
#include "ZfsFuseFixture.h"
#include "daemon/async/TaskRunner.h"
#include "daemon/endpoint/AbstractionNames.h"
#include "daemon/jobs/ReplicationJob.h"
#include "daemon/jobs/SinkJob.h"
#include "daemon/jobs/SourceJob.h"
#include "daemon/rpc/Protocol.h"
#include "daemon/rpc/RpcClient.h"
#include "daemon/transport/Connector.h"
#include "shared/http/HttpParser.h"

using namespace Daemon;
using namespace Qt::StringLiterals;

namespace {

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// Requests on one raw socket, for what a well-behaved client never sends: the last answer's status and body, as
// "HTTP/1.1 <status> <body>", once `answers` answers arrived or the server closed.
QByteArray rawExchange(quint16 port, const QByteArray &request, int answers = 1)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000)) {
        return {};
    }
    socket.write(request);
    Http::ResponseParser parser;
    parser.setRequestMethod("POST");
    QByteArray buffer;
    QByteArray last;
    int seen = 0;
    QElapsedTimer timer;
    timer.start();
    while (seen < answers && timer.elapsed() < 10000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        socket.waitForReadyRead(20);
        buffer += socket.readAll();
        while (!buffer.isEmpty()) {
            const Http::ParseResult result = parser.parse(buffer);
            buffer.remove(0, result.consumed);
            if (result.status == Http::ParseStatus::Complete) {
                const Http::Response response = parser.takeResponse();
                last = "HTTP/1.1 " + QByteArray::number(response.status) + " " + response.body;
                ++seen;
                continue;
            }
            if (result.status != Http::ParseStatus::HeadComplete) {
                break;
            }
        }
        if (socket.state() != QAbstractSocket::ConnectedState && socket.bytesAvailable() == 0) {
            break;
        }
    }
    return last;
}

// A TCP relay that cuts its first connection once the client sent `cutAfter` bytes: a network failure in the
// middle of a stream.
class CuttingProxy : public QObject
{
public:
    CuttingProxy(quint16 target, qint64 cutAfter)
        : m_target(target)
        , m_cutAfter(cutAfter)
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *client = m_server.nextPendingConnection()) {
                auto *upstream = new QTcpSocket(client);
                upstream->connectToHost(QHostAddress::LocalHost, m_target);
                const bool cutThis = !m_cut;
                auto forward = [this, client, upstream, cutThis] {
                    if (upstream->state() != QAbstractSocket::ConnectedState) {
                        return;
                    }
                    const QByteArray data = client->readAll();
                    m_forwarded += data.size();
                    if (cutThis && !m_cut && m_forwarded > m_cutAfter) {
                        m_cut = true;
                        client->abort();
                        upstream->abort();
                        return;
                    }
                    upstream->write(data);
                };
                QObject::connect(client, &QTcpSocket::readyRead, this, forward);
                QObject::connect(upstream, &QTcpSocket::connected, this, forward);
                QObject::connect(upstream, &QTcpSocket::readyRead, this, [client, upstream] { client->write(upstream->readAll()); });
                QObject::connect(upstream, &QTcpSocket::disconnected, client, &QTcpSocket::disconnectFromHost);
                QObject::connect(client, &QTcpSocket::disconnected, upstream, &QTcpSocket::disconnectFromHost);
                QObject::connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
            }
        });
    }
    quint16 port() const { return m_server.serverPort(); }
    bool cut() const { return m_cut; }

private:
    QTcpServer m_server;
    quint16 m_target;
    qint64 m_cutAfter;
    qint64 m_forwarded = 0;
    bool m_cut = false;
};

QByteArray post(const QByteArray &rpc, const QByteArray &body)
{
    return "POST /rpc/" + rpc + " HTTP/1.1\r\nHost: t\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

}  // namespace

class TestNetworkTransports : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void pushToSinkOverTcp_data();
    void pushToSinkOverTcp();
    void pullFromSourceOverTcp();
    void replicatesFilesystemsConcurrently();
    void resumesOverTcp_data();
    void resumesOverTcp();
    void refusesAnUnknownClientIp();
    void survivesAConnectionCutMidStream();
    void tlsIdentifiesClientsByCertificate_data();
    void tlsIdentifiesClientsByCertificate();
    void refusesOtherProtocolVersionsAndMalformedCalls();
    void sourceRefusesForgedSendArguments();

private:
    ZfsBackend *backendFor(const QString &name);
    void startSink(Config::Serve serve);
    void startPush(Config::Connect connect, QList<Config::KeepRule> keepReceiver = {lastN(3)},
                   Config::Duration stallTimeout = std::chrono::minutes(10));
    bool run(ReplicationJob &job);
    QStringList snapshots(const QString &fs) const;
    QString get(const QString &property, const QString &name) const;
    Config::Serve tcpServe(quint16 port, QMap<QString, QString> clients) const;
    Config::Connect tcpConnect(quint16 port) const;
    QString makePki();

    ZfsFuseFixture m_zfsFuse;
    EmulatorFixture m_emulator{QStringLiteral(HOLDFAST_ZFS_EMULATOR_BIN_DIR)};
    ZfsBackend *m_backend = nullptr;
    QString m_src;
    QString m_dst;
    QTemporaryDir m_pki;
    std::unique_ptr<SinkJob> m_sink;
    std::unique_ptr<SourceJob> m_source;
    std::unique_ptr<ReplicationJob> m_active;
};

void TestNetworkTransports::initTestCase()
{
    m_zfsFuse.start();
    m_emulator.start();
}

void TestNetworkTransports::cleanupTestCase()
{
    m_zfsFuse.stop();
    m_emulator.stop();
}

void TestNetworkTransports::init()
{
    m_backend = nullptr;
}

void TestNetworkTransports::cleanup()
{
    m_active.reset();
    m_sink.reset();
    m_source.reset();
    if (m_backend) {
        m_backend->destroyPool(m_src);
        m_backend->destroyPool(m_dst);
    }
}

ZfsBackend *TestNetworkTransports::backendFor(const QString &name)
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

Config::Serve TestNetworkTransports::tcpServe(quint16 port, QMap<QString, QString> clients) const
{
    Config::Serve serve;
    serve.type = Config::Serve::Type::Tcp;
    serve.listen = u"127.0.0.1:%1"_s.arg(port);
    serve.clients = std::move(clients);
    return serve;
}

Config::Connect TestNetworkTransports::tcpConnect(quint16 port) const
{
    Config::Connect connect;
    connect.type = Config::Connect::Type::Tcp;
    connect.address = u"127.0.0.1:%1"_s.arg(port);
    connect.dialTimeout = std::chrono::seconds(5);
    return connect;
}

void TestNetworkTransports::startSink(Config::Serve serve)
{
    Config::Job sink;
    sink.type = Config::JobType::Sink;
    sink.name = u"sink"_s;
    sink.rootFs = m_dst + u"/sink"_s;
    sink.serve = std::move(serve);
    m_sink = std::make_unique<SinkJob>(sink, commandConfigFor(*m_backend));
    m_sink->start();
}

void TestNetworkTransports::startPush(Config::Connect connect, QList<Config::KeepRule> keepReceiver, Config::Duration stallTimeout)
{
    Config::Job push;
    push.type = Config::JobType::Push;
    push.name = u"push"_s;
    push.filesystems = {{m_src + u"/home<"_s, true}};
    push.snapshotting.type = Config::Snapshotting::Type::Manual;
    push.connect = std::move(connect);
    push.keepSender = {notReplicated(), lastN(2)};
    push.keepReceiver = std::move(keepReceiver);
    push.stallTimeout = stallTimeout;
    m_active = std::make_unique<ReplicationJob>(push, commandConfigFor(*m_backend));
    m_active->start();
}

bool TestNetworkTransports::run(ReplicationJob &job)
{
    QSignalSpy finished(&job, &ReplicationJob::runFinished);
    if (job.wakeup()) {
        return false;
    }
    return finished.wait(60000);
}

QStringList TestNetworkTransports::snapshots(const QString &fs) const
{
    return snapshotsOf(*m_backend, fs);
}

QString TestNetworkTransports::get(const QString &property, const QString &name) const
{
    return propertyOf(*m_backend, property, name);
}

QString TestNetworkTransports::makePki()
{
    QProcess pki;
    pki.start(u"bash"_s, {QStringLiteral(HOLDFAST_SOURCE_DIR "/tests/integration/pki.sh"), m_pki.path()});
    if (!pki.waitForFinished(60000) || pki.exitCode() != 0) {
        return QString::fromUtf8(pki.readAllStandardError());
    }
    return {};
}

void TestNetworkTransports::pushToSinkOverTcp_data()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("emulator") << u"emulator"_s;
    QTest::newRow("zfs-fuse") << u"zfs-fuse"_s;
}

void TestNetworkTransports::pushToSinkOverTcp()
{
    QFETCH(QString, backend);
    ZfsBackend *b = backendFor(backend);
    if (!b) {
        QSKIP("backend unavailable");
    }
    const bool modern = backend == u"emulator";
    QTemporaryDir mounts;
    const QString sourceMount = mounts.filePath(u"source"_s);
    if (modern) {
        QCOMPARE(b->zfs({u"create"_s, u"-o"_s, u"holdfast:emulator:size=3000000"_s, m_src + u"/home"_s}).exitCode, 0);
    } else {
        QCOMPARE(b->zfs({u"create"_s, u"-o"_s, u"mountpoint="_s + sourceMount, m_src + u"/home"_s}).exitCode, 0);
        QFile file(sourceMount + u"/notes.txt"_s);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(300000, 'a') + "first version\n");
    }
    QCOMPARE(b->zfs({u"create"_s, m_src + u"/home/alice"_s}).exitCode, 0);
    QCOMPARE(b->zfs({u"snapshot"_s, u"-r"_s, m_src + u"@s1"_s}).exitCode, 0);

    const quint16 port = freePort();
    QMap<QString, QString> clients;
    clients.insert(u"127.0.0.1"_s, u"ws"_s);
    startSink(tcpServe(port, clients));
    startPush(tcpConnect(port));
    QVERIFY(run(*m_active));

    const QString home = m_dst + u"/sink/ws/"_s + m_src + u"/home"_s;
    Api::JobStatus status = m_active->status();
    const Api::AttemptReport first = status.active()->replication->attempts.last();
    QVERIFY2(first.state == Api::AttemptState::Done,
             qPrintable(first.filesystems.value(0).stepError ? first.filesystems.value(0).stepError->err
                                                              : first.planError ? first.planError->err : u"?"_s));
    QCOMPARE(snapshots(home), QStringList{u"s1"_s});
    QCOMPARE(snapshots(home + u"/alice"_s), QStringList{u"s1"_s});
    QCOMPARE(get(u"guid"_s, home + u"@s1"_s), get(u"guid"_s, m_src + u"/home@s1"_s));
    QCOMPARE(get(u"zrepl:placeholder"_s, m_dst + u"/sink/ws/"_s + m_src), u"on"_s);
    QCOMPARE(get(u"userrefs"_s, m_src + u"/home@s1"_s), u"0"_s);  // step holds released
    QCOMPARE(get(u"userrefs"_s, home + u"@s1"_s), u"1"_s);  // last-received hold on the sink
    QVERIFY(first.filesystems[0].steps[0].bytesReplicated > 0);
    if (modern) {
        QVERIFY(first.filesystems[0].steps[0].bytesReplicated >= 3000000);
        QCOMPARE(first.filesystems[0].steps[0].bytesExpected, first.filesystems[0].steps[0].bytesReplicated);
    }

    // Incremental, then pruning on both sides: the sink's through the connection.
    if (!modern) {
        QFile file(sourceMount + u"/notes.txt"_s);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("second version\n");
    }
    for (const QString &snap : {u"@s2"_s, u"@s3"_s, u"@s4"_s, u"@s5"_s}) {
        QCOMPARE(b->zfs({u"snapshot"_s, u"-r"_s, m_src + snap}).exitCode, 0);
    }
    QVERIFY(run(*m_active));
    status = m_active->status();
    QVERIFY(status.active()->replication->attempts.last().state == Api::AttemptState::Done);
    QCOMPARE(status.active()->replication->attempts.last().filesystems[0].steps.size(), 4);
    QCOMPARE(snapshots(home), (QStringList{u"s3"_s, u"s4"_s, u"s5"_s}));  // keep_receiver: last 3, remotely
    QCOMPARE(snapshots(m_src + u"/home"_s), (QStringList{u"s4"_s, u"s5"_s}));  // keep_sender: last 2
    QVERIFY(status.active()->pruningReceiver && status.active()->pruningReceiver->state == Api::PrunerState::Done);
    QCOMPARE(get(u"userrefs"_s, home + u"@s5"_s), u"1"_s);
    if (modern) {
        const QString cursor = u"%1/home#%2"_s.arg(m_src, Endpoint::replicationCursorBookmarkName(get(u"guid"_s, m_src + u"/home@s5"_s).toULongLong(), u"push"_s));
        QCOMPARE(b->zfs({u"list"_s, u"-H"_s, u"-o"_s, u"name"_s, u"-t"_s, u"bookmark"_s, cursor}).exitCode, 0);
    } else {
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

void TestNetworkTransports::pullFromSourceOverTcp()
{
    ZfsBackend *b = backendFor(u"emulator"_s);
    if (!b) {
        QSKIP("emulator unavailable");
    }
    QCOMPARE(b->zfs({u"create"_s, m_src + u"/home"_s}).exitCode, 0);
    for (const QString &snap : {u"@a"_s, u"@b"_s, u"@c"_s}) {
        QCOMPARE(b->zfs({u"snapshot"_s, m_src + u"/home"_s + snap}).exitCode, 0);
    }
    const quint16 port = freePort();
    Config::Job sourceConfig;
    sourceConfig.type = Config::JobType::Source;
    sourceConfig.name = u"source"_s;
    sourceConfig.filesystems = {{m_src + u"/home<"_s, true}};
    QMap<QString, QString> clients;
    clients.insert(u"127.0.0.0/8"_s, u"puller-*"_s);
    sourceConfig.serve = tcpServe(port, clients);
    m_source = std::make_unique<SourceJob>(sourceConfig, commandConfigFor(*b));
    m_source->start();

    Config::Job pullConfig;
    pullConfig.type = Config::JobType::Pull;
    pullConfig.name = u"pull"_s;
    pullConfig.rootFs = m_dst + u"/pulled"_s;
    pullConfig.intervalManual = true;
    pullConfig.connect = tcpConnect(port);
    pullConfig.keepSender = {notReplicated(), lastN(1)};
    pullConfig.keepReceiver = {lastN(5)};
    m_active = std::make_unique<ReplicationJob>(pullConfig, commandConfigFor(*b));
    m_active->start();
    QVERIFY(run(*m_active));
    const QString received = m_dst + u"/pulled/"_s + m_src + u"/home"_s;
    QCOMPARE(get(u"guid"_s, received + u"@c"_s), get(u"guid"_s, m_src + u"/home@c"_s));
    QVERIFY(m_active->status().active()->replication->attempts.last().state == Api::AttemptState::Done);
    // The source's cursor is named after the source job; its pruning ran through the connection.
    const QStringList bookmarks = lines(b->zfs({u"list"_s, u"-H"_s, u"-o"_s, u"name"_s, u"-t"_s, u"bookmark"_s, u"-r"_s, m_src}).standardOutput);
    QCOMPARE(bookmarks.size(), 1);
    QVERIFY(bookmarks[0].endsWith(u"_J_source"_s));
    QCOMPARE(snapshots(m_src + u"/home"_s), QStringList{u"c"_s});
    QVERIFY(m_active->status().active()->pruningSender->state == Api::PrunerState::Done);
}

void TestNetworkTransports::replicatesFilesystemsConcurrently()
{
    ZfsBackend *b = backendFor(u"emulator"_s);
    if (!b) {
        QSKIP("emulator unavailable");
    }
    QCOMPARE(b->zfs({u"create"_s, m_src + u"/home"_s}).exitCode, 0);
    QStringList children;
    for (int i = 0; i < 7; ++i) {
        children.append(u"%1/home/user%2"_s.arg(m_src).arg(i));
        QCOMPARE(b->zfs({u"create"_s, u"-o"_s, u"holdfast:emulator:size=500000"_s, children.last()}).exitCode, 0);
    }
    QCOMPARE(b->zfs({u"snapshot"_s, u"-r"_s, m_src + u"@a"_s}).exitCode, 0);
    QCOMPARE(b->zfs({u"snapshot"_s, u"-r"_s, m_src + u"@b"_s}).exitCode, 0);
    const quint16 port = freePort();
    QMap<QString, QString> clients;
    clients.insert(u"127.0.0.1"_s, u"ws"_s);
    startSink(tcpServe(port, clients));
    Config::Job push;
    push.type = Config::JobType::Push;
    push.name = u"push"_s;
    push.filesystems = {{m_src + u"/home<"_s, true}};
    push.snapshotting.type = Config::Snapshotting::Type::Manual;
    push.connect = tcpConnect(port);
    push.keepSender = {notReplicated()};
    push.keepReceiver = {lastN(5)};
    push.replicationSteps = 3;
    push.sizeEstimates = 2;
    m_active = std::make_unique<ReplicationJob>(push, commandConfigFor(*b));
    m_active->start();
    for (int round = 0; round < 2; ++round) {
        QVERIFY(run(*m_active));
        const Api::AttemptReport attempt = m_active->status().active()->replication->attempts.last();
        QVERIFY(attempt.state == Api::AttemptState::Done);
        QCOMPARE(attempt.filesystems.size(), 8);
        for (const QString &child : children) {
            const QString snapshot = child + (round == 0 ? u"@b"_s : u"@c"_s);
            QCOMPARE(get(u"guid"_s, m_dst + u"/sink/ws/"_s + snapshot), get(u"guid"_s, snapshot));
        }
        QCOMPARE(b->zfs({u"snapshot"_s, u"-r"_s, m_src + u"@c"_s}).exitCode, round == 0 ? 0 : 1);
    }
}

void TestNetworkTransports::resumesOverTcp_data()
{
    QTest::addColumn<bool>("pull");
    QTest::addColumn<bool>("stall");
    QTest::newRow("push to sink") << false << false;
    QTest::newRow("pull from source") << true << false;
    // A `zfs send` that stops producing: the watchdog stops the stream (the local send killed, or the connection
    // to the source's closed) and the retry resumes.
    QTest::newRow("push to sink, send stalls") << false << true;
    QTest::newRow("pull from source, send stalls") << true << true;
}

void TestNetworkTransports::resumesOverTcp()
{
    QFETCH(bool, pull);
    QFETCH(bool, stall);
    ZfsBackend *b = backendFor(u"emulator"_s);
    if (!b) {
        QSKIP("emulator unavailable");
    }
    QCOMPARE(b->zfs({u"create"_s, u"-o"_s, u"holdfast:emulator:size=4000000"_s, m_src + u"/home"_s}).exitCode, 0);
    QCOMPARE(b->zfs({u"snapshot"_s, m_src + u"/home@big"_s}).exitCode, 0);
    QFile faults(m_emulator.stateDirectory() + u"/faults"_s);
    QVERIFY(faults.open(QIODevice::WriteOnly | QIODevice::Truncate));
    faults.write(stall ? "send:stall-after-bytes=1500000,once\n" : "send:cut-after-bytes=1500000,once\n");
    faults.close();
    QFile::remove(m_emulator.stateDirectory() + u"/faults.fired"_s);
    const Config::Duration stallTimeout = stall ? Config::Duration(std::chrono::seconds(3)) : Config::Duration(std::chrono::minutes(10));
    const quint16 port = freePort();
    QMap<QString, QString> clients;
    clients.insert(u"127.0.0.1"_s, u"ws"_s);
    QString target;
    if (pull) {
        Config::Job sourceConfig;
        sourceConfig.type = Config::JobType::Source;
        sourceConfig.name = u"source"_s;
        sourceConfig.filesystems = {{m_src + u"/home<"_s, true}};
        sourceConfig.serve = tcpServe(port, clients);
        m_source = std::make_unique<SourceJob>(sourceConfig, commandConfigFor(*b));
        m_source->start();
        Config::Job pullConfig;
        pullConfig.type = Config::JobType::Pull;
        pullConfig.name = u"pull"_s;
        pullConfig.rootFs = m_dst + u"/pulled"_s;
        pullConfig.intervalManual = true;
        pullConfig.connect = tcpConnect(port);
        pullConfig.keepSender = {notReplicated()};
        pullConfig.keepReceiver = {lastN(5)};
        pullConfig.stallTimeout = stallTimeout;
        m_active = std::make_unique<ReplicationJob>(pullConfig, commandConfigFor(*b));
        m_active->start();
        target = m_dst + u"/pulled/"_s + m_src + u"/home"_s;
    } else {
        startSink(tcpServe(port, clients));
        startPush(tcpConnect(port), {lastN(3)}, stallTimeout);
        target = m_dst + u"/sink/ws/"_s + m_src + u"/home"_s;
    }
    QVERIFY(run(*m_active));
    const Api::ReplicationReport report = *m_active->status().active()->replication;
    QCOMPARE(report.attempts.size(), 2);
    QVERIFY(report.attempts[0].state == Api::AttemptState::FilesystemError);
    QVERIFY(report.attempts[0].filesystems[0].stepError.has_value());
    if (stall) {
        QVERIFY2(report.attempts[0].filesystems[0].stepError->err.contains(u"(replication.stall_timeout)"_s),
                 qPrintable(report.attempts[0].filesystems[0].stepError->err));
    }
    QVERIFY2(report.attempts[1].state == Api::AttemptState::Done,
             qPrintable(report.attempts[1].filesystems.value(0).stepError ? report.attempts[1].filesystems[0].stepError->err : u"?"_s));
    QVERIFY(report.attempts[1].filesystems[0].steps[0].resumed);
    QVERIFY(report.attempts[1].filesystems[0].steps[0].bytesReplicated < 4000000);
    QCOMPARE(get(u"guid"_s, target + u"@big"_s), get(u"guid"_s, m_src + u"/home@big"_s));
    QCOMPARE(get(u"receive_resume_token"_s, target), u"-"_s);
    QCOMPARE(get(u"userrefs"_s, m_src + u"/home@big"_s), u"0"_s);
}

void TestNetworkTransports::survivesAConnectionCutMidStream()
{
    ZfsBackend *b = backendFor(u"emulator"_s);
    if (!b) {
        QSKIP("emulator unavailable");
    }
    QCOMPARE(b->zfs({u"create"_s, u"-o"_s, u"holdfast:emulator:size=6000000"_s, m_src + u"/home"_s}).exitCode, 0);
    QCOMPARE(b->zfs({u"snapshot"_s, m_src + u"/home@big"_s}).exitCode, 0);
    const quint16 port = freePort();
    QMap<QString, QString> clients;
    clients.insert(u"127.0.0.1"_s, u"ws"_s);
    startSink(tcpServe(port, clients));
    CuttingProxy proxy(port, 2000000);
    startPush(tcpConnect(proxy.port()));
    QVERIFY(run(*m_active));
    QVERIFY(proxy.cut());
    const Api::ReplicationReport report = *m_active->status().active()->replication;
    QCOMPARE(report.attempts.size(), 2);
    QVERIFY(report.attempts[0].state == Api::AttemptState::FilesystemError);
    // zrepl's WaitReconnect fields say what broke and when the next attempt was due.
    QVERIFY(report.waitReconnectError.has_value());
    QVERIFY2(report.waitReconnectError->err.contains(u"tcp 127.0.0.1:%1"_s.arg(proxy.port())), qPrintable(report.waitReconnectError->err));
    QVERIFY(report.waitReconnectSince.toRfc3339() < report.waitReconnectUntil.toRfc3339());
    QVERIFY2(report.attempts[1].state == Api::AttemptState::Done,
             qPrintable(report.attempts[1].filesystems.value(0).stepError ? report.attempts[1].filesystems[0].stepError->err : u"?"_s));
    // The sink kept what arrived before the cut: the second attempt resumed from there.
    QVERIFY(report.attempts[1].filesystems[0].steps[0].resumed);
    QVERIFY(report.attempts[1].filesystems[0].steps[0].bytesReplicated < 6000000);
    const QString target = m_dst + u"/sink/ws/"_s + m_src + u"/home"_s;
    QCOMPARE(get(u"guid"_s, target + u"@big"_s), get(u"guid"_s, m_src + u"/home@big"_s));
    QCOMPARE(get(u"userrefs"_s, m_src + u"/home@big"_s), u"0"_s);
}

void TestNetworkTransports::refusesAnUnknownClientIp()
{
    ZfsBackend *b = backendFor(u"emulator"_s);
    if (!b) {
        QSKIP("emulator unavailable");
    }
    QCOMPARE(b->zfs({u"create"_s, m_src + u"/home"_s}).exitCode, 0);
    QCOMPARE(b->zfs({u"snapshot"_s, m_src + u"/home@a"_s}).exitCode, 0);
    const quint16 port = freePort();
    QMap<QString, QString> clients;
    clients.insert(u"192.0.2.7"_s, u"somebody"_s);
    startSink(tcpServe(port, clients));
    startPush(tcpConnect(port));
    QVERIFY(run(*m_active));
    const Api::ReplicationReport report = *m_active->status().active()->replication;
    QVERIFY(report.attempts.last().state == Api::AttemptState::PlanningError);
    QVERIFY2(report.attempts.last().planError->err.contains(u"127.0.0.1:%1"_s.arg(port)), qPrintable(report.attempts.last().planError->err));
    QVERIFY(snapshots(m_dst + u"/sink/somebody/"_s + m_src + u"/home"_s).isEmpty());
}

void TestNetworkTransports::tlsIdentifiesClientsByCertificate_data()
{
    QTest::addColumn<QString>("clientCert");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("client1, in client_cns") << u"client1"_s << true;
    QTest::newRow("client2, not in client_cns") << u"client2"_s << false;
    QTest::newRow("rogue CA, CN client1") << u"rogue"_s << false;
}

void TestNetworkTransports::tlsIdentifiesClientsByCertificate()
{
    QFETCH(QString, clientCert);
    QFETCH(bool, accepted);
    ZfsBackend *b = backendFor(u"emulator"_s);
    if (!b) {
        QSKIP("emulator unavailable");
    }
    const QString pkiError = makePki();
    QVERIFY2(pkiError.isEmpty(), qPrintable(pkiError));
    const QString pki = m_pki.path() + u'/';
    QCOMPARE(b->zfs({u"create"_s, m_src + u"/home"_s}).exitCode, 0);
    QCOMPARE(b->zfs({u"snapshot"_s, m_src + u"/home@a"_s}).exitCode, 0);
    const quint16 port = freePort();
    Config::Serve serve;
    serve.type = Config::Serve::Type::Tls;
    serve.listen = u"127.0.0.1:%1"_s.arg(port);
    serve.ca = pki + u"ca.crt"_s;
    serve.cert = pki + u"server.crt"_s;
    serve.key = pki + u"server.key"_s;
    serve.clientCns = {u"client1"_s};
    serve.handshakeTimeout = std::chrono::seconds(5);
    startSink(serve);
    Config::Connect connect;
    connect.type = Config::Connect::Type::Tls;
    connect.address = u"127.0.0.1:%1"_s.arg(port);
    connect.ca = pki + u"ca.crt"_s;
    connect.cert = pki + clientCert + u".crt"_s;
    connect.key = pki + clientCert + u".key"_s;
    connect.serverCn = u"sink.holdfast.test"_s;
    connect.dialTimeout = std::chrono::seconds(5);
    startPush(connect);
    QVERIFY(run(*m_active));
    const Api::ReplicationReport report = *m_active->status().active()->replication;
    const QString home = m_dst + u"/sink/"_s + clientCert + u'/' + m_src + u"/home"_s;
    if (accepted) {
        QVERIFY2(report.attempts.last().state == Api::AttemptState::Done,
                 qPrintable(report.attempts.last().planError ? report.attempts.last().planError->err : u"step error"_s));
        QCOMPARE(get(u"guid"_s, home + u"@a"_s), get(u"guid"_s, m_src + u"/home@a"_s));
    } else {
        QVERIFY(report.attempts.last().state == Api::AttemptState::PlanningError);
        QVERIFY(!report.attempts.last().planError->err.isEmpty());
        QVERIFY(snapshots(home).isEmpty());
    }
}

void TestNetworkTransports::refusesOtherProtocolVersionsAndMalformedCalls()
{
    ZfsBackend *b = backendFor(u"emulator"_s);
    if (!b) {
        QSKIP("emulator unavailable");
    }
    QCOMPARE(b->zfs({u"create"_s, m_src + u"/home"_s}).exitCode, 0);
    const quint16 port = freePort();
    QMap<QString, QString> clients;
    clients.insert(u"127.0.0.1"_s, u"ws"_s);
    startSink(tcpServe(port, clients));

    const QByteArray mismatch = rawExchange(port, post("Handshake", R"({"ProtocolVersion":99})"));
    QVERIFY2(mismatch.startsWith("HTTP/1.1 400"), mismatch.constData());
    QVERIFY2(mismatch.contains("protocol version mismatch: the client speaks version 99"), mismatch.constData());
    const QByteArray noHandshake = rawExchange(port, post("ListFilesystems", R"({"Filesystems":[]})"));
    QVERIFY2(noHandshake.contains("must be Handshake"), noHandshake.constData());
    const QByteArray garbage = rawExchange(port, "\x16\x03\x01 this is not HTTP\r\n\r\n");
    QVERIFY2(garbage.startsWith("HTTP/1.1 400"), garbage.constData());
    const QByteArray handshake = post("Handshake", R"({"ProtocolVersion":1})");
    const QByteArray badJson = rawExchange(port, handshake + post("ListFilesystems", "{not json"), 2);
    QVERIFY2(badJson.contains("not a JSON object"), badJson.constData());
    const QByteArray escape = rawExchange(port, handshake + post("DestroySnapshots", R"({"Filesystem":"../../etc","Snapshots":["a"]})"), 2);
    QVERIFY2(escape.contains("HTTP/1.1 400") && escape.contains("invalid filesystem name"), escape.constData());
    const QByteArray outside = rawExchange(port, handshake + post("DestroySnapshots", (u"{\"Filesystem\":\"%1/home\",\"Snapshots\":[\"a\"]}"_s.arg(m_src)).toUtf8()), 2);
    QVERIFY2(outside.contains("is not below"), outside.constData());
    const QByteArray unknown = rawExchange(port, handshake + post("Format", "{}"), 2);
    QVERIFY2(unknown.contains("has no call Format"), unknown.constData());

    // A client with the wrong idea of the peer's role is refused by the client side itself.
    Rpc::Client client(Transport::connectorFromConfig(tcpConnect(port), nullptr), Rpc::Role::Source);
    const Zfs::ZfsError error = Async::runBlocking(client.ensureConnected());
    QVERIFY(error.is(Zfs::ZfsError::Kind::Protocol));
    QVERIFY2(error.toString().contains(u"needs a source"_s), qPrintable(error.toString()));

    // After all that the sink still serves a real push.
    QCOMPARE(b->zfs({u"snapshot"_s, m_src + u"/home@a"_s}).exitCode, 0);
    startPush(tcpConnect(port));
    QVERIFY(run(*m_active));
    QCOMPARE(get(u"guid"_s, m_dst + u"/sink/ws/"_s + m_src + u"/home@a"_s), get(u"guid"_s, m_src + u"/home@a"_s));
}

void TestNetworkTransports::sourceRefusesForgedSendArguments()
{
    ZfsBackend *b = backendFor(u"emulator"_s);
    if (!b) {
        QSKIP("emulator unavailable");
    }
    QCOMPARE(b->zfs({u"create"_s, m_src + u"/home"_s}).exitCode, 0);
    QCOMPARE(b->zfs({u"create"_s, m_src + u"/secret"_s}).exitCode, 0);
    QCOMPARE(b->zfs({u"snapshot"_s, u"-r"_s, m_src + u"@a"_s}).exitCode, 0);
    const quint16 port = freePort();
    Config::Job sourceConfig;
    sourceConfig.type = Config::JobType::Source;
    sourceConfig.name = u"source"_s;
    sourceConfig.filesystems = {{m_src + u"/home"_s, true}};
    QMap<QString, QString> clients;
    clients.insert(u"127.0.0.1"_s, u"ws"_s);
    sourceConfig.serve = tcpServe(port, clients);
    m_source = std::make_unique<SourceJob>(sourceConfig, commandConfigFor(*b));
    m_source->start();

    auto version = [&](const QString &fs, const QString &guid) {
        QJsonObject v;
        v.insert(u"Type"_s, u"snapshot"_s);
        v.insert(u"Filesystem"_s, fs);
        v.insert(u"Name"_s, u"a"_s);
        v.insert(u"Guid"_s, guid);
        v.insert(u"CreateTXG"_s, u"1"_s);
        v.insert(u"Creation"_s, u"2026-11-26T00:00:00Z"_s);
        return v;
    };
    auto sendArgs = [&](const QString &fs, const QString &guid, const QString &token) {
        QJsonObject args;
        args.insert(u"Filesystem"_s, fs);
        args.insert(u"To"_s, version(fs, guid));
        args.insert(u"ResumeToken"_s, token);
        return QJsonDocument(args).toJson(QJsonDocument::Compact);
    };
    const QByteArray handshake = post("Handshake", R"({"ProtocolVersion":1})");
    const QString secret = m_src + u"/secret"_s;
    const QString home = m_src + u"/home"_s;
    const QByteArray notOffered = rawExchange(port, handshake + post("Send", sendArgs(secret, get(u"guid"_s, secret + u"@a"_s), {})), 2);
    QVERIFY2(notOffered.contains("is not offered by job source"), notOffered.constData());
    const QByteArray wrongGuid = rawExchange(port, handshake + post("PrepareStep", sendArgs(home, u"42"_s, {})), 2);
    QVERIFY2(wrongGuid.contains("with guid 42 does not exist on the sender"), wrongGuid.constData());
    const QByteArray badToken = rawExchange(port, handshake + post("Send", sendArgs(home, get(u"guid"_s, home + u"@a"_s), u"1-deadbeef-40-789c"_s)), 2);
    QVERIFY2(badToken.contains("resume token"), badToken.constData());
    const QByteArray traversal = rawExchange(port, handshake + post("ListFilesystemVersions", (u"{\"Filesystems\":[\"%1\"]}"_s.arg(secret)).toUtf8()), 2);
    QVERIFY2(traversal.contains("is not offered"), traversal.constData());
    // Nothing was held or sent for any of them.
    QCOMPARE(get(u"userrefs"_s, home + u"@a"_s), u"0"_s);
    QCOMPARE(get(u"userrefs"_s, secret + u"@a"_s), u"0"_s);
}

QTEST_GUILESS_MAIN(TestNetworkTransports)
#include "TestNetworkTransports.moc"
