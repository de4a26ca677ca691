// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QString>

#include <optional>

#include "daemon/control/ControlAccessPolicy.h"
#include "daemon/control/HttpConnection.h"

class QLocalServer;

namespace Daemon {

class HttpHandler;

// The control socket: an HTTP/1.1 server on a Unix socket in a private directory, as zrepl's control job.
// The directory is created 0700 when missing and refused when others may enter it; the socket is 0600. A stale
// socket is replaced only after checking that nobody answers on it, so a second daemon cannot steal a live one.
// With an access policy that has a status group, the socket (0660) and a directory of the daemon's own (0750)
// belong to that group, and every connection is checked against the peer's credentials (SO_PEERCRED): the file
// permissions let the group in, the policy decides what each peer may do.
class ControlServer final : public QObject
{
    Q_OBJECT

public:
    explicit ControlServer(HttpHandler &handler, QObject *parent = nullptr);
    ~ControlServer() override;

    // Without a policy, whoever reaches the socket may do everything (zrepl's rule); for tests and tools.
    void setAccessPolicy(ControlAccessPolicy policy) { m_policy = std::move(policy); }
    // A reload's new groups: connections from now on are checked against them, and a listening socket is given to
    // the new status group (or kept to its owner alone when there is none).
    void updateAccessPolicy(ControlAccessPolicy policy);
    bool listen(const QString &socketPath, QString *error);
    void close();
    QString socketPath() const { return m_path; }

    void setTimeouts(HttpTimeouts timeouts) { m_timeouts = timeouts; }
    int connectionCount() const { return m_connections; }

    // Checks and prepares the directory and the path of a private Unix socket; shared with the stdinserver sockets.
    static bool preparePrivateSocketPath(const QString &socketPath, QString *error);

private:
    void handleNewConnection();
    void shareWithGroup(const ControlAccessPolicy::Group &group);
    std::unique_ptr<HttpHandler> handlerFor(int socketDescriptor);

    HttpHandler &m_handler;
    QLocalServer *m_server = nullptr;
    QString m_path;
    std::optional<ControlAccessPolicy> m_policy;
    HttpTimeouts m_timeouts;
    int m_connections = 0;
};

}  // namespace Daemon
