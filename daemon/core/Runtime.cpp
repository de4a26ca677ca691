// SPDX-License-Identifier: MIT
#include "daemon/core/Runtime.h"

#include <QFile>
#include <QTimer>

#include "daemon/config/ConfigParser.h"
#include "daemon/config/ConfigStore.h"
#include "daemon/control/ControlAccessPolicy.h"
#include "daemon/control/ControlServer.h"
#include "daemon/control/ControlService.h"
#include "daemon/control/DebugServer.h"
#include "daemon/control/StatusFeed.h"
#include "daemon/core/ReloadPlan.h"
#include "daemon/core/ServiceManager.h"
#include "daemon/health/FreshnessCollector.h"
#include "daemon/holds/PauseStore.h"
#include "daemon/holds/RunningSteps.h"
#include "daemon/jobs/JobFactory.h"
#include "daemon/jobs/JobRegistry.h"
#include "daemon/logging/Logger.h"
#include "daemon/metrics/Metrics.h"
#include "daemon/metrics/PrometheusListener.h"
#include "shared/control/VersionInfo.h"

using namespace Qt::StringLiterals;

namespace Daemon {

namespace {

const QString ControlJob = u"_control"_s;
const QString PrometheusJob = u"_prometheus"_s;

QString joined(const QStringList &names)
{
    return names.isEmpty() ? u"none"_s : names.join(u", "_s);
}

}  // namespace

Runtime::Runtime(Config::Root config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_global(m_config.global)
    , m_metrics(std::make_unique<Metrics>())
    , m_jobs(std::make_unique<JobRegistry>())
    , m_debugServer(std::make_unique<DebugServer>(*m_metrics))
    , m_controlService(std::make_unique<ControlService>(*m_jobs, *m_metrics, *m_debugServer, *this))
    , m_controlServer(std::make_unique<ControlServer>(*m_controlService))
{
    connect(this, &Runtime::configStateChanged, &m_controlService->statusFeed(), &StatusFeed::markConfigChanged);
}

Runtime::~Runtime()
{
    Holds::RunningSteps::instance().setLeaveObserver({});
    // Jobs may still hold processes and sockets that log while they wind down.
    Log::Logger::instance().setEntryObserver({});
}

bool Runtime::start(QString *error)
{
    if (!m_socketOverride.isEmpty()) {
        m_config.global.controlSockpath = m_socketOverride;
        m_global.controlSockpath = m_socketOverride;
    }
    // The version an apply must name; the file was parsed moments ago, so these are almost surely its bytes.
    if (QFile file(m_config.path); file.open(QIODevice::ReadOnly)) {
        m_runningVersion = Config::ConfigStore::versionOf(file.readAll());
    }
    Q_EMIT configStateChanged();

    Log::Logger &logger = Log::Logger::instance();
    logger.setOutlets(Log::Logger::outletsFromConfig(m_global.logging));
    logger.setEntryObserver([metrics = m_metrics.get()](const QString &job, Log::Level level) {
        metrics->logEntry(job, level);
    });
    const Log::Context log;
    log.info(Api::VersionInfo::current().toString());
    log.info(u"starting daemon"_s);

    const Log::Context control(ControlJob, {});
    control.info(u"starting job"_s);
    const std::optional<ControlAccessPolicy> access = ControlAccessPolicy::fromConfig(m_global, error);
    if (!access) {
        control.error(u"error listening"_s, {{u"err"_s, *error}});
        return false;
    }
    m_controlServer->setAccessPolicy(*access);
    control.info(u"control socket access"_s, {{u"rules"_s, access->describe()}});
    if (!m_controlServer->listen(m_global.controlSockpath, error)) {
        control.error(u"error listening"_s, {{u"err"_s, *error}});
        return false;
    }
    m_jobs->addInternalJob(ControlJob);
    startPrometheus();

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
    for (const Config::Job &jobConfig : std::as_const(m_config.jobs)) {
        m_jobs->addJob(createJob(jobConfig));
    }
    for (Job *job : m_jobs->jobs()) {
        watchJob(job);
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

void Runtime::startPrometheus()
{
    m_prometheus.clear();
    if (m_global.monitoring.isEmpty()) {
        m_jobs->removeInternalJob(PrometheusJob);
        return;
    }
    const Log::Context prometheus(PrometheusJob, {});
    prometheus.info(u"starting job"_s);
    m_jobs->addInternalJob(PrometheusJob);
    for (const Config::PrometheusMonitoring &monitoring : std::as_const(m_global.monitoring)) {
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

void Runtime::watchJob(Job *job)
{
    // The metrics see each job's freshness as of its last change; the scrape evaluates it against the clock.
    const std::shared_ptr<Health::FreshnessCollector> collector = m_metrics->freshness();
    collector->update(job->freshnessSnapshot());
    connect(job, &Job::statusChanged, job, [collector, job] { collector->update(job->freshnessSnapshot()); });
    // Queued: the job may be deep inside its own work when it reports, and a restart destroys it.
    connect(job, &Job::statusChanged, this, &Runtime::schedulePendingCheck, Qt::QueuedConnection);
}

void Runtime::addJob(const Config::Job &config)
{
    std::unique_ptr<Job> job = createJob(config);
    Job *raw = job.get();
    m_jobs->addJob(std::move(job));
    watchJob(raw);
    raw->start();
}

void Runtime::stopJob(const QString &name)
{
    std::unique_ptr<Job> job = m_jobs->takeJob(name);
    if (!job) {
        return;
    }
    resetLocalPeers(*job);
    m_metrics->freshness()->remove(name);
    // Destroying the job ends its work the way a daemon shutdown does: its zfs processes are stopped, a resumable
    // receive keeps what arrived, and its step holds and cursors stay for the next run.
    job.reset();
}

void Runtime::restartJob(const Config::Job &config)
{
    // The old job goes before the new one starts: both would serve the same listener or port.
    stopJob(config.name);
    addJob(config);
}

QList<Job *> Runtime::localPeers(const Job &passive) const
{
    QList<Job *> peers;
    const Config::Job &config = passive.config();
    const bool passiveType = config.type == Config::JobType::Sink || config.type == Config::JobType::Source;
    if (!passiveType || config.serve.type != Config::Serve::Type::Local) {
        return peers;
    }
    for (Job *job : m_jobs->jobs()) {
        const Config::Job &c = job->config();
        if ((c.type == Config::JobType::Push || c.type == Config::JobType::Pull) && c.connect.type == Config::Connect::Type::Local
            && c.connect.listenerName == config.serve.listenerName) {
            peers.append(job);
        }
    }
    return peers;
}

bool Runtime::isBusy(const Job &job) const
{
    if (job.isBusy()) {
        return true;
    }
    const QList<Job *> peers = localPeers(job);
    return std::any_of(peers.cbegin(), peers.cend(), [](const Job *peer) { return peer->isBusy(); });
}

void Runtime::resetLocalPeers(const Job &passive)
{
    for (Job *peer : localPeers(passive)) {
        if (peer->isBusy() && !peer->reset()) {
            Log::Context(peer->name(), {}).info(u"replication aborted: the local job it replicates through restarts or was removed"_s,
                                               {{u"listener_name"_s, passive.config().serve.listenerName}});
        }
    }
}

QList<Config::Job> Runtime::runningJobConfigs() const
{
    QList<Config::Job> configs;
    for (const Job *job : m_jobs->jobs()) {
        configs.append(job->config());
    }
    return configs;
}

Api::ReloadChanges Runtime::preview(const Config::Root &next) const
{
    Config::Root adjusted = next;
    if (!m_socketOverride.isEmpty()) {
        adjusted.global.controlSockpath = m_socketOverride;
    }
    return ReloadPlan::plan(runningJobConfigs(), m_global, adjusted);
}

QStringList Runtime::daemonRestartNeeded() const
{
    QStringList applied;
    QStringList needsRestart;
    Config::Global file = m_config.global;
    if (!m_socketOverride.isEmpty()) {
        file.controlSockpath = m_socketOverride;
    }
    ReloadPlan::globalChanges(m_global, file, &applied, &needsRestart);
    return needsRestart;
}

Api::ConfigState Runtime::state() const
{
    Api::ConfigState state;
    state.runningVersion = m_runningVersion;
    state.lastReload = m_lastReload;
    state.pendingRestart = m_pending.keys();
    state.pendingRestart.sort();
    state.needsDaemonRestart = daemonRestartNeeded();
    return state;
}

Api::ReloadReport Runtime::refused(const Config::Error &error, const QString &trigger)
{
    Api::ReloadReport report;
    report.ok = false;
    report.at = Api::Timestamp::now();
    report.trigger = trigger;
    report.version = m_runningVersion;
    report.problem = error.toProblem();
    Log::Context(ControlJob, {}).error(u"configuration not reloaded: the daemon runs the previous configuration"_s,
                                       {{u"err"_s, error.toString()}, {u"trigger"_s, trigger}});
    return report;
}

void Runtime::finishReload(const Api::ReloadReport &report)
{
    m_lastReload = report;
    Q_EMIT configStateChanged();
    const int jobs = int(m_jobs->jobs().size());
    ServiceManager::ready(report.ok ? tr("running %n job(s)", nullptr, jobs)
                                    : tr("running %n job(s); configuration not reloaded: %1", nullptr, jobs)
                                          .arg(report.problem ? report.problem->toString() : QString()));
}

Api::ReloadReport Runtime::reloadFromFile(Api::RestartPolicy policy, const QString &trigger)
{
    ServiceManager::reloading();
    const QString path = m_config.path;
    Log::Context(ControlJob, {}).info(u"reloading the configuration"_s, {{u"file"_s, path}, {u"trigger"_s, trigger}});
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        const Api::ReloadReport report = refused(Config::Error{path, 0, 0, {}, u"cannot read: %1"_s.arg(file.errorString())}, trigger);
        finishReload(report);
        return report;
    }
    const QByteArray bytes = file.readAll();
    Config::Error error;
    std::optional<Config::Root> next = Config::parseBytes(bytes, path, &error);
    if (!next) {
        const Api::ReloadReport report = refused(error, trigger);
        finishReload(report);
        return report;
    }
    return apply(std::move(*next), Config::ConfigStore::versionOf(bytes), policy, trigger);
}

Api::ReloadReport Runtime::apply(Config::Root next, const QString &version, Api::RestartPolicy policy, const QString &trigger)
{
    const Log::Context control(ControlJob, {});
    if (!m_socketOverride.isEmpty()) {
        next.global.controlSockpath = m_socketOverride;
    }
    const Api::ReloadChanges changes = ReloadPlan::plan(runningJobConfigs(), m_global, next);

    // The groups are looked up before anything changes: an unknown group refuses the whole file, as at start.
    std::optional<ControlAccessPolicy> access;
    if (changes.globalApplied.contains(u"global.control.status_group"_s)
        || changes.globalApplied.contains(u"global.control.admin_group"_s)) {
        QString accessError;
        access = ControlAccessPolicy::fromConfig(next.global, &accessError);
        if (!access) {
            const Api::ReloadReport report = refused(Config::Error{next.path, 0, 0, u"global.control"_s, accessError}, trigger);
            finishReload(report);
            return report;
        }
    }

    Api::ReloadReport report;
    report.ok = true;
    report.at = Api::Timestamp::now();
    report.trigger = trigger;
    report.version = version;
    report.changes = changes;

    // Removed jobs first: they free the listeners and ports that added or changed jobs may take over.
    for (const QString &name : changes.removed) {
        m_pending.remove(name);
        stopJob(name);
        QString pauseError;
        if (!m_jobs->forgetPaused(name, &pauseError)) {
            control.error(u"cannot forget the paused state of a removed job"_s, {{u"job"_s, name}, {u"err"_s, pauseError}});
        }
        Log::Context(name, {}).info(u"job stopped: removed from the configuration"_s);
    }
    for (const QString &name : changes.unchanged) {
        // The file went back to what the job runs: a restart that waited is no longer wanted.
        m_pending.remove(name);
    }
    for (const QString &name : changes.changed) {
        const Config::Job *config = next.job(name);
        Job *job = m_jobs->job(name);
        if (policy == Api::RestartPolicy::Now || !job || !isBusy(*job)) {
            m_pending.remove(name);
            restartJob(*config);
            report.restarted.append(name);
            Log::Context(name, {}).info(u"job restarted with its new settings"_s);
        } else {
            m_pending.insert(name, *config);
            report.pending.append(name);
            Log::Context(name, {}).info(u"job changed: it restarts with its new settings when its work is done"_s);
        }
    }
    for (const QString &name : changes.added) {
        addJob(*next.job(name));
    }

    // Global settings. The control socket's path waits for a restart; logging, monitoring and the groups do not.
    if (changes.globalApplied.contains(u"global.logging"_s)) {
        m_global.logging = next.global.logging;
        Log::Logger::instance().setOutlets(Log::Logger::outletsFromConfig(m_global.logging));
    }
    if (changes.globalApplied.contains(u"global.monitoring"_s)) {
        m_global.monitoring = next.global.monitoring;
        startPrometheus();
    }
    if (access) {
        m_global.controlStatusGroup = next.global.controlStatusGroup;
        m_global.controlAdminGroup = next.global.controlAdminGroup;
        m_controlServer->updateAccessPolicy(*access);
        control.info(u"control socket access"_s, {{u"rules"_s, access->describe()}});
    }
    m_global.stdinserverSockdir = next.global.stdinserverSockdir;

    m_config = std::move(next);
    m_runningVersion = version;
    if (!m_pending.isEmpty()) {
        Holds::RunningSteps::instance().setLeaveObserver([this] { schedulePendingCheck(); });
    }
    control.info(u"configuration reloaded"_s,
                 {{u"trigger"_s, trigger},
                  {u"added"_s, joined(changes.added)},
                  {u"removed"_s, joined(changes.removed)},
                  {u"restarted"_s, joined(report.restarted)},
                  {u"restart_when_idle"_s, joined(report.pending)},
                  {u"unchanged"_s, joined(changes.unchanged)},
                  {u"global_applied"_s, joined(changes.globalApplied)},
                  {u"global_needs_restart"_s, joined(changes.globalNeedsRestart)}});
    if (!changes.globalNeedsRestart.isEmpty()) {
        control.warn(u"some global settings take effect at the daemon's next start"_s,
                     {{u"settings"_s, changes.globalNeedsRestart.join(u", "_s)}});
    }
    finishReload(report);
    return report;
}

void Runtime::schedulePendingCheck()
{
    if (m_pending.isEmpty() || m_pendingCheckScheduled) {
        return;
    }
    m_pendingCheckScheduled = true;
    // Never from inside the job or step that reported: the restart destroys it.
    QTimer::singleShot(0, this, &Runtime::runPendingRestarts);
}

void Runtime::runPendingRestarts()
{
    m_pendingCheckScheduled = false;
    const QStringList names = m_pending.keys();
    for (const QString &name : names) {
        const Job *job = m_jobs->job(name);
        if (job && isBusy(*job)) {
            continue;
        }
        const Config::Job config = m_pending.take(name);
        restartJob(config);
        Log::Context(name, {}).info(u"job restarted with its new settings: its work is done"_s);
        Q_EMIT configStateChanged();
    }
    if (m_pending.isEmpty()) {
        Holds::RunningSteps::instance().setLeaveObserver({});
    }
}

}  // namespace Daemon
