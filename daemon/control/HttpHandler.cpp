// SPDX-License-Identifier: MIT
#include "daemon/control/HttpHandler.h"

#include "daemon/control/HttpConnection.h"

#include <memory>
#include <optional>

namespace Daemon {

HttpReply::HttpReply(Callback callback, HttpConnection *connection)
    : m_callback(std::move(callback))
    , m_connection(connection)
{
}

HttpConnection *HttpReply::connection() const
{
    return static_cast<HttpConnection *>(m_connection.data());
}

Http::Response answerAtOnce(HttpHandler &handler, const Http::Request &request)
{
    // Shared: an answer that comes later finds the slot still there and is dropped.
    auto answer = std::make_shared<std::optional<Http::Response>>();
    handler.handleAsync(request, [answer](Http::Response response) { *answer = std::move(response); });
    if (*answer) {
        return std::move(**answer);
    }
    Http::Response pending;
    pending.status = 500;
    pending.headers.add("Content-Type", "text/plain; charset=utf-8");
    pending.body = "this endpoint answers asynchronously only\n";
    return pending;
}

}  // namespace Daemon
