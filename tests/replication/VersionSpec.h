// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>

#include "daemon/zfs/ZfsTypes.h"

// Versions written as zrepl's diff_test.go writes them: "@name,id" or "#name,id", where id is guid and createtxg
// (and the creation time in seconds, unless a third field ",seconds" gives it).
namespace VersionSpec {

inline Zfs::FilesystemVersion version(const QString &spec, const QString &filesystem = QStringLiteral("pool/fs"))
{
    const QStringList fields = spec.mid(1).split(u',');
    Q_ASSERT(fields.size() == 2 || fields.size() == 3);
    Zfs::FilesystemVersion v;
    v.type = spec.startsWith(u'#') ? Zfs::VersionType::Bookmark : Zfs::VersionType::Snapshot;
    v.filesystem = filesystem;
    v.name = fields[0];
    v.guid = fields[1].toULongLong();
    v.createTxg = v.guid;
    v.creation = Api::Timestamp::fromUnix(fields.size() == 3 ? fields[2].toLongLong() : fields[1].toLongLong());
    if (v.isSnapshot()) {
        v.userRefs = 0;
    }
    return v;
}

inline QList<Zfs::FilesystemVersion> versions(const QStringList &specs)
{
    QList<Zfs::FilesystemVersion> out;
    for (const QString &spec : specs) {
        out.append(version(spec));
    }
    return out;
}

// Back to "@name,guid", so that a failing comparison prints something readable.
inline QStringList specs(const QList<Zfs::FilesystemVersion> &list)
{
    QStringList out;
    for (const Zfs::FilesystemVersion &v : list) {
        out.append(v.relativeName() + u',' + QString::number(v.guid));
    }
    return out;
}

}  // namespace VersionSpec
