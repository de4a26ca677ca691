#include "SendStream.h"

#include <cerrno>
#include <limits>

#include <QJsonDocument>
#include <QtEndian>

#include <unistd.h>

namespace {

void put64(QByteArray &out, quint64 v)
{
    char b[8];
    qToLittleEndian(v, b);
    out.append(b, 8);
}

void put32(QByteArray &out, quint32 v)
{
    char b[4];
    qToLittleEndian(v, b);
    out.append(b, 4);
}

void putBytes(QByteArray &out, const QByteArray &bytes)
{
    put32(out, quint32(bytes.size()));
    out.append(bytes);
}

quint64 splitmix64(quint64 x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

bool writeAll(int fd, const char *data, qsizetype size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size_t(size));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n;
        size -= n;
    }
    return true;
}

// Reads up to size bytes; fewer only at end of input.
qsizetype readUpTo(int fd, char *data, qsizetype size)
{
    qsizetype done = 0;
    while (done < size) {
        const ssize_t n = ::read(fd, data + done, size_t(size - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        done += n;
    }
    return done;
}

class Reader
{
public:
    Reader(int fd, qint64 limit)
        : m_fd(fd)
        , m_limit(limit)
    {}

    QByteArray take(qsizetype size)
    {
        if (m_limit >= 0)
            size = qMin<qsizetype>(size, qsizetype(m_limit - qint64(m_total)));
        QByteArray buf(qMax<qsizetype>(size, 0), '\0');
        const qsizetype n = readUpTo(m_fd, buf.data(), buf.size());
        buf.resize(n);
        m_total += quint64(n);
        return buf;
    }

    quint64 total() const
    {
        return m_total;
    }

private:
    int m_fd;
    qint64 m_limit;
    quint64 m_total = 0;
};

}  // namespace

QByteArray SendStream::magic()
{
    return QByteArrayLiteral("HFZSEND1");
}

QByteArray SendStream::trailerMagic()
{
    return QByteArrayLiteral("HFZEND01");
}

QByteArray SendStreamHeader::serialize() const
{
    QByteArray body;
    put32(body, 1);  // version
    put32(body, flags);
    put64(body, toGuid);
    put64(body, fromGuid);
    put64(body, quint64(creation));
    put64(body, referenced);
    put64(body, written);
    put64(body, payloadSize);
    put64(body, resumeOffset);
    putBytes(body, toName.toUtf8());
    putBytes(body, fromName.toUtf8());
    putBytes(body, encryption.toUtf8());
    putBytes(body, QJsonDocument(properties).toJson(QJsonDocument::Compact));
    QByteArray out = SendStream::magic();
    put32(out, quint32(body.size()));
    return out + body;
}

quint64 SendStreamHeader::streamSize() const
{
    return quint64(serialize().size()) + (payloadSize - resumeOffset) + SendStream::trailerSize;
}

void SendStream::payload(quint64 toGuid, quint64 offset, QByteArray &buf)
{
    for (qsizetype i = 0; i < buf.size(); ++i) {
        const quint64 pos = offset + quint64(i);
        buf[i] = char(splitmix64(toGuid ^ (pos >> 3)) >> ((pos & 7) * 8));
    }
}

quint64 SendStream::checksumUpdate(quint64 state, const char *data, qsizetype size)
{
    for (qsizetype i = 0; i < size; ++i) {
        state ^= uchar(data[i]);
        state *= 1099511628211ULL;
    }
    return state;
}

bool SendStream::write(int fd, const SendStreamHeader &header, qint64 cutAfter)
{
    qint64 budget = cutAfter < 0 ? std::numeric_limits<qint64>::max() : cutAfter;
    auto emitBytes = [&](const QByteArray &bytes) {
        const qsizetype n = qsizetype(qMin<qint64>(budget, bytes.size()));
        budget -= n;
        return writeAll(fd, bytes.constData(), n);
    };
    if (!emitBytes(header.serialize()))
        return false;
    quint64 checksum = checksumInit;
    QByteArray chunk;
    for (quint64 pos = header.resumeOffset; pos < header.payloadSize && budget > 0;) {
        chunk.resize(qsizetype(qMin<quint64>(64 * 1024, header.payloadSize - pos)));
        payload(header.toGuid, pos, chunk);
        checksum = checksumUpdate(checksum, chunk.constData(), chunk.size());
        if (!emitBytes(chunk))
            return false;
        pos += quint64(chunk.size());
    }
    QByteArray trailer = trailerMagic();
    put64(trailer, checksum);
    return emitBytes(trailer);
}

SendStream::Received SendStream::read(int fd, qint64 cutAfter)
{
    Received r;
    Reader in(fd, cutAfter);
    auto finish = [&](ReadResult result) {
        r.result = result;
        r.streamBytes = in.total();
        // Drain what the sender still writes, as a kernel receive would consume it before failing.
        if (cutAfter < 0 && result != ReadResult::Complete) {
            char sink[65536];
            while (readUpTo(fd, sink, sizeof sink) > 0) {
            }
        }
        return r;
    };
    const QByteArray start = in.take(12);
    if (start.size() < 12)
        return finish(start.isEmpty() || magic().startsWith(start.left(8)) ? ReadResult::Truncated
                                                                           : ReadResult::Invalid);
    if (!start.startsWith(magic()))
        return finish(ReadResult::Invalid);
    const quint32 bodySize = qFromLittleEndian<quint32>(start.constData() + 8);
    if (bodySize > 16 * 1024 * 1024)
        return finish(ReadResult::Invalid);
    const QByteArray body = in.take(qsizetype(bodySize));
    if (body.size() < qsizetype(bodySize))
        return finish(ReadResult::Truncated);
    const char *p = body.constData();
    const char *end = p + body.size();
    bool ok = true;
    auto get64 = [&]() -> quint64 {
        if (end - p < 8) {
            ok = false;
            return 0;
        }
        const quint64 v = qFromLittleEndian<quint64>(p);
        p += 8;
        return v;
    };
    auto get32 = [&]() -> quint32 {
        if (end - p < 4) {
            ok = false;
            return 0;
        }
        const quint32 v = qFromLittleEndian<quint32>(p);
        p += 4;
        return v;
    };
    auto getBytes = [&]() -> QByteArray {
        const quint32 n = get32();
        if (!ok || end - p < qint64(n)) {
            ok = false;
            return {};
        }
        QByteArray b(p, qsizetype(n));
        p += n;
        return b;
    };
    SendStreamHeader &h = r.header;
    const quint32 version = get32();
    h.flags = get32();
    h.toGuid = get64();
    h.fromGuid = get64();
    h.creation = qint64(get64());
    h.referenced = get64();
    h.written = get64();
    h.payloadSize = get64();
    h.resumeOffset = get64();
    h.toName = QString::fromUtf8(getBytes());
    h.fromName = QString::fromUtf8(getBytes());
    h.encryption = QString::fromUtf8(getBytes());
    h.properties = QJsonDocument::fromJson(getBytes()).object();
    if (!ok || version != 1 || h.resumeOffset > h.payloadSize)
        return finish(ReadResult::Invalid);
    r.headerComplete = true;
    quint64 checksum = checksumInit;
    while (r.payloadBytes < h.payloadSize - h.resumeOffset) {
        const QByteArray chunk =
            in.take(qsizetype(qMin<quint64>(64 * 1024, h.payloadSize - h.resumeOffset - r.payloadBytes)));
        if (chunk.isEmpty())
            return finish(ReadResult::Truncated);
        checksum = checksumUpdate(checksum, chunk.constData(), chunk.size());
        r.payloadBytes += quint64(chunk.size());
    }
    const QByteArray trailer = in.take(trailerSize);
    if (trailer.size() < trailerSize)
        return finish(ReadResult::Truncated);
    if (!trailer.startsWith(trailerMagic()) || qFromLittleEndian<quint64>(trailer.constData() + 8) != checksum)
        return finish(ReadResult::ChecksumMismatch);
    return finish(ReadResult::Complete);
}
