// SPDX-License-Identifier: MIT
#include "VersionHistoryBench.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <utility>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "shared/restore/VersionHistory.h"

using namespace Qt::StringLiterals;
using BenchSupport::median;

namespace {

const QString RelativePath = u"dir/file"_s;

double msSince(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

std::string systemError(const QString &what)
{
    return what.toStdString() + ": " + std::strerror(errno);
}

// Bytes this process has read through read(2) and friends so far (/proc/self/io's rchar); -1 without /proc.
qint64 bytesRead()
{
    QFile io(u"/proc/self/io"_s);
    if (!io.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray &line : io.readAll().split('\n')) {
        if (line.startsWith("rchar:")) {
            return line.mid(6).trimmed().toLongLong();
        }
    }
    return -1;
}

// zrepl's default naming, a quarter of an hour apart, oldest first.
QString snapshotName(int index)
{
    const QDateTime start(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    return u"zrepl_"_s + start.addSecs(qint64(index) * 900).toString(u"yyyyMMdd_HHmmss_000"_s);
}

}  // namespace

VersionHistoryBench::VersionHistoryBench(int snapshots, int runs, BenchSupport::FigureTable &table)
    : m_snapshots(snapshots)
    , m_runs(runs)
    , m_table(table)
{
}

bool VersionHistoryBench::buildTree(std::string *error)
{
    if (!m_dir.isValid()) {
        *error = "cannot create a temporary directory: " + m_dir.errorString().toStdString();
        return false;
    }
    m_mountPoint = m_dir.filePath(u"fs"_s);
    m_livePath = m_mountPoint + u'/' + RelativePath;
    const QString snapshotDirectory = m_mountPoint + u"/.zfs/snapshot"_s;
    QString versionPath;
    for (int i = 0; i < m_snapshots; ++i) {
        const QString dir = snapshotDirectory + u'/' + snapshotName(i) + u"/dir"_s;
        if (!QDir().mkpath(dir)) {
            *error = "cannot create " + dir.toStdString();
            return false;
        }
        const QString path = dir + u"/file"_s;
        if (i % ChangeEvery != 0) {
            if (::link(QFile::encodeName(versionPath).constData(), QFile::encodeName(path).constData()) != 0) {
                *error = systemError(u"link "_s + path);
                return false;
            }
            continue;
        }
        // A new version: new content, a new inode, and a modification time of its own (the file system's clock
        // may not tick between two writes).
        QFile file(path);
        const QByteArray content(FileBytes, char('a' + i / ChangeEvery % 26));
        if (!file.open(QIODevice::WriteOnly) || file.write(content) != FileBytes) {
            *error = "cannot write " + path.toStdString() + ": " + file.errorString().toStdString();
            return false;
        }
        file.close();
        const struct timespec times[2] = {{1767225600 + i * 900, 0}, {1767225600 + i * 900, 0}};
        if (::utimensat(AT_FDCWD, QFile::encodeName(path).constData(), times, 0) != 0) {
            *error = systemError(u"utimensat "_s + path);
            return false;
        }
        versionPath = path;
    }
    // The live file is the newest version: the newest snapshots' version is the current one.
    if (!QDir().mkpath(m_mountPoint + u"/dir"_s)
        || ::link(QFile::encodeName(versionPath).constData(), QFile::encodeName(m_livePath).constData()) != 0) {
        *error = systemError(u"link "_s + m_livePath);
        return false;
    }
    return true;
}

bool VersionHistoryBench::checkHistory(const QList<Restore::SnapshotEntry> &snapshots, std::string *error) const
{
    const Restore::FileHistory history = Restore::computeHistory(m_livePath, RelativePath, snapshots);
    const int expected = (m_snapshots + ChangeEvery - 1) / ChangeEvery;
    if (history.versions.size() != expected || history.contentVersions() != expected) {
        *error = "computeHistory found " + std::to_string(history.versions.size()) + " versions in "
            + std::to_string(m_snapshots) + " snapshots, expected " + std::to_string(expected);
        return false;
    }
    // Newest first: the newest version spans the snapshots since the last change and is the live file's.
    const int newestSpan = m_snapshots % ChangeEvery == 0 ? ChangeEvery : m_snapshots % ChangeEvery;
    for (int v = 0; v < expected; ++v) {
        const Restore::FileVersion &version = history.versions.at(v);
        const int span = v == 0 ? newestSpan : ChangeEvery;
        if (version.snapshotCount() != span || version.current != (v == 0)) {
            *error = "version " + std::to_string(v) + " spans " + std::to_string(version.snapshotCount())
                + " snapshots (expected " + std::to_string(span) + ") or is wrongly marked current";
            return false;
        }
    }
    return true;
}

bool VersionHistoryBench::run(std::string *error)
{
    QElapsedTimer timer;
    timer.start();
    if (!buildTree(error)) {
        return false;
    }
    const double setUp = msSince(timer);

    QString catalogError;
    const QList<Restore::SnapshotEntry> snapshots =
        Restore::SnapshotCatalog::list(m_mountPoint, QString(), Restore::ZfsSnapshotQuery(), &catalogError);
    if (snapshots.size() != m_snapshots || snapshots.first().name != snapshotName(m_snapshots - 1)) {
        *error = "SnapshotCatalog::list found " + std::to_string(snapshots.size()) + " snapshots, not the "
            + std::to_string(m_snapshots) + " newest first: " + catalogError.toStdString();
        return false;
    }
    if (!checkHistory(snapshots, error)) {
        return false;
    }

    // The same paths for the baselines, built before their clocks start.
    QStringList paths;
    std::vector<QByteArray> encoded;
    for (const Restore::SnapshotEntry &snapshot : snapshots) {
        paths.append(snapshot.root + u'/' + RelativePath);
        encoded.push_back(QFile::encodeName(paths.last()));
    }
    const QString snapshotDirectory = m_mountPoint + u"/.zfs/snapshot"_s;

    std::vector<double> catalog, listing, history, fileStates, bareLstat;
    qint64 historyRead = -1;
    for (int i = 0; i < m_runs; ++i) {
        timer.restart();
        const auto listed = Restore::SnapshotCatalog::list(m_mountPoint, QString(), Restore::ZfsSnapshotQuery());
        catalog.push_back(msSince(timer));
        timer.restart();
        const QStringList names =
            QDir(snapshotDirectory).entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden, QDir::Name);
        listing.push_back(msSince(timer));
        if (listed.size() != m_snapshots || names.size() != m_snapshots) {
            *error = "a listing of the snapshots came back short";
            return false;
        }

        // Reading /proc/self/io counts itself: what two reads in a row differ by is the measurement's own share.
        const qint64 calibration = bytesRead();
        const qint64 readBefore = bytesRead();
        timer.restart();
        const Restore::FileHistory result = Restore::computeHistory(m_livePath, RelativePath, snapshots);
        history.push_back(msSince(timer));
        const qint64 readAfter = bytesRead();
        if (calibration >= 0 && readBefore >= 0 && readAfter >= 0) {
            historyRead = std::max(historyRead, (readAfter - readBefore) - (readBefore - calibration));
        }
        if (result.versions.isEmpty()) {
            *error = "computeHistory found no version";
            return false;
        }

        timer.restart();
        int existing = 0;
        for (const QString &path : std::as_const(paths)) {
            existing += Restore::FileState::of(path).exists() ? 1 : 0;
        }
        fileStates.push_back(msSince(timer));

        timer.restart();
        int found = 0;
        struct stat st{};
        for (const QByteArray &path : encoded) {
            found += ::lstat(path.constData(), &st) == 0 ? 1 : 0;
        }
        bareLstat.push_back(msSince(timer));
        if (existing != m_snapshots || found != m_snapshots) {
            *error = "the file is missing in some snapshots";
            return false;
        }
    }

    const std::string n = std::to_string(m_snapshots) + " snapshots";
    const double lstatMs = median(bareLstat);
    const double historyMs = median(history);
    m_table.add("file history: set-up of the tree, " + n, setUp, "ms");
    m_table.add("SnapshotCatalog::list, " + n + " (vs QDir::entryList)", median(catalog), "ms", median(listing));
    m_table.add("computeHistory, " + n + " (vs bare ::lstat, same paths)", historyMs, "ms", lstatMs);
    m_table.add("    of which FileState::of (QString, encodeName, lstat)", median(fileStates), "ms", lstatMs);
    m_table.add("computeHistory per snapshot (vs one bare ::lstat)", historyMs * 1000 / m_snapshots, "us",
                lstatMs * 1000 / m_snapshots);
    m_table.add("computeHistory, " + n + " (vs the 1 s target)", historyMs, "ms", 1000.0);
    if (historyRead >= 0) {
        m_table.add("bytes read by computeHistory (vs every snapshot's file)", double(historyRead), "",
                    double(FileBytes) * m_snapshots);
    }
    char text[256];
    std::snprintf(text, sizeof text, "file history of one file across %d snapshots: %.1f ms, target <= 1 s %s%s",
                  m_snapshots, historyMs, historyMs <= 1000 ? "met" : "MISSED",
                  m_snapshots < 1000 ? " (the target is for 1,000 snapshots)" : "");
    m_verdict = text;
    return true;
}
