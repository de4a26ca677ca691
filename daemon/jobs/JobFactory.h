// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>

#include <memory>

#include "daemon/config/Config.h"
#include "daemon/jobs/Job.h"

namespace Daemon {

// The job object for one configured job.
std::unique_ptr<Job> createJob(const Config::Job &config, QObject *parent = nullptr);

}  // namespace Daemon
