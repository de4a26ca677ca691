// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

#include "shared/control/Timestamp.h"

// What the ZFS layer hands to jobs: names and versions as zrepl models them (zfs/zfs.go, zfs/versions.go).
namespace Zfs {

// A dataset name split into components: "pool/home/user" → {"pool", "home", "user"}. The empty path is the root
// that zrepl's filters and mappings start from.
class DatasetPath
{
public:
    DatasetPath() = default;
    static DatasetPath fromString(QStringView name);  // "" gives the empty path; no validation (see NameCheck.h)
    explicit DatasetPath(QStringList components)
        : m_components(std::move(components))
    {
    }

    QString toString() const { return m_components.join(u'/'); }
    const QStringList &components() const { return m_components; }
    qsizetype length() const { return m_components.size(); }
    bool isEmpty() const { return m_components.isEmpty(); }
    bool hasPrefix(const DatasetPath &prefix) const;  // component-wise: "pool/a" is a prefix of "pool/a/b", not of "pool/ab"
    DatasetPath parent() const;  // the empty path for a pool
    DatasetPath joined(const DatasetPath &tail) const;
    DatasetPath withoutPrefix(const DatasetPath &prefix) const;  // requires hasPrefix(prefix)

    friend bool operator==(const DatasetPath &, const DatasetPath &) = default;
    friend bool operator<(const DatasetPath &a, const DatasetPath &b) { return a.m_components < b.m_components; }

private:
    QStringList m_components;
};

enum class VersionType
{
    Snapshot,
    Bookmark,
};

// A snapshot or bookmark of one filesystem, with the properties zrepl reads for it in one batched `zfs list`.
struct FilesystemVersion
{
    VersionType type = VersionType::Snapshot;
    QString filesystem;  // "pool/home"
    QString name;  // the part after '@' or '#': "zrepl_20261124_101500_000"
    quint64 guid = 0;
    quint64 createTxg = 0;
    Api::Timestamp creation;  // seconds resolution, as ZFS keeps it
    std::optional<quint64> userRefs;  // holds on a snapshot; bookmarks have none

    QChar delimiter() const { return type == VersionType::Snapshot ? u'@' : u'#'; }
    QString relativeName() const { return delimiter() + name; }  // "@snap", "#book"
    QString fullName() const { return filesystem + relativeName(); }  // "pool/home@snap"
    bool isSnapshot() const { return type == VersionType::Snapshot; }
    bool isBookmark() const { return type == VersionType::Bookmark; }

    friend bool operator==(const FilesystemVersion &, const FilesystemVersion &) = default;
};

// One user hold on a snapshot, as `zfs holds -H` lists it.
struct Hold
{
    QString snapshot;  // full name: "pool/home@snap"
    QString tag;
    Api::Timestamp created;

    friend bool operator==(const Hold &, const Hold &) = default;
};

// A filesystem (or volume) with the properties a job asked for in the listing: property name → value as `zfs get
// -Hp` prints it ("-" for unset).
struct Dataset
{
    DatasetPath path;
    QString type;  // "filesystem" or "volume"
    QMap<QString, QString> properties;

    // The receive_resume_token of an interrupted receive, "" when there is none (zfs prints "-") or it was not
    // listed (see ZfsClient::listFilesystemsWithResumeTokens).
    QString resumeToken() const;
};

}  // namespace Zfs
