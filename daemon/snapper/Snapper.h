// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>

#include <memory>

#include "daemon/async/Awaitables.h"
#include "daemon/async/Task.h"
#include "daemon/config/Config.h"
#include "daemon/logging/Logger.h"
#include "daemon/zfs/DatasetFilter.h"
#include "daemon/zfs/ZfsClient.h"
#include "shared/control/SnapperReport.h"

namespace Daemon {

class HookPlan;

// zrepl's periodic snapshotter (daemon/snapper): after start it syncs up to the interval (the next snapshot is due
// one interval after the newest snapshot with the prefix), then takes a snapshot of every matching filesystem each
// interval, running the configured hooks around each snapshot. Its state is what /status shows as Snapshotting.
class Snapper final : public QObject
{
    Q_OBJECT

public:
    Snapper(Config::Snapshotting config, Zfs::DatasetFilter filter, Zfs::ZfsClient &zfs, Log::Context log,
            QObject *parent = nullptr);
    ~Snapper() override;

    Api::SnapperReport report() const;
    // Runs until cancelled (the owning TaskRunner destroys it).
    Async::Task<void> run();
    // Ends the current wait (sync-up or interval) so that a round starts now. False when no wait is in progress.
    bool wakeup();

    // zrepl's snapshot name: prefix + UTC time "20060102_150405_000" (the "_000" is literal in zrepl's format).
    static QString snapshotName(const QString &prefix, const QDateTime &utc);

Q_SIGNALS:
    void reportChanged();
    // A round ended (with or without errors): the snap job prunes now.
    void roundFinished();

private:
    struct Progress
    {
        Api::SnapperFilesystemReport report;
        std::shared_ptr<HookPlan> hooks;
    };

    Async::Task<Zfs::Result<QList<Zfs::DatasetPath>>> listFilesystems();
    Async::Task<std::optional<Api::Timestamp>> findSyncPoint(const QList<Zfs::DatasetPath> &filesystems, QString *error);
    Async::Task<void> snapshotAll(QList<Zfs::DatasetPath> filesystems);
    Async::Task<void> waitUntil(Api::Timestamp when);
    void setState(Api::SnapperState state, const QString &error = {});
    QList<Config::Hook> hooksFor(const Zfs::DatasetPath &filesystem) const;

    Config::Snapshotting m_config;
    Zfs::DatasetFilter m_filter;
    QList<std::optional<Zfs::DatasetFilter>> m_hookFilters;
    Zfs::ZfsClient &m_zfs;
    Log::Context m_log;
    Async::Trigger m_wakeup;

    Api::SnapperState m_state = Api::SnapperState::SyncUp;
    Api::Timestamp m_sleepUntil;
    QString m_error;
    Api::Timestamp m_lastInvocation;
    QList<Progress> m_progress;
};

}  // namespace Daemon
