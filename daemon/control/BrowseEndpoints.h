// SPDX-License-Identifier: MIT
#pragma once

#include <memory>

#include <QByteArray>

#include "daemon/async/Task.h"
#include "daemon/async/TaskGroup.h"
#include "daemon/browse/BrowseLeases.h"
#include "daemon/browse/BrowseSettings.h"
#include "daemon/browse/SnapshotLookup.h"
#include "daemon/control/HttpHandler.h"
#include "daemon/logging/Logger.h"
#include "daemon/zfs/ZfsClient.h"
#include "daemon/zfs/ZfsCommand.h"

namespace Daemon {

class JobRegistry;

// Holdfast's snapshot listing and browse endpoints (Api::HoldfastEndpoint::Snapshots, Browse, BrowseRelease). The
// listing and mounting wait for zfs and mount, so they answer later; the leases are listed at once. The access
// check (mounting and releasing are admin-only) happened before.
class BrowseEndpoints final
{
public:
    explicit BrowseEndpoints(JobRegistry &jobs,
                             Browse::BrowseSettings settings = Browse::BrowseSettings::fromEnvironment(),
                             Zfs::CommandConfig zfs = Zfs::CommandConfig::fromEnvironment());
    ~BrowseEndpoints();

    static bool handles(const QByteArray &path);
    void handle(const Http::Request &request, HttpHandler::Reply reply);

    Browse::BrowseLeases &leases()
    {
        return *m_leases;
    }

private:
    void browse(const Http::Request &request, HttpHandler::Reply reply);
    void release(const Http::Request &request, HttpHandler::Reply reply);
    Async::Task<void> listSnapshots(QString filesystem, HttpHandler::Reply reply);

    JobRegistry &m_jobs;
    Zfs::ZfsCommand m_command;
    Zfs::ZfsClient m_zfs;
    Browse::SnapshotLookup m_lookup;
    std::unique_ptr<Browse::BrowseLeases> m_leases;
    Log::Context m_log;
    Async::TaskGroup m_tasks;
};

}  // namespace Daemon
