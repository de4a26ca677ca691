// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QObject>

#include <chrono>
#include <memory>

#include "shared/http/HttpParser.h"

class QIODevice;
class QTimer;

namespace Daemon {

class HttpHandler;

struct HttpTimeouts
{
    // zrepl's control server: "control socket is local, 1s timeout should be more than sufficient".
    std::chrono::milliseconds read{1000};  // from a request's first byte to its last
    std::chrono::milliseconds write{1000};  // for a response to leave our buffer
    std::chrono::milliseconds idle{1000};  // a keep-alive connection with no request in progress
};

// One client connection of an HTTP/1.1 server: reads requests (pipelined ones in order), hands each to the handler
// and writes the answers. A connection that is slow to send, slow to read or idle too long is closed, and a client
// that does not read its answers stops being read from: no client can make the daemon buffer without bound or
// delay another client. Works on any stream socket (QLocalSocket for the control socket, QTcpSocket for the debug
// listener); it owns the socket and deletes itself when the socket is gone.
class HttpConnection final : public QObject
{
    Q_OBJECT

public:
    HttpConnection(QIODevice *socket, HttpHandler &handler, HttpTimeouts timeouts, QObject *parent = nullptr);
    // With a handler of its own: one that knows who is at the other end of this connection.
    HttpConnection(QIODevice *socket, std::unique_ptr<HttpHandler> handler, HttpTimeouts timeouts,
        QObject *parent = nullptr);
    ~HttpConnection() override;

    // Answers that are still unsent beyond this pause the reading of further requests.
    static constexpr qint64 MaxPendingOutput = 4 * 1024 * 1024;

Q_SIGNALS:
    void closed();

private:
    void handleReadyRead();
    void handleBytesWritten();
    void processBuffer();
    void releaseConsumed(qsizetype bytes);
    void respond(const Http::Request &request, Http::Response response);
    // Hands a complete request to the handler; false while its answer is pending.
    bool dispatch(Http::Request request);
    void sendError(int status, const QByteArray &message);
    void closeConnection();
    void armTimer(std::chrono::milliseconds timeout);
    void updateTimer();

    QIODevice *m_socket;
    std::unique_ptr<HttpHandler> m_ownedHandler;
    HttpHandler &m_handler;
    HttpTimeouts m_timeouts;
    Http::RequestParser m_parser;
    QByteArray m_buffer;
    QTimer *m_timer;
    bool m_inRequest = false;  // bytes of a request that is not complete yet have arrived
    bool m_closing = false;
    bool m_closed = false;
    bool m_awaiting = false;  // the handler answers the last request later; nothing else is read until then
    bool m_dispatching = false;
};

// The value of an HTTP Date header for now (RFC 9110 §5.6.7), recomputed once per second.
QByteArray httpDate();

}  // namespace Daemon
