// SPDX-License-Identifier: MIT
// A replication stream's way from the connection into `zfs recv`'s pipe, on both sides of the network transports,
// against a raw peer that sends exactly the bytes each case needs: the sink's ServerConnection (push) and
// Rpc::Client::receiveStream (pull) over a Transport::StreamSocket, where chunk payloads are spliced from the socket
// into the pipe. A chunk that spans many reads arrives whole, a malformed chunk size mid-stream ends the stream
// with what came before it, and a connection cut mid-chunk leaves the consumer with every byte that arrived and its
// input closed (so a resumable `zfs recv -s` keeps its partial state); the stop signal cuts a pulled stream too.
// The parser's side of it (payloadRemaining/payloadMoved) is checked on its own first.
#include <thread>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <sys/socket.h>
#include <unistd.h>

#include "daemon/async/StopSignal.h"
#include "daemon/async/TaskRunner.h"
#include "daemon/rpc/Protocol.h"
#include "daemon/rpc/RpcClient.h"
#include "daemon/rpc/RpcServerConnection.h"
#include "daemon/rpc/Services.h"
#include "daemon/transport/Connector.h"
#include "daemon/transport/StreamSocket.h"
#include "shared/http/HttpParser.h"

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

QByteArray pattern(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i) {
        bytes[i] = char((i * 13 + i / 509) & 0xff);
    }
    return bytes;
}

void writeAll(int fd, QByteArrayView data)
{
    while (!data.isEmpty()) {
        const ssize_t n = ::write(fd, data.data(), size_t(data.size()));
        if (n <= 0) {
            return;
        }
        data = data.sliced(n);
    }
}

// Reads one HTTP message head and its Content-Length body from a blocking descriptor; empty at the end.
QByteArray readMessage(int fd)
{
    QByteArray data;
    char c;
    while (!data.endsWith("\r\n\r\n")) {
        if (::read(fd, &c, 1) != 1) {
            return {};
        }
        data.append(c);
    }
    const qsizetype at = data.toLower().indexOf("content-length:");
    qsizetype length = at < 0 ? 0 : data.mid(at + 15, data.indexOf('\r', at) - at - 15).trimmed().toLongLong();
    while (length-- > 0 && ::read(fd, &c, 1) == 1) {
        data.append(c);
    }
    return data;
}

// Everything the peer sends until it closes.
QByteArray readToEnd(int fd)
{
    QByteArray data;
    char buffer[4096];
    ssize_t n;
    while ((n = ::read(fd, buffer, sizeof buffer)) > 0) {
        data.append(buffer, n);
    }
    return data;
}

QByteArray post(const char *rpc, const QJsonObject &args)
{
    const QByteArray body = QJsonDocument(args).toJson(QJsonDocument::Compact);
    return "POST " + Rpc::rpcPath(rpc) + " HTTP/1.1\r\nHost: t\r\nContent-Length: " + QByteArray::number(body.size())
           + "\r\n\r\n" + body;
}

QByteArray jsonAnswer(const QJsonObject &body)
{
    const QByteArray json = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(json.size())
           + "\r\n\r\n" + json;
}

// The consumer: `cat` into a file, as `zfs recv` takes its stream from stdin.
Async::ProcessSpec catInto(const QString &file)
{
    Async::ProcessSpec spec;
    spec.program = u"/bin/sh"_s;
    spec.arguments = {u"-c"_s, u"exec cat > \"$0\""_s, file};
    return spec;
}

QByteArray contents(const QString &file)
{
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("(missing)");
}

class SinkService final : public Rpc::Service
{
public:
    explicit SinkService(QString file)
        : m_file(std::move(file))
    {}

    Rpc::HandshakeReply handshake() const override
    {
        Rpc::HandshakeReply reply;
        reply.role = Rpc::Role::Sink;
        reply.jobName = u"sink"_s;
        reply.clientIdentity = u"test"_s;
        return reply;
    }

    Async::Task<Rpc::Reply> call(QByteArray, QJsonObject) override
    {
        co_return refuse(u"no calls here"_s);
    }

    Async::Task<Zfs::Result<Async::ProcessSpec>> receiveProcess(QJsonObject) override
    {
        co_return Zfs::Result<Async::ProcessSpec>{catInto(m_file), {}};
    }

private:
    QString m_file;
};

// Hands the client one end of a socket pair.
class PairConnector final : public Transport::Connector
{
public:
    explicit PairConnector(int fd)
        : m_fd(fd)
    {}

    Async::Task<Transport::Connection> connect() override
    {
        Transport::Connection c;
        if (m_fd < 0) {
            c.error = u"the pair was used"_s;
            co_return c;
        }
        c.device = std::make_unique<Transport::StreamSocket>(std::exchange(m_fd, -1));
        co_return c;
    }

    QString describe() const override
    {
        return u"socket pair"_s;
    }

private:
    int m_fd;
};

// A body whose second chunk (64 KiB) arrives in three writes a little apart, so the receiver splices it in pieces.
struct Script
{
    QByteArray payload;  // what the consumer must end up with
    QList<QByteArray> writes;
    bool closeAtEnd = false;
};

Script spanningChunk()
{
    Script s;
    const QByteArray big = pattern(65536);
    s.payload = "abc" + big;
    s.writes = {
        "3\r\nabc\r\n10000\r\n" + big.first(1000), big.sliced(1000, 30000), big.sliced(31000) + "\r\n0\r\n\r\n"};
    return s;
}

Script malformedSize()
{
    Script s;
    s.payload = "hello";
    s.writes = {"5\r\nhello\r\n", "zz\r\nworld\r\n0\r\n\r\n"};
    return s;
}

Script cutMidChunk()
{
    Script s;
    const QByteArray part = pattern(10000);
    s.payload = part;
    s.writes = {"100000\r\n" + part.first(4000), part.sliced(4000)};
    s.closeAtEnd = true;
    return s;
}

void play(int fd, const Script &script)
{
    for (const QByteArray &w : script.writes) {
        writeAll(fd, w);
        std::this_thread::sleep_for(20ms);
    }
}

}  // namespace

class TestStreamPayload : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parserLeavesPayloadToTheCaller();
    void parserNamesAMalformedSizeAfterMovedPayload();
    void pushIntoTheSink_data();
    void pushIntoTheSink();
    void pullIntoTheConsumer_data();
    void pullIntoTheConsumer();
    void stopSignalCutsAPull();
};

void TestStreamPayload::parserLeavesPayloadToTheCaller()
{
    Http::ResponseParser parser;
    parser.setRequestMethod("POST");
    const QByteArray head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
    QCOMPARE(parser.parse(head).status, Http::ParseStatus::HeadComplete);
    parser.setStreamBody(true);
    parser.setPayloadByCaller(true);
    // The size line is consumed; the payload after it is not.
    const QByteArray body = "a\r\n0123456789\r\n0\r\n\r\n";
    Http::ParseResult result = parser.parse(body);
    QCOMPARE(result.status, Http::ParseStatus::Incomplete);
    QCOMPARE(result.consumed, qsizetype(3));
    QCOMPARE(parser.payloadRemaining(), qint64(10));
    parser.payloadMoved(4);
    QCOMPARE(parser.payloadRemaining(), qint64(6));
    parser.payloadMoved(6);
    QCOMPARE(parser.payloadRemaining(), qint64(0));
    result = parser.parse(QByteArrayView(body).sliced(13));
    QCOMPARE(result.status, Http::ParseStatus::Complete);
    QCOMPARE(parser.takeBodyData(), QByteArray());  // the payload never passed through the parser
}

void TestStreamPayload::parserNamesAMalformedSizeAfterMovedPayload()
{
    Http::RequestParser parser;
    parser.setStreamBody(true);
    parser.setPayloadByCaller(true);
    const QByteArray head = "POST /rpc/Receive HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n";
    QCOMPARE(parser.parse(head).status, Http::ParseStatus::HeadComplete);
    QCOMPARE(parser.parse("5\r\n").consumed, qsizetype(3));
    parser.payloadMoved(5);
    // Payload moved past the parser and then more than the size said: the size lied.
    QCOMPARE(parser.parse("\r\nzz\r\n").status, Http::ParseStatus::Error);
    QCOMPARE(parser.errorMessage(), QByteArray("invalid chunk size \"zz\""));
    Http::RequestParser longer;
    longer.setStreamBody(true);
    longer.setPayloadByCaller(true);
    longer.parse(head);
    longer.parse("5\r\n");
    longer.payloadMoved(5);
    QCOMPARE(longer.parse("x\r\n").status, Http::ParseStatus::Error);
    QCOMPARE(longer.errorMessage(), QByteArray("chunk data longer than its size"));
}

void TestStreamPayload::pushIntoTheSink_data()
{
    QTest::addColumn<int>("script");
    QTest::addColumn<bool>("answered");
    QTest::addRow("a chunk spanning reads") << 0 << true;
    QTest::addRow("a malformed chunk size mid-stream") << 1 << false;
    QTest::addRow("the connection cut mid-chunk") << 2 << false;
}

void TestStreamPayload::pushIntoTheSink()
{
    QFETCH(int, script);
    QFETCH(bool, answered);
    const Script s = script == 0 ? spanningChunk() : script == 1 ? malformedSize() : cutMidChunk();
    QTemporaryDir dir;
    const QString file = dir.filePath(u"received"_s);
    int fds[2];
    QVERIFY(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) == 0);
    auto *connection = new Rpc::ServerConnection(
        std::make_unique<Transport::StreamSocket>(fds[0]),
        u"test"_s,
        [file](const QString &, QString *) { return std::make_unique<SinkService>(file); },
        Log::Context(u"test"_s, u"sink"_s));
    QSignalSpy finished(connection, &Rpc::ServerConnection::finished);
    connection->start();

    QByteArray answer;
    std::thread peer([&] {
        QJsonObject hello;
        hello.insert(u"ProtocolVersion"_s, Rpc::ProtocolVersion);
        writeAll(fds[1], post(Rpc::Handshake, hello));
        readMessage(fds[1]);
        const QByteArray args = QJsonDocument(QJsonObject()).toJson(QJsonDocument::Compact).toBase64();
        writeAll(fds[1],
                 QByteArray("POST " + Rpc::rpcPath(Rpc::Receive)
                            + " HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n" + Rpc::ArgsHeader + ": " + args
                            + "\r\n\r\n"));
        play(fds[1], s);
        if (s.closeAtEnd) {
            ::shutdown(fds[1], SHUT_WR);
        }
        if (answered) {
            // The sink answers the stream and waits for the next call: hanging up ends the connection.
            answer = readMessage(fds[1]);
            ::shutdown(fds[1], SHUT_RDWR);
        } else {
            answer = readToEnd(fds[1]);
        }
    });
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 20000);
    peer.join();
    ::close(fds[1]);
    QCOMPARE(contents(file), s.payload);
    if (answered) {
        QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
        QVERIFY2(answer.contains("\"Temporary\":false"), answer.constData());
    } else {
        // A stream that cannot go on ends the connection without an answer: the client sees it lost.
        QCOMPARE(answer, QByteArray());
    }
}

void TestStreamPayload::pullIntoTheConsumer_data()
{
    QTest::addColumn<int>("script");
    QTest::addRow("a chunk spanning reads") << 0;
    QTest::addRow("a malformed chunk size mid-stream") << 1;
    QTest::addRow("the connection cut mid-chunk") << 2;
}

void TestStreamPayload::pullIntoTheConsumer()
{
    QFETCH(int, script);
    const Script s = script == 0 ? spanningChunk() : script == 1 ? malformedSize() : cutMidChunk();
    QTemporaryDir dir;
    const QString file = dir.filePath(u"received"_s);
    int fds[2];
    QVERIFY(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) == 0);
    Rpc::Client client(std::make_unique<PairConnector>(fds[0]), Rpc::Role::Source);
    std::thread peer([&] {
        readMessage(fds[1]);
        QJsonObject hello =
            Rpc::toJson(Rpc::HandshakeReply{Rpc::ProtocolVersion, Rpc::Role::Source, u"source"_s, u"test"_s, false});
        writeAll(fds[1], jsonAnswer(hello));
        readMessage(fds[1]);
        writeAll(fds[1],
                 "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n");
        play(fds[1], s);
        if (s.closeAtEnd) {
            ::shutdown(fds[1], SHUT_RDWR);
        } else {
            readToEnd(fds[1]);  // until the client hangs up
        }
    });
    const Endpoint::StreamOutcome outcome = Async::runBlocking(client.receiveStream(QJsonObject(), catInto(file), {}));
    ::shutdown(fds[1], SHUT_RDWR);
    peer.join();
    ::close(fds[1]);
    // Every byte that arrived is in the consumer, which ended on its own (its input closed): cat wrote the file.
    QCOMPARE(contents(file), s.payload);
    QCOMPARE(outcome.bytes, qint64(s.payload.size()));
    QCOMPARE(outcome.receiverError, QString());
    switch (script) {
    case 0:
        QVERIFY2(outcome.ok(), qPrintable(outcome.senderError));
        break;
    case 1:
        QVERIFY2(outcome.senderError.contains(u"malformed stream: invalid chunk size \"zz\""_s),
                 qPrintable(outcome.senderError));
        QVERIFY(outcome.temporary);
        break;
    case 2:
        QVERIFY2(outcome.senderError.contains(u"stream of the step ended early"_s), qPrintable(outcome.senderError));
        QVERIFY(outcome.connectionLost);
        QVERIFY(outcome.temporary);
        break;
    }
}

void TestStreamPayload::stopSignalCutsAPull()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(u"received"_s);
    int fds[2];
    QVERIFY(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) == 0);
    Rpc::Client client(std::make_unique<PairConnector>(fds[0]), Rpc::Role::Source);
    Async::StopSignal stop;
    Async::ProcessSpec consumer = catInto(file);
    consumer.stop = &stop;
    const QByteArray part = pattern(5000);
    std::thread peer([&] {
        readMessage(fds[1]);
        writeAll(fds[1],
                 jsonAnswer(Rpc::toJson(
                     Rpc::HandshakeReply{Rpc::ProtocolVersion, Rpc::Role::Source, u"source"_s, u"test"_s, false})));
        readMessage(fds[1]);
        // A stream that stalls after its first bytes; the peer only notices the cut.
        writeAll(fds[1], QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n100000\r\n" + part));
        readToEnd(fds[1]);
    });
    QTimer::singleShot(300ms, &stop, &Async::StopSignal::request);
    const Endpoint::StreamOutcome outcome = Async::runBlocking(client.receiveStream(QJsonObject(), consumer, {}));
    peer.join();
    ::close(fds[1]);
    QCOMPARE(contents(file), part);
    QCOMPARE(outcome.bytes, qint64(part.size()));
    QVERIFY(outcome.temporary);
    QVERIFY(!outcome.connectionLost);  // stopped here, not lost
    QVERIFY2(outcome.senderError.contains(u"stopped early"_s), qPrintable(outcome.senderError));
}

QTEST_GUILESS_MAIN(TestStreamPayload)
#include "TestStreamPayload.moc"
