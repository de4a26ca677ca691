// SPDX-License-Identifier: MIT
// bench-replication: what moving one full replication stream from `zfs send` into `zfs recv` costs the daemon
// (Async::runPipeline, two pipes joined with splice(2)), next to a direct pipe between the two processes, a
// userspace copy relay and the sender writing to /dev/null, all measured in the same run on the same emulated
// pool. See bench/README.md.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include <QCoreApplication>
#include <QEventLoop>
#include <QProcess>

#include <sys/resource.h>

#include "FigureTable.h"
#include "EmulatorFixture.h"
#include "daemon/async/Pipeline.h"
#include "daemon/async/TaskRunner.h"

using namespace Qt::StringLiterals;
using Clock = std::chrono::steady_clock;

using BenchSupport::FigureTable;
using BenchSupport::median;

namespace {

constexpr qint64 GiB = qint64(1) << 30;
constexpr qint64 MiB = qint64(1) << 20;

// CPU seconds (user + system) of this process, or of its children that have been waited for.
double cpuSeconds(int who)
{
    rusage usage{};
    ::getrusage(who, &usage);
    auto seconds = [](const timeval &t) {
        return double(t.tv_sec) + double(t.tv_usec) / 1e6;
    };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// ---------------------------------------------------------------------------------------------------------------
// The emulated pool: one filesystem whose snapshot's full stream carries `size` bytes of payload

struct Settings
{
    qint64 size = 2 * GiB;
    int runs = 3;  // of each way; the figures are medians
    bool quick = false;
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
// The four ways of moving the stream

struct Run
{
    double seconds = 0;
    double cpuSelf = 0;       // this process
    double cpuChildren = 0;   // the zfs processes (and sh), once reaped
    qint64 bytes = -1;        // counted by the relay; -1 where nobody in the middle counts
    qint64 peakBuffered = 0;  // copy relay: bytes held in this process at once
};

class Measurement
{
public:
    Measurement()
        : m_start(Clock::now())
        , m_cpuSelf(cpuSeconds(RUSAGE_SELF))
        , m_cpuChildren(cpuSeconds(RUSAGE_CHILDREN))
    {}

    void finish(Run *run) const
    {
        run->seconds = std::chrono::duration<double>(Clock::now() - m_start).count();
        run->cpuSelf = cpuSeconds(RUSAGE_SELF) - m_cpuSelf;
        run->cpuChildren = cpuSeconds(RUSAGE_CHILDREN) - m_cpuChildren;
    }

private:
    Clock::time_point m_start;
    double m_cpuSelf;
    double m_cpuChildren;
};

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
    explicit Ways(EmulatedPool &pool)
        : m_pool(pool)
    {}

    // The daemon's relay, with plain `zfs send`/`zfs recv` and none of the flags or planning of a replication step.
    std::optional<Run> relay(std::string *error)
    {
        const QString target = m_pool.nextTarget();
        Async::ProcessSpec send{m_pool.zfsBinary(), {u"send"_s, m_pool.snapshot()}, {}, {}, m_pool.environment(), {}};
        Async::ProcessSpec recv{m_pool.zfsBinary(), {u"recv"_s, target}, {}, {}, m_pool.environment(), {}};
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
};

// ---------------------------------------------------------------------------------------------------------------
// The report

struct Medians
{
    double mbPerSecond = 0;
    double cpuSelfPerGiB = 0;
    double cpuChildrenPerGiB = 0;
    double bytes = -1;
    double peakBuffered = 0;
};

Medians medians(const std::vector<Run> &runs, qint64 streamSize)
{
    std::vector<double> rate;
    std::vector<double> self;
    std::vector<double> children;
    std::vector<double> bytes;
    std::vector<double> buffered;
    const double gib = double(streamSize) / double(GiB);
    for (const Run &run : runs) {
        rate.push_back(double(streamSize) / 1e6 / run.seconds);
        self.push_back(run.cpuSelf / gib);
        children.push_back(run.cpuChildren / gib);
        bytes.push_back(double(run.bytes));
        buffered.push_back(double(run.peakBuffered));
    }
    return {median(rate), median(self), median(children), median(bytes), median(buffered)};
}

void report(FigureTable &table,
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

bool parseArguments(const QStringList &args, Settings *settings)
{
    for (qsizetype i = 0; i < args.size(); ++i) {
        bool ok = true;
        if (args[i] == u"--quick") {
            settings->quick = true;
            settings->size = 64 * MiB;
        } else if (args[i] == u"--size" && i + 1 < args.size()) {
            settings->size = args[++i].toLongLong(&ok);
        } else {
            return false;
        }
        if (!ok) {
            return false;
        }
    }
    return settings->size > 0;
}

}  // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    Settings settings;
    if (!parseArguments(app.arguments().mid(1), &settings)) {
        std::fprintf(stderr, "usage: bench-replication [--quick] [--size BYTES]\n");
        return 2;
    }

    const Clock::time_point total = Clock::now();
    std::string error;
    EmulatedPool pool;
    if (!pool.setUp(settings.size, &error)) {
        std::fprintf(stderr, "bench-replication: %s\n", error.c_str());
        return 1;
    }
    Ways ways(pool);
    std::vector<Run> relay;
    std::vector<Run> pipe;
    std::vector<Run> copy;
    std::vector<Run> alone;
    // Round by round rather than way by way, so that a change in the machine's load falls on every way alike.
    for (int round = 0; round < settings.runs; ++round) {
        for (const auto &[measure, runs] : {std::pair{&Ways::relay, &relay},
                                            std::pair{&Ways::directPipe, &pipe},
                                            std::pair{&Ways::copyRelay, &copy},
                                            std::pair{&Ways::producerAlone, &alone}}) {
            const std::optional<Run> run = (ways.*measure)(&error);
            if (!run) {
                std::fprintf(stderr, "bench-replication: %s\n", error.c_str());
                return 1;
            }
            runs->push_back(*run);
        }
    }

    std::printf("bench-replication%s: one full stream of %lld bytes (%.2f GiB) on the OpenZFS emulator, median of "
                "%d, %.1f s\n",
                settings.quick ? " --quick" : "",
                static_cast<long long>(pool.streamSize()),
                double(pool.streamSize()) / double(GiB),
                settings.runs,
                std::chrono::duration<double>(Clock::now() - total).count());
    FigureTable table(FigureTable::Layout{66, 14, 3});
    report(table,
           pool.streamSize(),
           medians(relay, pool.streamSize()),
           medians(pipe, pool.streamSize()),
           medians(copy, pool.streamSize()),
           medians(alone, pool.streamSize()));
    table.print();
    return 0;
}
