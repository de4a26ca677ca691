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
}

void Wakeup::wake()
{
    if (m_waiter) {
        Awaiter *waiter = std::exchange(m_waiter, nullptr);
        waiter->m_timer.reset();
        waiter->m_resumer->resumeLater(std::exchange(m_handle, {}));
        return;
    }
    m_pending = true;
}

Wakeup::Awaiter::Awaiter(Wakeup &wakeup, std::chrono::milliseconds timeout)
    : m_wakeup(&wakeup)
    , m_timeout(timeout)
{
}

Wakeup::Awaiter::~Awaiter()
{
    if (m_wakeup && m_wakeup->m_waiter == this) {
        m_wakeup->m_waiter = nullptr;
        m_wakeup->m_handle = {};
    }
}

Wakeup::Awaiter::Awaiter(Awaiter &&other) noexcept
    : m_wakeup(std::exchange(other.m_wakeup, nullptr))
    , m_timeout(other.m_timeout)
    , m_resumer(std::move(other.m_resumer))
    , m_timer(std::move(other.m_timer))
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
    m_resumer = std::make_unique<Resumer>();
    m_wakeup->m_waiter = this;
    m_wakeup->m_handle = handle;
    if (m_timeout.count() > 0) {
        auto *timer = new QTimer();
        timer->setSingleShot(true);
        QObject::connect(timer, &QTimer::timeout, m_resumer.get(), [this, handle] {
            m_timedOut = true;
            if (m_wakeup && m_wakeup->m_waiter == this) {
                m_wakeup->m_waiter = nullptr;
                m_wakeup->m_handle = {};
            }
            m_resumer->resumeLater(handle);
        });
        timer->start(m_timeout);
        m_timer.reset(timer);
    }
}

bool Wakeup::Awaiter::await_resume() noexcept
{
    m_timer.reset();
    return !m_timedOut;
}

}  // namespace Async
