// SPDX-License-Identifier: MIT
#pragma once

#include <QIODevice>
#include <QObject>
#include <QString>

#include <memory>

#include "daemon/config/Config.h"

namespace Transport {

// How a passive job (sink, source) is reached (zrepl's transport listeners): tcp with client identities by IP,
// tls with the identity from the client certificate's CN, or stdinserver, where `holdfast stdinserver IDENTITY`
// (run by sshd) connects to a Unix socket named after the identity in the sockdir. Only identified clients are
// handed on; others are refused and logged here.
class Listener : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    // nullptr with *error for a configuration that cannot work (local serve, a bad clients map, unreadable TLS files).
    static std::unique_ptr<Listener> fromConfig(const Config::Serve &serve, const QString &stdinserverSockdir, QString *error);

    virtual bool listen(QString *error) = 0;
    // "tcp 0.0.0.0:8888", for messages.
    virtual QString describe() const = 0;

Q_SIGNALS:
    // The receiver owns `device`.
    void clientConnected(QIODevice *device, const QString &clientIdentity);
    // A client that was refused (unknown IP, unknown CN, failed TLS handshake).
    void clientRefused(const QString &reason);
};

}  // namespace Transport
