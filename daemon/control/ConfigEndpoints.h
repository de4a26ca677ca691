// SPDX-License-Identifier: MIT
#pragma once

#include <chrono>
#include <memory>

#include <QByteArray>
#include <QCoreApplication>

#include "daemon/async/Task.h"
#include "daemon/async/TaskGroup.h"
#include "daemon/control/HttpHandler.h"
#include "daemon/logging/Logger.h"
#include "daemon/zfs/ZfsClient.h"
#include "daemon/zfs/ZfsCommand.h"
#include "shared/control/ConfigApi.h"

namespace Daemon {

class ConfigHost;
class JobRegistry;

// The configuration through the daemon (Api::HoldfastEndpoint::Config and below, Reload, Filesystems): read the
// file (secrets redacted for the status group), validate a text, apply it on top of the version it was edited
// from (atomic write, then a reload), reload, test a job's connection, list the pools and filesystems. The access
// check happened before: AccessCheckedHandler says who asks and at which level in the request's headers.
class ConfigEndpoints final
{
    Q_DECLARE_TR_FUNCTIONS(Daemon::ConfigEndpoints)

public:
    ConfigEndpoints(ConfigHost &host,
                    JobRegistry &jobs,
                    Zfs::CommandConfig zfs = Zfs::CommandConfig::fromEnvironment());
    ~ConfigEndpoints();

    static bool handles(const QByteArray &path);
    void handle(const Http::Request &request, HttpHandler::Reply reply);

    // How long test-connect waits for the transport and the handshake.
    void setConnectTimeout(std::chrono::milliseconds timeout)
    {
        m_connectTimeout = timeout;
    }

private:
    Http::Response document(const Http::Request &request) const;
    Http::Response validate(const Http::Request &request) const;
    Http::Response apply(const Http::Request &request);
    Http::Response reload(const Http::Request &request);
    Async::Task<void> testConnect(Http::Request request, HttpHandler::Reply reply);
    Async::Task<void> listFilesystems(HttpHandler::Reply reply);

    Api::ConfigValidation validation(const QByteArray &text) const;
    QString readOnlyReason() const;

    ConfigHost &m_host;
    JobRegistry &m_jobs;
    Zfs::ZfsCommand m_command;
    Zfs::ZfsClient m_zfs;
    Log::Context m_log;
    std::chrono::milliseconds m_connectTimeout{30000};
    Async::TaskGroup m_tasks;
};

}  // namespace Daemon
