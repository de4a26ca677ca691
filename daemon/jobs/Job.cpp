// SPDX-License-Identifier: MIT
#include "daemon/jobs/Job.h"

#include "daemon/holds/RunningSteps.h"

#include "daemon/zfs/ZfsClient.h"

namespace Daemon {

Job::Job(const Config::Job &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_log(config.name, {})
    , m_freshness(config.name, Config::jobTypeName(config.type), Health::HealthPolicy::thresholdsFor(config),
                  config.type == Config::JobType::Sink || config.type == Config::JobType::Pull)
{
}

Api::RunInfo Job::runInfo() const
{
    Api::RunInfo info;
    info.job = name();
    info.started = m_runsStarted;
    info.running = m_runRunning;
    info.paused = isPaused();
    info.lastFinished = m_lastFinishedRun;
    info.lastSucceeded = m_lastRunSucceeded;
    info.lastError = m_lastRunError;
    info.lastFinishedAt = m_lastRunFinishedAt;
    return info;
}

std::optional<Zfs::DatasetFilter> Job::sendingFilter() const
{
    const Config::JobType t = type();
    if (t == Config::JobType::Push || t == Config::JobType::Source || t == Config::JobType::Snap) {
        return filesystemsFilter();
    }
    return std::nullopt;
}

std::optional<Zfs::DatasetPath> Job::receivingRoot() const
{
    const Config::JobType t = type();
    if (t == Config::JobType::Sink || t == Config::JobType::Pull) {
        return Zfs::DatasetPath::fromString(m_config.rootFs);
    }
    return std::nullopt;
}

bool Job::isReplicating() const
{
    return Holds::RunningSteps::instance().jobBusy(name());
}

void Job::setPaused(bool paused)
{
    m_freshness.setPaused(paused);
    Q_EMIT statusChanged();
}

quint64 Job::noteRunStarted()
{
    m_runRunning = true;
    m_runStartedAt = Api::Timestamp::now();
    return ++m_runsStarted;
}

void Job::noteRunFinished(bool succeeded, const QString &error)
{
    if (!m_runRunning) {
        return;
    }
    m_runRunning = false;
    m_lastFinishedRun = m_runsStarted;
    m_lastRunSucceeded = succeeded;
    m_lastRunError = succeeded ? QString() : error;
    m_lastRunFinishedAt = Api::Timestamp::now();
    m_freshness.runFinished(m_runStartedAt, succeeded, error);
}

Zfs::DatasetFilter Job::filesystemsFilter() const
{
    QString error;
    std::optional<Zfs::DatasetFilter> filter = Zfs::DatasetFilter::fromConfig(m_config.filesystems, &error);
    if (!filter) {
        m_log.error(QStringLiteral("invalid filesystems filter; the job acts on no filesystem"), {{QStringLiteral("err"), error}});
        return {};
    }
    return *filter;
}

Async::Task<void> Job::logZfsCapabilities(Zfs::ZfsClient &zfs)
{
    const Zfs::Result<Zfs::Capabilities> caps = co_await zfs.capabilities();
    if (!caps.ok()) {
        m_log.warn(QStringLiteral("cannot detect ZFS capabilities"), {{QStringLiteral("err"), caps.error.toString()}});
        co_return;
    }
    m_log.info(QStringLiteral("zfs detected: ") + caps.value.summary(),
               {{QStringLiteral("version"), caps.value.modern ? caps.value.version : QStringLiteral("legacy (no `zfs version`)")}});
    for (const QString &missing : caps.value.missing(caps.value.poolBookmarks.keys())) {
        m_log.warn(missing);
    }
}

std::optional<QString> Job::wakeup()
{
    return AlreadyWokenUp;
}

std::optional<QString> Job::reset()
{
    return AlreadyReset;
}

}  // namespace Daemon
