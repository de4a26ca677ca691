// SPDX-License-Identifier: MIT
#include "shared/http/HttpParser.h"

#include <optional>

namespace Http {

namespace {

using detail::LineStatus;

constexpr int MaxLeadingEmptyLines = 8;  // RFC 9112 §2.2: ignore at least one empty line before the request line

enum class VersionCheck
{
    Ok,
    Malformed,
    Unsupported,
};

// "HTTP/1.1" → minor 1. Like Go, any HTTP/1.x is accepted and treated as 1.1 when x > 1; another major
// version, HTTP/2 included, is well-formed but not ours.
VersionCheck checkVersion(QByteArrayView text, int *minor)
{
    if (!text.startsWith("HTTP/")) {
        return VersionCheck::Malformed;
    }
    const QByteArrayView number = text.sliced(5);
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    if (number.size() == 3 && digit(number[0]) && number[1] == '.' && digit(number[2])) {
        if (number[0] != '1') {
            return VersionCheck::Unsupported;
        }
        *minor = number[2] == '0' ? 0 : 1;
        return VersionCheck::Ok;
    }
    if (number.size() == 1 && digit(number[0])) {
        return VersionCheck::Unsupported;  // "HTTP/2", "HTTP/3"
    }
    return VersionCheck::Malformed;
}

bool isTargetChar(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return u > 0x20 && u != 0x7f;
}

// Splits the request target into path and query (RFC 9112 §3.2): origin-form "/p?q", absolute-form
// "http://host/p?q" (path "/" when it has none), and "*".
bool splitTarget(const QByteArray &target, QByteArray *path, QByteArray *query)
{
    QByteArray rest = target;
    const qsizetype hash = rest.indexOf('#');
    if (hash >= 0) {
        return false;  // a fragment is never sent (RFC 9110 §4.2.4)
    }
    if (rest == "*") {
        *path = rest;
        return true;
    }
    if (!rest.startsWith('/')) {
        const qsizetype scheme = rest.indexOf("://");
        if (scheme <= 0 || !detail::isToken(QByteArrayView(rest).first(scheme))) {
            return false;
        }
        const qsizetype pathStart = rest.indexOf('/', scheme + 3);
        const qsizetype queryStart = rest.indexOf('?', scheme + 3);
        if (pathStart < 0 || (queryStart >= 0 && queryStart < pathStart)) {
            rest = queryStart < 0 ? QByteArray("/") : "/" + rest.mid(queryStart);
        } else {
            rest = rest.mid(pathStart);
        }
    }
    const qsizetype question = rest.indexOf('?');
    *path = question < 0 ? rest : rest.left(question);
    *query = question < 0 ? QByteArray() : rest.mid(question + 1);
    return true;
}

QByteArray clipped(QByteArrayView text)
{
    return text.first(qMin<qsizetype>(text.size(), 64)).toByteArray();
}

}  // namespace

// ---------------------------------------------------------------------------------------------------------------
// RequestParser

RequestParser::RequestParser(RequestLimits limits)
    : m_limits(limits)
{
}

void RequestParser::reset()
{
    m_message = Request();
    m_errorStatus = 0;
    m_errorMessage.clear();
    m_state = State::StartLine;
    m_line.clear();
    m_headerBytes = 0;
    m_emptyLines = 0;
    m_hasBody = false;
    m_bodyData.clear();
}

bool RequestParser::headComplete() const
{
    return m_state == State::Body || m_state == State::Done;
}

bool RequestParser::expectsContinue() const
{
    return m_message.versionMinor >= 1 && m_hasBody && m_message.headers.hasToken("Expect", "100-continue");
}

Request RequestParser::takeRequest()
{
    Request request = std::move(m_message);
    reset();
    return request;
}

void RequestParser::setStreamBody(bool stream)
{
    if (stream == m_streamBody) {
        return;
    }
    m_streamBody = stream;
    // Bytes that arrived before the switch belong to the same body.
    detail::moveBodyBytes(stream, &m_message.body, &m_bodyData);
    m_body.setMaxBody(stream ? -1 : m_limits.maxBodySize);
}

QByteArray RequestParser::takeBodyData()
{
    return std::exchange(m_bodyData, QByteArray());
}

ParseResult RequestParser::fail(int status, QByteArray message, qsizetype consumed)
{
    m_state = State::Failed;
    m_errorStatus = status;
    m_errorMessage = std::move(message);
    return {ParseStatus::Error, consumed};
}

bool RequestParser::parseRequestLine(const QByteArray &line)
{
    // method SP request-target SP HTTP-version, single spaces (RFC 9112 §3)
    const qsizetype first = line.indexOf(' ');
    const qsizetype second = first < 0 ? -1 : line.indexOf(' ', first + 1);
    if (first <= 0 || second < 0 || line.indexOf(' ', second + 1) >= 0) {
        fail(400, "malformed request line: \"" + clipped(line) + '"', 0);
        return false;
    }
    const QByteArrayView method = QByteArrayView(line).first(first);
    const QByteArrayView target = QByteArrayView(line).sliced(first + 1, second - first - 1);
    const QByteArrayView version = QByteArrayView(line).sliced(second + 1);
    if (!detail::isToken(method)) {
        fail(400, "invalid method: \"" + clipped(method) + '"', 0);
        return false;
    }
    int minor = 1;
    switch (checkVersion(version, &minor)) {
    case VersionCheck::Ok:
        break;
    case VersionCheck::Malformed:
        fail(400, "malformed HTTP version: \"" + clipped(version) + '"', 0);
        return false;
    case VersionCheck::Unsupported:
        fail(505, "unsupported protocol version: \"" + clipped(version) + '"', 0);
        return false;
    }
    if (target.isEmpty() || !std::all_of(target.begin(), target.end(), isTargetChar)) {
        fail(400, QByteArrayLiteral("invalid request target"), 0);
        return false;
    }
    m_message.method = method.toByteArray();
    m_message.target = target.toByteArray();
    m_message.versionMinor = minor;
    if (!splitTarget(m_message.target, &m_message.path, &m_message.query)) {
        fail(400, "invalid request target: \"" + clipped(target) + '"', 0);
        return false;
    }
    return true;
}

bool RequestParser::finishHead()
{
    const Headers &headers = m_message.headers;
    const qsizetype hosts = headers.values("Host").size();
    if (m_message.versionMinor >= 1 && hosts == 0) {
        fail(400, QByteArrayLiteral("missing required Host header"), 0);
        return false;
    }
    if (hosts > 1) {
        fail(400, QByteArrayLiteral("too many Host headers"), 0);
        return false;
    }
    const detail::Framing framing = detail::framingOf(headers, true);
    if (framing.errorStatus != 0) {
        fail(framing.errorStatus, framing.errorMessage, 0);
        return false;
    }
    m_hasBody = framing.mode == detail::BodyReader::Mode::Chunked || framing.length > 0;
    if (!m_streamBody && framing.mode == detail::BodyReader::Mode::Length && framing.length > m_limits.maxBodySize) {
        fail(413, "request body of " + QByteArray::number(framing.length) + " bytes exceeds the limit of "
                 + QByteArray::number(m_limits.maxBodySize),
             0);
        return false;
    }
    detail::BodyLimits limits;
    limits.maxBody = m_streamBody ? -1 : m_limits.maxBodySize;
    limits.maxTrailerBytes = m_limits.maxHeaderBytes;
    limits.maxTrailerFields = m_limits.maxHeaderFields;
    m_body.start(framing.mode, framing.length, limits);
    return true;
}

std::optional<QByteArray> RequestParser::impossibleRequestStart(const QByteArray &partial)
{
    // The method comes first, and it is a token. A CR at the end may be an empty line's (RFC 9112 §2.2 allows
    // those before the request line) or the request line's own.
    qsizetype end = partial.indexOf(' ');
    if (end < 0) {
        end = partial.endsWith('\r') ? partial.size() - 1 : partial.size();
    }
    for (qsizetype i = 0; i < end; ++i) {
        const char c = partial.at(i);
        if (detail::isTokenChar(c)) {
            continue;
        }
        if (i == 0 && c == 0x16 && (partial.size() < 2 || partial.at(1) == 0x03)) {
            return QByteArrayLiteral("a TLS handshake: this socket speaks plain HTTP/1.1");
        }
        return "byte 0x" + QByteArray::number(uchar(c), 16).rightJustified(2, '0') + " cannot be part of a request method";
    }
    return std::nullopt;
}

ParseResult RequestParser::parse(QByteArrayView data)
{
    if (m_state == State::Failed) {
        return {ParseStatus::Error, 0};
    }
    if (m_state == State::Done) {
        reset();  // the caller did not take the previous request; it is dropped
    }
    qsizetype pos = 0;
    while (m_state == State::StartLine) {
        QByteArray line;
        const LineStatus status = detail::takeLine(data, &pos, &m_line, m_limits.maxRequestLine, &line);
        if (status == LineStatus::TooLong) {
            return fail(414, "request line longer than " + QByteArray::number(m_limits.maxRequestLine) + " bytes", pos);
        }
        if (status == LineStatus::NeedMore) {
            // Bytes that can never begin a request (a TLS ClientHello, NULs) are refused now, not after the read
            // timeout: the client learns at once that it speaks the wrong protocol.
            if (std::optional<QByteArray> why = impossibleRequestStart(m_line)) {
                return fail(400, std::move(*why), pos);
            }
            return {ParseStatus::Incomplete, pos};
        }
        if (line.isEmpty()) {
            if (++m_emptyLines > MaxLeadingEmptyLines) {
                return fail(400, QByteArrayLiteral("too many empty lines before the request line"), pos);
            }
            continue;
        }
        if (!parseRequestLine(line)) {
            return {ParseStatus::Error, pos};
        }
        m_state = State::Headers;
    }
    if (m_state == State::Headers) {
        QByteArray problem;
        switch (detail::readFieldLines(data, &pos, &m_line, &m_headerBytes, m_limits.maxHeaderBytes,
                                       m_limits.maxHeaderFields, &m_message.headers, &problem)) {
        case detail::FieldsStatus::NeedMore:
            return {ParseStatus::Incomplete, pos};
        case detail::FieldsStatus::TooLarge:
            return fail(431, "header fields larger than " + QByteArray::number(m_limits.maxHeaderBytes) + " bytes", pos);
        case detail::FieldsStatus::TooMany:
            return fail(431, "more than " + QByteArray::number(m_limits.maxHeaderFields) + " header fields", pos);
        case detail::FieldsStatus::Bad:
            return fail(400, std::move(problem), pos);
        case detail::FieldsStatus::Done:
            break;
        }
        if (!finishHead()) {
            return {ParseStatus::Error, pos};
        }
        if (!m_hasBody) {
            m_state = State::Done;
            return {ParseStatus::Complete, pos};
        }
        m_state = State::Body;
        return {ParseStatus::HeadComplete, pos};
    }
    // State::Body
    qsizetype used = 0;
    const detail::BodyReader::Result result = m_body.feed(data.sliced(pos), &used, &bodySink());
    pos += used;
    switch (result) {
    case detail::BodyReader::Result::NeedMore:
        return {ParseStatus::Incomplete, pos};
    case detail::BodyReader::Result::Error:
        return fail(m_body.errorStatus(), m_body.errorMessage(), pos);
    case detail::BodyReader::Result::Done:
        break;
    }
    m_message.trailers = m_body.trailers();
    m_state = State::Done;
    return {ParseStatus::Complete, pos};
}

// ---------------------------------------------------------------------------------------------------------------
// ResponseParser

ResponseParser::ResponseParser(ResponseLimits limits)
    : m_limits(limits)
{
}

void ResponseParser::setRequestMethod(QByteArrayView method)
{
    m_requestMethod = method.toByteArray();
}

void ResponseParser::reset()
{
    m_message = Response();
    m_errorMessage.clear();
    m_state = State::StartLine;
    m_line.clear();
    m_headerBytes = 0;
    m_hasBody = false;
    m_bodyData.clear();
}

bool ResponseParser::headComplete() const
{
    return m_state == State::Body || m_state == State::Done;
}

Response ResponseParser::takeResponse()
{
    Response response = std::move(m_message);
    reset();
    return response;
}

void ResponseParser::setStreamBody(bool stream)
{
    if (stream == m_streamBody) {
        return;
    }
    m_streamBody = stream;
    detail::moveBodyBytes(stream, &m_message.body, &m_bodyData);
    m_body.setMaxBody(stream ? -1 : m_limits.maxBodySize);
}

QByteArray ResponseParser::takeBodyData()
{
    return std::exchange(m_bodyData, QByteArray());
}

ParseResult ResponseParser::fail(QByteArray message, qsizetype consumed)
{
    m_state = State::Failed;
    m_errorMessage = std::move(message);
    return {ParseStatus::Error, consumed};
}

bool ResponseParser::parseStatusLine(const QByteArray &line)
{
    // HTTP-version SP status-code SP [ reason-phrase ]; a missing final SP is common enough to accept.
    const qsizetype first = line.indexOf(' ');
    if (first <= 0) {
        fail("malformed status line: \"" + clipped(line) + '"', 0);
        return false;
    }
    int minor = 1;
    if (checkVersion(QByteArrayView(line).first(first), &minor) != VersionCheck::Ok) {
        fail("unsupported or malformed HTTP version in status line: \"" + clipped(line) + '"', 0);
        return false;
    }
    const QByteArrayView rest = QByteArrayView(line).sliced(first + 1);
    const QByteArrayView code = rest.first(qMin<qsizetype>(rest.size(), 3));
    const bool digits = code.size() == 3 && std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits || code[0] == '0' || (rest.size() > 3 && rest[3] != ' ')) {
        fail("malformed status code in status line: \"" + clipped(line) + '"', 0);
        return false;
    }
    m_message.versionMinor = minor;
    m_message.status = code.toByteArray().toInt();
    m_message.reason = rest.size() > 4 ? rest.sliced(4).toByteArray() : QByteArray();
    return true;
}

bool ResponseParser::finishHead()
{
    const int status = m_message.status;
    detail::BodyLimits limits;
    limits.maxBody = m_streamBody ? -1 : m_limits.maxBodySize;
    limits.maxTrailerBytes = m_limits.maxHeaderBytes;
    limits.maxTrailerFields = m_limits.maxHeaderFields;
    // RFC 9112 §6.3: these never have content, whatever the header fields say.
    if (m_requestMethod == "HEAD" || (status >= 100 && status < 200) || status == 204 || status == 304) {
        m_hasBody = false;
        return true;
    }
    const detail::Framing framing = detail::framingOf(m_message.headers, false);
    if (framing.errorStatus != 0) {
        fail(framing.errorMessage, 0);
        return false;
    }
    if (!m_streamBody && framing.mode == detail::BodyReader::Mode::Length && framing.length > m_limits.maxBodySize) {
        fail("response body of " + QByteArray::number(framing.length) + " bytes exceeds the limit", 0);
        return false;
    }
    m_hasBody = framing.mode != detail::BodyReader::Mode::Length || framing.length > 0;
    m_body.start(framing.mode, framing.length, limits);
    return true;
}

ParseResult ResponseParser::parse(QByteArrayView data)
{
    if (m_state == State::Failed) {
        return {ParseStatus::Error, 0};
    }
    if (m_state == State::Done) {
        reset();
    }
    qsizetype pos = 0;
    while (m_state == State::StartLine) {
        QByteArray line;
        const LineStatus status = detail::takeLine(data, &pos, &m_line, m_limits.maxStatusLine, &line);
        if (status == LineStatus::TooLong) {
            return fail(QByteArrayLiteral("status line too long"), pos);
        }
        if (status == LineStatus::NeedMore) {
            return {ParseStatus::Incomplete, pos};
        }
        if (!parseStatusLine(line)) {
            return {ParseStatus::Error, pos};
        }
        m_state = State::Headers;
    }
    if (m_state == State::Headers) {
        QByteArray problem;
        switch (detail::readFieldLines(data, &pos, &m_line, &m_headerBytes, m_limits.maxHeaderBytes,
                                       m_limits.maxHeaderFields, &m_message.headers, &problem)) {
        case detail::FieldsStatus::NeedMore:
            return {ParseStatus::Incomplete, pos};
        case detail::FieldsStatus::TooLarge:
            return fail(QByteArrayLiteral("response header fields too large"), pos);
        case detail::FieldsStatus::TooMany:
            return fail(QByteArrayLiteral("too many response header fields"), pos);
        case detail::FieldsStatus::Bad:
            return fail(std::move(problem), pos);
        case detail::FieldsStatus::Done:
            break;
        }
        if (!finishHead()) {
            return {ParseStatus::Error, pos};
        }
        if (!m_hasBody) {
            m_state = State::Done;
            return {ParseStatus::Complete, pos};
        }
        m_state = State::Body;
        return {ParseStatus::HeadComplete, pos};
    }
    qsizetype used = 0;
    const detail::BodyReader::Result result = m_body.feed(data.sliced(pos), &used, &bodySink());
    pos += used;
    switch (result) {
    case detail::BodyReader::Result::NeedMore:
        return {ParseStatus::Incomplete, pos};
    case detail::BodyReader::Result::Error:
        return fail(m_body.errorMessage(), pos);
    case detail::BodyReader::Result::Done:
        break;
    }
    m_message.trailers = m_body.trailers();
    m_state = State::Done;
    return {ParseStatus::Complete, pos};
}

ParseStatus ResponseParser::finish()
{
    switch (m_state) {
    case State::Done:
        return ParseStatus::Complete;
    case State::Failed:
        return ParseStatus::Error;
    case State::Body:
        if (m_body.mode() == detail::BodyReader::Mode::UntilClose) {
            m_state = State::Done;
            return ParseStatus::Complete;
        }
        break;
    case State::StartLine:
        if (m_line.isEmpty()) {
            return ParseStatus::Incomplete;  // nothing of a response arrived: nothing to complete or refuse
        }
        break;
    case State::Headers:
        break;
    }
    fail(QByteArrayLiteral("connection closed before the response was complete"), 0);
    return ParseStatus::Error;
}

}  // namespace Http
