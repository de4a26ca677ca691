// SPDX-License-Identifier: MIT
#include "NetworkWays.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <functional>
#include <map>
#include <thread>
#include <vector>

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QSslCipher>
#include <QSslSocket>
#include <QTcpServer>
#include <QThread>

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "ChildProcesses.h"
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

using namespace Qt::StringLiterals;

namespace ReplicationBench {

namespace {

constexpr size_t RelayBuffer = 1 << 20;  // the raw TCP copy's read()/write() size, Holdfast's StreamRead

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
// The passive side: a sink and a source per transport, each a Daemon::PassiveServer (tcp and tls on 127.0.0.1,
// stdinserver in a sockdir), in a thread with its own event loop, as the other daemon would be on its own machine.

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
        inThread([this] { m_servers.clear(); });
        m_thread.quit();
        m_thread.wait();
        delete m_context;
    }

    void startThread()
    {
        m_context = new QObject;
        m_context->moveToThread(&m_thread);
        m_thread.setObjectName(u"passive side"_s);
        m_thread.start();
        inThread([this] { ::pthread_getcpuclockid(::pthread_self(), &m_clock); });
    }

    // A sink and a source serving `serve`; for tcp and tls on a port of their own (serve.listen is set here).
    bool serve(Link link, const Config::Serve &serve, const QString &sourceSockdir, std::string *error)
    {
        QString problem;
        inThread([&] {
            for (const Rpc::Role role : {Rpc::Role::Sink, Rpc::Role::Source}) {
                std::unique_ptr<Daemon::PassiveServer> server;
                quint16 port = 0;
                // A port that was free a moment ago; another process may take it first, hence a few tries.
                for (int attempt = 0; attempt < 5 && !server; ++attempt) {
                    Config::Serve config = serve;
                    if (link == Link::Ssh) {
                        if (role == Rpc::Role::Source) {
                            config.stdinserverSockdir = sourceSockdir;
                        }
                    } else {
                        port = freeLoopbackPort();
                        config.listen = u"127.0.0.1:%1"_s.arg(port);
                    }
                    Rpc::ServiceFactory factory = [role, environment = m_environment](const QString &identity,
                                                                                      QString *) {
                        return std::make_unique<BenchService>(role, identity, environment);
                    };
                    server = std::make_unique<Daemon::PassiveServer>(
                        config, factory, Log::Context(u"bench"_s, u"passive"_s));
                    if (!server->start()) {
                        server.reset();
                    }
                }
                if (!server) {
                    problem = u"the passive %1 (%2) cannot serve (the log above says why)"_s.arg(
                        Rpc::toString(role), QString::fromLatin1(linkName(link)));
                    return;
                }
                m_servers[key(link, role)] = Server{std::move(server), port};
            }
        });
        if (!problem.isEmpty()) {
            *error = problem.toStdString();
            return false;
        }
        return true;
    }

    quint16 port(Link link, Rpc::Role role) const
    {
        const auto it = m_servers.find(key(link, role));
        return it == m_servers.end() ? 0 : it->second.port;
    }

    double cpuSeconds() const
    {
        return threadCpuSeconds(m_clock);
    }

private:
    struct Server
    {
        std::unique_ptr<Daemon::PassiveServer> server;
        quint16 port = 0;
    };

    static int key(Link link, Rpc::Role role)
    {
        return int(link) * 2 + (role == Rpc::Role::Sink ? 0 : 1);
    }

    void inThread(const std::function<void()> &work)
    {
        QMetaObject::invokeMethod(m_context, work, Qt::BlockingQueuedConnection);
    }

    QProcessEnvironment m_environment;
    QThread m_thread;
    QObject *m_context = nullptr;
    std::map<int, Server> m_servers;
    clockid_t m_clock{};
};

const char *linkName(Link link)
{
    switch (link) {
    case Link::Tcp:
        return "tcp";
    case Link::Tls:
        return "tls";
    case Link::Ssh:
        return "ssh+stdinserver";
    }
    return "?";
}

NetworkWays::NetworkWays(StreamEnds &ends, QProcessEnvironment environment)
    : m_ends(ends)
    , m_environment(std::move(environment))
{}

NetworkWays::~NetworkWays() = default;

bool NetworkWays::start(std::string *error)
{
    if (!m_ends.isValid(error)) {
        return false;
    }
    m_passive = std::make_unique<PassiveSide>(m_environment);
    m_passive->startThread();
    Config::Serve serve;
    serve.type = Config::Serve::Type::Tcp;
    serve.clients.insert(u"127.0.0.1"_s, u"bench"_s);
    return m_passive->serve(Link::Tcp, serve, {}, error);
}

bool NetworkWays::startTls(const TlsFiles &files, std::string *error)
{
    Config::Serve serve;
    serve.type = Config::Serve::Type::Tls;
    serve.ca = files.ca;
    serve.cert = files.serverCert;
    serve.key = files.serverKey;
    serve.clientCns = {files.clientCn};
    m_tls = files;
    return m_passive->serve(Link::Tls, serve, {}, error);
}

bool NetworkWays::startStdinserver(const QString &sinkSockdir, const QString &sourceSockdir, std::string *error)
{
    Config::Serve serve;
    serve.type = Config::Serve::Type::Stdinserver;
    serve.clientIdentities = {u"client1"_s};
    serve.stdinserverSockdir = sinkSockdir;
    return m_passive->serve(Link::Ssh, serve, sourceSockdir, error);
}

std::optional<Run> NetworkWays::rawTcpCopy(qint64 size, std::string *error)
{
    const QString resultFile = m_ends.nextResultFile();
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
    const pid_t consumerPid = spawn(m_ends.consumer(size, resultFile), consumerEnd.get(), -1, error);
    consumerEnd.reset();
    if (consumerPid < 0) {
        return std::nullopt;
    }
    const pid_t producerPid = spawn(m_ends.producer(size), -1, producerEnd.get(), error);
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
    if (!m_ends.check("raw TCP copy", resultFile, size, error)) {
        return std::nullopt;
    }
    return run;
}

namespace {

Config::Connect tlsConnect(const TlsFiles &files, quint16 port)
{
    Config::Connect connect;
    connect.type = Config::Connect::Type::Tls;
    connect.address = u"127.0.0.1:%1"_s.arg(port);
    connect.ca = files.ca;
    connect.cert = files.clientCert;
    connect.key = files.clientKey;
    connect.serverCn = files.serverCn;
    return connect;
}

}  // namespace

bool NetworkWays::tlsSession(QString *protocol, QString *cipher, std::string *error)
{
    QString problem;
    const std::unique_ptr<Transport::Connector> connector =
        Transport::connectorFromConfig(tlsConnect(m_tls, m_passive->port(Link::Tls, Rpc::Role::Sink)), &problem);
    if (!connector) {
        *error = "tls: " + problem.toStdString();
        return false;
    }
    Transport::Connection connection = Async::runBlocking(connector->connect());
    auto *socket = qobject_cast<QSslSocket *>(connection.device.get());
    if (!socket) {
        *error = "tls: " + (connection.error.isEmpty() ? u"not a TLS socket"_s : connection.error).toStdString();
        return false;
    }
    const QSslCipher session = socket->sessionCipher();
    *cipher = session.name();
    switch (socket->sessionProtocol()) {
    case QSsl::TlsV1_3:
        *protocol = u"TLSv1.3"_s;
        break;
    case QSsl::TlsV1_2:
        *protocol = u"TLSv1.2"_s;
        break;
    default:
        *protocol = session.protocolString();
        break;
    }
    socket->disconnectFromHost();
    return true;
}

std::optional<Run> NetworkWays::stream(
    Link link, bool push, const Async::ProcessSpec &producer, const Async::ProcessSpec &consumer, std::string *error)
{
    const Rpc::Role role = push ? Rpc::Role::Sink : Rpc::Role::Source;
    const std::string what = std::string(linkName(link)) + (push ? " push" : " pull");
    Config::Connect connect;
    switch (link) {
    case Link::Tcp:
        connect.type = Config::Connect::Type::Tcp;
        connect.address = u"127.0.0.1:%1"_s.arg(m_passive->port(link, role));
        break;
    case Link::Tls:
        connect = tlsConnect(m_tls, m_passive->port(link, role));
        break;
    case Link::Ssh:
        connect.type = Config::Connect::Type::SshStdinserver;
        connect.host = u"127.0.0.1"_s;
        connect.user = u"root"_s;
        connect.port = m_ssh.port;
        connect.identityFile = push ? m_ssh.sinkKey : m_ssh.sourceKey;
        connect.options = m_ssh.options;
        break;
    }
    QString problem;
    std::unique_ptr<Transport::Connector> connector = Transport::connectorFromConfig(connect, &problem);
    if (!connector) {
        *error = what + ": " + problem.toStdString();
        return std::nullopt;
    }
    if (link == Link::Ssh) {
        m_ssh.settle();  // the sessions of earlier runs are not this run's
    }
    const double remoteAtStart = link == Link::Ssh ? m_ssh.sessionsCpu() : 0;
    qint64 reported = -1;
    const Endpoint::Progress progress = [&reported](qint64 bytes) {
        reported = bytes;
    };

    Run run;
    Endpoint::StreamOutcome outcome;
    const qint64 rssAtStart = resetPeakRss();
    const Measurement measurement([this] { return m_passive->cpuSeconds(); });
    Clock::time_point end;
    {
        Rpc::Client client(std::move(connector), role);
        // The connection and handshake are part of the timing, as they are of the first step of a replication.
        outcome = push ? Async::runBlocking(client.sendStream(specJson(consumer), producer, progress))
                       : Async::runBlocking(client.receiveStream(specJson(producer), consumer, progress));
        end = Clock::now();
    }
    // The CPU once the connection is closed: for ssh, the client's ssh ends (and is reaped) with it, and sshd's
    // session with that.
    if (link == Link::Ssh) {
        m_ssh.settle();
        run.cpuRemote = m_ssh.sessionsCpu() - remoteAtStart;
    }
    measurement.finish(&run);
    run.seconds = std::chrono::duration<double>(end - measurement.start()).count();
    run.peakRssKiB = BenchSupport::peakRssKiB() - rssAtStart;
    run.bytes = outcome.bytes;
    if (!outcome.ok()) {
        *error = what + ": sender \"" + outcome.senderError.toStdString() + "\", receiver \""
                 + outcome.receiverError.toStdString() + "\"";
        return std::nullopt;
    }
    if (reported != outcome.bytes) {
        *error = what + ": the last progress report said " + std::to_string(reported) + " bytes, the outcome "
                 + std::to_string(outcome.bytes);
        return std::nullopt;
    }
    return run;
}

std::optional<Run>
NetworkWays::push(const Async::ProcessSpec &producer, const Async::ProcessSpec &consumer, std::string *error)
{
    return stream(Link::Tcp, true, producer, consumer, error);
}

std::optional<Run>
NetworkWays::pull(const Async::ProcessSpec &producer, const Async::ProcessSpec &consumer, std::string *error)
{
    return stream(Link::Tcp, false, producer, consumer, error);
}

std::optional<Run> NetworkWays::checkedStream(Link link, bool push, qint64 size, std::string *error)
{
    const std::string what = std::string(linkName(link)) + (push ? " push" : " pull");
    const QString resultFile = m_ends.nextResultFile();
    std::optional<Run> run = stream(link, push, m_ends.producer(size), m_ends.consumer(size, resultFile), error);
    if (run && run->bytes != size) {
        *error = what + ": StreamOutcome.bytes is " + std::to_string(run->bytes) + ", " + std::to_string(size)
                 + " were sent";
        return std::nullopt;
    }
    if (run && !m_ends.check(what, resultFile, size, error)) {
        return std::nullopt;
    }
    return run;
}

std::optional<Run> NetworkWays::push(Link link, qint64 size, std::string *error)
{
    return checkedStream(link, true, size, error);
}

std::optional<Run> NetworkWays::pull(Link link, qint64 size, std::string *error)
{
    return checkedStream(link, false, size, error);
}

}  // namespace ReplicationBench
