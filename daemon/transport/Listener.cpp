// SPDX-License-Identifier: MIT
#include "daemon/transport/Listener.h"

#include <QDir>
#include <QFile>
#include <QLocalServer>
#include <QLocalSocket>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QNetworkInterface>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include "daemon/transport/ClientIdentityMap.h"
#include "daemon/transport/Connector.h"
#include "daemon/transport/StreamSocket.h"

using namespace Qt::StringLiterals;

namespace Transport {

namespace {

bool parseListen(const QString &listen, QHostAddress *address, quint16 *port, QString *error)
{
    // zrepl's listen: "host:port", ":port" for all addresses.
    const qsizetype colon = listen.lastIndexOf(u':');
    bool ok = false;
    const uint p = colon >= 0 ? listen.mid(colon + 1).toUInt(&ok) : 0;
    if (!ok || p == 0 || p > 65535) {
        *error = u"listen address \"%1\" is not host:port"_s.arg(listen);
        return false;
    }
    QString host = listen.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']')) {
        host = host.mid(1, host.size() - 2);
    }
    *address = host.isEmpty() ? QHostAddress(QHostAddress::Any) : QHostAddress(host);
    if (address->isNull() && host == u"localhost") {
        *address = QHostAddress(QHostAddress::LocalHost);
    }
    if (address->isNull()) {
        *error = u"listen address \"%1\" needs an IP address, not a name"_s.arg(listen);
        return false;
    }
    *port = quint16(p);
    return true;
}

// The servers hand over the accepted descriptor, which becomes a StreamSocket instead of Qt's socket: Qt's
// would read the stream into a buffer of its own before we could splice it.
class DescriptorTcpServer final : public QTcpServer
{
public:
    std::function<void(int)> accepted;

protected:
    void incomingConnection(qintptr fd) override { accepted(int(fd)); }
};

class DescriptorLocalServer final : public QLocalServer
{
public:
    std::function<void(int)> accepted;

protected:
    void incomingConnection(quintptr fd) override { accepted(int(fd)); }
};

// The peer's address as QAbstractSocket::peerAddress() gives it (an IPv6 zone by interface name).
QHostAddress peerAddress(int fd)
{
    sockaddr_storage storage{};
    socklen_t length = sizeof storage;
    if (::getpeername(fd, reinterpret_cast<sockaddr *>(&storage), &length) != 0) {
        return {};
    }
    QHostAddress address(reinterpret_cast<const sockaddr *>(&storage));
    if (storage.ss_family == AF_INET6) {
        const auto *v6 = reinterpret_cast<const sockaddr_in6 *>(&storage);
        address.setScopeId(v6->sin6_scope_id ? QNetworkInterface::interfaceNameFromIndex(int(v6->sin6_scope_id)) : QString());
    }
    return address;
}

class TcpListener final : public Listener
{
public:
    TcpListener(QHostAddress address, quint16 port, ClientIdentityMap clients)
        : m_address(std::move(address))
        , m_port(port)
        , m_clients(std::move(clients))
    {
        m_server.accepted = [this](int fd) {
            QString error;
            const std::optional<QString> identity = m_clients.identityFor(peerAddress(fd), &error);
            if (!identity) {
                ::close(fd);
                Q_EMIT clientRefused(error);
                return;
            }
            const int noDelay = 1;
            ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &noDelay, sizeof noDelay);
            Q_EMIT clientConnected(new StreamSocket(fd), *identity);
        };
    }

    bool listen(QString *error) override
    {
        if (!m_server.listen(m_address, m_port)) {
            *error = u"cannot listen on %1: %2"_s.arg(describe(), m_server.errorString());
            return false;
        }
        return true;
    }

    QString describe() const override { return u"tcp %1:%2"_s.arg(m_address.toString()).arg(m_port); }

private:
    DescriptorTcpServer m_server;
    QHostAddress m_address;
    quint16 m_port;
    ClientIdentityMap m_clients;
};

class TlsListener final : public Listener
{
public:
    TlsListener(QHostAddress address, quint16 port, const QSslConfiguration &tls, QStringList clientCns, int handshakeTimeoutMs)
        : m_address(std::move(address))
        , m_port(port)
        , m_clientCns(std::move(clientCns))
    {
        m_server.setSslConfiguration(tls);
        m_server.setHandshakeTimeout(handshakeTimeoutMs);
        connect(&m_server, &QSslServer::errorOccurred, this, [this](QSslSocket *socket, QAbstractSocket::SocketError) {
            Q_EMIT clientRefused(u"TLS handshake with %1 failed: %2"_s.arg(socket->peerAddress().toString(), socket->errorString()));
        });
        connect(&m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket *next = m_server.nextPendingConnection()) {
                auto *socket = qobject_cast<QSslSocket *>(next);
                const QStringList cns = socket ? socket->peerCertificate().subjectInfo(QSslCertificate::CommonName) : QStringList();
                const QString cn = cns.value(0);
                if (!socket || cn.isEmpty() || !m_clientCns.contains(cn)) {
                    Q_EMIT clientRefused(u"client %1 with certificate CN \"%2\" is not in client_cns"_s.arg(next->peerAddress().toString(), cn));
                    next->abort();
                    next->deleteLater();
                    continue;
                }
                socket->setParent(nullptr);
                Q_EMIT clientConnected(socket, cn);
            }
        });
    }

    bool listen(QString *error) override
    {
        if (!m_server.listen(m_address, m_port)) {
            *error = u"cannot listen on %1: %2"_s.arg(describe(), m_server.errorString());
            return false;
        }
        return true;
    }

    QString describe() const override { return u"tls %1:%2"_s.arg(m_address.toString()).arg(m_port); }

private:
    QSslServer m_server;
    QHostAddress m_address;
    quint16 m_port;
    QStringList m_clientCns;
};

class StdinserverListener final : public Listener
{
public:
    StdinserverListener(QString sockdir, QStringList identities)
        : m_sockdir(std::move(sockdir))
    {
        for (const QString &identity : identities) {
            auto server = std::make_unique<DescriptorLocalServer>();
            server->setSocketOptions(QLocalServer::UserAccessOption);
            server->accepted = [this, identity](int fd) { Q_EMIT clientConnected(new StreamSocket(fd), identity); };
            m_servers.emplace_back(identity, std::move(server));
        }
    }

    bool listen(QString *error) override
    {
        // The directory is private: whoever can connect to a socket in it is that client.
        if (!QDir().mkpath(m_sockdir)) {
            *error = u"cannot create the stdinserver sockdir %1"_s.arg(m_sockdir);
            return false;
        }
        QFile::setPermissions(m_sockdir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        for (auto &[identity, server] : m_servers) {
            const QString path = QDir(m_sockdir).filePath(identity);
            // A socket left by a daemon that died is in the way; a live one means another daemon serves it.
            QLocalSocket probe;
            probe.connectToServer(path);
            if (probe.waitForConnected(200)) {
                *error = u"another process already serves client identity %1 at %2"_s.arg(identity, path);
                return false;
            }
            QLocalServer::removeServer(path);
            if (!server->listen(path)) {
                *error = u"cannot listen on %1: %2"_s.arg(path, server->errorString());
                return false;
            }
        }
        return true;
    }

    QString describe() const override { return u"stdinserver %1"_s.arg(m_sockdir); }

private:
    QString m_sockdir;
    std::vector<std::pair<QString, std::unique_ptr<DescriptorLocalServer>>> m_servers;
};

}  // namespace

std::unique_ptr<Listener> Listener::fromConfig(const Config::Serve &serve, const QString &stdinserverSockdir, QString *error)
{
    QHostAddress address;
    quint16 port = 0;
    switch (serve.type) {
    case Config::Serve::Type::Local:
        *error = u"the local transport has no listener"_s;
        return nullptr;
    case Config::Serve::Type::Tcp: {
        if (!parseListen(serve.listen, &address, &port, error)) {
            return nullptr;
        }
        std::optional<ClientIdentityMap> clients = ClientIdentityMap::fromConfig(serve.clients, error);
        if (!clients) {
            return nullptr;
        }
        return std::make_unique<TcpListener>(address, port, std::move(*clients));
    }
    case Config::Serve::Type::Tls: {
        if (!parseListen(serve.listen, &address, &port, error)) {
            return nullptr;
        }
        for (const QString &cn : serve.clientCns) {
            if (const QString bad = validateClientIdentity(cn); !bad.isEmpty()) {
                *error = u"client_cns: \"%1\" is not a valid client identity: %2"_s.arg(cn, bad);
                return nullptr;
            }
        }
        std::optional<QSslConfiguration> tls = tlsConfiguration(serve.ca, serve.cert, serve.key, error);
        if (!tls) {
            return nullptr;
        }
        const int timeoutMs = int(std::chrono::duration_cast<std::chrono::milliseconds>(serve.handshakeTimeout).count());
        return std::make_unique<TlsListener>(address, port, *tls, serve.clientCns, std::max(1, timeoutMs));
    }
    case Config::Serve::Type::Stdinserver:
        for (const QString &identity : serve.clientIdentities) {
            if (const QString bad = validateClientIdentity(identity); !bad.isEmpty()) {
                *error = u"client_identities: \"%1\" is not a valid client identity: %2"_s.arg(identity, bad);
                return nullptr;
            }
        }
        return std::make_unique<StdinserverListener>(stdinserverSockdir, serve.clientIdentities);
    }
    *error = u"unknown transport"_s;
    return nullptr;
}

}  // namespace Transport
