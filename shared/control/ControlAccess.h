// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace Api {

// What a client of Holdfast's control socket may do. zrepl lets whoever reaches its socket do everything; Holdfast
// lets a desktop group read the status while signals, which change what the daemon does, stay with root and an
// admin group.
enum class AccessLevel
{
    None,  // may connect (the socket's permissions allowed it) but is refused every request
    Status,  // /status, /version, /metrics, and Holdfast's reports (/holdfast/v1/status/changes, freshness, runs, ...)
    Admin,  // also what changes the daemon's work: /signal, /debug/pprof, holds actions, mounts, configuration
};

// Every answer of Holdfast's daemon names the asker's level in this header ("status" or "admin"), so that a client
// can offer only what will work. zrepl's daemon sends none.
inline constexpr QByteArrayView AccessHeader = "Holdfast-Access";

QByteArray accessLevelToken(AccessLevel level);
std::optional<AccessLevel> accessLevelFromToken(QByteArrayView token);

// The level a request for `path` needs. Unknown paths need only Status: they end in 404 either way.
AccessLevel requiredAccess(QByteArrayView path);
// The same for paths whose level depends on the method: GET /holdfast/v1/browse lists the leases (Status), POST
// mounts a snapshot (Admin). requiredAccess(path) alone answers as for a POST.
AccessLevel requiredAccess(QByteArrayView method, QByteArrayView path);

}  // namespace Api
