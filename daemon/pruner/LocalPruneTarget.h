// SPDX-License-Identifier: MIT
#pragma once

#include "daemon/endpoint/Endpoints.h"
#include "daemon/zfs/DatasetFilter.h"
#include "daemon/zfs/ZfsClient.h"

namespace Daemon {

// The filesystems of this daemon's pools that `filter` selects, for pruning: one batched listing of the
// filesystems, one of the placeholders and one of all their snapshots.
class LocalPruneTarget final : public Endpoint::PruneTarget
{
public:
    LocalPruneTarget(Zfs::ZfsClient &zfs, Zfs::DatasetFilter filter);

    Async::Task<Zfs::Result<QList<Endpoint::PruneFilesystem>>> listForPruning() override;
    Async::Task<Zfs::DestroyOutcome> destroySnapshots(QString filesystem, QStringList names) override;
    bool isLocal() const override { return true; }
    Async::Task<QList<Zfs::Hold>> holdsOf(QStringList snapshots) override;

    const Zfs::DatasetFilter &filter() const { return m_filter; }

private:
    Zfs::ZfsClient &m_zfs;
    Zfs::DatasetFilter m_filter;
};

}  // namespace Daemon
