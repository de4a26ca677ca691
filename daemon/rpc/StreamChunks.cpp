// SPDX-License-Identifier: MIT
#include "daemon/rpc/StreamChunks.h"

#include <poll.h>
#include <sys/ioctl.h>

#include "daemon/rpc/Protocol.h"
#include "daemon/transport/DeviceIo.h"
#include "daemon/transport/StreamSocket.h"

namespace Rpc {

namespace {

// The copied path (TLS) hands the socket at most this much unsent plaintext, in pieces of StreamRead. QSslSocket
// encrypts everything pending in one go into a temporary as large, then copies that into a new block of its TCP
// socket's buffer: batches of megabytes took fresh pages every time, and the client sending a push spent 7-9 s of
// CPU per GiB in page faults and cache misses (bench-replication's tls push; 1.8 s/GiB at these sizes, and twice
// the throughput). The kernel's socket buffer, not ours, is what keeps a fast link busy.
constexpr qint64 OutputHighWater = 512 << 10;
constexpr qsizetype StreamRead = 128 << 10;
constexpr size_t MaxBuffers = OutputHighWater / StreamRead + 1;  // one more than the socket may hold at once
constexpr qint64 MaxSplice = 4 << 20;  // per splice(2) into a pipe; the pipe's size limits it anyway
constexpr qsizetype FramingRead = 256;  // a size line, or the CRLF and the next size line

enum class PipeState
{
    Data,
    Empty,
    Ended,
};

// What the producer's pipe holds: *bytes when it has data, else whether its writer may still write.
PipeState pipeState(int fd, qint64 *bytes)
{
    int queued = 0;
    if (::ioctl(fd, FIONREAD, &queued) == 0 && queued > 0) {
        *bytes = queued;
        return PipeState::Data;
    }
    // Empty: a hangup means the writer closed its end, and nothing more comes.
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 0) == 1 && (p.revents & (POLLHUP | POLLERR)) && !(p.revents & POLLIN)) {
        return PipeState::Ended;
    }
    return PipeState::Empty;
}

}  // namespace

ChunkSender::ChunkSender(Async::PipeProcess &producer, QIODevice *device)
    : m_producer(producer)
    , m_device(device)
    , m_socket(qobject_cast<Transport::StreamSocket *>(device))
{
}

bool ChunkSender::send(qint64 *bytes, bool *progressed)
{
    return m_socket ? sendSpliced(bytes, progressed) : sendCopied(bytes, progressed);
}

bool ChunkSender::sendSpliced(qint64 *bytes, bool *progressed)
{
    const int pipe = m_producer.descriptor();
    while (true) {
        if (m_chunkLeft > 0) {
            Transport::StreamSocket::Splice status;
            const qint64 n = m_socket->spliceFromPipe(pipe, m_chunkLeft, &status);
            if (status == Transport::StreamSocket::Splice::Moved) {
                m_chunkLeft -= n;
                *bytes += n;
                *progressed = true;
                continue;
            }
            if (status == Transport::StreamSocket::Splice::PipeWouldBlock || status == Transport::StreamSocket::Splice::PipeEnded) {
                // The pipe announced these bytes and only we read it: they cannot be missing. A stream that lost
                // them is corrupt, so the connection goes and the receiver keeps what was complete.
                Transport::closeConnection(m_device);
            }
            return false;  // SocketWouldBlock: `writable` wakes the owner; an ended connection shows in its loop
        }
        if (pipe < 0) {
            return true;
        }
        qint64 available = 0;
        switch (pipeState(pipe, &available)) {
        case PipeState::Ended:
            *progressed = true;
            return true;
        case PipeState::Empty:
            m_producer.notifyWhenReady();
            return false;
        case PipeState::Data:
            break;
        }
        // Size line and payload as one segment: the size line waits in the kernel (MSG_MORE) for the splice.
        QByteArray head = m_crlfOwed ? QByteArray("\r\n") : QByteArray();
        head += QByteArray::number(available, 16) + "\r\n";
        m_socket->writeCorked(head);
        m_crlfOwed = true;
        m_chunkLeft = available;
        if (!Transport::isConnected(m_device)) {
            return false;
        }
    }
}

QByteArray *ChunkSender::freeBuffer()
{
    // A buffer the device still holds (written, not yet sent) is shared; one that only we hold can be read into.
    for (QByteArray &buffer : m_buffers) {
        if (buffer.isDetached()) {
            return &buffer;
        }
    }
    if (m_buffers.size() < MaxBuffers) {
        m_buffers.emplace_back(StreamRead, Qt::Uninitialized);
        return &m_buffers.back();
    }
    return nullptr;
}

bool ChunkSender::sendCopied(qint64 *bytes, bool *progressed)
{
    while (Transport::pendingOutput(m_device) < OutputHighWater) {
        QByteArray *buffer = freeBuffer();
        if (!buffer) {
            return false;  // bytesWritten wakes the owner when the device lets one go
        }
        buffer->resize(StreamRead);
        qsizetype got = 0;
        const Async::PipeProcess::Io io = m_producer.read(buffer->data(), StreamRead, &got);
        buffer->resize(got);
        if (io == Async::PipeProcess::Io::End) {
            *progressed = true;
            return true;
        }
        if (io != Async::PipeProcess::Io::Ok) {
            return false;
        }
        // Size line, payload, CRLF apart: the device keeps the payload by reference instead of a framed copy.
        QByteArray head = m_crlfOwed ? QByteArray("\r\n") : QByteArray();
        head += QByteArray::number(got, 16) + "\r\n";
        m_device->write(head);
        m_device->write(*buffer);
        m_crlfOwed = true;
        *bytes += got;
        *progressed = true;
    }
    return false;
}

void ChunkSender::finish(const QString &producerError)
{
    QByteArray last = m_crlfOwed ? QByteArray("\r\n") : QByteArray();
    m_crlfOwed = false;
    m_device->write(last + lastChunk(producerError));
}

QByteArray lastChunk(const QString &producerError)
{
    QByteArray last = "0\r\n";
    if (!producerError.isEmpty()) {
        // A field value cannot hold line breaks: the message travels percent-encoded.
        last += QByteArray(StreamErrorTrailer) + ": " + producerError.toUtf8().toPercentEncoding(" :/@#_-.,()") + "\r\n";
    }
    return last + "\r\n";
}

PayloadIo movePayload(Transport::ReadBuffer &in, QIODevice *device, Async::PipeProcess &consumer, qint64 max, qint64 *moved)
{
    if (in.isEmpty()) {
        if (auto *socket = qobject_cast<Transport::StreamSocket *>(device)) {
            Transport::StreamSocket::Splice status;
            const qint64 n = socket->spliceToPipe(consumer.descriptor(), std::min(max, MaxSplice), &status);
            switch (status) {
            case Transport::StreamSocket::Splice::Moved:
                *moved += n;
                return PayloadIo::Moved;
            case Transport::StreamSocket::Splice::SocketWouldBlock:
                return PayloadIo::WouldBlock;
            case Transport::StreamSocket::Splice::PipeWouldBlock:
                consumer.notifyWhenReady();
                return PayloadIo::WouldBlock;
            case Transport::StreamSocket::Splice::PipeEnded:
                return PayloadIo::ConsumerGone;
            case Transport::StreamSocket::Splice::SocketEnded:
            case Transport::StreamSocket::Splice::Failed:
                return PayloadIo::ConnectionEnded;
            }
            return PayloadIo::ConnectionEnded;
        }
        // TLS: the bytes are in the socket's buffer already; one copy into `in`, written from there.
        const qint64 n = in.readFrom(device, qsizetype(std::min(max, SocketReadBuffer)));
        if (n < 0 || (n == 0 && !Transport::isConnected(device))) {
            return PayloadIo::ConnectionEnded;
        }
        if (n == 0) {
            return PayloadIo::WouldBlock;
        }
    }
    qsizetype written = 0;
    const Async::PipeProcess::Io io = consumer.write(in.unread().first(qsizetype(std::min<qint64>(max, in.size()))), &written);
    in.consume(written);
    *moved += written;
    if (io == Async::PipeProcess::Io::Broken) {
        return PayloadIo::ConsumerGone;
    }
    return written > 0 ? PayloadIo::Moved : PayloadIo::WouldBlock;
}

qint64 readFraming(Transport::ReadBuffer &in, QIODevice *device)
{
    const bool spliceable = qobject_cast<Transport::StreamSocket *>(device) != nullptr;
    const qint64 n = in.readFrom(device, spliceable ? FramingRead : qsizetype(SocketReadBuffer));
    if (n == 0 && !Transport::isConnected(device)) {
        return -1;
    }
    return n;
}

}  // namespace Rpc
