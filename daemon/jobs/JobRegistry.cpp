// SPDX-License-Identifier: MIT
#include "daemon/jobs/JobRegistry.h"

using namespace Qt::StringLiterals;

namespace Daemon {

JobRegistry::JobRegistry(QObject *parent)
    : QObject(parent)
{
}

JobRegistry::~JobRegistry() = default;

void JobRegistry::addJob(std::unique_ptr<Job> job)
{
    connect(job.get(), &Job::statusChanged, this, &JobRegistry::invalidate);
    m_jobs.push_back(std::move(job));
    invalidate();
}

void JobRegistry::addInternalJob(const QString &name)
{
    m_internalJobs.append(name);
    invalidate();
}

Job *JobRegistry::job(const QString &name) const
{
    for (const auto &j : m_jobs) {
        if (j->name() == name) {
            return j.get();
        }
    }
    return nullptr;
}

QList<Job *> JobRegistry::jobs() const
{
    QList<Job *> list;
    for (const auto &j : m_jobs) {
        list.append(j.get());
    }
    return list;
}

void JobRegistry::startAll()
{
    for (const auto &j : m_jobs) {
        j->start();
    }
}

Api::DaemonStatus JobRegistry::status() const
{
    Api::DaemonStatus status;
    for (const QString &name : m_internalJobs) {
        status.jobs.insert(name, Api::JobStatus{});
    }
    for (const auto &j : m_jobs) {
        status.jobs.insert(j->name(), j->status());
    }
    return status;
}

QByteArray JobRegistry::statusJson()
{
    if (m_statusCache.isEmpty()) {
        m_statusCache = status().toJson();
        m_statusCache.append('\n');
    }
    return m_statusCache;
}

std::optional<QString> JobRegistry::signal(const QString &jobName, const QString &op)
{
    const bool wakeup = op == "wakeup"_L1;
    if (!wakeup && op != "reset"_L1) {
        return u"operation \"%1\" is invalid"_s.arg(op);
    }
    if (m_internalJobs.contains(jobName)) {
        // zrepl's internal jobs never wait for signals.
        return wakeup ? Job::AlreadyWokenUp : Job::AlreadyReset;
    }
    Job *j = job(jobName);
    if (!j) {
        return u"Job %1 does not exist"_s.arg(jobName);
    }
    return wakeup ? j->wakeup() : j->reset();
}

}  // namespace Daemon
