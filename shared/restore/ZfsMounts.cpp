// SPDX-License-Identifier: MIT
#include "shared/restore/ZfsMounts.h"

#include "shared/restore/MountInfo.h"

#include <QDir>
#include <QFile>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Restore {

namespace {

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
    for (const MountEntry &entry : parseMountInfo(mountinfo)) {
        if (entry.fsType != u"zfs"_s || entry.mountPoint.isEmpty() || entry.source.isEmpty()) {
            continue;
        }
        // A later mount on the same point hides the earlier one.
        mounts.removeIf([&](const ZfsMount &m) { return m.mountPoint == entry.mountPoint; });
        mounts.append({entry.source, entry.mountPoint, entry.readOnly});
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
