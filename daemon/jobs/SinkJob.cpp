// SPDX-License-Identifier: MIT
#include "daemon/jobs/SinkJob.h"

#include "daemon/jobs/LocalListeners.h"
#include "daemon/jobs/PassiveServer.h"
#include "daemon/rpc/Services.h"
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
    m_probeRunner.start(logZfsCapabilities(m_zfs));
    if (m_listenerName.isEmpty()) {
        m_server = std::make_unique<PassiveServer>(config().serve, [this](const QString &identity, QString *error) -> std::unique_ptr<Rpc::Service> {
            std::unique_ptr<Endpoint::Receiver> receiver = receiverFor(identity, error);
            if (!receiver) {
                return nullptr;
            }
            return std::make_unique<Rpc::ReceiverService>(std::move(receiver), name(), identity);
        }, log());
        m_server->start();
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
