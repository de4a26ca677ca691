// SPDX-License-Identifier: MIT
#pragma once

#include <memory>

#include "daemon/control/HttpHandler.h"
#include "daemon/logging/Logger.h"

namespace Daemon {

class BrowseEndpoints;
class ConfigEndpoints;
class ConfigFileWatcher;
class ConfigHost;
class DebugServer;
class HoldsEndpoints;
class JobRegistry;
class Metrics;
class StatusFeed;

// zrepl's control endpoints: /version, /status, /signal, /debug/pprof, plus /metrics and Holdfast's own. Status codes and bodies
// follow zrepl's daemon (daemon/control.go): JSON plus a newline on success, the plain error text on failure,
// 400 with the JSON decoder's message for an undecodable body, 500 for a job or operation it cannot carry out.
class ControlService final : public HttpHandler
{
public:
    ControlService(JobRegistry &jobs, Metrics &metrics, DebugServer &debugServer, ConfigHost &config);

    ~ControlService() override;

    // The long poll of /holdfast/v1/status/changes, for tests and benchmarks that watch its bounds. It carries the
    // configuration state (ConfigHost::state() and the file's version); whoever changes the state calls its
    // markConfigChanged() (Runtime does on configStateChanged()), the file's own changes are watched here.
    StatusFeed &statusFeed() { return *m_feed; }
    // The watch on the configuration file; null when the host names none.
    ConfigFileWatcher *configFileWatcher() { return m_configFile.get(); }

    Http::Response handle(const Http::Request &request) override;
    void handleAsync(const Http::Request &request, Reply reply) override;

private:
    Http::Response dispatch(const Http::Request &request);
    Http::Response signal(const Http::Request &request);
    Http::Response wakeup(const Http::Request &request);
    Http::Response pprof(const Http::Request &request);
    Http::Response pruningExplanation(const Http::Request &request);

    JobRegistry &m_jobs;
    Metrics &m_metrics;
    DebugServer &m_debugServer;
    std::unique_ptr<HoldsEndpoints> m_holds;
    std::unique_ptr<BrowseEndpoints> m_browse;
    std::unique_ptr<ConfigEndpoints> m_config;
    std::unique_ptr<ConfigFileWatcher> m_configFile;
    std::unique_ptr<StatusFeed> m_feed;
    Log::Context m_log;
};

// Helpers for handlers: a JSON answer (body + "\n", as Go's json.Encoder), a plain-text answer.
Http::Response jsonResponse(QByteArray json);
Http::Response textResponse(int status, QByteArray text);
// Go's ServeMux answers for an unknown path and for a method the path does not take.
Http::Response notFoundResponse();
Http::Response methodNotAllowedResponse(const QByteArray &allow);

}  // namespace Daemon
