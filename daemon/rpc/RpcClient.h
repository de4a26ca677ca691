// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QObject>

#include <memory>

#include "daemon/async/Task.h"
#include "daemon/async/Wakeup.h"
#include "daemon/endpoint/Endpoints.h"
#include "daemon/rpc/Protocol.h"
#include "daemon/transport/Connector.h"
#include "shared/http/HttpParser.h"

namespace Rpc {

struct Reply
{
    QJsonObject result;
    Zfs::ZfsError error;  // Network: the connection failed; Protocol: the other side refused; else its zfs error
    bool ok() const { return error.ok(); }
};

// The active side's connection to its passive side: connects (and reconnects after a failure) through its
// transport, shakes hands, and makes one call at a time. Streams are moved with back-pressure both ways: a full
// socket stops reading from `zfs send`, a full `zfs recv` pipe stops reading from the socket.
class Client final : public QObject
{
    Q_OBJECT

public:
    Client(std::unique_ptr<Transport::Connector> connector, Role expectedRole, QObject *parent = nullptr);
    ~Client() override;

    // Connects and shakes hands unless a connection is up.
    Async::Task<Zfs::ZfsError> ensureConnected();
    Async::Task<Reply> call(const char *rpc, QJsonObject args);
    // Send: the passive side (a source) sends the step's stream, which goes into `consumer` here.
    Async::Task<Endpoint::StreamOutcome> receiveStream(QJsonObject sendArgs, Async::ProcessSpec consumer, Endpoint::Progress progress);
    // Receive: `producer` here makes the stream, which the passive side (a sink) receives.
    Async::Task<Endpoint::StreamOutcome> sendStream(QJsonObject receiveArgs, Async::ProcessSpec producer, Endpoint::Progress progress);

    // Valid after ensureConnected() succeeded.
    const HandshakeReply &peer() const { return m_peer; }
    QString describe() const { return m_connector->describe(); }

    // Inactivity limit of one call: no byte moved for this long fails it.
    static constexpr std::chrono::minutes IdleTimeout{10};

private:
    enum class Read
    {
        Data,
        Nothing,
        Closed,
    };

    Zfs::ZfsError networkError(const QString &what);
    Zfs::ZfsError protocolError(const QString &what);
    void drop();
    bool connected() const;
    Read readMore();
    QByteArray requestHead(const char *rpc, qsizetype contentLength, bool chunked, const QByteArray &args);
    Async::Task<Reply> exchange(const char *rpc, QJsonObject args);
    Reply replyFrom(const Http::Response &response);

    std::unique_ptr<Transport::Connector> m_connector;
    Role m_expectedRole;
    Transport::Connection m_connection;
    std::unique_ptr<Async::Wakeup> m_wakeup;
    QByteArray m_in;
    HandshakeReply m_peer;
    bool m_busy = false;
};

}  // namespace Rpc
