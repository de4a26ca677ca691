// SPDX-License-Identifier: MIT
#include "daemon/core/Runtime.h"

#include "daemon/health/FreshnessCollector.h"

#include "daemon/control/ControlServer.h"
#include "daemon/control/ControlService.h"
#include "daemon/control/DebugServer.h"
#include "daemon/holds/PauseStore.h"
#include "daemon/jobs/JobFactory.h"
#include "daemon/jobs/JobRegistry.h"
#include "daemon/logging/Logger.h"
#include "daemon/metrics/Metrics.h"
#include "daemon/metrics/PrometheusListener.h"
#include "shared/control/VersionInfo.h"

using namespace Qt::StringLiterals;

namespace Daemon {

Runtime::Runtime(Config::Root config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_metrics(std::make_unique<Metrics>())
    , m_jobs(std::make_unique<JobRegistry>())
    , m_debugServer(std::make_unique<DebugServer>(*m_metrics))
    , m_controlService(std::make_unique<ControlService>(*m_jobs, *m_metrics, *m_debugServer))
    , m_controlServer(std::make_unique<ControlServer>(*m_controlService))
{
}

Runtime::~Runtime()
{
    // Jobs may still hold processes and sockets that log while they wind down.
    Log::Logger::instance().setEntryObserver({});
}

bool Runtime::start(QString *error)
{
    Log::Logger &logger = Log::Logger::instance();
    logger.setOutlets(Log::Logger::outletsFromConfig(m_config.global.logging));
    logger.setEntryObserver([metrics = m_metrics.get()](const QString &job, Log::Level level) {
        metrics->logEntry(job, level);
    });
    const Log::Context log;
    log.info(Api::VersionInfo::current().toString());
    log.info(u"starting daemon"_s);

    const Log::Context control(u"_control"_s, {});
    control.info(u"starting job"_s);
    const std::optional<ControlAccessPolicy> access = ControlAccessPolicy::fromConfig(m_config.global, error);
    if (!access) {
        control.error(u"error listening"_s, {{u"err"_s, *error}});
        return false;
    }
    m_controlServer->setAccessPolicy(*access);
    control.info(u"control socket access"_s, {{u"rules"_s, access->describe()}});
    if (!m_controlServer->listen(m_config.global.controlSockpath, error)) {
        control.error(u"error listening"_s, {{u"err"_s, *error}});
        return false;
    }
    m_jobs->addInternalJob(u"_control"_s);

    if (!m_config.global.monitoring.isEmpty()) {
        const Log::Context prometheus(u"_prometheus"_s, {});
        prometheus.info(u"starting job"_s);
        m_jobs->addInternalJob(u"_prometheus"_s);
        for (const Config::PrometheusMonitoring &monitoring : std::as_const(m_config.global.monitoring)) {
            auto listener = std::make_unique<PrometheusListener>();
            QString listenError;
            // As in zrepl, a monitoring listener that cannot start is reported and the daemon runs on.
            if (!listener->listen(monitoring.listen, m_metrics->registry(), &listenError, m_metrics->freshness())) {
                prometheus.error(u"cannot start Prometheus listener"_s, {{u"err"_s, listenError}});
                continue;
            }
            m_prometheus.push_back(std::move(listener));
        }
    }

    for (const Config::Job &jobConfig : std::as_const(m_config.jobs)) {
        m_jobs->addJob(createJob(jobConfig));
    }
    // Paused jobs stay paused across restarts. A state file that cannot be read pauses nothing, said in the log.
    auto pauseStore = std::make_unique<Holds::PauseStore>(Holds::PauseStore::defaultPath());
    QString pauseError;
    if (!pauseStore->load(&pauseError)) {
        control.error(u"cannot read the paused jobs; none is paused"_s, {{u"err"_s, pauseError}});
    } else if (!pauseStore->paused().isEmpty()) {
        QStringList names(pauseStore->paused().cbegin(), pauseStore->paused().cend());
        names.sort();
        control.info(u"paused jobs stay paused"_s, {{u"jobs"_s, names.join(u", "_s)}, {u"state"_s, pauseStore->path()}});
    }
    m_jobs->setPauseStore(std::move(pauseStore));
    // The metrics see each job's freshness as of its last change; the scrape evaluates it against the clock.
    for (Job *job : m_jobs->jobs()) {
        const std::shared_ptr<Health::FreshnessCollector> collector = m_metrics->freshness();
        collector->update(job->freshnessSnapshot());
        QObject::connect(job, &Job::statusChanged, job, [collector, job] { collector->update(job->freshnessSnapshot()); });
    }
    m_jobs->startAll();

    const QByteArray autostart = qgetenv("HOLDFAST_DAEMON_AUTOSTART_PPROF_SERVER").isEmpty()
                                     ? qgetenv("ZREPL_DAEMON_AUTOSTART_PPROF_SERVER")
                                     : qgetenv("HOLDFAST_DAEMON_AUTOSTART_PPROF_SERVER");
    if (!autostart.isEmpty()) {
        QString debugError;
        if (m_debugServer->listen(QString::fromLocal8Bit(autostart), &debugError)) {
            control.info(u"debug listener started"_s, {{u"address"_s, m_debugServer->address()}});
        } else {
            control.error(u"cannot start the debug listener"_s, {{u"err"_s, debugError}});
        }
    }
    return true;
}

}  // namespace Daemon
