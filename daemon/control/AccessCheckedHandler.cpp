// SPDX-License-Identifier: MIT
#include "daemon/control/AccessCheckedHandler.h"

#include "daemon/control/ControlService.h"

namespace Daemon {

AccessCheckedHandler::AccessCheckedHandler(HttpHandler &endpoints, Api::AccessLevel level, Refusal refusal)
    : m_endpoints(endpoints)
    , m_level(level)
    , m_refusal(std::move(refusal))
{
}

Http::Response AccessCheckedHandler::handle(const Http::Request &request)
{
    return answerAtOnce(*this, request);
}

void AccessCheckedHandler::handleAsync(const Http::Request &request, Reply reply)
{
    const Api::AccessLevel needed = Api::requiredAccess(request.method, request.path);
    const QByteArray level = Api::accessLevelToken(m_level);
    auto named = [reply = std::move(reply), level](Http::Response response) {
        response.headers.set(Api::AccessHeader.toByteArray(), level);
        reply(std::move(response));
    };
    if (m_level < needed) {
        named(textResponse(403, m_refusal(needed).toUtf8()));
        return;
    }
    m_endpoints.handleAsync(request, std::move(named));
}

}  // namespace Daemon
