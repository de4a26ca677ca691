// SPDX-License-Identifier: MIT
#include "app/models/FilesystemTreeModel.h"

#include <functional>

#include <QHash>

#include "app/models/Format.h"
#include "app/models/ModelRole.h"

using namespace Qt::StringLiterals;

namespace Gui {

namespace {

bool isEncrypted(const Api::FilesystemInfo &fs)
{
    return !fs.encryption.isEmpty() && fs.encryption != u"off";
}

}  // namespace

FilesystemTreeModel::FilesystemTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
{}

void FilesystemTreeModel::setListing(const Api::FilesystemListing &listing)
{
    const QSet<QString> previous = selection();
    beginResetModel();
    m_listing = listing;
    m_nodes.clear();
    m_top.clear();
    QHash<QString, int> byName;
    for (int i = 0; i < m_listing.filesystems.size(); ++i) {
        const QString &name = m_listing.filesystems[i].name;
        Node node;
        node.info = i;
        node.checked = previous.contains(name);
        // The nearest listed ancestor is the parent: the daemon lists parents first, but a filesystem it could not
        // read leaves a gap.
        for (QString ancestor = parentDataset(name); !ancestor.isEmpty(); ancestor = parentDataset(ancestor)) {
            if (const auto it = byName.constFind(ancestor); it != byName.constEnd()) {
                node.parent = *it;
                break;
            }
        }
        const int id = int(m_nodes.size());
        QList<int> &siblings = node.parent < 0 ? m_top : m_nodes[node.parent].children;
        node.row = int(siblings.size());
        siblings.append(id);
        m_nodes.append(node);
        byName.insert(name, id);
    }
    endResetModel();
    if (selection() != previous) {
        Q_EMIT selectionChanged();
    }
}

QStringList FilesystemTreeModel::names() const
{
    QStringList out;
    for (const Api::FilesystemInfo &fs : m_listing.filesystems) {
        out.append(fs.name);
    }
    return out;
}

QSet<QString> FilesystemTreeModel::selection() const
{
    QSet<QString> out;
    for (const Node &node : m_nodes) {
        if (node.checked) {
            out.insert(m_listing.filesystems[node.info].name);
        }
    }
    return out;
}

void FilesystemTreeModel::setSelection(const QSet<QString> &names)
{
    bool changed = false;
    for (int i = 0; i < m_nodes.size(); ++i) {
        const bool checked = names.contains(m_listing.filesystems[m_nodes[i].info].name);
        if (m_nodes[i].checked != checked) {
            m_nodes[i].checked = checked;
            const QModelIndex cell = createIndex(m_nodes[i].row, NameColumn, quintptr(i));
            Q_EMIT dataChanged(cell, cell, {Qt::CheckStateRole});
            changed = true;
        }
    }
    if (changed) {
        Q_EMIT selectionChanged();
    }
}

FilesystemFilter FilesystemTreeModel::filter() const
{
    return FilesystemFilter::forSelection(names(), selection());
}

QStringList FilesystemTreeModel::selectedEncrypted() const
{
    QStringList out;
    for (const Node &node : m_nodes) {
        const Api::FilesystemInfo &fs = m_listing.filesystems[node.info];
        if (node.checked && isEncrypted(fs)) {
            out.append(fs.name);
        }
    }
    return out;
}

QStringList FilesystemTreeModel::selectedUnencrypted() const
{
    QStringList out;
    for (const Node &node : m_nodes) {
        const Api::FilesystemInfo &fs = m_listing.filesystems[node.info];
        if (node.checked && !isEncrypted(fs)) {
            out.append(fs.name);
        }
    }
    return out;
}

qint64 FilesystemTreeModel::selectedBytes() const
{
    // `used` of a filesystem includes its children's: each ticked one counts with what is its own.
    qint64 total = 0;
    for (const Node &node : m_nodes) {
        const qint64 used = m_listing.filesystems[node.info].used;
        if (!node.checked || used < 0) {
            continue;
        }
        qint64 own = used;
        for (int child : node.children) {
            own -= std::max<qint64>(0, m_listing.filesystems[m_nodes[child].info].used);
        }
        total += std::max<qint64>(0, own);
    }
    return total;
}

QStringList FilesystemTreeModel::selectedAlreadyBackedUp() const
{
    QStringList out;
    for (const Node &node : m_nodes) {
        const Api::FilesystemInfo &fs = m_listing.filesystems[node.info];
        if (node.checked && !fs.sentBy.isEmpty()) {
            out.append(u"%1 (%2)"_s.arg(fs.name, fs.sentBy.join(u", "_s)));
        }
    }
    return out;
}

const Api::FilesystemInfo *FilesystemTreeModel::info(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this) {
        return nullptr;
    }
    return &m_listing.filesystems[m_nodes[int(index.internalId())].info];
}

QModelIndex FilesystemTreeModel::indexOf(const QString &name, int column) const
{
    for (int i = 0; i < m_nodes.size(); ++i) {
        if (m_listing.filesystems[m_nodes[i].info].name == name) {
            return createIndex(m_nodes[i].row, column, quintptr(i));
        }
    }
    return {};
}

QModelIndex FilesystemTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || (parent.isValid() && parent.column() != NameColumn)) {
        return {};
    }
    const QList<int> &siblings = childrenOf(parent.isValid() ? int(parent.internalId()) : -1);
    if (row < 0 || row >= siblings.size()) {
        return {};
    }
    return createIndex(row, column, quintptr(siblings[row]));
}

QModelIndex FilesystemTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid()) {
        return {};
    }
    const int parentNode = m_nodes[int(child.internalId())].parent;
    if (parentNode < 0) {
        return {};
    }
    return createIndex(m_nodes[parentNode].row, NameColumn, quintptr(parentNode));
}

int FilesystemTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != NameColumn) {
        return 0;
    }
    return int(childrenOf(parent.isValid() ? int(parent.internalId()) : -1).size());
}

int FilesystemTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant FilesystemTreeModel::display(const Node &node, int column) const
{
    const Api::FilesystemInfo &fs = m_listing.filesystems[node.info];
    switch (column) {
    case NameColumn:
        // The tree shows where it is; the last component says which.
        return fs.name.section(u'/', -1);
    case UsedColumn:
        return fs.used < 0 ? Format::none() : Format::bytes(fs.used);
    case AvailableColumn:
        return fs.available < 0 ? Format::none() : Format::bytes(fs.available);
    case EncryptionColumn:
        if (fs.encryption.isEmpty()) {
            return Format::none();
        }
        return isEncrypted(fs) ? tr("encrypted") : tr("no");
    case JobsColumn: {
        QStringList parts;
        if (!fs.sentBy.isEmpty()) {
            parts.append(tr("backed up by %1").arg(fs.sentBy.join(u", "_s)));
        }
        if (!fs.receivedBy.isEmpty()) {
            parts.append(tr("a backup, received by %1").arg(fs.receivedBy.join(u", "_s)));
        }
        return parts.join(u"; "_s);
    }
    default:
        return {};
    }
}

QString FilesystemTreeModel::tooltip(const Node &node) const
{
    const Api::FilesystemInfo &fs = m_listing.filesystems[node.info];
    QStringList lines{fs.name};
    if (fs.used >= 0) {
        lines.append(
            tr("Uses %1, %2 available").arg(Format::bytes(fs.used), Format::bytes(std::max<qint64>(0, fs.available))));
    }
    if (isEncrypted(fs)) {
        lines.append(fs.encryptionRoot.isEmpty() || fs.encryptionRoot == fs.name
                         ? tr("Encrypted (%1)").arg(fs.encryption)
                         : tr("Encrypted (%1), its key is that of %2").arg(fs.encryption, fs.encryptionRoot));
    }
    if (!fs.mountpoint.isEmpty()) {
        lines.append(tr("Mounted at %1").arg(fs.mountpoint));
    }
    if (!fs.sentBy.isEmpty()) {
        lines.append(tr("Already backed up by job %1").arg(fs.sentBy.join(u", "_s)));
    }
    if (!fs.receivedBy.isEmpty()) {
        lines.append(tr("A backup: job %1 receives into it").arg(fs.receivedBy.join(u", "_s)));
    }
    if (node.parent < 0) {
        for (const Api::PoolInfo &pool : m_listing.pools) {
            if (pool.name == fs.name && !pool.health.isEmpty()) {
                lines.append(tr("Pool %1: %2").arg(pool.name, pool.health));
            }
        }
    }
    return lines.join(u'\n');
}

QVariant FilesystemTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.model() != this) {
        return {};
    }
    const Node &node = m_nodes[int(index.internalId())];
    const Api::FilesystemInfo &fs = m_listing.filesystems[node.info];
    switch (role) {
    case Qt::DisplayRole:
        return display(node, index.column());
    case Qt::CheckStateRole:
        return index.column() == NameColumn ? QVariant(node.checked ? Qt::Checked : Qt::Unchecked) : QVariant();
    case Qt::ToolTipRole:
        return tooltip(node);
    case Qt::TextAlignmentRole:
        if (index.column() == UsedColumn || index.column() == AvailableColumn) {
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        }
        return {};
    case FullTextRole:
        return index.column() == NameColumn ? QVariant(fs.name) : display(node, index.column());
    case SortRole:
        switch (index.column()) {
        case UsedColumn:
            return fs.used;
        case AvailableColumn:
            return fs.available;
        case NameColumn:
            return fs.name;
        default:
            return display(node, index.column());
        }
    default:
        return {};
    }
}

void FilesystemTreeModel::setChecked(int node, bool checked)
{
    m_nodes[node].checked = checked;
    for (int child : m_nodes[node].children) {
        setChecked(child, checked);
    }
}

bool FilesystemTreeModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || index.column() != NameColumn || role != Qt::CheckStateRole) {
        return false;
    }
    const int id = int(index.internalId());
    const bool checked = value.value<Qt::CheckState>() == Qt::Checked;
    // The subtree follows: "pool/home" means home and everything below it, as the filter's "pool/home<" does.
    setChecked(id, checked);
    Q_EMIT dataChanged(index, index, {Qt::CheckStateRole});
    std::function<void(int)> notifyBelow = [&](int node) {
        const QList<int> &children = m_nodes[node].children;
        if (children.isEmpty()) {
            return;
        }
        const QModelIndex parentIndex = createIndex(m_nodes[node].row, NameColumn, quintptr(node));
        Q_EMIT dataChanged(this->index(0, NameColumn, parentIndex),
                           this->index(int(children.size()) - 1, NameColumn, parentIndex),
                           {Qt::CheckStateRole});
        for (int child : children) {
            notifyBelow(child);
        }
    };
    notifyBelow(id);
    Q_EMIT selectionChanged();
    return true;
}

Qt::ItemFlags FilesystemTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid()) {
        return Qt::NoItemFlags;
    }
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() == NameColumn) {
        flags |= Qt::ItemIsUserCheckable;
    }
    return flags;
}

QVariant FilesystemTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case NameColumn:
        return tr("Filesystem");
    case UsedColumn:
        return tr("Used");
    case AvailableColumn:
        return tr("Available");
    case EncryptionColumn:
        return tr("Encryption");
    case JobsColumn:
        return tr("Backups");
    default:
        return {};
    }
}

}  // namespace Gui
