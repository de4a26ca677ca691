// SPDX-License-Identifier: MIT
// What bench-replication's network ways and their baselines need to run processes without Qt in between: owned
// descriptors, pipes of Holdfast's size, posix_spawn with redirections, reaping with the child's own CPU, and
// loopback ports.
#pragma once

#include <string>
#include <utility>

#include <QtGlobal>

#include <sys/types.h>

#include "daemon/async/Awaitables.h"

namespace ReplicationBench {

constexpr int PipeSize = 1 << 20;  // Holdfast's PipeProcess asks for pipes of this size

std::string errnoText(const char *what);

class Fd
{
public:
    Fd() = default;

    explicit Fd(int fd)
        : m_fd(fd)
    {}

    ~Fd()
    {
        reset();
    }

    Fd(const Fd &) = delete;
    Fd &operator=(const Fd &) = delete;

    Fd &operator=(Fd &&other) noexcept
    {
        reset();
        m_fd = std::exchange(other.m_fd, -1);
        return *this;
    }

    int get() const
    {
        return m_fd;
    }

    void reset();

private:
    int m_fd = -1;
};

// A pipe of PipeSize bytes, both ends close-on-exec.
bool makePipe(Fd *read, Fd *write, std::string *error);

// Runs `spec` (an absolute program path) with its stdin, stdout or stderr on the given descriptors (-1: inherited);
// its pid, or -1 with *error.
pid_t spawn(const Async::ProcessSpec &spec, int stdinFd, int stdoutFd, std::string *error, int stderrFd = -1);

// Waits for `pid`; "" when it exited with 0, else what happened. `cpuSeconds`, when given, receives the CPU (user +
// system) of the process and of the children it waited for.
std::string reap(pid_t pid, double *cpuSeconds = nullptr);

// A TCP port on 127.0.0.1 that was free a moment ago (another process may take it first); 0 when none.
quint16 freeLoopbackPort();

// Whether some socket listens on 127.0.0.1:port (or on any address at that port), from /proc/net/tcp: a check that
// does not connect, for servers that accept only one connection.
bool loopbackListening(quint16 port);

}  // namespace ReplicationBench
