// SPDX-License-Identifier: MIT
// bench-zfs-listing: what listing every filesystem and every snapshot costs the daemon's ZFS layer (one `zfs get`
// process per side, whatever the number of filesystems), next to zrepl's way of doing it (one `zfs list` process
// per filesystem) measured in the same run on the same emulated pool. See bench/README.md.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QFileInfo>
#include <QProcess>

#include "BackendCommandConfig.h"
#include "FigureTable.h"
#include "EmulatorFixture.h"
#include "daemon/async/TaskRunner.h"
#include "daemon/zfs/ZfsClient.h"

using namespace Qt::StringLiterals;
using Clock = std::chrono::steady_clock;
using Zfs::DatasetPath;
using Zfs::FilesystemVersion;

using BenchSupport::FigureTable;
using BenchSupport::median;
using BenchSupport::peakRssKiB;

namespace {

double elapsedMs(Clock::time_point since)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - since).count();
}

// ---------------------------------------------------------------------------------------------------------------
// The emulated pool

struct Settings
{
    int filesystems = 1000;
    int snapshots = 50;
    int runs = 5;                        // of each ZfsClient listing; the figure is the median
    int baselineRuns = 3;                // of the whole per-filesystem listing (the median) ...
    qsizetype baselineRunsUpTo = 10000;  // ... up to this many snapshots; above, one run, which takes minutes
    int spawnFloorRuns = 21;
    bool quick = false;
};

// A pool of `filesystems` filesystems with `snapshots` snapshots each, in an emulator state directory of its own so
// that one size's state never slows down the other's commands (each emulator process reads the whole state).
class EmulatedPool
{
public:
    EmulatedPool(int filesystems, int snapshots)
        : m_filesystems(filesystems)
        , m_snapshots(snapshots)
    {}

    bool setUp(std::string *error)
    {
        if (!m_fixture.start()) {
            *error = m_fixture.unavailableReason().toStdString();
            return false;
        }
        const Clock::time_point start = Clock::now();
        m_pool = m_fixture.nextPoolName();
        QString problem;
        if (!m_fixture.createPool(m_pool, 64, &problem)) {
            *error = problem.toStdString();
            return false;
        }
        m_setUpProcesses = 1;
        for (int i = 0; i < m_filesystems; ++i) {
            if (!zfs({u"create"_s, filesystemName(i)}, error)) {
                return false;
            }
        }
        // One `zfs snapshot` per round naming every filesystem, as a snapshotter taking a round would: each round
        // gets its own txg, so createtxg orders the snapshots of a filesystem as it would on a real pool.
        for (int s = 0; s < m_snapshots; ++s) {
            QStringList round;
            for (int i = 0; i < m_filesystems; ++i) {
                round.append(filesystemName(i) + u'@' + snapshotName(s));
            }
            constexpr qsizetype PerCommand = 2000;  // keeps the command line far below ARG_MAX
            for (qsizetype first = 0; first < round.size(); first += PerCommand) {
                if (!zfs(QStringList{u"snapshot"_s} + round.mid(first, PerCommand), error)) {
                    return false;
                }
            }
        }
        m_setUpMs = elapsedMs(start);
        return true;
    }

    QString filesystemName(int i) const
    {
        return u"%1/fs%2"_s.arg(m_pool).arg(i, 4, 10, QChar(u'0'));
    }

    // zrepl's naming (`zrepl_` + UTC time), one round every 15 minutes, so the output has realistic widths.
    static QString snapshotName(int s)
    {
        const QDateTime taken = QDateTime::fromSecsSinceEpoch(1795600800 + qint64(s) * 15 * 60, Qt::UTC);
        return u"zrepl_"_s + taken.toString(u"yyyyMMdd_HHmmss"_s) + u"_000"_s;
    }

    QProcessEnvironment environment() const
    {
        return m_fixture.environment();
    }

    QString zfsBinary() const
    {
        return m_fixture.zfsBinary();
    }

    const ZfsBackend &backend() const { return m_fixture; }

    QString pool() const
    {
        return m_pool;
    }

    int filesystems() const
    {
        return m_filesystems;
    }

    int snapshots() const
    {
        return m_snapshots;
    }

    double setUpMs() const
    {
        return m_setUpMs;
    }

    int setUpProcesses() const
    {
        return m_setUpProcesses;
    }

    qint64 stateBytes() const
    {
        return QFileInfo(m_fixture.stateDirectory() + u"/state.json"_s).size();
    }

private:
    bool zfs(const QStringList &arguments, std::string *error)
    {
        ++m_setUpProcesses;
        // The last snapshot rounds rewrite a state file of tens of megabytes; the fixture's default is too short.
        const ZfsCommandResult result = m_fixture.run(m_fixture.zfsBinary(), arguments, {}, 10 * 60 * 1000);
        if (!result.succeeded()) {
            *error = "zfs " + arguments.value(0).toStdString() + " " + arguments.value(1).toStdString()
                     + "...: " + result.standardError.toStdString();
            return false;
        }
        return true;
    }

    EmulatorFixture m_fixture{QStringLiteral(HOLDFAST_ZFS_EMULATOR_BIN_DIR)};
    int m_filesystems;
    int m_snapshots;
    QString m_pool;
    double m_setUpMs = 0;
    int m_setUpProcesses = 0;
};

// ---------------------------------------------------------------------------------------------------------------
// The measurements

struct Listing
{
    double setUpMs = 0;
    int setUpProcesses = 0;
    qint64 stateBytes = 0;

    double filesystemsMs = 0;
    quint64 filesystemsProcesses = 0;
    qint64 filesystemsBytes = 0;

    double versionsMs = 0;
    quint64 versionsProcesses = 0;
    qint64 versionsBytes = 0;

    double baselineMs = 0;
    int baselineRuns = 0;
    quint64 baselineProcesses = 0;
    qint64 baselineBytes = 0;
    double spawnFloorMs = 0;  // one emulator process that reads no state (`zfs version`), started as the baseline's

    qint64 rssBeforeKiB = 0;
    qint64 rssAfterKiB = 0;
};

// The bytes one command writes to stdout, run outside any timing: ZfsCommand keeps its output to itself.
qint64 outputBytes(const EmulatedPool &pool, const QStringList &arguments)
{
    QProcess process;
    process.setProcessEnvironment(pool.environment());
    process.start(pool.zfsBinary(), arguments);
    if (!process.waitForFinished(10 * 60 * 1000) || process.exitCode() != 0) {
        return -1;
    }
    return process.readAllStandardOutput().size();
}

class Bench
{
public:
    explicit Bench(const Settings &settings)
        : m_settings(settings)
    {}

    std::optional<Listing> measure(EmulatedPool &pool, std::string *error)
    {
        Listing listing;
        listing.setUpMs = pool.setUpMs();
        listing.setUpProcesses = pool.setUpProcesses();
        listing.stateBytes = pool.stateBytes();
        listing.rssBeforeKiB = peakRssKiB();

        Zfs::ZfsCommand command(commandConfigFor(pool.backend()));
        Zfs::ZfsClient client(command);
        // Detected once per client in the daemon; not part of what a listing costs.
        const auto caps = Async::runBlocking(client.capabilities());
        if (!caps.ok()) {
            *error = "capabilities: " + caps.error.toString().toStdString();
            return std::nullopt;
        }

        QList<DatasetPath> filesystems;
        std::vector<double> times;
        for (int run = 0; run < m_settings.runs; ++run) {
            const quint64 before = Zfs::ZfsCommand::spawnCount();
            const Clock::time_point start = Clock::now();
            const auto all = Async::runBlocking(client.listFilesystems());
            times.push_back(elapsedMs(start));
            listing.filesystemsProcesses = Zfs::ZfsCommand::spawnCount() - before;
            if (!all.ok()) {
                *error = "listFilesystems: " + all.error.toString().toStdString();
                return std::nullopt;
            }
            filesystems.clear();
            int below = 0;
            for (const Zfs::Dataset &dataset : all.value) {
                if (dataset.path.components().value(0) == pool.pool()) {
                    filesystems.append(dataset.path);
                    below += dataset.path.length() > 1 ? 1 : 0;
                }
            }
            if (below != pool.filesystems()) {
                *error = "listFilesystems found " + std::to_string(below) + " filesystems below the pool, not "
                         + std::to_string(pool.filesystems());
                return std::nullopt;
            }
        }
        listing.filesystemsMs = median(times);

        times.clear();
        for (int run = 0; run < m_settings.runs; ++run) {
            const quint64 before = Zfs::ZfsCommand::spawnCount();
            const Clock::time_point start = Clock::now();
            const auto versions = Async::runBlocking(client.listVersions(filesystems, true));
            times.push_back(elapsedMs(start));
            listing.versionsProcesses = Zfs::ZfsCommand::spawnCount() - before;
            if (!versions.ok()) {
                *error = "listVersions: " + versions.error.toString().toStdString();
                return std::nullopt;
            }
            if (listing.versionsProcesses != 1) {
                *error = "listVersions used " + std::to_string(listing.versionsProcesses) + " processes, not 1";
                return std::nullopt;
            }
            if (!checkVersions(pool, versions.value, error)) {
                return std::nullopt;
            }
        }
        listing.versionsMs = median(times);
        listing.rssAfterKiB = peakRssKiB();

        // What those processes wrote, from the same command lines ZfsClient builds.
        listing.filesystemsBytes = outputBytes(pool,
                                               {u"get"_s,
                                                u"-H"_s,
                                                u"-p"_s,
                                                u"-o"_s,
                                                u"name,property,value"_s,
                                                u"-t"_s,
                                                u"filesystem,volume"_s,
                                                u"type"_s});
        listing.versionsBytes = outputBytes(pool,
                                            {u"get"_s,
                                             u"-H"_s,
                                             u"-p"_s,
                                             u"-r"_s,
                                             u"-o"_s,
                                             u"name,property,value"_s,
                                             u"-t"_s,
                                             u"snapshot,bookmark"_s,
                                             u"type,guid,createtxg,creation,userrefs"_s,
                                             pool.pool()});

        times.clear();
        listing.baselineRuns = qsizetype(pool.filesystems()) * pool.snapshots() <= m_settings.baselineRunsUpTo
                                   ? m_settings.baselineRuns
                                   : 1;
        for (int run = 0; run < listing.baselineRuns; ++run) {
            const Clock::time_point start = Clock::now();
            QHash<QString, QList<FilesystemVersion>> versions;
            if (!zreplListing(pool, filesystems, &versions, &listing, error)) {
                return std::nullopt;
            }
            times.push_back(elapsedMs(start));
            if (!checkVersions(pool, versions, error)) {
                *error = "zrepl's listing: " + *error;
                return std::nullopt;
            }
        }
        listing.baselineMs = median(times);

        // What the per-filesystem processes would cost if each cost no more than starting: on the emulator every
        // process reads the whole pool's state, on OpenZFS `zfs list -d 1` reads one filesystem's snapshots.
        times.clear();
        for (int run = 0; run < m_settings.spawnFloorRuns; ++run) {
            QProcess process;
            process.setProcessEnvironment(pool.environment());
            const Clock::time_point start = Clock::now();
            process.start(pool.zfsBinary(), {u"version"_s});
            if (!process.waitForFinished() || process.exitCode() != 0) {
                *error = "zfs version: " + process.readAllStandardError().toStdString();
                return std::nullopt;
            }
            process.readAllStandardOutput();
            times.push_back(elapsedMs(start));
        }
        listing.spawnFloorMs = median(times);
        return listing;
    }

private:
    // zrepl lists the versions of one filesystem per process (zfs.ZFSListFilesystemVersions), once for every
    // filesystem it replicates, one after the other: the same command line, its output parsed as zrepl does.
    static bool zreplListing(const EmulatedPool &pool,
                             const QList<DatasetPath> &filesystems,
                             QHash<QString, QList<FilesystemVersion>> *versions,
                             Listing *listing,
                             std::string *error)
    {
        const QProcessEnvironment environment = pool.environment();
        listing->baselineProcesses = 0;
        listing->baselineBytes = 0;
        for (const DatasetPath &filesystem : filesystems) {
            QProcess process;
            process.setProcessEnvironment(environment);
            process.start(pool.zfsBinary(),
                          {u"list"_s,
                           u"-H"_s,
                           u"-p"_s,
                           u"-o"_s,
                           u"name,guid,createtxg,creation"_s,
                           u"-t"_s,
                           u"snapshot,bookmark"_s,
                           u"-d"_s,
                           u"1"_s,
                           filesystem.toString()});
            ++listing->baselineProcesses;
            if (!process.waitForFinished(10 * 60 * 1000) || process.exitStatus() != QProcess::NormalExit
                || process.exitCode() != 0) {
                *error = "zfs list " + filesystem.toString().toStdString() + ": "
                         + process.readAllStandardError().toStdString();
                return false;
            }
            const QByteArray output = process.readAllStandardOutput();
            listing->baselineBytes += output.size();
            for (const QByteArray &line : output.split('\n')) {
                if (line.isEmpty()) {
                    continue;
                }
                const QList<QByteArray> fields = line.split('\t');
                const QString name = QString::fromUtf8(fields.value(0));
                const qsizetype at = name.indexOf(u'@') >= 0 ? name.indexOf(u'@') : name.indexOf(u'#');
                bool ok = fields.size() == 4 && at > 0;
                FilesystemVersion version;
                version.type = name.at(at) == u'@' ? Zfs::VersionType::Snapshot : Zfs::VersionType::Bookmark;
                version.filesystem = name.left(at);
                version.name = name.mid(at + 1);
                bool guidOk = false;
                bool txgOk = false;
                version.guid = fields.value(1).toULongLong(&guidOk);
                version.createTxg = fields.value(2).toULongLong(&txgOk);
                version.creation = Api::Timestamp::fromUnix(fields.value(3).toLongLong());
                if (!ok || !guidOk || !txgOk) {
                    *error = "zfs list: cannot parse \"" + line.toStdString() + "\"";
                    return false;
                }
                (*versions)[version.filesystem].append(std::move(version));
            }
        }
        return true;
    }

    // Every filesystem below the pool, every snapshot, in createtxg order: a listing that misses or reorders one
    // would make the timings meaningless.
    static bool checkVersions(const EmulatedPool &pool,
                              const QHash<QString, QList<FilesystemVersion>> &versions,
                              std::string *error)
    {
        qsizetype total = 0;
        for (const QList<FilesystemVersion> &list : versions) {
            total += list.size();
        }
        if (versions.size() != pool.filesystems() || total != qsizetype(pool.filesystems()) * pool.snapshots()) {
            *error = "listed " + std::to_string(total) + " snapshots of " + std::to_string(versions.size())
                     + " filesystems, not " + std::to_string(qsizetype(pool.filesystems()) * pool.snapshots()) + " of "
                     + std::to_string(pool.filesystems());
            return false;
        }
        const QList<FilesystemVersion> last = versions.value(pool.filesystemName(pool.filesystems() - 1));
        for (int s = 0; s < last.size(); ++s) {
            if (last[s].name != EmulatedPool::snapshotName(s)
                || (s > 0 && last[s].createTxg <= last[s - 1].createTxg)) {
                *error = "the snapshots of " + pool.filesystemName(pool.filesystems() - 1).toStdString()
                         + " are not listed in createtxg order";
                return false;
            }
        }
        return true;
    }

    Settings m_settings;
};

std::string sizeName(const EmulatedPool &pool)
{
    return std::to_string(pool.filesystems()) + " fs x " + std::to_string(pool.snapshots());
}

void report(
    FigureTable &table, const EmulatedPool &small, const Listing &s, const EmulatedPool &large, const Listing &l)
{
    for (const auto &[pool, listing] : {std::pair{&small, &s}, std::pair{&large, &l}}) {
        const std::string size = sizeName(*pool);
        table.add("set-up, " + size + ": wall time", listing->setUpMs / 1000, "s");
        table.add("set-up, " + size + ": zfs/zpool processes", listing->setUpProcesses, "");
        table.add("set-up, " + size + ": emulator state file", double(listing->stateBytes) / (1024 * 1024), "MiB");
    }
    const std::string size = sizeName(large);
    table.add("listFilesystems, " + size + ": wall time (median)", l.filesystemsMs, "ms");
    table.add("listFilesystems, " + size + ": processes", double(l.filesystemsProcesses), "");
    table.add("listFilesystems, " + size + ": output", double(l.filesystemsBytes) / 1024, "KiB");
    table.add(
        "listVersions(all, bookmarks), " + size + ": wall time vs zrepl per-fs", l.versionsMs, "ms", l.baselineMs);
    table.add("listVersions(all, bookmarks), " + size + ": wall time vs per-fs spawn floor",
              l.versionsMs,
              "ms",
              l.spawnFloorMs * double(l.baselineProcesses));
    table.add("listVersions(all, bookmarks), " + size + ": processes vs zrepl per-fs",
              double(l.versionsProcesses),
              "",
              double(l.baselineProcesses));
    table.add("listVersions(all, bookmarks), " + size + ": output vs zrepl per-fs",
              double(l.versionsBytes) / 1024,
              "KiB",
              double(l.baselineBytes) / 1024);
    // Linear cost gives a ratio near 1; cost that grows with the pool as well gives a ratio near 10.
    const double largeFs = large.filesystems();
    const double smallFs = small.filesystems();
    table.add("listVersions per filesystem, " + size + " (vs " + sizeName(small) + ")",
              l.versionsMs * 1000 / largeFs,
              "us",
              s.versionsMs * 1000 / smallFs);
    table.add("zrepl per-fs listing per filesystem, " + size + " (vs " + sizeName(small) + ")",
              l.baselineMs * 1000 / largeFs,
              "us",
              s.baselineMs * 1000 / smallFs);
    table.add("zrepl per-fs listing per process, " + size + " (vs " + sizeName(small) + ")",
              l.baselineMs * 1000 / double(l.baselineProcesses),
              "us",
              s.baselineMs * 1000 / double(s.baselineProcesses));
    table.add("spawn floor: one `zfs version` process (vs one zrepl per-fs list)",
              l.spawnFloorMs * 1000,
              "us",
              l.baselineMs * 1000 / double(l.baselineProcesses));
    table.add("peak RSS (VmHWM) after the listings (vs after set-up)",
              double(l.rssAfterKiB) / 1024,
              "MiB",
              double(l.rssBeforeKiB) / 1024);
}

bool parseArguments(const QStringList &args, Settings *settings)
{
    for (qsizetype i = 0; i < args.size(); ++i) {
        bool ok = true;
        if (args[i] == u"--quick") {
            settings->quick = true;
            settings->filesystems = 100;
            settings->snapshots = 10;
        } else if (args[i] == u"--filesystems" && i + 1 < args.size()) {
            settings->filesystems = args[++i].toInt(&ok);
        } else if (args[i] == u"--snapshots" && i + 1 < args.size()) {
            settings->snapshots = args[++i].toInt(&ok);
        } else {
            return false;
        }
        if (!ok) {
            return false;
        }
    }
    // The scaling line needs a tenth of the filesystems, at least one.
    return settings->filesystems >= 10 && settings->snapshots >= 1 && settings->filesystems <= 9999;
}

}  // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    Settings settings;
    if (!parseArguments(app.arguments().mid(1), &settings)) {
        std::fprintf(stderr, "usage: bench-zfs-listing [--quick] [--filesystems N (10..9999)] [--snapshots M]\n");
        return 2;
    }
    if (settings.quick) {
        settings.baselineRuns = 1;
    }

    const Clock::time_point total = Clock::now();
    Bench bench(settings);
    std::string error;
    // The tenth first: VmHWM only grows, so the figures taken around the full size are the full size's.
    EmulatedPool small(settings.filesystems / 10, settings.snapshots);
    EmulatedPool large(settings.filesystems, settings.snapshots);
    std::optional<Listing> smallListing;
    std::optional<Listing> largeListing;
    const bool ok = small.setUp(&error) && (smallListing = bench.measure(small, &error)) && large.setUp(&error)
                    && (largeListing = bench.measure(large, &error));
    if (!ok) {
        std::fprintf(stderr, "bench-zfs-listing: %s\n", error.c_str());
        return 1;
    }
    std::printf("bench-zfs-listing%s: %d x %d on the OpenZFS emulator, %.1f s\n",
                settings.quick ? " --quick" : "",
                settings.filesystems,
                settings.snapshots,
                elapsedMs(total) / 1000);
    FigureTable table(FigureTable::Layout{76, 14, 2});
    report(table, small, *smallListing, large, *largeListing);
    table.print();
    return 0;
}
