// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QIODevice>
#include <QSocketNotifier>
#include <QString>

namespace Transport {

// A connected stream socket (tcp, or the Unix socket of ssh+stdinserver on either side) as an unbuffered
// QIODevice, so that a replication stream can go between the socket and a process's pipe without passing through
// a socket buffer of Qt's: QTcpSocket and QLocalSocket read the kernel's bytes into their own buffer whenever the
// descriptor is readable, which costs a copy of every byte and leaves nothing in the kernel to splice(2).
//
// read() reads the kernel's socket directly; write() sends at once and keeps only what the kernel did not take,
// which goes out on the write notifier (bytesWritten). readyRead is emitted once when the socket becomes readable,
// and again only after a read or splice found it drained: an owner that stops reading (its consumer is full) is not
// woken for bytes it will not take. The peer's close or a reset ends the connection (disconnected, and
// errorOccurred for a reset); it is noticed when the socket next reads or writes, or when it becomes readable.
class StreamSocket final : public QIODevice
{
    Q_OBJECT

public:
    enum class Splice
    {
        Moved,             // bytes moved
        SocketWouldBlock,  // nothing to read from (or no room to write to) the socket now; readyRead/writable follow
        PipeWouldBlock,    // the pipe is full (into a pipe) or empty (from a pipe); the pipe's owner waits for it
        SocketEnded,       // the peer closed the connection (into a pipe), or the connection has ended
        PipeEnded,         // the pipe's other end is closed: no reader (into a pipe), or no more data (from a pipe)
        Failed,            // the connection broke; errorText() says why
    };

    // Takes `fd`, a connected stream socket, and makes it non-blocking. Bytes an earlier owner read from it
    // already (a QTcpSocket that connected it) come first.
    explicit StreamSocket(int fd, QByteArray alreadyRead = {}, QObject *parent = nullptr);
    ~StreamSocket() override;

    bool isSequential() const override
    {
        return true;
    }

    qint64 bytesAvailable() const override
    {
        return m_alreadyRead.size() + QIODevice::bytesAvailable();
    }

    qint64 bytesToWrite() const override
    {
        return m_queue.size() - m_queuePos;
    }

    void close() override;

    int descriptor() const
    {
        return m_fd;
    }

    bool isConnected() const
    {
        return m_fd >= 0 && !m_ended;
    }

    // Why the connection ended: "connection closed" for the peer's close, else the system's reason.
    QString errorText() const;

    // Like write(), but the kernel may hold the bytes back until the next write or splice (MSG_MORE): a chunk's
    // size line then leaves in one segment with its payload.
    void writeCorked(QByteArrayView data);
    // Moves up to `max` (> 0) bytes from the socket into the pipe `pipeFd` (its write end) without copying them
    // through user space. Bytes returned by read() before must have been taken; bytes handed over at construction
    // must be read() first.
    qint64 spliceToPipe(int pipeFd, qint64 max, Splice *status);
    // Moves up to `max` (> 0) bytes from the pipe `pipeFd` (its read end) into the socket, after what write() left.
    qint64 spliceFromPipe(int pipeFd, qint64 max, Splice *status);

Q_SIGNALS:
    void disconnected();
    void errorOccurred();
    // The socket takes bytes again after a write or splice found it full.
    void writable();

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 size) override;

private:
    qint64 sendNow(const char *data, qint64 size, int flags);
    void queue(const char *data, qint64 size);
    bool flush();
    void end(int error);
    void armRead();
    void armWrite();
    void onReadable();
    void onWritable();

    int m_fd;
    QByteArray m_alreadyRead;
    QSocketNotifier m_readNotifier;
    QSocketNotifier m_writeNotifier;
    QByteArray m_queue;
    qsizetype m_queuePos = 0;
    bool m_ended = false;
    int m_errno = 0;
};

}  // namespace Transport
