// SPDX-License-Identifier: MIT
#pragma once

#include <QElapsedTimer>
#include <QTimer>

#include <chrono>
#include <functional>

namespace Async {

// How often a running stream reports its byte count: often enough that a progress bar moves several times a second,
// seldom enough that the reports (each a status change) cost nothing next to the stream.
inline constexpr std::chrono::milliseconds ProgressInterval{200};

// Reports a stream's byte count at most once per interval, and never holds the last count back: a count that
// arrives too soon after the previous report goes out when the interval has passed, whether or not the stream
// moves again. Without that, a burst followed by a stall (a slow sender, a network that stops) showed the count
// from before the burst until the next byte arrived.
class ProgressThrottle
{
public:
    explicit ProgressThrottle(std::function<void(qint64)> sink, std::chrono::milliseconds interval = ProgressInterval);

    // The stream has moved `bytes` in all: reported now, or at the end of the interval.
    void update(qint64 bytes);
    // The stream's final count: reported now, and nothing after it.
    void finish(qint64 bytes);

private:
    void report(qint64 bytes);

    std::function<void(qint64)> m_report;
    std::chrono::milliseconds m_interval;
    QElapsedTimer m_sinceReport;  // invalid before the first report
    qint64 m_held = -1;           // a count waiting for the interval to end
    QTimer m_timer;
};

}  // namespace Async
