// SPDX-License-Identifier: MIT
#pragma once

#include "shared/http/HttpMessage.h"

namespace Daemon {

// Answers one parsed request. Called in the event loop thread; must not block.
class HttpHandler
{
public:
    virtual ~HttpHandler() = default;
    virtual Http::Response handle(const Http::Request &request) = 0;
};

}  // namespace Daemon
