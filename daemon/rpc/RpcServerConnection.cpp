// SPDX-License-Identifier: MIT
#include "daemon/rpc/RpcServerConnection.h"

#include <QDateTime>
#include <QJsonDocument>

#include "daemon/async/PipeProcess.h"
#include "daemon/rpc/StreamChunks.h"
#include "daemon/endpoint/Endpoints.h"
#include "daemon/transport/DeviceIo.h"
#include "shared/http/HttpWriter.h"

using namespace Qt::StringLiterals;

namespace Rpc {

namespace {

Http::RequestLimits limits()
{
    Http::RequestLimits l;
    l.maxBodySize = MaxJsonBody;
    return l;
}

int statusFor(const Zfs::ZfsError &error)
{
    return error.is(Zfs::ZfsError::Kind::Protocol) ? 400 : 500;
}

}  // namespace

ServerConnection::ServerConnection(std::unique_ptr<QIODevice> device, QString clientIdentity, ServiceFactory factory,
                                   Log::Context log, QObject *parent)
    : QObject(parent)
    , m_device(std::move(device))
    , m_identity(std::move(clientIdentity))
    , m_factory(std::move(factory))
    , m_log(std::move(log))
    , m_parser(limits())
{
    Transport::watch(m_device.get(), m_wakeup);
    Transport::limitReadBuffer(m_device.get(), SocketReadBuffer);
    connect(&m_runner, &Async::TaskRunner::finished, this, [this] {
        Q_EMIT finished();
        deleteLater();
    });
}

ServerConnection::~ServerConnection()
{
    m_runner.cancel();
    m_device->disconnect();
    Transport::closeConnection(m_device.get());
}

void ServerConnection::start()
{
    m_runner.start(serve());
}

bool ServerConnection::connected() const
{
    return Transport::isConnected(m_device.get());
}

bool ServerConnection::readMore()
{
    return m_in.readFrom(m_device.get(), SocketReadBuffer) > 0;
}

void ServerConnection::respond(int status, const QJsonObject &body, bool close)
{
    Http::Response response;
    response.status = status;
    response.headers.add("Content-Type", "application/json");
    if (close) {
        response.headers.add("Connection", "close");
    }
    response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    m_device->write(Http::serialize(response));
}

void ServerConnection::respondError(const Zfs::ZfsError &error, bool close)
{
    QJsonObject body;
    body.insert(u"Error"_s, toJson(error));
    respond(statusFor(error), body, close);
}

Async::Task<bool> ServerConnection::flush()
{
    while (Transport::pendingOutput(m_device.get()) > 0) {
        if (!connected()) {
            co_return false;
        }
        // GCC 12 miscompiles co_await inside && and ||: one statement each.
        const bool woken = co_await m_wakeup.wait(std::chrono::seconds(30));
        if (!woken) {
            co_return false;
        }
    }
    co_return true;
}

Async::Task<void> ServerConnection::serve()
{
    while (true) {
        if (!m_in.isEmpty()) {
            const Http::ParseResult result = m_parser.parse(m_in.unread());
            m_in.consume(result.consumed);
            if (result.status == Http::ParseStatus::Error) {
                Zfs::ZfsError error;
                error.kind = Zfs::ZfsError::Kind::Protocol;
                error.detail = u"malformed request: %1"_s.arg(QString::fromUtf8(m_parser.errorMessage()));
                m_log.warn(u"refusing a malformed request"_s, {{u"client"_s, m_identity}, {u"err"_s, error.detail}});
                respondError(error, true);
                co_await flush();
                co_return;
            }
            if (result.status == Http::ParseStatus::HeadComplete && m_parser.request().path == rpcPath(Receive)) {
                // The stream follows the head; it goes to zfs recv as it arrives.
                if (co_await serveReceive(m_parser.request()) == Next::Close) {
                    co_await flush();
                    co_return;
                }
                m_parser.reset();
                continue;
            }
            if (result.status == Http::ParseStatus::Complete) {
                if (co_await dispatch(m_parser.takeRequest()) == Next::Close) {
                    co_await flush();
                    co_return;
                }
                continue;
            }
            if (result.status == Http::ParseStatus::HeadComplete) {
                continue;
            }
        }
        if (readMore()) {
            continue;
        }
        if (!connected()) {
            co_return;
        }
        if (!co_await m_wakeup.wait(IdleTimeout)) {
            m_log.info(u"closing an idle replication connection"_s, {{u"client"_s, m_identity}});
            co_return;
        }
    }
}

Async::Task<ServerConnection::Next> ServerConnection::dispatch(Http::Request request)
{
    auto refuse = [this](int status, const QString &why, bool close) {
        Zfs::ZfsError error;
        error.kind = Zfs::ZfsError::Kind::Protocol;
        error.detail = why;
        QJsonObject body;
        body.insert(u"Error"_s, toJson(error));
        respond(status, body, close);
        return close ? Next::Close : Next::Continue;
    };
    if (request.method != "POST" || !request.path.startsWith("/rpc/")) {
        co_return refuse(404, u"no such call: %1 %2"_s.arg(QString::fromLatin1(request.method), QString::fromLatin1(request.path)), false);
    }
    const QByteArray rpc = request.path.mid(5);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    if (!document.isObject()) {
        co_return refuse(400, u"the arguments of %1 are not a JSON object: %2"_s.arg(QString::fromLatin1(rpc), parseError.errorString()), false);
    }
    const QJsonObject args = document.object();
    if (rpc == Handshake) {
        const int version = args.value(u"ProtocolVersion"_s).toInt(-1);
        if (version != ProtocolVersion) {
            m_log.warn(u"refusing a client of another protocol version"_s, {{u"client"_s, m_identity}, {u"version"_s, QString::number(version)}});
            co_return refuse(400, u"protocol version mismatch: the client speaks version %1, this Holdfast speaks version %2; "
                                  "install the same Holdfast version on both sides"_s.arg(version).arg(ProtocolVersion), true);
        }
        QString error;
        m_service = m_factory(m_identity, &error);
        if (!m_service) {
            m_log.warn(u"refusing a client"_s, {{u"client"_s, m_identity}, {u"err"_s, error}});
            co_return refuse(403, error, true);
        }
        const HandshakeReply reply = m_service->handshake();
        m_log.info(u"client connected"_s, {{u"client"_s, m_identity}});
        respond(200, toJson(reply));
        co_return Next::Continue;
    }
    if (!m_service) {
        co_return refuse(400, u"the first call on a connection must be Handshake"_s, true);
    }
    m_log.debug(u"call"_s, {{u"client"_s, m_identity}, {u"rpc"_s, QString::fromLatin1(rpc)}});
    if (rpc == Send) {
        co_return co_await serveSend(args);
    }
    const Reply reply = co_await m_service->call(rpc, args);
    if (!reply.ok()) {
        m_log.info(u"call failed"_s, {{u"client"_s, m_identity}, {u"rpc"_s, QString::fromLatin1(rpc)}, {u"err"_s, reply.error.toString()}});
        respondError(reply.error);
    } else {
        respond(200, reply.result);
    }
    co_return Next::Continue;
}

Async::Task<ServerConnection::Next> ServerConnection::serveSend(QJsonObject args)
{
    const Zfs::Result<Async::ProcessSpec> spec = co_await m_service->sendProcess(args);
    if (!spec.ok()) {
        m_log.warn(u"refusing a send"_s, {{u"client"_s, m_identity}, {u"err"_s, spec.error.toString()}});
        respondError(spec.error);
        co_return Next::Continue;
    }
    Async::PipeProcess producer(spec.value, Async::PipeProcess::Direction::FromProcess, m_wakeup);
    if (!producer.start()) {
        Zfs::ZfsError error;
        error.kind = Zfs::ZfsError::Kind::StartFailed;
        error.command = spec.value.program;
        error.detail = producer.result().startError;
        respondError(error);
        co_return Next::Continue;
    }
    Http::Response head;
    head.headers.add("Content-Type", "application/octet-stream");
    head.headers.add("Transfer-Encoding", "chunked");
    head.headers.add("Trailer", StreamErrorTrailer);
    m_device->write(Http::serializeHead(head));
    ChunkSender sender(producer, m_device.get());
    bool eof = false;
    qint64 bytes = 0;
    while (true) {
        if (!connected()) {
            producer.kill();
            m_log.info(u"client went away during a send"_s, {{u"client"_s, m_identity}, {u"bytes"_s, QString::number(bytes)}});
            co_return Next::Close;
        }
        bool progressed = false;
        if (!eof) {
            eof = sender.send(&bytes, &progressed);
        }
        if (eof && producer.isFinished()) {
            QString error;
            if (!producer.result().ok()) {
                error = u"zfs send on the source: %1"_s.arg(Endpoint::processFailure(producer.result()));
                m_log.warn(u"send failed"_s, {{u"client"_s, m_identity}, {u"err"_s, error}});
            }
            sender.finish(error);
            co_return Next::Continue;
        }
        // GCC 12 miscompiles co_await inside && and ||: one statement each.
        bool woken = true;
        if (!progressed) {
            woken = co_await m_wakeup.wait(IdleTimeout);
        }
        if (!woken) {
            producer.kill();
            co_return Next::Close;
        }
    }
}

Async::Task<ServerConnection::Next> ServerConnection::serveReceive(Http::Request head)
{
    auto refuse = [this](const Zfs::ZfsError &error) {
        m_log.warn(u"refusing a receive"_s, {{u"client"_s, m_identity}, {u"err"_s, error.toString()}});
        // The stream that follows is not read: the connection cannot carry another request.
        respondError(error, true);
        return Next::Close;
    };
    if (!m_service) {
        Zfs::ZfsError error;
        error.kind = Zfs::ZfsError::Kind::Protocol;
        error.detail = u"the first call on a connection must be Handshake"_s;
        co_return refuse(error);
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray::fromBase64(head.headers.value(ArgsHeader)), &parseError);
    const Zfs::Result<Async::ProcessSpec> spec = co_await m_service->receiveProcess(document.object());
    if (!spec.ok()) {
        co_return refuse(spec.error);
    }
    m_parser.setStreamBody(true);
    m_parser.setPayloadByCaller(true);
    Async::PipeProcess consumer(spec.value, Async::PipeProcess::Direction::ToProcess, m_wakeup);
    if (!consumer.start()) {
        Zfs::ZfsError error;
        error.kind = Zfs::ZfsError::Kind::StartFailed;
        error.command = spec.value.program;
        error.detail = consumer.result().startError;
        m_parser.setStreamBody(false);
        m_parser.setPayloadByCaller(false);
        co_return refuse(error);
    }
    bool complete = false;
    bool broken = false;
    bool lost = false;
    QString senderError;
    qint64 bytes = 0;
    while (!complete && !broken && !lost) {
        // A chunk's payload goes from the connection into zfs recv's pipe; its framing goes through the parser.
        if (const qint64 remaining = m_parser.payloadRemaining(); remaining > 0) {
            qint64 moved = 0;
            const PayloadIo io = movePayload(m_in, m_device.get(), consumer, remaining, &moved);
            m_parser.payloadMoved(moved);
            bytes += moved;
            if (io == PayloadIo::ConsumerGone) {
                broken = true;
                continue;
            }
            if (io == PayloadIo::ConnectionEnded) {
                lost = true;
                continue;
            }
            if (io == PayloadIo::Moved) {
                continue;
            }
        } else {
            const Http::ParseResult result = m_parser.parse(m_in.unread());
            m_in.consume(result.consumed);
            if (result.status == Http::ParseStatus::Error) {
                senderError = u"malformed stream: %1"_s.arg(QString::fromUtf8(m_parser.errorMessage()));
                lost = true;
                continue;
            }
            if (result.status == Http::ParseStatus::Complete) {
                complete = true;
                const Http::Request request = m_parser.takeRequest();
                const QByteArray trailer = request.trailers.value(StreamErrorTrailer);
                if (!trailer.isEmpty()) {
                    senderError = QString::fromUtf8(QByteArray::fromPercentEncoding(trailer));
                }
                continue;
            }
            if (result.consumed > 0 || m_parser.payloadRemaining() > 0) {
                continue;
            }
            const qint64 read = readFraming(m_in, m_device.get());
            if (read > 0) {
                continue;
            }
            if (read < 0) {
                lost = true;
                continue;
            }
        }
        if (!co_await m_wakeup.wait(IdleTimeout)) {
            lost = true;
        }
    }
    m_parser.setStreamBody(false);
    m_parser.setPayloadByCaller(false);
    // The end of the stream for zfs recv: complete, or cut short (it keeps a resume token where it can).
    consumer.closePipe();
    while (!consumer.isFinished()) {
        co_await m_wakeup.wait(std::chrono::seconds(1));
    }
    const bool ok = consumer.result().ok();
    m_log.info(ok ? u"received a stream"_s : u"receive failed"_s,
               {{u"client"_s, m_identity}, {u"bytes"_s, QString::number(bytes)},
                {u"err"_s, ok ? QString() : Endpoint::processFailure(consumer.result())}});
    if (lost) {
        co_return Next::Close;
    }
    QJsonObject body;
    if (!ok) {
        body.insert(u"ReceiverError"_s, u"zfs recv on the sink: %1"_s.arg(Endpoint::processFailure(consumer.result())));
    }
    // A stream the sender cut short can be resumed; a refusal by zfs recv of a whole stream cannot.
    body.insert(u"Temporary"_s, !senderError.isEmpty());
    respond(200, body, broken);
    co_return broken ? Next::Close : Next::Continue;
}

}  // namespace Rpc
