// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

#include <QList>
#include <QString>
#include <QStringList>

#include "daemon/config/Config.h"
#include "daemon/zfs/ZfsTypes.h"

namespace Zfs {

// A job's `filesystems:` filter: zrepl's DatasetMapFilter in filter mode (daemon/filters/fsmapfilter.go).
// "pool/a" names one dataset, "pool/a<" the dataset and everything below it, "<" every dataset. The most specific
// pattern that matches decides: a plain pattern for exactly this dataset, else the longest matching subtree.
// A dataset no pattern matches is excluded.
class DatasetFilter
{
public:
    // Excludes every dataset, as an empty `filesystems:` map does.
    DatasetFilter() = default;

    // nullopt with zrepl's message ("invalid mapping entry ['tank<<':'ok']: pattern is not a dataset path: ...")
    // for the first invalid pattern in key order.
    static std::optional<DatasetFilter> fromConfig(const Config::FilesystemsFilter &filter, QString *error = nullptr);

    bool matches(const DatasetPath &path) const;

    // zrepl's UserSpecifiedDatasets: the datasets the patterns name, included or excluded, without the '<',
    // sorted. Jobs use it to warn about configured datasets that do not exist.
    QStringList userSpecifiedDatasets() const;

private:
    struct Entry
    {
        DatasetPath path;
        bool subtree = false;
        bool include = false;
    };

    QList<Entry> m_entries;
};

}  // namespace Zfs
