// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QIODevice>
#include <QString>

#include <vector>

#include "daemon/async/PipeProcess.h"
#include "daemon/transport/ReadBuffer.h"

namespace Transport {
class StreamSocket;
}

namespace Rpc {

// The sizes that bound a stream in the daemon, on both sides of a connection: the socket's own read buffer (where
// the connection has one: TLS), and the bytes read from the socket at once.
constexpr qint64 SocketReadBuffer = 1 << 20;

// Moves what `producer` (zfs send) writes into `device` as the HTTP chunks of a stream body while the connection
// has room: a full socket is back-pressure, and the producer is read again only when the socket takes bytes.
// Over a Transport::StreamSocket each chunk is what the producer's pipe holds at the time: its size line is
// written and its payload spliced from the pipe into the socket, never through user space. Over other devices
// (TLS) the payload is read into one of a few buffers that the device keeps by reference until it has sent them,
// so no chunk costs an allocation or a copy of ours.
class ChunkSender
{
public:
    ChunkSender(Async::PipeProcess &producer, QIODevice *device);

    // Adds the payload bytes to *bytes; true once the producer's output has ended. *progressed says whether
    // anything moved.
    bool send(qint64 *bytes, bool *progressed);
    // The last chunk of the stream, with the Holdfast-Stream-Error trailer when `producerError` is not empty.
    void finish(const QString &producerError);

private:
    bool sendSpliced(qint64 *bytes, bool *progressed);
    bool sendCopied(qint64 *bytes, bool *progressed);
    QByteArray *freeBuffer();

    Async::PipeProcess &m_producer;
    QIODevice *m_device;
    Transport::StreamSocket *m_socket;
    qint64 m_chunkLeft = 0;  // payload bytes of the current chunk still to splice
    bool m_crlfOwed = false;  // the CRLF after the last payload goes out with the next size line
    std::vector<QByteArray> m_buffers;
};

// The last chunk of a stream, with the Holdfast-Stream-Error trailer when `producerError` is not empty.
QByteArray lastChunk(const QString &producerError);

enum class PayloadIo
{
    Moved,
    WouldBlock,       // wait for the next wake-up (the connection or the consumer's pipe will give one)
    ConnectionEnded,  // the connection closed or broke
    ConsumerGone,     // the consumer no longer reads (EPIPE)
};

// Moves up to `max` bytes of a chunk's payload into `consumer` (zfs recv): those already read into `in` first,
// else straight from the connection: spliced from a Transport::StreamSocket into the pipe, or (TLS) read into `in`
// and written from there. Adds what went into the pipe to *moved.
PayloadIo movePayload(Transport::ReadBuffer &in, QIODevice *device, Async::PipeProcess &consumer, qint64 max, qint64 *moved);
// Reads the next bytes of a stream's framing (a chunk's size line, the CRLF after its payload, the trailers) into
// `in`: from a StreamSocket only a few, so that the payload after them stays in the kernel to be spliced. Returns
// the bytes read, 0 when none are there now, -1 when the connection has ended.
qint64 readFraming(Transport::ReadBuffer &in, QIODevice *device);

}  // namespace Rpc
