// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>

#include <memory>

#include "daemon/async/Task.h"
#include "daemon/async/TaskGroup.h"
#include "daemon/control/HttpHandler.h"
#include "daemon/logging/Logger.h"
#include "daemon/zfs/ZfsClient.h"
#include "daemon/zfs/ZfsCommand.h"

namespace Daemon {

class JobRegistry;

// Holdfast's holds endpoints (Api::HoldfastEndpoint::Holds and the actions below it): each answer lists the pools
// afresh, so they answer later, from a task of their own. Actions run one at a time; a second one meanwhile is
// answered 409. The access check (actions are admin-only) happened before.
class HoldsEndpoints final
{
public:
    explicit HoldsEndpoints(JobRegistry &jobs, Zfs::CommandConfig zfs = Zfs::CommandConfig::fromEnvironment());
    ~HoldsEndpoints();

    static bool handles(const QByteArray &path);
    void handle(const Http::Request &request, HttpHandler::Reply reply);

private:
    Async::Task<void> serve(Http::Request request, HttpHandler::Reply reply);
    Async::Task<Http::Response> answer(Http::Request request);

    JobRegistry &m_jobs;
    Zfs::ZfsCommand m_command;
    Zfs::ZfsClient m_zfs;
    Log::Context m_log;
    bool m_actionRunning = false;
    Async::TaskGroup m_tasks;
};

}  // namespace Daemon
