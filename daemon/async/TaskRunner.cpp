// SPDX-License-Identifier: MIT
#include "daemon/async/TaskRunner.h"

namespace Async {

TaskRunner::TaskRunner(QObject *parent)
    : QObject(parent)
{
}

TaskRunner::~TaskRunner()
{
    cancel();
}

void TaskRunner::start(Task<void> task)
{
    cancel();
    m_root = wrap(std::move(task), ++m_generation);
    m_root.handle().resume();
}

void TaskRunner::cancel()
{
    m_root = Task<void>();
}

Task<void> TaskRunner::wrap(Task<void> task, quint64 generation)
{
    co_await task;
    // The frame cannot destroy itself; the runner drops it from the event loop.
    QMetaObject::invokeMethod(
        this, [this, generation] { handleFinished(generation); }, Qt::QueuedConnection);
}

void TaskRunner::handleFinished(quint64 generation)
{
    if (generation != m_generation || !m_root.handle() || !m_root.handle().done()) {
        return;  // cancelled or replaced meanwhile
    }
    m_root = Task<void>();
    Q_EMIT finished();
}

}  // namespace Async
