// SPDX-License-Identifier: MIT
#include "daemon/jobs/BasicJobs.h"

#include "daemon/jobs/JobFactory.h"
#include "daemon/jobs/SnapJob.h"

using namespace Qt::StringLiterals;

namespace Daemon {

std::optional<Api::SnapperReport> initialSnapperReport(const Config::Snapshotting &snapshotting)
{
    if (snapshotting.type == Config::Snapshotting::Type::Manual) {
        return std::nullopt;
    }
    return Api::SnapperReport{Api::SnapperState::SyncUp, {}, {}, {}};
}

Api::JobStatus ActiveJob::status() const
{
    Api::ActiveSideStatus active;
    if (type() == Config::JobType::Push) {
        active.snapshotting = initialSnapperReport(config().snapshotting);
    }
    return {type() == Config::JobType::Push ? Api::JobStatus::Type::Push : Api::JobStatus::Type::Pull, active};
}

std::optional<QString> ActiveJob::wakeup()
{
    log().info(u"woken up"_s);
    return std::nullopt;
}

void ActiveJob::start()
{
    log().info(u"starting job"_s);
}

Api::JobStatus PassiveJob::status() const
{
    Api::PassiveStatus passive;
    if (type() == Config::JobType::Source) {
        passive.snapper = initialSnapperReport(config().snapshotting);
    }
    return {type() == Config::JobType::Sink ? Api::JobStatus::Type::Sink : Api::JobStatus::Type::Source, passive};
}

void PassiveJob::start()
{
    log().info(u"starting job"_s);
}

std::unique_ptr<Job> createJob(const Config::Job &config, QObject *parent)
{
    switch (config.type) {
    case Config::JobType::Snap:
        return std::make_unique<SnapJob>(config, Zfs::CommandConfig::fromEnvironment(), parent);
    case Config::JobType::Push:
    case Config::JobType::Pull:
        return std::make_unique<ActiveJob>(config, parent);
    case Config::JobType::Sink:
    case Config::JobType::Source:
        return std::make_unique<PassiveJob>(config, parent);
    }
    return nullptr;
}

}  // namespace Daemon
