// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>

#include <optional>
#include <sys/types.h>

namespace Daemon {

// Who is at the other end of a connected Unix socket, as the kernel recorded it when the peer connected: its user,
// primary group and supplementary groups. Nothing the peer sends can change this.
struct PeerCredentials
{
    pid_t pid = 0;
    uid_t uid = 0;
    gid_t gid = 0;
    QList<gid_t> groups;  // supplementary groups

    // SO_PEERCRED, and SO_PEERGROUPS for the supplementary groups (Linux 4.13); on older kernels the groups are
    // read from the user database for the peer's user instead.
    static std::optional<PeerCredentials> ofSocket(int fd, QString *error);

    bool isMemberOf(gid_t group) const { return gid == group || groups.contains(group); }
    // "alice (uid 1000)", or "uid 1000" for a user the system does not know by name.
    QString describeUser() const;
};

}  // namespace Daemon
