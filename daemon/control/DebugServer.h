// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QString>

#include "daemon/control/HttpHandler.h"

class QTcpServer;

namespace Daemon {

class Metrics;

// Holdfast's answer to zrepl's pprof listener (`/debug/pprof` on the control socket starts and stops it): a TCP
// HTTP server with the process diagnostics a C++ daemon can give: /metrics, /debug/pprof/ (index), cmdline,
// status (/proc/self/status), heap (glibc's malloc_info), smaps (/proc/self/smaps_rollup) and threads.
// An address without a host ("6060" or ":6060") listens on loopback only: diagnostics are not for the network
// unless the administrator names an address.
class DebugServer final : public QObject, public HttpHandler
{
    Q_OBJECT

public:
    explicit DebugServer(Metrics &metrics, QObject *parent = nullptr);
    ~DebugServer() override;

    // Starts listening, or keeps listening when already on that address.
    bool listen(const QString &hostPort, QString *error);
    void close();
    bool isListening() const;
    // "127.0.0.1:6060" while listening, with the port actually bound.
    QString address() const;

    Http::Response handle(const Http::Request &request) override;

private:
    void handleNewConnection();

    Metrics &m_metrics;
    QTcpServer *m_server = nullptr;
    QString m_requestedAddress;
};

}  // namespace Daemon
