#pragma once

#include <cstdio>

#include <QByteArray>
#include <QJsonObject>
#include <QString>

// The emulator's own replication stream: a header that carries what a DRR_BEGIN record would (names, guids,
// flags), deterministic payload bytes derived from toguid, and a trailer with a checksum of the payload bytes
// in this stream. A resumed stream starts its payload at resumeOffset.
struct SendStreamHeader
{
    enum Flag : quint32
    {
        Raw = 1,
        Compressed = 2,
        LargeBlocks = 4,
        Embedded = 8,
        Properties = 16
    };

    quint32 flags = 0;
    quint64 toGuid = 0;
    quint64 fromGuid = 0;  // 0 for a full stream
    qint64 creation = 0;
    quint64 referenced = 0;
    quint64 written = 0;
    quint64 payloadSize = 0;
    quint64 resumeOffset = 0;
    QString toName;
    QString fromName;
    QString encryption;  // "off" or the sender's algorithm; only raw streams carry it
    QJsonObject properties;

    QByteArray serialize() const;
    quint64 streamSize() const;  // header + remaining payload + trailer
};

class SendStream
{
public:
    static QByteArray magic();
    static QByteArray trailerMagic();
    static constexpr int trailerSize = 16;

    // Fills buf with the payload bytes at [offset, offset + buf.size()) of the stream for toGuid.
    static void payload(quint64 toGuid, quint64 offset, QByteArray &buf);
    static quint64 checksumUpdate(quint64 state, const char *data, qsizetype size);
    static constexpr quint64 checksumInit = 14695981039346656037ULL;  // FNV-1a 64

    // Writes the stream to fd; stops after cutAfter bytes when cutAfter >= 0. False if the reader went away.
    static bool write(int fd, const SendStreamHeader &header, qint64 cutAfter);

    enum class ReadResult
    {
        Complete,
        Truncated,
        Invalid,
        ChecksumMismatch
    };

    struct Received
    {
        ReadResult result = ReadResult::Invalid;
        bool headerComplete = false;
        SendStreamHeader header;
        quint64 payloadBytes = 0;  // payload bytes that arrived (after resumeOffset)
        quint64 streamBytes = 0;
    };

    // Reads the whole stream from fd; stops reading after cutAfter bytes when cutAfter >= 0.
    static Received read(int fd, qint64 cutAfter);
};
