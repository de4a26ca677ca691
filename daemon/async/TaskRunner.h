// SPDX-License-Identifier: MIT
#pragma once

#include <QEventLoop>
#include <QObject>

#include <optional>

#include "daemon/async/Task.h"

namespace Async {

// Runs one top-level Task<void> at a time and owns it. cancel() destroys the task wherever it is suspended; it
// must be called from outside the task (from a signal handler, a timer, the control server), never from inside.
class TaskRunner final : public QObject
{
    Q_OBJECT

public:
    explicit TaskRunner(QObject *parent = nullptr);
    ~TaskRunner() override;

    // Starts the task right away (it runs until its first suspension before start() returns). A task already
    // running is cancelled first.
    void start(Task<void> task);
    void cancel();
    bool isRunning() const { return bool(m_root.handle()); }

Q_SIGNALS:
    // The task ran to its end (not emitted for a cancelled task).
    void finished();

private:
    Task<void> wrap(Task<void> task, quint64 generation);
    void handleFinished(quint64 generation);

    Task<void> m_root;
    quint64 m_generation = 0;
};

// Runs a task to its end on a local event loop and returns its value: for command-line tools, tests and benchmarks,
// never for the daemon's own work (it would block every other job while it waits).
template<typename T>
T runBlocking(Task<T> task)
{
    std::optional<T> result;
    TaskRunner runner;
    auto wrapper = [&result](Task<T> inner) -> Task<void> { result = co_await std::move(inner); };
    QEventLoop loop;
    QObject::connect(&runner, &TaskRunner::finished, &loop, &QEventLoop::quit);
    runner.start(wrapper(std::move(task)));
    if (runner.isRunning()) {
        loop.exec();
    }
    return std::move(*result);
}

inline void runBlocking(Task<void> task)
{
    TaskRunner runner;
    QEventLoop loop;
    QObject::connect(&runner, &TaskRunner::finished, &loop, &QEventLoop::quit);
    runner.start(std::move(task));
    if (runner.isRunning()) {
        loop.exec();
    }
}

}  // namespace Async
