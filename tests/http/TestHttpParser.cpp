// SPDX-License-Identifier: MIT
#include <QTest>

#include "shared/http/HttpParser.h"

using namespace Http;

namespace {

struct Parsed
{
    QList<Request> requests;
    int errorStatus = 0;
    QByteArray errorMessage;
    bool pending = false;  // bytes of an unfinished message are left
};

// Feeds `input` in pieces (split at the given offsets) the way a connection does: each call gets everything
// not yet consumed.
Parsed parseInPieces(const QByteArray &input, const QList<qsizetype> &cuts, RequestLimits limits = {})
{
    RequestParser parser(limits);
    Parsed out;
    QByteArray buffer;
    qsizetype fed = 0;
    QList<qsizetype> ends = cuts;
    ends.append(input.size());
    for (qsizetype end : ends) {
        buffer += input.mid(fed, end - fed);
        fed = end;
        while (true) {
            const ParseResult result = parser.parse(buffer);
            buffer.remove(0, result.consumed);
            if (result.status == ParseStatus::Error) {
                out.errorStatus = parser.errorStatus();
                out.errorMessage = parser.errorMessage();
                return out;
            }
            if (result.status == ParseStatus::Complete) {
                out.requests.append(parser.takeRequest());
                continue;
            }
            if (result.status == ParseStatus::HeadComplete) {
                continue;
            }
            break;
        }
    }
    out.pending = !buffer.isEmpty() || parser.headComplete();
    return out;
}

Parsed parseAll(const QByteArray &input, RequestLimits limits = {})
{
    return parseInPieces(input, {}, limits);
}

bool sameRequest(const Request &a, const Request &b)
{
    if (a.method != b.method || a.target != b.target || a.path != b.path || a.query != b.query
        || a.versionMinor != b.versionMinor || a.body != b.body || a.headers.size() != b.headers.size()) {
        return false;
    }
    for (qsizetype i = 0; i < a.headers.size(); ++i) {
        if (a.headers.fields()[i].name != b.headers.fields()[i].name
            || a.headers.fields()[i].value != b.headers.fields()[i].value) {
            return false;
        }
    }
    return true;
}

// A conversation that uses every feature at once: keep-alive, a chunked body with an extension and a trailer, a
// Content-Length body, bare-LF line ends, HTTP/1.0, a query and an absolute-form target.
const QByteArray Conversation = QByteArrayLiteral(
    "GET /version HTTP/1.1\r\nHost: x\r\n\r\n"
    "POST /signal HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
    "5;ext=1\r\n{\"Op\"\r\n11\r\n:\"wakeup\",\"Name\":\r\n9\r\n\"snapjob\"\r\n1\r\n}\r\n0\r\nX-Trailer: t\r\n\r\n"
    "POST /signal HTTP/1.1\nHost: x\nContent-Length: 4\n\nnull"
    "GET /status?x=1 HTTP/1.0\r\n\r\n"
    "GET http://daemon/metrics HTTP/1.1\r\nHost: daemon\r\nConnection: close\r\n\r\n");

}  // namespace

class TestHttpParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void simpleGet();
    void conversation();
    void everySplitGivesTheSameRequests();
    void byteByByte();
    void malformed_data();
    void malformed();
    void limitsAtTheBoundary();
    void bodyLimitDoesNotApplyToStreamedBodies();
    void expectContinue();
    void keepAliveRules_data();
    void keepAliveRules();
    void errorIsSticky();
    void leadingEmptyLines();
    void impossibleBytesFailFast_data();
    void impossibleBytesFailFast();
    void partialRequestsWaitForMore_data();
    void partialRequestsWaitForMore();
    void headerAccess();
};

void TestHttpParser::simpleGet()
{
    RequestParser parser;
    const QByteArray input = "GET /status HTTP/1.1\r\nHost: localhost\r\nUser-Agent: Go-http-client/1.1\r\n\r\n";
    const ParseResult result = parser.parse(input);
    QCOMPARE(result.status, ParseStatus::Complete);
    QCOMPARE(result.consumed, input.size());
    const Request request = parser.takeRequest();
    QCOMPARE(request.method, QByteArray("GET"));
    QCOMPARE(request.path, QByteArray("/status"));
    QCOMPARE(request.versionMinor, 1);
    QCOMPARE(request.headers.value("user-agent"), QByteArray("Go-http-client/1.1"));
    QVERIFY(request.body.isEmpty());
    QVERIFY(request.keepAlive());
}

void TestHttpParser::conversation()
{
    const Parsed parsed = parseAll(Conversation);
    QVERIFY2(parsed.errorStatus == 0, parsed.errorMessage.constData());
    QVERIFY(!parsed.pending);
    QCOMPARE(parsed.requests.size(), 5);
    QCOMPARE(parsed.requests[0].path, QByteArray("/version"));
    QCOMPARE(parsed.requests[1].body, QByteArray("{\"Op\":\"wakeup\",\"Name\":\"snapjob\"}"));
    // Trailer fields are checked but not merged into the header fields.
    QVERIFY(!parsed.requests[1].headers.contains("X-Trailer"));
    QCOMPARE(parsed.requests[2].body, QByteArray("null"));
    QCOMPARE(parsed.requests[3].versionMinor, 0);
    QCOMPARE(parsed.requests[3].path, QByteArray("/status"));
    QCOMPARE(parsed.requests[3].query, QByteArray("x=1"));
    QVERIFY(!parsed.requests[3].keepAlive());
    QCOMPARE(parsed.requests[4].path, QByteArray("/metrics"));
    QCOMPARE(parsed.requests[4].target, QByteArray("http://daemon/metrics"));
    QVERIFY(!parsed.requests[4].keepAlive());
}

void TestHttpParser::everySplitGivesTheSameRequests()
{
    const Parsed whole = parseAll(Conversation);
    QCOMPARE(whole.requests.size(), 5);
    for (qsizetype cut = 0; cut <= Conversation.size(); ++cut) {
        const Parsed split = parseInPieces(Conversation, {cut});
        QVERIFY2(split.errorStatus == 0, qPrintable(QStringLiteral("cut at %1: %2").arg(cut).arg(QString::fromUtf8(split.errorMessage))));
        QCOMPARE(split.requests.size(), whole.requests.size());
        for (qsizetype i = 0; i < whole.requests.size(); ++i) {
            QVERIFY2(sameRequest(split.requests[i], whole.requests[i]), qPrintable(QStringLiteral("cut at %1, request %2").arg(cut).arg(i)));
        }
    }
}

void TestHttpParser::byteByByte()
{
    QList<qsizetype> cuts;
    for (qsizetype i = 1; i < Conversation.size(); ++i) {
        cuts.append(i);
    }
    const Parsed split = parseInPieces(Conversation, cuts);
    const Parsed whole = parseAll(Conversation);
    QCOMPARE(split.errorStatus, 0);
    QCOMPARE(split.requests.size(), whole.requests.size());
    for (qsizetype i = 0; i < whole.requests.size(); ++i) {
        QVERIFY(sameRequest(split.requests[i], whole.requests[i]));
    }
}

void TestHttpParser::malformed_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("status");

    const QByteArray host = "Host: x\r\n";
    // request line
    QTest::newRow("lowercase version") << QByteArray("GET / http/1.1\r\n" + host + "\r\n") << 400;
    QTest::newRow("no version") << QByteArray("GET /\r\n\r\n") << 400;
    QTest::newRow("only method") << QByteArray("GET\r\n\r\n") << 400;
    QTest::newRow("double space") << QByteArray("GET  / HTTP/1.1\r\n" + host + "\r\n") << 400;
    QTest::newRow("trailing space") << QByteArray("GET / HTTP/1.1 \r\n" + host + "\r\n") << 400;
    QTest::newRow("leading space") << QByteArray(" GET / HTTP/1.1\r\n" + host + "\r\n") << 400;
    QTest::newRow("tab separator") << QByteArray("GET\t/ HTTP/1.1\r\n" + host + "\r\n") << 400;
    QTest::newRow("method with slash") << QByteArray("GE/T / HTTP/1.1\r\n" + host + "\r\n") << 400;
    QTest::newRow("method with NUL") << QByteArray("GE\0T / HTTP/1.1\r\n", 17) + host + "\r\n" << 400;
    QTest::newRow("target with control") << QByteArray("GET /\x01 HTTP/1.1\r\n" + host + "\r\n") << 400;
    QTest::newRow("target with DEL") << QByteArray("GET /\x7f HTTP/1.1\r\n" + host + "\r\n") << 400;
    QTest::newRow("target with fragment") << QByteArray("GET /a#b HTTP/1.1\r\n" + host + "\r\n") << 400;
    QTest::newRow("relative target") << QByteArray("GET status HTTP/1.1\r\n" + host + "\r\n") << 400;
    QTest::newRow("bare CR in request line") << QByteArray("GET /\r HTTP/1.1\r\n" + host + "\r\n") << 400;
    QTest::newRow("version two digits") << QByteArray("GET / HTTP/1.11\r\n" + host + "\r\n") << 400;
    QTest::newRow("version letters") << QByteArray("GET / HTTP/x.y\r\n" + host + "\r\n") << 400;
    QTest::newRow("version missing minor") << QByteArray("GET / HTTP/1.\r\n" + host + "\r\n") << 400;
    QTest::newRow("not http") << QByteArray("GET / FTP/1.1\r\n" + host + "\r\n") << 400;
    QTest::newRow("binary garbage") << QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n", 15) << 400;
    QTest::newRow("request line too long") << QByteArray("GET /" + QByteArray(9000, 'a') + " HTTP/1.1\r\n" + host + "\r\n") << 414;
    QTest::newRow("request line too long, unterminated") << QByteArray("GET /" + QByteArray(9000, 'a')) << 414;
    // versions
    QTest::newRow("HTTP/2.0") << QByteArray("GET / HTTP/2.0\r\n" + host + "\r\n") << 505;
    QTest::newRow("HTTP/2") << QByteArray("GET / HTTP/2\r\n" + host + "\r\n") << 505;
    QTest::newRow("HTTP/0.9") << QByteArray("GET / HTTP/0.9\r\n" + host + "\r\n") << 505;
    QTest::newRow("HTTP/3.0") << QByteArray("GET / HTTP/3.0\r\n" + host + "\r\n") << 505;
    QTest::newRow("h2 preface") << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") << 505;
    // header fields
    QTest::newRow("missing Host") << QByteArray("GET / HTTP/1.1\r\n\r\n") << 400;
    QTest::newRow("two Host fields") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n") << 400;
    QTest::newRow("no colon") << QByteArray("GET / HTTP/1.1\r\n" + host + "Broken\r\n\r\n") << 400;
    QTest::newRow("space before colon") << QByteArray("GET / HTTP/1.1\r\n" + host + "X-A : b\r\n\r\n") << 400;
    QTest::newRow("empty name") << QByteArray("GET / HTTP/1.1\r\n" + host + ": b\r\n\r\n") << 400;
    QTest::newRow("name with bracket") << QByteArray("GET / HTTP/1.1\r\n" + host + "X[a]: b\r\n\r\n") << 400;
    QTest::newRow("obs-fold") << QByteArray("GET / HTTP/1.1\r\n" + host + "X-A: b\r\n c\r\n\r\n") << 400;
    QTest::newRow("obs-fold with tab") << QByteArray("GET / HTTP/1.1\r\n" + host + "X-A: b\r\n\tc\r\n\r\n") << 400;
    QTest::newRow("NUL in value") << QByteArray("GET / HTTP/1.1\r\n" + host + QByteArray("X-A: b\0c\r\n\r\n", 12)) << 400;
    QTest::newRow("bare CR in value") << QByteArray("GET / HTTP/1.1\r\n" + host + "X-A: b\rc\r\n\r\n") << 400;
    QTest::newRow("header too large") << QByteArray("GET / HTTP/1.1\r\n" + host + "X-A: " + QByteArray(70000, 'a') + "\r\n\r\n") << 431;
    {
        QByteArray many = "GET / HTTP/1.1\r\n" + host;
        for (int i = 0; i < 100; ++i) {
            many += "X-" + QByteArray::number(i) + ": v\r\n";
        }
        QTest::newRow("101 header fields") << QByteArray(many + "\r\n") << 431;
    }
    // framing
    QTest::newRow("CL and TE") << QByteArray("POST / HTTP/1.1\r\n" + host + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n") << 400;
    QTest::newRow("CL not a number") << QByteArray("POST / HTTP/1.1\r\n" + host + "Content-Length: abc\r\n\r\n") << 400;
    QTest::newRow("CL negative") << QByteArray("POST / HTTP/1.1\r\n" + host + "Content-Length: -1\r\n\r\n") << 400;
    QTest::newRow("CL plus sign") << QByteArray("POST / HTTP/1.1\r\n" + host + "Content-Length: +4\r\n\r\nnull") << 400;
    QTest::newRow("CL conflicting fields") << QByteArray("POST / HTTP/1.1\r\n" + host + "Content-Length: 4\r\nContent-Length: 5\r\n\r\nnull!") << 400;
    QTest::newRow("CL conflicting list") << QByteArray("POST / HTTP/1.1\r\n" + host + "Content-Length: 4, 5\r\n\r\nnull!") << 400;
    QTest::newRow("CL empty") << QByteArray("POST / HTTP/1.1\r\n" + host + "Content-Length:\r\n\r\n") << 400;
    QTest::newRow("CL huge") << QByteArray("POST / HTTP/1.1\r\n" + host + "Content-Length: 99999999999999999999999\r\n\r\n") << 400;
    QTest::newRow("body over 1 MiB by CL") << QByteArray("POST / HTTP/1.1\r\n" + host + "Content-Length: 1048577\r\n\r\n") << 413;
    QTest::newRow("gzip coding") << QByteArray("POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: gzip, chunked\r\n\r\n") << 501;
    QTest::newRow("unknown coding") << QByteArray("POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: bogus\r\n\r\n") << 501;
    QTest::newRow("chunked twice") << QByteArray("POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked, chunked\r\n\r\n") << 400;
    QTest::newRow("empty TE") << QByteArray("POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: \r\n\r\n") << 400;
    // chunked bodies
    const QByteArray chunkedHead = "POST /signal HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n";
    QTest::newRow("chunk size not hex") << QByteArray(chunkedHead + "zz\r\nab\r\n0\r\n\r\n") << 400;
    QTest::newRow("chunk size missing") << QByteArray(chunkedHead + "\r\nab\r\n0\r\n\r\n") << 400;
    QTest::newRow("chunk size negative") << QByteArray(chunkedHead + "-2\r\nab\r\n0\r\n\r\n") << 400;
    QTest::newRow("chunk size overflow") << QByteArray(chunkedHead + "ffffffffffffffffff\r\n") << 400;
    QTest::newRow("chunk longer than size") << QByteArray(chunkedHead + "2\r\nabc\r\n0\r\n\r\n") << 400;
    QTest::newRow("chunk size line too long") << QByteArray(chunkedHead + "1;" + QByteArray(5000, 'e') + "\r\n") << 400;
    QTest::newRow("chunked body over 1 MiB") << QByteArray(chunkedHead + "100001\r\n") << 413;
    QTest::newRow("bad trailer") << QByteArray(chunkedHead + "0\r\nno colon\r\n\r\n") << 400;
    QTest::newRow("trailer too large") << QByteArray(chunkedHead + "0\r\nX: " + QByteArray(70000, 't') + "\r\n\r\n") << 431;
    // leading empty lines
    QTest::newRow("many empty lines") << QByteArray(QByteArray("\r\n").repeated(20) + "GET / HTTP/1.1\r\n" + host + "\r\n") << 400;
}

void TestHttpParser::malformed()
{
    QFETCH(QByteArray, input);
    QFETCH(int, status);
    const Parsed whole = parseAll(input);
    QCOMPARE(whole.errorStatus, status);
    QVERIFY(!whole.errorMessage.isEmpty());
    // The same verdict whichever way the bytes arrive.
    for (qsizetype cut = 1; cut < input.size(); cut += qMax<qsizetype>(1, input.size() / 97)) {
        const Parsed split = parseInPieces(input, {cut});
        QCOMPARE(split.errorStatus, status);
    }
}

void TestHttpParser::limitsAtTheBoundary()
{
    RequestLimits limits;
    // A request line of exactly the limit is accepted, one byte more is not.
    const QByteArray prefix = "GET /";
    const QByteArray suffix = " HTTP/1.1";
    const QByteArray exact = prefix + QByteArray(limits.maxRequestLine - prefix.size() - suffix.size(), 'a') + suffix;
    QCOMPARE(exact.size(), limits.maxRequestLine);
    QCOMPARE(parseAll(exact + "\r\nHost: x\r\n\r\n").requests.size(), 1);
    QCOMPARE(parseAll(prefix + 'a' + exact.mid(prefix.size()) + "\r\nHost: x\r\n\r\n").errorStatus, 414);

    // 100 fields are fine, 101 are not (the 101st case is in malformed()).
    QByteArray hundred = "GET / HTTP/1.1\r\nHost: x\r\n";
    for (int i = 0; i < 99; ++i) {
        hundred += "X-" + QByteArray::number(i) + ": v\r\n";
    }
    QCOMPARE(parseAll(hundred + "\r\n").requests.size(), 1);

    // A body of exactly 1 MiB is accepted.
    const QByteArray body(limits.maxBodySize, 'b');
    const Parsed parsed = parseAll("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QCOMPARE(parsed.requests.size(), 1);
    QCOMPARE(parsed.requests[0].body.size(), body.size());

    // Custom limits are honoured.
    RequestLimits tight;
    tight.maxBodySize = 3;
    QCOMPARE(parseAll("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nnull", tight).errorStatus, 413);
    QCOMPARE(parseAll("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n2\r\ncd\r\n0\r\n\r\n", tight).errorStatus, 413);
}

void TestHttpParser::bodyLimitDoesNotApplyToStreamedBodies()
{
    RequestLimits tight;
    tight.maxBodySize = 4;
    RequestParser parser(tight);
    parser.setStreamBody(true);
    const QByteArray head = "PUT /recv HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
    ParseResult result = parser.parse(head);
    QCOMPARE(result.status, ParseStatus::HeadComplete);
    QCOMPARE(result.consumed, head.size());
    QByteArray received;
    const QByteArray part1 = "a\r\n0123456789\r\n";
    result = parser.parse(part1);
    QCOMPARE(result.status, ParseStatus::Incomplete);
    QCOMPARE(result.consumed, part1.size());
    received += parser.takeBodyData();
    QCOMPARE(received, QByteArray("0123456789"));
    result = parser.parse("3\r\nabc\r\n0\r\n\r\n");
    QCOMPARE(result.status, ParseStatus::Complete);
    received += parser.takeBodyData();
    QCOMPARE(received, QByteArray("0123456789abc"));
    QVERIFY(parser.takeRequest().body.isEmpty());
}

void TestHttpParser::expectContinue()
{
    RequestParser parser;
    const QByteArray head = "POST /signal HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n";
    ParseResult result = parser.parse(head);
    QCOMPARE(result.status, ParseStatus::HeadComplete);
    QVERIFY(parser.expectsContinue());
    QVERIFY(parser.headComplete());
    result = parser.parse("null");
    QCOMPARE(result.status, ParseStatus::Complete);
    QCOMPARE(parser.takeRequest().body, QByteArray("null"));

    // HTTP/1.0 has no 100 Continue (RFC 9110 §10.1.1).
    RequestParser old;
    QCOMPARE(old.parse("POST /signal HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n").status, ParseStatus::HeadComplete);
    QVERIFY(!old.expectsContinue());
}

void TestHttpParser::keepAliveRules_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("keepAlive");
    QTest::newRow("1.1 default") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\n\r\n") << true;
    QTest::newRow("1.1 close") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n") << false;
    QTest::newRow("1.1 Close in a list") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\nConnection: foo, CLOSE\r\n\r\n") << false;
    QTest::newRow("1.0 default") << QByteArray("GET / HTTP/1.0\r\n\r\n") << false;
    QTest::newRow("1.0 keep-alive") << QByteArray("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n") << true;
    QTest::newRow("1.2 treated as 1.1") << QByteArray("GET / HTTP/1.2\r\nHost: x\r\n\r\n") << true;
}

void TestHttpParser::keepAliveRules()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, keepAlive);
    const Parsed parsed = parseAll(input);
    QCOMPARE(parsed.requests.size(), 1);
    QCOMPARE(parsed.requests[0].keepAlive(), keepAlive);
}

void TestHttpParser::errorIsSticky()
{
    RequestParser parser;
    QCOMPARE(parser.parse("BAD\r\n").status, ParseStatus::Error);
    QCOMPARE(parser.parse("GET / HTTP/1.1\r\nHost: x\r\n\r\n").status, ParseStatus::Error);
    QCOMPARE(parser.errorStatus(), 400);
    parser.reset();
    QCOMPARE(parser.parse("GET / HTTP/1.1\r\nHost: x\r\n\r\n").status, ParseStatus::Complete);
}

void TestHttpParser::leadingEmptyLines()
{
    const Parsed parsed = parseAll("\r\n\nGET / HTTP/1.1\r\nHost: x\r\n\r\n");
    QCOMPARE(parsed.errorStatus, 0);
    QCOMPARE(parsed.requests.size(), 1);
}

// Bytes that can never start a request are refused as soon as they arrive, without a line end (the server used to
// wait for its read timeout): a TLS ClientHello, NULs, a binary protocol.
void TestHttpParser::impossibleBytesFailFast_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("TLS ClientHello") << QByteArray::fromHex("160301020001") << QByteArray("a TLS handshake: this socket speaks plain HTTP/1.1");
    QTest::newRow("TLS record header alone") << QByteArray::fromHex("16") << QByteArray("a TLS handshake: this socket speaks plain HTTP/1.1");
    QTest::newRow("NUL") << QByteArray(1, '\0') << QByteArray("byte 0x00 cannot be part of a request method");
    QTest::newRow("NUL inside the method") << QByteArray("GE\0", 3) << QByteArray("byte 0x00 cannot be part of a request method");
    QTest::newRow("after empty lines") << QByteArray("\r\n\r\n\x01") << QByteArray("byte 0x01 cannot be part of a request method");
    QTest::newRow("bracket") << QByteArray("{\"Name\"") << QByteArray("byte 0x7b cannot be part of a request method");
}
void TestHttpParser::impossibleBytesFailFast()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QByteArray, message);
    RequestParser parser;
    QCOMPARE(parser.parse(bytes).status, ParseStatus::Error);
    QCOMPARE(parser.errorStatus(), 400);
    QCOMPARE(parser.errorMessage(), message);
}

// What may still become a request keeps waiting: RFC 9112's empty lines before it, a method cut anywhere, a CR
// that may be a CRLF's.
void TestHttpParser::partialRequestsWaitForMore_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("nothing") << QByteArray();
    QTest::newRow("a CR") << QByteArray("\r");
    QTest::newRow("empty lines and a CR") << QByteArray("\r\n\n\r");
    QTest::newRow("part of a method") << QByteArray("GE");
    QTest::newRow("method and CR") << QByteArray("GET\r");
    QTest::newRow("method and target") << QByteArray("POST /sig");
    QTest::newRow("token characters") << QByteArray("M-SEARCH!#$%&'*+.^_`|~");
}
void TestHttpParser::partialRequestsWaitForMore()
{
    QFETCH(QByteArray, bytes);
    RequestParser parser;
    QCOMPARE(parser.parse(bytes).status, ParseStatus::Incomplete);
}

void TestHttpParser::headerAccess()
{
    const Parsed parsed = parseAll("GET / HTTP/1.1\r\nHost: x\r\nAccept: a, b\r\naccept: c\r\nX-Empty:\r\nX-Space:   v  \r\n\r\n");
    QCOMPARE(parsed.requests.size(), 1);
    const Headers &headers = parsed.requests[0].headers;
    QCOMPARE(headers.values("ACCEPT"), (QList<QByteArray>{"a, b", "c"}));
    QCOMPARE(headers.listValues("accept"), (QList<QByteArray>{"a", "b", "c"}));
    QVERIFY(headers.hasToken("Accept", "B"));
    QVERIFY(headers.contains("x-empty"));
    QCOMPARE(headers.value("X-Empty"), QByteArray());
    QCOMPARE(headers.value("X-Space"), QByteArray("v"));
    Headers copy = headers;
    copy.set("accept", "d");
    QCOMPARE(copy.values("Accept"), (QList<QByteArray>{"d"}));
    copy.remove("ACCEPT");
    QVERIFY(!copy.contains("Accept"));
}

QTEST_APPLESS_MAIN(TestHttpParser)
#include "TestHttpParser.moc"
