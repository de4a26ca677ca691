// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QIODevice>
#include <QString>

#include "daemon/async/PipeProcess.h"

namespace Rpc {

// The sizes that bound a stream in the daemon, on both sides of a connection: the socket's own read buffer, and
// the bytes read from the socket that may wait for `zfs recv` before the socket is not read any more.
constexpr qint64 SocketReadBuffer = 1 << 20;
constexpr qsizetype ConsumerHighWater = 4 << 20;

// Moves what `producer` (zfs send) has written into `device` as HTTP chunks while the connection has room: a full
// socket is back-pressure, and the producer is read again only after bytesWritten. Adds the payload bytes to
// *bytes; true once the producer's output has ended. *progressed says whether anything moved.
bool sendChunks(Async::PipeProcess &producer, QIODevice *device, qint64 *bytes, bool *progressed);
// The last chunk of a stream, with the Holdfast-Stream-Error trailer when `producerError` is not empty.
QByteArray lastChunk(const QString &producerError);

}  // namespace Rpc
