// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

#include "daemon/config/Config.h"
#include "daemon/core/ConfigHost.h"

namespace Daemon {

class ControlServer;
class ControlService;
class DebugServer;
class Job;
class JobRegistry;
class Metrics;
class PrometheusListener;

// Everything `holdfast daemon` runs, wired together in zrepl's start order: logging, the control socket
// ("_control"), the Prometheus listeners ("_prometheus"), then the configured jobs. It also runs a new version of
// the configuration file without a restart (SIGHUP, `systemctl reload`, the control API): jobs whose settings did
// not change keep running untouched, removed jobs stop, added jobs start, changed jobs restart once their work is
// done (or at once when asked), and the global settings that can change under a running daemon are taken.
class Runtime final : public QObject, public ConfigHost
{
    Q_OBJECT

public:
    explicit Runtime(Config::Root config, QObject *parent = nullptr);
    ~Runtime() override;

    // The daemon listens on this socket whatever the file says (`holdfast daemon --socket`); before start().
    void setControlSocketOverride(const QString &path) { m_socketOverride = path; }

    // false with `error` set when the daemon cannot run (the control socket is taken or cannot be created).
    bool start(QString *error);

    JobRegistry &jobs() { return *m_jobs; }
    Metrics &metrics() { return *m_metrics; }
    ControlServer &controlServer() { return *m_controlServer; }
    DebugServer &debugServer() { return *m_debugServer; }

    // ConfigHost
    QString configPath() const override { return m_config.path; }
    // The configuration of the file last taken; jobs in state().pendingRestart still run their previous settings.
    const Config::Root &runningConfig() const override { return m_config; }
    Api::ReloadChanges preview(const Config::Root &next) const override;
    Api::ReloadReport reloadFromFile(Api::RestartPolicy policy, const QString &trigger) override;
    Api::ConfigState state() const override;

    // Runs `next` (already read and validated) as reloadFromFile() does after reading the file.
    Api::ReloadReport apply(Config::Root next, const QString &version, Api::RestartPolicy policy, const QString &trigger);

Q_SIGNALS:
    // state() may have changed: a reload or an apply was taken or refused, or a job that waited restarted. The status
    // feed tells its clients (the GUI's configuration banner).
    void configStateChanged();

private:
    void startPrometheus();
    void addJob(const Config::Job &config);
    void stopJob(const QString &name);
    void restartJob(const Config::Job &config);
    void watchJob(Job *job);
    // A job is busy while it works, and a local sink or source also while a job of this daemon replicates through
    // it (that job holds the passive job's receiver or sender).
    bool isBusy(const Job &job) const;
    // The active jobs of this daemon replicating through `passive`'s local listener.
    QList<Job *> localPeers(const Job &passive) const;
    void resetLocalPeers(const Job &passive);
    void schedulePendingCheck();
    void runPendingRestarts();
    QList<Config::Job> runningJobConfigs() const;
    QStringList daemonRestartNeeded() const;
    Api::ReloadReport refused(const Config::Error &error, const QString &trigger);
    void finishReload(const Api::ReloadReport &report);

    Config::Root m_config;
    // The global settings in effect (the control socket's path stays the one the daemon started with).
    Config::Global m_global;
    QString m_socketOverride;
    QString m_runningVersion;
    std::optional<Api::ReloadReport> m_lastReload;
    // Changed jobs waiting for their work to end: their next settings.
    QHash<QString, Config::Job> m_pending;
    bool m_pendingCheckScheduled = false;
    std::unique_ptr<Metrics> m_metrics;
    std::unique_ptr<JobRegistry> m_jobs;
    std::unique_ptr<DebugServer> m_debugServer;
    std::unique_ptr<ControlService> m_controlService;
    std::unique_ptr<ControlServer> m_controlServer;
    std::vector<std::unique_ptr<PrometheusListener>> m_prometheus;
};

}  // namespace Daemon
