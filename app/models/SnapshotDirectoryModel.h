// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractTableModel>
#include <QIcon>
#include <QList>

#include "shared/restore/DirectoryLister.h"

namespace Gui {

// One directory of a snapshot (or of any tree) for the Restore view: name, size and modification time, folders
// first and then by name as people sort, as Restore::DirectoryLister delivers them. The lister reads the directory
// on a thread of its own; each batch it sends is appended here with beginInsertRows()/endInsertRows(), so that a
// 10,000-entry folder fills in while the window stays responsive and a view keeps its selection and scroll
// position. Batches of an earlier setDirectory() that are still on their way are dropped.
class SnapshotDirectoryModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        SizeColumn,      // files only
        ModifiedColumn,  // the short local date and time; the exact one in the tooltip
        ColumnCount
    };
    Q_ENUM(Column)

    explicit SnapshotDirectoryModel(QObject *parent = nullptr);
    ~SnapshotDirectoryModel() override;

    // Lists `path` from scratch (the same path again: lists it anew). Empty: no directory, no rows.
    void setDirectory(const QString &path);
    QString directory() const;
    // The entry of `row`; an empty one (type Missing) for a row out of range.
    Restore::DirectoryEntry entry(int row) const;
    // The path of `row`'s entry: directory() + '/' + its name; empty for a row out of range.
    QString filePath(int row) const;
    // The row of the entry called `name`, -1 when it has not arrived (or is not there).
    int rowOf(const QString &name) const;

    bool isLoading() const
    {
        return m_loading;
    }

    // Why the last listing stopped ("" when it listed everything, or is still listing).
    QString error() const
    {
        return m_error;
    }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    // The listing of directory() ended: "" when every entry was listed, else why not, in words.
    void loadingFinished(const QString &error);

private:
    void append(quint64 request, const QList<Restore::DirectoryEntry> &batch);
    void finish(quint64 request, const QString &error);
    QVariant displayData(const Restore::DirectoryEntry &entry, int column) const;
    QVariant toolTipData(const Restore::DirectoryEntry &entry, int column) const;
    QVariant icon(const Restore::DirectoryEntry &entry) const;

    Restore::DirectoryLister m_lister;
    QString m_directory;
    quint64 m_request = 0;
    bool m_loading = false;
    QString m_error;
    QList<Restore::DirectoryEntry> m_entries;
    // Looked up once: data() runs for every visible cell on every repaint.
    mutable QIcon m_folderIcon;
    mutable QIcon m_fileIcon;
};

}  // namespace Gui
