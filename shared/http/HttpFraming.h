// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include "shared/http/HttpHeaders.h"

// The parts of RFC 9112 that requests and responses share: lines, field lines and body framing. Internal to the
// parsers; not meant for other callers.
namespace Http::detail {

enum class LineStatus
{
    NeedMore,  // no line end yet; everything was buffered
    Line,      // *line holds one line without its CRLF (or bare LF, which RFC 9112 §2.2 lets a recipient accept)
    TooLong,   // the line, or what arrived of it, exceeds maxLength
};

// Takes one line from data[*pos...], continuing a line begun in *buffer by an earlier call.
LineStatus takeLine(QByteArrayView data, qsizetype *pos, QByteArray *buffer, qsizetype maxLength, QByteArray *line);

bool isTokenChar(char c);
bool isToken(QByteArrayView text);

// Parses one field line into *headers. Returns an empty array on success, else what is wrong with it.
QByteArray parseFieldLine(QByteArrayView line, Headers *headers);

enum class FieldsStatus
{
    NeedMore,  // all of data was used and the empty line has not come yet
    Done,      // the empty line ending the header section was read
    TooLarge,  // more than maxBytes of field lines
    TooMany,   // more than maxFields fields
    Bad,       // a field line RFC 9112 does not allow; *problem says which
};

// Reads field lines from data[*pos...] into *headers until the empty line, continuing a line begun in *partial;
// *bytes counts the field lines read so far against maxBytes.
FieldsStatus readFieldLines(QByteArrayView data, qsizetype *pos, QByteArray *partial, qsizetype *bytes,
                            qsizetype maxBytes, int maxFields, Headers *headers, QByteArray *problem);

// Moves the bytes of a body already received to where the body goes from now on: the message (buffered) or the
// stream the caller takes in pieces.
void moveBodyBytes(bool toStream, QByteArray *messageBody, QByteArray *streamed);

struct BodyLimits
{
    qint64 maxBody = -1;  // decoded size; -1: unlimited
    qsizetype maxTrailerBytes = 64 * 1024;
    int maxTrailerFields = 100;
};

// Decodes a message body delimited by Content-Length, by chunked transfer coding, or by the connection close.
class BodyReader
{
public:
    enum class Mode
    {
        Length,
        Chunked,
        UntilClose,
    };
    enum class Result
    {
        NeedMore,
        Done,
        Error,
    };

    void start(Mode mode, qint64 length, BodyLimits limits);
    // Appends the decoded bytes of data to *out and sets *consumed to what was used; stops at the body's end.
    Result feed(QByteArrayView data, qsizetype *consumed, QByteArray *out);
    Mode mode() const { return m_mode; }
    void setMaxBody(qint64 maxBody) { m_limits.maxBody = maxBody; }
    // The trailer fields of a chunked body, once it is done.
    const Headers &trailers() const { return m_trailers; }
    // Bytes decoded so far in this body.
    qint64 decodedSize() const { return m_decoded; }

    // The caller moves payload bytes itself (splice(2) from a socket into a pipe): feed() stops where payload
    // begins, payloadRemaining() says how much of the current chunk (or Content-Length body) is still to come, and
    // payloadMoved() counts what the caller moved past the framing. A setting that outlives start().
    void setPayloadByCaller(bool byCaller) { m_payloadByCaller = byCaller; }
    qint64 payloadRemaining() const;
    void payloadMoved(qint64 bytes);

    int errorStatus() const { return m_errorStatus; }
    const QByteArray &errorMessage() const { return m_errorMessage; }

private:
    enum class Stage
    {
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailer,
        Done,
    };

    Result fail(int status, QByteArray message);
    bool withinLimit(qint64 more);

    Mode m_mode = Mode::Length;
    Stage m_stage = Stage::ChunkSize;
    BodyLimits m_limits;
    qint64 m_remaining = 0;
    qint64 m_decoded = 0;
    bool m_payloadByCaller = false;
    QByteArray m_line;
    qsizetype m_trailerBytes = 0;
    int m_trailerFields = 0;
    Headers m_trailers;
    int m_errorStatus = 0;
    QByteArray m_errorMessage;
};

// How a message's body is delimited, from its Transfer-Encoding and Content-Length fields (RFC 9112 §6.3).
struct Framing
{
    BodyReader::Mode mode = BodyReader::Mode::Length;
    qint64 length = 0;
    int errorStatus = 0;  // non-zero: the fields are not acceptable
    QByteArray errorMessage;
};
// `request`: a request without either field has no body; a response then runs until the connection closes.
Framing framingOf(const Headers &headers, bool request);

}  // namespace Http::detail
