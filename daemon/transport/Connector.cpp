// SPDX-License-Identifier: MIT
#include "daemon/transport/Connector.h"

#include <QFile>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpSocket>
#include <QUrl>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "daemon/async/Wakeup.h"
#include "daemon/transport/DeviceIo.h"
#include "daemon/transport/StreamSocket.h"

using namespace Qt::StringLiterals;

namespace Transport {

std::optional<HostPort> parseHostPort(const QString &address)
{
    // QUrl knows bracketed IPv6 and ports; a scheme makes it parse "host:port" as an authority.
    const QUrl url(u"tcp://"_s + address, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() || url.port() <= 0 || !url.path().isEmpty()) {
        return std::nullopt;
    }
    return HostPort{url.host(), quint16(url.port())};
}

namespace {

std::chrono::milliseconds toMs(Config::Duration d)
{
    return std::max(std::chrono::milliseconds(1), std::chrono::duration_cast<std::chrono::milliseconds>(d));
}

// Waits until `socket` is connected (and, for TLS, encrypted), failed, or the dial timeout passed.
Async::Task<QString> waitConnected(QAbstractSocket *socket, bool encrypted, std::chrono::milliseconds timeout)
{
    Async::Wakeup wakeup;
    watch(socket, wakeup);
    auto *ssl = qobject_cast<QSslSocket *>(socket);
    QString sslErrors;
    if (ssl) {
        QObject::connect(ssl, &QSslSocket::sslErrors, &wakeup, [&sslErrors](const QList<QSslError> &errors) {
            QStringList texts;
            for (const QSslError &e : errors) {
                texts.append(e.errorString());
            }
            sslErrors = texts.join(u"; "_s);
        });
    }
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        if (socket->state() == QAbstractSocket::ConnectedState && (!encrypted || (ssl && ssl->isEncrypted()))) {
            co_return QString();
        }
        if (socket->state() == QAbstractSocket::UnconnectedState) {
            co_return sslErrors.isEmpty() ? socket->errorString() : u"TLS handshake failed: %1"_s.arg(sslErrors);
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        // GCC 12 miscompiles co_await inside && and ||: one statement each.
        bool woken = false;
        if (left.count() > 0) {
            woken = co_await wakeup.wait(left);
        }
        if (!woken) {
            socket->abort();
            co_return u"dial_timeout of %1s exceeded"_s.arg(double(timeout.count()) / 1000.0);
        }
    }
}

class TcpConnector final : public Connector
{
public:
    TcpConnector(HostPort address, std::chrono::milliseconds timeout)
        : m_address(std::move(address))
        , m_timeout(timeout)
    {
    }

    Async::Task<Connection> connect() override
    {
        auto socket = std::make_unique<QTcpSocket>();
        socket->connectToHost(m_address.host, m_address.port);
        Connection c;
        const QString error = co_await waitConnected(socket.get(), false, m_timeout);
        if (!error.isEmpty()) {
            c.error = u"cannot connect to %1: %2"_s.arg(describe(), error);
            co_return c;
        }
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        // Qt connected it (name lookup, timeout); the stream goes through a StreamSocket, which the kernel's
        // socket buffer feeds directly. Its own descriptor goes with the QTcpSocket; the duplicate stays.
        const int fd = ::fcntl(int(socket->socketDescriptor()), F_DUPFD_CLOEXEC, 0);
        if (fd < 0) {
            c.error = u"cannot connect to %1: %2"_s.arg(describe(), QString::fromLocal8Bit(strerror(errno)));
            co_return c;
        }
        const QByteArray alreadyRead = socket->readAll();
        socket->abort();
        c.device = std::make_unique<StreamSocket>(fd, alreadyRead);
        co_return c;
    }

    QString describe() const override { return u"tcp %1:%2"_s.arg(m_address.host).arg(m_address.port); }

private:
    HostPort m_address;
    std::chrono::milliseconds m_timeout;
};

class TlsConnector final : public Connector
{
public:
    TlsConnector(HostPort address, QSslConfiguration tls, QString serverCn, std::chrono::milliseconds timeout)
        : m_address(std::move(address))
        , m_tls(std::move(tls))
        , m_serverCn(std::move(serverCn))
        , m_timeout(timeout)
    {
    }

    Async::Task<Connection> connect() override
    {
        auto socket = std::make_unique<QSslSocket>();
        socket->setSslConfiguration(m_tls);
        // The server must present a certificate of our CA for server_cn, whatever name we dialled.
        socket->connectToHostEncrypted(m_address.host, m_address.port, m_serverCn);
        Connection c;
        const QString error = co_await waitConnected(socket.get(), true, m_timeout);
        if (!error.isEmpty()) {
            c.error = u"cannot connect to %1: %2"_s.arg(describe(), error);
            co_return c;
        }
        c.device = std::move(socket);
        co_return c;
    }

    QString describe() const override { return u"tls %1:%2 (server_cn %3)"_s.arg(m_address.host).arg(m_address.port).arg(m_serverCn); }

private:
    HostPort m_address;
    QSslConfiguration m_tls;
    QString m_serverCn;
    std::chrono::milliseconds m_timeout;
};

class SshConnector final : public Connector
{
public:
    explicit SshConnector(Config::Connect config)
        : m_config(std::move(config))
    {
    }

    Async::Task<Connection> connect() override
    {
        Connection c;
        int pair[2] = {-1, -1};
        if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) {
            c.error = u"cannot create a socket pair for ssh: %1"_s.arg(QString::fromLocal8Bit(strerror(errno)));
            co_return c;
        }
        auto process = std::make_unique<QProcess>();
        const int childEnd = pair[1];
        process->setStandardInputFile(QProcess::nullDevice());
        process->setStandardOutputFile(QProcess::nullDevice());
        process->setChildProcessModifier([childEnd] {
            ::dup2(childEnd, STDIN_FILENO);
            ::dup2(childEnd, STDOUT_FILENO);
        });
        // The command on the server is the forced command of our key in its authorized_keys (holdfast
        // stdinserver IDENTITY); what we ask for is ignored there.
        process->start(m_config.sshCommand.isEmpty() ? u"ssh"_s : m_config.sshCommand, arguments());
        ::close(childEnd);
        if (!process->waitForStarted(-1)) {
            ::close(pair[0]);
            c.error = u"cannot run %1: %2"_s.arg(m_config.sshCommand.isEmpty() ? u"ssh"_s : m_config.sshCommand, process->errorString());
            co_return c;
        }
        c.device = std::make_unique<StreamSocket>(pair[0]);
        c.helper = std::move(process);
        co_return c;
    }

    QString describe() const override
    {
        return u"ssh %1@%2:%3"_s.arg(m_config.user, m_config.host).arg(m_config.port);
    }

private:
    QStringList arguments() const
    {
        QStringList args;
        args << u"-p"_s << QString::number(m_config.port) << u"-T"_s;
        if (!m_config.identityFile.isEmpty()) {
            args << u"-i"_s << m_config.identityFile;
        }
        // Never ask for a password or a host key confirmation: there is nobody to answer.
        args << u"-o"_s << u"BatchMode=yes"_s;
        const qint64 seconds = std::max<qint64>(1, std::chrono::duration_cast<std::chrono::seconds>(m_config.dialTimeout).count());
        args << u"-o"_s << u"ConnectTimeout=%1"_s.arg(seconds);
        for (const QString &option : m_config.options) {
            args << u"-o"_s << option;
        }
        args << u"%1@%2"_s.arg(m_config.user, m_config.host);
        args << u"holdfast-stdinserver"_s;
        return args;
    }

    Config::Connect m_config;
};

std::optional<QSslKey> readKey(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read key %1: %2"_s.arg(path, file.errorString());
        return std::nullopt;
    }
    const QByteArray pem = file.readAll();
    for (QSsl::KeyAlgorithm algorithm : {QSsl::Ec, QSsl::Rsa, QSsl::Dsa}) {
        QSslKey key(pem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull()) {
            return key;
        }
    }
    *error = u"key %1 is not a PEM private key (EC, RSA or DSA)"_s.arg(path);
    return std::nullopt;
}

std::optional<QSslCertificate> readCertificate(const QString &path, const char *what, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read %1 %2: %3"_s.arg(QLatin1StringView(what), path, file.errorString());
        return std::nullopt;
    }
    const QList<QSslCertificate> certificates = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
    if (certificates.isEmpty()) {
        *error = u"%1 %2 is not a PEM certificate"_s.arg(QLatin1StringView(what), path);
        return std::nullopt;
    }
    return certificates.first();
}

}  // namespace

std::optional<QSslConfiguration> tlsConfiguration(const QString &ca, const QString &cert, const QString &key, QString *error)
{
    if (!QSslSocket::supportsSsl()) {
        *error = u"TLS is not available (Qt has no TLS backend)"_s;
        return std::nullopt;
    }
    const std::optional<QSslCertificate> caCertificate = readCertificate(ca, "CA certificate", error);
    const std::optional<QSslCertificate> certificate = caCertificate ? readCertificate(cert, "certificate", error) : std::nullopt;
    const std::optional<QSslKey> privateKey = certificate ? readKey(key, error) : std::nullopt;
    if (!privateKey) {
        return std::nullopt;
    }
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    // Only our CA counts, as in zrepl: the system's CAs must not vouch for a peer.
    configuration.setCaCertificates(QList<QSslCertificate>() << *caCertificate);
    configuration.setLocalCertificate(*certificate);
    configuration.setPrivateKey(*privateKey);
    configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    return configuration;
}

std::unique_ptr<Connector> connectorFromConfig(const Config::Connect &connect, QString *error)
{
    const std::chrono::milliseconds timeout = toMs(connect.dialTimeout);
    switch (connect.type) {
    case Config::Connect::Type::Local:
        *error = u"the local transport has no connector"_s;
        return nullptr;
    case Config::Connect::Type::Tcp:
    case Config::Connect::Type::Tls: {
        const std::optional<HostPort> address = parseHostPort(connect.address);
        if (!address) {
            *error = u"connect.address \"%1\" is not host:port"_s.arg(connect.address);
            return nullptr;
        }
        if (connect.type == Config::Connect::Type::Tcp) {
            return std::make_unique<TcpConnector>(*address, timeout);
        }
        const std::optional<QSslConfiguration> tls = tlsConfiguration(connect.ca, connect.cert, connect.key, error);
        if (!tls) {
            return nullptr;
        }
        return std::make_unique<TlsConnector>(*address, *tls, connect.serverCn, timeout);
    }
    case Config::Connect::Type::SshStdinserver:
        if (connect.port == 0 || connect.host.isEmpty() || connect.user.isEmpty()) {
            *error = u"ssh+stdinserver needs host, user and port"_s;
            return nullptr;
        }
        return std::make_unique<SshConnector>(connect);
    }
    *error = u"unknown transport"_s;
    return nullptr;
}

}  // namespace Transport
