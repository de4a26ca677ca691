// SPDX-License-Identifier: MIT
#include "daemon/driver/StallWatchdog.h"

namespace Daemon {

StallWatchdog::StallWatchdog(std::chrono::milliseconds timeout, QObject *parent)
    : QObject(parent)
    , m_timeout(timeout)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &StallWatchdog::expire);
}

void StallWatchdog::start()
{
    m_bytes = 0;
    m_fired = false;
    if (m_timeout.count() > 0) {
        m_timer.start(m_timeout);
    }
}

void StallWatchdog::progress(qint64 bytes)
{
    if (bytes == m_bytes || m_fired || !m_timer.isActive()) {
        return;
    }
    m_bytes = bytes;
    m_timer.start(m_timeout);
}

void StallWatchdog::stop()
{
    m_timer.stop();
}

std::chrono::milliseconds StallWatchdog::grace() const
{
    return std::max(m_timeout, std::chrono::milliseconds(std::chrono::seconds(10)));
}

void StallWatchdog::expire()
{
    if (m_fired) {
        Q_EMIT stopIgnored();
        return;
    }
    m_fired = true;
    m_timer.start(grace());
    Q_EMIT stalled(m_bytes);
}

}  // namespace Daemon
