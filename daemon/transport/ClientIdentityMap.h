// SPDX-License-Identifier: MIT
#pragma once

#include <QHostAddress>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace Transport {

// zrepl's transport.ValidateClientIdentity: the identity names the client's dataset below a sink's root_fs, so it
// must be one dataset path component. Empty if valid, else the reason.
QString validateClientIdentity(const QString &identity);

// The `clients` map of zrepl's `serve: {type: tcp}` (internal/transport/tcp/serve_tcp_ipmap.go): which identity a
// TCP client gets, from its IP address. Keys are IPs or CIDRs, optionally with a "%zone" suffix; a CIDR's identity
// holds one '*' that becomes the client's IP.
class ClientIdentityMap
{
public:
    // nullopt with *error naming the offending key/identity for an invalid config.
    static std::optional<ClientIdentityMap> fromConfig(const QMap<QString, QString> &clients, QString *error);

    // The client's identity, or nullopt with *error.
    std::optional<QString> identityFor(const QHostAddress &address, QString *error) const;

private:
    struct Entry
    {
        QString key;
        QHostAddress network;  // IPv4 for IPv4 and IPv4-mapped keys, so that one comparison serves both
        int prefixLength = 0;
        QString zone;
        QString identity;
    };

    ClientIdentityMap() = default;

    QList<Entry> m_entries;  // longest prefix first
};

}  // namespace Transport
