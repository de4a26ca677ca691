// SPDX-License-Identifier: MIT
// The control client against the real control server and against fake daemons that misbehave.
#include <QFile>
#include <QLocalServer>
#include <QLocalSocket>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "daemon/control/ControlServer.h"
#include "daemon/control/ControlService.h"
#include "tests/common/FakeConfigHost.h"
#include "daemon/control/DebugServer.h"
#include "daemon/jobs/JobFactory.h"
#include "daemon/jobs/JobRegistry.h"
#include "daemon/metrics/Metrics.h"
#include "shared/control/ControlClient.h"
#include "shared/control/VersionInfo.h"

using namespace Daemon;
using namespace Qt::StringLiterals;
using Api::ControlClient;

namespace {

// A daemon stand-in that answers every request with fixed bytes (or not at all).
class FakeDaemon : public QObject
{
public:
    explicit FakeDaemon(const QString &path, QByteArray answer)
        : m_answer(std::move(answer))
    {
        m_server.listen(path);
        connect(&m_server, &QLocalServer::newConnection, this, [this] {
            while (QLocalSocket *socket = m_server.nextPendingConnection()) {
                ++m_connections;
                connect(socket, &QLocalSocket::readyRead, socket, [this, socket] {
                    m_received += socket->readAll();
                    if (m_received.contains("\r\n\r\n") && !m_answer.isNull()) {
                        socket->write(m_answer);
                        if (m_closeAfterAnswer) {
                            socket->disconnectFromServer();
                        }
                    }
                });
            }
        });
    }
    void setCloseAfterAnswer(bool close) { m_closeAfterAnswer = close; }
    int connections() const { return m_connections; }
    QByteArray received() const { return m_received; }

private:
    QLocalServer m_server;
    QByteArray m_answer;
    QByteArray m_received;
    bool m_closeAfterAnswer = false;
    int m_connections = 0;
};

QByteArray readCapture(const QString &name)
{
    QFile file(QStringLiteral(HOLDFAST_TEST_DATA_DIR "/zrepl/more/") + name);
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("missing capture %s", qPrintable(name));
    }
    return file.readAll();
}

}  // namespace

class TestControlClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void versionAndStatus();
    void daemonErrorMessageIsPassedOn();
    void requestsShareOneConnection();
    void idleConnectionClosedByTheDaemonIsRetried();
    void noSocket();
    void staleSocketFile();
    void daemonNotAnswering();
    void daemonClosesWithoutAnswer();
    void garbageAnswer();
    void chunkedAnswerFromGo();
    void answerDelimitedByClose();
    void asynchronousQueue();

private:
    void startServer(std::chrono::milliseconds idle = std::chrono::milliseconds(1000));

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<JobRegistry> m_jobs;
    std::unique_ptr<Metrics> m_metrics;
    std::unique_ptr<DebugServer> m_debug;
    FakeConfigHost m_configHost;
    std::unique_ptr<ControlService> m_service;
    std::unique_ptr<ControlServer> m_server;
    QString m_path;
};

void TestControlClient::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(u"control"_s);
}

void TestControlClient::cleanup()
{
    m_server.reset();
    m_service.reset();
    m_debug.reset();
    m_metrics.reset();
    m_jobs.reset();
    m_dir.reset();
}

void TestControlClient::startServer(std::chrono::milliseconds idle)
{
    m_jobs = std::make_unique<JobRegistry>();
    m_jobs->addInternalJob(u"_control"_s);
    Config::Job snap;
    snap.type = Config::JobType::Snap;
    snap.name = u"snapjob"_s;
    m_jobs->addJob(createJob(snap));
    m_metrics = std::make_unique<Metrics>();
    m_debug = std::make_unique<DebugServer>(*m_metrics);
    m_service = std::make_unique<ControlService>(*m_jobs, *m_metrics, *m_debug, m_configHost);
    m_server = std::make_unique<ControlServer>(*m_service);
    HttpTimeouts timeouts;
    timeouts.idle = idle;
    m_server->setTimeouts(timeouts);
    QString error;
    QVERIFY2(m_server->listen(m_path, &error), qPrintable(error));
}

void TestControlClient::versionAndStatus()
{
    startServer();
    ControlClient client;
    client.setSocketPath(m_path);
    const ControlClient::Reply version = client.exec("POST", "/version", "\"\"\n");
    QVERIFY2(version.ok(), qPrintable(version.errorString));
    QCOMPARE(version.status, 200);
    QString error;
    const std::optional<Api::VersionInfo> info = Api::VersionInfo::fromJson(version.body, &error);
    QVERIFY2(info.has_value(), qPrintable(error));
    QVERIFY(*info == Api::VersionInfo::current());
    const ControlClient::Reply status = client.exec("GET", "/status");
    QVERIFY(status.ok());
    QVERIFY(status.body.contains("\"snapjob\""));
}

void TestControlClient::daemonErrorMessageIsPassedOn()
{
    startServer();
    ControlClient client;
    client.setSocketPath(m_path);
    QSignalSpy spy(&client, &ControlClient::finished);
    const quint64 id = client.sendSignal(u"nosuch"_s, u"wakeup"_s);
    QVERIFY(spy.wait(5000));
    const auto reply = spy.at(0).at(0).value<ControlClient::Reply>();
    QCOMPARE(reply.id, id);
    QCOMPARE(reply.error, ControlClient::Error::Status);
    QCOMPARE(reply.status, 500);
    QCOMPARE(reply.errorString, u"Job nosuch does not exist"_s);
}

void TestControlClient::requestsShareOneConnection()
{
    startServer();
    ControlClient client;
    client.setSocketPath(m_path);
    for (int i = 0; i < 5; ++i) {
        QVERIFY(client.exec("GET", "/version").ok());
    }
    QCOMPARE(m_server->connectionCount(), 1);
}

void TestControlClient::idleConnectionClosedByTheDaemonIsRetried()
{
    // zrepl and Holdfast close idle keep-alive connections after a second; the client must not report that as an
    // error for the next request.
    startServer(std::chrono::milliseconds(100));
    ControlClient client;
    client.setSocketPath(m_path);
    QVERIFY(client.exec("GET", "/version").ok());
    QTest::qWait(400);
    const ControlClient::Reply again = client.exec("GET", "/version");
    QVERIFY2(again.ok(), qPrintable(again.errorString));
}

void TestControlClient::noSocket()
{
    ControlClient client;
    client.setSocketPath(m_dir->filePath(u"missing/control"_s));
    const ControlClient::Reply reply = client.exec("GET", "/status");
    QCOMPARE(reply.error, ControlClient::Error::NoDaemon);
    QVERIFY2(reply.errorString.contains(m_dir->filePath(u"missing/control"_s)), qPrintable(reply.errorString));
}

void TestControlClient::staleSocketFile()
{
    {
        QLocalServer dead;
        QVERIFY(dead.listen(m_path));
        QVERIFY(::link(QFile::encodeName(m_path).constData(), QFile::encodeName(m_path + u".keep"_s).constData()) == 0);
    }
    QVERIFY(::rename(QFile::encodeName(m_path + u".keep"_s).constData(), QFile::encodeName(m_path).constData()) == 0);
    ControlClient client;
    client.setSocketPath(m_path);
    const ControlClient::Reply reply = client.exec("GET", "/status");
    QCOMPARE(reply.error, ControlClient::Error::NoDaemon);
    QVERIFY(!reply.errorString.isEmpty());
}

void TestControlClient::daemonNotAnswering()
{
    FakeDaemon silent(m_path, QByteArray());
    ControlClient client;
    client.setSocketPath(m_path);
    client.setTimeout(std::chrono::milliseconds(300));
    const ControlClient::Reply reply = client.exec("GET", "/status");
    QCOMPARE(reply.error, ControlClient::Error::Timeout);
    QVERIFY(!reply.errorString.isEmpty());
}

void TestControlClient::daemonClosesWithoutAnswer()
{
    FakeDaemon closer(m_path, QByteArray(""));
    closer.setCloseAfterAnswer(true);
    ControlClient client;
    client.setSocketPath(m_path);
    const ControlClient::Reply reply = client.exec("GET", "/status");
    QCOMPARE(reply.error, ControlClient::Error::ConnectionLost);
}

void TestControlClient::garbageAnswer()
{
    FakeDaemon ssh(m_path, "SSH-2.0-OpenSSH_9.2\r\n\r\n");
    ControlClient client;
    client.setSocketPath(m_path);
    const ControlClient::Reply reply = client.exec("GET", "/status");
    QCOMPARE(reply.error, ControlClient::Error::Protocol);
    QVERIFY(reply.errorString.contains(u"invalid HTTP answer"));
}

void TestControlClient::chunkedAnswerFromGo()
{
    // Go's net/http answers large bodies chunked: the real zrepl daemon's bytes.
    FakeDaemon zrepl(m_path, readCapture(u"extra_get_status_large_8snapjobs_raw_chunked.txt"_s));
    ControlClient client;
    client.setSocketPath(m_path);
    const ControlClient::Reply reply = client.exec("GET", "/status");
    QVERIFY2(reply.ok(), qPrintable(reply.errorString));
    QVERIFY(reply.body.startsWith("{\"_control\""));
    QVERIFY(reply.body.contains("\"snapjob8\""));
    QVERIFY(zrepl.received().startsWith("GET /status HTTP/1.1\r\n"));
    QVERIFY(zrepl.received().contains("\r\nHost: "));
}

void TestControlClient::answerDelimitedByClose()
{
    FakeDaemon old(m_path, "HTTP/1.0 200 OK\r\n\r\n{\"Version\":\"x\"}");
    old.setCloseAfterAnswer(true);
    ControlClient client;
    client.setSocketPath(m_path);
    const ControlClient::Reply reply = client.exec("GET", "/version");
    QVERIFY2(reply.ok(), qPrintable(reply.errorString));
    QCOMPARE(reply.body, QByteArray("{\"Version\":\"x\"}"));
}

void TestControlClient::asynchronousQueue()
{
    startServer();
    ControlClient client;
    client.setSocketPath(m_path);
    QSignalSpy spy(&client, &ControlClient::finished);
    QList<quint64> ids;
    ids << client.requestVersion() << client.requestStatus() << client.sendSignal(u"snapjob"_s, u"wakeup"_s)
        << client.requestStatus();
    QCOMPARE(client.pendingRequests(), 4);
    QTRY_COMPARE_WITH_TIMEOUT(spy.size(), 4, 5000);
    for (int i = 0; i < 4; ++i) {
        const auto reply = spy.at(i).at(0).value<ControlClient::Reply>();
        QCOMPARE(reply.id, ids[i]);
        QVERIFY2(reply.ok(), qPrintable(reply.errorString));
    }
    QCOMPARE(client.pendingRequests(), 0);
}

QTEST_MAIN(TestControlClient)
#include "TestControlClient.moc"
