// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

#include "daemon/config/Config.h"
#include "daemon/logging/Logger.h"

class QAbstractSocket;
class QTimer;

namespace Log {

// Writes lines to a file descriptor (stdout in the daemon, stderr before the configuration is read).
class StreamOutlet final : public Outlet
{
public:
    StreamOutlet(Level minLevel, int fd, Config::LogFormat format, bool withTime, bool withColor);
    void write(const Entry &entry) override;

private:
    int m_fd;
    Config::LogFormat m_format;
    bool m_withTime;
    bool m_withColor;
};

// syslog(3) with the configured facility; the entry's level picks the priority.
class SyslogOutlet final : public Outlet
{
public:
    SyslogOutlet(Level minLevel, Config::LogFormat format, int facility);
    ~SyslogOutlet() override;
    void write(const Entry &entry) override;

private:
    Config::LogFormat m_format;
    int m_facility;
};

// Sends lines to a TCP log collector (optionally over TLS), reconnecting every retry_interval. While the
// collector is away, the newest entries are kept up to a bound and the oldest are dropped, so a dead collector
// never grows the daemon's memory.
class TcpOutlet final : public QObject, public Outlet
{
    Q_OBJECT

public:
    explicit TcpOutlet(const Config::LoggingOutlet &config);
    ~TcpOutlet() override;
    void write(const Entry &entry) override;

    static constexpr qsizetype MaxBufferedBytes = 1024 * 1024;

private:
    void connectToCollector();
    void flush();

    Config::LoggingOutlet m_config;
    QAbstractSocket *m_socket = nullptr;
    QTimer *m_retryTimer = nullptr;
    QList<QByteArray> m_pending;
    qsizetype m_pendingBytes = 0;
};

}  // namespace Log
