// SPDX-License-Identifier: MIT
// The control server in-process, spoken to over a real Unix socket the way zrepl's client and curl do.
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalServer>
#include <QLocalSocket>
#include <QNetworkAccessManager>
#include <QSignalSpy>

#include "shared/control/Freshness.h"
#include "shared/control/Holds.h"
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

#include "daemon/control/ControlServer.h"
#include "daemon/control/ControlService.h"
#include "tests/common/FakeConfigHost.h"
#include "daemon/control/DebugServer.h"
#include "daemon/jobs/JobFactory.h"
#include "daemon/jobs/JobRegistry.h"
#include "daemon/metrics/Metrics.h"
#include "shared/control/JobStatus.h"
#include "shared/control/VersionInfo.h"
#include "shared/http/HttpParser.h"

using namespace Daemon;
using namespace Qt::StringLiterals;

namespace {

struct Exchange
{
    QList<Http::Response> responses;
    bool closedByServer = false;
};

// Writes `bytes` and collects responses until `count` are in or the server closes the connection.
Exchange exchange(QIODevice &socket, const QByteArray &bytes, int count, QByteArrayView method = "GET", int timeoutMs = 5000)
{
    Exchange out;
    Http::ResponseParser parser;
    parser.setRequestMethod(method);
    socket.write(bytes);
    QByteArray buffer;
    QElapsedTimer timer;
    timer.start();
    auto *local = qobject_cast<QLocalSocket *>(&socket);
    while (out.responses.size() < count && timer.elapsed() < timeoutMs) {
        if (socket.bytesAvailable() == 0) {
            if (local && local->state() != QLocalSocket::ConnectedState) {
                out.closedByServer = true;
                break;
            }
            socket.waitForReadyRead(50);
            QCoreApplication::processEvents();
        }
        buffer += socket.readAll();
        while (true) {
            const Http::ParseResult result = parser.parse(buffer);
            buffer.remove(0, result.consumed);
            if (result.status == Http::ParseStatus::Complete) {
                out.responses.append(parser.takeResponse());
                continue;
            }
            if (result.status == Http::ParseStatus::HeadComplete) {
                continue;
            }
            break;
        }
    }
    return out;
}

Config::Job jobConfig(Config::JobType type, const QString &name)
{
    Config::Job job;
    job.type = type;
    job.name = name;
    return job;
}

}  // namespace

class TestControlServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void version();
    void status();
    void signalLikeZrepl_data();
    void signalLikeZrepl();
    void unknownPathAndWrongMethod();
    void holdfastEndpoints();
    void holdsEndpointsAnswerLaterInOrder();
    void headRequest();
    void pipelinedRequests();
    void http10ClosesAfterTheAnswer();
    void badRequestsCloseTheConnection_data();
    void badRequestsCloseTheConnection();
    void slowClientDoesNotDelayOthers();
    void stuckReaderDoesNotDelayOthers();
    void metrics();
    void pprofStartsAndStopsTheDebugListener();
    void socketIsPrivate();
    void secondDaemonIsRefused();
    void staleSocketIsReplaced();
    void worldAccessibleDirectoryIsRefused();
    void manyConnections();

private:
    QLocalSocket *connectClient();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<JobRegistry> m_jobs;
    std::unique_ptr<Metrics> m_metrics;
    std::unique_ptr<DebugServer> m_debug;
    FakeConfigHost m_configHost;
    std::unique_ptr<ControlService> m_service;
    std::unique_ptr<ControlServer> m_server;
    QList<QLocalSocket *> m_clients;
};

void TestControlServer::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_jobs = std::make_unique<JobRegistry>();
    m_jobs->addInternalJob(u"_control"_s);
    Config::Job snap = jobConfig(Config::JobType::Snap, u"snapjob"_s);
    snap.snapshotting.type = Config::Snapshotting::Type::Periodic;
    snap.snapshotting.prefix = u"zrepl_"_s;
    snap.snapshotting.interval = std::chrono::minutes(10);
    m_jobs->addJob(createJob(snap));
    m_jobs->addJob(createJob(jobConfig(Config::JobType::Sink, u"sink"_s)));
    m_metrics = std::make_unique<Metrics>();
    m_debug = std::make_unique<DebugServer>(*m_metrics);
    m_service = std::make_unique<ControlService>(*m_jobs, *m_metrics, *m_debug, m_configHost);
    m_server = std::make_unique<ControlServer>(*m_service);
    HttpTimeouts timeouts;
    timeouts.read = std::chrono::milliseconds(300);
    timeouts.write = std::chrono::milliseconds(300);
    timeouts.idle = std::chrono::milliseconds(300);
    m_server->setTimeouts(timeouts);
    QString error;
    QVERIFY2(m_server->listen(m_dir->filePath(u"run/control"_s), &error), qPrintable(error));
}

void TestControlServer::cleanup()
{
    qDeleteAll(m_clients);
    m_clients.clear();
    m_server.reset();
    m_service.reset();
    m_debug.reset();
    m_metrics.reset();
    m_jobs.reset();
    m_dir.reset();
}

QLocalSocket *TestControlServer::connectClient()
{
    auto *socket = new QLocalSocket;
    m_clients.append(socket);
    socket->connectToServer(m_server->socketPath());
    if (!socket->waitForConnected(2000)) {
        qWarning("connect failed: %s", qPrintable(socket->errorString()));
    }
    return socket;
}

void TestControlServer::version()
{
    QLocalSocket *client = connectClient();
    // zrepl's `zrepl version` client sends POST with a JSON "" body; both methods answer.
    const Exchange get = exchange(*client, "GET /version HTTP/1.1\r\nHost: unix\r\n\r\n", 1);
    QCOMPARE(get.responses.size(), 1);
    QCOMPARE(get.responses[0].status, 200);
    QCOMPARE(get.responses[0].body, Api::VersionInfo::current().toJson() + '\n');
    const Exchange post = exchange(*client, "POST /version HTTP/1.1\r\nHost: unix\r\nContent-Length: 3\r\n\r\n\"\"\n", 1);
    QCOMPARE(post.responses.size(), 1);
    QCOMPARE(post.responses[0].body, get.responses[0].body);
    QCOMPARE(post.responses[0].headers.value("Content-Type"), QByteArray("application/json"));
    QVERIFY(!post.responses[0].headers.value("Date").isEmpty());
}

void TestControlServer::status()
{
    QLocalSocket *client = connectClient();
    const Exchange got = exchange(*client, "GET /status HTTP/1.1\r\nHost: unix\r\n\r\n", 1);
    QCOMPARE(got.responses.size(), 1);
    QCOMPARE(got.responses[0].status, 200);
    QString error;
    const std::optional<Api::DaemonStatus> status = Api::DaemonStatus::fromJson(got.responses[0].body, &error);
    QVERIFY2(status.has_value(), qPrintable(error));
    QCOMPARE(status->jobs.keys(), (QList<QString>{u"_control"_s, u"sink"_s, u"snapjob"_s}));
    // A periodic snap job that has not run yet reports zrepl's SyncUp state and no pruning.
    const Api::JobStatus snapJob = status->jobs.value(u"snapjob"_s);
    const Api::SnapJobStatus *snap = snapJob.snap();
    QVERIFY(snap);
    QVERIFY(!snap->pruning.has_value());
    QVERIFY2(snap->snapshotting.has_value(), got.responses[0].body.constData());
    QVERIFY(snap->snapshotting->state == Api::SnapperState::SyncUp);
    QVERIFY(got.responses[0].body.startsWith("{\"_control\":{\"internal\":null,\"type\":\"internal\"},\"sink\":{\"sink\":{\"Snapper\":null},\"type\":\"sink\"}"));
}

void TestControlServer::signalLikeZrepl_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("answer");
    // The answers of the real zrepl daemon, tests/data/zrepl/more/*signal*.txt.
    QTest::newRow("wakeup") << QByteArray("{\"Name\":\"snapjob\",\"Op\":\"wakeup\"}") << 200 << QByteArray("{}\n");
    QTest::newRow("unknown job") << QByteArray("{\"Name\":\"nosuchjob\",\"Op\":\"wakeup\"}") << 500 << QByteArray("Job nosuchjob does not exist");
    QTest::newRow("bogus op") << QByteArray("{\"Name\":\"snapjob\",\"Op\":\"bogus\"}") << 500 << QByteArray("operation \"bogus\" is invalid");
    QTest::newRow("empty object") << QByteArray("{}") << 500 << QByteArray("operation \"\" is invalid");
    QTest::newRow("passive job") << QByteArray("{\"Name\":\"sink\",\"Op\":\"wakeup\"}") << 500 << QByteArray("already woken up");
    QTest::newRow("internal job") << QByteArray("{\"Name\":\"_control\",\"Op\":\"wakeup\"}") << 500 << QByteArray("already woken up");
    QTest::newRow("reset of an idle job") << QByteArray("{\"Name\":\"snapjob\",\"Op\":\"reset\"}") << 500 << QByteArray("already reset");
    QTest::newRow("bad json") << QByteArray("{\"Name\":") << 400 << QByteArray("unexpected EOF");
    QTest::newRow("empty body") << QByteArray() << 400 << QByteArray("EOF");
    QTest::newRow("array") << QByteArray("[]") << 400 << QByteArray("json: cannot unmarshal array into Go value of type daemon.reqT");
}

void TestControlServer::signalLikeZrepl()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QByteArray, answer);
    QLocalSocket *client = connectClient();
    const Exchange got = exchange(*client, "POST /signal HTTP/1.1\r\nHost: unix\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body, 1, "POST");
    QCOMPARE(got.responses.size(), 1);
    QCOMPARE(got.responses[0].status, status);
    QCOMPARE(got.responses[0].body, answer);
    // The daemon keeps serving on the same connection after an error answer.
    QCOMPARE(exchange(*client, "GET /version HTTP/1.1\r\nHost: unix\r\n\r\n", 1).responses.size(), 1);
}

void TestControlServer::holdfastEndpoints()
{
    QLocalSocket *client = connectClient();
    auto post = [&](const QByteArray &body) {
        const Exchange got = exchange(*client, "POST /holdfast/v1/wakeup HTTP/1.1\r\nHost: unix\r\nContent-Length: "
                                                   + QByteArray::number(body.size()) + "\r\n\r\n" + body, 1, "POST");
        return got.responses.value(0);
    };
    // Bad input gets a clear answer naming what was wrong, and the connection goes on.
    Http::Response r = post("{\"job\": ");
    QCOMPARE(r.status, 400);
    QVERIFY2(r.body.startsWith("invalid wakeup request: the wakeup request is not valid JSON"), r.body.constData());
    r = post("{}");
    QCOMPARE(r.status, 400);
    QVERIFY2(r.body.contains("job: missing"), r.body.constData());
    r = post("{\"job\": \"nope\"}");
    QCOMPARE(r.status, 404);
    QCOMPARE(r.body, QByteArray("no job named \"nope\""));
    r = post("{\"job\": \"sink\"}");
    QCOMPARE(r.status, 409);
    QVERIFY2(r.body.contains("only push and pull jobs have runs to wait for"), r.body.constData());
    const Exchange wrong = exchange(*client, "GET /holdfast/v1/wakeup HTTP/1.1\r\nHost: unix\r\n\r\n", 1);
    QCOMPARE(wrong.responses.value(0).status, 405);

    // Freshness and runs: the jobs of this daemon, in the shared schema.
    const Exchange fresh = exchange(*client, "GET /holdfast/v1/freshness HTTP/1.1\r\nHost: unix\r\n\r\nGET /holdfast/v1/runs HTTP/1.1\r\nHost: unix\r\n\r\n", 2);
    QCOMPARE(fresh.responses.size(), 2);
    QCOMPARE(fresh.responses[0].status, 200);
    QString error;
    const std::optional<Api::FreshnessReport> report = Api::FreshnessReport::fromJson(fresh.responses[0].body, &error);
    QVERIFY2(report, qPrintable(error));
    QCOMPARE(report->jobs.size(), 2);
    QCOMPARE(report->jobs[0].job, u"sink"_s);
    QCOMPARE(report->jobs[1].job, u"snapjob"_s);
    QCOMPARE(report->jobs[1].snapshotIntervalSeconds, 600);
    QCOMPARE(report->jobs[1].warningAfterSeconds, 1800);
    QCOMPARE(int(report->jobs[1].health), int(Api::Health::Unknown));
    QVERIFY(!report->computedAt.isZero());
    const std::optional<Api::RunsReport> runs = Api::RunsReport::fromJson(fresh.responses[1].body, &error);
    QVERIFY2(runs, qPrintable(error));
    QVERIFY(runs->jobs.isEmpty());  // neither a snap nor a sink job has runs to wait for
}

void TestControlServer::holdsEndpointsAnswerLaterInOrder()
{
    // The holds view waits for zfs (here whatever `zfs` this machine has, or none): the answers of pipelined
    // requests still come in their order, and bad input is refused before anything runs.
    QLocalSocket *client = connectClient();
    const Exchange got = exchange(*client,
                                  "GET /holdfast/v1/holds HTTP/1.1\r\nHost: unix\r\n\r\n"
                                  "GET /version HTTP/1.1\r\nHost: unix\r\n\r\n"
                                  "POST /holdfast/v1/holds/release-stale HTTP/1.1\r\nHost: unix\r\nContent-Length: 5\r\n\r\n{\"job"
                                  "POST /holdfast/v1/holds/abandon-resume HTTP/1.1\r\nHost: unix\r\nContent-Length: 2\r\n\r\n{}"
                                  "GET /holdfast/v1/holds/stop-replicating HTTP/1.1\r\nHost: unix\r\n\r\n"
                                  "GET /holdfast/v1/pruning?job=nope HTTP/1.1\r\nHost: unix\r\n\r\n"
                                  "GET /holdfast/v1/pruning?job=snapjob HTTP/1.1\r\nHost: unix\r\n\r\n",
                                  7, "GET", 20000);
    QCOMPARE(got.responses.size(), 7);
    const Http::Response &holds = got.responses[0];
    QVERIFY2(holds.status == 200 || (holds.status == 500 && holds.body.startsWith("cannot list the pools' holds")),
             holds.body.constData());
    if (holds.status == 200) {
        QString error;
        QVERIFY2(Api::HoldsReport::fromJson(holds.body, &error), qPrintable(error));
    }
    QCOMPARE(got.responses[1].status, 200);
    QVERIFY(got.responses[1].body.contains("\"Version\""));
    QCOMPARE(got.responses[2].status, 400);
    QVERIFY2(got.responses[2].body.startsWith("invalid holds action request: the request is not valid JSON"),
             got.responses[2].body.constData());
    QCOMPARE(got.responses[3].status, 400);
    QVERIFY2(got.responses[3].body.contains("\"filesystem\" is required"), got.responses[3].body.constData());
    QCOMPARE(got.responses[4].status, 405);
    QCOMPARE(got.responses[5].status, 404);
    QCOMPARE(got.responses[6].status, 200);
    QString error;
    const std::optional<Api::PruningExplanation> explanation = Api::PruningExplanation::fromJson(got.responses[6].body, &error);
    QVERIFY2(explanation, qPrintable(error));
    QVERIFY(explanation->filesystems.isEmpty());  // it has not pruned yet

    // Pause is for jobs that replicate on their own; a client that goes away while an answer is pending is harmless.
    const QByteArray pause = R"({"Name":"sink","Op":"pause"})";
    const Exchange refused = exchange(*client, "POST /signal HTTP/1.1\r\nHost: unix\r\nContent-Length: "
                                                   + QByteArray::number(pause.size()) + "\r\n\r\n" + pause, 1, "POST");
    QCOMPARE(refused.responses.value(0).status, 500);
    QVERIFY2(refused.responses.value(0).body.contains("only push and pull jobs"), refused.responses.value(0).body.constData());
    QLocalSocket *leaving = connectClient();
    leaving->write("GET /holdfast/v1/holds HTTP/1.1\r\nHost: unix\r\n\r\n");
    leaving->waitForBytesWritten(1000);
    leaving->abort();
    QTest::qWait(200);
    QCOMPARE(exchange(*connectClient(), "GET /version HTTP/1.1\r\nHost: unix\r\n\r\n", 1).responses.size(), 1);
}

void TestControlServer::unknownPathAndWrongMethod()
{
    QLocalSocket *client = connectClient();
    const Exchange notFound = exchange(*client, "GET /nope HTTP/1.1\r\nHost: unix\r\n\r\nGET /status/ HTTP/1.1\r\nHost: unix\r\n\r\n", 2);
    QCOMPARE(notFound.responses.size(), 2);
    for (const Http::Response &response : notFound.responses) {
        QCOMPARE(response.status, 404);
        QCOMPARE(response.body, QByteArray("404 page not found\n"));
    }
    const Exchange wrong = exchange(*client, "DELETE /version HTTP/1.1\r\nHost: unix\r\n\r\nGET /signal HTTP/1.1\r\nHost: unix\r\n\r\n", 2);
    QCOMPARE(wrong.responses.size(), 2);
    QCOMPARE(wrong.responses[0].status, 405);
    QVERIFY(wrong.responses[0].headers.value("Allow").contains("GET"));
    QCOMPARE(wrong.responses[1].status, 405);
    QCOMPARE(wrong.responses[1].headers.value("Allow"), QByteArray("POST"));
}

void TestControlServer::headRequest()
{
    QLocalSocket *client = connectClient();
    const Exchange head = exchange(*client, "HEAD /version HTTP/1.1\r\nHost: unix\r\n\r\n", 1, "HEAD");
    QCOMPARE(head.responses.size(), 1);
    QCOMPARE(head.responses[0].status, 200);
    QVERIFY(head.responses[0].body.isEmpty());
    QCOMPARE(head.responses[0].headers.value("Content-Length").toInt(), Api::VersionInfo::current().toJson().size() + 1);
    // Nothing else followed the head: the next answer parses cleanly.
    QCOMPARE(exchange(*client, "GET /version HTTP/1.1\r\nHost: unix\r\n\r\n", 1).responses.size(), 1);
}

void TestControlServer::pipelinedRequests()
{
    QLocalSocket *client = connectClient();
    QByteArray requests;
    for (int i = 0; i < 20; ++i) {
        requests += i % 2 ? "GET /status HTTP/1.1\r\nHost: unix\r\n\r\n" : "GET /version HTTP/1.1\r\nHost: unix\r\n\r\n";
    }
    const Exchange got = exchange(*client, requests, 20);
    QCOMPARE(got.responses.size(), 20);
    for (int i = 0; i < 20; ++i) {
        QCOMPARE(got.responses[i].body.startsWith("{\"Version\""), i % 2 == 0);
    }
}

void TestControlServer::http10ClosesAfterTheAnswer()
{
    QLocalSocket *client = connectClient();
    const Exchange got = exchange(*client, "GET /version HTTP/1.0\r\n\r\n", 2, "GET", 2000);
    QCOMPARE(got.responses.size(), 1);
    QCOMPARE(got.responses[0].versionMinor, 0);
    QVERIFY(got.closedByServer);
    QLocalSocket *keep = connectClient();
    const Exchange kept = exchange(*keep, "GET /version HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /version HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", 2);
    QCOMPARE(kept.responses.size(), 2);
    QCOMPARE(kept.responses[0].headers.value("Connection"), QByteArray("keep-alive"));
}

void TestControlServer::badRequestsCloseTheConnection_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::newRow("missing Host") << QByteArray("GET /version HTTP/1.1\r\n\r\n") << 400;
    QTest::newRow("garbage") << QByteArray("\x16\x03\x01 hello\r\n\r\n") << 400;
    // No line end ever comes: refused at once with a reason, not after the read timeout.
    QTest::newRow("TLS ClientHello") << QByteArray::fromHex("1603010200010001fc03036e") << 400;
    QTest::newRow("NUL bytes") << QByteArray(4, '\0') << 400;
    QTest::newRow("HTTP/2") << QByteArray("GET /version HTTP/2.0\r\n\r\n") << 505;
    QTest::newRow("long line") << QByteArray("GET /" + QByteArray(10000, 'x') + " HTTP/1.1\r\n") << 414;
    QTest::newRow("big body") << QByteArray("POST /signal HTTP/1.1\r\nHost: u\r\nContent-Length: 2000000\r\n\r\n") << 413;
    QTest::newRow("gzip") << QByteArray("POST /signal HTTP/1.1\r\nHost: u\r\nTransfer-Encoding: gzip\r\n\r\n") << 501;
}

void TestControlServer::badRequestsCloseTheConnection()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    QLocalSocket *client = connectClient();
    const Exchange got = exchange(*client, request, 2, "GET", 2000);
    QCOMPARE(got.responses.size(), 1);
    QCOMPARE(got.responses[0].status, status);
    QVERIFY(!got.responses[0].body.isEmpty());
    QVERIFY(got.closedByServer);
    // and the daemon keeps serving
    QCOMPARE(exchange(*connectClient(), "GET /version HTTP/1.1\r\nHost: unix\r\n\r\n", 1).responses.size(), 1);
}

void TestControlServer::slowClientDoesNotDelayOthers()
{
    QLocalSocket *slow = connectClient();
    slow->write("GET /version HTTP/1.1\r\nHo");
    slow->flush();
    QElapsedTimer timer;
    timer.start();
    const Exchange fast = exchange(*connectClient(), "GET /status HTTP/1.1\r\nHost: unix\r\n\r\n", 1);
    QCOMPARE(fast.responses.size(), 1);
    QVERIFY2(timer.elapsed() < 250, "the fast client waited for the slow one");
    // The slow one is cut off after the read timeout (300 ms here, 1 s by default as in zrepl).
    QTRY_VERIFY_WITH_TIMEOUT(slow->state() == QLocalSocket::UnconnectedState, 3000);
}

void TestControlServer::stuckReaderDoesNotDelayOthers()
{
    // A client that sends many requests and never reads its answers.
    QLocalSocket *stuck = connectClient();
    QByteArray many;
    for (int i = 0; i < 2000; ++i) {
        many += "GET /status HTTP/1.1\r\nHost: unix\r\n\r\n";
    }
    stuck->write(many);
    stuck->flush();
    QTest::qWait(50);
    QElapsedTimer timer;
    timer.start();
    const Exchange fast = exchange(*connectClient(), "GET /version HTTP/1.1\r\nHost: unix\r\n\r\n", 1);
    QCOMPARE(fast.responses.size(), 1);
    QVERIFY2(timer.elapsed() < 1000, "a client that does not read held up another");
}

void TestControlServer::metrics()
{
    QLocalSocket *client = connectClient();
    exchange(*client, "GET /version HTTP/1.1\r\nHost: unix\r\n\r\n", 1);
    const Exchange got = exchange(*client, "GET /metrics HTTP/1.1\r\nHost: unix\r\n\r\n", 1);
    QCOMPARE(got.responses.size(), 1);
    QCOMPARE(got.responses[0].status, 200);
    const QByteArray &text = got.responses[0].body;
    QVERIFY(text.contains("zrepl_control_request_begin{endpoint=\"/version\"} 1"));
    QVERIFY(text.contains("zrepl_control_request_finished_bucket{endpoint=\"/version\",le=\"0.001\"}"));
    QVERIFY(text.contains("process_resident_memory_bytes"));
    QVERIFY(text.contains("process_open_fds"));
}

void TestControlServer::pprofStartsAndStopsTheDebugListener()
{
    QLocalSocket *client = connectClient();
    const QByteArray start = "{\"Run\":true,\"HttpListenAddress\":\"127.0.0.1:0\"}";
    Exchange got = exchange(*client, "POST /debug/pprof HTTP/1.1\r\nHost: unix\r\nContent-Length: " + QByteArray::number(start.size()) + "\r\n\r\n" + start, 1, "POST");
    QCOMPARE(got.responses.size(), 1);
    QCOMPARE(got.responses[0].status, 200);
    QCOMPARE(got.responses[0].body, QByteArray("{}\n"));
    QVERIFY(m_debug->isListening());
    const QString address = m_debug->address();
    QVERIFY(address.startsWith(u"127.0.0.1:"));

    QTcpSocket tcp;
    tcp.connectToHost(QHostAddress::LocalHost, address.section(u':', -1).toUShort());
    QVERIFY(tcp.waitForConnected(2000));
    const Exchange metrics = exchange(tcp, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n", 1);
    QCOMPARE(metrics.responses.size(), 1);
    QVERIFY(metrics.responses[0].body.contains("zrepl_control_request_finished"));
    const Exchange cmdline = exchange(tcp, "GET /debug/pprof/cmdline HTTP/1.1\r\nHost: x\r\n\r\n", 1);
    QCOMPARE(cmdline.responses.size(), 1);
    QCOMPARE(cmdline.responses[0].status, 200);

    const QByteArray stop = "{\"Run\":false}";
    got = exchange(*client, "POST /debug/pprof HTTP/1.1\r\nHost: unix\r\nContent-Length: " + QByteArray::number(stop.size()) + "\r\n\r\n" + stop, 1, "POST");
    QCOMPARE(got.responses[0].status, 200);
    QVERIFY(!m_debug->isListening());

    const QByteArray bad = "{\"Run\":true,\"HttpListenAddress\":\"no-port\"}";
    got = exchange(*client, "POST /debug/pprof HTTP/1.1\r\nHost: unix\r\nContent-Length: " + QByteArray::number(bad.size()) + "\r\n\r\n" + bad, 1, "POST");
    QCOMPARE(got.responses.size(), 1);
    QVERIFY(got.responses[0].status >= 400);
    QVERIFY(!got.responses[0].body.isEmpty());
}

void TestControlServer::socketIsPrivate()
{
    struct stat info = {};
    QCOMPARE(::stat(QFile::encodeName(m_server->socketPath()).constData(), &info), 0);
    QVERIFY(S_ISSOCK(info.st_mode));
    QCOMPARE(info.st_mode & 0777, 0600u);
    QCOMPARE(::stat(QFile::encodeName(m_dir->filePath(u"run"_s)).constData(), &info), 0);
    QCOMPARE(info.st_mode & 0777, 0700u);
}

void TestControlServer::secondDaemonIsRefused()
{
    ControlServer second(*m_service);
    QString error;
    QVERIFY(!second.listen(m_server->socketPath(), &error));
    QVERIFY2(error.contains(u"another daemon is already listening"), qPrintable(error));
    // The first one is unharmed.
    QCOMPARE(exchange(*connectClient(), "GET /version HTTP/1.1\r\nHost: unix\r\n\r\n", 1).responses.size(), 1);
}

void TestControlServer::staleSocketIsReplaced()
{
    const QString path = m_dir->filePath(u"stale/control"_s);
    QVERIFY(QDir().mkpath(m_dir->filePath(u"stale"_s)));
    QFile::setPermissions(m_dir->filePath(u"stale"_s), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    {
        // A socket file whose server is gone, as a crashed daemon leaves it.
        QLocalServer dead;
        dead.setSocketOptions(QLocalServer::UserAccessOption);
        QVERIFY(dead.listen(path));
        // QLocalServer removes its file on close; take a copy of the inode by hard link first.
        QVERIFY(::link(QFile::encodeName(path).constData(), QFile::encodeName(path + u".keep"_s).constData()) == 0);
    }
    QVERIFY(::rename(QFile::encodeName(path + u".keep"_s).constData(), QFile::encodeName(path).constData()) == 0);
    QVERIFY(QFileInfo::exists(path));
    ControlServer again(*m_service);
    QString error;
    QVERIFY2(again.listen(path, &error), qPrintable(error));

    // A regular file in its place is not ours to delete.
    const QString filePath = m_dir->filePath(u"stale/notasocket"_s);
    QFile file(filePath);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    ControlServer refused(*m_service);
    QVERIFY(!refused.listen(filePath, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(QFileInfo::exists(filePath));
}

void TestControlServer::worldAccessibleDirectoryIsRefused()
{
    const QString dir = m_dir->filePath(u"open"_s);
    QVERIFY(QDir().mkpath(dir));
    QVERIFY(::chmod(QFile::encodeName(dir).constData(), 0777) == 0);
    ControlServer server(*m_service);
    QString error;
    QVERIFY(!server.listen(dir + u"/control"_s, &error));
    QVERIFY2(error.contains(u"permissions"), qPrintable(error));
}

void TestControlServer::manyConnections()
{
    QList<QLocalSocket *> clients;
    for (int i = 0; i < 50; ++i) {
        clients.append(connectClient());
        clients.last()->write("GET /version HTTP/1.1\r\nHost: unix\r\n\r\n");
    }
    int answered = 0;
    for (QLocalSocket *client : clients) {
        answered += exchange(*client, QByteArray(), 1).responses.size();
    }
    QCOMPARE(answered, 50);
}

QTEST_MAIN(TestControlServer)
#include "TestControlServer.moc"
