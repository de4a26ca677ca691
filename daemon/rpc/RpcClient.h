// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QObject>
#include <QScopeGuard>

#include <functional>
#include <memory>

#include "daemon/async/Semaphore.h"
#include "daemon/async/Task.h"
#include "daemon/async/Wakeup.h"
#include "daemon/endpoint/Endpoints.h"
#include "daemon/rpc/Protocol.h"
#include "daemon/transport/Connector.h"
#include "daemon/transport/ReadBuffer.h"
#include "shared/http/HttpParser.h"

namespace Rpc {

struct Reply
{
    QJsonObject result;
    Zfs::ZfsError error;  // Network: the connection failed; Protocol: the other side refused; else its zfs error
    bool ok() const { return error.ok(); }
};

// The active side's connections to its passive side: connects (and reconnects after a failure) through its
// transport, shakes hands, and makes one call at a time per connection; concurrent calls (filesystems replicating
// at once) get connections of their own, up to a limit. Streams are moved with back-pressure both ways: a full
// socket stops reading from `zfs send`, a full `zfs recv` pipe stops reading from the socket.
class Client final : public QObject
{
    Q_OBJECT

public:
    Client(std::unique_ptr<Transport::Connector> connector, Role expectedRole, QObject *parent = nullptr);
    ~Client() override;

    // Connections open at most at once (one per concurrent call).
    void setMaxConnections(int count) { m_connectionLimit.setPermits(std::max(1, count)); }

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
    int connectionCount() const { return int(m_pool.size()); }

    // Inactivity limit of one call: no byte moved for this long fails it.
    static constexpr std::chrono::minutes IdleTimeout{10};

private:
    struct Conn
    {
        Transport::Connection connection;
        std::unique_ptr<Async::Wakeup> wakeup;
        Transport::ReadBuffer in;
        Async::Semaphore::Permit busy;  // held by the call that uses the connection
    };
    struct Acquired
    {
        Conn *conn = nullptr;
        Zfs::ZfsError error;
    };
    enum class Read
    {
        Data,
        Nothing,
        Closed,
    };

    Async::Task<Acquired> acquire();
    void release(Conn *conn);
    // Held by a call's coroutine while it uses `conn`: a coroutine destroyed mid-call (reset, a timeout, the stall
    // watchdog) leaves the connection in the middle of an exchange, which then cannot carry another call, so it is
    // dropped. Dismissed when the call ends.
    QScopeGuard<std::function<void()>> abandonGuard(Conn *conn);
    Async::Task<Zfs::ZfsError> connect(Conn &conn);
    Zfs::ZfsError networkError(Conn &conn, const QString &what);
    Zfs::ZfsError protocolError(const QString &what) const;
    void drop(Conn &conn);
    static bool connected(const Conn &conn);
    static Read readMore(Conn &conn);
    static QByteArray requestHead(const char *rpc, qsizetype contentLength, bool chunked, const QByteArray &args);
    Async::Task<Reply> exchange(Conn &conn, const char *rpc, QJsonObject args);
    Reply replyFrom(const Http::Response &response) const;

    std::unique_ptr<Transport::Connector> m_connector;
    Role m_expectedRole;
    std::vector<std::unique_ptr<Conn>> m_pool;
    Async::Semaphore m_connectionLimit{1};  // one connection per call at once, calls beyond wait in order
    HandshakeReply m_peer;
};

}  // namespace Rpc
