// SPDX-License-Identifier: MIT
#include "daemon/async/TaskGroup.h"

#include <QMetaObject>

namespace Async {

TaskGroup::~TaskGroup() = default;

void TaskGroup::start(Task<void> task)
{
    auto runner = std::make_unique<TaskRunner>();
    TaskRunner *raw = runner.get();
    m_runners.push_back(std::move(runner));
    QObject::connect(raw, &TaskRunner::finished, raw, [this, raw] {
        // Not from inside the task's own finish: a queued removal (the runner dies with the group otherwise, and
        // the queued call with the runner).
        QMetaObject::invokeMethod(
            raw,
            [this, raw] { m_runners.remove_if([raw](const std::unique_ptr<TaskRunner> &t) { return t.get() == raw; }); },
            Qt::QueuedConnection);
    });
    raw->start(std::move(task));
}

}  // namespace Async
