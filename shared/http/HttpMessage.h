// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>

#include "shared/http/HttpHeaders.h"

namespace Http {

struct Request
{
    QByteArray method;
    QByteArray target;  // as sent: "/status?x=1"
    QByteArray path;    // target without the query
    QByteArray query;   // after '?', without it
    int versionMinor = 1;  // HTTP/1.x; the parser refuses every other major version
    Headers headers;
    QByteArray body;  // decoded (de-chunked); empty when the parser streams the body
    Headers trailers;  // of a chunked body; replication streams report how they ended in one

    // RFC 9112 §9.3: HTTP/1.1 is persistent unless "close"; HTTP/1.0 only with "keep-alive".
    bool keepAlive() const;
};

struct Response
{
    int versionMinor = 1;
    int status = 200;
    QByteArray reason;  // empty: the writer uses the standard phrase
    Headers headers;
    QByteArray body;
    Headers trailers;

    bool keepAlive() const;
};

}  // namespace Http
