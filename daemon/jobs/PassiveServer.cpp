// SPDX-License-Identifier: MIT
#include "daemon/jobs/PassiveServer.h"

using namespace Qt::StringLiterals;

namespace Daemon {

PassiveServer::PassiveServer(Config::Serve serve, Rpc::ServiceFactory factory, Log::Context log, QObject *parent)
    : QObject(parent)
    , m_serve(std::move(serve))
    , m_factory(std::move(factory))
    , m_log(log.withSubsystem(u"transport"_s))
{
}

PassiveServer::~PassiveServer() = default;

bool PassiveServer::start()
{
    QString error;
    m_listener = Transport::Listener::fromConfig(m_serve, m_serve.stdinserverSockdir, &error);
    if (!m_listener || !m_listener->listen(&error)) {
        m_log.error(u"cannot serve"_s, {{u"err"_s, error}});
        m_listener.reset();
        return false;
    }
    connect(m_listener.get(), &Transport::Listener::clientRefused, this,
            [this](const QString &reason) { m_log.warn(u"refused a client"_s, {{u"err"_s, reason}}); });
    connect(m_listener.get(), &Transport::Listener::clientConnected, this, [this](QIODevice *device, const QString &identity) {
        // Connections are children of this server: stopping the job closes them.
        auto *connection = new Rpc::ServerConnection(std::unique_ptr<QIODevice>(device), identity, m_factory,
                                                     m_log.withSubsystem(u"rpc"_s), this);
        ++m_connections;
        connect(connection, &QObject::destroyed, this, [this] { --m_connections; });
        connection->start();
    });
    m_log.info(u"serving"_s, {{u"listen"_s, m_listener->describe()}});
    return true;
}

}  // namespace Daemon
