// SPDX-License-Identifier: MIT
#include "shared/http/HttpMessage.h"

namespace Http {

namespace {

bool persistent(int versionMinor, const Headers &headers)
{
    if (headers.hasToken("Connection", "close")) {
        return false;
    }
    return versionMinor >= 1 || headers.hasToken("Connection", "keep-alive");
}

}  // namespace

bool Request::keepAlive() const
{
    return persistent(versionMinor, headers);
}

bool Response::keepAlive() const
{
    return persistent(versionMinor, headers);
}

}  // namespace Http
