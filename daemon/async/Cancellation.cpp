// SPDX-License-Identifier: MIT
#include "daemon/async/Cancellation.h"

#include "daemon/async/TaskRunner.h"
#include "daemon/async/Wakeup.h"

namespace Async {

namespace detail {

Task<void> markDone(Task<void> task, bool *done)
{
    co_await std::move(task);
    *done = true;
}

Task<void> runUnlessStopped(Task<void> task, StopSignal &stop)
{
    if (stop.isRequested()) {
        co_return;
    }
    // The task runs apart so that it can be destroyed from here, outside it (TaskRunner::cancel's rule).
    Wakeup wakeup;
    TaskRunner runner;
    bool finished = false;
    QObject::connect(&runner, &TaskRunner::finished, &wakeup, [&finished, &wakeup] {
        finished = true;
        wakeup.wake();
    });
    QObject::connect(&stop, &StopSignal::requested, &wakeup, [&wakeup] { wakeup.wake(); });
    runner.start(std::move(task));
    while (!finished && !stop.isRequested()) {
        co_await wakeup.wait();
    }
    runner.cancel();  // nothing left to cancel when it finished
}

}  // namespace detail

Task<bool> cancelOn(Task<void> task, StopSignal &stop)
{
    bool done = false;
    co_await detail::runUnlessStopped(detail::markDone(std::move(task), &done), stop);
    co_return done;
}

Task<bool> withTimeout(Task<void> task, std::chrono::milliseconds limit)
{
    if (limit.count() <= 0) {
        co_await std::move(task);
        co_return true;
    }
    StopSignal stop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&timer, &QTimer::timeout, &stop, &StopSignal::request);
    timer.start(limit);
    const bool done = co_await cancelOn(std::move(task), stop);
    co_return done;
}

}  // namespace Async
