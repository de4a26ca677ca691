// SPDX-License-Identifier: MIT
#include "daemon/logging/Outlets.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

#include <cerrno>
#include <chrono>
#include <syslog.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Log {

namespace {

QByteArray format(const Entry &entry, Config::LogFormat format, bool withTime, bool withColor)
{
    switch (format) {
    case Config::LogFormat::Human:
        return formatHuman(entry, withTime, withColor);
    case Config::LogFormat::Logfmt:
        return formatLogfmt(entry);
    case Config::LogFormat::Json:
        return formatJson(entry);
    }
    return formatHuman(entry, withTime, withColor);
}

void writeAll(int fd, const QByteArray &data)
{
    const char *p = data.constData();
    qsizetype left = data.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, size_t(left));
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return;  // nowhere left to report a broken log stream
        }
        p += n;
        left -= n;
    }
}

int syslogPriority(Level level)
{
    switch (level) {
    case Level::Debug:
        return LOG_DEBUG;
    case Level::Info:
        return LOG_INFO;
    case Level::Warn:
        return LOG_WARNING;
    case Level::Error:
        return LOG_ERR;
    }
    return LOG_INFO;
}

Level toLevel(Config::LogLevel level)
{
    return Level(int(level));
}

}  // namespace

StreamOutlet::StreamOutlet(Level minLevel, int fd, Config::LogFormat format, bool withTime, bool withColor)
    : Outlet(minLevel)
    , m_fd(fd)
    , m_format(format)
    , m_withTime(withTime)
    , m_withColor(withColor && isatty(fd))
{
}

void StreamOutlet::write(const Entry &entry)
{
    QByteArray line = format(entry, m_format, m_withTime, m_withColor);
    line.append('\n');
    writeAll(m_fd, line);
}

SyslogOutlet::SyslogOutlet(Level minLevel, Config::LogFormat format, int facility)
    : Outlet(minLevel)
    , m_format(format)
    , m_facility(facility)
{
    openlog("holdfast", LOG_PID, facility);
}

SyslogOutlet::~SyslogOutlet()
{
    closelog();
}

void SyslogOutlet::write(const Entry &entry)
{
    // syslog stamps its own time
    const QByteArray line = format(entry, m_format, false, false);
    syslog(m_facility | syslogPriority(entry.level), "%s", line.constData());
}

TcpOutlet::TcpOutlet(const Config::LoggingOutlet &config)
    : Outlet(toLevel(config.level))
    , m_config(config)
    , m_retryTimer(new QTimer(this))
{
    m_retryTimer->setSingleShot(true);
    m_retryTimer->setInterval(std::chrono::duration_cast<std::chrono::milliseconds>(config.retryInterval));
    connect(m_retryTimer, &QTimer::timeout, this, &TcpOutlet::connectToCollector);
    connectToCollector();
}

TcpOutlet::~TcpOutlet() = default;

void TcpOutlet::connectToCollector()
{
    if (m_socket) {
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    const qsizetype colon = m_config.address.lastIndexOf(QLatin1Char(':'));
    QString host = m_config.address.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']'))) {
        host = host.mid(1, host.size() - 2);
    }
    const quint16 port = m_config.address.mid(colon + 1).toUShort();
    if (m_config.tls) {
        auto *ssl = new QSslSocket(this);
        QSslConfiguration tls = ssl->sslConfiguration();
        tls.setCaCertificates(QSslCertificate::fromPath(m_config.tls->ca));
        tls.setLocalCertificateChain(QSslCertificate::fromPath(m_config.tls->cert));
        QFile keyFile(m_config.tls->key);
        if (keyFile.open(QIODevice::ReadOnly)) {
            const QByteArray pem = keyFile.readAll();
            QSslKey key(pem, QSsl::Rsa);
            if (key.isNull()) {
                key = QSslKey(pem, QSsl::Ec);
            }
            tls.setPrivateKey(key);
        }
        ssl->setSslConfiguration(tls);
        m_socket = ssl;
        connect(ssl, &QSslSocket::encrypted, this, &TcpOutlet::flush);
        ssl->connectToHostEncrypted(host, port);
    } else {
        m_socket = new QTcpSocket(this);
        connect(m_socket, &QAbstractSocket::connected, this, &TcpOutlet::flush);
        m_socket->connectToHost(host, port);
    }
    connect(m_socket, &QAbstractSocket::disconnected, m_retryTimer, qOverload<>(&QTimer::start));
    connect(m_socket, &QAbstractSocket::errorOccurred, m_retryTimer, qOverload<>(&QTimer::start));
}

void TcpOutlet::write(const Entry &entry)
{
    QByteArray line = format(entry, m_config.format, true, false);
    line.append('\n');
    m_pendingBytes += line.size();
    m_pending.append(std::move(line));
    while (m_pendingBytes > MaxBufferedBytes && !m_pending.isEmpty()) {
        m_pendingBytes -= m_pending.takeFirst().size();
    }
    flush();
}

void TcpOutlet::flush()
{
    const bool ready = m_socket && m_socket->state() == QAbstractSocket::ConnectedState
                       && (!m_config.tls || static_cast<QSslSocket *>(m_socket)->isEncrypted());
    if (!ready) {
        return;
    }
    for (const QByteArray &line : std::as_const(m_pending)) {
        m_socket->write(line);
    }
    m_pending.clear();
    m_pendingBytes = 0;
}

}  // namespace Log
