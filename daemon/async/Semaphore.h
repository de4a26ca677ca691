// SPDX-License-Identifier: MIT
#pragma once

#include <coroutine>
#include <list>
#include <memory>

namespace Async {

class Resumer;

// A counting semaphore for the coroutines of one event loop: co_await acquire() returns a Permit at once while one
// is free, else waits behind the waiters before it (first come, first served), and the Permit gives itself back
// when destroyed. Cancelling a waiter (destroying its coroutine) takes it out of the queue, and a permit handed to
// it between the release and its resumption goes on to the next waiter, so no cancellation leaks a permit.
// Permits and waiters may outlive the Semaphore object: they share its state.
class Semaphore
{
    struct State;
    struct Waiter;

public:
    class [[nodiscard]] Permit
    {
    public:
        Permit() = default;
        ~Permit() { release(); }
        Permit(Permit &&other) noexcept;
        Permit &operator=(Permit &&other) noexcept;
        Permit(const Permit &) = delete;
        Permit &operator=(const Permit &) = delete;

        bool isValid() const { return m_state != nullptr; }
        void release();

    private:
        friend class Semaphore;
        explicit Permit(std::shared_ptr<State> state)
            : m_state(std::move(state))
        {
        }
        std::shared_ptr<State> m_state;
    };

    class Awaiter
    {
    public:
        explicit Awaiter(std::shared_ptr<State> state);
        ~Awaiter();
        Awaiter(Awaiter &&other) noexcept;
        Awaiter(const Awaiter &) = delete;
        Awaiter &operator=(const Awaiter &) = delete;
        Awaiter &operator=(Awaiter &&) = delete;

        bool await_ready() noexcept;
        void await_suspend(std::coroutine_handle<> handle);
        Permit await_resume() noexcept;

    private:
        std::shared_ptr<State> m_state;
        std::unique_ptr<Waiter> m_waiter;
        bool m_taken = false;  // a permit is this awaiter's, not yet handed to the coroutine
    };

    explicit Semaphore(int permits);
    ~Semaphore();
    Semaphore(const Semaphore &) = delete;
    Semaphore &operator=(const Semaphore &) = delete;

    Awaiter acquire() { return Awaiter(m_state); }
    // Changes how many permits there are; permits out beyond a lowered number are taken back as they are released.
    void setPermits(int permits);

    int permits() const;
    int available() const;  // negative while more are out than a lowered number allows
    int waiting() const;

private:
    std::shared_ptr<State> m_state;
};

}  // namespace Async
