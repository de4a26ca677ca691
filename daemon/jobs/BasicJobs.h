// SPDX-License-Identifier: MIT
#pragma once

#include "daemon/jobs/Job.h"

namespace Daemon {

// The snapper's report before its first round: zrepl's periodic snapper starts in SyncUp; manual snapshotting
// has no report at all.
std::optional<Api::SnapperReport> initialSnapperReport(const Config::Snapshotting &snapshotting);

// push and pull: the active side of a replication. Idle between runs (accepts `wakeup`); `reset` aborts a run.
class ActiveJob final : public Job
{
    Q_OBJECT

public:
    using Job::Job;
    Api::JobStatus status() const override;
    std::optional<QString> wakeup() override;
    void start() override;
};

// sink and source: the passive side. zrepl's passive jobs never wait for signals.
class PassiveJob final : public Job
{
    Q_OBJECT

public:
    using Job::Job;
    Api::JobStatus status() const override;
    void start() override;
};

}  // namespace Daemon
