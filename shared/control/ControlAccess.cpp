// SPDX-License-Identifier: MIT
#include "shared/control/ControlAccess.h"

#include "shared/control/Freshness.h"

#include "shared/control/Browse.h"
#include "shared/control/ConfigApi.h"
#include "shared/control/ControlRequests.h"
#include "shared/control/Holds.h"

namespace Api {

QByteArray accessLevelToken(AccessLevel level)
{
    switch (level) {
    case AccessLevel::None:
        return "none";
    case AccessLevel::Status:
        return "status";
    case AccessLevel::Admin:
        return "admin";
    }
    return "none";
}

std::optional<AccessLevel> accessLevelFromToken(QByteArrayView token)
{
    const QByteArray t = token.trimmed().toByteArray().toLower();
    if (t == "none") {
        return AccessLevel::None;
    }
    if (t == "status") {
        return AccessLevel::Status;
    }
    if (t == "admin") {
        return AccessLevel::Admin;
    }
    return std::nullopt;
}

AccessLevel requiredAccess(QByteArrayView path)
{
    // The query string does not change what is asked for.
    const qsizetype query = path.indexOf('?');
    const QByteArrayView target = query < 0 ? path : path.first(query);
    if (target == Endpoint::Signal || target == Endpoint::Pprof || target.startsWith("/debug/")
        || target == HoldfastEndpoint::Wakeup || target.startsWith("/holdfast/v1/holds/")
        || target == HoldfastEndpoint::Browse || target.startsWith("/holdfast/v1/browse/")
        || target == HoldfastEndpoint::Reload || target.startsWith("/holdfast/v1/config/")) {
        return AccessLevel::Admin;
    }
    // Everything else reads, the status feed (HoldfastEndpoint::StatusChanges) included: the status group follows
    // the daemon's work without polling.
    return AccessLevel::Status;
}

AccessLevel requiredAccess(QByteArrayView method, QByteArrayView path)
{
    const qsizetype query = path.indexOf('?');
    const QByteArrayView target = query < 0 ? path : path.first(query);
    // Listing the leases reads; mounting (POST) changes what the machine has mounted.
    if (target == HoldfastEndpoint::Browse && (method == "GET" || method == "HEAD")) {
        return AccessLevel::Status;
    }
    return requiredAccess(path);
}

}  // namespace Api
