// SPDX-License-Identifier: MIT
#include "daemon/rpc/StreamChunks.h"

#include "daemon/rpc/Protocol.h"
#include "daemon/transport/DeviceIo.h"

namespace Rpc {

namespace {

constexpr qint64 OutputHighWater = 4 << 20;  // unsent bytes in the socket before we stop reading the producer
constexpr qsizetype StreamRead = 1 << 20;

}  // namespace

bool sendChunks(Async::PipeProcess &producer, QIODevice *device, qint64 *bytes, bool *progressed)
{
    while (Transport::pendingOutput(device) < OutputHighWater) {
        QByteArray buffer;
        const Async::PipeProcess::Io io = producer.read(&buffer, StreamRead);
        if (io == Async::PipeProcess::Io::End) {
            *progressed = true;
            return true;
        }
        if (io != Async::PipeProcess::Io::Ok) {
            return false;
        }
        // Size line, payload, CRLF apart: the socket keeps the payload by reference instead of a framed copy.
        device->write(QByteArray::number(buffer.size(), 16) + "\r\n");
        device->write(buffer);
        device->write("\r\n", 2);
        *bytes += buffer.size();
        *progressed = true;
    }
    return false;
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

}  // namespace Rpc
