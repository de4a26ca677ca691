// SPDX-License-Identifier: MIT
#include "daemon/cli/StdinServer.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <memory>

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "daemon/cli/CliCommands.h"
#include "daemon/zfs/NameCheck.h"

using namespace Qt::StringLiterals;

namespace Daemon {

namespace {

QString errnoText(int error)
{
    return qt_error_string(error);
}

bool isSocket(int fd)
{
    struct stat info
    {};

    return ::fstat(fd, &info) == 0 && S_ISSOCK(info.st_mode);
}

// Sets O_NONBLOCK on a descriptor for the lifetime of the object and restores its flags afterwards: stdin and
// stdout may share their open file description with other processes (a terminal, sshd's socketpair).
class NonBlocking
{
public:
    explicit NonBlocking(int fd)
        : m_fd(fd)
        , m_flags(::fcntl(fd, F_GETFL))
    {
        if (m_flags >= 0 && !(m_flags & O_NONBLOCK)) {
            ::fcntl(fd, F_SETFL, m_flags | O_NONBLOCK);
        }
    }

    ~NonBlocking()
    {
        restore();
    }

    NonBlocking(const NonBlocking &) = delete;
    NonBlocking &operator=(const NonBlocking &) = delete;

    bool ok() const
    {
        return m_flags >= 0;
    }

    void restore()
    {
        if (m_flags >= 0 && !(m_flags & O_NONBLOCK)) {
            ::fcntl(m_fd, F_SETFL, m_flags);
        }
        m_flags = -1;
    }

private:
    int m_fd;
    int m_flags;
};

// Blocks SIGPIPE in the calling thread while the bridge runs, so that writing to a closed pipe fails with EPIPE
// instead of ending the process, and discards a SIGPIPE the bridge caused before unblocking it again.
class SigpipeBlocker
{
public:
    SigpipeBlocker()
    {
        sigemptyset(&m_set);
        sigaddset(&m_set, SIGPIPE);
        pthread_sigmask(SIG_BLOCK, &m_set, &m_previous);
        sigset_t pending;
        sigemptyset(&pending);
        sigpending(&pending);
        m_wasPending = sigismember(&pending, SIGPIPE) == 1;
    }

    ~SigpipeBlocker()
    {
        if (!m_wasPending) {
            sigset_t pending;
            sigemptyset(&pending);
            sigpending(&pending);
            if (sigismember(&pending, SIGPIPE) == 1) {
                const timespec now{0, 0};
                while (sigtimedwait(&m_set, nullptr, &now) < 0 && errno == EINTR) {
                }
            }
        }
        pthread_sigmask(SIG_SETMASK, &m_previous, nullptr);
    }

    SigpipeBlocker(const SigpipeBlocker &) = delete;
    SigpipeBlocker &operator=(const SigpipeBlocker &) = delete;

private:
    sigset_t m_set;
    sigset_t m_previous;
    bool m_wasPending = false;
};

class FdCloser
{
public:
    explicit FdCloser(int fd)
        : m_fd(fd)
    {}

    ~FdCloser()
    {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }

    FdCloser(const FdCloser &) = delete;
    FdCloser &operator=(const FdCloser &) = delete;

private:
    int m_fd;
};

// One direction's bytes in flight: [begin, end) of data is read and not yet written.
struct Buffer
{
    std::unique_ptr<char[]> data = std::make_unique<char[]>(StdinServer::BufferSize);
    std::size_t begin = 0;
    std::size_t end = 0;

    bool empty() const
    {
        return begin == end;
    }

    bool full() const
    {
        return end == std::size_t(StdinServer::BufferSize);
    }

    char *space()
    {
        return data.get() + end;
    }

    std::size_t spaceSize() const
    {
        return std::size_t(StdinServer::BufferSize) - end;
    }

    const char *pending() const
    {
        return data.get() + begin;
    }

    std::size_t pendingSize() const
    {
        return end - begin;
    }

    void consumed(std::size_t n)
    {
        begin += n;
        if (begin == end) {
            begin = end = 0;
        }
    }

    void clear()
    {
        begin = end = 0;
    }
};

enum class Io
{
    Progress,    // some bytes moved
    WouldBlock,  // EAGAIN / EINTR: poll again
    Eof,         // read: end of stream
    Error,       // errno says why
};

Io readSome(int fd, Buffer &buffer)
{
    const ssize_t n = ::read(fd, buffer.space(), buffer.spaceSize());
    if (n > 0) {
        buffer.end += std::size_t(n);
        return Io::Progress;
    }
    if (n == 0) {
        return Io::Eof;
    }
    return (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) ? Io::WouldBlock : Io::Error;
}

Io writeSome(int fd, Buffer &buffer, bool socket)
{
    const ssize_t n = socket ? ::send(fd, buffer.pending(), buffer.pendingSize(), MSG_NOSIGNAL)
                             : ::write(fd, buffer.pending(), buffer.pendingSize());
    if (n >= 0) {
        buffer.consumed(std::size_t(n));
        return Io::Progress;
    }
    return (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) ? Io::WouldBlock : Io::Error;
}

// Connects a blocking AF_UNIX stream socket; -1 with *error set when that fails.
int connectSocket(const QString &socketPath, QString *error)
{
    const QByteArray encoded = QFile::encodeName(socketPath);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (encoded.isEmpty() || std::size_t(encoded.size()) >= sizeof(address.sun_path)) {
        *error = StdinServer::tr("cannot connect to %1: the path of a Unix socket must have 1 to %2 bytes")
                     .arg(socketPath)
                     .arg(sizeof(address.sun_path) - 1);
        return -1;
    }
    std::memcpy(address.sun_path, encoded.constData(), std::size_t(encoded.size()));

    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        const int code = errno;
        *error = StdinServer::tr("cannot create a Unix socket: %1").arg(errnoText(code));
        return -1;
    }
    int result = ::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof(address));
    if (result < 0 && errno == EINTR) {
        // The connection goes on in the background; wait for it and fetch its outcome.
        pollfd entry{fd, POLLOUT, 0};
        while (::poll(&entry, 1, -1) < 0 && errno == EINTR) {
        }
        int soError = 0;
        socklen_t length = sizeof(soError);
        result = ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &soError, &length);
        if (result == 0 && soError != 0) {
            errno = soError;
            result = -1;
        }
    }
    if (result == 0) {
        return fd;
    }
    const int connectError = errno;
    ::close(fd);
    const QString identity = QFileInfo(socketPath).fileName();
    switch (connectError) {
    case ENOENT:
    case ENOTDIR:
        *error =
            StdinServer::tr("no Holdfast job serves client identity %1 at %2: is a sink/source job with serve type "
                            "stdinserver and this identity configured, and is the daemon running?")
                .arg(identity, socketPath);
        break;
    case EACCES:
    case EPERM:
        *error = StdinServer::tr("cannot connect to %1: permission denied: run holdfast stdinserver as a user that may "
                                 "use the daemon's stdinserver sockets (usually the user the daemon runs as)")
                     .arg(socketPath);
        break;
    case ECONNREFUSED:
        *error = StdinServer::tr("cannot connect to %1: connection refused: nothing listens on the socket (a stale "
                                 "socket left behind?); is the daemon running?")
                     .arg(socketPath);
        break;
    default:
        *error = StdinServer::tr("cannot connect to %1: %2").arg(socketPath, errnoText(connectError));
        break;
    }
    return -1;
}

// The copy loop over inFd -> socket ("up") and socket -> outFd ("down"); see runStdinServerBridge.
int bridge(int inFd, int outFd, int socketFd, QString *error)
{
    const bool outIsSocket = isSocket(outFd);
    Buffer up;
    Buffer down;
    bool inEof = false;       // nothing more comes from inFd (EOF, or the socket no longer takes it)
    bool upShutDown = false;  // the socket's write side is shut down
    bool socketEof = false;   // nothing more comes from the socket

    const auto fail = [error](const QString &message) {
        *error = message;
        return 1;
    };

    for (;;) {
        if (inEof && up.empty() && !upShutDown) {
            ::shutdown(socketFd, SHUT_WR);
            upShutDown = true;
        }
        // Done when the job's bytes are all out and stdin is no longer needed: at its EOF, or because the job
        // hung up (closed the connection), which it does when it is done. A job that only shut down its write
        // side still reads, so stdin keeps going to it.
        if (socketEof && down.empty() && upShutDown) {
            return 0;
        }

        const bool readIn = !inEof && !up.full();
        const bool writeSocket = !upShutDown && !up.empty();
        const bool readSocket = !socketEof && !down.full();
        const bool writeOut = !down.empty();
        const short socketEvents = short((readSocket ? POLLIN : 0) | (writeSocket ? POLLOUT : 0));
        // A descriptor with nothing to do stays out of the poll: a pending hangup would wake it up forever. The
        // socket is watched for the job's hangup (reported whatever the events) as long as stdin goes to it.
        pollfd fds[3] = {
            {readIn ? inFd : -1, POLLIN, 0},
            {(socketEvents || !upShutDown) ? socketFd : -1, socketEvents, 0},
            {writeOut ? outFd : -1, POLLOUT, 0},
        };
        if (::poll(fds, 3, -1) < 0) {
            const int code = errno;
            if (code == EINTR) {
                continue;
            }
            return fail(StdinServer::tr("poll failed: %1").arg(errnoText(code)));
        }
        if ((fds[0].revents | fds[2].revents) & POLLNVAL) {
            return fail(StdinServer::tr("standard input or output is not open"));
        }
        constexpr short Readable = POLLIN | POLLHUP | POLLERR;
        constexpr short Writable = POLLOUT | POLLHUP | POLLERR;

        // stdin -> buffer
        bool readUp = false;
        if (readIn && (fds[0].revents & Readable)) {
            switch (readSome(inFd, up)) {
            case Io::Eof:
                inEof = true;
                break;
            case Io::Error: {
                const int code = errno;
                return fail(StdinServer::tr("cannot read standard input: %1").arg(errnoText(code)));
            }
            case Io::Progress:
                readUp = true;
                break;
            case Io::WouldBlock:
                break;
            }
        }
        // buffer -> socket; tried right after a read as well, which saves a poll while the socket keeps up.
        if (!upShutDown && !up.empty() && (readUp || (writeSocket && (fds[1].revents & Writable)))) {
            switch (writeSome(socketFd, up, true)) {
            case Io::Error: {
                const int code = errno;
                if (code != EPIPE && code != ECONNRESET) {
                    return fail(StdinServer::tr("cannot write to the job's socket: %1").arg(errnoText(code)));
                }
                // The job no longer reads; what it still sends is delivered all the same.
                up.clear();
                inEof = true;
                upShutDown = true;
                break;
            }
            case Io::Progress:
            case Io::WouldBlock:
            case Io::Eof:
                break;
            }
        }
        // The job closed the connection (or shut down its reading side): it takes nothing more from stdin.
        if (!upShutDown && (fds[1].revents & (POLLHUP | POLLERR))) {
            up.clear();
            inEof = true;
            upShutDown = true;
        }
        // socket -> buffer
        bool readDown = false;
        if (readSocket && (fds[1].revents & Readable)) {
            switch (readSome(socketFd, down)) {
            case Io::Eof:
                socketEof = true;
                break;
            case Io::Error: {
                // A job that closes its end without reading everything sent to it makes the rest of the stream
                // end in ECONNRESET rather than EOF, but only after all it sent has been read.
                const int code = errno;
                if (code != ECONNRESET) {
                    return fail(StdinServer::tr("cannot read from the job's socket: %1").arg(errnoText(code)));
                }
                socketEof = true;
                up.clear();
                inEof = true;
                upShutDown = true;
                break;
            }
            case Io::Progress:
                readDown = true;
                break;
            case Io::WouldBlock:
                break;
            }
        }
        // buffer -> stdout
        if (!down.empty() && (readDown || (writeOut && (fds[2].revents & Writable)))) {
            switch (writeSome(outFd, down, outIsSocket)) {
            case Io::Error: {
                const int code = errno;
                return fail(StdinServer::tr("cannot write to standard output: %1").arg(errnoText(code)));
            }
            case Io::Progress:
            case Io::WouldBlock:
            case Io::Eof:
                break;
            }
        }
    }
}

}  // namespace

std::optional<QString> StdinServer::identityProblem(const QString &identity)
{
    if (identity.isEmpty()) {
        return tr("the client identity must not be empty");
    }
    if (identity.contains(u'/')) {
        return tr("the client identity must be a single path component (no '/')");
    }
    if (identity == u"." || identity == u"..") {
        return tr("the client identity must not be '.' or '..'");
    }
    if (identity.contains(QChar(0))) {
        return tr("the client identity must not contain NUL characters");
    }
    // What the configuration accepts as a client identity (ConfigParser's SchemaReader::clientIdentity).
    if (const std::optional<QString> why = Zfs::datasetPathCheck(identity)) {
        return *why;
    }
    return std::nullopt;
}

int StdinServer::command(CliContext &context, const QStringList &arguments)
{
    const QString name = arguments.value(0);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Bridge standard input and output to the stdinserver socket of the job serving CLIENT_IDENTITY, "
           "<global.serve.stdinserver.sockdir>/CLIENT_IDENTITY: the remote half of the ssh+stdinserver transport. "
           "Meant as the forced command of an authorized_keys entry, e.g.\n"
           "command=\"holdfast stdinserver client1\",restrict ssh-ed25519 AAAA..."));
    parser.addOption({u"config"_s, tr("Read the configuration from <path>."), tr("path")});
    parser.addOption({{u"h"_s, u"help"_s}, tr("Show this help.")});
    parser.addPositionalArgument(u"CLIENT_IDENTITY"_s,
                                 tr("The client identity the job serves, as configured in "
                                    "its serve.client_identities."));
    if (!parser.parse(arguments)) {
        context.err << name << u": "_s << parser.errorText() << Qt::endl
                    << tr("Run '%1 --help' for usage.").arg(name) << Qt::endl;
        return CliCommands::UsageError;
    }
    if (parser.isSet(u"help"_s)) {
        QString text = parser.helpText();
        text = text.mid(text.indexOf(u'\n') + 1);
        context.out << tr("Usage: %1 %2").arg(name, u"CLIENT_IDENTITY [options]"_s) << u"\n\n"_s << text;
        return CliCommands::Success;
    }
    if (parser.isSet(u"config"_s)) {
        context.configPath = parser.value(u"config"_s);
    }
    // As zrepl: exactly one argument, or the command fails (exit code 1, not a usage error).
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        context.err << tr("%1: must specify the client identity as the only argument").arg(name) << Qt::endl;
        return CliCommands::Failure;
    }
    const QString identity = positional.constFirst();
    if (const std::optional<QString> why = identityProblem(identity)) {
        context.err << tr("%1: invalid client identity \"%2\": %3").arg(name, identity, *why) << Qt::endl;
        return CliCommands::Failure;
    }
    const std::optional<Config::Root> root = context.loadConfig();
    if (!root) {
        return CliCommands::Failure;
    }
    // Nothing may go to stdout but the job's bytes from here on.
    context.out.flush();
    std::signal(SIGPIPE, SIG_IGN);
    const QString socketPath = QDir(root->global.stdinserverSockdir).filePath(identity);
    QString error;
    const int exitCode = runStdinServerBridge(STDIN_FILENO, STDOUT_FILENO, socketPath, &error);
    if (exitCode != 0) {
        context.err << name << u": "_s << error << Qt::endl;
    }
    return exitCode;
}

int runStdinServerBridge(int inFd, int outFd, const QString &socketPath, QString *error)
{
    QString ignored;
    if (!error) {
        error = &ignored;
    }
    const SigpipeBlocker sigpipe;
    // Declared first, so destroyed last: the descriptors are closed after their flags are restored.
    const FdCloser closeIn(inFd);
    const FdCloser closeOut(outFd == inFd ? -1 : outFd);

    const int socketFd = connectSocket(socketPath, error);
    if (socketFd < 0) {
        return 1;
    }
    const FdCloser closeSocket(socketFd);
    ::fcntl(socketFd, F_SETFL, ::fcntl(socketFd, F_GETFL) | O_NONBLOCK);
    NonBlocking inFlags(inFd);
    NonBlocking outFlags(outFd);
    if (!inFlags.ok() || !outFlags.ok()) {
        *error = StdinServer::tr("standard input or output is not open: %1").arg(errnoText(EBADF));
        return 1;
    }
    const int exitCode = bridge(inFd, outFd, socketFd, error);
    if (exitCode == 0 && isSocket(outFd)) {
        // outFd may be one of two descriptors of the same socket (sshd's socketpair on stdin and stdout): closing
        // it alone would not tell the other end that the output is complete.
        ::shutdown(outFd, SHUT_WR);
    }
    outFlags.restore();
    inFlags.restore();
    return exitCode;
}

}  // namespace Daemon
