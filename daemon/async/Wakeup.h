// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>

#include <chrono>
#include <coroutine>
#include <memory>

class QTimer;

namespace Async {

// A level-triggered wake-up for one coroutine that moves bytes between sockets, pipes and processes: anything
// that may let it make progress (readyRead, bytesWritten, a pipe notifier, a process exit) calls wake(), and
// co_await wait(timeout) returns at once if a wake came since the last wait, else when the next one comes (true)
// or when the timeout passes first (false). Unlike Trigger, a wake with nobody waiting is kept, so the loop
// "try everything, then wait" never sleeps through an event.
//
// A data path waits once per burst of bytes, so a wait costs no allocation of its own: one timer serves every
// wait's deadline (it is restarted only when a wait's deadline comes before the one it is set for, and re-armed
// for the rest when it fires early), and the resumption is one event posted to the Wakeup itself.
class Wakeup final : public QObject
{
    Q_OBJECT

public:
    using Clock = std::chrono::steady_clock;

    class Awaiter
    {
    public:
        Awaiter(Wakeup &wakeup, std::chrono::milliseconds timeout);
        ~Awaiter();
        Awaiter(Awaiter &&) noexcept;
        bool await_ready() noexcept;  // consumes a pending wake
        void await_suspend(std::coroutine_handle<> handle);
        bool await_resume() noexcept;

    private:
        friend class Wakeup;
        Wakeup *m_wakeup;
        std::chrono::milliseconds m_timeout;
        bool m_timedOut = false;
    };

    explicit Wakeup(QObject *parent = nullptr);
    ~Wakeup() override;

    void wake();
    // timeout 0: no limit.
    Awaiter wait(std::chrono::milliseconds timeout = std::chrono::milliseconds(0)) { return Awaiter(*this, timeout); }

private:
    // Ends the current wait: its coroutine resumes from the event loop, not inside the signal that woke it.
    void release(bool timedOut);
    void resumeNow();
    void armTimer();
    void timerFired();

    bool m_pending = false;
    Awaiter *m_waiter = nullptr;
    std::coroutine_handle<> m_handle;
    // The coroutine to resume from the posted event; cleared when its awaiter goes first.
    std::coroutine_handle<> m_resume;
    Awaiter *m_resumeAwaiter = nullptr;
    bool m_resumePosted = false;
    Clock::time_point m_deadline;
    Clock::time_point m_timerDue;
    std::unique_ptr<QTimer> m_timer;
};

}  // namespace Async
