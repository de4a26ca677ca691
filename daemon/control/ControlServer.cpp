// SPDX-License-Identifier: MIT
#include "daemon/control/ControlServer.h"

#include <QDir>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>

#include "daemon/control/AccessCheckedHandler.h"
#include "daemon/control/PeerCredentials.h"
#include "daemon/logging/Logger.h"

#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Daemon {

namespace {

QString osError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

}  // namespace

ControlServer::ControlServer(HttpHandler &handler, QObject *parent)
    : QObject(parent)
    , m_handler(handler)
{
}

ControlServer::~ControlServer()
{
    close();
}

bool ControlServer::preparePrivateSocketPath(const QString &socketPath, QString *error)
{
    const QString dir = QFileInfo(socketPath).absolutePath();
    const QByteArray dirBytes = QFile::encodeName(dir);
    struct stat st{};
    if (::stat(dirBytes.constData(), &st) != 0) {
        if (errno != ENOENT) {
            *error = u"cannot stat(2) '%1': %2"_s.arg(dir, osError());
            return false;
        }
        if (!QDir().mkpath(dir) || ::chmod(dirBytes.constData(), 0700) != 0) {
            *error = u"cannot create socket directory '%1': %2"_s.arg(dir, osError());
            return false;
        }
    } else if (!S_ISDIR(st.st_mode)) {
        *error = u"not a directory: %1"_s.arg(dir);
        return false;
    } else if ((st.st_mode & 0007) != 0) {
        // Only the directory protects the socket (as in zrepl); the group bits are the administrator's choice.
        *error = u"socket directory must not be world-accessible: %1 (permissions are 0%2)"_s.arg(dir).arg(
            st.st_mode & 0777, 0, 8);
        return false;
    }

    const QByteArray pathBytes = QFile::encodeName(socketPath);
    if (::lstat(pathBytes.constData(), &st) != 0) {
        return true;
    }
    if (!S_ISSOCK(st.st_mode)) {
        *error = u"unexpected file type at path '%1'"_s.arg(socketPath);
        return false;
    }
    // A socket is there: refuse if a daemon answers on it, else it is stale.
    QLocalSocket probe;
    probe.connectToServer(socketPath);
    if (probe.waitForConnected(1000)) {
        probe.abort();
        *error = u"another daemon is already listening on '%1'"_s.arg(socketPath);
        return false;
    }
    if (::unlink(pathBytes.constData()) != 0) {
        *error = u"cannot remove presumably stale socket '%1': %2"_s.arg(socketPath, osError());
        return false;
    }
    return true;
}

bool ControlServer::listen(const QString &socketPath, QString *error)
{
    close();
    if (!preparePrivateSocketPath(socketPath, error)) {
        return false;
    }
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    m_server->setListenBacklogSize(128);
    if (!m_server->listen(socketPath)) {
        *error = u"cannot listen on '%1': %2"_s.arg(socketPath, m_server->errorString());
        delete m_server;
        m_server = nullptr;
        return false;
    }
    ::chmod(QFile::encodeName(socketPath).constData(), 0600);
    m_path = socketPath;
    if (m_policy && m_policy->statusGroup()) {
        shareWithGroup(*m_policy->statusGroup());
    }
    connect(m_server, &QLocalServer::newConnection, this, &ControlServer::handleNewConnection);
    return true;
}

void ControlServer::updateAccessPolicy(ControlAccessPolicy policy)
{
    m_policy = std::move(policy);
    if (!m_server) {
        return;
    }
    if (m_policy->statusGroup()) {
        shareWithGroup(*m_policy->statusGroup());
    } else {
        ::chmod(QFile::encodeName(m_path).constData(), 0600);
    }
}

void ControlServer::close()
{
    if (!m_server) {
        return;
    }
    m_server->close();
    delete m_server;
    m_server = nullptr;
    ::unlink(QFile::encodeName(m_path).constData());
}

// Failures are logged, not fatal: root can still use the socket, and the log says why the group cannot.
void ControlServer::shareWithGroup(const ControlAccessPolicy::Group &group)
{
    const Log::Context log(u"_control"_s, {});
    const QByteArray socketBytes = QFile::encodeName(m_path);
    if (::chown(socketBytes.constData(), uid_t(-1), group.gid) != 0 || ::chmod(socketBytes.constData(), 0660) != 0) {
        log.error(u"cannot give the control socket to its status group"_s,
            {{u"group"_s, group.name}, {u"err"_s, osError()}});
        return;
    }
    const QString dir = QFileInfo(m_path).absolutePath();
    const QByteArray dirBytes = QFile::encodeName(dir);
    struct stat st{};
    if (::stat(dirBytes.constData(), &st) != 0) {
        return;
    }
    if (st.st_gid == group.gid && (st.st_mode & 0010) != 0) {
        return;
    }
    // Only a directory of our own is changed; someone else's is the administrator's to set up.
    if (st.st_uid != ::geteuid() || ::chown(dirBytes.constData(), uid_t(-1), group.gid) != 0
        || ::chmod(dirBytes.constData(), (st.st_mode & 0700) | 0050) != 0) {
        log.warn(u"the status group cannot reach the control socket: its directory is not theirs to enter"_s,
            {{u"group"_s, group.name}, {u"dir"_s, dir}});
    }
}

std::unique_ptr<HttpHandler> ControlServer::handlerFor(int socketDescriptor)
{
    QString error;
    const std::optional<PeerCredentials> peer = PeerCredentials::ofSocket(socketDescriptor, &error);
    if (!peer) {
        return std::make_unique<AccessCheckedHandler>(m_handler, Api::AccessLevel::None,
            [error](Api::AccessLevel) { return u"permission denied: %1"_s.arg(error); });
    }
    const Api::AccessLevel level = m_policy->levelOf(*peer);
    return std::make_unique<AccessCheckedHandler>(m_handler, level,
        [policy = *m_policy, peer = *peer, level](Api::AccessLevel needed) {
            return policy.refusal(peer, level, needed);
        },
        peer->describeUser());
}

void ControlServer::handleNewConnection()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        auto *connection = m_policy
                               ? new HttpConnection(socket, handlerFor(int(socket->socketDescriptor())), m_timeouts, this)
                               : new HttpConnection(socket, m_handler, m_timeouts, this);
        ++m_connections;
        connect(connection, &HttpConnection::closed, this, [this] { --m_connections; });
    }
}

}  // namespace Daemon
