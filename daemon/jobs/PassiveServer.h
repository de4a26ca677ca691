// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>

#include <memory>

#include "daemon/config/Config.h"
#include "daemon/logging/Logger.h"
#include "daemon/rpc/RpcServerConnection.h"
#include "daemon/transport/Listener.h"

namespace Daemon {

// A passive job's network side: its transport's listener, and one Rpc::ServerConnection per identified client.
class PassiveServer final : public QObject
{
    Q_OBJECT

public:
    PassiveServer(Config::Serve serve, Rpc::ServiceFactory factory, Log::Context log, QObject *parent = nullptr);
    ~PassiveServer() override;

    // false (and logged) when the transport cannot serve: a bad configuration, an address in use.
    bool start();
    int connectionCount() const { return m_connections; }

private:
    Config::Serve m_serve;
    Rpc::ServiceFactory m_factory;
    Log::Context m_log;
    std::unique_ptr<Transport::Listener> m_listener;
    int m_connections = 0;
};

}  // namespace Daemon
