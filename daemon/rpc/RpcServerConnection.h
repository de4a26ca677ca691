// SPDX-License-Identifier: MIT
#pragma once

#include <QIODevice>
#include <QObject>

#include <functional>
#include <memory>

#include "daemon/async/Task.h"
#include "daemon/async/TaskRunner.h"
#include "daemon/async/Wakeup.h"
#include "daemon/logging/Logger.h"
#include "daemon/transport/ReadBuffer.h"
#include "daemon/rpc/Services.h"
#include "shared/http/HttpParser.h"

namespace Rpc {

// Makes the service for an identified client; nullptr with *error refuses the client.
using ServiceFactory = std::function<std::unique_ptr<Service>(const QString &clientIdentity, QString *error)>;

// One client connection of a passive job (sink or source): the handshake, then one call at a time until the
// client closes the connection or it has been idle for longer than any call of a replication takes. It owns the
// connection and deletes itself when done.
class ServerConnection final : public QObject
{
    Q_OBJECT

public:
    ServerConnection(std::unique_ptr<QIODevice> device, QString clientIdentity, ServiceFactory factory, Log::Context log,
                     QObject *parent = nullptr);
    ~ServerConnection() override;

    void start();

    static constexpr std::chrono::minutes IdleTimeout{15};

Q_SIGNALS:
    void finished();

private:
    enum class Next
    {
        Continue,
        Close,
    };

    Async::Task<void> serve();
    Async::Task<Next> dispatch(Http::Request request);
    Async::Task<Next> serveReceive(Http::Request head);
    Async::Task<Next> serveSend(QJsonObject args);
    void respond(int status, const QJsonObject &body, bool close = false);
    void respondError(const Zfs::ZfsError &error, bool close = false);
    Async::Task<bool> flush();
    bool readMore();
    bool connected() const;

    std::unique_ptr<QIODevice> m_device;
    QString m_identity;
    ServiceFactory m_factory;
    Log::Context m_log;
    std::unique_ptr<Service> m_service;
    Async::Wakeup m_wakeup;
    Async::TaskRunner m_runner;
    Http::RequestParser m_parser;
    Transport::ReadBuffer m_in;
};

}  // namespace Rpc
