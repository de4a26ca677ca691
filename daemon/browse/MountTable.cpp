// SPDX-License-Identifier: MIT
#include "daemon/browse/MountTable.h"

#include <algorithm>

#include <QDir>
#include <QFile>

using namespace Qt::StringLiterals;

namespace Browse {

namespace {

QString cleaned(const QString &path)
{
    return QDir::cleanPath(path);
}

}  // namespace

MountTable MountTable::parse(const QByteArray &mountinfo)
{
    MountTable table;
    table.m_entries = Restore::parseMountInfo(mountinfo);
    return table;
}

MountTable MountTable::read(const QString &path, QString *error)
{
    QFile file(path);
    // /proc files report size 0: read until the end rather than by size.
    if (!file.open(QIODevice::ReadOnly)) {
        if (error) {
            *error = u"cannot read %1: %2"_s.arg(path, file.errorString());
        }
        return {};
    }
    return parse(file.readAll());
}

bool MountTable::isMountPoint(const QString &path) const
{
    const QString wanted = cleaned(path);
    return std::any_of(m_entries.begin(), m_entries.end(), [&](const MountEntry &e) { return e.mountPoint == wanted; });
}

QList<MountEntry> MountTable::below(const QString &directory) const
{
    const QString prefix = cleaned(directory) + u'/';
    QList<MountEntry> out;
    // Latest first: a later mount on the same path lies on top of the earlier one.
    for (auto it = m_entries.crbegin(); it != m_entries.crend(); ++it) {
        if (it->mountPoint.startsWith(prefix)) {
            out.append(*it);
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const MountEntry &a, const MountEntry &b) {
        return a.mountPoint.count(u'/') > b.mountPoint.count(u'/');
    });
    return out;
}

std::optional<MountEntry> MountTable::zfsMountOf(const QString &dataset) const
{
    for (auto it = m_entries.crbegin(); it != m_entries.crend(); ++it) {
        if (it->fsType == u"zfs" && it->source == dataset) {
            return *it;
        }
    }
    return std::nullopt;
}

}  // namespace Browse
