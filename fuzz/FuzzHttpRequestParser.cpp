// SPDX-License-Identifier: MIT
// Feeds arbitrary bytes to the request parser in pieces and checks what must always hold: it never consumes more
// than it was given, errors carry a status the server can send, and a parsed request written out again parses to
// the same request.
#include <cstdint>
#include <cstdlib>

#include "shared/http/HttpParser.h"
#include "shared/http/HttpWriter.h"

namespace {

void check(bool condition)
{
    if (!condition) {
        std::abort();
    }
}

void checkRoundTrip(const Http::Request &request)
{
    Http::Request copy = request;
    copy.headers.remove("Transfer-Encoding");
    copy.headers.remove("Content-Length");
    Http::RequestParser parser;
    const QByteArray wire = Http::serialize(copy);
    Http::ParseResult result = parser.parse(wire);
    if (result.status == Http::ParseStatus::HeadComplete) {
        result = parser.parse(QByteArrayView(wire).sliced(result.consumed));
    }
    check(result.status == Http::ParseStatus::Complete);
    const Http::Request again = parser.takeRequest();
    check(again.method == request.method && again.path == request.path && again.query == request.query
          && again.body == request.body);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) {
        return 0;
    }
    // The first byte chooses the piece size, so that the fuzzer explores where reads end as well as content.
    const qsizetype piece = 1 + data[0] % 64;
    const QByteArray input(reinterpret_cast<const char *>(data + 1), static_cast<qsizetype>(size - 1));
    Http::RequestLimits limits;
    limits.maxRequestLine = 512;
    limits.maxHeaderBytes = 2048;
    limits.maxHeaderFields = 20;
    limits.maxBodySize = 4096;
    Http::RequestParser parser(limits);
    QByteArray buffer;
    for (qsizetype fed = 0; fed < input.size(); fed += piece) {
        buffer += input.mid(fed, piece);
        while (true) {
            const Http::ParseResult result = parser.parse(buffer);
            check(result.consumed >= 0 && result.consumed <= buffer.size());
            buffer.remove(0, result.consumed);
            if (result.status == Http::ParseStatus::Error) {
                const int status = parser.errorStatus();
                check(status == 400 || status == 413 || status == 414 || status == 431 || status == 501 || status == 505);
                check(!parser.errorMessage().isEmpty());
                return 0;
            }
            if (result.status == Http::ParseStatus::Complete) {
                const Http::Request request = parser.takeRequest();
                check(request.body.size() <= limits.maxBodySize);
                checkRoundTrip(request);
                continue;
            }
            if (result.status == Http::ParseStatus::HeadComplete) {
                continue;
            }
            break;
        }
    }
    return 0;
}
