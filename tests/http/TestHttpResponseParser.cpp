// SPDX-License-Identifier: MIT
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "shared/http/HttpParser.h"

using namespace Http;

namespace {

const QString CaptureDir = QStringLiteral(HOLDFAST_TEST_DATA_DIR "/zrepl/more");

struct Outcome
{
    QList<Response> responses;
    QByteArray error;
};

// Parses everything in `input`, split at `cut`, then tells the parser the connection closed.
Outcome parseResponses(const QByteArray &input, QByteArrayView method, qsizetype cut = -1)
{
    ResponseParser parser;
    parser.setRequestMethod(method);
    Outcome out;
    QByteArray buffer;
    const QList<QByteArray> pieces = cut < 0 ? QList<QByteArray>{input} : QList<QByteArray>{input.left(cut), input.mid(cut)};
    for (const QByteArray &piece : pieces) {
        buffer += piece;
        while (true) {
            const ParseResult result = parser.parse(buffer);
            buffer.remove(0, result.consumed);
            if (result.status == ParseStatus::Error) {
                out.error = parser.errorMessage();
                return out;
            }
            if (result.status == ParseStatus::Complete) {
                out.responses.append(parser.takeResponse());
                continue;
            }
            if (result.status == ParseStatus::HeadComplete) {
                continue;
            }
            break;
        }
    }
    const ParseStatus end = parser.finish();
    if (end == ParseStatus::Complete) {
        out.responses.append(parser.takeResponse());
    } else if (end == ParseStatus::Error) {
        out.error = parser.errorMessage();
    }
    return out;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("cannot read %s", qPrintable(path));
    }
    return file.readAll();
}

}  // namespace

class TestHttpResponseParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void zreplResponses_data();
    void zreplResponses();
    void chunkedStatusEqualsContentLengthStatus();
    void headResponseHasNoBody();
    void noBodyStatuses_data();
    void noBodyStatuses();
    void interimContinue();
    void bodyUntilClose();
    void truncated_data();
    void truncated();
    void malformed_data();
    void malformed();
    void keepAliveResponses();
    void streamedBody();
};

void TestHttpResponseParser::zreplResponses_data()
{
    QTest::addColumn<QString>("file");
    const QStringList files = QDir(CaptureDir).entryList({QStringLiteral("*.txt")}, QDir::Files, QDir::Name);
    int count = 0;
    for (const QString &name : files) {
        // That capture shows the body as curl printed it, de-chunked; the wire form is the _raw_chunked one.
        if (name == u"extra_get_status_large_8snapjobs.txt") {
            continue;
        }
        if (readFile(CaptureDir + u'/' + name).startsWith("HTTP/1.")) {
            QTest::newRow(qPrintable(name)) << name;
            ++count;
        }
    }
    QVERIFY(count >= 30);
}

// Every answer the real zrepl daemon (Go's net/http) gave parses, split anywhere, into one response whose body
// has the announced length and, for JSON endpoints, is valid JSON.
void TestHttpResponseParser::zreplResponses()
{
    QFETCH(QString, file);
    const QByteArray raw = readFile(CaptureDir + u'/' + file);
    const QByteArrayView method = file.startsWith(u"extra_head_") ? QByteArrayView("HEAD") : QByteArrayView("GET");
    const Outcome whole = parseResponses(raw, method);
    QVERIFY2(whole.error.isEmpty(), whole.error.constData());
    QCOMPARE(whole.responses.size(), 1);
    const Response &response = whole.responses[0];
    QVERIFY(response.status >= 200 && response.status < 600);
    QCOMPARE(QByteArray::number(response.status), raw.mid(9, 3));
    const QByteArray contentLength = response.headers.value("Content-Length");
    if (!contentLength.isEmpty() && method != "HEAD") {
        QCOMPARE(response.body.size(), contentLength.toLongLong());
    }
    if (response.status == 200 && response.headers.value("Content-Type").startsWith("text/plain") && !response.body.isEmpty()
        && (file.contains(u"status") || file.contains(u"version"))) {
        QJsonParseError error;
        QJsonDocument::fromJson(response.body, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
    }
    for (qsizetype cut = 1; cut < raw.size(); cut += qMax<qsizetype>(1, raw.size() / 61)) {
        const Outcome split = parseResponses(raw, method, cut);
        QVERIFY(split.error.isEmpty());
        QCOMPARE(split.responses.size(), 1);
        QCOMPARE(split.responses[0].body, response.body);
    }
}

void TestHttpResponseParser::chunkedStatusEqualsContentLengthStatus()
{
    // Go switched to chunked for this large status document; its body must decode to a complete JSON object with
    // all eight snap jobs.
    const Outcome chunked = parseResponses(readFile(CaptureDir + u"/extra_get_status_large_8snapjobs_raw_chunked.txt"), "GET");
    QVERIFY(chunked.error.isEmpty());
    QCOMPARE(chunked.responses.size(), 1);
    QCOMPARE(chunked.responses[0].headers.value("Transfer-Encoding"), QByteArray("chunked"));
    const QJsonDocument document = QJsonDocument::fromJson(chunked.responses[0].body);
    QVERIFY(document.isObject());
    for (int i = 2; i <= 8; ++i) {
        QVERIFY(document.object().contains(QStringLiteral("snapjob%1").arg(i)));
    }
}

void TestHttpResponseParser::headResponseHasNoBody()
{
    const QByteArray raw = "HTTP/1.1 200 OK\r\nContent-Length: 102\r\n\r\nHTTP/1.1 404 Not Found\r\nContent-Length: 3\r\n\r\nabc";
    ResponseParser parser;
    parser.setRequestMethod("HEAD");
    ParseResult result = parser.parse(raw);
    QCOMPARE(result.status, ParseStatus::Complete);
    QCOMPARE(parser.takeResponse().body, QByteArray());
    parser.setRequestMethod("GET");
    const QByteArrayView rest = QByteArrayView(raw).sliced(result.consumed);
    result = parser.parse(rest);
    QCOMPARE(result.status, ParseStatus::HeadComplete);
    result = parser.parse(rest.sliced(result.consumed));
    QCOMPARE(result.status, ParseStatus::Complete);
    const Response second = parser.takeResponse();
    QCOMPARE(second.status, 404);
    QCOMPARE(second.reason, QByteArray("Not Found"));
    QCOMPARE(second.body, QByteArray("abc"));
}

void TestHttpResponseParser::noBodyStatuses_data()
{
    QTest::addColumn<int>("status");
    QTest::newRow("204") << 204;
    QTest::newRow("304") << 304;
    QTest::newRow("101") << 101;
}

void TestHttpResponseParser::noBodyStatuses()
{
    QFETCH(int, status);
    ResponseParser parser;
    const QByteArray raw = "HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Length: 5\r\n\r\n";
    const ParseResult result = parser.parse(raw);
    QCOMPARE(result.status, ParseStatus::Complete);
    QCOMPARE(result.consumed, raw.size());
    QCOMPARE(parser.takeResponse().status, status);
}

void TestHttpResponseParser::interimContinue()
{
    const QByteArray raw = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 500 Internal Server Error\r\nContent-Length: 28\r\n\r\noperation \"bogus\" is invalid";
    const Outcome outcome = parseResponses(raw, "POST");
    QVERIFY(outcome.error.isEmpty());
    QCOMPARE(outcome.responses.size(), 2);
    QCOMPARE(outcome.responses[0].status, 100);
    QCOMPARE(outcome.responses[1].status, 500);
    QCOMPARE(outcome.responses[1].body, QByteArray("operation \"bogus\" is invalid"));
}

void TestHttpResponseParser::bodyUntilClose()
{
    ResponseParser parser;
    const QByteArray head = "HTTP/1.0 200 OK\r\n\r\n";
    const ParseResult result = parser.parse(QByteArray(head + "hello "));
    QCOMPARE(result.status, ParseStatus::HeadComplete);
    QCOMPARE(result.consumed, head.size());
    QCOMPARE(parser.parse("hello ").status, ParseStatus::Incomplete);
    QCOMPARE(parser.parse("world").status, ParseStatus::Incomplete);
    QCOMPARE(parser.finish(), ParseStatus::Complete);
    QCOMPARE(parser.takeResponse().body, QByteArray("hello world"));
    // A status line with no reason phrase and no space after the code (seen from some servers).
    const Outcome outcome = parseResponses("HTTP/1.1 200\r\nTransfer-Encoding: gzip\r\n\r\nxyz", "GET");
    QVERIFY(outcome.error.isEmpty());
    QCOMPARE(outcome.responses.size(), 1);
    QCOMPARE(outcome.responses[0].body, QByteArray("xyz"));
    QVERIFY(outcome.responses[0].reason.isEmpty());
}

void TestHttpResponseParser::truncated_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::newRow("in the status line") << QByteArray("HTTP/1.1 20");
    QTest::newRow("in the header fields") << QByteArray("HTTP/1.1 200 OK\r\nContent-Len");
    QTest::newRow("short content-length body") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
    QTest::newRow("chunked without last chunk") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n");
    QTest::newRow("chunked without final CRLF") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n");
}

void TestHttpResponseParser::truncated()
{
    QFETCH(QByteArray, raw);
    const Outcome outcome = parseResponses(raw, "GET");
    QVERIFY(outcome.responses.isEmpty());
    QCOMPARE(outcome.error, QByteArray("connection closed before the response was complete"));
}

void TestHttpResponseParser::malformed_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::newRow("not http") << QByteArray("SSH-2.0-OpenSSH_9.2\r\n\r\n");
    QTest::newRow("HTTP/2") << QByteArray("HTTP/2 200\r\n\r\n");
    QTest::newRow("two-digit status") << QByteArray("HTTP/1.1 20 OK\r\n\r\n");
    QTest::newRow("status with letters") << QByteArray("HTTP/1.1 2x0 OK\r\n\r\n");
    QTest::newRow("status too long") << QByteArray("HTTP/1.1 2000 OK\r\n\r\n");
    QTest::newRow("bad header") << QByteArray("HTTP/1.1 200 OK\r\nbroken\r\n\r\n");
    QTest::newRow("bad chunk") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nxyz\r\n");
    QTest::newRow("bad content-length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\n");
    QTest::newRow("status line too long") << QByteArray("HTTP/1.1 200 " + QByteArray(9000, 'r') + "\r\n\r\n");
}

void TestHttpResponseParser::malformed()
{
    QFETCH(QByteArray, raw);
    const Outcome outcome = parseResponses(raw, "GET");
    QVERIFY(outcome.responses.isEmpty());
    QVERIFY(!outcome.error.isEmpty());
}

void TestHttpResponseParser::keepAliveResponses()
{
    const QByteArray raw = readFile(CaptureDir + u"/get_version.txt") + readFile(CaptureDir + u"/get_nonexistent.txt")
        + readFile(CaptureDir + u"/extra_get_version_http10.txt");
    const Outcome outcome = parseResponses(raw, "GET");
    QVERIFY(outcome.error.isEmpty());
    QCOMPARE(outcome.responses.size(), 3);
    QVERIFY(outcome.responses[0].keepAlive());
    QCOMPARE(outcome.responses[1].status, 404);
    QCOMPARE(outcome.responses[1].body, QByteArray("404 page not found\n"));
    QVERIFY(!outcome.responses[2].keepAlive());
}

void TestHttpResponseParser::streamedBody()
{
    ResponseLimits limits;
    limits.maxBodySize = 4;
    ResponseParser parser(limits);
    QCOMPARE(parser.parse("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n").status, ParseStatus::Error);
    ResponseParser streaming(limits);
    streaming.setStreamBody(true);
    QCOMPARE(streaming.parse("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n01234").status, ParseStatus::HeadComplete);
    QByteArray data;
    const ParseResult result = streaming.parse("01234");
    QCOMPARE(result.status, ParseStatus::Incomplete);
    data += streaming.takeBodyData();
    QCOMPARE(streaming.parse("56789").status, ParseStatus::Complete);
    data += streaming.takeBodyData();
    QCOMPARE(data, QByteArray("0123456789"));
}

QTEST_APPLESS_MAIN(TestHttpResponseParser)
#include "TestHttpResponseParser.moc"
