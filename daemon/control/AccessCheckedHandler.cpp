// SPDX-License-Identifier: MIT
#include "daemon/control/AccessCheckedHandler.h"

#include "daemon/control/ControlService.h"

namespace Daemon {

AccessCheckedHandler::AccessCheckedHandler(HttpHandler &endpoints,
                                           Api::AccessLevel level,
                                           Refusal refusal,
                                           QString peer)
    : m_endpoints(endpoints)
    , m_level(level)
    , m_refusal(std::move(refusal))
    , m_peer(peer.toUtf8())
{}

Http::Response AccessCheckedHandler::handle(const Http::Request &request)
{
    return answerAtOnce(*this, request);
}

void AccessCheckedHandler::handleAsync(const Http::Request &request, Reply reply)
{
    const Api::AccessLevel needed = Api::requiredAccess(request.method, request.path);
    const QByteArray level = Api::accessLevelToken(m_level);
    HttpConnection *connection = reply.connection();
    Reply named([reply = std::move(reply), level](Http::Response response) {
        response.headers.set(Api::AccessHeader.toByteArray(), level);
        reply(std::move(response));
    }, connection);
    if (m_level < needed) {
        named(textResponse(403, m_refusal(needed).toUtf8()));
        return;
    }
    // zrepl's endpoints (/status polled twice a second, /version) pass untouched: only Holdfast's own read these
    // headers, and a forged one is removed wherever it is sent.
    if (!request.path.startsWith("/holdfast/") && !request.headers.contains(PeerLevelHeader)
        && !request.headers.contains(PeerHeader)) {
        m_endpoints.handleAsync(request, std::move(named));
        return;
    }
    Http::Request checked = request;
    checked.headers.remove(PeerLevelHeader);
    checked.headers.remove(PeerHeader);
    checked.headers.set(PeerLevelHeader, level);
    if (!m_peer.isEmpty()) {
        checked.headers.set(PeerHeader, m_peer);
    }
    m_endpoints.handleAsync(checked, std::move(named));
}

}  // namespace Daemon
