// SPDX-License-Identifier: MIT
#include "shared/restore/ZfsMounts.h"

#include <QDir>
#include <QFile>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Restore {

namespace {

// mountinfo escapes space, tab, newline and backslash as \ooo.
QString unescape(QByteArrayView field)
{
    QByteArray out;
    out.reserve(field.size());
    for (qsizetype i = 0; i < field.size(); ++i) {
        if (field[i] == '\\' && i + 3 < field.size()) {
            bool ok = false;
            const int value = field.sliced(i + 1, 3).toByteArray().toInt(&ok, 8);
            if (ok && value < 256) {
                out.append(char(value));
                i += 3;
                continue;
            }
        }
        out.append(field[i]);
    }
    return QString::fromUtf8(out);
}

bool isUnder(const QString &path, const QString &mountPoint)
{
    if (mountPoint == u"/"_s) {
        return path.startsWith(u'/');
    }
    return path == mountPoint || (path.startsWith(mountPoint) && path.at(mountPoint.size()) == u'/');
}

}  // namespace

QString ZfsMount::snapshotDirectory() const
{
    return (mountPoint == u"/"_s ? QString() : mountPoint) + u"/.zfs/snapshot"_s;
}

ZfsMounts::ZfsMounts(QList<ZfsMount> mounts)
    : m_mounts(std::move(mounts))
{}

ZfsMounts ZfsMounts::fromSystem()
{
    // $HOLDFAST_MOUNTINFO points at a mountinfo text instead of the kernel's: a fake snapshot tree (plain
    // directories under .zfs/snapshot) then stands in for a ZFS filesystem in tests and demos.
    const QString override = qEnvironmentVariable("HOLDFAST_MOUNTINFO");
    QFile file(override.isEmpty() ? u"/proc/self/mountinfo"_s : override);
    if (!file.open(QIODevice::ReadOnly)) {
        return ZfsMounts();
    }
    // /proc files report size 0: read until the end rather than by size.
    return parse(file.readAll());
}

ZfsMounts ZfsMounts::parse(const QByteArray &mountinfo)
{
    QList<ZfsMount> mounts;
    for (const QByteArray &line : mountinfo.split('\n')) {
        const QList<QByteArray> fields = line.split(' ');
        const qsizetype separator = fields.indexOf("-");
        if (separator < 6 || separator + 2 >= fields.size()) {
            continue;
        }
        if (fields[separator + 1] != "zfs") {
            continue;
        }
        ZfsMount mount;
        mount.mountPoint = unescape(fields[4]);
        mount.dataset = unescape(fields[separator + 2]);
        const QList<QByteArray> options = fields[5].split(',');
        mount.readOnly = options.contains("ro");
        if (mount.mountPoint.isEmpty() || mount.dataset.isEmpty()) {
            continue;
        }
        // A later mount on the same point hides the earlier one.
        mounts.removeIf([&](const ZfsMount &m) { return m.mountPoint == mount.mountPoint; });
        mounts.append(mount);
    }
    return ZfsMounts(std::move(mounts));
}

QList<ZfsMount> ZfsMounts::filesystems() const
{
    QList<ZfsMount> result;
    for (const ZfsMount &mount : m_mounts) {
        if (!mount.isSnapshot()) {
            result.append(mount);
        }
    }
    std::sort(result.begin(), result.end(),
              [](const ZfsMount &a, const ZfsMount &b) { return a.mountPoint < b.mountPoint; });
    return result;
}

std::optional<FileLocation> ZfsMounts::locate(const QString &absolutePath) const
{
    const QString path = QDir::cleanPath(absolutePath);
    if (!path.startsWith(u'/')) {
        return std::nullopt;
    }
    const ZfsMount *best = nullptr;
    for (const ZfsMount &mount : m_mounts) {
        if (mount.isSnapshot() || !isUnder(path, mount.mountPoint)) {
            continue;
        }
        if (!best || mount.mountPoint.size() > best->mountPoint.size()) {
            best = &mount;
        }
    }
    if (!best) {
        return std::nullopt;
    }
    FileLocation location{*best, path.mid(best->mountPoint.size())};
    while (location.relativePath.startsWith(u'/')) {
        location.relativePath.remove(0, 1);
    }
    // A path inside <mp>/.zfs/snapshot/<snap>/ is a version of <mp>/<rest>.
    static const QString snapshotDir = u".zfs/snapshot/"_s;
    if (location.relativePath.startsWith(snapshotDir)) {
        const QString rest = location.relativePath.mid(snapshotDir.size());
        const qsizetype slash = rest.indexOf(u'/');
        location.relativePath = slash < 0 ? QString() : rest.mid(slash + 1);
    }
    return location;
}

std::optional<ZfsMount> ZfsMounts::byDataset(const QString &dataset) const
{
    for (const ZfsMount &mount : m_mounts) {
        if (mount.dataset == dataset) {
            return mount;
        }
    }
    return std::nullopt;
}

}  // namespace Restore
