// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include "shared/http/HttpMessage.h"

namespace Http {

// Wire form of a whole message. Adds "Content-Length" from the body unless the headers already carry a
// Content-Length or "Transfer-Encoding: chunked"; in the chunked case the body goes out as one chunk plus the
// last chunk. Responses with a status that has no body (1xx, 204, 304) get neither.
QByteArray serialize(const Response &response);
QByteArray serialize(const Request &request);

// Only the start line and the header fields as given, ending with the empty line: for streamed bodies.
QByteArray serializeHead(const Response &response);
QByteArray serializeHead(const Request &request);

// RFC 9112 §7.1: one chunk ("<hex size>\r\n<data>\r\n"); empty data gives an empty array, never a last chunk.
QByteArray chunk(QByteArrayView data);
// The last chunk with no trailer fields: "0\r\n\r\n".
QByteArray lastChunk();

}  // namespace Http
