// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractItemModel>
#include <QSet>

#include "app/core/FilesystemFilter.h"
#include "shared/control/ConfigApi.h"

namespace Gui {

// The daemon's filesystems (GET /holdfast/v1/filesystems) as a tree with a check box each, for choosing what a
// backup covers: ticking a filesystem ticks everything below it, and unticking one below leaves it out (an
// exclusion in the filter). Sizes, encryption and the jobs that already back a filesystem up (or receive into it)
// are columns. filter() is zrepl's `filesystems:` for what is ticked.
class FilesystemTreeModel final : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        UsedColumn,
        AvailableColumn,
        EncryptionColumn,
        JobsColumn,
        ColumnCount,
    };

    explicit FilesystemTreeModel(QObject *parent = nullptr);

    void setListing(const Api::FilesystemListing &listing);

    const Api::FilesystemListing &listing() const
    {
        return m_listing;
    }

    // The ticked filesystems; setSelection() ticks exactly these.
    QSet<QString> selection() const;
    void setSelection(const QSet<QString> &names);
    // zrepl's filter for the ticked filesystems (FilesystemFilter::forSelection over the listing).
    FilesystemFilter filter() const;
    // The ticked filesystems that are encrypted, and those that are not.
    QStringList selectedEncrypted() const;
    QStringList selectedUnencrypted() const;
    // The space the ticked filesystems use (each counted once: `used` includes the children's).
    qint64 selectedBytes() const;
    // The ticked filesystems that another job backs up already, with those jobs: "tank/home (home_to_usb)".
    QStringList selectedAlreadyBackedUp() const;
    const Api::FilesystemInfo *info(const QModelIndex &index) const;
    QModelIndex indexOf(const QString &name, int column = NameColumn) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    // What is ticked changed.
    void selectionChanged();

private:
    struct Node
    {
        int info = -1;  // index into m_listing.filesystems
        int parent = -1;
        int row = 0;
        QList<int> children;
        bool checked = false;
    };

    const QList<int> &childrenOf(int node) const
    {
        return node < 0 ? m_top : m_nodes[node].children;
    }

    void setChecked(int node, bool checked);
    QStringList names() const;
    QVariant display(const Node &node, int column) const;
    QString tooltip(const Node &node) const;

    Api::FilesystemListing m_listing;
    QList<Node> m_nodes;
    QList<int> m_top;
};

}  // namespace Gui
