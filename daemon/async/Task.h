// SPDX-License-Identifier: MIT
#pragma once

#include <coroutine>
#include <exception>
#include <optional>
#include <utility>

// C++20 coroutines for the daemon's sequential work (list, snapshot, hold, send, receive, prune) on the one event
// loop thread, without threads or blocking waits. A Task is lazy (it starts when awaited or given to a
// TaskRunner) and owns its coroutine frame: destroying a suspended Task destroys the frames below it, and with them
// the awaiters they are suspended in, which stop their timers and kill their processes. That is how a job's run is
// cancelled (zrepl's `reset`): its TaskRunner drops the task.
namespace Async {

template<typename T>
class Task;

namespace detail {

struct PromiseBase
{
    std::coroutine_handle<> continuation;

    std::suspend_always initial_suspend() noexcept { return {}; }

    struct FinalAwaiter
    {
        bool await_ready() noexcept { return false; }

        template<typename Promise>
        std::coroutine_handle<> await_suspend(std::coroutine_handle<Promise> handle) noexcept
        {
            std::coroutine_handle<> next = handle.promise().continuation;
            return next ? next : std::noop_coroutine();
        }

        void await_resume() noexcept {}
    };

    FinalAwaiter final_suspend() noexcept { return {}; }
    // The daemon does not use exceptions for control flow; one escaping a coroutine is a bug.
    void unhandled_exception() noexcept { std::terminate(); }
};

}  // namespace detail

template<typename T>
class [[nodiscard]] Task
{
public:
    struct promise_type : detail::PromiseBase
    {
        std::optional<T> value;

        Task get_return_object() { return Task(std::coroutine_handle<promise_type>::from_promise(*this)); }

        template<typename U>
        void return_value(U &&v)
        {
            value.emplace(std::forward<U>(v));
        }
    };

    Task() = default;
    Task(Task &&other) noexcept
        : m_handle(std::exchange(other.m_handle, {}))
    {
    }
    Task &operator=(Task &&other) noexcept
    {
        if (this != &other) {
            reset();
            m_handle = std::exchange(other.m_handle, {});
        }
        return *this;
    }
    Task(const Task &) = delete;
    Task &operator=(const Task &) = delete;
    ~Task() { reset(); }

    bool await_ready() const noexcept { return false; }
    std::coroutine_handle<> await_suspend(std::coroutine_handle<> continuation) noexcept
    {
        m_handle.promise().continuation = continuation;
        return m_handle;
    }
    T await_resume() { return std::move(*m_handle.promise().value); }

    std::coroutine_handle<promise_type> handle() const { return m_handle; }
    std::coroutine_handle<promise_type> release() { return std::exchange(m_handle, {}); }

private:
    explicit Task(std::coroutine_handle<promise_type> handle)
        : m_handle(handle)
    {
    }
    void reset()
    {
        if (m_handle) {
            m_handle.destroy();
            m_handle = {};
        }
    }

    std::coroutine_handle<promise_type> m_handle;
};

template<>
class [[nodiscard]] Task<void>
{
public:
    struct promise_type : detail::PromiseBase
    {
        Task get_return_object() { return Task(std::coroutine_handle<promise_type>::from_promise(*this)); }
        void return_void() {}
    };

    Task() = default;
    Task(Task &&other) noexcept
        : m_handle(std::exchange(other.m_handle, {}))
    {
    }
    Task &operator=(Task &&other) noexcept
    {
        if (this != &other) {
            reset();
            m_handle = std::exchange(other.m_handle, {});
        }
        return *this;
    }
    Task(const Task &) = delete;
    Task &operator=(const Task &) = delete;
    ~Task() { reset(); }

    bool await_ready() const noexcept { return false; }
    std::coroutine_handle<> await_suspend(std::coroutine_handle<> continuation) noexcept
    {
        m_handle.promise().continuation = continuation;
        return m_handle;
    }
    void await_resume() {}

    std::coroutine_handle<promise_type> handle() const { return m_handle; }
    std::coroutine_handle<promise_type> release() { return std::exchange(m_handle, {}); }

private:
    explicit Task(std::coroutine_handle<promise_type> handle)
        : m_handle(handle)
    {
    }
    void reset()
    {
        if (m_handle) {
            m_handle.destroy();
            m_handle = {};
        }
    }

    std::coroutine_handle<promise_type> m_handle;
};

}  // namespace Async
