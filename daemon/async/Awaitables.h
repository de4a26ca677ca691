// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QDeadlineTimer>
#include <QObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <chrono>
#include <coroutine>
#include <memory>
#include <optional>

#include "daemon/async/StopSignal.h"

namespace Async {

// Resumes a coroutine from the event loop rather than from inside the signal that ended its wait, so the
// coroutine may delete the timer or process that emitted it. Owned by the awaiter in the coroutine frame: when the
// frame is destroyed first, the pending resumption is dropped with it.
class Resumer final : public QObject
{
    Q_OBJECT

public:
    void resumeLater(std::coroutine_handle<> handle);
};

// co_await sleep(d): resumes after d, from the event loop.
class SleepAwaiter
{
public:
    explicit SleepAwaiter(std::chrono::milliseconds duration);
    ~SleepAwaiter();
    SleepAwaiter(SleepAwaiter &&) noexcept;
    bool await_ready() const noexcept { return m_duration.count() <= 0; }
    void await_suspend(std::coroutine_handle<> handle);
    void await_resume() const noexcept {}

private:
    std::chrono::milliseconds m_duration;
    std::unique_ptr<Resumer> m_resumer;
};

inline SleepAwaiter sleep(std::chrono::milliseconds duration)
{
    return SleepAwaiter(duration);
}

struct ProcessSpec
{
    QString program;
    QStringList arguments;
    QByteArray standardInput;
    std::chrono::milliseconds timeout{0};  // 0: no limit
    std::optional<QProcessEnvironment> environment;
    QString workingDirectory;
    // For the processes of a stream (a pipeline, or a pipe to a connection): a request to end the stream early.
    // The producer is killed (or the connection feeding the consumer closed), so the consumer sees the end of its
    // input and finishes by itself: a resumable `zfs recv -s` keeps what it received. Null: no such request.
    QPointer<StopSignal> stop;
    // Kept alive as long as any copy of the spec: what must last while the process runs (the passive side's
    // registration of a running step, see Holds::RunningSteps).
    std::shared_ptr<const void> lease;
};

struct ProcessResult
{
    bool started = false;
    QString startError;  // when !started: why the program could not run
    bool timedOut = false;
    bool crashed = false;  // killed by a signal
    int exitCode = -1;
    QByteArray standardOutput;
    QByteArray standardError;

    bool ok() const { return started && !timedOut && !crashed && exitCode == 0; }
};

// co_await runProcess(spec): runs a program to its end, collecting its output. Destroying the awaiting coroutine
// kills the process.
class ProcessAwaiter
{
public:
    explicit ProcessAwaiter(ProcessSpec spec);
    ~ProcessAwaiter();
    ProcessAwaiter(ProcessAwaiter &&) noexcept;
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> handle);
    ProcessResult await_resume();

private:
    ProcessSpec m_spec;
    std::unique_ptr<QProcess> m_process;
    std::unique_ptr<Resumer> m_resumer;
    ProcessResult m_result;
};

inline ProcessAwaiter runProcess(ProcessSpec spec)
{
    return ProcessAwaiter(std::move(spec));
}

// A wake-up call for one waiting coroutine: co_await trigger.wait(deadline) returns true when fire() was called
// while it waited, false when the deadline passed first. fire() with nobody waiting returns false and is lost, as
// zrepl's unbuffered wakeup channel is.
class Trigger final : public QObject
{
    Q_OBJECT

public:
    class Awaiter
    {
    public:
        Awaiter(Trigger &trigger, QDeadlineTimer deadline);
        ~Awaiter();
        Awaiter(Awaiter &&) noexcept;
        bool await_ready() const noexcept { return false; }
        void await_suspend(std::coroutine_handle<> handle);
        bool await_resume() const noexcept { return m_fired; }

    private:
        friend class Trigger;
        Trigger *m_trigger;
        QDeadlineTimer m_deadline;
        std::unique_ptr<Resumer> m_resumer;
        std::coroutine_handle<> m_handle;
        bool m_fired = false;
    };

    bool isWaiting() const { return m_waiter != nullptr; }
    bool fire();
    Awaiter wait(QDeadlineTimer deadline = QDeadlineTimer(QDeadlineTimer::Forever)) { return Awaiter(*this, deadline); }

private:
    Awaiter *m_waiter = nullptr;
};

}  // namespace Async
