// SPDX-License-Identifier: MIT
#include "shared/control/ControlClient.h"

#include <QEventLoop>
#include <QFileInfo>
#include <QTimer>

#include "shared/control/ControlRequests.h"
#include "shared/http/HttpWriter.h"

using namespace Qt::StringLiterals;

namespace Api {

namespace {

// zrepl's client shows at most this much of an error body.
constexpr qsizetype MaxErrorBody = 4096;

}  // namespace

ControlClient::ControlClient(QObject *parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &ControlClient::handleTimeout);
}

ControlClient::~ControlClient()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void ControlClient::setSocketPath(const QString &path)
{
    if (path != m_path) {
        m_path = path;
        if (!m_current) {
            closeSocket();
        }
    }
}

quint64 ControlClient::request(const QByteArray &method, const QByteArray &path, const QByteArray &body)
{
    const quint64 id = m_nextId++;
    m_queue.append({id, method, path, body, 0});
    // Queued so that a caller can connect to finished() after learning the id, whatever happens next.
    QMetaObject::invokeMethod(this, &ControlClient::startNext, Qt::QueuedConnection);
    return id;
}

quint64 ControlClient::requestVersion()
{
    return request("POST", Endpoint::Version, "\"\"\n");
}

quint64 ControlClient::requestStatus()
{
    return request("GET", Endpoint::Status);
}

quint64 ControlClient::sendSignal(const QString &job, const QString &op)
{
    return request("POST", Endpoint::Signal, SignalRequest{job, op}.toJson() + '\n');
}

quint64 ControlClient::controlPprof(bool run, const QString &listenAddress)
{
    return request("POST", Endpoint::Pprof, PprofRequest{run, listenAddress}.toJson() + '\n');
}

void ControlClient::abortAll()
{
    QList<Pending> queue = std::move(m_queue);
    m_queue.clear();
    if (m_current) {
        fail(Error::ConnectionLost, u"request aborted"_s);
    }
    for (const Pending &p : queue) {
        Q_EMIT finished(Reply{p.id, Error::ConnectionLost, u"request aborted"_s, 0, {}, {}});
    }
    closeSocket();
}

void ControlClient::startNext()
{
    if (m_current || m_queue.isEmpty()) {
        return;
    }
    m_current = m_queue.takeFirst();
    m_receivedBytes = false;
    m_parser.reset();
    m_parser.setRequestMethod(m_current->method);
    m_timer->start(m_timeout);
    if (m_socket && m_socket->state() == QLocalSocket::ConnectedState) {
        m_currentOnReusedConnection = true;
        sendCurrent();
        return;
    }
    m_currentOnReusedConnection = false;
    closeSocket();
    m_socket = new QLocalSocket(this);
    connect(m_socket, &QLocalSocket::connected, this, &ControlClient::handleConnected);
    connect(m_socket, &QLocalSocket::readyRead, this, &ControlClient::handleReadyRead);
    // Queued: QLocalSocket reports some errors from inside connectToServer(), and we may start the next request
    // from these handlers.
    connect(m_socket, &QLocalSocket::disconnected, this, &ControlClient::handleDisconnected, Qt::QueuedConnection);
    connect(m_socket, &QLocalSocket::errorOccurred, this, &ControlClient::handleSocketError, Qt::QueuedConnection);
    m_socket->connectToServer(m_path);
}

void ControlClient::handleConnected()
{
    if (m_current) {
        sendCurrent();
    }
}

void ControlClient::sendCurrent()
{
    Http::Request request;
    request.method = m_current->method;
    request.target = m_current->path;
    // As Go's client: the host is a placeholder, the socket is the address.
    request.headers.add("Host", "unix");
    request.headers.add("User-Agent", "holdfast/" HOLDFAST_VERSION_STRING);
    if (!m_current->body.isEmpty() || m_current->method == "POST") {
        request.headers.add("Content-Type", "application/json");
        request.headers.add("Content-Length", QByteArray::number(m_current->body.size()));
        request.body = m_current->body;
    }
    m_socket->write(Http::serialize(request));
}

// A complete answer, whether it ended by its length or by the daemon closing the connection.
ControlClient::Reply ControlClient::replyTo(quint64 id, Http::Response response)
{
    Reply reply;
    reply.id = id;
    reply.status = response.status;
    if (response.status < 200 || response.status > 299) {
        reply.error = Error::Status;
        reply.errorString = QString::fromUtf8(response.body.left(MaxErrorBody));
        if (reply.errorString.isEmpty()) {
            reply.errorString = u"the daemon answered with status %1"_s.arg(response.status);
        }
    }
    reply.body = std::move(response.body);
    reply.access = accessLevelFromToken(response.headers.value(AccessHeader));
    return reply;
}

void ControlClient::handleReadyRead()
{
    QByteArray data = m_socket->readAll();
    if (!m_current) {
        return;  // the server spoke without being asked: nothing to deliver it to
    }
    m_receivedBytes = m_receivedBytes || !data.isEmpty();
    QByteArrayView rest(data);
    while (m_current && !rest.isEmpty()) {
        const Http::ParseResult result = m_parser.parse(rest);
        rest = rest.sliced(result.consumed);
        if (result.status == Http::ParseStatus::Error) {
            fail(Error::Protocol, u"invalid HTTP answer from the daemon: %1"_s.arg(QString::fromUtf8(m_parser.errorMessage())));
            closeSocket();
            return;
        }
        if (result.status != Http::ParseStatus::Complete) {
            continue;
        }
        Http::Response response = m_parser.takeResponse();
        if (response.status >= 100 && response.status < 200) {
            m_parser.setRequestMethod(m_current->method);
            continue;  // 100 Continue: the final answer follows
        }
        const bool keepAlive = response.keepAlive();
        Reply reply = replyTo(m_current->id, std::move(response));
        if (!keepAlive) {
            closeSocket();
        }
        finishCurrent(std::move(reply));
    }
}

void ControlClient::handleDisconnected()
{
    if (!m_current) {
        closeSocket();
        return;
    }
    if (m_socket && m_socket->bytesAvailable() > 0) {
        handleReadyRead();
        if (!m_current) {
            return;
        }
    }
    if (m_parser.headComplete() && m_parser.finish() == Http::ParseStatus::Complete) {
        Http::Response response = m_parser.takeResponse();
        closeSocket();
        finishCurrent(replyTo(m_current->id, std::move(response)));
        return;
    }
    // A keep-alive connection the server closed while idle (zrepl closes them after about a second) is only
    // noticed when the next request goes out on it: send that request again on a fresh connection, once.
    if (!m_receivedBytes && m_currentOnReusedConnection && m_current->attempts == 0) {
        Pending retry = *m_current;
        ++retry.attempts;
        m_current.reset();
        m_timer->stop();
        closeSocket();
        m_queue.prepend(retry);
        startNext();
        return;
    }
    closeSocket();
    fail(Error::ConnectionLost, u"the daemon closed the connection before it answered"_s);
}

QString ControlClient::connectErrorMessage(QLocalSocket::LocalSocketError error) const
{
    switch (error) {
    case QLocalSocket::ServerNotFoundError:
        if (!QFileInfo::exists(m_path)) {
            return u"no daemon is running: the control socket %1 does not exist (start it with `holdfast daemon`)"_s.arg(
                m_path);
        }
        return u"no daemon is listening on %1"_s.arg(m_path);
    case QLocalSocket::ConnectionRefusedError:
        return u"no daemon is listening on %1 (the socket is stale; is the daemon running?)"_s.arg(m_path);
    case QLocalSocket::SocketAccessError:
        return u"permission denied on the control socket %1: only root and the members of the daemon's status "
               "group may connect (Holdfast's is 'holdfast': sudo usermod -aG holdfast $USER, then log in again; "
               "or run this with sudo)"_s.arg(m_path);
    default:
        return u"cannot connect to %1: %2"_s.arg(m_path, m_socket ? m_socket->errorString() : QString());
    }
}

void ControlClient::handleSocketError(QLocalSocket::LocalSocketError error)
{
    if (error == QLocalSocket::PeerClosedError) {
        return;  // handled as a disconnect
    }
    if (!m_current) {
        closeSocket();
        return;
    }
    const bool connecting = !m_currentOnReusedConnection && !m_receivedBytes
                            && (error == QLocalSocket::ServerNotFoundError
                                || error == QLocalSocket::ConnectionRefusedError
                                || error == QLocalSocket::SocketAccessError);
    if (connecting) {
        const Error kind = error == QLocalSocket::SocketAccessError ? Error::PermissionDenied : Error::NoDaemon;
        const QString message = connectErrorMessage(error);
        closeSocket();
        fail(kind, message);
        return;
    }
    handleDisconnected();
}

void ControlClient::handleTimeout()
{
    if (!m_current) {
        return;
    }
    closeSocket();
    fail(Error::Timeout,
         u"the daemon did not answer within %1 s"_s.arg(double(m_timeout.count()) / 1000.0));
}

void ControlClient::fail(Error error, const QString &message)
{
    if (!m_current) {
        return;
    }
    finishCurrent(Reply{m_current->id, error, message, 0, {}, {}});
}

void ControlClient::finishCurrent(Reply reply)
{
    m_current.reset();
    m_timer->stop();
    m_parser.reset();
    Q_EMIT finished(reply);
    startNext();
}

void ControlClient::closeSocket()
{
    if (!m_socket) {
        return;
    }
    m_socket->disconnect(this);
    m_socket->abort();
    m_socket->deleteLater();
    m_socket = nullptr;
}

ControlClient::Reply ControlClient::exec(const QByteArray &method, const QByteArray &path, const QByteArray &body)
{
    QEventLoop loop;
    Reply result;
    const quint64 id = request(method, path, body);
    const QMetaObject::Connection connection = connect(this, &ControlClient::finished, &loop, [&](const Reply &reply) {
        if (reply.id == id) {
            result = reply;
            loop.quit();
        }
    });
    loop.exec();
    disconnect(connection);
    return result;
}

}  // namespace Api
