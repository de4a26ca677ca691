// SPDX-License-Identifier: MIT
#include "daemon/transport/DeviceIo.h"

#include <QLocalSocket>
#include <QSslSocket>
#include <QTcpSocket>

#include "daemon/transport/StreamSocket.h"

using namespace Qt::StringLiterals;

namespace Transport {

void watch(QIODevice *device, Async::Wakeup &wakeup)
{
    auto wake = [&wakeup] { wakeup.wake(); };
    QObject::connect(device, &QIODevice::readyRead, &wakeup, wake);
    QObject::connect(device, &QIODevice::bytesWritten, &wakeup, wake);
    QObject::connect(device, &QIODevice::readChannelFinished, &wakeup, wake);
    QObject::connect(device, &QIODevice::aboutToClose, &wakeup, wake);
    if (auto *ssl = qobject_cast<QSslSocket *>(device)) {
        QObject::connect(ssl, &QSslSocket::encryptedBytesWritten, &wakeup, wake);
        QObject::connect(ssl, &QSslSocket::encrypted, &wakeup, wake);
    }
    if (auto *stream = qobject_cast<StreamSocket *>(device)) {
        QObject::connect(stream, &StreamSocket::writable, &wakeup, wake);
        QObject::connect(stream, &StreamSocket::disconnected, &wakeup, wake);
        QObject::connect(stream, &StreamSocket::errorOccurred, &wakeup, wake);
    } else if (auto *socket = qobject_cast<QAbstractSocket *>(device)) {
        QObject::connect(socket, &QAbstractSocket::disconnected, &wakeup, wake);
        QObject::connect(socket, &QAbstractSocket::errorOccurred, &wakeup, wake);
        QObject::connect(socket, &QAbstractSocket::connected, &wakeup, wake);
    } else if (auto *local = qobject_cast<QLocalSocket *>(device)) {
        QObject::connect(local, &QLocalSocket::disconnected, &wakeup, wake);
        QObject::connect(local, &QLocalSocket::errorOccurred, &wakeup, wake);
    }
}

bool isConnected(const QIODevice *device)
{
    if (const auto *stream = qobject_cast<const StreamSocket *>(device)) {
        return stream->isConnected();
    }
    if (const auto *socket = qobject_cast<const QAbstractSocket *>(device)) {
        return socket->state() == QAbstractSocket::ConnectedState;
    }
    if (const auto *local = qobject_cast<const QLocalSocket *>(device)) {
        return local->state() == QLocalSocket::ConnectedState;
    }
    return device->isOpen();
}

qint64 pendingOutput(const QIODevice *device)
{
    qint64 pending = device->bytesToWrite();
    if (const auto *ssl = qobject_cast<const QSslSocket *>(device)) {
        pending += ssl->encryptedBytesToWrite();
    }
    return pending;
}

void limitReadBuffer(QIODevice *device, qint64 bytes)
{
    // A StreamSocket has no buffer of its own: the kernel's socket buffer is the limit.
    if (auto *socket = qobject_cast<QAbstractSocket *>(device)) {
        socket->setReadBufferSize(bytes);
    } else if (auto *local = qobject_cast<QLocalSocket *>(device)) {
        local->setReadBufferSize(bytes);
    }
}

QString errorText(const QIODevice *device)
{
    if (const auto *stream = qobject_cast<const StreamSocket *>(device)) {
        return stream->errorText();
    }
    if (const auto *socket = qobject_cast<const QAbstractSocket *>(device)) {
        if (socket->error() == QAbstractSocket::RemoteHostClosedError || socket->state() == QAbstractSocket::UnconnectedState) {
            return socket->error() == QAbstractSocket::UnknownSocketError ? u"connection closed"_s : socket->errorString();
        }
        return socket->errorString();
    }
    if (const auto *local = qobject_cast<const QLocalSocket *>(device)) {
        return local->error() == QLocalSocket::UnknownSocketError ? u"connection closed"_s : local->errorString();
    }
    return device->errorString();
}

void closeConnection(QIODevice *device)
{
    if (auto *socket = qobject_cast<QAbstractSocket *>(device)) {
        socket->abort();
    } else if (auto *local = qobject_cast<QLocalSocket *>(device)) {
        local->abort();
    } else {
        device->close();
    }
}

}  // namespace Transport
