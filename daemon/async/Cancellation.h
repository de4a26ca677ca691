// SPDX-License-Identifier: MIT
#pragma once

#include <QTimer>

#include <chrono>
#include <optional>
#include <utility>

#include "daemon/async/StopSignal.h"
#include "daemon/async/Task.h"

// Limits on how long a task may take. A task that is cut off is destroyed where it is suspended (its processes
// killed, its timers stopped), exactly as a `reset` destroys a run, so anything it does must already be safe to
// interrupt at every co_await.
namespace Async {

namespace detail {

template<typename T>
Task<void> storeInto(Task<T> task, std::optional<T> *out)
{
    out->emplace(co_await std::move(task));
}

Task<void> markDone(Task<void> task, bool *done);
// Runs `task` on a runner of its own until it ends or `stop` is requested, whichever comes first.
Task<void> runUnlessStopped(Task<void> task, StopSignal &stop);

}  // namespace detail

// co_await cancelOn(task, stop): the task's value, or nullopt when `stop` was requested before it ended (then the
// task is destroyed). `stop` must outlive the call.
template<typename T>
Task<std::optional<T>> cancelOn(Task<T> task, StopSignal &stop)
{
    std::optional<T> result;
    co_await detail::runUnlessStopped(detail::storeInto(std::move(task), &result), stop);
    co_return result;
}

// true: the task ran to its end.
Task<bool> cancelOn(Task<void> task, StopSignal &stop);

// co_await withTimeout(task, limit): the task's value, or nullopt when it took longer than `limit`. A limit of 0
// (or less) is none.
template<typename T>
Task<std::optional<T>> withTimeout(Task<T> task, std::chrono::milliseconds limit)
{
    if (limit.count() <= 0) {
        std::optional<T> result(co_await std::move(task));
        co_return result;
    }
    std::optional<T> result;
    StopSignal stop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&timer, &QTimer::timeout, &stop, &StopSignal::request);
    timer.start(limit);
    co_await detail::runUnlessStopped(detail::storeInto(std::move(task), &result), stop);
    co_return result;
}

// true: the task ran to its end within `limit`.
Task<bool> withTimeout(Task<void> task, std::chrono::milliseconds limit);

}  // namespace Async
