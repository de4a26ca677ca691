// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>

#include <chrono>
#include <coroutine>
#include <memory>

#include "daemon/async/Awaitables.h"

namespace Async {

// A level-triggered wake-up for one coroutine that moves bytes between sockets, pipes and processes: anything
// that may let it make progress (readyRead, bytesWritten, a pipe notifier, a process exit) calls wake(), and
// co_await wait(timeout) returns at once if a wake came since the last wait, else when the next one comes (true)
// or when the timeout passes first (false). Unlike Trigger, a wake with nobody waiting is kept, so the loop
// "try everything, then wait" never sleeps through an event.
class Wakeup final : public QObject
{
    Q_OBJECT

public:
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
        std::unique_ptr<Resumer> m_resumer;
        std::unique_ptr<QObject> m_timer;
        bool m_timedOut = false;
    };

    explicit Wakeup(QObject *parent = nullptr);
    ~Wakeup() override;

    void wake();
    // timeout 0: no limit.
    Awaiter wait(std::chrono::milliseconds timeout = std::chrono::milliseconds(0)) { return Awaiter(*this, timeout); }

private:
    bool m_pending = false;
    Awaiter *m_waiter = nullptr;
    std::coroutine_handle<> m_handle;
};

}  // namespace Async
