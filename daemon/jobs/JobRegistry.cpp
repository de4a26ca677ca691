// SPDX-License-Identifier: MIT
#include "daemon/jobs/JobRegistry.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Daemon {

JobRegistry::JobRegistry(QObject *parent)
    : QObject(parent)
{
}

JobRegistry::~JobRegistry() = default;

void JobRegistry::invalidate()
{
    m_statusCache.clear();
    Q_EMIT statusChanged();
}

void JobRegistry::addJob(std::unique_ptr<Job> job)
{
    connect(job.get(), &Job::statusChanged, this, &JobRegistry::invalidate);
    applyPauseState(*job);
    m_jobs.push_back(std::move(job));
    invalidate();
}

std::unique_ptr<Job> JobRegistry::takeJob(const QString &name)
{
    const auto it = std::find_if(m_jobs.begin(), m_jobs.end(), [&](const std::unique_ptr<Job> &j) { return j->name() == name; });
    if (it == m_jobs.end()) {
        return nullptr;
    }
    std::unique_ptr<Job> taken = std::move(*it);
    m_jobs.erase(it);
    disconnect(taken.get(), nullptr, this, nullptr);
    invalidate();
    return taken;
}

void JobRegistry::addInternalJob(const QString &name)
{
    if (!m_internalJobs.contains(name)) {
        m_internalJobs.append(name);
    }
    invalidate();
}

void JobRegistry::removeInternalJob(const QString &name)
{
    m_internalJobs.removeAll(name);
    invalidate();
}

void JobRegistry::applyPauseState(Job &job)
{
    if (m_pauseStore && job.canPause() && m_pauseStore->paused().contains(job.name())) {
        job.setPaused(true);
    }
}

bool JobRegistry::forgetPaused(const QString &jobName, QString *error)
{
    if (!m_pauseStore || !m_pauseStore->paused().contains(jobName)) {
        return true;
    }
    return m_pauseStore->setPaused(jobName, false, error);
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
    if (op == "pause"_L1 || op == "resume"_L1) {
        return pauseSignal(jobName, op == "pause"_L1);
    }
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

std::optional<QString> JobRegistry::pauseSignal(const QString &jobName, bool pause)
{
    Job *j = job(jobName);
    if (!j) {
        return u"Job %1 does not exist"_s.arg(jobName);
    }
    if (!j->canPause()) {
        return u"job %1 is a %2 job: only push and pull jobs replicate on their own and can be paused"_s.arg(
            jobName, Config::jobTypeName(j->type()));
    }
    if (m_pauseStore) {
        QString error;
        if (!m_pauseStore->setPaused(jobName, pause, &error)) {
            return u"cannot keep the paused state: %1"_s.arg(error);
        }
    }
    j->setPaused(pause);
    return std::nullopt;
}

void JobRegistry::setPauseStore(std::unique_ptr<Holds::PauseStore> store)
{
    m_pauseStore = std::move(store);
    for (const QString &name : m_pauseStore->paused()) {
        Job *j = job(name);
        if (j && j->canPause()) {
            j->setPaused(true);
        }
    }
}

QList<Holds::JobScope> JobRegistry::jobScopes() const
{
    QList<Holds::JobScope> scopes;
    for (const std::unique_ptr<Job> &j : m_jobs) {
        Holds::JobScope scope;
        scope.name = j->name();
        scope.type = j->type();
        scope.sending = j->sendingFilter();
        scope.receivingRoot = j->receivingRoot();
        scope.replicating = j->isReplicating();
        scope.paused = j->isPaused();
        scopes.append(scope);
    }
    return scopes;
}

Api::PruningExplanation JobRegistry::pruningExplanation(const QString &jobName, const QString &filesystem) const
{
    Api::PruningExplanation out;
    for (const std::unique_ptr<Job> &j : m_jobs) {
        if (!jobName.isEmpty() && j->name() != jobName) {
            continue;
        }
        for (const Api::PruningFilesystemExplanation &fs : j->pruningExplanations()) {
            if (filesystem.isEmpty() || fs.filesystem == filesystem) {
                out.filesystems.append(fs);
            }
        }
    }
    return out;
}

QByteArray JobRegistry::freshnessJson(const QDateTime &now)
{
    QList<Health::FreshnessTracker> snapshots;
    snapshots.reserve(qsizetype(m_jobs.size()));
    QByteArray key;
    for (const std::unique_ptr<Job> &job : m_jobs) {
        snapshots.append(job->freshnessSnapshot());
        const Health::FreshnessTracker &t = snapshots.last();
        key += t.job().toUtf8() + '\0' + QByteArray::number(t.generation()) + '\0'
               + QByteArray::number(t.nextSnapshotAt().unixSeconds()) + '\0'
               + QByteArray::number(t.nextReplicationAt().unixSeconds()) + '\n';
    }
    const bool expired = m_freshnessValidUntil.isValid() && now >= m_freshnessValidUntil;
    if (key != m_freshnessKey || expired || m_freshnessJson.isEmpty()) {
        QList<Api::JobFreshness> jobs;
        jobs.reserve(snapshots.size());
        QDateTime validUntil;
        for (const Health::FreshnessTracker &t : std::as_const(snapshots)) {
            QDateTime jobValidUntil;
            jobs.append(t.evaluate(now, &jobValidUntil));
            if (jobValidUntil.isValid() && (!validUntil.isValid() || jobValidUntil < validUntil)) {
                validUntil = jobValidUntil;
            }
        }
        std::sort(jobs.begin(), jobs.end(), [](const Api::JobFreshness &a, const Api::JobFreshness &b) { return a.job < b.job; });
        m_freshnessJson = Api::FreshnessReport::toJson(Api::Timestamp::fromDateTime(now), Api::FreshnessReport::jobsJson(jobs));
        m_freshnessKey = key;
        m_freshnessValidUntil = validUntil;
    }
    // The same bytes until something changes: a shared QByteArray, not a new 5 MB buffer per request.
    return m_freshnessJson;
}

Api::RunsReport JobRegistry::runs() const
{
    Api::RunsReport report;
    for (const std::unique_ptr<Job> &job : m_jobs) {
        if (job->hasRuns()) {
            report.jobs.append(job->runInfo());
        }
    }
    std::sort(report.jobs.begin(), report.jobs.end(), [](const Api::RunInfo &a, const Api::RunInfo &b) { return a.job < b.job; });
    return report;
}

}  // namespace Daemon
