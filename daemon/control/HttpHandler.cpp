// SPDX-License-Identifier: MIT
#include "daemon/control/HttpHandler.h"

#include <memory>
#include <optional>

namespace Daemon {

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
