// SPDX-License-Identifier: MIT
#pragma once

#include <QIODevice>
#include <QProcess>
#include <QString>

#include <chrono>
#include <memory>

#include "daemon/async/Task.h"
#include "daemon/config/Config.h"

namespace Transport {

// One connection of an active job to its passive side. For ssh+stdinserver the ssh client runs as long as the
// connection: its stdin and stdout are one end of a socket pair whose other end is `device`.
struct Connection
{
    std::unique_ptr<QIODevice> device;
    std::unique_ptr<QProcess> helper;  // ssh
    QString error;  // when device is null: why the connection could not be made
};

// How an active job reaches its passive side (zrepl's transport connecters): tcp, tls or ssh+stdinserver.
class Connector
{
public:
    virtual ~Connector() = default;
    virtual Async::Task<Connection> connect() = 0;
    // "tcp 192.0.2.1:8888", for messages.
    virtual QString describe() const = 0;
};

// nullptr with *error for a connect type that is not a network transport (local) or a configuration that cannot
// work (unreadable TLS files, an ssh port of 0).
std::unique_ptr<Connector> connectorFromConfig(const Config::Connect &connect, QString *error);

// "host:port" with IPv6 in brackets; nullopt when it does not parse.
struct HostPort
{
    QString host;
    quint16 port = 0;
};
std::optional<HostPort> parseHostPort(const QString &address);

}  // namespace Transport

#include <QSslConfiguration>

namespace Transport {

// zrepl's TLS set-up for both sides: only `ca` vouches for the peer, who must present a certificate; our own
// certificate and key from PEM files. nullopt with *error naming the file that is missing or unreadable.
std::optional<QSslConfiguration> tlsConfiguration(const QString &ca, const QString &cert, const QString &key, QString *error);

}  // namespace Transport
