// SPDX-License-Identifier: MIT
#include "app/models/FileHistoryModel.h"

#include <algorithm>

#include <QFont>
#include <QLocale>
#include <QPalette>

#include "app/models/Format.h"
#include "app/models/ModelRole.h"

using namespace Qt::StringLiterals;

namespace Gui {

using Type = Restore::FileState::Type;

namespace {

// A tooltip lists at most this many snapshots of a version; the rows under it list them all.
constexpr int ListedSnapshots = 15;

}  // namespace

FileHistoryModel::FileHistoryModel(QObject *parent)
    : QAbstractItemModel(parent)
{}

void FileHistoryModel::setHistory(const Restore::FileHistory &history)
{
    beginResetModel();
    m_history = history;
    endResetModel();
}

void FileHistoryModel::setNow(const QDateTime &now)
{
    m_now = now;
}

QDateTime FileHistoryModel::now() const
{
    return m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc();
}

std::optional<int> FileHistoryModel::versionOf(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this) {
        return std::nullopt;
    }
    return index.internalId() == VersionRow ? index.row() : int(index.internalId() - 1);
}

int FileHistoryModel::snapshotOf(const QModelIndex &index) const
{
    const std::optional<int> version = versionOf(index);
    if (!version) {
        return -1;
    }
    const Restore::FileVersion &v = m_history.versions.at(*version);
    return index.internalId() == VersionRow ? v.newest : v.newest + index.row();
}

QString FileHistoryModel::pathOf(const QModelIndex &index) const
{
    const std::optional<int> version = versionOf(index);
    if (!version || !m_history.versions.at(*version).state.exists()) {
        return {};
    }
    return m_history.pathIn(snapshotOf(index));
}

QModelIndex FileHistoryModel::versionIndex(int version, int column) const
{
    return index(version, column);
}

QString FileHistoryModel::summary() const
{
    const Restore::FileHistory &h = m_history;
    if (h.snapshots.isEmpty()) {
        return tr("No snapshots");
    }
    const int versions = h.contentVersions();
    if (versions == 0) {
        const QString none = h.snapshots.size() == 1 ? tr("Not in the one snapshot")
                                                     : tr("In none of the %1 snapshots").arg(h.snapshots.size());
        return h.live.exists() ? tr("%1: it is newer than the last one").arg(none) : none;
    }
    QStringList parts{versions == 1 ? tr("1 version") : tr("%1 versions").arg(versions)};
    if (h.live.exists()) {
        parts.append(tr("last changed %1").arg(Format::ago(h.live.modified(), now())));
        const bool snapshotted = std::any_of(
            h.versions.cbegin(), h.versions.cend(), [](const Restore::FileVersion &v) { return v.current; });
        if (!snapshotted) {
            parts.append(tr("changed since the last snapshot"));
        }
    } else {
        const auto seen = std::find_if(
            h.versions.cbegin(), h.versions.cend(), [](const Restore::FileVersion &v) { return v.state.exists(); });
        parts.append(
            tr("deleted; last seen in the snapshot of %1").arg(Format::dateTime(h.snapshots.at(seen->newest).created)));
    }
    return parts.join(u" · "_s);
}

QModelIndex FileHistoryModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount) {
        return {};
    }
    if (!parent.isValid()) {
        return row < m_history.versions.size() ? createIndex(row, column, VersionRow) : QModelIndex();
    }
    if (parent.internalId() != VersionRow || parent.row() >= m_history.versions.size()) {
        return {};
    }
    return row < rowCount(parent) ? createIndex(row, column, quintptr(parent.row()) + 1) : QModelIndex();
}

QModelIndex FileHistoryModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == VersionRow) {
        return {};
    }
    return createIndex(int(child.internalId() - 1), 0, VersionRow);
}

int FileHistoryModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid()) {
        return int(m_history.versions.size());
    }
    if (parent.column() != 0 || parent.internalId() != VersionRow) {
        return 0;
    }
    // A version seen in one snapshot needs no row for it: its own row says which.
    const int count = m_history.versions.at(parent.row()).snapshotCount();
    return count > 1 ? count : 0;
}

int FileHistoryModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant FileHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    if (index.internalId() == VersionRow) {
        return versionData(m_history.versions.at(index.row()), index.column(), role);
    }
    return snapshotData(snapshotOf(index), index.column(), role);
}

QVariant FileHistoryModel::versionData(const Restore::FileVersion &version, int column, int role) const
{
    const Restore::FileState &state = version.state;
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case SnapshotsColumn:
            return spanText(version);
        case VersionColumn:
            return contentText(version);
        case SizeColumn:
            return state.type == Type::File ? Format::bytes(state.size) : QString();
        }
        return {};
    case Qt::ToolTipRole:
        switch (column) {
        case SnapshotsColumn:
            return snapshotListing(version);
        case VersionColumn:
            if (!state.exists()) {
                return state.error != 0
                           ? tr("It could not be looked at in these snapshots: %1").arg(qt_error_string(state.error))
                           : tr("It did not exist in these snapshots");
            }
            return version.current ? tr("Modified %1. The current file is this version.")
                                         .arg(Format::longDateTime(state.modified()))
                                   : tr("Modified %1").arg(Format::longDateTime(state.modified()));
        case SizeColumn:
            return state.type == Type::File ? tr("%1 bytes").arg(QLocale().toString(state.size)) : QVariant();
        }
        return {};
    case Qt::ForegroundRole:
        // Nothing to open or restore there: drawn like text that cannot be chosen.
        return state.exists() ? QVariant() : QVariant(QPalette().color(QPalette::Disabled, QPalette::Text));
    case Qt::FontRole:
        if (version.current) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::TextAlignmentRole:
        return column == SizeColumn ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    case SortRole:
        return m_history.snapshots.at(version.newest).created;
    default:
        return {};
    }
}

QVariant FileHistoryModel::snapshotData(int snapshot, int column, int role) const
{
    const Restore::SnapshotEntry &entry = m_history.snapshots.at(snapshot);
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case SnapshotsColumn:
            return Format::dateTime(entry.created);
        case VersionColumn:
            return entry.name;
        }
        return {};
    case Qt::ToolTipRole:
        return column == SnapshotsColumn ? tr("Taken %1").arg(Format::longDateTime(entry.created)) : entry.root;
    case Qt::ForegroundRole:
        return column == VersionColumn ? QVariant(QPalette().color(QPalette::Disabled, QPalette::Text)) : QVariant();
    case SortRole:
        return entry.created;
    default:
        return {};
    }
}

QString FileHistoryModel::spanText(const Restore::FileVersion &version) const
{
    const auto when = [this](int snapshot) {
        const Restore::SnapshotEntry &entry = m_history.snapshots.at(snapshot);
        return entry.created.isValid() ? Format::dateTime(entry.created) : entry.name;
    };
    const int count = version.snapshotCount();
    if (count == 1) {
        return when(version.newest);
    }
    if (!version.state.exists()) {
        return tr("from %1 to %2 (%3 snapshots)").arg(when(version.oldest), when(version.newest)).arg(count);
    }
    if (version.current) {
        return tr("unchanged since %1 (%2 snapshots)").arg(when(version.oldest)).arg(count);
    }
    return tr("unchanged from %1 to %2 (%3 snapshots)").arg(when(version.oldest), when(version.newest)).arg(count);
}

QString FileHistoryModel::snapshotListing(const Restore::FileVersion &version) const
{
    QStringList lines;
    for (int snapshot = version.newest; snapshot <= version.oldest; ++snapshot) {
        if (lines.size() == ListedSnapshots) {
            lines.append(tr("… and %1 more").arg(version.oldest - snapshot + 1));
            break;
        }
        const Restore::SnapshotEntry &entry = m_history.snapshots.at(snapshot);
        lines.append(u"%1  %2"_s.arg(Format::dateTime(entry.created), entry.name));
    }
    return lines.join(u'\n');
}

QString FileHistoryModel::contentText(const Restore::FileVersion &version) const
{
    const Restore::FileState &state = version.state;
    QString text;
    switch (state.type) {
    case Type::Missing:
        return state.error != 0 ? tr("Could not be looked at") : tr("Did not exist");
    case Type::File:
        text = tr("Modified %1").arg(Format::dateTime(state.modified()));
        break;
    case Type::Directory:
        text = tr("Folder, modified %1").arg(Format::dateTime(state.modified()));
        break;
    case Type::Symlink:
        text = tr("Symbolic link, changed %1").arg(Format::dateTime(state.modified()));
        break;
    case Type::Other:
        text = tr("Special file");
        break;
    }
    return version.current ? tr("%1 (current)").arg(text) : text;
}

QVariant FileHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case SnapshotsColumn:
        return tr("In snapshots");
    case VersionColumn:
        return tr("Version");
    case SizeColumn:
        return tr("Size");
    }
    return {};
}

}  // namespace Gui
