// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

#include <QByteArray>
#include <QByteArrayView>

#include "shared/http/HttpFraming.h"
#include "shared/http/HttpMessage.h"

namespace Http {

enum class ParseStatus
{
    Incomplete,    // every byte given was consumed; more are needed
    HeadComplete,  // the start line and the header fields are in and a body follows (a message without one
                   // goes straight to Complete)
    Complete,      // one whole message is in; `consumed` says where the next one starts
    Error,         // the input is not HTTP/1.x we accept; errorStatus()/errorMessage() say why
};

struct ParseResult
{
    ParseStatus status = ParseStatus::Incomplete;
    qsizetype consumed = 0;
};

struct RequestLimits
{
    qsizetype maxRequestLine = 8 * 1024;  // over it: 414
    qsizetype maxHeaderBytes = 64 * 1024;  // all field lines together; over it: 431
    int maxHeaderFields = 100;  // over it: 431
    qsizetype maxBodySize = 1024 * 1024;  // decoded body; over it: 413 (not applied to streamed bodies)
};

// Incremental HTTP/1.x request parser (RFC 9112) for the server side. Feed it whatever the socket delivered;
// it consumes at most one message per Complete, so pipelined requests are parsed by calling it again with the
// bytes after `consumed`. It reports HeadComplete once per message, before the body, so that a server can answer
// "Expect: 100-continue" or switch to streaming the body.
class RequestParser
{
public:
    explicit RequestParser(RequestLimits limits = {});

    ParseResult parse(QByteArrayView data);
    // Ready for the next message; forgets a previous error.
    void reset();

    bool headComplete() const;
    bool expectsContinue() const;  // "Expect: 100-continue" on an HTTP/1.1 request
    const Request &request() const { return m_message; }
    // The parsed request after Complete; the parser is reset for the next message.
    Request takeRequest();

    // In streaming mode body bytes are collected for takeBodyData() instead of request().body, without the body
    // size limit. A setting of the parser that outlives each message; switch it on before the head arrives, or
    // at HeadComplete at the latest (a Content-Length over the limit is refused at the head otherwise).
    void setStreamBody(bool stream);
    QByteArray takeBodyData();
    // In streaming mode, the caller may move the payload bytes itself (from the socket into a pipe with splice(2)):
    // parse() then stops where a chunk's payload begins, payloadRemaining() says how many bytes of it are still to
    // come, and payloadMoved() accounts for those the caller moved; the framing around them (chunk sizes, CRLFs,
    // trailers) goes through parse() as before, with the same errors. A setting like setStreamBody().
    void setPayloadByCaller(bool byCaller) { m_body.setPayloadByCaller(byCaller); }
    qint64 payloadRemaining() const { return m_state == State::Body ? m_body.payloadRemaining() : 0; }
    void payloadMoved(qint64 bytes) { m_body.payloadMoved(bytes); }

    // The status a server should answer with after Error: 400, 413, 414, 431, 501 or 505.
    int errorStatus() const { return m_errorStatus; }
    QByteArray errorMessage() const { return m_errorMessage; }

private:
    enum class State
    {
        StartLine,
        Headers,
        Body,
        Done,
        Failed,
    };

    ParseResult fail(int status, QByteArray message, qsizetype consumed);
    bool parseRequestLine(const QByteArray &line);
    // Why the start of a request line, still without its end, can never become a valid one; nullopt while it can.
    static std::optional<QByteArray> impossibleRequestStart(const QByteArray &partial);
    // After the empty line: checks the head as a whole and sets up the body.
    bool finishHead();
    QByteArray &bodySink() { return m_streamBody ? m_bodyData : m_message.body; }

    RequestLimits m_limits;
    Request m_message;
    int m_errorStatus = 0;
    QByteArray m_errorMessage;
    State m_state = State::StartLine;
    QByteArray m_line;
    qsizetype m_headerBytes = 0;
    int m_emptyLines = 0;
    bool m_hasBody = false;
    bool m_streamBody = false;
    QByteArray m_bodyData;
    detail::BodyReader m_body;
};

struct ResponseLimits
{
    qsizetype maxStatusLine = 8 * 1024;
    qsizetype maxHeaderBytes = 64 * 1024;
    int maxHeaderFields = 100;
    qsizetype maxBodySize = 256 * 1024 * 1024;  // a 10,000-filesystem status is a few MiB
};

// Incremental HTTP/1.x response parser (RFC 9112) for the client side: Content-Length, chunked (Go's net/http
// answers large bodies chunked) and bodies delimited by the connection close. Interim 1xx responses are returned
// as Complete messages of their own.
class ResponseParser
{
public:
    explicit ResponseParser(ResponseLimits limits = {});

    // The method of the request this response answers: a response to HEAD has no body (RFC 9112 §6.3).
    void setRequestMethod(QByteArrayView method);
    ParseResult parse(QByteArrayView data);
    // The peer closed the connection. Completes a body that is delimited by the close; anything else that is
    // unfinished becomes an Error ("connection closed before the response was complete").
    ParseStatus finish();
    void reset();

    bool headComplete() const;
    const Response &response() const { return m_message; }
    Response takeResponse();

    void setStreamBody(bool stream);
    QByteArray takeBodyData();
    // As RequestParser's.
    void setPayloadByCaller(bool byCaller) { m_body.setPayloadByCaller(byCaller); }
    qint64 payloadRemaining() const { return m_state == State::Body ? m_body.payloadRemaining() : 0; }
    void payloadMoved(qint64 bytes) { m_body.payloadMoved(bytes); }

    QByteArray errorMessage() const { return m_errorMessage; }

private:
    enum class State
    {
        StartLine,
        Headers,
        Body,
        Done,
        Failed,
    };

    ParseResult fail(QByteArray message, qsizetype consumed);
    bool parseStatusLine(const QByteArray &line);
    bool finishHead();
    QByteArray &bodySink() { return m_streamBody ? m_bodyData : m_message.body; }

    ResponseLimits m_limits;
    QByteArray m_requestMethod = "GET";
    Response m_message;
    QByteArray m_errorMessage;
    State m_state = State::StartLine;
    QByteArray m_line;
    qsizetype m_headerBytes = 0;
    bool m_hasBody = false;
    bool m_streamBody = false;
    QByteArray m_bodyData;
    detail::BodyReader m_body;
};

}  // namespace Http
