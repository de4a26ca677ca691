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

    AccessCheckedHandler(HttpHandler &endpoints, Api::AccessLevel level, Refusal refusal);

    Http::Response handle(const Http::Request &request) override;
    void handleAsync(const Http::Request &request, Reply reply) override;

private:
    HttpHandler &m_endpoints;
    Api::AccessLevel m_level;
    Refusal m_refusal;
};

}  // namespace Daemon
