// SPDX-License-Identifier: MIT
#include "daemon/rpc/RpcClient.h"

#include <QJsonDocument>

#include "daemon/async/PipeProcess.h"
#include "daemon/async/Pipeline.h"
#include "daemon/rpc/StreamChunks.h"
#include "daemon/transport/DeviceIo.h"
#include "shared/http/HttpWriter.h"

using namespace Qt::StringLiterals;

namespace Rpc {

namespace {

Http::ResponseLimits jsonLimits()
{
    Http::ResponseLimits limits;
    limits.maxBodySize = MaxJsonBody;
    return limits;
}

}  // namespace

Client::Client(std::unique_ptr<Transport::Connector> connector, Role expectedRole, QObject *parent)
    : QObject(parent)
    , m_connector(std::move(connector))
    , m_expectedRole(expectedRole)
{
}

Client::~Client()
{
    for (const std::unique_ptr<Conn> &conn : m_pool) {
        drop(*conn);
    }
}

bool Client::connected(const Conn &conn)
{
    return conn.connection.device && Transport::isConnected(conn.connection.device.get());
}

void Client::drop(Conn &conn)
{
    conn.wakeup.reset();
    if (conn.connection.device) {
        conn.connection.device->disconnect();
        Transport::closeConnection(conn.connection.device.get());
    }
    if (conn.connection.helper && conn.connection.helper->state() != QProcess::NotRunning) {
        conn.connection.helper->disconnect();
        conn.connection.helper->terminate();
        if (!conn.connection.helper->waitForFinished(2000)) {
            conn.connection.helper->kill();
            conn.connection.helper->waitForFinished(1000);
        }
    }
    conn.connection = Transport::Connection();
    conn.in.clear();
}

Zfs::ZfsError Client::networkError(Conn &conn, const QString &what)
{
    Zfs::ZfsError error;
    error.kind = Zfs::ZfsError::Kind::Network;
    QString detail = u"%1: %2"_s.arg(m_connector->describe(), what);
    if (conn.connection.helper) {
        // ssh says why it could not connect or why the remote command ended.
        conn.connection.helper->waitForFinished(200);
        const QString ssh = QString::fromLocal8Bit(conn.connection.helper->readAllStandardError()).trimmed();
        if (!ssh.isEmpty()) {
            detail += u" (ssh: %1)"_s.arg(ssh);
        }
    }
    error.detail = detail;
    drop(conn);
    return error;
}

Zfs::ZfsError Client::protocolError(const QString &what) const
{
    Zfs::ZfsError error;
    error.kind = Zfs::ZfsError::Kind::Protocol;
    error.detail = u"%1: %2"_s.arg(m_connector->describe(), what);
    return error;
}

Client::Read Client::readMore(Conn &conn)
{
    if (!conn.connection.device) {
        return Read::Closed;
    }
    if (conn.in.readFrom(conn.connection.device.get(), SocketReadBuffer) > 0) {
        return Read::Data;
    }
    return connected(conn) ? Read::Nothing : Read::Closed;
}

QByteArray Client::requestHead(const char *rpc, qsizetype contentLength, bool chunked, const QByteArray &args)
{
    Http::Request request;
    request.method = "POST";
    request.target = rpcPath(rpc);
    request.headers.add("Host", "holdfast");
    request.headers.add("Content-Type", "application/json");
    if (chunked) {
        request.headers.add("Transfer-Encoding", "chunked");
        request.headers.add("Trailer", StreamErrorTrailer);
        request.headers.add(ArgsHeader, args.toBase64());
    } else {
        request.headers.add("Content-Length", QByteArray::number(contentLength));
    }
    return Http::serializeHead(request);
}

Reply Client::replyFrom(const Http::Response &response) const
{
    Reply reply;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(response.body, &parseError);
    if (response.status != 200) {
        const QJsonObject error = document.object().value(u"Error"_s).toObject();
        if (!error.isEmpty()) {
            reply.error = zfsErrorFromJson(error);
            if (reply.error.ok()) {
                reply.error = protocolError(u"HTTP %1 without an error"_s.arg(response.status));
            }
        } else {
            reply.error = protocolError(u"HTTP %1: %2"_s.arg(response.status).arg(QString::fromUtf8(response.body).trimmed()));
        }
        return reply;
    }
    if (!document.isObject()) {
        reply.error = protocolError(u"the answer is not a JSON object: %1"_s.arg(parseError.errorString()));
        return reply;
    }
    reply.result = document.object();
    return reply;
}

Async::Task<Zfs::ZfsError> Client::connect(Conn &conn)
{
    conn.connection = co_await m_connector->connect();
    if (!conn.connection.device) {
        Zfs::ZfsError error;
        error.kind = Zfs::ZfsError::Kind::Network;
        error.detail = conn.connection.error;
        co_return error;
    }
    conn.wakeup = std::make_unique<Async::Wakeup>();
    Transport::watch(conn.connection.device.get(), *conn.wakeup);
    Transport::limitReadBuffer(conn.connection.device.get(), SocketReadBuffer);
    if (conn.connection.helper) {
        QObject::connect(conn.connection.helper.get(), &QProcess::finished, conn.wakeup.get(), [w = conn.wakeup.get()] { w->wake(); });
    }
    QJsonObject hello;
    hello.insert(u"ProtocolVersion"_s, ProtocolVersion);
    hello.insert(u"ExpectedRole"_s, toString(m_expectedRole));
    const Reply reply = co_await exchange(conn, Handshake, hello);
    if (!reply.ok()) {
        drop(conn);
        co_return reply.error;
    }
    QString error;
    const std::optional<HandshakeReply> peer = handshakeFromJson(reply.result, &error);
    if (!peer) {
        drop(conn);
        co_return protocolError(error);
    }
    if (peer->protocolVersion != ProtocolVersion || peer->role != m_expectedRole) {
        drop(conn);
        co_return protocolError(u"the other side speaks protocol version %1 as a %2; this side speaks version %3 and needs a %4"_s
                                    .arg(peer->protocolVersion)
                                    .arg(toString(peer->role))
                                    .arg(ProtocolVersion)
                                    .arg(toString(m_expectedRole)));
    }
    m_peer = *peer;
    co_return Zfs::ZfsError{};
}

Async::Task<Client::Acquired> Client::acquire()
{
    // A permit means an idle connection, or room for one more.
    Async::Semaphore::Permit permit = co_await m_connectionLimit.acquire();
    // Connections that broke while idle are gone for good.
    std::erase_if(m_pool, [](const std::unique_ptr<Conn> &c) { return !c->busy.isValid() && !connected(*c); });
    for (const std::unique_ptr<Conn> &c : m_pool) {
        if (!c->busy.isValid()) {
            c->busy = std::move(permit);
            co_return Acquired{c.get(), {}};
        }
    }
    m_pool.push_back(std::make_unique<Conn>());
    Conn *conn = m_pool.back().get();
    conn->busy = std::move(permit);
    const Zfs::ZfsError error = co_await connect(*conn);
    if (!error.ok()) {
        std::erase_if(m_pool, [conn](const std::unique_ptr<Conn> &c) { return c.get() == conn; });
        co_return Acquired{nullptr, error};
    }
    co_return Acquired{conn, {}};
}

void Client::release(Conn *conn)
{
    conn->busy.release();
    if (!connected(*conn)) {
        std::erase_if(m_pool, [conn](const std::unique_ptr<Conn> &c) { return c.get() == conn; });
    }
}

QScopeGuard<std::function<void()>> Client::abandonGuard(Conn *conn)
{
    return QScopeGuard<std::function<void()>>([this, conn] {
        drop(*conn);
        release(conn);
    });
}

Async::Task<Zfs::ZfsError> Client::ensureConnected()
{
    const Acquired acquired = co_await acquire();
    if (acquired.conn) {
        release(acquired.conn);
    }
    co_return acquired.error;
}

Async::Task<Reply> Client::call(const char *rpc, QJsonObject args)
{
    const Acquired acquired = co_await acquire();
    if (!acquired.conn) {
        co_return Reply{{}, acquired.error};
    }
    auto abandoned = abandonGuard(acquired.conn);
    const Reply reply = co_await exchange(*acquired.conn, rpc, args);
    abandoned.dismiss();
    release(acquired.conn);
    co_return reply;
}

Async::Task<Reply> Client::exchange(Conn &conn, const char *rpc, QJsonObject args)
{
    const QByteArray body = QJsonDocument(args).toJson(QJsonDocument::Compact);
    conn.connection.device->write(requestHead(rpc, body.size(), false, {}));
    conn.connection.device->write(body);
    Http::ResponseParser parser(jsonLimits());
    parser.setRequestMethod("POST");
    while (true) {
        if (!conn.in.isEmpty()) {
            const Http::ParseResult result = parser.parse(conn.in.unread());
            conn.in.consume(result.consumed);
            if (result.status == Http::ParseStatus::Complete) {
                const Http::Response response = parser.takeResponse();
                if (!response.keepAlive()) {
                    drop(conn);
                }
                co_return replyFrom(response);
            }
            if (result.status == Http::ParseStatus::Error) {
                co_return Reply{{}, networkError(conn, u"malformed answer to %1: %2"_s.arg(QLatin1StringView(rpc), QString::fromUtf8(parser.errorMessage())))};
            }
            if (result.status == Http::ParseStatus::HeadComplete) {
                continue;
            }
        }
        const Read read = readMore(conn);
        if (read == Read::Data) {
            continue;
        }
        if (read == Read::Closed) {
            const QString why = conn.connection.device ? Transport::errorText(conn.connection.device.get()) : u"closed"_s;
            co_return Reply{{}, networkError(conn, u"connection lost during %1: %2"_s.arg(QLatin1StringView(rpc), why))};
        }
        const bool woken = co_await conn.wakeup->wait(IdleTimeout);
        if (!woken) {
            co_return Reply{{}, networkError(conn, u"no answer to %1 within %2 minutes"_s.arg(QLatin1StringView(rpc)).arg(IdleTimeout.count()))};
        }
    }
}

Async::Task<Endpoint::StreamOutcome> Client::receiveStream(QJsonObject sendArgs, Async::ProcessSpec consumerSpec, Endpoint::Progress progress)
{
    Endpoint::StreamOutcome outcome;
    const Acquired acquired = co_await acquire();
    if (!acquired.conn) {
        outcome.senderError = acquired.error.toString();
        outcome.temporary = outcome.connectionLost = acquired.error.is(Zfs::ZfsError::Kind::Network);
        co_return outcome;
    }
    Conn &conn = *acquired.conn;
    auto abandoned = abandonGuard(&conn);
    // Owned by this call: the connection may be dropped while the process still runs.
    Async::Wakeup wakeup;
    Transport::watch(conn.connection.device.get(), wakeup);
    // Asked to end early (the stall watchdog): the stream is cut here, so `zfs recv` sees its end and keeps what
    // it has; the source's `zfs send` goes with the connection.
    bool stopped = false;
    if (consumerSpec.stop) {
        QObject::connect(consumerSpec.stop.data(), &Async::StopSignal::requested, &wakeup, [&stopped, &wakeup] {
            stopped = true;
            wakeup.wake();
        });
    }
    const QByteArray body = QJsonDocument(sendArgs).toJson(QJsonDocument::Compact);
    conn.connection.device->write(requestHead(Send, body.size(), false, {}));
    conn.connection.device->write(body);

    Http::ResponseParser parser(jsonLimits());
    parser.setRequestMethod("POST");
    Async::PipeProcess consumer(consumerSpec, Async::PipeProcess::Direction::ToProcess, wakeup);
    bool consumerStarted = false;
    bool streaming = false;
    bool complete = false;
    bool broken = false;  // the consumer stopped reading
    QString connectionError;
    Async::ProgressThrottle throttle(progress);
    Http::Response response;
    QIODevice *device = conn.connection.device.get();

    while (true) {
        if (stopped && connectionError.isEmpty()) {
            connectionError = u"stopped early"_s;
        }
        if (broken || complete || !connectionError.isEmpty()) {
            break;
        }
        // A chunk's payload goes from the connection into `zfs recv`'s pipe; the rest goes through the parser.
        if (const qint64 remaining = streaming ? parser.payloadRemaining() : 0; remaining > 0) {
            qint64 moved = 0;
            const PayloadIo io = movePayload(conn.in, device, consumer, remaining, &moved);
            parser.payloadMoved(moved);
            outcome.bytes += moved;
            throttle.update(outcome.bytes);
            if (io == PayloadIo::ConsumerGone) {
                broken = true;
                continue;
            }
            if (io == PayloadIo::ConnectionEnded) {
                connectionError = Transport::errorText(device);
                continue;
            }
            if (io == PayloadIo::Moved) {
                continue;
            }
        } else {
            const Http::ParseResult result = parser.parse(conn.in.unread());
            conn.in.consume(result.consumed);
            if (result.status == Http::ParseStatus::Error) {
                connectionError = u"malformed stream: %1"_s.arg(QString::fromUtf8(parser.errorMessage()));
                continue;
            }
            if (result.status == Http::ParseStatus::HeadComplete && parser.response().status == 200 && !streaming) {
                streaming = true;
                parser.setStreamBody(true);
                parser.setPayloadByCaller(true);
                consumerStarted = consumer.start();
                if (!consumerStarted) {
                    broken = true;
                }
                continue;
            }
            if (result.status == Http::ParseStatus::Complete) {
                complete = true;
                response = parser.takeResponse();
                continue;
            }
            if (result.consumed > 0 || (streaming && parser.payloadRemaining() > 0)) {
                continue;
            }
            const qint64 read = streaming ? readFraming(conn.in, device) : conn.in.readFrom(device, SocketReadBuffer);
            if (read > 0) {
                continue;
            }
            if (read < 0 || !connected(conn)) {
                connectionError = Transport::errorText(device);
                continue;
            }
        }
        if (!co_await wakeup.wait(IdleTimeout)) {
            connectionError = u"no data for %1 minutes"_s.arg(IdleTimeout.count());
        }
    }
    throttle.finish(outcome.bytes);

    if (complete && !streaming) {
        // Refused before any stream: the answer says why.
        outcome.senderError = replyFrom(response).error.toString();
        abandoned.dismiss();
        release(&conn);
        co_return outcome;
    }
    consumer.closePipe();
    if (broken || !connectionError.isEmpty()) {
        // The connection is in the middle of a response: it cannot carry another call.
        const QString why = !connectionError.isEmpty() ? connectionError : u"zfs recv stopped reading"_s;
        const Zfs::ZfsError error = networkError(conn, u"stream of the step ended early: %1"_s.arg(why));
        if (!connectionError.isEmpty()) {
            outcome.senderError = error.toString();
            outcome.temporary = true;  // the receiver has a resume token where it can
            outcome.connectionLost = !stopped;
        }
    } else {
        const QByteArray remoteError = response.trailers.value(StreamErrorTrailer);
        if (!remoteError.isEmpty()) {
            outcome.senderError = QString::fromUtf8(QByteArray::fromPercentEncoding(remoteError));
            outcome.temporary = true;
        }
        if (!response.keepAlive()) {
            drop(conn);
        }
    }
    abandoned.dismiss();
    release(&conn);
    if (consumerStarted) {
        while (!consumer.isFinished()) {
            co_await wakeup.wait(std::chrono::seconds(1));  // its exit wakes us
        }
    }
    if (!consumer.result().ok()) {
        outcome.receiverError = u"zfs recv: %1"_s.arg(Endpoint::processFailure(consumer.result()));
    }
    co_return outcome;
}

Async::Task<Endpoint::StreamOutcome> Client::sendStream(QJsonObject receiveArgs, Async::ProcessSpec producerSpec, Endpoint::Progress progress)
{
    Endpoint::StreamOutcome outcome;
    const Acquired acquired = co_await acquire();
    if (!acquired.conn) {
        outcome.receiverError = acquired.error.toString();
        outcome.temporary = outcome.connectionLost = acquired.error.is(Zfs::ZfsError::Kind::Network);
        co_return outcome;
    }
    Conn &conn = *acquired.conn;
    auto abandoned = abandonGuard(&conn);
    Async::Wakeup wakeup;
    Transport::watch(conn.connection.device.get(), wakeup);
    Async::PipeProcess producer(producerSpec, Async::PipeProcess::Direction::FromProcess, wakeup);
    if (!producer.start()) {
        abandoned.dismiss();
        release(&conn);
        outcome.senderError = u"zfs send: %1"_s.arg(Endpoint::processFailure(producer.result()));
        co_return outcome;
    }
    const QByteArray args = QJsonDocument(receiveArgs).toJson(QJsonDocument::Compact);
    conn.connection.device->write(requestHead(Receive, 0, true, args));

    Http::ResponseParser parser(jsonLimits());
    parser.setRequestMethod("POST");
    Async::ProgressThrottle throttle(progress);
    ChunkSender sender(producer, conn.connection.device.get());
    bool eof = false;
    bool lastChunkSent = false;
    bool answered = false;
    QString connectionError;
    Http::Response response;
    while (!answered && connectionError.isEmpty()) {
        bool progressed = false;
        if (!eof) {
            eof = sender.send(&outcome.bytes, &progressed);
            throttle.update(outcome.bytes);
        }
        if (eof && producer.isFinished() && !lastChunkSent) {
            const QString error = producer.result().ok() ? QString() : u"zfs send: %1"_s.arg(Endpoint::processFailure(producer.result()));
            sender.finish(error);
            lastChunkSent = true;
            progressed = true;
        }
        // The answer: after the stream, or early when the receiver refused or failed.
        if (!conn.in.isEmpty()) {
            const Http::ParseResult result = parser.parse(conn.in.unread());
            conn.in.consume(result.consumed);
            if (result.status == Http::ParseStatus::Complete) {
                response = parser.takeResponse();
                answered = true;
                continue;
            }
            if (result.status == Http::ParseStatus::Error) {
                connectionError = u"malformed answer: %1"_s.arg(QString::fromUtf8(parser.errorMessage()));
                continue;
            }
            if (result.consumed > 0) {
                continue;
            }
        }
        const Read read = readMore(conn);
        if (read == Read::Data) {
            continue;
        }
        if (read == Read::Closed) {
            connectionError = conn.connection.device ? Transport::errorText(conn.connection.device.get()) : u"closed"_s;
            continue;
        }
        // GCC 12 miscompiles co_await inside && and ||: one statement each.
        bool woken = true;
        if (!progressed) {
            woken = co_await wakeup.wait(IdleTimeout);
        }
        if (!woken) {
            connectionError = u"no progress for %1 minutes"_s.arg(IdleTimeout.count());
        }
    }
    throttle.finish(outcome.bytes);
    // Stopped by us when the stream could not go on: its exit then says nothing about the sending side.
    const bool stopped = !eof || !producer.isFinished();
    if (stopped) {
        producer.kill();
    }
    if (!connectionError.isEmpty()) {
        outcome.receiverError = networkError(conn, u"stream of the step ended early: %1"_s.arg(connectionError)).toString();
        outcome.temporary = true;
        outcome.connectionLost = true;
    } else {
        const Reply reply = replyFrom(response);
        if (!reply.ok()) {
            outcome.receiverError = reply.error.toString();
        } else {
            outcome.receiverError = reply.result.value(u"ReceiverError"_s).toString();
            outcome.temporary = reply.result.value(u"Temporary"_s).toBool();
        }
        if (!lastChunkSent || !response.keepAlive()) {
            // The request is unfinished on the wire (the receiver answered early): the connection is spent.
            drop(conn);
        }
    }
    abandoned.dismiss();
    release(&conn);
    // The producer's own verdict; wait for its exit (it was killed if the stream was cut).
    while (!producer.isFinished()) {
        co_await wakeup.wait(std::chrono::seconds(1));  // its exit wakes us
    }
    if (!producer.result().ok() && outcome.senderError.isEmpty() && !stopped) {
        outcome.senderError = u"zfs send: %1"_s.arg(Endpoint::processFailure(producer.result()));
        outcome.temporary = true;
    }
    co_return outcome;
}

}  // namespace Rpc
