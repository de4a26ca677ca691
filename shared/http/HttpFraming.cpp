// SPDX-License-Identifier: MIT
#include "shared/http/HttpFraming.h"

#include <limits>

namespace Http::detail {

namespace {

constexpr qsizetype MaxChunkSizeLine = 4096;  // size, extensions and all
constexpr int MaxChunkSizeDigits = 15;  // keeps the size below 2^60 and the sum of sizes in a qint64

// RFC 9110 §5.5: field values are visible ASCII, obs-text, spaces and tabs.
bool isFieldValueChar(unsigned char c)
{
    return c == '\t' || c >= 0x20;  // 0x7F (DEL) included by obs-text's neighbour: Go accepts it too
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

}  // namespace

LineStatus takeLine(QByteArrayView data, qsizetype *pos, QByteArray *buffer, qsizetype maxLength, QByteArray *line)
{
    const QByteArrayView rest = data.sliced(*pos);
    const qsizetype end = rest.indexOf('\n');
    if (end < 0) {
        if (buffer->size() + rest.size() > maxLength + 1) {  // +1: the CR of a CRLF that may still be coming
            return LineStatus::TooLong;
        }
        buffer->append(rest);
        *pos = data.size();
        return LineStatus::NeedMore;
    }
    if (buffer->size() + end > maxLength + 1) {
        return LineStatus::TooLong;
    }
    buffer->append(rest.first(end));
    *pos += end + 1;
    if (buffer->endsWith('\r')) {
        buffer->chop(1);
    }
    if (buffer->size() > maxLength) {
        return LineStatus::TooLong;
    }
    *line = std::move(*buffer);
    buffer->clear();
    return LineStatus::Line;
}

bool isTokenChar(char c)
{
    // RFC 9110 §5.6.2 tchar
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        return true;
    }
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return false;
    }
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty()) {
        return false;
    }
    for (char c : text) {
        if (!isTokenChar(c)) {
            return false;
        }
    }
    return true;
}

QByteArray parseFieldLine(QByteArrayView line, Headers *headers)
{
    if (line.startsWith(' ') || line.startsWith('\t')) {
        // RFC 9112 §5.2: obsolete line folding; a server must reject it or unfold it. Rejecting is safer.
        return QByteArrayLiteral("obsolete line folding in header fields");
    }
    const qsizetype colon = line.indexOf(':');
    if (colon < 0) {
        return QByteArrayLiteral("header line without a colon: ") + line.first(qMin<qsizetype>(line.size(), 64)).toByteArray();
    }
    const QByteArrayView name = line.first(colon);
    if (!isToken(name)) {
        // Includes whitespace before the colon, which RFC 9112 §5.1 requires a server to reject.
        return QByteArrayLiteral("invalid header field name: \"") + name.first(qMin<qsizetype>(name.size(), 64)).toByteArray() + '"';
    }
    QByteArrayView value = line.sliced(colon + 1);
    for (char c : value) {
        if (!isFieldValueChar(static_cast<unsigned char>(c))) {
            return QByteArrayLiteral("invalid character in the value of header field \"") + name.toByteArray() + '"';
        }
    }
    value = value.trimmed();
    headers->add(name.toByteArray(), value.toByteArray());
    return {};
}

FieldsStatus readFieldLines(QByteArrayView data, qsizetype *pos, QByteArray *partial, qsizetype *bytes,
                            qsizetype maxBytes, int maxFields, Headers *headers, QByteArray *problem)
{
    while (true) {
        QByteArray line;
        const LineStatus status = takeLine(data, pos, partial, qMax<qsizetype>(maxBytes - *bytes, 0), &line);
        if (status == LineStatus::TooLong) {
            return FieldsStatus::TooLarge;
        }
        if (status == LineStatus::NeedMore) {
            return FieldsStatus::NeedMore;
        }
        if (line.isEmpty()) {
            return FieldsStatus::Done;
        }
        *bytes += line.size() + 2;
        if (headers->size() >= maxFields) {
            return FieldsStatus::TooMany;
        }
        *problem = parseFieldLine(line, headers);
        if (!problem->isEmpty()) {
            return FieldsStatus::Bad;
        }
    }
}

void moveBodyBytes(bool toStream, QByteArray *messageBody, QByteArray *streamed)
{
    if (toStream) {
        streamed->prepend(*messageBody);
        messageBody->clear();
    } else {
        messageBody->append(*streamed);
        streamed->clear();
    }
}

void BodyReader::start(Mode mode, qint64 length, BodyLimits limits)
{
    m_mode = mode;
    m_stage = mode == Mode::Chunked ? Stage::ChunkSize : Stage::ChunkData;
    m_limits = limits;
    m_remaining = mode == Mode::Length ? length : 0;
    m_decoded = 0;
    m_line.clear();
    m_trailerBytes = 0;
    m_trailerFields = 0;
    m_trailers.clear();
    m_errorStatus = 0;
    m_errorMessage.clear();
}

BodyReader::Result BodyReader::fail(int status, QByteArray message)
{
    m_errorStatus = status;
    m_errorMessage = std::move(message);
    return Result::Error;
}

qint64 BodyReader::payloadRemaining() const
{
    return m_mode != Mode::UntilClose && m_stage == Stage::ChunkData ? m_remaining : 0;
}

void BodyReader::payloadMoved(qint64 bytes)
{
    const qint64 moved = qBound<qint64>(0, bytes, payloadRemaining());
    m_remaining -= moved;
    m_decoded += moved;
}

bool BodyReader::withinLimit(qint64 more)
{
    return m_limits.maxBody < 0 || m_decoded + more <= m_limits.maxBody;
}

BodyReader::Result BodyReader::feed(QByteArrayView data, qsizetype *consumed, QByteArray *out)
{
    *consumed = 0;
    if (m_mode == Mode::UntilClose) {
        if (!withinLimit(data.size())) {
            return fail(413, QByteArrayLiteral("body larger than the limit"));
        }
        out->append(data);
        m_decoded += data.size();
        *consumed = data.size();
        return Result::NeedMore;
    }
    if (m_mode == Mode::Length) {
        if (m_payloadByCaller && m_remaining > 0) {
            return Result::NeedMore;
        }
        const qsizetype take = static_cast<qsizetype>(qMin<qint64>(m_remaining, data.size()));
        out->append(data.first(take));
        m_decoded += take;
        m_remaining -= take;
        *consumed = take;
        return m_remaining == 0 ? Result::Done : Result::NeedMore;
    }

    qsizetype pos = 0;
    while (true) {
        switch (m_stage) {
        case Stage::ChunkSize: {
            QByteArray line;
            const LineStatus status = takeLine(data, &pos, &m_line, MaxChunkSizeLine, &line);
            *consumed = pos;
            if (status == LineStatus::TooLong) {
                return fail(400, QByteArrayLiteral("chunk size line too long"));
            }
            if (status == LineStatus::NeedMore) {
                return Result::NeedMore;
            }
            // chunk-size [ chunk-ext ]; extensions carry nothing we use and are skipped (RFC 9112 §7.1.1).
            qsizetype end = line.indexOf(';');
            QByteArrayView digits = QByteArrayView(line).first(end < 0 ? line.size() : end);
            while (!digits.isEmpty() && (digits.back() == ' ' || digits.back() == '\t')) {
                digits.chop(1);  // BWS before the extension
            }
            if (digits.isEmpty()) {
                return fail(400, QByteArrayLiteral("missing chunk size"));
            }
            if (digits.size() > MaxChunkSizeDigits) {
                return fail(400, QByteArrayLiteral("chunk size too large"));
            }
            qint64 size = 0;
            for (char c : digits) {
                const int v = hexValue(c);
                if (v < 0) {
                    return fail(400, QByteArrayLiteral("invalid chunk size \"") + digits.toByteArray().left(32) + '"');
                }
                size = size * 16 + v;
            }
            if (!withinLimit(size)) {
                return fail(413, QByteArrayLiteral("body larger than the limit"));
            }
            if (size == 0) {
                m_stage = Stage::Trailer;
            } else {
                m_remaining = size;
                m_stage = Stage::ChunkData;
            }
            break;
        }
        case Stage::ChunkData: {
            if (m_payloadByCaller && m_remaining > 0) {
                *consumed = pos;
                return Result::NeedMore;
            }
            const qsizetype take = static_cast<qsizetype>(qMin<qint64>(m_remaining, data.size() - pos));
            out->append(data.sliced(pos, take));
            m_decoded += take;
            m_remaining -= take;
            pos += take;
            *consumed = pos;
            if (m_remaining > 0) {
                return Result::NeedMore;
            }
            m_stage = Stage::ChunkDataEnd;
            break;
        }
        case Stage::ChunkDataEnd: {
            // Exactly CRLF (or LF) after the data; anything else means the size lied.
            QByteArray line;
            const LineStatus status = takeLine(data, &pos, &m_line, 0, &line);
            *consumed = pos;
            if (status == LineStatus::TooLong) {
                return fail(400, QByteArrayLiteral("chunk data longer than its size"));
            }
            if (status == LineStatus::NeedMore) {
                return Result::NeedMore;
            }
            m_stage = Stage::ChunkSize;
            break;
        }
        case Stage::Trailer: {
            QByteArray line;
            const qsizetype room = m_limits.maxTrailerBytes - m_trailerBytes;
            const LineStatus status = takeLine(data, &pos, &m_line, qMax<qsizetype>(room, 0), &line);
            *consumed = pos;
            if (status == LineStatus::TooLong) {
                return fail(431, QByteArrayLiteral("trailer fields too large"));
            }
            if (status == LineStatus::NeedMore) {
                return Result::NeedMore;
            }
            if (line.isEmpty()) {
                m_stage = Stage::Done;
                return Result::Done;
            }
            m_trailerBytes += line.size() + 2;
            if (++m_trailerFields > m_limits.maxTrailerFields) {
                return fail(431, QByteArrayLiteral("too many trailer fields"));
            }
            QByteArray problem = parseFieldLine(line, &m_trailers);
            if (!problem.isEmpty()) {
                return fail(400, problem);
            }
            break;
        }
        case Stage::Done:
            return Result::Done;
        }
    }
}

Framing framingOf(const Headers &headers, bool request)
{
    Framing framing;
    const bool hasTransferEncoding = headers.contains("Transfer-Encoding");
    const bool hasContentLength = headers.contains("Content-Length");
    if (hasTransferEncoding) {
        if (hasContentLength && request) {
            // RFC 9112 §6.1: a classic request smuggling vector; refuse rather than guess.
            framing.errorStatus = 400;
            framing.errorMessage = QByteArrayLiteral("both Transfer-Encoding and Content-Length");
            return framing;
        }
        const QList<QByteArray> codings = headers.listValues("Transfer-Encoding");
        for (const QByteArray &coding : codings) {
            if (coding.compare("chunked", Qt::CaseInsensitive) != 0) {
                if (!request) {
                    // RFC 9112 §6.3: a response whose codings we cannot undo is read until the close.
                    framing.mode = BodyReader::Mode::UntilClose;
                    return framing;
                }
                framing.errorStatus = 501;
                framing.errorMessage = QByteArrayLiteral("unsupported transfer coding: \"") + coding.left(64) + '"';
                return framing;
            }
        }
        if (codings.size() != 1) {
            framing.errorStatus = 400;
            framing.errorMessage = codings.isEmpty() ? QByteArrayLiteral("empty Transfer-Encoding")
                                                     : QByteArrayLiteral("chunked applied more than once");
            return framing;
        }
        framing.mode = BodyReader::Mode::Chunked;
        return framing;
    }
    if (hasContentLength) {
        // Repeated or list-valued Content-Length is acceptable only when every value is the same number.
        QByteArray first;
        const QList<QByteArray> values = headers.values("Content-Length");
        for (const QByteArray &field : values) {
            const QList<QByteArray> elements = field.split(',');
            for (const QByteArray &element : elements) {
                const QByteArray value = element.trimmed();
                if (first.isEmpty()) {
                    first = value;
                } else if (value != first) {
                    framing.errorStatus = 400;
                    framing.errorMessage = QByteArrayLiteral("conflicting Content-Length values");
                    return framing;
                }
            }
        }
        bool digitsOnly = !first.isEmpty() && first.size() <= 18;
        for (char c : first) {
            digitsOnly = digitsOnly && c >= '0' && c <= '9';
        }
        if (!digitsOnly) {
            framing.errorStatus = 400;
            framing.errorMessage = QByteArrayLiteral("invalid Content-Length: \"") + first.left(32) + '"';
            return framing;
        }
        framing.mode = BodyReader::Mode::Length;
        framing.length = first.toLongLong();
        return framing;
    }
    framing.mode = request ? BodyReader::Mode::Length : BodyReader::Mode::UntilClose;
    framing.length = 0;
    return framing;
}

}  // namespace Http::detail
