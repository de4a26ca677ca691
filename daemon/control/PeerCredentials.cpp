// SPDX-License-Identifier: MIT
#include "daemon/control/PeerCredentials.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <grp.h>
#include <pwd.h>
#include <sys/socket.h>
#include <vector>

using namespace Qt::StringLiterals;

namespace Daemon {

namespace {

std::optional<QString> userName(uid_t uid)
{
    const passwd *pw = ::getpwuid(uid);
    if (pw == nullptr) {
        return std::nullopt;
    }
    return QFile::decodeName(pw->pw_name);
}

// SO_PEERGROUPS says how much room it needs when the buffer is too small.
bool peerGroups(int fd, QList<gid_t> *groups)
{
    std::vector<gid_t> buffer(64);
    for (int attempt = 0; attempt < 4; ++attempt) {
        socklen_t length = socklen_t(buffer.size() * sizeof(gid_t));
        if (::getsockopt(fd, SOL_SOCKET, SO_PEERGROUPS, buffer.data(), &length) == 0) {
            *groups = QList<gid_t>(buffer.begin(), buffer.begin() + length / sizeof(gid_t));
            return true;
        }
        if (errno != ERANGE) {
            return false;
        }
        buffer.resize(length / sizeof(gid_t) + 1);
    }
    return false;
}

bool userDatabaseGroups(uid_t uid, gid_t gid, QList<gid_t> *groups)
{
    const passwd *pw = ::getpwuid(uid);
    if (pw == nullptr) {
        return false;
    }
    const QByteArray name(pw->pw_name);
    int count = 64;
    std::vector<gid_t> buffer(count);
    if (::getgrouplist(name.constData(), gid, buffer.data(), &count) < 0) {
        buffer.resize(count);
        if (::getgrouplist(name.constData(), gid, buffer.data(), &count) < 0) {
            return false;
        }
    }
    *groups = QList<gid_t>(buffer.begin(), buffer.begin() + count);
    return true;
}

}  // namespace

std::optional<PeerCredentials> PeerCredentials::ofSocket(int fd, QString *error)
{
    ucred cred{};
    socklen_t length = sizeof(cred);
    if (::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &length) != 0) {
        *error = u"cannot read the peer's credentials (SO_PEERCRED): %1"_s.arg(QString::fromLocal8Bit(std::strerror(errno)));
        return std::nullopt;
    }
    PeerCredentials peer;
    peer.pid = cred.pid;
    peer.uid = cred.uid;
    peer.gid = cred.gid;
    if (!peerGroups(fd, &peer.groups)) {
        // Without the peer's own list, the user database's is the best there is; a user who lacks it is treated
        // as a member of the primary group only.
        userDatabaseGroups(peer.uid, peer.gid, &peer.groups);
    }
    return peer;
}

QString PeerCredentials::describeUser() const
{
    if (const std::optional<QString> name = userName(uid)) {
        return u"%1 (uid %2)"_s.arg(*name).arg(uid);
    }
    return u"uid %1"_s.arg(uid);
}

}  // namespace Daemon
