// SPDX-License-Identifier: MIT
#include "daemon/browse/MountTable.h"

#include <algorithm>

#include <QDir>
#include <QFile>

using namespace Qt::StringLiterals;

namespace Browse {

namespace {

// mountinfo writes space, tab, newline and backslash in paths as octal escapes ("\040").
QString unescape(QByteArrayView field)
{
    QByteArray out;
    out.reserve(field.size());
    for (qsizetype i = 0; i < field.size(); ++i) {
        if (field[i] == '\\' && i + 3 < field.size()) {
            const QByteArrayView digits = field.sliced(i + 1, 3);
            const bool octal = std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '7'; });
            if (octal) {
                out.append(char(((digits[0] - '0') << 6) | ((digits[1] - '0') << 3) | (digits[2] - '0')));
                i += 3;
                continue;
            }
        }
        out.append(field[i]);
    }
    return QString::fromUtf8(out);
}

QString cleaned(const QString &path)
{
    return QDir::cleanPath(path);
}

}  // namespace

MountTable MountTable::parse(const QByteArray &mountinfo)
{
    MountTable table;
    for (const QByteArray &line : mountinfo.split('\n')) {
        // "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue"
        const QList<QByteArray> fields = line.trimmed().split(' ');
        const qsizetype separator = fields.indexOf(QByteArray("-"));
        if (fields.size() < 6 || separator < 6 || separator + 2 >= fields.size()) {
            continue;  // not a mount line (an empty one at the end): nothing to learn from it
        }
        MountEntry entry;
        entry.mountPoint = unescape(fields[4]);
        entry.readOnly = fields[5].split(',').contains(QByteArray("ro"));
        entry.fsType = unescape(fields[separator + 1]);
        entry.source = unescape(fields[separator + 2]);
        table.m_entries.append(entry);
    }
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
