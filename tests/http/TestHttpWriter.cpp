// SPDX-License-Identifier: MIT
#include <QTest>

#include "shared/http/HttpParser.h"
#include "shared/http/HttpStatus.h"
#include "shared/http/HttpWriter.h"

using namespace Http;

class TestHttpWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void responseWithLength();
    void responseChunked();
    void responseWithoutBody_data();
    void responseWithoutBody();
    void requestLikeZreplClient();
    void requestRoundTrip();
    void chunks();
    void reasonPhrases();
};

void TestHttpWriter::responseWithLength()
{
    Response response;
    response.headers.add("Content-Type", "text/plain; charset=utf-8");
    response.body = "{\"Version\":\"v0.1.0\"}";
    QCOMPARE(serialize(response),
             QByteArray("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 20\r\n\r\n{\"Version\":\"v0.1.0\"}"));
    response.versionMinor = 0;
    response.status = 500;
    response.reason = "Oops";
    QVERIFY(serialize(response).startsWith("HTTP/1.0 500 Oops\r\n"));
}

void TestHttpWriter::responseChunked()
{
    Response response;
    response.headers.add("Transfer-Encoding", "chunked");
    response.body = "hello";
    const QByteArray wire = serialize(response);
    QCOMPARE(wire, QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"));
    ResponseParser parser;
    QCOMPARE(parser.parse(wire).status, ParseStatus::HeadComplete);
}

void TestHttpWriter::responseWithoutBody_data()
{
    QTest::addColumn<int>("status");
    QTest::newRow("204") << 204;
    QTest::newRow("304") << 304;
    QTest::newRow("100") << 100;
}

void TestHttpWriter::responseWithoutBody()
{
    QFETCH(int, status);
    Response response;
    response.status = status;
    response.body = "ignored";
    const QByteArray wire = serialize(response);
    QVERIFY(!wire.contains("Content-Length"));
    QVERIFY(wire.endsWith("\r\n\r\n"));
    QVERIFY(!wire.contains("ignored"));
}

void TestHttpWriter::requestLikeZreplClient()
{
    // What zrepl's client sends for `zrepl signal wakeup snapjob` (captured with strace), modulo the
    // User-Agent: Host, Content-Length even for the JSON body, nothing else required.
    Request request;
    request.method = "POST";
    request.path = "/signal";
    request.headers.add("Host", "unix");
    request.headers.add("Content-Type", "application/json");
    request.body = "{\"Op\":\"wakeup\",\"Name\":\"snapjob\"}\n";
    QCOMPARE(serialize(request),
             QByteArray("POST /signal HTTP/1.1\r\nHost: unix\r\nContent-Type: application/json\r\nContent-Length: 33\r\n\r\n"
                        "{\"Op\":\"wakeup\",\"Name\":\"snapjob\"}\n"));
    Request empty;
    empty.method = "POST";
    empty.path = "/signal";
    QVERIFY(serialize(empty).contains("Content-Length: 0\r\n"));
    Request get;
    get.method = "GET";
    get.path = "/status";
    get.query = "a=b";
    QCOMPARE(serialize(get), QByteArray("GET /status?a=b HTTP/1.1\r\n\r\n"));
}

void TestHttpWriter::requestRoundTrip()
{
    Request request;
    request.method = "PUT";
    request.target = "/send?fs=pool%2Fa";
    request.headers.add("Host", "peer");
    request.headers.add("X-Holdfast", "1");
    request.body = QByteArray(100000, 'z');
    RequestParser parser;
    const QByteArray wire = serialize(request);
    const ParseResult first = parser.parse(wire);
    QCOMPARE(first.status, ParseStatus::HeadComplete);
    const ParseResult second = parser.parse(QByteArrayView(wire).sliced(first.consumed));
    QCOMPARE(second.status, ParseStatus::Complete);
    const Request parsed = parser.takeRequest();
    QCOMPARE(parsed.path, QByteArray("/send"));
    QCOMPARE(parsed.query, QByteArray("fs=pool%2Fa"));
    QCOMPARE(parsed.headers.value("x-holdfast"), QByteArray("1"));
    QCOMPARE(parsed.body, request.body);
}

void TestHttpWriter::chunks()
{
    QCOMPARE(chunk("abc"), QByteArray("3\r\nabc\r\n"));
    QCOMPARE(chunk(QByteArray(255, 'x')).left(4), QByteArray("ff\r\n"));
    QCOMPARE(chunk(""), QByteArray());
    QCOMPARE(lastChunk(), QByteArray("0\r\n\r\n"));
    Request head;
    head.method = "PUT";
    head.path = "/recv";
    head.headers.add("Transfer-Encoding", "chunked");
    const QByteArray wire = serializeHead(head) + chunk("part one,") + chunk(" part two") + lastChunk();
    RequestParser parser;
    ParseResult result = parser.parse(wire);
    QCOMPARE(result.status, ParseStatus::Error);  // HTTP/1.1 without Host
    head.headers.add("Host", "x");
    parser.reset();
    const QByteArray fixed = serializeHead(head) + chunk("part one,") + chunk(" part two") + lastChunk();
    result = parser.parse(fixed);
    QCOMPARE(result.status, ParseStatus::HeadComplete);
    result = parser.parse(QByteArrayView(fixed).sliced(result.consumed));
    QCOMPARE(result.status, ParseStatus::Complete);
    QCOMPARE(parser.takeRequest().body, QByteArray("part one, part two"));
}

void TestHttpWriter::reasonPhrases()
{
    QCOMPARE(reasonPhrase(200), QByteArray("OK"));
    QCOMPARE(reasonPhrase(404), QByteArray("Not Found"));
    QCOMPARE(reasonPhrase(413), QByteArray("Content Too Large"));
    QCOMPARE(reasonPhrase(431), QByteArray("Request Header Fields Too Large"));
    QCOMPARE(reasonPhrase(505), QByteArray("HTTP Version Not Supported"));
    QCOMPARE(reasonPhrase(799), QByteArray("Unknown"));
}

QTEST_APPLESS_MAIN(TestHttpWriter)
#include "TestHttpWriter.moc"
