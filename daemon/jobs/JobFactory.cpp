// SPDX-License-Identifier: MIT
#include "daemon/jobs/JobFactory.h"

#include "daemon/jobs/ReplicationJob.h"
#include "daemon/jobs/SinkJob.h"
#include "daemon/jobs/SnapJob.h"
#include "daemon/jobs/SourceJob.h"

namespace Daemon {

std::unique_ptr<Job> createJob(const Config::Job &config, QObject *parent)
{
    // Every job runs zfs from the same place: PATH, or HOLDFAST_ZFS_BINARY / HOLDFAST_ZPOOL_BINARY.
    const Zfs::CommandConfig zfs = Zfs::CommandConfig::fromEnvironment();
    switch (config.type) {
    case Config::JobType::Snap:
        return std::make_unique<SnapJob>(config, zfs, parent);
    case Config::JobType::Push:
    case Config::JobType::Pull:
        return std::make_unique<ReplicationJob>(config, zfs, parent);
    case Config::JobType::Sink:
        return std::make_unique<SinkJob>(config, zfs, parent);
    case Config::JobType::Source:
        return std::make_unique<SourceJob>(config, zfs, parent);
    }
    return nullptr;
}

}  // namespace Daemon
