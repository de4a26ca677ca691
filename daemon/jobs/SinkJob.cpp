// SPDX-License-Identifier: MIT
#include "daemon/jobs/SinkJob.h"

#include "daemon/jobs/LocalListeners.h"
#include "daemon/zfs/NameCheck.h"

using namespace Qt::StringLiterals;

namespace Daemon {

SinkJob::SinkJob(const Config::Job &config, Zfs::CommandConfig zfs, QObject *parent)
    : Job(config, parent)
    , m_command(std::move(zfs))
    , m_zfs(m_command)
{
    if (config.serve.type == Config::Serve::Type::Local) {
        m_listenerName = config.serve.listenerName;
    }
}

SinkJob::~SinkJob()
{
    if (!m_listenerName.isEmpty()) {
        LocalListeners::instance().remove(m_listenerName, this);
    }
}

Api::JobStatus SinkJob::status() const
{
    return {Api::JobStatus::Type::Sink, Api::PassiveStatus{}};
}

void SinkJob::start()
{
    log().info(u"starting job"_s);
    if (m_listenerName.isEmpty()) {
        log().error(u"only the local transport is served by this version of Holdfast; tcp, tls and ssh+stdinserver "
                    "sinks do not accept connections yet"_s);
        return;
    }
    if (!LocalListeners::instance().add(m_listenerName, this)) {
        log().error(u"another job already serves this local listener"_s, {{u"listener_name"_s, m_listenerName}});
        return;
    }
    log().info(u"serving local listener"_s, {{u"listener_name"_s, m_listenerName}});
}

std::unique_ptr<Endpoint::Receiver> SinkJob::receiverFor(const QString &clientIdentity, QString *error)
{
    if (const std::optional<QString> problem = Zfs::componentNamecheck(clientIdentity)) {
        *error = u"invalid client identity \"%1\": %2"_s.arg(clientIdentity, *problem);
        return nullptr;
    }
    const Zfs::DatasetPath root = Zfs::DatasetPath::fromString(config().rootFs).joined(Zfs::DatasetPath(QStringList{clientIdentity}));
    return std::make_unique<Endpoint::Receiver>(m_zfs, root, name());
}

}  // namespace Daemon
