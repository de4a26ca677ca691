// SPDX-License-Identifier: MIT
#include "shared/restore/MountInfo.h"

#include <algorithm>

namespace Restore {

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

}  // namespace

QList<MountEntry> parseMountInfo(const QByteArray &mountinfo)
{
    QList<MountEntry> entries;
    for (const QByteArray &line : mountinfo.split('\n')) {
        // "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue"
        const QList<QByteArray> fields = line.trimmed().split(' ');
        const qsizetype separator = fields.indexOf(QByteArray("-"));
        if (separator < 6 || separator + 2 >= fields.size()) {
            continue;
        }
        MountEntry entry;
        entry.mountPoint = unescape(fields[4]);
        entry.readOnly = fields[5].split(',').contains(QByteArray("ro"));
        entry.fsType = unescape(fields[separator + 1]);
        entry.source = unescape(fields[separator + 2]);
        entries.append(std::move(entry));
    }
    return entries;
}

}  // namespace Restore
