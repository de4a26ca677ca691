// SPDX-License-Identifier: MIT
#include "app/models/SnapshotDirectoryModel.h"

#include <QFileIconProvider>
#include <QLocale>

#include "app/models/Format.h"
#include "app/models/ModelRole.h"

using namespace Qt::StringLiterals;

namespace Gui {

using Type = Restore::FileState::Type;

SnapshotDirectoryModel::SnapshotDirectoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    connect(&m_lister, &Restore::DirectoryLister::entriesReady, this, &SnapshotDirectoryModel::append);
    connect(&m_lister, &Restore::DirectoryLister::finished, this, &SnapshotDirectoryModel::finish);
}

SnapshotDirectoryModel::~SnapshotDirectoryModel() = default;

void SnapshotDirectoryModel::setDirectory(const QString &path)
{
    beginResetModel();
    m_entries.clear();
    m_directory = path;
    m_error.clear();
    if (path.isEmpty()) {
        m_lister.cancel();
        m_request = 0;
        m_loading = false;
    } else {
        m_request = m_lister.list(path);
        m_loading = true;
    }
    endResetModel();
}

QString SnapshotDirectoryModel::directory() const
{
    return m_directory;
}

Restore::DirectoryEntry SnapshotDirectoryModel::entry(int row) const
{
    return row >= 0 && row < m_entries.size() ? m_entries.at(row) : Restore::DirectoryEntry{};
}

QString SnapshotDirectoryModel::filePath(int row) const
{
    if (row < 0 || row >= m_entries.size()) {
        return {};
    }
    const QString &name = m_entries.at(row).name;
    return m_directory.endsWith(u'/') ? QString(m_directory + name) : QString(m_directory + u'/' + name);
}

int SnapshotDirectoryModel::rowOf(const QString &name) const
{
    for (qsizetype row = 0; row < m_entries.size(); ++row) {
        if (m_entries.at(row).name == name) {
            return int(row);
        }
    }
    return -1;
}

void SnapshotDirectoryModel::append(quint64 request, const QList<Restore::DirectoryEntry> &batch)
{
    if (request != m_request || batch.isEmpty()) {
        return;  // an earlier directory's, still on its way when the user moved on
    }
    const int first = int(m_entries.size());
    beginInsertRows({}, first, first + int(batch.size()) - 1);
    m_entries.append(batch);
    endInsertRows();
}

void SnapshotDirectoryModel::finish(quint64 request, const QString &error)
{
    if (request != m_request) {
        return;
    }
    m_loading = false;
    m_error = error;
    Q_EMIT loadingFinished(error);
}

int SnapshotDirectoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int SnapshotDirectoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SnapshotDirectoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Restore::DirectoryEntry &entry = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(entry, index.column());
    case Qt::ToolTipRole:
        return toolTipData(entry, index.column());
    case Qt::DecorationRole:
        return index.column() == NameColumn ? icon(entry) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == SizeColumn ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    case SortRole:
        switch (index.column()) {
        case NameColumn:
            return entry.name;
        case SizeColumn:
            return entry.state.size;
        case ModifiedColumn:
            return entry.state.mtimeNs;
        }
        return {};
    case FullTextRole:
        return index.column() == NameColumn ? QVariant(filePath(index.row())) : displayData(entry, index.column());
    case HasErrorRole:
        return entry.state.error != 0;
    default:
        return {};
    }
}

QVariant SnapshotDirectoryModel::displayData(const Restore::DirectoryEntry &entry, int column) const
{
    switch (column) {
    case NameColumn:
        return entry.name;
    case SizeColumn:
        // A folder's own size says nothing about what is in it.
        return entry.state.type == Type::File ? Format::bytes(entry.state.size) : QString();
    case ModifiedColumn:
        return entry.state.exists() ? Format::dateTime(entry.state.modified()) : QString();
    }
    return {};
}

QVariant SnapshotDirectoryModel::toolTipData(const Restore::DirectoryEntry &entry, int column) const
{
    if (entry.state.error != 0) {
        return tr("%1 cannot be read: %2").arg(entry.name, qt_error_string(entry.state.error));
    }
    switch (column) {
    case NameColumn:
        switch (entry.state.type) {
        case Type::Symlink:
            return tr("%1 is a symbolic link: restoring it restores the link, not what it points to").arg(entry.name);
        case Type::Other:
            return tr("%1 is a special file (a device, pipe or socket): it cannot be restored").arg(entry.name);
        case Type::Missing:
        case Type::File:
        case Type::Directory:
            return entry.name;
        }
        return {};
    case SizeColumn:
        return entry.state.type == Type::File ? tr("%1 bytes").arg(QLocale().toString(entry.state.size)) : QVariant();
    case ModifiedColumn:
        return entry.state.exists() ? tr("Modified %1").arg(Format::longDateTime(entry.state.modified())) : QVariant();
    }
    return {};
}

QVariant SnapshotDirectoryModel::icon(const Restore::DirectoryEntry &entry) const
{
    if (m_folderIcon.isNull()) {
        const QFileIconProvider provider;
        m_folderIcon = provider.icon(QAbstractFileIconProvider::Folder);
        m_fileIcon = provider.icon(QAbstractFileIconProvider::File);
    }
    return entry.state.type == Type::Directory ? m_folderIcon : m_fileIcon;
}

QVariant SnapshotDirectoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case NameColumn:
        return tr("Name");
    case SizeColumn:
        return tr("Size");
    case ModifiedColumn:
        return tr("Modified");
    }
    return {};
}

}  // namespace Gui
