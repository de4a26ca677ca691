// SPDX-License-Identifier: MIT
#include "daemon/async/PipeProcess.h"

#include <QTimer>

#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace Async {

namespace {

constexpr int PipeSize = 1 << 20;

}  // namespace

PipeProcess::PipeProcess(ProcessSpec spec, Direction direction, Wakeup &wakeup, QObject *parent)
    : QObject(parent)
    , m_spec(std::move(spec))
    , m_direction(direction)
    , m_wakeup(wakeup)
{
}

PipeProcess::~PipeProcess()
{
    m_notifier.reset();
    const bool closedInput = m_fd >= 0 && m_direction == Direction::ToProcess;
    if (m_fd >= 0) {
        ::close(m_fd);
    }
    if (m_process.state() != QProcess::NotRunning) {
        m_process.disconnect();
        // A consumer whose input just ended gets a moment to see the end: a `zfs recv -s` stopped with a reset, a
        // reload or a shutdown then keeps what it received (resumable), as it does when a connection breaks.
        if (!closedInput || !m_process.waitForFinished(StopGraceMs)) {
            m_process.kill();
            m_process.waitForFinished(1000);
        }
    }
}

bool PipeProcess::start()
{
    // A consumer that exits early must surface as EPIPE, not kill the daemon.
    ::signal(SIGPIPE, SIG_IGN);
    int fds[2] = {-1, -1};
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        m_result.startError = QStringLiteral("cannot create a pipe: %1").arg(QString::fromLocal8Bit(strerror(errno)));
        m_finished = true;
        return false;
    }
    const bool fromProcess = m_direction == Direction::FromProcess;
    const int childEnd = fromProcess ? fds[1] : fds[0];
    m_fd = fromProcess ? fds[0] : fds[1];
    // Larger pipes move more per wake-up; the kernel caps the size and a refusal only costs speed.
    ::fcntl(m_fd, F_SETPIPE_SZ, PipeSize);
    ::fcntl(m_fd, F_SETFL, ::fcntl(m_fd, F_GETFL) | O_NONBLOCK);

    if (m_spec.environment) {
        m_process.setProcessEnvironment(*m_spec.environment);
    }
    if (fromProcess) {
        m_process.setStandardOutputFile(QProcess::nullDevice());
        m_process.setChildProcessModifier([childEnd] { ::dup2(childEnd, STDOUT_FILENO); });
    } else {
        m_process.setStandardInputFile(QProcess::nullDevice());
        m_process.setChildProcessModifier([childEnd] { ::dup2(childEnd, STDIN_FILENO); });
    }
    connect(&m_process, &QProcess::readyReadStandardError, this,
            [this] { m_result.standardError.append(m_process.readAllStandardError()); });
    connect(&m_process, &QProcess::readyReadStandardOutput, this,
            [this] { m_result.standardOutput.append(m_process.readAllStandardOutput()); });
    connect(&m_process, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
        m_result.started = true;
        m_result.exitCode = code;
        m_result.crashed = status == QProcess::CrashExit && !m_result.timedOut;
        m_result.standardError.append(m_process.readAllStandardError());
        m_finished = true;
        m_wakeup.wake();
    });
    m_process.start(m_spec.program, m_spec.arguments);
    ::close(childEnd);
    if (!m_process.waitForStarted(-1)) {
        m_result.started = false;
        m_result.startError = m_process.errorString();
        m_finished = true;
        return false;
    }
    if (m_spec.timeout.count() > 0) {
        QTimer::singleShot(m_spec.timeout, this, [this] {
            if (m_process.state() != QProcess::NotRunning) {
                m_result.timedOut = true;
                m_process.kill();
            }
        });
    }
    if (m_spec.stop && fromProcess) {
        // The stream is to end early: the producer goes, its pipe ends, and the owner's loop sees the end.
        connect(m_spec.stop.data(), &StopSignal::requested, this, [this] { kill(); });
    }
    m_notifier = std::make_unique<QSocketNotifier>(m_fd, fromProcess ? QSocketNotifier::Read : QSocketNotifier::Write);
    m_notifier->setEnabled(false);
    connect(m_notifier.get(), &QSocketNotifier::activated, this, [this] {
        m_notifier->setEnabled(false);
        m_wakeup.wake();
    });
    return true;
}

void PipeProcess::arm()
{
    if (m_notifier) {
        m_notifier->setEnabled(true);
    }
}

PipeProcess::Io PipeProcess::read(QByteArray *out, qsizetype max)
{
    const qsizetype old = out->size();
    out->resize(old + max);
    qsizetype got = 0;
    const Io io = read(out->data() + old, max, &got);
    out->resize(old + got);
    return io;
}

PipeProcess::Io PipeProcess::read(char *data, qsizetype max, qsizetype *got)
{
    *got = 0;
    if (m_fd < 0) {
        return Io::End;
    }
    while (true) {
        const ssize_t n = ::read(m_fd, data, size_t(max));
        if (n > 0) {
            *got = n;
            return Io::Ok;
        }
        if (n == 0) {
            return Io::End;
        }
        if (errno == EINTR) {
            continue;
        }
        if (errno == EAGAIN) {
            arm();
            return Io::WouldBlock;
        }
        return Io::End;
    }
}

PipeProcess::Io PipeProcess::write(QByteArrayView data, qsizetype *written)
{
    *written = 0;
    if (m_fd < 0) {
        return Io::Broken;
    }
    while (*written < data.size()) {
        const ssize_t n = ::write(m_fd, data.data() + *written, size_t(data.size() - *written));
        if (n > 0) {
            *written += n;
            continue;
        }
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0 && errno == EAGAIN) {
            arm();
            return Io::WouldBlock;
        }
        return Io::Broken;
    }
    return Io::Ok;
}

PipeProcess::Io PipeProcess::writeFrom(QByteArray *pending, qint64 *total)
{
    qsizetype written = 0;
    const Io io = write(*pending, &written);
    pending->remove(0, written);
    *total += written;
    return io;
}

void PipeProcess::closePipe()
{
    m_notifier.reset();
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

void PipeProcess::kill()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
    }
}

}  // namespace Async
