// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QLocalSocket>
#include <QObject>
#include <QString>

#include <chrono>
#include <optional>

#include "shared/control/ControlAccess.h"
#include "shared/http/HttpParser.h"

class QTimer;

namespace Api {

// Talks HTTP/1.1 to the control socket of Holdfast's daemon or of a zrepl daemon, asynchronously: requests are
// queued and sent one at a time over one keep-alive connection, which is (re)opened as needed. Each request ends
// in exactly one finished() signal, successful or with an error saying what went wrong in words a user can act on.
class ControlClient final : public QObject
{
    Q_OBJECT

public:
    enum class Error
    {
        None,
        NoDaemon,  // no socket at the path, or nothing listens on it
        PermissionDenied,  // the socket exists but we may not connect
        Timeout,  // no complete answer in time
        ConnectionLost,  // the daemon closed the connection before it answered
        Protocol,  // the answer is not HTTP we understand
        Status,  // the daemon answered with a non-2xx status; errorString is its message
    };
    Q_ENUM(Error)

    struct Reply
    {
        quint64 id = 0;
        Error error = Error::None;
        QString errorString;
        int status = 0;
        QByteArray body;
        // What the daemon says this client may do (its Holdfast-Access header); none from zrepl's daemon.
        std::optional<AccessLevel> access;

        bool ok() const { return error == Error::None; }
    };

    explicit ControlClient(QObject *parent = nullptr);
    ~ControlClient() override;

    void setSocketPath(const QString &path);
    QString socketPath() const { return m_path; }
    // For every request, from the moment it is sent. 10 s by default.
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    quint64 request(const QByteArray &method, const QByteArray &path, const QByteArray &body = {});
    // The requests zrepl's own client makes.
    quint64 requestVersion();  // POST /version ""
    quint64 requestStatus();  // GET /status
    quint64 sendSignal(const QString &job, const QString &op);  // POST /signal
    quint64 controlPprof(bool run, const QString &listenAddress);  // POST /debug/pprof

    // Fails every queued request and the one in flight with ConnectionLost and closes the connection.
    void abortAll();
    int pendingRequests() const { return m_queue.size() + (m_current ? 1 : 0); }

    // A blocking round trip for command-line tools and tests: runs a local event loop until the reply is in.
    // Never use it in the GUI.
    Reply exec(const QByteArray &method, const QByteArray &path, const QByteArray &body = {});

Q_SIGNALS:
    void finished(const Api::ControlClient::Reply &reply);

private:
    struct Pending
    {
        quint64 id = 0;
        QByteArray method;
        QByteArray path;
        QByteArray body;
        int attempts = 0;
    };

    static Reply replyTo(quint64 id, Http::Response response);
    void startNext();
    void sendCurrent();
    void handleConnected();
    void handleReadyRead();
    void handleDisconnected();
    void handleSocketError(QLocalSocket::LocalSocketError error);
    void handleTimeout();
    void finishCurrent(Reply reply);
    void fail(Error error, const QString &message);
    void closeSocket();
    QString connectErrorMessage(QLocalSocket::LocalSocketError error) const;

    QString m_path;
    std::chrono::milliseconds m_timeout{10000};
    QLocalSocket *m_socket = nullptr;
    QTimer *m_timer = nullptr;
    Http::ResponseParser m_parser;
    QList<Pending> m_queue;
    std::optional<Pending> m_current;
    bool m_currentOnReusedConnection = false;
    bool m_receivedBytes = false;
    quint64 m_nextId = 1;
};

}  // namespace Api
