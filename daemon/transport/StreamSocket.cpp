// SPDX-License-Identifier: MIT
#include "daemon/transport/StreamSocket.h"

#include <cerrno>
#include <csignal>
#include <cstring>

#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Transport {

namespace {

// How many bytes wait to be read in a socket or a pipe; -1 when it cannot tell.
int queuedBytes(int fd)
{
    int bytes = 0;
    return ::ioctl(fd, FIONREAD, &bytes) == 0 ? bytes : -1;
}

}  // namespace

StreamSocket::StreamSocket(int fd, QByteArray alreadyRead, QObject *parent)
    : QIODevice(parent)
    , m_fd(fd)
    , m_alreadyRead(std::move(alreadyRead))
    , m_readNotifier(fd, QSocketNotifier::Read)
    , m_writeNotifier(fd, QSocketNotifier::Write)
{
    // A peer that went away must surface as EPIPE from a write or splice, not end the daemon.
    ::signal(SIGPIPE, SIG_IGN);
    ::fcntl(m_fd, F_SETFL, ::fcntl(m_fd, F_GETFL) | O_NONBLOCK);
    m_writeNotifier.setEnabled(false);
    connect(&m_readNotifier, &QSocketNotifier::activated, this, &StreamSocket::onReadable);
    connect(&m_writeNotifier, &QSocketNotifier::activated, this, &StreamSocket::onWritable);
    QIODevice::open(QIODevice::ReadWrite | QIODevice::Unbuffered);
}

StreamSocket::~StreamSocket()
{
    close();
}

void StreamSocket::close()
{
    if (isOpen()) {
        QIODevice::close();
    }
    m_readNotifier.setEnabled(false);
    m_writeNotifier.setEnabled(false);
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    m_queue.clear();
    m_queuePos = 0;
}

QString StreamSocket::errorText() const
{
    if (m_errno != 0) {
        return QString::fromLocal8Bit(std::strerror(m_errno));
    }
    return u"connection closed"_s;
}

void StreamSocket::end(int error)
{
    if (m_ended) {
        return;
    }
    m_ended = true;
    m_errno = error;
    // A socket at its end stays readable (and writable) for good: its notifiers would fire in a loop.
    m_readNotifier.setEnabled(false);
    m_writeNotifier.setEnabled(false);
    m_queue.clear();
    m_queuePos = 0;
    if (error != 0) {
        setErrorString(errorText());
    }
    // From the event loop: the owner may be inside read() or a splice when the end shows.
    QMetaObject::invokeMethod(
        this,
        [this, error] {
            if (error != 0) {
                Q_EMIT errorOccurred();
            }
            Q_EMIT disconnected();
        },
        Qt::QueuedConnection);
}

void StreamSocket::armRead()
{
    if (!m_ended && m_fd >= 0 && !m_readNotifier.isEnabled()) {
        m_readNotifier.setEnabled(true);
    }
}

void StreamSocket::armWrite()
{
    if (!m_ended && m_fd >= 0 && !m_writeNotifier.isEnabled()) {
        m_writeNotifier.setEnabled(true);
    }
}

void StreamSocket::onReadable()
{
    m_readNotifier.setEnabled(false);
    // The peer's close makes the socket readable as well: seen here, it ends the connection even while the owner
    // does not read (a source whose `zfs send` is quiet).
    char byte = 0;
    const ssize_t n = ::recv(m_fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    if (n == 0) {
        end(0);
        return;
    }
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
        armRead();
        return;
    }
    if (n < 0) {
        end(errno);
        return;
    }
    Q_EMIT readyRead();
}

void StreamSocket::onWritable()
{
    m_writeNotifier.setEnabled(false);
    const qint64 before = bytesToWrite();
    flush();
    if (const qint64 written = before - bytesToWrite(); written > 0) {
        Q_EMIT bytesWritten(written);
    }
    Q_EMIT writable();
}

qint64 StreamSocket::readData(char *data, qint64 maxSize)
{
    if (!m_alreadyRead.isEmpty()) {
        const qint64 n = std::min<qint64>(maxSize, m_alreadyRead.size());
        std::memcpy(data, m_alreadyRead.constData(), size_t(n));
        m_alreadyRead.remove(0, n);
        return n;
    }
    if (m_fd < 0 || m_ended) {
        return -1;
    }
    while (true) {
        const ssize_t n = ::read(m_fd, data, size_t(maxSize));
        if (n > 0) {
            if (n < maxSize) {
                armRead();  // probably drained: the next bytes are announced
            }
            return n;
        }
        if (n == 0) {
            end(0);
            return -1;
        }
        if (errno == EINTR) {
            continue;
        }
        if (errno == EAGAIN) {
            armRead();
            return 0;
        }
        end(errno);
        return -1;
    }
}

qint64 StreamSocket::sendNow(const char *data, qint64 size, int flags)
{
    while (true) {
        const ssize_t n = ::send(m_fd, data, size_t(size), flags | MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n >= 0) {
            return n;
        }
        if (errno == EINTR) {
            continue;
        }
        if (errno == EAGAIN) {
            return 0;
        }
        end(errno);
        return -1;
    }
}

void StreamSocket::queue(const char *data, qint64 size)
{
    if (m_queuePos > 0 && m_queuePos == m_queue.size()) {
        m_queue.resize(0);
        m_queuePos = 0;
    }
    m_queue.append(data, size);
    armWrite();
}

bool StreamSocket::flush()
{
    while (m_queuePos < m_queue.size()) {
        const qint64 n = sendNow(m_queue.constData() + m_queuePos, m_queue.size() - m_queuePos, 0);
        if (n < 0) {
            return false;
        }
        if (n == 0) {
            armWrite();
            return false;
        }
        m_queuePos += n;
    }
    m_queue.resize(0);
    m_queuePos = 0;
    return true;
}

qint64 StreamSocket::writeData(const char *data, qint64 size)
{
    if (m_fd < 0 || m_ended) {
        setErrorString(errorText());
        return -1;
    }
    if (bytesToWrite() > 0) {
        queue(data, size);
        return size;
    }
    const qint64 sent = sendNow(data, size, 0);
    if (sent < 0) {
        return -1;
    }
    if (sent < size) {
        queue(data + sent, size - sent);
    }
    return size;
}

void StreamSocket::writeCorked(QByteArrayView data)
{
    if (m_fd < 0 || m_ended || data.isEmpty()) {
        return;
    }
    if (bytesToWrite() > 0) {
        queue(data.data(), data.size());
        return;
    }
    const qint64 sent = sendNow(data.data(), data.size(), MSG_MORE);
    if (sent >= 0 && sent < data.size()) {
        queue(data.data() + sent, data.size() - sent);
    }
}

qint64 StreamSocket::spliceToPipe(int pipeFd, qint64 max, Splice *status)
{
    if (m_fd < 0 || m_ended) {
        *status = m_errno != 0 ? Splice::Failed : Splice::SocketEnded;
        return 0;
    }
    while (true) {
        const ssize_t n = ::splice(m_fd, nullptr, pipeFd, nullptr, size_t(max), SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
        if (n > 0) {
            *status = Splice::Moved;
            return n;
        }
        if (n == 0) {
            end(0);
            *status = Splice::SocketEnded;
            return 0;
        }
        if (errno == EINTR) {
            continue;
        }
        if (errno == EAGAIN) {
            // Either side may be what blocks: an empty socket waits for readyRead, a full pipe for its reader.
            if (queuedBytes(m_fd) == 0) {
                armRead();
                *status = Splice::SocketWouldBlock;
            } else {
                *status = Splice::PipeWouldBlock;
            }
            return 0;
        }
        if (errno == EPIPE) {
            *status = Splice::PipeEnded;
            return 0;
        }
        end(errno);
        *status = Splice::Failed;
        return 0;
    }
}

qint64 StreamSocket::spliceFromPipe(int pipeFd, qint64 max, Splice *status)
{
    if (m_fd < 0 || m_ended) {
        *status = m_errno != 0 ? Splice::Failed : Splice::SocketEnded;
        return 0;
    }
    // What write() left goes first: it comes before these bytes in the stream.
    if (!flush()) {
        *status = m_ended ? Splice::Failed : Splice::SocketWouldBlock;
        return 0;
    }
    while (true) {
        const ssize_t n = ::splice(pipeFd, nullptr, m_fd, nullptr, size_t(max), SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
        if (n > 0) {
            *status = Splice::Moved;
            return n;
        }
        if (n == 0) {
            *status = Splice::PipeEnded;
            return 0;
        }
        if (errno == EINTR) {
            continue;
        }
        if (errno == EAGAIN) {
            if (queuedBytes(pipeFd) == 0) {
                *status = Splice::PipeWouldBlock;
            } else {
                armWrite();
                *status = Splice::SocketWouldBlock;
            }
            return 0;
        }
        end(errno);
        *status = Splice::Failed;
        return 0;
    }
}

}  // namespace Transport
