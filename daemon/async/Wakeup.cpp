// SPDX-License-Identifier: MIT
#include "daemon/async/Wakeup.h"

#include <QTimer>

namespace Async {

Wakeup::Wakeup(QObject *parent)
    : QObject(parent)
{
}

Wakeup::~Wakeup()
{
    if (m_waiter) {
        m_waiter->m_wakeup = nullptr;
    }
    if (m_resumeAwaiter) {
        m_resumeAwaiter->m_wakeup = nullptr;
    }
}

void Wakeup::wake()
{
    if (m_waiter) {
        release(false);
        return;
    }
    m_pending = true;
}

void Wakeup::release(bool timedOut)
{
    Awaiter *waiter = std::exchange(m_waiter, nullptr);
    waiter->m_timedOut = timedOut;
    m_resume = std::exchange(m_handle, {});
    m_resumeAwaiter = waiter;
    if (!m_resumePosted) {
        m_resumePosted = true;
        QMetaObject::invokeMethod(this, &Wakeup::resumeNow, Qt::QueuedConnection);
    }
}

void Wakeup::resumeNow()
{
    m_resumePosted = false;
    m_resumeAwaiter = nullptr;
    if (const std::coroutine_handle<> handle = std::exchange(m_resume, {})) {
        handle.resume();
    }
}

void Wakeup::armTimer()
{
    if (!m_timer) {
        m_timer = std::make_unique<QTimer>();
        m_timer->setSingleShot(true);
        connect(m_timer.get(), &QTimer::timeout, this, &Wakeup::timerFired);
    }
    // A timer that fires before the deadline is fine (it re-arms for the rest); one that fires after is not.
    if (m_timer->isActive() && m_timerDue <= m_deadline) {
        return;
    }
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(m_deadline - Clock::now());
    m_timerDue = m_deadline;
    m_timer->start(std::max(left, std::chrono::milliseconds(0)));
}

void Wakeup::timerFired()
{
    if (!m_waiter || m_waiter->m_timeout.count() <= 0) {
        return;  // nobody waits with a limit: the next such wait arms the timer again
    }
    if (Clock::now() >= m_deadline) {
        release(true);
        return;
    }
    armTimer();  // fired for an earlier wait's deadline, or early (coarse timers)
}

Wakeup::Awaiter::Awaiter(Wakeup &wakeup, std::chrono::milliseconds timeout)
    : m_wakeup(&wakeup)
    , m_timeout(timeout)
{
}

Wakeup::Awaiter::~Awaiter()
{
    if (!m_wakeup) {
        return;
    }
    if (m_wakeup->m_waiter == this) {
        m_wakeup->m_waiter = nullptr;
        m_wakeup->m_handle = {};
    }
    if (m_wakeup->m_resumeAwaiter == this) {
        // The coroutine went before its posted resumption ran: the event finds nothing to resume.
        m_wakeup->m_resumeAwaiter = nullptr;
        m_wakeup->m_resume = {};
    }
}

Wakeup::Awaiter::Awaiter(Awaiter &&other) noexcept
    : m_wakeup(std::exchange(other.m_wakeup, nullptr))
    , m_timeout(other.m_timeout)
    , m_timedOut(other.m_timedOut)
{
}

bool Wakeup::Awaiter::await_ready() noexcept
{
    if (!m_wakeup) {
        return true;
    }
    return std::exchange(m_wakeup->m_pending, false);
}

void Wakeup::Awaiter::await_suspend(std::coroutine_handle<> handle)
{
    m_wakeup->m_waiter = this;
    m_wakeup->m_handle = handle;
    if (m_timeout.count() > 0) {
        m_wakeup->m_deadline = Clock::now() + m_timeout;
        m_wakeup->armTimer();
    }
}

bool Wakeup::Awaiter::await_resume() noexcept
{
    if (m_wakeup && m_wakeup->m_resumeAwaiter == this) {
        m_wakeup->m_resumeAwaiter = nullptr;
    }
    return !m_timedOut;
}

}  // namespace Async
