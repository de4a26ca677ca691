// SPDX-License-Identifier: MIT
// Feeds arbitrary bytes to the response parser in pieces, as the control client does, then signals the close.
#include <cstdint>
#include <cstdlib>

#include "shared/http/HttpParser.h"

namespace {

void check(bool condition)
{
    if (!condition) {
        std::abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) {
        return 0;
    }
    const qsizetype piece = 1 + data[0] % 64;
    const bool head = data[0] & 0x80;
    const QByteArray input(reinterpret_cast<const char *>(data + 1), static_cast<qsizetype>(size - 1));
    Http::ResponseLimits limits;
    limits.maxBodySize = 4096;
    Http::ResponseParser parser(limits);
    parser.setRequestMethod(head ? "HEAD" : "GET");
    QByteArray buffer;
    for (qsizetype fed = 0; fed < input.size(); fed += piece) {
        buffer += input.mid(fed, piece);
        while (true) {
            const Http::ParseResult result = parser.parse(buffer);
            check(result.consumed >= 0 && result.consumed <= buffer.size());
            buffer.remove(0, result.consumed);
            if (result.status == Http::ParseStatus::Error) {
                check(!parser.errorMessage().isEmpty());
                return 0;
            }
            if (result.status == Http::ParseStatus::Complete) {
                const Http::Response response = parser.takeResponse();
                check(response.status >= 100 && response.status <= 999);
                check(response.body.size() <= limits.maxBodySize);
                check(!head || response.body.isEmpty());
                continue;
            }
            if (result.status == Http::ParseStatus::HeadComplete) {
                continue;
            }
            break;
        }
    }
    if (parser.finish() == Http::ParseStatus::Complete) {
        check(parser.takeResponse().body.size() <= limits.maxBodySize);
    }
    return 0;
}
