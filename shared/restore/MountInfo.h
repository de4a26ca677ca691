// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace Restore {

// One line of /proc/<pid>/mountinfo (proc(5)), its escapes undone.
struct MountEntry
{
    QString mountPoint;
    QString fsType;  // "zfs"
    QString source;  // "pool/fs", "pool/fs@snap" for a mounted ZFS snapshot
    bool readOnly = false;

    friend bool operator==(const MountEntry &, const MountEntry &) = default;
};

// Every mount line of a mountinfo text, in the kernel's order (a later mount on the same point hides an earlier
// one). Lines that are not mount lines are skipped. The GUI's ZFS filesystems and the daemon's browse mounts both
// read it.
QList<MountEntry> parseMountInfo(const QByteArray &mountinfo);

}  // namespace Restore
