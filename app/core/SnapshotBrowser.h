// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include "app/models/RestoreSourceModel.h"
#include "shared/restore/SnapshotCatalog.h"

namespace Gui {

// Where the Restore view is: the filesystem, the snapshot and the folder inside it, and where each entry of that
// folder lives now. Choosing another snapshot keeps the folder, so that one folder can be followed back in time.
// The folder never leaves the snapshot: names are single path components, and Up stops at its root.
class SnapshotBrowser
{
public:
    void setSource(const RestoreSource &source);

    const RestoreSource &source() const
    {
        return m_source;
    }

    void setSnapshot(const Restore::SnapshotEntry &snapshot);
    void clearSnapshot();

    const Restore::SnapshotEntry &snapshot() const
    {
        return m_snapshot;
    }

    bool hasSnapshot() const
    {
        return !m_snapshot.root.isEmpty();
    }

    // The folder relative to the snapshot's root: "" for the root, "Documents/reports".
    QString relativeFolder() const
    {
        return m_folder;
    }

    // false (and nothing changes) for a path that would leave the snapshot.
    bool setRelativeFolder(const QString &folder);
    // Into the subfolder `name` of the current folder; false for anything but one path component.
    bool enter(const QString &name);
    bool up();

    bool canGoUp() const
    {
        return !m_folder.isEmpty();
    }

    // The current folder inside the snapshot; "" without a snapshot.
    QString folderPath() const;
    // `name` of the current folder inside the snapshot.
    QString snapshotPath(const QString &name) const;
    // Where `name` of the current folder is now: under the mount point; "" when the filesystem is not mounted.
    QString livePath(const QString &name) const;
    // The path of `name` within the filesystem: "Documents/report.odt".
    QString relativePath(const QString &name) const;
    // The current folder as the user knows it: "/home/alice/Documents", or "pool/backup: /Documents" for a
    // filesystem that is not mounted.
    QString displayFolder() const;

    static bool isPlainName(const QString &name);

private:
    static QString join(const QString &base, const QString &relative);

    RestoreSource m_source;
    Restore::SnapshotEntry m_snapshot;
    QString m_folder;
};

}  // namespace Gui
