// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

#include <QByteArray>
#include <QList>
#include <QString>

#include "shared/restore/MountInfo.h"

namespace Browse {

// One line of /proc/<pid>/mountinfo: the parser is shared with the GUI's view of the ZFS mounts.
using MountEntry = Restore::MountEntry;

// The mounts of this process's mount namespace. Parsed from text so that the browse code can be tested with a
// fake table, without root and without mounting anything.
class MountTable
{
public:
    static MountTable parse(const QByteArray &mountinfo);
    // Reads `path` (the system's is /proc/self/mountinfo); an unreadable file gives an empty table and `error`.
    static MountTable read(const QString &path, QString *error = nullptr);

    const QList<MountEntry> &entries() const
    {
        return m_entries;
    }

    bool isMountPoint(const QString &path) const;
    // The mounts strictly below `directory`, the deepest first (the order to unmount them in).
    QList<MountEntry> below(const QString &directory) const;
    // Where a ZFS filesystem is mounted (the last mount of it wins, as the kernel shows the latest on top).
    std::optional<MountEntry> zfsMountOf(const QString &dataset) const;

private:
    QList<MountEntry> m_entries;
};

}  // namespace Browse
