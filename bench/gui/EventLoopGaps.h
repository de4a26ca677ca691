// SPDX-License-Identifier: MIT
#pragma once

#include <QElapsedTimer>
#include <QTimer>

#include <vector>

namespace BenchSupport {

// How long the GUI thread stayed away from its event loop: a precise 1 ms timer marks every turn of the loop it gets,
// and the longest stretch between two marks is the longest time a key press or a repaint would have waited. An idle
// loop still turns once a millisecond, so a gap means the thread was busy or not scheduled, never that it slept.
// Each mark also takes the thread's CPU time, which tells the two apart: on a loaded machine a gap can be long while
// the thread worked for a fraction of it.
class EventLoopGaps
{
public:
    explicit EventLoopGaps(const QElapsedTimer &clock);

    void start();  // marks now and starts the timer
    void stop();  // marks now and stops the timer

    double longestMs() const;  // wall time
    double longestCpuMs() const;  // the most CPU time the thread spent between two marks
    int turns() const
    {
        return int(m_marks.size());
    }

private:
    struct Mark
    {
        qint64 wallNs;  // on m_clock
        qint64 cpuNs;  // the GUI thread's CPU time
    };

    void mark();

    const QElapsedTimer &m_clock;
    QTimer m_timer;
    std::vector<Mark> m_marks;
};

}  // namespace BenchSupport
