// SPDX-License-Identifier: MIT
#include "daemon/control/HttpConnection.h"

#include <QPointer>

#include <QAbstractSocket>
#include <QLocalSocket>
#include <QTimer>

#include <ctime>

#include "daemon/control/HttpHandler.h"
#include "shared/http/HttpWriter.h"

namespace Daemon {

namespace {

constexpr qint64 ReadChunk = 64 * 1024;

// The parser's message for a request it refused, as the body of the answer.
Http::Response errorResponse(int status, const QByteArray &message)
{
    Http::Response response;
    response.status = status;
    response.headers.add("Content-Type", "text/plain; charset=utf-8");
    response.headers.add("Connection", "close");
    response.body = message;
    return response;
}

}  // namespace

QByteArray httpDate()
{
    static time_t cachedSecond = 0;
    static QByteArray cached;
    const time_t now = std::time(nullptr);
    if (now != cachedSecond) {
        tm utc{};
        gmtime_r(&now, &utc);
        static const char *const Days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
        static const char *const Months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
        char buf[40];
        const int n = std::snprintf(buf,
                                    sizeof buf,
                                    "%s, %02d %s %04d %02d:%02d:%02d GMT",
                                    Days[utc.tm_wday],
                                    utc.tm_mday,
                                    Months[utc.tm_mon],
                                    utc.tm_year + 1900,
                                    utc.tm_hour,
                                    utc.tm_min,
                                    utc.tm_sec);
        cached = QByteArray(buf, n);
        cachedSecond = now;
    }
    return cached;
}

HttpConnection::HttpConnection(QIODevice *socket, HttpHandler &handler, HttpTimeouts timeouts, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_handler(handler)
    , m_timeouts(timeouts)
    , m_timer(new QTimer(this))
{
    socket->setParent(this);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &HttpConnection::closeConnection);
    connect(socket, &QIODevice::readyRead, this, &HttpConnection::handleReadyRead);
    connect(socket, &QIODevice::bytesWritten, this, &HttpConnection::handleBytesWritten);
    if (auto *local = qobject_cast<QLocalSocket *>(socket)) {
        // Bounded so that a client that sends faster than we answer meets back-pressure in the kernel.
        local->setReadBufferSize(ReadChunk);
        connect(local, &QLocalSocket::disconnected, this, &HttpConnection::closeConnection);
    } else if (auto *tcp = qobject_cast<QAbstractSocket *>(socket)) {
        tcp->setReadBufferSize(ReadChunk);
        connect(tcp, &QAbstractSocket::disconnected, this, &HttpConnection::closeConnection);
    }
    armTimer(m_timeouts.idle);
    if (socket->bytesAvailable() > 0) {
        QMetaObject::invokeMethod(this, &HttpConnection::handleReadyRead, Qt::QueuedConnection);
    }
}

HttpConnection::HttpConnection(QIODevice *socket, std::unique_ptr<HttpHandler> handler, HttpTimeouts timeouts,
    QObject *parent)
    : HttpConnection(socket, *handler, timeouts, parent)
{
    m_ownedHandler = std::move(handler);
}

HttpConnection::~HttpConnection() = default;

void HttpConnection::armTimer(std::chrono::milliseconds timeout)
{
    m_timer->start(timeout);
}

void HttpConnection::handleReadyRead()
{
    if (m_closing || m_closed || m_awaiting) {
        return;  // while an answer is pending, what arrives waits in the socket (read when it is sent)
    }
    m_buffer.append(m_socket->readAll());
    if (!m_inRequest && !m_buffer.isEmpty()) {
        // The read deadline runs from the first byte of a request, as Go's ReadTimeout does.
        m_inRequest = true;
        armTimer(m_timeouts.read);
    }
    processBuffer();
}

void HttpConnection::handleBytesWritten()
{
    if (m_closed || m_awaiting) {
        return;
    }
    if (m_socket->bytesToWrite() == 0 && m_closing) {
        closeConnection();
        return;
    }
    processBuffer();
}

void HttpConnection::processBuffer()
{
    qsizetype offset = 0;
    while (!m_closing && offset < m_buffer.size()) {
        if (m_socket->bytesToWrite() > MaxPendingOutput) {
            break;  // resumed from handleBytesWritten once the client reads
        }
        const Http::ParseResult result = m_parser.parse(QByteArrayView(m_buffer).sliced(offset));
        offset += result.consumed;
        switch (result.status) {
        case Http::ParseStatus::Incomplete:
            break;
        case Http::ParseStatus::HeadComplete:
            if (m_parser.expectsContinue()) {
                m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
            }
            continue;
        case Http::ParseStatus::Complete: {
            if (!dispatch(m_parser.takeRequest())) {
                releaseConsumed(offset);
                m_timer->stop();  // the handler's own limits apply while it works
                return;
            }
            m_inRequest = offset < m_buffer.size();
            if (m_inRequest) {
                armTimer(m_timeouts.read);
            }
            continue;
        }
        case Http::ParseStatus::Error:
            sendError(m_parser.errorStatus(), m_parser.errorMessage());
            break;
        }
        break;
    }
    releaseConsumed(offset);
    if (m_closing) {
        if (m_socket->bytesToWrite() == 0) {
            closeConnection();
        } else {
            armTimer(m_timeouts.write);
        }
        return;
    }
    if (m_socket->bytesToWrite() > 0) {
        armTimer(m_timeouts.write);
    } else {
        armTimer(m_inRequest ? m_timeouts.read : m_timeouts.idle);
    }
}

void HttpConnection::releaseConsumed(qsizetype bytes)
{
    m_buffer.remove(0, bytes);
    if (m_buffer.isEmpty()) {
        // Else remove() keeps readAll()'s 16 KiB block for as long as the connection is idle or its request waits
        // (the status feed): per connection, for nothing.
        m_buffer.clear();
    }
}

bool HttpConnection::dispatch(Http::Request request)
{
    m_awaiting = true;
    m_dispatching = true;
    QPointer<HttpConnection> self(this);
    auto answer = [self, request](Http::Response response) {
        if (!self || self->m_closed || !self->m_awaiting) {
            return;  // the client went away meanwhile
        }
        self->m_awaiting = false;
        self->respond(request, std::move(response));
        if (!self->m_dispatching) {
            // Answered later: go on with what the client sent meanwhile.
            self->m_inRequest = false;
            self->processBuffer();
            QMetaObject::invokeMethod(self.data(), &HttpConnection::handleReadyRead, Qt::QueuedConnection);
        }
    };
    // With this connection, so that a handler that keeps the request waiting learns at once when the client goes.
    m_handler.handleAsync(request, HttpHandler::Reply(std::move(answer), this));
    if (!self) {
        return false;
    }
    m_dispatching = false;
    return !m_awaiting;
}

void HttpConnection::respond(const Http::Request &request, Http::Response response)
{
    response.versionMinor = request.versionMinor;
    response.headers.add("Date", httpDate());
    // The handler may ask to close; otherwise the request decides (the response's version is the request's).
    const bool keepAlive = request.keepAlive() && !response.headers.hasToken("Connection", "close");
    if (!keepAlive) {
        response.headers.set("Connection", "close");
    } else if (request.versionMinor == 0) {
        response.headers.set("Connection", "keep-alive");
    }
    if (request.method == "HEAD") {
        // RFC 9110 §9.3.2: the same header fields as for GET, no content.
        if (!response.headers.contains("Content-Length")) {
            response.headers.add("Content-Length", QByteArray::number(response.body.size()));
        }
        response.body.clear();
    }
    m_socket->write(Http::serialize(response));
    if (!keepAlive) {
        m_closing = true;
    }
}

void HttpConnection::sendError(int status, const QByteArray &message)
{
    m_socket->write(Http::serialize(errorResponse(status, message)));
    m_closing = true;
}

void HttpConnection::closeConnection()
{
    if (m_closed) {
        return;
    }
    m_closed = true;
    m_timer->stop();
    m_socket->disconnect(this);
    if (auto *local = qobject_cast<QLocalSocket *>(m_socket)) {
        local->abort();
    } else if (auto *tcp = qobject_cast<QAbstractSocket *>(m_socket)) {
        tcp->abort();
    }
    Q_EMIT closed();
    deleteLater();
}

}  // namespace Daemon
