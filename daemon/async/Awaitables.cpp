// SPDX-License-Identifier: MIT
#include "daemon/async/Awaitables.h"

#include <QTimer>

#include <csignal>

using namespace Qt::StringLiterals;

namespace Async {

void Resumer::resumeLater(std::coroutine_handle<> handle)
{
    QMetaObject::invokeMethod(this, [handle] { handle.resume(); }, Qt::QueuedConnection);
}

SleepAwaiter::SleepAwaiter(std::chrono::milliseconds duration)
    : m_duration(duration)
{
}

SleepAwaiter::~SleepAwaiter() = default;
SleepAwaiter::SleepAwaiter(SleepAwaiter &&) noexcept = default;

void SleepAwaiter::await_suspend(std::coroutine_handle<> handle)
{
    m_resumer = std::make_unique<Resumer>();
    auto *timer = new QTimer(m_resumer.get());
    timer->setSingleShot(true);
    timer->setTimerType(Qt::PreciseTimer);
    QObject::connect(timer, &QTimer::timeout, m_resumer.get(), [resumer = m_resumer.get(), handle] {
        resumer->resumeLater(handle);
    });
    timer->start(m_duration);
}

ProcessAwaiter::ProcessAwaiter(ProcessSpec spec)
    : m_spec(std::move(spec))
{
}

ProcessAwaiter::~ProcessAwaiter()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->disconnect();
        m_process->kill();
        m_process->waitForFinished(1000);
    }
}

ProcessAwaiter::ProcessAwaiter(ProcessAwaiter &&) noexcept = default;

void ProcessAwaiter::await_suspend(std::coroutine_handle<> handle)
{
    m_resumer = std::make_unique<Resumer>();
    m_process = std::make_unique<QProcess>();
    QProcess *process = m_process.get();
    Resumer *resumer = m_resumer.get();
    if (m_spec.environment) {
        process->setProcessEnvironment(*m_spec.environment);
    }
    if (!m_spec.workingDirectory.isEmpty()) {
        process->setWorkingDirectory(m_spec.workingDirectory);
    }
    QObject::connect(process, &QProcess::readyReadStandardOutput, resumer, [this, process] {
        m_result.standardOutput.append(process->readAllStandardOutput());
    });
    QObject::connect(process, &QProcess::readyReadStandardError, resumer, [this, process] {
        m_result.standardError.append(process->readAllStandardError());
    });
    QObject::connect(process, &QProcess::finished, resumer, [this, process, resumer, handle](int code,
                                                                                           QProcess::ExitStatus status) {
        m_result.started = true;
        m_result.exitCode = code;
        m_result.crashed = status == QProcess::CrashExit && !m_result.timedOut;
        m_result.standardOutput.append(process->readAllStandardOutput());
        m_result.standardError.append(process->readAllStandardError());
        resumer->resumeLater(handle);
    });
    QObject::connect(process, &QProcess::errorOccurred, resumer, [this, process, resumer, handle](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart) {
            return;  // the others end in finished()
        }
        m_result.started = false;
        m_result.startError = process->errorString();
        resumer->resumeLater(handle);
    });
    if (m_spec.timeout.count() > 0) {
        auto *timer = new QTimer(resumer);
        timer->setSingleShot(true);
        QObject::connect(timer, &QTimer::timeout, resumer, [this, process] {
            m_result.timedOut = true;
            process->kill();
        });
        timer->start(m_spec.timeout);
    }
    process->start(m_spec.program, m_spec.arguments);
    if (!m_spec.standardInput.isEmpty()) {
        process->write(m_spec.standardInput);
    }
    process->closeWriteChannel();
}

ProcessResult ProcessAwaiter::await_resume()
{
    return std::move(m_result);
}

Trigger::Awaiter::Awaiter(Trigger &trigger, QDeadlineTimer deadline)
    : m_trigger(&trigger)
    , m_deadline(deadline)
{
}

Trigger::Awaiter::Awaiter(Awaiter &&other) noexcept
    : m_trigger(other.m_trigger)
    , m_deadline(other.m_deadline)
    , m_resumer(std::move(other.m_resumer))
    , m_handle(other.m_handle)
    , m_fired(other.m_fired)
{
}

Trigger::Awaiter::~Awaiter()
{
    if (m_trigger && m_trigger->m_waiter == this) {
        m_trigger->m_waiter = nullptr;
    }
}

void Trigger::Awaiter::await_suspend(std::coroutine_handle<> handle)
{
    m_handle = handle;
    m_resumer = std::make_unique<Resumer>();
    m_trigger->m_waiter = this;
    if (!m_deadline.isForever()) {
        auto *timer = new QTimer(m_resumer.get());
        timer->setSingleShot(true);
        timer->setTimerType(Qt::PreciseTimer);
        QObject::connect(timer, &QTimer::timeout, m_resumer.get(), [this] {
            if (m_trigger->m_waiter == this) {
                m_trigger->m_waiter = nullptr;
                m_resumer->resumeLater(m_handle);
            }
        });
        timer->start(std::max<qint64>(0, m_deadline.remainingTime()));
    }
}

bool Trigger::fire()
{
    Awaiter *waiter = m_waiter;
    if (!waiter) {
        return false;
    }
    m_waiter = nullptr;
    waiter->m_fired = true;
    waiter->m_resumer->resumeLater(waiter->m_handle);
    return true;
}

}  // namespace Async
