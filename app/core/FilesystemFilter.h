// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace Gui {

// One entry of zrepl's `filesystems:` filter: "pool/home<" (the dataset and everything below it) or "pool/home"
// (the dataset alone), included (true) or excluded (false).
struct FilterEntry
{
    QString pattern;
    bool include = true;

    friend bool operator==(const FilterEntry &, const FilterEntry &) = default;
};

// zrepl's filesystems filter as the GUI builds and reads it. The semantics are zrepl's (daemon/zfs/DatasetFilter):
// a pattern naming the dataset exactly wins, otherwise the longest "<" pattern that covers it; nothing: excluded.
class FilesystemFilter
{
public:
    FilesystemFilter() = default;
    explicit FilesystemFilter(QList<FilterEntry> entries);

    // The smallest filter with subtree patterns that covers exactly the `included` ones of `filesystems`: a pattern
    // "x<: true" where a filesystem is included and its parent is not, "x<: false" where it is excluded under an
    // included parent. Filesystems created later below an included one are covered too, which is what a user who
    // ticked "pool/home" expects. `filesystems` lists parents before their children (as the daemon's listing).
    static FilesystemFilter forSelection(const QStringList &filesystems, const QSet<QString> &included);

    bool matches(const QString &filesystem) const;
    // The `included` that forSelection() was given, read back from any filter: which of `filesystems` it covers.
    QSet<QString> selection(const QStringList &filesystems) const;

    const QList<FilterEntry> &entries() const
    {
        return m_entries;
    }

    bool isEmpty() const
    {
        return m_entries.isEmpty();
    }

    // A YAML flow mapping for a job's `filesystems:` key: {"pool/home<": true, "pool/home/cache<": false}.
    QString toYaml() const;
    // The same as a block mapping, one pattern a line: "\"pool/home<\": true\n\"pool/home/cache<\": false".
    QString toYamlBlock() const;
    // The included and the excluded patterns in words: "pool/home and below, except pool/home/cache".
    QString describe() const;

    friend bool operator==(const FilesystemFilter &, const FilesystemFilter &) = default;

private:
    QList<FilterEntry> m_entries;
};

// The parent of a dataset path ("pool/home" for "pool/home/alice"; "" for a pool).
QString parentDataset(const QString &name);

}  // namespace Gui
