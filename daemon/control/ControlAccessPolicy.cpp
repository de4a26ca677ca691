// SPDX-License-Identifier: MIT
#include "daemon/control/ControlAccessPolicy.h"

#include <QFile>

#include <grp.h>
#include <unistd.h>

#include "daemon/config/Config.h"
#include "daemon/control/PeerCredentials.h"

using namespace Qt::StringLiterals;

namespace Daemon {

namespace {

const QString DefaultStatusGroup = u"holdfast"_s;

std::optional<ControlAccessPolicy::Group> lookUp(const QString &name)
{
    const group *gr = ::getgrnam(QFile::encodeName(name).constData());
    if (gr == nullptr) {
        return std::nullopt;
    }
    return ControlAccessPolicy::Group{name, gr->gr_gid};
}

}  // namespace

ControlAccessPolicy::ControlAccessPolicy(std::optional<Group> statusGroup, std::optional<Group> adminGroup, uid_t owner)
    : m_status(std::move(statusGroup))
    , m_admin(std::move(adminGroup))
    , m_owner(owner)
{
}

std::optional<ControlAccessPolicy> ControlAccessPolicy::fromConfig(const Config::Global &global, QString *error)
{
    std::optional<Group> status;
    if (!global.controlStatusGroup) {
        status = lookUp(DefaultStatusGroup);
    } else if (!global.controlStatusGroup->isEmpty()) {
        status = lookUp(*global.controlStatusGroup);
        if (!status) {
            *error = u"global.control.status_group: no such group '%1'"_s.arg(*global.controlStatusGroup);
            return std::nullopt;
        }
    }
    std::optional<Group> admin;
    if (!global.controlAdminGroup.isEmpty()) {
        admin = lookUp(global.controlAdminGroup);
        if (!admin) {
            *error = u"global.control.admin_group: no such group '%1'"_s.arg(global.controlAdminGroup);
            return std::nullopt;
        }
    }
    return ControlAccessPolicy(std::move(status), std::move(admin), ::geteuid());
}

Api::AccessLevel ControlAccessPolicy::levelOf(const PeerCredentials &peer) const
{
    if (peer.uid == 0 || peer.uid == m_owner || (m_admin && peer.isMemberOf(m_admin->gid))) {
        return Api::AccessLevel::Admin;
    }
    if (m_status && peer.isMemberOf(m_status->gid)) {
        return Api::AccessLevel::Status;
    }
    return Api::AccessLevel::None;
}

QString ControlAccessPolicy::refusal(const PeerCredentials &peer, Api::AccessLevel level, Api::AccessLevel needed) const
{
    const QString who = peer.describeUser();
    if (needed == Api::AccessLevel::Admin && level == Api::AccessLevel::Status) {
        const QString grant = m_admin ? u"root or membership of group '%1'"_s.arg(m_admin->name)
                                      : u"root (global.control.admin_group can name a group whose members may too)"_s;
        return u"permission denied: %1 may read the status, but requests that change what the daemon does (signals, "
               "configuration, holds, mounts, the profiler) need %2"_s.arg(who, grant);
    }
    const QString grant = m_status ? u"root or membership of group '%1'"_s.arg(m_status->name)
                                   : u"root (global.control.status_group can name a group whose members may too)"_s;
    return u"permission denied: %1 may not use this control socket; reading the status needs %2"_s.arg(who, grant);
}

QString ControlAccessPolicy::describe() const
{
    const QString readers = m_status ? u"root and group '%1'"_s.arg(m_status->name) : u"root only"_s;
    const QString admins = m_admin ? u"root and group '%1'"_s.arg(m_admin->name) : u"root only"_s;
    return u"status: %1; signals and pprof: %2"_s.arg(readers, admins);
}

}  // namespace Daemon
