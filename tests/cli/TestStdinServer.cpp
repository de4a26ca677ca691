// SPDX-License-Identifier: MIT
#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <functional>
#include <future>
#include <thread>

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "daemon/cli/StdinServer.h"

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

// The test's own threads write to pipes the bridge may have closed; only the bridge's thread keeps SIGPIPE's
// default action, to show that the bridge copes with it.
void blockSigpipe()
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

bool isSocket(int fd)
{
    struct stat info
    {};

    return ::fstat(fd, &info) == 0 && S_ISSOCK(info.st_mode);
}

bool writeAll(int fd, const char *data, std::size_t size)
{
    const bool socket = isSocket(fd);
    while (size > 0) {
        const ssize_t n = socket ? ::send(fd, data, size, MSG_NOSIGNAL) : ::write(fd, data, size);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return false;
        }
        data += n;
        size -= std::size_t(n);
    }
    return true;
}

bool writeAll(int fd, const QByteArray &data)
{
    return writeAll(fd, data.constData(), std::size_t(data.size()));
}

// Everything until EOF (or an error).
QByteArray readAll(int fd)
{
    QByteArray result;
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof(buffer));
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return result;
        }
        result.append(buffer, n);
    }
}

QByteArray transformed(QByteArray data)
{
    for (char &c : data) {
        c = char(c ^ 0xA5);
    }
    return data;
}

QByteArray sha256(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

// A raw AF_UNIX listening socket standing in for a job's stdinserver listener; hands the first connection to
// `handler` on a thread of its own.
class UnixServer
{
public:
    UnixServer(const QString &path, std::function<void(int)> handler)
    {
        m_fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        const QByteArray encoded = QFile::encodeName(path);
        if (m_fd < 0 || std::size_t(encoded.size()) >= sizeof(address.sun_path)) {
            qFatal("cannot create a socket for %s", qPrintable(path));
        }
        std::memcpy(address.sun_path, encoded.constData(), std::size_t(encoded.size()));
        if (::bind(m_fd, reinterpret_cast<const sockaddr *>(&address), sizeof(address)) != 0
            || ::listen(m_fd, 4) != 0) {
            qFatal("cannot listen on %s: %s", qPrintable(path), std::strerror(errno));
        }
        m_thread = std::thread([this, handler = std::move(handler)] {
            blockSigpipe();
            const int connection = ::accept4(m_fd, nullptr, nullptr, SOCK_CLOEXEC);
            if (connection >= 0) {
                handler(connection);
                ::close(connection);
            }
        });
    }

    ~UnixServer()
    {
        ::shutdown(m_fd, SHUT_RDWR);  // wakes up accept() when nobody connected
        m_thread.join();
        ::close(m_fd);
    }

    UnixServer(const UnixServer &) = delete;
    UnixServer &operator=(const UnixServer &) = delete;

private:
    int m_fd = -1;
    std::thread m_thread;
};

// How the bridge's stdin and stdout are given to it: sshd uses pipes, or (built without USE_PIPES) one socketpair
// duplicated onto both.
enum class Kind
{
    Pipes,
    Socketpairs,
    SharedSocket,
};

// The bridge's ends and the test's ends of its stdin and stdout.
struct Ends
{
    explicit Ends(Kind kind)
    {
        int a[2];
        int b[2];
        switch (kind) {
        case Kind::Pipes:
            if (::pipe2(a, O_CLOEXEC) != 0 || ::pipe2(b, O_CLOEXEC) != 0) {
                qFatal("pipe2 failed");
            }
            bridgeIn = a[0];
            testWrite = a[1];
            testRead = b[0];
            bridgeOut = b[1];
            break;
        case Kind::Socketpairs:
            if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, a) != 0
                || ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, b) != 0) {
                qFatal("socketpair failed");
            }
            bridgeIn = a[0];
            testWrite = a[1];
            testRead = b[0];
            bridgeOut = b[1];
            break;
        case Kind::SharedSocket:
            if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, a) != 0) {
                qFatal("socketpair failed");
            }
            bridgeIn = a[0];
            bridgeOut = ::fcntl(a[0], F_DUPFD_CLOEXEC, 0);
            testWrite = testRead = a[1];
            shared = true;
            break;
        }
    }

    ~Ends()
    {
        // The bridge closes its own ends.
        if (testWrite >= 0) {
            ::close(testWrite);
        }
        if (testRead >= 0 && testRead != testWrite) {
            ::close(testRead);
        }
    }

    Ends(const Ends &) = delete;
    Ends &operator=(const Ends &) = delete;

    // EOF on the bridge's stdin.
    void finishWriting()
    {
        if (shared) {
            ::shutdown(testWrite, SHUT_WR);
        } else {
            ::close(testWrite);
            testWrite = -1;
        }
    }

    int bridgeIn = -1;
    int bridgeOut = -1;
    int testWrite = -1;
    int testRead = -1;
    bool shared = false;
};

struct BridgeResult
{
    int exitCode = -1;
    QString error;
};

std::future<BridgeResult> startBridge(const Ends &ends, const QString &socketPath)
{
    return std::async(std::launch::async, [in = ends.bridgeIn, out = ends.bridgeOut, socketPath] {
        BridgeResult result;
        result.exitCode = Daemon::runStdinServerBridge(in, out, socketPath, &result.error);
        return result;
    });
}

std::future<QByteArray> startReader(int fd)
{
    return std::async(std::launch::async, [fd] {
        blockSigpipe();
        return readAll(fd);
    });
}

// What the peer sends, up to its EOF.
QByteArray receiveAll(int fd)
{
    return readAll(fd);
}

const QString HoldfastBinary = QStringLiteral(HOLDFAST_BINARY_DIR "/daemon/holdfast");

}  // namespace

class TestStdinServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void bulkTransfer_data();
    void bulkTransfer();
    void halfClose_data();
    void halfClose();
    void serverClosesFirst_data();
    void serverClosesFirst();
    void serverHalfClosesFirst_data();
    void serverHalfClosesFirst();
    void stdoutClosed();
    void connectFailures();
    void identityProblem_data();
    void identityProblem();
    void commandRejectsIdentities_data();
    void commandRejectsIdentities();
    void commandWithoutSocket();
    void commandEndToEnd();

private:
    QString writeConfig();
    QTemporaryDir m_dir;
    QString m_sockdir;
};

void TestStdinServer::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_sockdir = m_dir.filePath(u"stdinserver"_s);
    QVERIFY(QDir().mkpath(m_sockdir));
}

QString TestStdinServer::writeConfig()
{
    const QString path = m_dir.filePath(u"holdfast.yml"_s);
    QFile file(path);
    const QByteArray content =
        "global:\n  serve:\n    stdinserver:\n      sockdir: " + QFile::encodeName(m_sockdir) + "\njobs: []\n";
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) != content.size()) {
        qFatal("cannot write %s", qPrintable(path));
    }
    return path;
}

static void addKinds()
{
    QTest::addColumn<Kind>("kind");
    QTest::addRow("pipes") << Kind::Pipes;
    QTest::addRow("socketpairs") << Kind::Socketpairs;
    QTest::addRow("one socket for stdin and stdout") << Kind::SharedSocket;
}

void TestStdinServer::bulkTransfer_data()
{
    addKinds();
}

// 32 MiB of random bytes through stdin -> socket, transformed by the server, and socket -> stdout, concurrently.
void TestStdinServer::bulkTransfer()
{
    QFETCH(Kind, kind);
    constexpr qsizetype Size = 32 * 1024 * 1024;
    QByteArray input(Size, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(input.data()), Size / 4);
    const QByteArray expectedUp = sha256(input);
    const QByteArray expectedDown = sha256(transformed(input));

    const QString path = m_sockdir + u"/bulk"_s;
    QFile::remove(path);
    std::atomic<qint64> serverReceived = 0;
    QByteArray serverHash;
    std::atomic<bool> serverSawEof = false;
    {
        UnixServer server(path, [&](int fd) {
            QCryptographicHash hash(QCryptographicHash::Sha256);
            QByteArray buffer(65536, Qt::Uninitialized);
            for (;;) {
                const ssize_t n = ::read(fd, buffer.data(), std::size_t(buffer.size()));
                if (n < 0 && errno == EINTR) {
                    continue;
                }
                if (n <= 0) {
                    serverSawEof = n == 0;
                    break;
                }
                const QByteArray chunk = buffer.first(n);
                hash.addData(chunk);
                serverReceived += n;
                if (!writeAll(fd, transformed(chunk))) {
                    break;
                }
            }
            serverHash = hash.result().toHex();
        });

        Ends ends(kind);
        QElapsedTimer timer;
        timer.start();
        std::future<BridgeResult> bridge = startBridge(ends, path);
        std::future<QByteArray> output = startReader(ends.testRead);
        std::future<bool> writer = std::async(std::launch::async, [&ends, &input] {
            blockSigpipe();
            const bool ok = writeAll(ends.testWrite, input);
            ends.finishWriting();
            return ok;
        });

        QVERIFY(bridge.wait_for(120s) == std::future_status::ready);
        const qint64 elapsed = timer.elapsed();
        const BridgeResult result = bridge.get();
        QVERIFY(writer.get());
        const QByteArray received = output.get();
        QCOMPARE(result.error, QString());
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(serverReceived.load(), Size);
        QVERIFY(serverSawEof);
        QCOMPARE(received.size(), Size);
        QCOMPARE(sha256(received), expectedDown);
        qInfo("32 MiB each way in %lld ms: %.0f MiB/s per direction",
              elapsed,
              32.0 * 1000.0 / double(qMax<qint64>(elapsed, 1)));
    }
    QCOMPARE(serverHash, expectedUp);
}

void TestStdinServer::halfClose_data()
{
    addKinds();
}

// EOF on stdin reaches the server as EOF; what it sends afterwards still arrives on stdout.
void TestStdinServer::halfClose()
{
    QFETCH(Kind, kind);
    const QString path = m_sockdir + u"/halfclose"_s;
    QFile::remove(path);
    UnixServer server(path, [](int fd) {
        const QByteArray request = receiveAll(fd);  // only returns at EOF
        std::this_thread::sleep_for(50ms);
        writeAll(fd, "after EOF: " + request.toUpper());
    });

    Ends ends(kind);
    std::future<BridgeResult> bridge = startBridge(ends, path);
    std::future<QByteArray> output = startReader(ends.testRead);
    QVERIFY(writeAll(ends.testWrite, "hello, job"));
    ends.finishWriting();

    QVERIFY(bridge.wait_for(20s) == std::future_status::ready);
    const BridgeResult result = bridge.get();
    QCOMPARE(result.error, QString());
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(output.get(), "after EOF: HELLO, JOB");
}

void TestStdinServer::serverClosesFirst_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<bool>("unreadInput");
    QTest::addRow("pipes, idle stdin") << Kind::Pipes << false;
    QTest::addRow("pipes, input the server does not read") << Kind::Pipes << true;
    QTest::addRow("socketpairs, idle stdin") << Kind::Socketpairs << false;
    QTest::addRow("one socket, input the server does not read") << Kind::SharedSocket << true;
}

// The server says goodbye and closes while stdin stays open: the bridge delivers the goodbye and exits 0 without
// waiting for stdin. When the server leaves input unread, its socket ends in ECONNRESET instead of EOF.
void TestStdinServer::serverClosesFirst()
{
    QFETCH(Kind, kind);
    QFETCH(bool, unreadInput);
    const QString path = m_sockdir + u"/closesfirst"_s;
    QFile::remove(path);
    UnixServer server(path, [unreadInput](int fd) {
        if (unreadInput) {
            pollfd entry{fd, POLLIN, 0};
            ::poll(&entry, 1, 10000);  // the input has arrived; leave it unread
        }
        writeAll(fd, "bye");
    });

    Ends ends(kind);
    if (unreadInput) {
        QVERIFY(writeAll(ends.testWrite, QByteArray(4096, 'x')));
    }
    std::future<BridgeResult> bridge = startBridge(ends, path);
    std::future<QByteArray> output = startReader(ends.testRead);
    const bool ended = bridge.wait_for(20s) == std::future_status::ready;
    if (!ended) {
        ends.finishWriting();  // let the bridge go before failing
    }
    QVERIFY2(ended, "the bridge waited for stdin after the socket's EOF");
    const BridgeResult result = bridge.get();
    QCOMPARE(result.error, QString());
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(output.get(), "bye");
    // stdin was never closed on the test's side.
    QVERIFY(ends.testWrite >= 0);
}

void TestStdinServer::serverHalfClosesFirst_data()
{
    addKinds();
}

// The server answers and shuts down only its write side, then reads on: the bridge keeps copying stdin to it until
// stdin's EOF instead of ending at the socket's EOF.
void TestStdinServer::serverHalfClosesFirst()
{
    QFETCH(Kind, kind);
    const QString path = m_sockdir + u"/halfclosesfirst"_s;
    QFile::remove(path);
    QByteArray serverReceived;
    {
        UnixServer server(path, [&serverReceived](int fd) {
            writeAll(fd, "early reply");
            ::shutdown(fd, SHUT_WR);
            serverReceived = receiveAll(fd);
        });

        Ends ends(kind);
        std::future<BridgeResult> bridge = startBridge(ends, path);
        QVERIFY(bridge.wait_for(300ms) == std::future_status::timeout);
        const QByteArray input(3 * Daemon::StdinServer::BufferSize + 17, 'z');
        std::future<bool> writer = std::async(std::launch::async, [&ends, &input] {
            blockSigpipe();
            const bool ok = writeAll(ends.testWrite, input);
            ends.finishWriting();
            return ok;
        });
        std::future<QByteArray> output = startReader(ends.testRead);
        QVERIFY(bridge.wait_for(20s) == std::future_status::ready);
        const BridgeResult result = bridge.get();
        QVERIFY(writer.get());
        QCOMPARE(result.error, QString());
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(output.get(), "early reply");
    }
    QCOMPARE(serverReceived.size(), 3 * Daemon::StdinServer::BufferSize + 17);
}

// Whoever reads stdout goes away: the bridge fails with exit code 1 (and the test process survives SIGPIPE).
void TestStdinServer::stdoutClosed()
{
    const QString path = m_sockdir + u"/stdoutclosed"_s;
    QFile::remove(path);
    UnixServer server(path, [](int fd) {
        const QByteArray chunk(65536, 'y');
        while (writeAll(fd, chunk)) {
        }
    });

    Ends ends(Kind::Pipes);
    ::close(ends.testRead);
    ends.testRead = -1;
    std::future<BridgeResult> bridge = startBridge(ends, path);
    QVERIFY(bridge.wait_for(20s) == std::future_status::ready);
    const BridgeResult result = bridge.get();
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.error.startsWith(u"cannot write to standard output: "_s), qPrintable(result.error));
}

// No socket, a stale socket, a path too long: exit code 1, the reason, and the given descriptors closed.
void TestStdinServer::connectFailures()
{
    {
        Ends ends(Kind::Pipes);
        const QString path = m_sockdir + u"/client1"_s;
        QString error;
        QCOMPARE(Daemon::runStdinServerBridge(ends.bridgeIn, ends.bridgeOut, path, &error), 1);
        QCOMPARE(error,
                 u"no Holdfast job serves client identity client1 at "_s + path
                     + u": is a sink/source job with serve type stdinserver and this identity configured, and "
                       "is the daemon running?"_s);
        QCOMPARE(readAll(ends.testRead), QByteArray());  // EOF: the bridge closed its stdout
    }
    {
        // A socket file nobody listens on, as a daemon that died leaves behind.
        const QString path = m_sockdir + u"/stale"_s;
        QFile::remove(path);
        const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        std::strcpy(address.sun_path, QFile::encodeName(path).constData());
        QCOMPARE(::bind(fd, reinterpret_cast<const sockaddr *>(&address), sizeof(address)), 0);
        ::close(fd);
        Ends ends(Kind::Pipes);
        QString error;
        QCOMPARE(Daemon::runStdinServerBridge(ends.bridgeIn, ends.bridgeOut, path, &error), 1);
        QVERIFY2(error.startsWith(u"cannot connect to "_s + path + u": connection refused"_s), qPrintable(error));
    }
    {
        const QString path = m_sockdir + u'/' + QString(200, u'x');
        Ends ends(Kind::Pipes);
        QString error;
        QCOMPARE(Daemon::runStdinServerBridge(ends.bridgeIn, ends.bridgeOut, path, &error), 1);
        QVERIFY2(error.contains(u"the path of a Unix socket must have 1 to 107 bytes"_s), qPrintable(error));
    }
    if (::geteuid() != 0) {
        const QString dir = m_dir.filePath(u"private"_s);
        QVERIFY(QDir().mkpath(dir));
        QFile::setPermissions(dir, QFileDevice::Permissions());
        Ends ends(Kind::Pipes);
        QString error;
        QCOMPARE(Daemon::runStdinServerBridge(ends.bridgeIn, ends.bridgeOut, dir + u"/client1"_s, &error), 1);
        QVERIFY2(error.contains(u"permission denied"_s), qPrintable(error));
        QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }
}

void TestStdinServer::identityProblem_data()
{
    QTest::addColumn<QString>("identity");
    QTest::addColumn<bool>("valid");
    QTest::addRow("plain") << u"client1"_s << true;
    QTest::addRow("dots and dashes") << u"backup-host.example.com"_s << true;
    QTest::addRow("empty") << QString() << false;
    QTest::addRow("slash") << u"a/b"_s << false;
    QTest::addRow("leading slash") << u"/etc"_s << false;
    QTest::addRow("dot") << u"."_s << false;
    QTest::addRow("dot dot") << u".."_s << false;
    QTest::addRow("traversal") << u"../control"_s << false;
    QTest::addRow("at") << u"a@b"_s << false;
    QTest::addRow("nul") << u"a\0b"_s << false;
}

void TestStdinServer::identityProblem()
{
    QFETCH(QString, identity);
    QFETCH(bool, valid);
    QCOMPARE(!Daemon::StdinServer::identityProblem(identity).has_value(), valid);
}

void TestStdinServer::commandRejectsIdentities_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    const QString invalid = u"holdfast stdinserver: invalid client identity "_s;
    QTest::addRow("empty") << QStringList{QString()} << invalid + u"\"\": the client identity must not be empty"_s;
    QTest::addRow("slash") << QStringList{u"a/b"_s}
                           << invalid + u"\"a/b\": the client identity must be a single path component (no '/')"_s;
    QTest::addRow("dot dot") << QStringList{u".."_s}
                             << invalid + u"\"..\": the client identity must not be '.' or '..'"_s;
    QTest::addRow("dot") << QStringList{u"."_s} << invalid + u"\".\": the client identity must not be '.' or '..'"_s;
    QTest::addRow("missing") << QStringList{}
                             << u"holdfast stdinserver: must specify the client identity as the only argument"_s;
    QTest::addRow("two") << QStringList{u"a"_s, u"b"_s}
                         << u"holdfast stdinserver: must specify the client identity as the only argument"_s;
}

// Through the built binary: exit code 1, the reason on stderr, nothing on stdout.
void TestStdinServer::commandRejectsIdentities()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    QProcess process;
    process.start(HoldfastBinary, QStringList{u"--config"_s, writeConfig(), u"stdinserver"_s} + arguments);
    QVERIFY2(process.waitForStarted(), qPrintable(process.errorString()));
    process.closeWriteChannel();
    QVERIFY(process.waitForFinished(20000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.readAllStandardOutput(), QByteArray());
    QCOMPARE(QString::fromUtf8(process.readAllStandardError()), message + u'\n');
    QCOMPARE(process.exitCode(), 1);
}

void TestStdinServer::commandWithoutSocket()
{
    QProcess process;
    process.start(HoldfastBinary, {u"stdinserver"_s, u"--config"_s, writeConfig(), u"nosuchclient"_s});
    QVERIFY2(process.waitForStarted(), qPrintable(process.errorString()));
    QVERIFY(process.waitForFinished(20000));
    QCOMPARE(process.readAllStandardOutput(), QByteArray());
    QCOMPARE(QString::fromUtf8(process.readAllStandardError()),
             u"holdfast stdinserver: no Holdfast job serves client identity nosuchclient at "_s + m_sockdir
                 + u"/nosuchclient: is a sink/source job with serve type stdinserver and this identity configured, "
                   "and is the daemon running?\n"_s);
    QCOMPARE(process.exitCode(), 1);
}

// The binary as sshd runs it: stdin and stdout are pipes, the job answers after the request's EOF.
void TestStdinServer::commandEndToEnd()
{
    const QString path = m_sockdir + u"/client1"_s;
    QFile::remove(path);
    UnixServer server(path, [](int fd) { writeAll(fd, "reply: " + transformed(receiveAll(fd))); });

    QByteArray request(1024 * 1024, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(request.data()), request.size() / 4);
    QProcess process;
    process.start(HoldfastBinary, {u"--config"_s, writeConfig(), u"stdinserver"_s, u"client1"_s});
    QVERIFY2(process.waitForStarted(), qPrintable(process.errorString()));
    process.write(request);
    process.closeWriteChannel();
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(QString::fromUtf8(process.readAllStandardError()), QString());
    QCOMPARE(process.exitCode(), 0);
    const QByteArray output = process.readAllStandardOutput();
    QCOMPARE(output.size(), request.size() + 7);
    QCOMPARE(sha256(output), sha256("reply: " + transformed(request)));
}

QTEST_GUILESS_MAIN(TestStdinServer)
#include "TestStdinServer.moc"
