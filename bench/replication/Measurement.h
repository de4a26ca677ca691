// SPDX-License-Identifier: MIT
// What bench-replication measures of one way of moving a stream: wall time, CPU of this process and of its
// reaped children, and (for the network ways) the passive side's thread and the peak resident set.
#pragma once

#include <chrono>
#include <functional>

#include <QtGlobal>

#include <sys/resource.h>

namespace ReplicationBench {

using Clock = std::chrono::steady_clock;

constexpr qint64 GiB = qint64(1) << 30;
constexpr qint64 MiB = qint64(1) << 20;

// CPU seconds (user + system) of this process, or of its children that have been waited for.
inline double cpuSeconds(int who)
{
    rusage usage{};
    ::getrusage(who, &usage);
    auto seconds = [](const timeval &t) {
        return double(t.tv_sec) + double(t.tv_usec) / 1e6;
    };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

struct Run
{
    double seconds = 0;
    double cpuSelf = 0;       // this process (for the network ways: both sides of the connection)
    double cpuChildren = 0;   // the zfs processes (and sh), or the producer and consumer, once reaped
    double cpuPassive = 0;    // network ways: the passive side's thread, part of cpuSelf
    double cpuRemote = 0;     // ssh ways: the sshd sessions (sshd and what it ran: stdinserver, or a stream end)
    double cpuTool = 0;       // openssl baseline: s_server + s_client, not part of cpuChildren there
    qint64 bytes = -1;        // counted by the relay; -1 where nobody in the middle counts
    qint64 peakBuffered = 0;  // copy relay: bytes held in this process at once
    qint64 peakRssKiB = 0;    // network ways: how far VmHWM rose above VmRSS at the start of the run
};

class Measurement
{
public:
    // `passiveCpu`, when given, reads the CPU seconds of the thread that plays the passive side.
    explicit Measurement(std::function<double()> passiveCpu = {})
        : m_passiveCpu(std::move(passiveCpu))
        , m_start(Clock::now())
        , m_cpuSelf(cpuSeconds(RUSAGE_SELF))
        , m_cpuChildren(cpuSeconds(RUSAGE_CHILDREN))
        , m_cpuPassive(m_passiveCpu ? m_passiveCpu() : 0)
    {}

    Clock::time_point start() const
    {
        return m_start;
    }

    void finish(Run *run) const
    {
        run->seconds = std::chrono::duration<double>(Clock::now() - m_start).count();
        run->cpuSelf = cpuSeconds(RUSAGE_SELF) - m_cpuSelf;
        run->cpuChildren = cpuSeconds(RUSAGE_CHILDREN) - m_cpuChildren;
        if (m_passiveCpu) {
            run->cpuPassive = m_passiveCpu() - m_cpuPassive;
        }
    }

private:
    std::function<double()> m_passiveCpu;
    Clock::time_point m_start;
    double m_cpuSelf;
    double m_cpuChildren;
    double m_cpuPassive;
};

}  // namespace ReplicationBench
