// SPDX-License-Identifier: MIT
#include "daemon/zfs/DatasetFilter.h"

#include "daemon/zfs/NameCheck.h"

using namespace Qt::StringLiterals;

namespace Zfs {

std::optional<DatasetFilter> DatasetFilter::fromConfig(const Config::FilesystemsFilter &filter, QString *error)
{
    DatasetFilter result;
    for (auto it = filter.cbegin(); it != filter.cend(); ++it) {
        const QString &pattern = it.key();
        const auto fail = [&](const QString &why) {
            if (error) {
                *error = u"invalid mapping entry ['%1':'%2']: %3"_s.arg(pattern, it.value() ? u"ok"_s : u"!"_s, why);
            }
        };
        // zrepl lets "a<<" through its '<' count check and then rejects "a<" as a dataset path; the result is
        // the same error as here.
        if (pattern.count(u'<') == 1 && !pattern.endsWith(u'<')) {
            fail(u"pattern invalid: only one '<' at end of string allowed"_s);
            return std::nullopt;
        }
        const bool subtree = pattern.endsWith(u'<');
        const QStringView path = subtree ? QStringView(pattern).chopped(1) : QStringView(pattern);
        if (const auto why = datasetPathCheck(path)) {
            fail(u"pattern is not a dataset path: "_s + *why);
            return std::nullopt;
        }
        result.m_entries.append(Entry{DatasetPath::fromString(path), subtree, it.value()});
    }
    return result;
}

bool DatasetFilter::matches(const DatasetPath &path) const
{
    const Entry *longestSubtree = nullptr;
    for (const Entry &entry : m_entries) {
        if (!entry.subtree) {
            // A pattern naming exactly this dataset beats any subtree, even "pool/a<" on the same path.
            if (entry.path == path) {
                return entry.include;
            }
        } else if (path.hasPrefix(entry.path)
                   && (!longestSubtree || entry.path.length() > longestSubtree->path.length())) {
            longestSubtree = &entry;
        }
    }
    return longestSubtree && longestSubtree->include;
}

QStringList DatasetFilter::userSpecifiedDatasets() const
{
    QStringList datasets;
    for (const Entry &entry : m_entries) {
        datasets.append(entry.path.toString());
    }
    datasets.sort();
    datasets.removeDuplicates();
    return datasets;
}

}  // namespace Zfs
