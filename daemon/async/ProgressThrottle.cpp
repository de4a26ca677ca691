// SPDX-License-Identifier: MIT
#include "daemon/async/ProgressThrottle.h"

namespace Async {

ProgressThrottle::ProgressThrottle(std::function<void(qint64)> sink, std::chrono::milliseconds interval)
    : m_report(std::move(sink))
    , m_interval(interval)
{
    m_timer.setSingleShot(true);
    QObject::connect(&m_timer, &QTimer::timeout, [this] {
        if (m_held >= 0) {
            report(m_held);
        }
    });
}

void ProgressThrottle::update(qint64 bytes)
{
    if (!m_report) {
        return;
    }
    const qint64 elapsed = m_sinceReport.isValid() ? m_sinceReport.elapsed() : m_interval.count();
    if (elapsed >= m_interval.count()) {
        report(bytes);
        return;
    }
    m_held = bytes;
    if (!m_timer.isActive()) {
        m_timer.start(std::chrono::milliseconds(m_interval.count() - elapsed));
    }
}

void ProgressThrottle::finish(qint64 bytes)
{
    if (m_report) {
        report(bytes);
    }
}

void ProgressThrottle::report(qint64 bytes)
{
    m_timer.stop();
    m_held = -1;
    m_sinceReport.start();
    m_report(bytes);
}

}  // namespace Async
