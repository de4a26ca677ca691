// SPDX-License-Identifier: MIT
#include "ChildProcesses.h"

#include <cerrno>
#include <cstring>
#include <vector>

#include <QFile>
#include <QTcpServer>

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace ReplicationBench {

std::string errnoText(const char *what)
{
    return std::string(what) + ": " + std::strerror(errno);
}

void Fd::reset()
{
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

bool makePipe(Fd *read, Fd *write, std::string *error)
{
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        *error = errnoText("pipe2");
        return false;
    }
    *read = Fd(fds[0]);
    *write = Fd(fds[1]);
    ::fcntl(fds[0], F_SETPIPE_SZ, PipeSize);
    return true;
}

pid_t spawn(const Async::ProcessSpec &spec, int stdinFd, int stdoutFd, std::string *error, int stderrFd)
{
    std::vector<std::string> strings{spec.program.toStdString()};
    for (const QString &argument : spec.arguments) {
        strings.push_back(argument.toStdString());
    }
    std::vector<char *> argv;
    for (std::string &s : strings) {
        argv.push_back(s.data());
    }
    argv.push_back(nullptr);
    std::vector<std::string> environment;
    std::vector<char *> envp;
    if (spec.environment) {
        for (const QString &entry : spec.environment->toStringList()) {
            environment.push_back(entry.toStdString());
        }
        for (std::string &s : environment) {
            envp.push_back(s.data());
        }
        envp.push_back(nullptr);
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (stdinFd >= 0) {
        posix_spawn_file_actions_adddup2(&actions, stdinFd, STDIN_FILENO);
    }
    if (stdoutFd >= 0) {
        posix_spawn_file_actions_adddup2(&actions, stdoutFd, STDOUT_FILENO);
    }
    if (stderrFd >= 0) {
        posix_spawn_file_actions_adddup2(&actions, stderrFd, STDERR_FILENO);
    }
    pid_t pid = -1;
    const int status =
        ::posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), spec.environment ? envp.data() : environ);
    posix_spawn_file_actions_destroy(&actions);
    if (status != 0) {
        *error = "cannot run " + strings[0] + ": " + std::strerror(status);
        return -1;
    }
    return pid;
}

std::string reap(pid_t pid, double *cpuSeconds)
{
    int status = 0;
    rusage usage{};
    while (::wait4(pid, &status, 0, &usage) < 0) {
        if (errno != EINTR) {
            return errnoText("waitpid");
        }
    }
    if (cpuSeconds) {
        auto seconds = [](const timeval &t) {
            return double(t.tv_sec) + double(t.tv_usec) / 1e6;
        };
        *cpuSeconds = seconds(usage.ru_utime) + seconds(usage.ru_stime);
    }
    if (WIFEXITED(status)) {
        return WEXITSTATUS(status) == 0 ? std::string() : "exit " + std::to_string(WEXITSTATUS(status));
    }
    return WIFSIGNALED(status) ? "killed by signal " + std::to_string(WTERMSIG(status)) : "ended oddly";
}

quint16 freeLoopbackPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

bool loopbackListening(quint16 port)
{
    // Lines of "sl local_address rem_address st ...", addresses as hex IP:port; state 0A is LISTEN.
    QFile table(QStringLiteral("/proc/net/tcp"));
    if (!table.open(QIODevice::ReadOnly)) {
        return false;
    }
    const QByteArray suffix = ':' + QByteArray::number(port, 16).toUpper().rightJustified(4, '0');
    for (const QByteArray &line : table.readAll().split('\n')) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() > 3 && fields[1].endsWith(suffix) && fields[3] == "0A") {
            return true;
        }
    }
    return false;
}

}  // namespace ReplicationBench
