// SPDX-License-Identifier: MIT
// bench-replication: what moving one full replication stream from `zfs send` into `zfs recv` costs the daemon
// (Async::runPipeline, two pipes joined with splice(2)), next to a direct pipe between the two processes, a
// userspace copy relay and the sender writing to /dev/null, all measured in the same run on the same emulated
// pool; and what the tcp transport costs (Rpc::Client against a PassiveServer, push and pull) next to a raw TCP
// copy of the same bytes, the tls transport next to `openssl s_client` → `s_server`, and ssh+stdinserver next to
// `ssh 127.0.0.1` running a stream end, with the same cipher. See bench/README.md.
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include "EmulatorFixture.h"
#include "FigureTable.h"
#include "Measurement.h"
#include "NetworkWays.h"
#include "OpensslPair.h"
#include "PrivateSshd.h"
#include "StreamEnds.h"
#include "daemon/async/Pipeline.h"
#include "daemon/async/TaskRunner.h"

using namespace Qt::StringLiterals;
using namespace ReplicationBench;

using BenchSupport::FigureTable;
using BenchSupport::median;

namespace {

// ---------------------------------------------------------------------------------------------------------------
// The emulated pool: one filesystem whose snapshot's full stream carries `size` bytes of payload

struct Settings
{
    qint64 size = 2 * GiB;
    int runs = 3;  // of each way; the figures are medians
    bool quick = false;
    bool networkOnly = false;       // only the network ways with the bench's own stream ends
    qint64 secureSize = 512 * MiB;  // of the tls and ssh ways (at most `size`)
    QString sshCipher;              // -o Ciphers= for every ssh, Holdfast's and the baseline's
};

// The tls and ssh+stdinserver ways with their baselines, set up when the machine can run them.
struct SecureLinks
{
    QTemporaryDir dir;
    std::unique_ptr<OpensslPair> openssl;
    QString tlsProtocol;
    QString tlsCipher;
    std::string tlsSkipped;  // why there are no tls rows
    std::unique_ptr<PrivateSshd> sshd;
    QString sshCipher;
    double sshLoginSeconds = 0;  // one login that runs `true`: what every ssh run pays before its first byte
    double sshLoginCpu = 0;      // its sshd session's CPU
    std::string sshSkipped;
};

class EmulatedPool
{
public:
    bool setUp(qint64 size, std::string *error)
    {
        if (!m_fixture.start()) {
            *error = m_fixture.unavailableReason().toStdString();
            return false;
        }
        m_pool = m_fixture.nextPoolName();
        QString problem;
        if (!m_fixture.createPool(m_pool, 64, &problem)) {
            *error = problem.toStdString();
            return false;
        }
        const QString filesystem = m_pool + u"/src"_s;
        m_snapshot = filesystem + u"@s"_s;
        if (!zfs({u"create"_s, u"-o"_s, u"holdfast:emulator:size=%1"_s.arg(size), filesystem}, error)
            || !zfs({u"snapshot"_s, m_snapshot}, error)) {
            return false;
        }
        // The size zfs send announces is what every way must move, header and trailer included.
        const ZfsCommandResult estimate = m_fixture.zfs({u"send"_s, u"-nvP"_s, m_snapshot});
        for (const QByteArray &line : estimate.standardOutput.split('\n')) {
            if (line.startsWith("size\t")) {
                m_streamSize = line.mid(5).trimmed().toLongLong();
            }
        }
        if (!estimate.succeeded() || m_streamSize <= 0) {
            *error = "zfs send -nvP " + m_snapshot.toStdString() + ": no size in \""
                     + estimate.standardOutput.toStdString() + estimate.standardError.toStdString() + "\"";
            return false;
        }
        m_sentGuid = guid(m_snapshot);
        if (m_sentGuid.isEmpty()) {
            *error = "no guid for " + m_snapshot.toStdString();
            return false;
        }
        return true;
    }

    // A filesystem name that no earlier receive used, so every run is a full receive into a new filesystem.
    QString nextTarget()
    {
        return u"%1/dst-%2"_s.arg(m_pool).arg(++m_targets);
    }

    // The receive is only a receive if the snapshot arrived whole with the sender's identity.
    bool checkReceived(const QString &target, std::string *error) const
    {
        const QString received = target + u"@s"_s;
        const QByteArray receivedGuid = guid(received);
        if (receivedGuid != m_sentGuid) {
            *error = received.toStdString() + " has guid \"" + receivedGuid.toStdString() + "\", the sender's is "
                     + m_sentGuid.toStdString();
            return false;
        }
        return true;
    }

    QString zfsBinary() const
    {
        return m_fixture.zfsBinary();
    }

    QProcessEnvironment environment() const
    {
        return m_fixture.environment();
    }

    QString snapshot() const
    {
        return m_snapshot;
    }

    qint64 streamSize() const
    {
        return m_streamSize;
    }

private:
    bool zfs(const QStringList &arguments, std::string *error)
    {
        const ZfsCommandResult result = m_fixture.zfs(arguments);
        if (!result.succeeded()) {
            *error = "zfs " + arguments.join(u' ').toStdString() + ": " + result.standardError.toStdString();
            return false;
        }
        return true;
    }

    QByteArray guid(const QString &snapshot) const
    {
        const ZfsCommandResult result = m_fixture.zfs({u"get"_s, u"-Hp"_s, u"-o"_s, u"value"_s, u"guid"_s, snapshot});
        return result.succeeded() ? result.standardOutput.trimmed() : QByteArray();
    }

    EmulatorFixture m_fixture{QStringLiteral(HOLDFAST_ZFS_EMULATOR_BIN_DIR)};
    QString m_pool;
    QString m_snapshot;
    qint64 m_streamSize = 0;
    QByteArray m_sentGuid;
    int m_targets = 0;
};

// ---------------------------------------------------------------------------------------------------------------
// The ways of moving the stream (the network ways are in NetworkWays.cpp)

QString describe(const QProcess &process, const QByteArray &standardError)
{
    return u"exit %1 (%2): %3"_s.arg(process.exitCode())
        .arg(process.exitStatus() == QProcess::NormalExit ? u"normal"_s : u"crashed"_s,
             QString::fromUtf8(standardError));
}

Async::Task<Async::PipelineResult> pipeline(Async::ProcessSpec producer, Async::ProcessSpec consumer)
{
    co_return co_await Async::runPipeline(std::move(producer), std::move(consumer));
}

class Ways
{
public:
    Ways(EmulatedPool &pool, NetworkWays &network, SecureLinks &secure, qint64 secureSize)
        : m_pool(pool)
        , m_network(network)
        , m_secure(secure)
        , m_secureSize(secureSize)
    {}

    // The daemon's relay, with plain `zfs send`/`zfs recv` and none of the flags or planning of a replication step.
    std::optional<Run> relay(std::string *error)
    {
        const QString target = m_pool.nextTarget();
        Async::ProcessSpec send{
            m_pool.zfsBinary(), {u"send"_s, m_pool.snapshot()}, {}, {}, m_pool.environment(), {}, {}, {}};
        Async::ProcessSpec recv{m_pool.zfsBinary(), {u"recv"_s, target}, {}, {}, m_pool.environment(), {}, {}, {}};
        Run run;
        const Measurement measurement;
        const Async::PipelineResult result = Async::runBlocking(pipeline(std::move(send), std::move(recv)));
        measurement.finish(&run);
        run.bytes = result.bytes;
        if (!result.producer.ok() || !result.consumer.ok()) {
            auto outcome = [](const Async::ProcessResult &process) {
                return "exit " + std::to_string(process.exitCode) + (process.crashed ? " (killed)" : "") + " \""
                       + (process.startError.toStdString() + process.standardError.trimmed().toStdString()) + "\"";
            };
            *error = "relay: send " + outcome(result.producer) + ", recv " + outcome(result.consumer);
            return std::nullopt;
        }
        return checked("relay", target, run, error);
    }

    // Baseline A: what the kernel alone costs, as `zfs send | zfs recv` typed into a shell.
    std::optional<Run> directPipe(std::string *error)
    {
        const QString target = m_pool.nextTarget();
        return shell("direct pipe", u"\"$1\" send \"$2\" | \"$1\" recv \"$3\""_s, target, error);
    }

    // Baseline B: a relay that reads every byte into this process and writes it out again, as one would write it
    // with QProcess alone. Qt reads a child's stdout whenever it is readable, so the pause below stops the copying,
    // not the sender: what the sender writes meanwhile piles up in QProcess's read buffer (peakBuffered shows it).
    std::optional<Run> copyRelay(std::string *error)
    {
        constexpr qint64 HighWater = 4 * MiB;
        const QString target = m_pool.nextTarget();
        QProcess send;
        QProcess recv;
        for (QProcess *process : {&send, &recv}) {
            process->setProcessEnvironment(m_pool.environment());
        }
        Run run;
        run.bytes = 0;
        bool sendDone = false;
        bool writeClosed = false;
        int running = 2;
        QEventLoop loop;
        auto pump = [&] {
            while (recv.bytesToWrite() <= HighWater && send.bytesAvailable() > 0) {
                const QByteArray chunk = send.readAll();
                run.bytes += chunk.size();
                recv.write(chunk);
            }
            run.peakBuffered = std::max(run.peakBuffered, recv.bytesToWrite() + send.bytesAvailable());
            if (sendDone && !writeClosed && send.bytesAvailable() == 0) {
                writeClosed = true;
                recv.closeWriteChannel();  // after what is still pending has been written
            }
        };
        QObject::connect(&send, &QProcess::readyReadStandardOutput, &loop, pump);
        QObject::connect(&recv, &QProcess::bytesWritten, &loop, pump);
        QObject::connect(&send, &QProcess::finished, &loop, [&] {
            sendDone = true;
            pump();
            if (--running == 0) {
                loop.quit();
            }
        });
        QObject::connect(&recv, &QProcess::finished, &loop, [&] {
            if (send.state() != QProcess::NotRunning) {
                send.kill();  // nobody reads any more
            }
            if (--running == 0) {
                loop.quit();
            }
        });
        const Measurement measurement;
        recv.start(m_pool.zfsBinary(), {u"recv"_s, target});
        send.start(m_pool.zfsBinary(), {u"send"_s, m_pool.snapshot()});
        if (!recv.waitForStarted() || !send.waitForStarted()) {
            *error = "copy relay: cannot start zfs: " + QString(send.errorString() + recv.errorString()).toStdString();
            return std::nullopt;
        }
        loop.exec();
        measurement.finish(&run);
        if (send.exitStatus() != QProcess::NormalExit || send.exitCode() != 0
            || recv.exitStatus() != QProcess::NormalExit || recv.exitCode() != 0) {
            *error = "copy relay: send " + describe(send, send.readAllStandardError()).toStdString() + ", recv "
                     + describe(recv, recv.readAllStandardError()).toStdString();
            return std::nullopt;
        }
        return checked("copy relay", target, run, error);
    }

    // What bounds all the others: the emulator's sender with nothing slower than /dev/null behind it.
    std::optional<Run> producerAlone(std::string *error)
    {
        return shell("send > /dev/null", u"\"$1\" send \"$2\" > /dev/null"_s, {}, error);
    }

    // The network ways carry as many bytes as the zfs stream has, from the bench's own producer to its own
    // consumer, which checks every byte: the transport sets the pace, not the emulator.
    std::optional<Run> rawTcpCopy(std::string *error)
    {
        return m_network.rawTcpCopy(m_pool.streamSize(), error);
    }

    std::optional<Run> tcpPush(std::string *error)
    {
        return m_network.push(Link::Tcp, m_pool.streamSize(), error);
    }

    std::optional<Run> tcpPull(std::string *error)
    {
        return m_network.pull(Link::Tcp, m_pool.streamSize(), error);
    }

    // The tls and ssh ways move secureSize bytes: both are bound by their ciphers, several times slower than tcp.
    std::optional<Run> tlsPush(std::string *error)
    {
        return m_network.push(Link::Tls, m_secureSize, error);
    }

    std::optional<Run> tlsPull(std::string *error)
    {
        return m_network.pull(Link::Tls, m_secureSize, error);
    }

    std::optional<Run> opensslPair(std::string *error)
    {
        return m_secure.openssl->copy(m_secureSize, error);
    }

    std::optional<Run> sshPush(std::string *error)
    {
        return m_network.push(Link::Ssh, m_secureSize, error);
    }

    std::optional<Run> sshPull(std::string *error)
    {
        return m_network.pull(Link::Ssh, m_secureSize, error);
    }

    std::optional<Run> sshBaselinePush(std::string *error)
    {
        return m_secure.sshd->copy(true, m_secureSize, error);
    }

    std::optional<Run> sshBaselinePull(std::string *error)
    {
        return m_secure.sshd->copy(false, m_secureSize, error);
    }

    // The tcp transport between the emulator's `zfs send` and `zfs recv`: the data path of a replication step.
    std::optional<Run> tcpPushZfs(std::string *error)
    {
        const QString target = m_pool.nextTarget();
        std::optional<Run> run = m_network.push(sendSpec(), recvSpec(target), error);
        return run ? checked("tcp push (zfs ends)", target, *run, error) : std::nullopt;
    }

    std::optional<Run> tcpPullZfs(std::string *error)
    {
        const QString target = m_pool.nextTarget();
        std::optional<Run> run = m_network.pull(sendSpec(), recvSpec(target), error);
        return run ? checked("tcp pull (zfs ends)", target, *run, error) : std::nullopt;
    }

private:
    // The program goes through positional parameters so that no path needs quoting.
    std::optional<Run> shell(const char *what, const QString &script, const QString &target, std::string *error)
    {
        QProcess process;
        process.setProcessEnvironment(m_pool.environment());
        Run run;
        const Measurement measurement;
        process.start(u"/bin/sh"_s, {u"-c"_s, script, u"sh"_s, m_pool.zfsBinary(), m_pool.snapshot(), target});
        // Nothing else runs in this process meanwhile, so a blocking wait measures only the children.
        const bool finished = process.waitForFinished(-1);
        measurement.finish(&run);
        if (!finished || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
            *error = std::string(what) + ": " + describe(process, process.readAllStandardError()).toStdString();
            return std::nullopt;
        }
        if (target.isEmpty()) {
            return run;
        }
        return checked(what, target, run, error);
    }

    Async::ProcessSpec sendSpec() const
    {
        return Async::ProcessSpec{
            m_pool.zfsBinary(), {u"send"_s, m_pool.snapshot()}, {}, {}, m_pool.environment(), {}, {}, {}};
    }

    Async::ProcessSpec recvSpec(const QString &target) const
    {
        return Async::ProcessSpec{m_pool.zfsBinary(), {u"recv"_s, target}, {}, {}, m_pool.environment(), {}, {}, {}};
    }

    std::optional<Run> checked(const char *what, const QString &target, const Run &run, std::string *error) const
    {
        if (run.bytes >= 0 && run.bytes != m_pool.streamSize()) {
            *error = std::string(what) + " moved " + std::to_string(run.bytes) + " bytes, zfs send -nvP announced "
                     + std::to_string(m_pool.streamSize());
            return std::nullopt;
        }
        if (!m_pool.checkReceived(target, error)) {
            *error = std::string(what) + ": " + *error;
            return std::nullopt;
        }
        return run;
    }

    EmulatedPool &m_pool;
    NetworkWays &m_network;
    SecureLinks &m_secure;
    qint64 m_secureSize;
};

// ---------------------------------------------------------------------------------------------------------------
// The report

struct Medians
{
    double mbPerSecond = 0;
    double mibPerSecond = 0;
    double cpuSelfPerGiB = 0;
    double cpuChildrenPerGiB = 0;
    double cpuPassivePerGiB = 0;
    double cpuRemotePerGiB = 0;
    double cpuToolPerGiB = 0;
    double cpuAllPerGiB = 0;  // this process, its children and the sshd sessions
    double bytes = -1;
    double peakBuffered = 0;
    double peakRssMiB = 0;
};

Medians medians(const std::vector<Run> &runs, qint64 streamSize)
{
    std::vector<double> rate;
    std::vector<double> self;
    std::vector<double> children;
    std::vector<double> passive;
    std::vector<double> remote;
    std::vector<double> tool;
    std::vector<double> all;
    std::vector<double> bytes;
    std::vector<double> buffered;
    std::vector<double> rss;
    const double gib = double(streamSize) / double(GiB);
    for (const Run &run : runs) {
        rate.push_back(double(streamSize) / run.seconds);
        self.push_back(run.cpuSelf / gib);
        children.push_back(run.cpuChildren / gib);
        passive.push_back(run.cpuPassive / gib);
        remote.push_back(run.cpuRemote / gib);
        tool.push_back(run.cpuTool / gib);
        all.push_back((run.cpuSelf + run.cpuChildren + run.cpuRemote) / gib);
        bytes.push_back(double(run.bytes));
        buffered.push_back(double(run.peakBuffered));
        rss.push_back(double(run.peakRssKiB) / 1024);
    }
    const double bytesPerSecond = median(rate);
    return {bytesPerSecond / 1e6,
            bytesPerSecond / double(MiB),
            median(self),
            median(children),
            median(passive),
            median(remote),
            median(tool),
            median(all),
            median(bytes),
            median(buffered),
            median(rss)};
}

// Every way's runs, in the order of the table.
struct Results
{
    std::vector<Run> relay;
    std::vector<Run> pipe;
    std::vector<Run> copy;
    std::vector<Run> alone;
    std::vector<Run> rawTcp;
    std::vector<Run> push;
    std::vector<Run> pull;
    std::vector<Run> pushZfs;
    std::vector<Run> pullZfs;
    std::vector<Run> tlsPush;
    std::vector<Run> tlsPull;
    std::vector<Run> openssl;
    std::vector<Run> sshPush;
    std::vector<Run> sshPull;
    std::vector<Run> sshBaselinePush;
    std::vector<Run> sshBaselinePull;
};

void reportLocal(FigureTable &table,
                 qint64 streamSize,
                 const Medians &relay,
                 const Medians &pipe,
                 const Medians &copy,
                 const Medians &alone)
{
    table.add("throughput: relay (splice) vs direct pipe", relay.mbPerSecond, "MB/s", pipe.mbPerSecond);
    table.add("throughput: relay (splice) vs copy relay", relay.mbPerSecond, "MB/s", copy.mbPerSecond);
    table.add("throughput: copy relay vs direct pipe", copy.mbPerSecond, "MB/s", pipe.mbPerSecond);
    table.add("throughput: direct pipe vs send > /dev/null", pipe.mbPerSecond, "MB/s", alone.mbPerSecond);
    table.add("throughput: relay (splice) vs send > /dev/null", relay.mbPerSecond, "MB/s", alone.mbPerSecond);
    table.add("bytes moved: relay (splice) vs zfs send -nvP size", relay.bytes, "", double(streamSize));
    table.add("bytes moved: copy relay vs zfs send -nvP size", copy.bytes, "", double(streamSize));
    table.add(
        "bench process CPU per GiB: relay (splice) vs copy relay", relay.cpuSelfPerGiB, "s/GiB", copy.cpuSelfPerGiB);
    table.add("bench process CPU per GiB: direct pipe (waiting only)", pipe.cpuSelfPerGiB, "s/GiB");
    table.add("zfs processes CPU per GiB: relay (splice) vs direct pipe",
              relay.cpuChildrenPerGiB,
              "s/GiB",
              pipe.cpuChildrenPerGiB);
    table.add("zfs processes CPU per GiB: copy relay vs direct pipe",
              copy.cpuChildrenPerGiB,
              "s/GiB",
              pipe.cpuChildrenPerGiB);
    table.add("zfs send CPU per GiB: send > /dev/null", alone.cpuChildrenPerGiB, "s/GiB");
    table.add("copy relay: peak bytes held in the bench process", copy.peakBuffered / double(MiB), "MiB");
}

// The tcp transport with the bench's stream ends, against the raw TCP copy.
void reportNetwork(FigureTable &table, qint64 streamSize, const Medians &raw, const Medians &push, const Medians &pull)
{
    table.add("tcp throughput: Holdfast push (Receive) vs raw TCP copy", push.mibPerSecond, "MiB/s", raw.mibPerSecond);
    table.add("tcp throughput: Holdfast pull (Send) vs raw TCP copy", pull.mibPerSecond, "MiB/s", raw.mibPerSecond);
    table.add(
        "bench CPU per GiB, both sides: tcp push vs raw TCP copy", push.cpuSelfPerGiB, "s/GiB", raw.cpuSelfPerGiB);
    table.add(
        "bench CPU per GiB, both sides: tcp pull vs raw TCP copy", pull.cpuSelfPerGiB, "s/GiB", raw.cpuSelfPerGiB);
    table.add("of which the passive side: tcp push (sink) vs raw TCP copy",
              push.cpuPassivePerGiB,
              "s/GiB",
              raw.cpuPassivePerGiB);
    table.add("of which the passive side: tcp pull (source) vs raw TCP copy",
              pull.cpuPassivePerGiB,
              "s/GiB",
              raw.cpuPassivePerGiB);
    table.add("producer + consumer CPU per GiB: tcp push vs raw TCP copy",
              push.cpuChildrenPerGiB,
              "s/GiB",
              raw.cpuChildrenPerGiB);
    table.add("producer + consumer CPU per GiB: tcp pull vs raw TCP copy",
              pull.cpuChildrenPerGiB,
              "s/GiB",
              raw.cpuChildrenPerGiB);
    table.add("peak RSS growth during the run: tcp push vs raw TCP copy", push.peakRssMiB, "MiB", raw.peakRssMiB);
    table.add("peak RSS growth during the run: tcp pull vs raw TCP copy", pull.peakRssMiB, "MiB", raw.peakRssMiB);
    table.add("bytes moved: raw TCP copy vs stream size", raw.bytes, "", double(streamSize));
    table.add("bytes moved: tcp push (StreamOutcome.bytes) vs stream size", push.bytes, "", double(streamSize));
    table.add("bytes moved: tcp pull (StreamOutcome.bytes) vs stream size", pull.bytes, "", double(streamSize));
}

// The tcp transport between `zfs send` and `zfs recv`, against the local relay.
void reportNetworkZfs(
    FigureTable &table, qint64 streamSize, const Medians &relay, const Medians &push, const Medians &pull)
{
    table.add("throughput: tcp push (zfs ends) vs relay (splice)", push.mbPerSecond, "MB/s", relay.mbPerSecond);
    table.add("throughput: tcp pull (zfs ends) vs relay (splice)", pull.mbPerSecond, "MB/s", relay.mbPerSecond);
    table.add(
        "bench CPU per GiB: tcp push (zfs ends) vs relay (splice)", push.cpuSelfPerGiB, "s/GiB", relay.cpuSelfPerGiB);
    table.add(
        "bench CPU per GiB: tcp pull (zfs ends) vs relay (splice)", pull.cpuSelfPerGiB, "s/GiB", relay.cpuSelfPerGiB);
    table.add("bytes moved: tcp push (zfs ends) vs zfs send -nvP size", push.bytes, "", double(streamSize));
    table.add("bytes moved: tcp pull (zfs ends) vs zfs send -nvP size", pull.bytes, "", double(streamSize));
}

// The tls transport against the openssl pair moving as many bytes with the same protocol and cipher.
void reportTls(FigureTable &table, qint64 size, const Medians &openssl, const Medians &push, const Medians &pull)
{
    table.add("tls throughput: Holdfast push vs openssl s_client->s_server",
              push.mibPerSecond,
              "MiB/s",
              openssl.mibPerSecond);
    table.add("tls throughput: Holdfast pull vs openssl s_client->s_server",
              pull.mibPerSecond,
              "MiB/s",
              openssl.mibPerSecond);
    table.add("tls CPU per GiB: Holdfast push, both sides vs openssl pair",
              push.cpuSelfPerGiB,
              "s/GiB",
              openssl.cpuToolPerGiB);
    table.add("tls CPU per GiB: Holdfast pull, both sides vs openssl pair",
              pull.cpuSelfPerGiB,
              "s/GiB",
              openssl.cpuToolPerGiB);
    table.add("of which the passive side: tls push (sink)", push.cpuPassivePerGiB, "s/GiB");
    table.add("of which the passive side: tls pull (source)", pull.cpuPassivePerGiB, "s/GiB");
    table.add("producer + consumer CPU per GiB: tls push vs openssl pair",
              push.cpuChildrenPerGiB,
              "s/GiB",
              openssl.cpuChildrenPerGiB);
    table.add("producer + consumer CPU per GiB: tls pull vs openssl pair",
              pull.cpuChildrenPerGiB,
              "s/GiB",
              openssl.cpuChildrenPerGiB);
    table.add("bytes moved: tls push (StreamOutcome.bytes) vs stream size", push.bytes, "", double(size));
    table.add("bytes moved: tls pull (StreamOutcome.bytes) vs stream size", pull.bytes, "", double(size));
    table.add("bytes checked by the consumer: openssl pair vs stream size", openssl.bytes, "", double(size));
}

// ssh+stdinserver against ssh running a stream end on the other side, the same direction and cipher.
void reportSsh(FigureTable &table,
               qint64 size,
               const Medians &push,
               const Medians &pull,
               const Medians &basePush,
               const Medians &basePull)
{
    table.add(
        "ssh throughput: Holdfast push vs ssh 'bench --consume'", push.mibPerSecond, "MiB/s", basePush.mibPerSecond);
    table.add(
        "ssh throughput: Holdfast pull vs ssh 'bench --produce'", pull.mibPerSecond, "MiB/s", basePull.mibPerSecond);
    table.add(
        "ssh CPU per GiB, all processes: push vs ssh baseline", push.cpuAllPerGiB, "s/GiB", basePush.cpuAllPerGiB);
    table.add(
        "ssh CPU per GiB, all processes: pull vs ssh baseline", pull.cpuAllPerGiB, "s/GiB", basePull.cpuAllPerGiB);
    table.add("of which sshd sessions: push (with stdinserver) vs baseline",
              push.cpuRemotePerGiB,
              "s/GiB",
              basePush.cpuRemotePerGiB);
    table.add("of which sshd sessions: pull (with stdinserver) vs baseline",
              pull.cpuRemotePerGiB,
              "s/GiB",
              basePull.cpuRemotePerGiB);
    table.add("of which the bench, both Holdfast sides: ssh push", push.cpuSelfPerGiB, "s/GiB");
    table.add("of which the bench, both Holdfast sides: ssh pull", pull.cpuSelfPerGiB, "s/GiB");
    table.add("bytes moved: ssh push (StreamOutcome.bytes) vs stream size", push.bytes, "", double(size));
    table.add("bytes moved: ssh pull (StreamOutcome.bytes) vs stream size", pull.bytes, "", double(size));
    table.add("bytes checked by the consumer: ssh baseline push vs size", basePush.bytes, "", double(size));
    table.add("bytes checked by the consumer: ssh baseline pull vs size", basePull.bytes, "", double(size));
}

bool isSecure(const std::vector<Run> *runs, const Results &results)
{
    for (const std::vector<Run> *secure : {&results.tlsPush,
                                           &results.tlsPull,
                                           &results.openssl,
                                           &results.sshPush,
                                           &results.sshPull,
                                           &results.sshBaselinePush,
                                           &results.sshBaselinePull}) {
        if (runs == secure) {
            return true;
        }
    }
    return false;
}

void setUpTls(NetworkWays &network, StreamEnds &ends, SecureLinks *secure)
{
    TlsFiles files;
    if (!makeTestPki(QStringLiteral(HOLDFAST_PKI_SCRIPT), secure->dir.filePath(u"pki"_s), &files, &secure->tlsSkipped)
        || !network.startTls(files, &secure->tlsSkipped)
        || !network.tlsSession(&secure->tlsProtocol, &secure->tlsCipher, &secure->tlsSkipped)) {
        return;
    }
    secure->openssl = std::make_unique<OpensslPair>(QStandardPaths::findExecutable(u"openssl"_s), files, ends);
    secure->openssl->setSession(secure->tlsProtocol, secure->tlsCipher);
}

// sshd's forced commands run `holdfast stdinserver` with a configuration that names the sink's or the source's
// sockdir; the passive side listens there.
void setUpSsh(NetworkWays &network, StreamEnds &ends, const Settings &settings, SecureLinks *secure)
{
    const QDir dir(secure->dir.path());
    const QString holdfast = QStringLiteral(HOLDFAST_BINARY);
    if (!QFileInfo(holdfast).isExecutable()) {
        secure->sshSkipped = "no holdfast binary at " + holdfast.toStdString();
        return;
    }
    QStringList commands;
    for (const QString &role : {u"sink"_s, u"source"_s}) {
        const QString config = dir.filePath(role + u".yml"_s);
        QFile file(config);
        if (!file.open(QIODevice::WriteOnly)
            || file.write(u"global:\n  serve:\n    stdinserver:\n      sockdir: %1\njobs: []\n"_s
                              .arg(dir.filePath(role + u"-sock"_s))
                              .toUtf8())
                   < 0) {
            secure->sshSkipped = "cannot write " + config.toStdString();
            return;
        }
        commands.append(
            u"%1 stdinserver --config %2 client1 2>>%3"_s.arg(holdfast, config, dir.filePath(u"stdinserver.log"_s)));
    }
    auto sshd = std::make_unique<PrivateSshd>(ends);
    sshd->setCipher(settings.sshCipher);
    if (!network.startStdinserver(dir.filePath(u"sink-sock"_s), dir.filePath(u"source-sock"_s), &secure->sshSkipped)
        || !sshd->start(dir.filePath(u"sshd"_s), commands[0], commands[1], &secure->sshSkipped)) {
        return;
    }
    sshd->settle();
    const double cpuBefore = sshd->sessionsCpu();
    const Clock::time_point start = Clock::now();
    secure->sshCipher = sshd->negotiatedCipher(&secure->sshSkipped);
    secure->sshLoginSeconds = std::chrono::duration<double>(Clock::now() - start).count();
    secure->sshLoginCpu = sshd->sessionsCpu() - cpuBefore;
    if (secure->sshCipher.isEmpty()) {
        return;
    }
    PrivateSshd *raw = sshd.get();
    network.setSshLink(SshLink{sshd->port(),
                               sshd->sinkKey(),
                               sshd->sourceKey(),
                               sshd->options(),
                               [raw] { return raw->sessionsCpu(); },
                               [raw] {
                                   raw->settle();
                               }});
    secure->sshd = std::move(sshd);
}

bool parseArguments(const QStringList &args, Settings *settings)
{
    for (qsizetype i = 0; i < args.size(); ++i) {
        bool ok = true;
        if (args[i] == u"--quick") {
            settings->quick = true;
            settings->size = 64 * MiB;
            settings->secureSize = 8 * MiB;
        } else if (args[i] == u"--secure-size" && i + 1 < args.size()) {
            settings->secureSize = args[++i].toLongLong(&ok);
        } else if (args[i] == u"--ssh-cipher" && i + 1 < args.size()) {
            settings->sshCipher = args[++i];
        } else if (args[i] == u"--runs" && i + 1 < args.size()) {
            settings->runs = args[++i].toInt(&ok);
        } else if (args[i] == u"--network-only") {
            settings->networkOnly = true;
        } else if (args[i] == u"--size" && i + 1 < args.size()) {
            settings->size = args[++i].toLongLong(&ok);
        } else {
            return false;
        }
        if (!ok) {
            return false;
        }
    }
    settings->secureSize = std::min(settings->secureSize, settings->size);
    return settings->size > 0 && settings->runs > 0 && settings->secureSize > 0;
}

}  // namespace

int main(int argc, char **argv)
{
    // The network ways run this executable as their producer and consumer.
    if (const std::optional<int> code = runStreamEnd(argc, argv)) {
        return *code;
    }
    // A stream end that stops reading must surface as EPIPE in the relays, not end the bench.
    std::signal(SIGPIPE, SIG_IGN);
    QCoreApplication app(argc, argv);
    Settings settings;
    if (!parseArguments(app.arguments().mid(1), &settings)) {
        std::fprintf(stderr,
                     "usage: bench-replication [--quick] [--size BYTES] [--runs N] [--network-only] "
                     "[--secure-size BYTES] [--ssh-cipher NAME]\n");
        return 2;
    }

    const Clock::time_point total = Clock::now();
    std::string error;
    EmulatedPool pool;
    if (!pool.setUp(settings.size, &error)) {
        std::fprintf(stderr, "bench-replication: %s\n", error.c_str());
        return 1;
    }
    StreamEnds ends(QCoreApplication::applicationFilePath());
    NetworkWays network(ends, pool.environment());
    if (!network.start(&error)) {
        std::fprintf(stderr, "bench-replication: %s\n", error.c_str());
        return 1;
    }
    // Declared after the network ways: sshd goes before the passive side it forwards to.
    SecureLinks secure;
    if (!secure.dir.isValid()) {
        std::fprintf(stderr, "bench-replication: cannot make a temporary directory\n");
        return 1;
    }
    setUpTls(network, ends, &secure);
    setUpSsh(network, ends, settings, &secure);
    Ways ways(pool, network, secure, settings.secureSize);
    Results results;
    using Measure = std::optional<Run> (Ways::*)(std::string *);
    std::vector<std::pair<Measure, std::vector<Run> *>> order;
    if (!settings.networkOnly) {
        order = {{&Ways::relay, &results.relay},
                 {&Ways::directPipe, &results.pipe},
                 {&Ways::copyRelay, &results.copy},
                 {&Ways::producerAlone, &results.alone}};
    }
    order.insert(
        order.end(),
        {{&Ways::rawTcpCopy, &results.rawTcp}, {&Ways::tcpPush, &results.push}, {&Ways::tcpPull, &results.pull}});
    if (secure.openssl) {
        order.insert(order.end(),
                     {{&Ways::opensslPair, &results.openssl},
                      {&Ways::tlsPush, &results.tlsPush},
                      {&Ways::tlsPull, &results.tlsPull}});
    }
    if (secure.sshd) {
        order.insert(order.end(),
                     {{&Ways::sshBaselinePush, &results.sshBaselinePush},
                      {&Ways::sshPush, &results.sshPush},
                      {&Ways::sshBaselinePull, &results.sshBaselinePull},
                      {&Ways::sshPull, &results.sshPull}});
    }
    if (!settings.networkOnly) {
        order.insert(order.end(), {{&Ways::tcpPushZfs, &results.pushZfs}, {&Ways::tcpPullZfs, &results.pullZfs}});
    }
    // Round by round rather than way by way, so that a change in the machine's load falls on every way alike.
    for (int round = 0; round < settings.runs; ++round) {
        for (const auto &[measure, runs] : order) {
            // --quick proves the secure ways once: their connection set-up (an ssh login) is seconds, not the bytes.
            if (settings.quick && round > 0 && isSecure(runs, results)) {
                continue;
            }
            const std::optional<Run> run = (ways.*measure)(&error);
            if (!run) {
                std::fprintf(stderr, "bench-replication: %s\n", error.c_str());
                return 1;
            }
            runs->push_back(*run);
        }
    }

    const qint64 size = pool.streamSize();
    std::printf("bench-replication%s%s: one full stream of %lld bytes (%.2f GiB) on the OpenZFS emulator, median of "
                "%d, %.1f s\n",
                settings.quick ? " --quick" : "",
                settings.networkOnly ? " --network-only" : "",
                static_cast<long long>(size),
                double(size) / double(GiB),
                settings.runs,
                std::chrono::duration<double>(Clock::now() - total).count());
    std::printf("network ways: as many bytes from `bench-replication --produce` to `--consume` (which checks each one) "
                "over tcp 127.0.0.1, passive side in a thread of its own\n");
    const qint64 secureSize = settings.secureSize;
    if (secure.openssl) {
        std::printf("tls ways: %lld bytes%s; Qt negotiates %s %s, the openssl pair is held to it\n",
                    static_cast<long long>(secureSize),
                    settings.quick ? ", one run" : "",
                    qPrintable(secure.tlsProtocol),
                    qPrintable(secure.tlsCipher));
    } else {
        std::printf("tls ways skipped: %s\n", secure.tlsSkipped.c_str());
    }
    if (secure.sshd) {
        std::printf("ssh+stdinserver ways: %lld bytes%s through a private sshd on 127.0.0.1, cipher %s for both; "
                    "a login alone (ssh -v ... true) takes %.2f s, its sshd session %.2f s of CPU\n",
                    static_cast<long long>(secureSize),
                    settings.quick ? ", one run" : "",
                    qPrintable(secure.sshCipher),
                    secure.sshLoginSeconds,
                    secure.sshLoginCpu);
    } else {
        std::printf("ssh+stdinserver ways skipped: %s\n", secure.sshSkipped.c_str());
    }
    FigureTable table(FigureTable::Layout{66, 14, 3});
    if (!settings.networkOnly) {
        reportLocal(table,
                    size,
                    medians(results.relay, size),
                    medians(results.pipe, size),
                    medians(results.copy, size),
                    medians(results.alone, size));
    }
    reportNetwork(table, size, medians(results.rawTcp, size), medians(results.push, size), medians(results.pull, size));
    if (secure.openssl) {
        reportTls(table,
                  secureSize,
                  medians(results.openssl, secureSize),
                  medians(results.tlsPush, secureSize),
                  medians(results.tlsPull, secureSize));
    }
    if (secure.sshd) {
        reportSsh(table,
                  secureSize,
                  medians(results.sshPush, secureSize),
                  medians(results.sshPull, secureSize),
                  medians(results.sshBaselinePush, secureSize),
                  medians(results.sshBaselinePull, secureSize));
    }
    if (!settings.networkOnly) {
        reportNetworkZfs(
            table, size, medians(results.relay, size), medians(results.pushZfs, size), medians(results.pullZfs, size));
    }
    table.print();
    return 0;
}
