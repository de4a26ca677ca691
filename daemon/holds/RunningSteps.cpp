// SPDX-License-Identifier: MIT
#include "daemon/holds/RunningSteps.h"

namespace Holds {

RunningSteps &RunningSteps::instance()
{
    static RunningSteps steps;
    return steps;
}

RunningSteps::Lease RunningSteps::enter(Step step)
{
    const quint64 id = m_nextId++;
    m_steps.insert(id, std::move(step));
    // Every job and the registry live in the event loop's thread; the registry outlives the jobs.
    return std::shared_ptr<const void>(nullptr, [this, id](const void *) { leave(id); });
}

void RunningSteps::leave(quint64 id)
{
    m_steps.remove(id);
    if (m_leaveObserver) {
        m_leaveObserver();
    }
}

QString RunningSteps::jobOn(const QString &filesystem) const
{
    for (const Step &step : m_steps) {
        if (step.filesystem == filesystem) {
            return step.job;
        }
    }
    return {};
}

QHash<QString, QString> RunningSteps::snapshotsInUse(const QString &filesystem) const
{
    QHash<QString, QString> inUse;
    for (const Step &step : m_steps) {
        if (step.filesystem == filesystem) {
            for (const QString &snapshot : step.snapshots) {
                inUse.insert(snapshot, step.job);
            }
        }
    }
    return inUse;
}

bool RunningSteps::jobBusy(const QString &job) const
{
    for (const Step &step : m_steps) {
        if (step.job == job) {
            return true;
        }
    }
    return false;
}

}  // namespace Holds
