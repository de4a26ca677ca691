// SPDX-License-Identifier: MIT
#pragma once

#include <QIODevice>
#include <QString>

#include "daemon/async/Wakeup.h"

namespace Transport {

// The connections of the replication transports are a StreamSocket (tcp, and the Unix socket of ssh+stdinserver
// on both sides) or a QSslSocket (tls); QTcpSocket and QLocalSocket work as well. These helpers treat them alike.

// Every event of `device` that may let a transfer go on wakes `wakeup`.
void watch(QIODevice *device, Async::Wakeup &wakeup);
// The connection is still up (it may have unread bytes either way).
bool isConnected(const QIODevice *device);
// Bytes written by us and not yet on the wire (for TLS also the encrypted ones).
qint64 pendingOutput(const QIODevice *device);
// The socket's own buffer stops reading from the kernel at this size, so that a sender that outpaces us is held
// back by TCP (or the Unix socket) instead of filling our memory.
void limitReadBuffer(QIODevice *device, qint64 bytes);
// Why the connection ended or failed, for messages.
QString errorText(const QIODevice *device);
void closeConnection(QIODevice *device);

}  // namespace Transport
