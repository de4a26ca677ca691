// SPDX-License-Identifier: MIT
#include "daemon/jobs/Job.h"

namespace Daemon {

Job::Job(const Config::Job &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_log(config.name, {})
{
}

Zfs::DatasetFilter Job::filesystemsFilter() const
{
    QString error;
    std::optional<Zfs::DatasetFilter> filter = Zfs::DatasetFilter::fromConfig(m_config.filesystems, &error);
    if (!filter) {
        m_log.error(QStringLiteral("invalid filesystems filter; the job acts on no filesystem"), {{QStringLiteral("err"), error}});
        return {};
    }
    return *filter;
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
