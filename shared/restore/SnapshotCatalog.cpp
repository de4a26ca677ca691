// SPDX-License-Identifier: MIT
#include "shared/restore/SnapshotCatalog.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QProcess>
#include <QRegularExpression>
#include <QTimeZone>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Restore {

namespace {

std::optional<QDateTime> utc(int year, int month, int day, int hour, int minute, int second, int msec = 0)
{
    const QDate date(year, month, day);
    const QTime time(hour, minute, second, msec);
    if (!date.isValid() || !time.isValid() || year < 1970 || year > 2200) {
        return std::nullopt;
    }
    return QDateTime(date, time, Qt::UTC);
}

}  // namespace

std::optional<QDateTime> SnapshotCatalog::timeFromName(const QString &name, QString *prefix)
{
    // zrepl's "dense" (its default): 20261205_140000_000.
    static const QRegularExpression dense(u"(?<!\\d)(\\d{4})(\\d{2})(\\d{2})_(\\d{2})(\\d{2})(\\d{2})(?:_(\\d{3}))?(?!\\d)"_s);
    // zrepl's "human" and "iso-8601", sanoid's (2026-12-05_14:00:00), zfs-auto-snapshot's (2026-12-05-1400).
    static const QRegularExpression dashed(
        u"(?<!\\d)(\\d{4})-(\\d{2})-(\\d{2})[T_ -](\\d{2})[:.]?(\\d{2})(?:[:.]?(\\d{2})(?:\\.(\\d{1,9}))?)?(?!\\d)"_s);
    // zrepl's "unix-seconds": the whole rest of the name.
    static const QRegularExpression unixSeconds(u"(?<!\\d)(\\d{10})$"_s);

    auto found = [&](const QRegularExpressionMatch &match, std::optional<QDateTime> time) {
        if (time && prefix) {
            *prefix = name.left(match.capturedStart());
        }
        return time;
    };
    if (const auto match = dense.match(name); match.hasMatch()) {
        if (auto time = found(match, utc(match.captured(1).toInt(), match.captured(2).toInt(), match.captured(3).toInt(),
                                         match.captured(4).toInt(), match.captured(5).toInt(),
                                         match.captured(6).toInt(), match.captured(7).toInt()))) {
            return time;
        }
    }
    if (const auto match = dashed.match(name); match.hasMatch()) {
        const int msec = match.captured(7).isEmpty() ? 0 : match.captured(7).left(3).leftJustified(3, u'0').toInt();
        if (auto time = found(match, utc(match.captured(1).toInt(), match.captured(2).toInt(), match.captured(3).toInt(),
                                         match.captured(4).toInt(), match.captured(5).toInt(),
                                         match.captured(6).toInt(), msec))) {
            return time;
        }
    }
    if (const auto match = unixSeconds.match(name); match.hasMatch()) {
        const qint64 seconds = match.captured(1).toLongLong();
        return found(match, QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC));
    }
    return std::nullopt;
}

QList<ZfsSnapshotFacts> SnapshotCatalog::parseZfsListing(const QByteArray &output)
{
    QList<ZfsSnapshotFacts> facts;
    for (const QByteArray &line : output.split('\n')) {
        const QList<QByteArray> fields = line.split('\t');
        if (fields.size() < 3) {
            continue;
        }
        const qsizetype at = fields[0].indexOf('@');
        bool creationOk = false;
        bool refsOk = false;
        const qint64 creation = fields[1].toLongLong(&creationOk);
        const qint64 userrefs = fields[2].toLongLong(&refsOk);
        if (at < 0 || !creationOk) {
            continue;
        }
        facts.append({QString::fromUtf8(fields[0].mid(at + 1)), QDateTime::fromSecsSinceEpoch(creation, Qt::UTC),
                      refsOk ? userrefs : 0});
    }
    return facts;
}

ZfsSnapshotQuery SnapshotCatalog::systemQuery()
{
    return [](const QString &dataset) -> std::optional<QByteArray> {
        QString binary = qEnvironmentVariable("HOLDFAST_ZFS_BINARY");
        if (binary.isEmpty()) {
            binary = u"zfs"_s;
        }
        QProcess zfs;
        zfs.start(binary, {u"list"_s, u"-H"_s, u"-p"_s, u"-t"_s, u"snapshot"_s, u"-d"_s, u"1"_s, u"-o"_s,
                           u"name,creation,userrefs"_s, dataset});
        if (!zfs.waitForStarted(5000) || !zfs.waitForFinished(30000)) {
            zfs.kill();
            zfs.waitForFinished(1000);
            return std::nullopt;
        }
        if (zfs.exitStatus() != QProcess::NormalExit || zfs.exitCode() != 0) {
            return std::nullopt;
        }
        return zfs.readAllStandardOutput();
    };
}

SnapshotEntry SnapshotCatalog::single(const QString &name, const QString &root, const QDateTime &created)
{
    SnapshotEntry entry;
    entry.name = name;
    entry.root = root;
    timeFromName(name, &entry.prefix);
    if (created.isValid()) {
        entry.created = created.toUTC();
        entry.timeSource = SnapshotEntry::TimeSource::Zfs;
    } else if (auto fromName = timeFromName(name)) {
        entry.created = *fromName;
        entry.timeSource = SnapshotEntry::TimeSource::Name;
    }
    return entry;
}

QList<SnapshotEntry> SnapshotCatalog::list(const QString &mountPoint, const QString &dataset,
                                           const ZfsSnapshotQuery &query, QString *error)
{
    const QString directory = QDir::cleanPath(mountPoint + u"/.zfs/snapshot"_s);
    QDir snapshots(directory);
    if (!snapshots.exists()) {
        if (error) {
            *error = QDir(mountPoint).exists()
                         ? QCoreApplication::translate("Restore::SnapshotCatalog",
                                                       "%1 has no snapshot directory (.zfs/snapshot): it is not a ZFS "
                                                       "filesystem, or its zfs does not offer one")
                               .arg(mountPoint)
                         : QCoreApplication::translate("Restore::SnapshotCatalog", "%1 does not exist (not mounted?)")
                               .arg(mountPoint);
        }
        return {};
    }
    // Listing .zfs/snapshot mounts nothing; only entering a snapshot does.
    const QStringList names = snapshots.entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden, QDir::Name);
    QHash<QString, ZfsSnapshotFacts> facts;
    if (query && !dataset.isEmpty()) {
        if (const std::optional<QByteArray> output = query(dataset)) {
            for (const ZfsSnapshotFacts &fact : parseZfsListing(*output)) {
                facts.insert(fact.name, fact);
            }
        }
    }
    QList<SnapshotEntry> entries;
    entries.reserve(names.size());
    for (const QString &name : names) {
        SnapshotEntry entry;
        entry.name = name;
        entry.root = directory + u'/' + name;
        const std::optional<QDateTime> fromName = timeFromName(name, &entry.prefix);
        if (const auto fact = facts.constFind(name); fact != facts.cend()) {
            entry.created = fact->created;
            entry.timeSource = SnapshotEntry::TimeSource::Zfs;
            entry.held = fact->userrefs > 0;
        } else if (fromName) {
            entry.created = *fromName;
            entry.timeSource = SnapshotEntry::TimeSource::Name;
        } else if (const QFileInfo info(entry.root); info.lastModified().isValid()) {
            entry.created = info.lastModified().toUTC();
            entry.timeSource = SnapshotEntry::TimeSource::Directory;
        }
        entries.append(std::move(entry));
    }
    std::stable_sort(entries.begin(), entries.end(), [](const SnapshotEntry &a, const SnapshotEntry &b) {
        if (a.created.isValid() != b.created.isValid()) {
            return a.created.isValid();
        }
        return a.created != b.created ? a.created > b.created : a.name > b.name;
    });
    if (error) {
        error->clear();
    }
    return entries;
}

}  // namespace Restore
