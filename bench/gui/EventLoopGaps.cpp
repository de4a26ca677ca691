// SPDX-License-Identifier: MIT
#include "EventLoopGaps.h"

#include <algorithm>
#include <ctime>

namespace BenchSupport {

namespace {

qint64 threadCpuNs()
{
    struct timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

}  // namespace

EventLoopGaps::EventLoopGaps(const QElapsedTimer &clock)
    : m_clock(clock)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(1);
    QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] { mark(); });
}

void EventLoopGaps::mark()
{
    m_marks.push_back({m_clock.nsecsElapsed(), threadCpuNs()});
}

void EventLoopGaps::start()
{
    m_marks.clear();
    m_marks.reserve(65'536);
    mark();
    m_timer.start();
}

void EventLoopGaps::stop()
{
    m_timer.stop();
    mark();
}

double EventLoopGaps::longestMs() const
{
    qint64 longest = 0;
    for (size_t i = 1; i < m_marks.size(); ++i) {
        longest = std::max(longest, m_marks[i].wallNs - m_marks[i - 1].wallNs);
    }
    return double(longest) / 1e6;
}

double EventLoopGaps::longestCpuMs() const
{
    qint64 longest = 0;
    for (size_t i = 1; i < m_marks.size(); ++i) {
        longest = std::max(longest, m_marks[i].cpuNs - m_marks[i - 1].cpuNs);
    }
    return double(longest) / 1e6;
}

}  // namespace BenchSupport
