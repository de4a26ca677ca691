// SPDX-License-Identifier: MIT
#include "shared/http/HttpWriter.h"

#include "shared/http/HttpStatus.h"

namespace Http {

namespace {

void appendFields(QByteArray &out, const Headers &headers)
{
    for (const HeaderField &field : headers.fields()) {
        out += field.name;
        out += ": ";
        out += field.value;
        out += "\r\n";
    }
}

bool statusHasBody(int status)
{
    return status >= 200 && status != 204 && status != 304;
}

bool isChunked(const Headers &headers)
{
    return headers.hasToken("Transfer-Encoding", "chunked");
}

QByteArray startLine(const Response &response)
{
    QByteArray line = "HTTP/1." + QByteArray::number(response.versionMinor) + ' ' + QByteArray::number(response.status) + ' ';
    line += response.reason.isEmpty() ? reasonPhrase(response.status) : response.reason;
    line += "\r\n";
    return line;
}

QByteArray startLine(const Request &request)
{
    QByteArray target = request.target;
    if (target.isEmpty()) {
        target = request.path.isEmpty() ? QByteArray("/") : request.path;
        if (!request.query.isEmpty()) {
            target += '?' + request.query;
        }
    }
    return request.method + ' ' + target + " HTTP/1." + QByteArray::number(request.versionMinor) + "\r\n";
}

// Appends the framing header a body needs and the body itself, framed.
void appendFramedBody(QByteArray &out, const Headers &headers, const QByteArray &body, bool lengthWanted)
{
    if (isChunked(headers)) {
        appendFields(out, headers);
        out += "\r\n";
        out += chunk(body);
        out += lastChunk();
        return;
    }
    appendFields(out, headers);
    if (!headers.contains("Content-Length") && lengthWanted) {
        out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    }
    out += "\r\n";
    out += body;
}

}  // namespace

QByteArray serialize(const Response &response)
{
    QByteArray out = startLine(response);
    out.reserve(out.size() + response.body.size() + 64 * (response.headers.size() + 1));
    if (!statusHasBody(response.status)) {
        appendFields(out, response.headers);
        out += "\r\n";
        return out;
    }
    appendFramedBody(out, response.headers, response.body, true);
    return out;
}

QByteArray serialize(const Request &request)
{
    QByteArray out = startLine(request);
    out.reserve(out.size() + request.body.size() + 64 * (request.headers.size() + 1));
    // Like Go's client: a body-carrying method always states its length, even when it is zero, so that the
    // server need not wait for a body that never comes.
    const bool lengthWanted = !request.body.isEmpty() || request.method == "POST" || request.method == "PUT"
        || request.method == "PATCH";
    appendFramedBody(out, request.headers, request.body, lengthWanted);
    return out;
}

QByteArray serializeHead(const Response &response)
{
    QByteArray out = startLine(response);
    appendFields(out, response.headers);
    out += "\r\n";
    return out;
}

QByteArray serializeHead(const Request &request)
{
    QByteArray out = startLine(request);
    appendFields(out, request.headers);
    out += "\r\n";
    return out;
}

QByteArray chunk(QByteArrayView data)
{
    if (data.isEmpty()) {
        return {};
    }
    QByteArray out = QByteArray::number(data.size(), 16);
    out.reserve(out.size() + data.size() + 4);
    out += "\r\n";
    out += data;
    out += "\r\n";
    return out;
}

QByteArray lastChunk()
{
    return QByteArrayLiteral("0\r\n\r\n");
}

}  // namespace Http
