// SPDX-License-Identifier: MIT
#include "NetworkWays.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <functional>
#include <thread>
#include <vector>

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTcpServer>
#include <QThread>

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "FigureTable.h"
#include "daemon/async/TaskRunner.h"
#include "daemon/config/Config.h"
#include "daemon/endpoint/Endpoints.h"
#include "daemon/jobs/PassiveServer.h"
#include "daemon/logging/Logger.h"
#include "daemon/rpc/Protocol.h"
#include "daemon/rpc/RpcClient.h"
#include "daemon/rpc/Services.h"
#include "daemon/transport/Connector.h"

extern char **environ;

using namespace Qt::StringLiterals;

namespace ReplicationBench {

namespace {

// ---------------------------------------------------------------------------------------------------------------
// The stream ends: a pattern that repeats every PatternLength bytes (a prime, so that no chunk or buffer size of
// the transport lines up with it), kept twice in a row so that any PatternLength bytes from any offset are contiguous.

constexpr size_t PatternLength = 1048573;
constexpr size_t ProducerWrite = 128 * 1024;  // as `cat` writes; the emulator's `zfs send` writes 64 KiB
constexpr size_t ConsumerRead = 1 << 20;
constexpr size_t RelayBuffer = 1 << 20;  // the raw TCP copy's read()/write() size, Holdfast's StreamRead
constexpr int PipeSize = 1 << 20;        // Holdfast's PipeProcess asks for pipes of this size

std::vector<char> pattern()
{
    std::vector<char> bytes(2 * PatternLength);
    quint64 state = 0x486f6c6466617374;  // splitmix64
    for (size_t i = 0; i < PatternLength; i += 8) {
        quint64 z = (state += 0x9e3779b97f4a7c15);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
        z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
        z ^= z >> 31;
        std::memcpy(bytes.data() + i, &z, std::min<size_t>(8, PatternLength - i));
    }
    std::memcpy(bytes.data() + PatternLength, bytes.data(), PatternLength);
    return bytes;
}

int produce(qint64 size)
{
    const std::vector<char> bytes = pattern();
    size_t offset = 0;
    qint64 left = size;
    while (left > 0) {
        const ssize_t n = ::write(STDOUT_FILENO, bytes.data() + offset, size_t(std::min<qint64>(left, ProducerWrite)));
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            std::fprintf(stderr,
                         "bench-replication --produce: write after %lld bytes: %s\n",
                         static_cast<long long>(size - left),
                         std::strerror(errno));
            return 1;
        }
        offset = (offset + size_t(n)) % PatternLength;
        left -= n;
    }
    return 0;
}

int consume(qint64 size, const char *resultFile)
{
    const std::vector<char> bytes = pattern();
    std::vector<char> buffer(ConsumerRead);
    size_t offset = 0;
    qint64 total = 0;
    while (true) {
        const ssize_t n = ::read(STDIN_FILENO, buffer.data(), buffer.size());
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            std::fprintf(stderr,
                         "bench-replication --consume: read after %lld bytes: %s\n",
                         static_cast<long long>(total),
                         std::strerror(errno));
            return 1;
        }
        if (n == 0) {
            break;
        }
        for (size_t done = 0; done < size_t(n);) {
            const size_t k = std::min(size_t(n) - done, PatternLength);
            if (std::memcmp(buffer.data() + done, bytes.data() + offset, k) != 0) {
                std::fprintf(
                    stderr,
                    "bench-replication --consume: the stream differs from what was sent within bytes %lld-%lld\n",
                    static_cast<long long>(total + qint64(done)),
                    static_cast<long long>(total + qint64(done + k)));
                return 1;
            }
            offset = (offset + k) % PatternLength;
            done += k;
        }
        total += n;
    }
    if (total != size) {
        std::fprintf(stderr,
                     "bench-replication --consume: %lld bytes arrived, %lld were sent\n",
                     static_cast<long long>(total),
                     static_cast<long long>(size));
        return 1;
    }
    FILE *out = std::fopen(resultFile, "w");
    if (!out || std::fprintf(out, "%lld\n", static_cast<long long>(total)) < 0 || std::fclose(out) != 0) {
        std::fprintf(stderr, "bench-replication --consume: cannot write %s\n", resultFile);
        return 1;
    }
    return 0;
}

// The peak resident set from here on: Linux resets VmHWM to VmRSS when "5" is written to clear_refs. Returns
// VmRSS after the reset, from which a run's growth is measured.
qint64 resetPeakRss()
{
    if (FILE *f = std::fopen("/proc/self/clear_refs", "w")) {
        std::fputs("5", f);
        std::fclose(f);
    }
    return BenchSupport::currentRssKiB();
}

double threadCpuSeconds(clockid_t clock)
{
    timespec t{};
    ::clock_gettime(clock, &t);
    return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}

std::string errnoText(const char *what)
{
    return std::string(what) + ": " + std::strerror(errno);
}

class Fd
{
public:
    Fd() = default;

    explicit Fd(int fd)
        : m_fd(fd)
    {}

    ~Fd()
    {
        reset();
    }

    Fd(const Fd &) = delete;
    Fd &operator=(const Fd &) = delete;

    Fd &operator=(Fd &&other) noexcept
    {
        reset();
        m_fd = std::exchange(other.m_fd, -1);
        return *this;
    }

    int get() const
    {
        return m_fd;
    }

    void reset()
    {
        if (m_fd >= 0) {
            ::close(m_fd);
            m_fd = -1;
        }
    }

private:
    int m_fd = -1;
};

bool makePipe(Fd *read, Fd *write, std::string *error)
{
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        *error = errnoText("pipe2");
        return false;
    }
    *read = Fd(fds[0]);
    *write = Fd(fds[1]);
    ::fcntl(fds[0], F_SETPIPE_SZ, PipeSize);
    return true;
}

bool writeAll(int fd, const char *data, size_t size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return false;
        }
        data += n;
        size -= size_t(n);
    }
    return true;
}

// Copies `from` into `to` until the end of `from`; the bytes copied, or -1 with *error.
qint64 copy(int from, int to, const char *what, std::string *error)
{
    std::vector<char> buffer(RelayBuffer);
    qint64 total = 0;
    while (true) {
        const ssize_t n = ::read(from, buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            *error = errnoText(what);
            return -1;
        }
        if (n == 0) {
            return total;
        }
        if (!writeAll(to, buffer.data(), size_t(n))) {
            *error = errnoText(what);
            return -1;
        }
        total += n;
    }
}

// Runs `spec` with its stdin or stdout on `stdinFd`/`stdoutFd` (-1: inherited); its pid, or -1 with *error.
pid_t spawn(const Async::ProcessSpec &spec, int stdinFd, int stdoutFd, std::string *error)
{
    std::vector<std::string> strings{spec.program.toStdString()};
    for (const QString &argument : spec.arguments) {
        strings.push_back(argument.toStdString());
    }
    std::vector<char *> argv;
    for (std::string &s : strings) {
        argv.push_back(s.data());
    }
    argv.push_back(nullptr);
    std::vector<std::string> environment;
    std::vector<char *> envp;
    if (spec.environment) {
        for (const QString &entry : spec.environment->toStringList()) {
            environment.push_back(entry.toStdString());
        }
        for (std::string &s : environment) {
            envp.push_back(s.data());
        }
        envp.push_back(nullptr);
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (stdinFd >= 0) {
        posix_spawn_file_actions_adddup2(&actions, stdinFd, STDIN_FILENO);
    }
    if (stdoutFd >= 0) {
        posix_spawn_file_actions_adddup2(&actions, stdoutFd, STDOUT_FILENO);
    }
    pid_t pid = -1;
    const int status =
        ::posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), spec.environment ? envp.data() : environ);
    posix_spawn_file_actions_destroy(&actions);
    if (status != 0) {
        *error = "cannot run " + strings[0] + ": " + std::strerror(status);
        return -1;
    }
    return pid;
}

// Waits for `pid`; "" when it exited with 0, else what happened.
std::string reap(pid_t pid)
{
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            return errnoText("waitpid");
        }
    }
    if (WIFEXITED(status)) {
        return WEXITSTATUS(status) == 0 ? std::string() : "exit " + std::to_string(WEXITSTATUS(status));
    }
    return WIFSIGNALED(status) ? "killed by signal " + std::to_string(WTERMSIG(status)) : "ended oddly";
}

// The process a Service runs, as the bench's active side names it in the call's arguments. A real service derives
// it from checked arguments; here the arguments carry it so that one passive side serves every way.
QJsonObject specJson(const Async::ProcessSpec &spec)
{
    QJsonObject json;
    json.insert(u"BenchProgram"_s, spec.program);
    json.insert(u"BenchArguments"_s, QJsonArray::fromStringList(spec.arguments));
    return json;
}

class BenchService final : public Rpc::Service
{
public:
    BenchService(Rpc::Role role, QString clientIdentity, QProcessEnvironment environment)
        : m_role(role)
        , m_clientIdentity(std::move(clientIdentity))
        , m_environment(std::move(environment))
    {}

    Rpc::HandshakeReply handshake() const override
    {
        Rpc::HandshakeReply reply;
        reply.role = m_role;
        reply.jobName = u"bench"_s;
        reply.clientIdentity = m_clientIdentity;
        return reply;
    }

    Async::Task<Rpc::Reply> call(QByteArray rpc, QJsonObject) override
    {
        co_return refuse(u"bench-replication's passive side answers no %1"_s.arg(QString::fromLatin1(rpc)));
    }

    Async::Task<Zfs::Result<Async::ProcessSpec>> sendProcess(QJsonObject args) override
    {
        if (m_role != Rpc::Role::Source) {
            co_return co_await Service::sendProcess(std::move(args));
        }
        co_return Zfs::Result<Async::ProcessSpec>{spec(args), {}};
    }

    Async::Task<Zfs::Result<Async::ProcessSpec>> receiveProcess(QJsonObject args) override
    {
        if (m_role != Rpc::Role::Sink) {
            co_return co_await Service::receiveProcess(std::move(args));
        }
        co_return Zfs::Result<Async::ProcessSpec>{spec(args), {}};
    }

private:
    Async::ProcessSpec spec(const QJsonObject &args) const
    {
        Async::ProcessSpec spec;
        spec.program = args.value(u"BenchProgram"_s).toString();
        for (const QJsonValue &argument : args.value(u"BenchArguments"_s).toArray()) {
            spec.arguments.append(argument.toString());
        }
        spec.environment = m_environment;
        return spec;
    }

    Rpc::Role m_role;
    QString m_clientIdentity;
    QProcessEnvironment m_environment;
};

}  // namespace

// ---------------------------------------------------------------------------------------------------------------
// The passive side: a sink and a source, each a Daemon::PassiveServer on tcp 127.0.0.1 whose clients map names
// 127.0.0.1 "bench", in a thread with its own event loop, as the other daemon would be on its own machine.

class PassiveSide
{
public:
    explicit PassiveSide(QProcessEnvironment environment)
        : m_environment(std::move(environment))
    {}

    ~PassiveSide()
    {
        if (!m_context) {
            return;
        }
        inThread([this] {
            m_sink.reset();
            m_source.reset();
        });
        m_thread.quit();
        m_thread.wait();
        delete m_context;
    }

    bool start(std::string *error)
    {
        m_context = new QObject;
        m_context->moveToThread(&m_thread);
        m_thread.setObjectName(u"passive side"_s);
        m_thread.start();
        QString problem;
        inThread([this, &problem] {
            ::pthread_getcpuclockid(::pthread_self(), &m_clock);
            for (const Rpc::Role role : {Rpc::Role::Sink, Rpc::Role::Source}) {
                auto &server = role == Rpc::Role::Sink ? m_sink : m_source;
                quint16 &port = role == Rpc::Role::Sink ? m_sinkPort : m_sourcePort;
                // A port that was free a moment ago; another process may take it first, hence a few tries.
                for (int attempt = 0; attempt < 5 && !server; ++attempt) {
                    QTcpServer probe;
                    probe.listen(QHostAddress::LocalHost, 0);
                    port = probe.serverPort();
                    probe.close();
                    Config::Serve serve;
                    serve.type = Config::Serve::Type::Tcp;
                    serve.listen = u"127.0.0.1:%1"_s.arg(port);
                    serve.clients.insert(u"127.0.0.1"_s, u"bench"_s);
                    Rpc::ServiceFactory factory = [role, environment = m_environment](const QString &identity,
                                                                                      QString *) {
                        return std::make_unique<BenchService>(role, identity, environment);
                    };
                    server =
                        std::make_unique<Daemon::PassiveServer>(serve, factory, Log::Context(u"bench"_s, u"passive"_s));
                    if (!server->start()) {
                        server.reset();
                    }
                }
                if (!server) {
                    problem = u"the passive %1 cannot listen on 127.0.0.1 (the log above says why)"_s.arg(
                        Rpc::toString(role));
                    return;
                }
            }
        });
        if (!problem.isEmpty()) {
            *error = problem.toStdString();
            return false;
        }
        return true;
    }

    quint16 port(Rpc::Role role) const
    {
        return role == Rpc::Role::Sink ? m_sinkPort : m_sourcePort;
    }

    double cpuSeconds() const
    {
        return threadCpuSeconds(m_clock);
    }

private:
    void inThread(const std::function<void()> &work)
    {
        QMetaObject::invokeMethod(m_context, work, Qt::BlockingQueuedConnection);
    }

    QProcessEnvironment m_environment;
    QThread m_thread;
    QObject *m_context = nullptr;
    std::unique_ptr<Daemon::PassiveServer> m_sink;
    std::unique_ptr<Daemon::PassiveServer> m_source;
    quint16 m_sinkPort = 0;
    quint16 m_sourcePort = 0;
    clockid_t m_clock{};
};

std::optional<int> runStreamEnd(int argc, char **argv)
{
    if (argc == 3 && std::strcmp(argv[1], "--produce") == 0) {
        return produce(std::atoll(argv[2]));
    }
    if (argc == 4 && std::strcmp(argv[1], "--consume") == 0) {
        return consume(std::atoll(argv[2]), argv[3]);
    }
    return std::nullopt;
}

NetworkWays::NetworkWays(QString self, QProcessEnvironment environment)
    : m_self(std::move(self))
    , m_environment(std::move(environment))
{}

NetworkWays::~NetworkWays() = default;

bool NetworkWays::start(std::string *error)
{
    if (!m_results.isValid()) {
        *error = "cannot make a temporary directory: " + m_results.errorString().toStdString();
        return false;
    }
    m_passive = std::make_unique<PassiveSide>(m_environment);
    return m_passive->start(error);
}

Async::ProcessSpec NetworkWays::producer(qint64 size) const
{
    return Async::ProcessSpec{m_self, {u"--produce"_s, QString::number(size)}, {}, {}, {}, {}, {}, {}};
}

Async::ProcessSpec NetworkWays::consumer(qint64 size, const QString &resultFile) const
{
    return Async::ProcessSpec{m_self, {u"--consume"_s, QString::number(size), resultFile}, {}, {}, {}, {}, {}, {}};
}

QString NetworkWays::nextResultFile()
{
    return m_results.filePath(u"consumed-%1"_s.arg(++m_runs));
}

bool NetworkWays::checkConsumer(const char *what, const QString &resultFile, qint64 size, std::string *error) const
{
    QFile file(resultFile);
    const qint64 seen = file.open(QIODevice::ReadOnly) ? file.readAll().trimmed().toLongLong() : -1;
    if (seen != size) {
        *error = std::string(what) + ": the consumer reports " + std::to_string(seen) + " bytes checked, "
                 + std::to_string(size) + " were sent";
        return false;
    }
    return true;
}

std::optional<Run> NetworkWays::rawTcpCopy(qint64 size, std::string *error)
{
    const QString resultFile = nextResultFile();
    Fd listener(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (listener.get() < 0 || ::bind(listener.get(), reinterpret_cast<sockaddr *>(&address), sizeof address) != 0
        || ::listen(listener.get(), 1) != 0
        || ::getsockname(listener.get(), reinterpret_cast<sockaddr *>(&address), &length) != 0) {
        *error = errnoText("raw TCP copy: listen on 127.0.0.1");
        return std::nullopt;
    }
    Fd fromProducer, producerEnd, consumerEnd, toConsumer;
    if (!makePipe(&fromProducer, &producerEnd, error) || !makePipe(&consumerEnd, &toConsumer, error)) {
        return std::nullopt;
    }
    const int noDelay = 1;  // as Holdfast's tcp transport sets on both ends

    Run run;
    const qint64 rssAtStart = resetPeakRss();
    const Measurement measurement;
    const pid_t consumerPid = spawn(consumer(size, resultFile), consumerEnd.get(), -1, error);
    consumerEnd.reset();
    if (consumerPid < 0) {
        return std::nullopt;
    }
    const pid_t producerPid = spawn(producer(size), -1, producerEnd.get(), error);
    producerEnd.reset();
    if (producerPid < 0) {
        toConsumer.reset();
        reap(consumerPid);
        return std::nullopt;
    }

    // The passive side: accept, then the connection into the consumer's pipe.
    qint64 passiveBytes = -1;
    double passiveCpu = 0;
    std::string passiveError;
    std::thread passive([&] {
        const double cpuStart = threadCpuSeconds(CLOCK_THREAD_CPUTIME_ID);
        Fd connection(::accept4(listener.get(), nullptr, nullptr, SOCK_CLOEXEC));
        if (connection.get() < 0) {
            passiveError = errnoText("accept");
        } else {
            ::setsockopt(connection.get(), IPPROTO_TCP, TCP_NODELAY, &noDelay, sizeof noDelay);
            passiveBytes = copy(connection.get(), toConsumer.get(), "connection into the consumer", &passiveError);
        }
        toConsumer.reset();  // the end of the stream for the consumer
        passiveCpu = threadCpuSeconds(CLOCK_THREAD_CPUTIME_ID) - cpuStart;
    });

    // The active side: the producer's pipe into the connection.
    std::string activeError;
    qint64 activeBytes = -1;
    Fd connection(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (connection.get() < 0
        || ::connect(connection.get(), reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
        activeError = errnoText("connect");
        ::shutdown(listener.get(), SHUT_RDWR);  // wakes the passive side's accept
    } else {
        ::setsockopt(connection.get(), IPPROTO_TCP, TCP_NODELAY, &noDelay, sizeof noDelay);
        activeBytes = copy(fromProducer.get(), connection.get(), "producer into the connection", &activeError);
        ::shutdown(connection.get(), SHUT_WR);
    }
    fromProducer.reset();
    passive.join();
    connection.reset();
    const std::string producerExit = reap(producerPid);
    const std::string consumerExit = reap(consumerPid);
    measurement.finish(&run);
    run.cpuPassive = passiveCpu;
    run.peakRssKiB = BenchSupport::peakRssKiB() - rssAtStart;
    run.bytes = activeBytes;

    if (!activeError.empty() || !passiveError.empty() || !producerExit.empty() || !consumerExit.empty()) {
        *error = "raw TCP copy: active side \"" + activeError + "\", passive side \"" + passiveError + "\", producer \""
                 + producerExit + "\", consumer \"" + consumerExit + "\"";
        return std::nullopt;
    }
    if (activeBytes != size || passiveBytes != size) {
        *error = "raw TCP copy: " + std::to_string(activeBytes) + " bytes sent, " + std::to_string(passiveBytes)
                 + " received, of " + std::to_string(size);
        return std::nullopt;
    }
    if (!checkConsumer("raw TCP copy", resultFile, size, error)) {
        return std::nullopt;
    }
    return run;
}

namespace {

std::optional<Run> stream(Rpc::Role role,
                          quint16 port,
                          const std::function<double()> &passiveCpu,
                          const Async::ProcessSpec &producer,
                          const Async::ProcessSpec &consumer,
                          std::string *error)
{
    const char *what = role == Rpc::Role::Sink ? "tcp push" : "tcp pull";
    Config::Connect connect;
    connect.type = Config::Connect::Type::Tcp;
    connect.address = u"127.0.0.1:%1"_s.arg(port);
    QString problem;
    std::unique_ptr<Transport::Connector> connector = Transport::connectorFromConfig(connect, &problem);
    if (!connector) {
        *error = std::string(what) + ": " + problem.toStdString();
        return std::nullopt;
    }
    Rpc::Client client(std::move(connector), role);
    qint64 reported = -1;
    const Endpoint::Progress progress = [&reported](qint64 bytes) {
        reported = bytes;
    };

    Run run;
    const qint64 rssAtStart = resetPeakRss();
    const Measurement measurement(passiveCpu);
    // The connection and handshake are part of the timing, as they are of the first step of a replication.
    const Endpoint::StreamOutcome outcome =
        role == Rpc::Role::Sink ? Async::runBlocking(client.sendStream(specJson(consumer), producer, progress))
                                : Async::runBlocking(client.receiveStream(specJson(producer), consumer, progress));
    measurement.finish(&run);
    run.peakRssKiB = BenchSupport::peakRssKiB() - rssAtStart;
    run.bytes = outcome.bytes;
    if (!outcome.ok()) {
        *error = std::string(what) + ": sender \"" + outcome.senderError.toStdString() + "\", receiver \""
                 + outcome.receiverError.toStdString() + "\"";
        return std::nullopt;
    }
    if (reported != outcome.bytes) {
        *error = std::string(what) + ": the last progress report said " + std::to_string(reported)
                 + " bytes, the outcome " + std::to_string(outcome.bytes);
        return std::nullopt;
    }
    return run;
}

}  // namespace

std::optional<Run>
NetworkWays::push(const Async::ProcessSpec &producer, const Async::ProcessSpec &consumer, std::string *error)
{
    return stream(
        Rpc::Role::Sink,
        m_passive->port(Rpc::Role::Sink),
        [this] { return m_passive->cpuSeconds(); },
        producer,
        consumer,
        error);
}

std::optional<Run>
NetworkWays::pull(const Async::ProcessSpec &producer, const Async::ProcessSpec &consumer, std::string *error)
{
    return stream(
        Rpc::Role::Source,
        m_passive->port(Rpc::Role::Source),
        [this] { return m_passive->cpuSeconds(); },
        producer,
        consumer,
        error);
}

std::optional<Run> NetworkWays::push(qint64 size, std::string *error)
{
    const QString resultFile = nextResultFile();
    std::optional<Run> run = push(producer(size), consumer(size, resultFile), error);
    if (run && run->bytes != size) {
        *error = "tcp push: StreamOutcome.bytes is " + std::to_string(run->bytes) + ", " + std::to_string(size)
                 + " were sent";
        return std::nullopt;
    }
    if (run && !checkConsumer("tcp push", resultFile, size, error)) {
        return std::nullopt;
    }
    return run;
}

std::optional<Run> NetworkWays::pull(qint64 size, std::string *error)
{
    const QString resultFile = nextResultFile();
    std::optional<Run> run = pull(producer(size), consumer(size, resultFile), error);
    if (run && run->bytes != size) {
        *error = "tcp pull: StreamOutcome.bytes is " + std::to_string(run->bytes) + ", " + std::to_string(size)
                 + " were sent";
        return std::nullopt;
    }
    if (run && !checkConsumer("tcp pull", resultFile, size, error)) {
        return std::nullopt;
    }
    return run;
}

}  // namespace ReplicationBench
