// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QString>

#include <memory>
#include <vector>

#include "daemon/config/Config.h"

namespace Daemon {

class ControlServer;
class ControlService;
class DebugServer;
class JobRegistry;
class Metrics;
class PrometheusListener;

// Everything `holdfast daemon` runs, wired together in zrepl's start order: logging, the control socket
// ("_control"), the Prometheus listeners ("_prometheus"), then the configured jobs.
class Runtime final : public QObject
{
    Q_OBJECT

public:
    explicit Runtime(Config::Root config, QObject *parent = nullptr);
    ~Runtime() override;

    // false with `error` set when the daemon cannot run (the control socket is taken or cannot be created).
    bool start(QString *error);

    JobRegistry &jobs() { return *m_jobs; }
    Metrics &metrics() { return *m_metrics; }
    ControlServer &controlServer() { return *m_controlServer; }
    DebugServer &debugServer() { return *m_debugServer; }

private:
    Config::Root m_config;
    std::unique_ptr<Metrics> m_metrics;
    std::unique_ptr<JobRegistry> m_jobs;
    std::unique_ptr<DebugServer> m_debugServer;
    std::unique_ptr<ControlService> m_controlService;
    std::unique_ptr<ControlServer> m_controlServer;
    std::vector<std::unique_ptr<PrometheusListener>> m_prometheus;
};

}  // namespace Daemon
