// SPDX-License-Identifier: MIT
#pragma once

#include <list>
#include <memory>

#include "daemon/async/Task.h"
#include "daemon/async/TaskRunner.h"

namespace Async {

// Any number of top-level tasks that run side by side and are forgotten when they end (a control endpoint's
// answers that wait for zfs or the network). Destroying the group, or clear(), cancels the ones still running.
class TaskGroup
{
public:
    TaskGroup() = default;
    TaskGroup(const TaskGroup &) = delete;
    TaskGroup &operator=(const TaskGroup &) = delete;
    ~TaskGroup();

    void start(Task<void> task);
    void clear() { m_runners.clear(); }
    std::size_t size() const { return m_runners.size(); }

private:
    std::list<std::unique_ptr<TaskRunner>> m_runners;
};

}  // namespace Async
