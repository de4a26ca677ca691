// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

#include <QString>
#include <QStringView>

#include "daemon/zfs/ZfsTypes.h"

namespace Pruning {

// zrepl's filesystem version filters (daemon/filters/fsvfilter.go): which snapshots and bookmarks of a filesystem
// a job looks at. A snap job's pruner considers only snapshots named with its snapshotting prefix, so that
// snapshots made by hand or by other tools are never destroyed by it.
class VersionPrefixFilter
{
public:
    // zrepl's AnyFSVFilter: every snapshot and bookmark.
    VersionPrefixFilter() = default;
    // zrepl's PrefixFilter, and with a type its TypedPrefixFilter.
    explicit VersionPrefixFilter(QString prefix, std::optional<Zfs::VersionType> type = std::nullopt);

    bool accepts(Zfs::VersionType type, QStringView name) const;

    bool accepts(const Zfs::FilesystemVersion &version) const
    {
        return accepts(version.type, version.name);
    }

private:
    QString m_prefix;
    std::optional<Zfs::VersionType> m_type;
};

}  // namespace Pruning
