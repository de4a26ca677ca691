// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QString>

#include "daemon/control/HttpConnection.h"

class QLocalServer;

namespace Daemon {

class HttpHandler;

// The control socket: an HTTP/1.1 server on a Unix socket in a private directory, as zrepl's control job.
// The directory is created 0700 when missing and refused when others may enter it; the socket is 0600. A stale
// socket is replaced only after checking that nobody answers on it, so a second daemon cannot steal a live one.
class ControlServer final : public QObject
{
    Q_OBJECT

public:
    explicit ControlServer(HttpHandler &handler, QObject *parent = nullptr);
    ~ControlServer() override;

    bool listen(const QString &socketPath, QString *error);
    void close();
    QString socketPath() const { return m_path; }

    void setTimeouts(HttpTimeouts timeouts) { m_timeouts = timeouts; }
    int connectionCount() const { return m_connections; }

    // Checks and prepares the directory and the path of a private Unix socket; shared with the stdinserver sockets.
    static bool preparePrivateSocketPath(const QString &socketPath, QString *error);

private:
    void handleNewConnection();

    HttpHandler &m_handler;
    QLocalServer *m_server = nullptr;
    QString m_path;
    HttpTimeouts m_timeouts;
    int m_connections = 0;
};

}  // namespace Daemon
