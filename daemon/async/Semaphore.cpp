// SPDX-License-Identifier: MIT
#include "daemon/async/Semaphore.h"

#include "daemon/async/Awaitables.h"

namespace Async {

struct Semaphore::Waiter
{
    std::coroutine_handle<> handle;
    Resumer resumer;  // a pending resumption dies with the waiter
    bool granted = false;
    std::list<Waiter *>::iterator position;
    bool queued = false;
};

struct Semaphore::State
{
    int permits = 0;
    int available = 0;
    std::list<Waiter *> queue;

    // Hands free permits to the waiters at the front. The permit is the waiter's from now on, resumed or not.
    void grant()
    {
        while (available > 0 && !queue.empty()) {
            Waiter *waiter = queue.front();
            queue.pop_front();
            waiter->queued = false;
            waiter->granted = true;
            --available;
            waiter->resumer.resumeLater(waiter->handle);
        }
    }

    void giveBack()
    {
        ++available;
        grant();
    }
};

Semaphore::Semaphore(int permits)
    : m_state(std::make_shared<State>())
{
    m_state->permits = permits;
    m_state->available = permits;
}

Semaphore::~Semaphore() = default;

void Semaphore::setPermits(int permits)
{
    m_state->available += permits - m_state->permits;
    m_state->permits = permits;
    m_state->grant();
}

int Semaphore::permits() const
{
    return m_state->permits;
}

int Semaphore::available() const
{
    return m_state->available;
}

int Semaphore::waiting() const
{
    return int(m_state->queue.size());
}

Semaphore::Permit::Permit(Permit &&other) noexcept
    : m_state(std::move(other.m_state))
{
}

Semaphore::Permit &Semaphore::Permit::operator=(Permit &&other) noexcept
{
    if (this != &other) {
        release();
        m_state = std::move(other.m_state);
    }
    return *this;
}

void Semaphore::Permit::release()
{
    if (const std::shared_ptr<State> state = std::move(m_state)) {
        state->giveBack();
    }
}

Semaphore::Awaiter::Awaiter(std::shared_ptr<State> state)
    : m_state(std::move(state))
{
}

Semaphore::Awaiter::Awaiter(Awaiter &&other) noexcept
    : m_state(std::move(other.m_state))
    , m_waiter(std::move(other.m_waiter))
    , m_taken(std::exchange(other.m_taken, false))
{
}

Semaphore::Awaiter::~Awaiter()
{
    if (!m_state) {
        return;
    }
    if (m_waiter && m_waiter->queued) {
        m_state->queue.erase(m_waiter->position);
    }
    // Granted while its coroutine was being destroyed, or taken and never handed over: the next waiter's.
    if (m_taken || (m_waiter && m_waiter->granted)) {
        m_state->giveBack();
    }
}

bool Semaphore::Awaiter::await_ready() noexcept
{
    // Nobody may overtake a queued waiter.
    if (m_state->available > 0 && m_state->queue.empty()) {
        --m_state->available;
        m_taken = true;
        return true;
    }
    return false;
}

void Semaphore::Awaiter::await_suspend(std::coroutine_handle<> handle)
{
    m_waiter = std::make_unique<Waiter>();
    m_waiter->handle = handle;
    m_waiter->position = m_state->queue.insert(m_state->queue.end(), m_waiter.get());
    m_waiter->queued = true;
}

Semaphore::Permit Semaphore::Awaiter::await_resume() noexcept
{
    m_taken = false;
    if (m_waiter) {
        m_waiter->granted = false;
    }
    return Permit(m_state);
}

}  // namespace Async
