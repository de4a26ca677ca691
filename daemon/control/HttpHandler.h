// SPDX-License-Identifier: MIT
#pragma once

#include <functional>

#include "shared/http/HttpMessage.h"

namespace Daemon {

// Answers one parsed request. Called in the event loop thread; must not block.
class HttpHandler
{
public:
    using Reply = std::function<void(Http::Response)>;

    virtual ~HttpHandler() = default;
    virtual Http::Response handle(const Http::Request &request) = 0;
    // For answers that wait on something (a `zfs` process): `reply` is called exactly once, now or later, in the
    // event loop thread. The connection reads no further request until then, and calling it after the client
    // went away is harmless. The default answers at once.
    virtual void handleAsync(const Http::Request &request, Reply reply) { reply(handle(request)); }
};

// handle() for a handler whose work is in handleAsync(): its answer when it comes at once, else a 500 saying that
// the endpoint answers only asynchronously (the holds endpoints, which wait for zfs).
Http::Response answerAtOnce(HttpHandler &handler, const Http::Request &request);

}  // namespace Daemon
