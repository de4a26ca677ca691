// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <functional>

#include "daemon/control/HttpHandler.h"
#include "shared/control/ControlAccess.h"

namespace Daemon {

// One connection's view of the control endpoints: what its peer may not do is answered with 403 and the reason,
// the rest goes to the endpoints. Every answer names the peer's level (Api::AccessHeader), so that a client such
// as the GUI can offer only what will work. The connection stays open after a refusal.
class AccessCheckedHandler final : public HttpHandler
{
public:
    using Refusal = std::function<QString(Api::AccessLevel needed)>;

    // `peer` names who is asking ("alice (uid 1000)"), for endpoints that log who changed something.
    AccessCheckedHandler(HttpHandler &endpoints, Api::AccessLevel level, Refusal refusal, QString peer = {});

    // Set on every request passed on (whatever the client sent under these names is removed first): the asker's
    // level ("status", "admin") and who it is. A request that arrives without them came through no access check:
    // the socket is root's alone.
    static constexpr char PeerLevelHeader[] = "Holdfast-Peer-Level";
    static constexpr char PeerHeader[] = "Holdfast-Peer";

    Http::Response handle(const Http::Request &request) override;
    void handleAsync(const Http::Request &request, Reply reply) override;

private:
    HttpHandler &m_endpoints;
    Api::AccessLevel m_level;
    Refusal m_refusal;
    QByteArray m_peer;
};

}  // namespace Daemon
