// SPDX-License-Identifier: MIT
#include "daemon/jobs/Job.h"

namespace Daemon {

Job::Job(const Config::Job &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_log(config.name, {})
{
}

std::optional<QString> Job::wakeup()
{
    return AlreadyWokenUp;
}

std::optional<QString> Job::reset()
{
    return AlreadyReset;
}

}  // namespace Daemon
