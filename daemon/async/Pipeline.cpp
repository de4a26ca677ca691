// SPDX-License-Identifier: MIT
#include "daemon/async/Pipeline.h"


#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

namespace Async {

namespace {

constexpr size_t SpliceChunk = 1 << 20;
constexpr int PipeSize = 1 << 20;

void closeFd(int &fd)
{
    if (fd >= 0) {
        ::close(fd);
        fd = -1;
    }
}

}  // namespace

PipelineAwaiter::PipelineAwaiter(ProcessSpec producer, ProcessSpec consumer, std::function<void(qint64)> progress,
                                 std::chrono::milliseconds interval)
    : m_producerSpec(std::move(producer))
    , m_consumerSpec(std::move(consumer))
    , m_progress(std::make_unique<ProgressThrottle>(std::move(progress), interval))
{
}

PipelineAwaiter::~PipelineAwaiter()
{
    m_readable.reset();
    m_writable.reset();
    closeFd(m_in);
    const bool closedInput = m_out >= 0;
    closeFd(m_out);
    for (QProcess *process : {m_producer.get(), m_consumer.get()}) {
        if (process && process->state() != QProcess::NotRunning) {
            process->disconnect();
            // The consumer's input just ended: a `zfs recv -s` stopped by a reset, a reload or a shutdown gets a
            // moment to keep what it received (resumable), as when a connection breaks.
            const bool graceful = process == m_consumer.get() && closedInput && process->waitForFinished(ConsumerStopGraceMs);
            if (!graceful) {
                process->kill();
                process->waitForFinished(1000);
            }
        }
    }
}

PipelineAwaiter::PipelineAwaiter(PipelineAwaiter &&) noexcept = default;

void PipelineAwaiter::finishRelay()
{
    if (m_relayDone) {
        return;
    }
    m_relayDone = true;
    m_readable.reset();
    m_writable.reset();
    closeFd(m_in);
    closeFd(m_out);  // the consumer sees the end of the stream
    m_progress->finish(m_result.bytes);
    checkDone();
}

void PipelineAwaiter::relay()
{
    while (true) {
        const ssize_t moved = ::splice(m_in, nullptr, m_out, nullptr, SpliceChunk, SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
        if (moved > 0) {
            m_result.bytes += moved;
            m_progress->update(m_result.bytes);
            continue;
        }
        if (moved == 0) {
            finishRelay();  // the producer closed its end
            return;
        }
        if (errno == EINTR) {
            continue;
        }
        if (errno == EAGAIN) {
            // Either the producer has nothing more yet or the consumer's pipe is full. Waiting on the wrong one
            // would spin (an empty input with a writable output wakes at once), so ask the output which it is.
            pollfd output{m_out, POLLOUT, 0};
            const bool outputHasRoom = ::poll(&output, 1, 0) == 1 && (output.revents & POLLOUT);
            m_readable->setEnabled(outputHasRoom);
            m_writable->setEnabled(!outputHasRoom);
            return;
        }
        // EPIPE: the consumer is gone; the producer is stopped rather than left blocked on a full pipe.
        if (m_producer && m_producer->state() != QProcess::NotRunning) {
            m_producer->kill();
        }
        finishRelay();
        return;
    }
}

void PipelineAwaiter::checkDone()
{
    if (m_producerDone && m_consumerDone && m_relayDone) {
        m_resumer->resumeLater(m_handle);
    }
}

void PipelineAwaiter::await_suspend(std::coroutine_handle<> handle)
{
    // A consumer that exits early must surface as EPIPE, not kill the daemon.
    ::signal(SIGPIPE, SIG_IGN);
    m_handle = handle;
    m_resumer = std::make_unique<Resumer>();
    m_producer = std::make_unique<QProcess>();
    m_consumer = std::make_unique<QProcess>();
    QProcess *producer = m_producer.get();
    QProcess *consumer = m_consumer.get();
    Resumer *resumer = m_resumer.get();

    int toRelay[2] = {-1, -1};
    int fromRelay[2] = {-1, -1};
    if (::pipe2(toRelay, O_CLOEXEC) != 0 || ::pipe2(fromRelay, O_CLOEXEC) != 0) {
        m_result.producer.startError = QStringLiteral("cannot create pipes: %1").arg(QString::fromLocal8Bit(strerror(errno)));
        m_result.consumer.startError = m_result.producer.startError;
        closeFd(toRelay[0]);
        closeFd(toRelay[1]);
        m_producerDone = m_consumerDone = m_relayDone = true;
        checkDone();
        return;
    }
    // Larger pipes let each wake-up move more (a 64 KiB pipe wakes the relay once per 64 KiB); the kernel caps the
    // size at /proc/sys/fs/pipe-max-size and a refusal only costs speed.
    for (int fd : {toRelay[0], fromRelay[1]}) {
        ::fcntl(fd, F_SETPIPE_SZ, PipeSize);
    }
    const int producerStdout = toRelay[1];
    const int consumerStdin = fromRelay[0];
    m_in = toRelay[0];
    m_out = fromRelay[1];

    auto setUp = [resumer, this](QProcess *process, const ProcessSpec &spec, ProcessResult *result, bool *done) {
        if (spec.environment) {
            process->setProcessEnvironment(*spec.environment);
        }
        QObject::connect(process, &QProcess::readyReadStandardError, resumer,
                         [process, result] { result->standardError.append(process->readAllStandardError()); });
        QObject::connect(process, &QProcess::finished, resumer,
                         [this, process, result, done](int code, QProcess::ExitStatus status) {
                             result->started = true;
                             result->exitCode = code;
                             result->crashed = status == QProcess::CrashExit && !result->timedOut;
                             result->standardError.append(process->readAllStandardError());
                             *done = true;
                             if (process == m_consumer.get() && !m_relayDone) {
                                 // Nobody reads any more: stop the producer and the relay.
                                 if (m_producer->state() != QProcess::NotRunning) {
                                     m_producer->kill();
                                 }
                                 finishRelay();
                             }
                             checkDone();
                         });
        QObject::connect(process, &QProcess::errorOccurred, resumer, [this, process, result, done](QProcess::ProcessError error) {
            if (error != QProcess::FailedToStart) {
                return;
            }
            result->started = false;
            result->startError = process->errorString();
            *done = true;
            QProcess *other = process == m_producer.get() ? m_consumer.get() : m_producer.get();
            if (other->state() != QProcess::NotRunning) {
                other->kill();
            }
            finishRelay();
            checkDone();
        });
    };
    setUp(producer, m_producerSpec, &m_result.producer, &m_producerDone);
    setUp(consumer, m_consumerSpec, &m_result.consumer, &m_consumerDone);
    QObject::connect(consumer, &QProcess::readyReadStandardOutput, resumer,
                     [consumer, this] { m_result.consumer.standardOutput.append(consumer->readAllStandardOutput()); });
    // The children get the pipe ends in place of the standard channels Qt would have made.
    producer->setStandardOutputFile(QProcess::nullDevice());
    producer->setChildProcessModifier([producerStdout] { ::dup2(producerStdout, STDOUT_FILENO); });
    consumer->setStandardInputFile(QProcess::nullDevice());
    consumer->setChildProcessModifier([consumerStdin] { ::dup2(consumerStdin, STDIN_FILENO); });

    const std::chrono::milliseconds timeout = std::max(m_producerSpec.timeout, m_consumerSpec.timeout);
    if (timeout.count() > 0) {
        auto *deadline = new QTimer(resumer);
        deadline->setSingleShot(true);
        QObject::connect(deadline, &QTimer::timeout, resumer, [this, producer, consumer] {
            m_result.producer.timedOut = producer->state() != QProcess::NotRunning;
            m_result.consumer.timedOut = consumer->state() != QProcess::NotRunning;
            producer->kill();
            consumer->kill();
        });
        deadline->start(timeout);
    }

    // A stream asked to end early (ProcessSpec::stop on either side): the producer goes, the relay sees the end
    // of its input and closes the consumer's, and the consumer finishes by itself.
    for (const ProcessSpec *spec : {&m_producerSpec, &m_consumerSpec}) {
        if (spec->stop) {
            QObject::connect(spec->stop.data(), &StopSignal::requested, resumer, [producer] {
                if (producer->state() != QProcess::NotRunning) {
                    producer->kill();
                }
            });
        }
    }

    consumer->start(m_consumerSpec.program, m_consumerSpec.arguments);
    producer->start(m_producerSpec.program, m_producerSpec.arguments);
    // The children hold their copies now; ours would keep the pipes open after they exit.
    ::close(producerStdout);
    ::close(consumerStdin);
    ::fcntl(m_in, F_SETFL, ::fcntl(m_in, F_GETFL) | O_NONBLOCK);
    ::fcntl(m_out, F_SETFL, ::fcntl(m_out, F_GETFL) | O_NONBLOCK);
    if (m_relayDone) {
        return;  // a process failed to start synchronously
    }
    m_readable = std::make_unique<QSocketNotifier>(m_in, QSocketNotifier::Read);
    m_writable = std::make_unique<QSocketNotifier>(m_out, QSocketNotifier::Write);
    m_writable->setEnabled(false);
    QObject::connect(m_readable.get(), &QSocketNotifier::activated, resumer, [this] { relay(); });
    QObject::connect(m_writable.get(), &QSocketNotifier::activated, resumer, [this] {
        m_writable->setEnabled(false);
        m_readable->setEnabled(true);
        relay();
    });
}

PipelineResult PipelineAwaiter::await_resume()
{
    return std::move(m_result);
}

}  // namespace Async
