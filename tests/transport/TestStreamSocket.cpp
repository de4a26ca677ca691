// SPDX-License-Identifier: MIT
// Transport::StreamSocket, the unbuffered device of the tcp and ssh+stdinserver connections: what write() cannot
// send at once goes out later in order, the peer's close and a reset end the connection with what arrived still
// readable, and splice(2) moves bytes between the socket and a pipe in both directions.
#include <QSignalSpy>
#include <QTest>

#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "daemon/transport/StreamSocket.h"

using Transport::StreamSocket;
using namespace Qt::StringLiterals;

namespace {

QByteArray pattern(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i) {
        bytes[i] = char((i * 7 + i / 251) & 0xff);
    }
    return bytes;
}

// Reads what a blocking descriptor delivers until `size` bytes or its end.
QByteArray readFully(int fd, qsizetype size)
{
    QByteArray out;
    char buffer[65536];
    while (out.size() < size) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n <= 0) {
            break;
        }
        out.append(buffer, n);
    }
    return out;
}

bool writeFully(int fd, QByteArrayView data)
{
    while (!data.isEmpty()) {
        const ssize_t n = ::write(fd, data.data(), size_t(data.size()));
        if (n <= 0) {
            return false;
        }
        data = data.sliced(n);
    }
    return true;
}

// A connected loopback TCP pair: [0] the socket under test, [1] the peer (blocking).
bool tcpPair(int fds[2])
{
    const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    bool ok = ::bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0
              && ::listen(listener, 1) == 0
              && ::getsockname(listener, reinterpret_cast<sockaddr *>(&address), &length) == 0;
    fds[0] = ok ? ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0) : -1;
    ok = ok && ::connect(fds[0], reinterpret_cast<sockaddr *>(&address), sizeof address) == 0;
    fds[1] = ok ? ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC) : -1;
    ::close(listener);
    return ok && fds[1] >= 0;
}

}  // namespace

class TestStreamSocket : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void partialWritesGoOutInOrder();
    void readsWhatArrivedThenTheEnd();
    void bytesReadBeforeComeFirst();
    void peerResetIsAnError();
    void writeAfterThePeerLeftFails();
    void splicesIntoAPipe();
    void splicesFromAPipeAfterQueuedBytes();
    void spliceSaysWhichSideBlocks();
};

void TestStreamSocket::partialWritesGoOutInOrder()
{
    int fds[2];
    QVERIFY(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) == 0);
    StreamSocket socket(fds[0]);
    QSignalSpy written(&socket, &QIODevice::bytesWritten);
    // Far more than the kernel's socket buffer: most of it waits in the socket's queue.
    const QByteArray first = pattern(8 << 20);
    const QByteArray second = "and the rest";
    QCOMPARE(socket.write(first), qint64(first.size()));
    QCOMPARE(socket.write(second), qint64(second.size()));
    QVERIFY(socket.bytesToWrite() > 0);
    QVERIFY(socket.isConnected());

    QByteArray received;
    while (received.size() < first.size() + second.size()) {
        QCoreApplication::processEvents();  // the write notifier sends the queue as the peer reads
        char buffer[1 << 16];
        const ssize_t n = ::recv(fds[1], buffer, sizeof buffer, MSG_DONTWAIT);
        if (n > 0) {
            received.append(buffer, n);
        }
    }
    QCOMPARE(received.size(), first.size() + second.size());
    QVERIFY(received == first + second);
    QCOMPARE(socket.bytesToWrite(), qint64(0));
    QVERIFY(!written.isEmpty());
    ::close(fds[1]);
}

void TestStreamSocket::readsWhatArrivedThenTheEnd()
{
    int fds[2];
    QVERIFY(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) == 0);
    StreamSocket socket(fds[0]);
    QSignalSpy readyRead(&socket, &QIODevice::readyRead);
    QSignalSpy disconnected(&socket, &StreamSocket::disconnected);
    QSignalSpy errors(&socket, &StreamSocket::errorOccurred);

    char buffer[64];
    QCOMPARE(socket.read(buffer, sizeof buffer), qint64(0));  // nothing yet, and still connected
    QVERIFY(socket.isConnected());
    QVERIFY(writeFully(fds[1], "last words"));
    ::close(fds[1]);
    QTRY_VERIFY(!readyRead.isEmpty());
    // What the peer sent before it closed is all there; then the end.
    QCOMPARE(socket.read(buffer, sizeof buffer), qint64(10));
    QCOMPARE(QByteArray(buffer, 10), QByteArray("last words"));
    QCOMPARE(socket.read(buffer, sizeof buffer), qint64(-1));
    QVERIFY(!socket.isConnected());
    QCOMPARE(socket.errorText(), u"connection closed"_s);
    QTRY_COMPARE(disconnected.size(), 1);
    QCOMPARE(errors.size(), 0);
    QCOMPARE(socket.write("late"), qint64(-1));
}

void TestStreamSocket::bytesReadBeforeComeFirst()
{
    int fds[2];
    QVERIFY(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) == 0);
    StreamSocket socket(fds[0], "HTTP/1.1 ");
    QVERIFY(writeFully(fds[1], "200 OK"));
    QCOMPARE(socket.bytesAvailable(), qint64(9));
    char buffer[64];
    QCOMPARE(socket.read(buffer, 4), qint64(4));
    QCOMPARE(socket.read(buffer + 4, 5), qint64(5));
    QCOMPARE(socket.read(buffer + 9, 50), qint64(6));  // the peer wrote before: it is in the socket
    QCOMPARE(QByteArray(buffer, 15), QByteArray("HTTP/1.1 200 OK"));
    ::close(fds[1]);
}

void TestStreamSocket::peerResetIsAnError()
{
    int fds[2];
    QVERIFY(tcpPair(fds));
    StreamSocket socket(fds[0]);
    QSignalSpy disconnected(&socket, &StreamSocket::disconnected);
    QSignalSpy errors(&socket, &StreamSocket::errorOccurred);
    // Closing with unread bytes makes the kernel answer with a reset instead of an orderly close.
    QCOMPARE(socket.write("unread by the peer"), qint64(18));
    QTest::qWait(50);
    ::close(fds[1]);
    // Noticed without a read: the socket became readable (the reset), which ends the connection.
    QTRY_COMPARE(disconnected.size(), 1);
    QCOMPARE(errors.size(), 1);
    QVERIFY(!socket.isConnected());
    QVERIFY(socket.errorText() != u"connection closed"_s);
    char buffer[16];
    QCOMPARE(socket.read(buffer, sizeof buffer), qint64(-1));
}

void TestStreamSocket::writeAfterThePeerLeftFails()
{
    int fds[2];
    QVERIFY(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) == 0);
    StreamSocket socket(fds[0]);
    QSignalSpy disconnected(&socket, &StreamSocket::disconnected);
    ::close(fds[1]);
    // EPIPE, not SIGPIPE: the process goes on and the connection is over.
    QCOMPARE(socket.write(pattern(1 << 20)), qint64(-1));
    QVERIFY(!socket.errorText().isEmpty());
    QTRY_COMPARE(disconnected.size(), 1);
    QVERIFY(!socket.isConnected());
    QCOMPARE(socket.write("more"), qint64(-1));
}

void TestStreamSocket::splicesIntoAPipe()
{
    int fds[2];
    int pipeFds[2];
    QVERIFY(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) == 0);
    QVERIFY(::pipe2(pipeFds, O_CLOEXEC) == 0);
    ::fcntl(pipeFds[1], F_SETPIPE_SZ, 1 << 20);  // room for all of it: only the socket's side may block here
    StreamSocket socket(fds[0]);
    const QByteArray bytes = pattern(100000);
    QVERIFY(writeFully(fds[1], bytes.first(60000)));
    StreamSocket::Splice status;
    qint64 moved = 0;
    // Only part of what is there: a chunk's payload may end before the socket's bytes do.
    moved += socket.spliceToPipe(pipeFds[1], 1000, &status);
    QCOMPARE(status, StreamSocket::Splice::Moved);
    QCOMPARE(moved, qint64(1000));
    while (moved < 60000) {
        moved += socket.spliceToPipe(pipeFds[1], 100000 - moved, &status);
        QCOMPARE(status, StreamSocket::Splice::Moved);
    }
    QCOMPARE(readFully(pipeFds[0], 60000), bytes.first(60000));
    socket.spliceToPipe(pipeFds[1], 100000 - moved, &status);
    QCOMPARE(status, StreamSocket::Splice::SocketWouldBlock);
    // The rest arrives later: readyRead says so, and it is spliced after the first part.
    QSignalSpy readyRead(&socket, &QIODevice::readyRead);
    QVERIFY(writeFully(fds[1], bytes.sliced(60000)));
    QTRY_VERIFY(!readyRead.isEmpty());
    while (moved < bytes.size()) {
        moved += socket.spliceToPipe(pipeFds[1], bytes.size() - moved, &status);
        QCOMPARE(status, StreamSocket::Splice::Moved);
    }
    QCOMPARE(readFully(pipeFds[0], 40000), bytes.sliced(60000));
    ::close(fds[1]);
    socket.spliceToPipe(pipeFds[1], 1000, &status);
    QCOMPARE(status, StreamSocket::Splice::SocketEnded);
    QVERIFY(!socket.isConnected());
    // A pipe whose reader went: the consumer is gone, the connection is not to blame.
    int other[2];
    QVERIFY(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, other) == 0);
    StreamSocket second(other[0]);
    QVERIFY(writeFully(other[1], "x"));
    ::close(pipeFds[0]);
    second.spliceToPipe(pipeFds[1], 1, &status);
    QCOMPARE(status, StreamSocket::Splice::PipeEnded);
    QVERIFY(second.isConnected());
    ::close(pipeFds[1]);
    ::close(other[1]);
}

void TestStreamSocket::splicesFromAPipeAfterQueuedBytes()
{
    int fds[2];
    int pipeFds[2];
    QVERIFY(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) == 0);
    QVERIFY(::pipe2(pipeFds, O_CLOEXEC) == 0);
    StreamSocket socket(fds[0]);
    // Enough written to fill the socket: the size line of the next chunk waits in the queue, and the payload
    // spliced after it must not overtake it.
    const QByteArray head = pattern(4 << 20);
    socket.write(head);
    socket.writeCorked("a\r\n");
    QVERIFY(socket.bytesToWrite() > 0);
    const QByteArray payload = "0123456789";
    QVERIFY(writeFully(pipeFds[1], payload));
    StreamSocket::Splice status;
    QCOMPARE(socket.spliceFromPipe(pipeFds[0], 10, &status), qint64(0));
    QCOMPARE(status, StreamSocket::Splice::SocketWouldBlock);

    QByteArray received;
    qint64 moved = 0;
    while (received.size() < head.size() + 13) {
        QCoreApplication::processEvents();
        if (moved < 10) {
            moved += socket.spliceFromPipe(pipeFds[0], 10 - moved, &status);
        }
        char buffer[1 << 16];
        const ssize_t n = ::recv(fds[1], buffer, sizeof buffer, MSG_DONTWAIT);
        if (n > 0) {
            received.append(buffer, n);
        }
    }
    QVERIFY(received == head + "a\r\n" + payload);
    // An empty pipe blocks the splice on the pipe's side; a closed one ends it.
    socket.spliceFromPipe(pipeFds[0], 10, &status);
    QCOMPARE(status, StreamSocket::Splice::PipeWouldBlock);
    ::close(pipeFds[1]);
    socket.spliceFromPipe(pipeFds[0], 10, &status);
    QCOMPARE(status, StreamSocket::Splice::PipeEnded);
    ::close(pipeFds[0]);
    ::close(fds[1]);
}

void TestStreamSocket::spliceSaysWhichSideBlocks()
{
    int fds[2];
    int pipeFds[2];
    QVERIFY(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) == 0);
    QVERIFY(::pipe2(pipeFds, O_CLOEXEC) == 0);
    StreamSocket socket(fds[0]);
    // A full pipe with bytes waiting in the socket: the pipe blocks, not the socket.
    const int pipeSize = ::fcntl(pipeFds[1], F_GETPIPE_SZ);
    ::fcntl(pipeFds[1], F_SETFL, O_NONBLOCK);
    QVERIFY(writeFully(pipeFds[1], pattern(pipeSize)));
    QVERIFY(writeFully(fds[1], "waiting"));
    StreamSocket::Splice status;
    QCOMPARE(socket.spliceToPipe(pipeFds[1], 7, &status), qint64(0));
    QCOMPARE(status, StreamSocket::Splice::PipeWouldBlock);
    QVERIFY(socket.isConnected());
    ::close(pipeFds[0]);
    ::close(pipeFds[1]);
    ::close(fds[1]);
}

QTEST_GUILESS_MAIN(TestStreamSocket)
#include "TestStreamSocket.moc"
