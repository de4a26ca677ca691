// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <optional>
#include <sys/types.h>

#include "shared/control/ControlAccess.h"

namespace Config {
struct Global;
}

namespace Daemon {

struct PeerCredentials;

// Who may do what on the control socket. Root and the user the daemon runs as may do everything; members of the
// admin group too; members of the status group may read. Everyone else is refused, also when the socket's
// permissions were opened wider than that: the check is on the peer's credentials, not on the file.
class ControlAccessPolicy
{
public:
    struct Group
    {
        QString name;
        gid_t gid = 0;
    };

    ControlAccessPolicy(std::optional<Group> statusGroup, std::optional<Group> adminGroup, uid_t owner);

    // Resolves global.control's groups. An unset status group means "holdfast" where that group exists.
    static std::optional<ControlAccessPolicy> fromConfig(const Config::Global &global, QString *error);

    Api::AccessLevel levelOf(const PeerCredentials &peer) const;
    // The 403 message for a peer at `level` asking for what needs `needed`: who it is, what it lacks, what would
    // grant it.
    QString refusal(const PeerCredentials &peer, Api::AccessLevel level, Api::AccessLevel needed) const;
    // The group the socket and its directory belong to, so that the status group's members can reach it.
    const std::optional<Group> &statusGroup() const { return m_status; }
    // One line for the log: who may read, who may signal.
    QString describe() const;

private:
    std::optional<Group> m_status;
    std::optional<Group> m_admin;
    uid_t m_owner;
};

}  // namespace Daemon
