// SPDX-License-Identifier: MIT
#include "app/models/SnapshotTimelineModel.h"

#include <algorithm>

#include "app/models/Format.h"
#include "app/models/ModelRole.h"

using namespace Qt::StringLiterals;

namespace Gui {

using TimeSource = Restore::SnapshotEntry::TimeSource;

SnapshotTimelineModel::SnapshotTimelineModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void SnapshotTimelineModel::setSnapshots(const QList<Restore::SnapshotEntry> &snapshots)
{
    beginResetModel();
    m_snapshots = snapshots;
    endResetModel();
}

Restore::SnapshotEntry SnapshotTimelineModel::snapshot(int row) const
{
    return row >= 0 && row < m_snapshots.size() ? m_snapshots.at(row) : Restore::SnapshotEntry{};
}

int SnapshotTimelineModel::rowOf(const QString &name) const
{
    for (qsizetype row = 0; row < m_snapshots.size(); ++row) {
        if (m_snapshots.at(row).name == name) {
            return int(row);
        }
    }
    return -1;
}

void SnapshotTimelineModel::setNow(const QDateTime &now)
{
    m_now = now;
    if (!m_snapshots.isEmpty()) {
        Q_EMIT dataChanged(index(0, AgeColumn), index(int(m_snapshots.size()) - 1, AgeColumn), {Qt::DisplayRole});
    }
}

QDateTime SnapshotTimelineModel::now() const
{
    return m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc();
}

QString SnapshotTimelineModel::summary() const
{
    if (m_snapshots.isEmpty()) {
        return tr("No snapshots");
    }
    QStringList parts{m_snapshots.size() == 1 ? tr("1 snapshot") : tr("%1 snapshots").arg(m_snapshots.size())};
    const auto newest = std::find_if(
        m_snapshots.cbegin(), m_snapshots.cend(), [](const Restore::SnapshotEntry &s) { return s.created.isValid(); });
    if (newest != m_snapshots.cend()) {
        parts.append(tr("newest %1").arg(Format::ago(newest->created, now())));
    }
    const auto held = std::count_if(m_snapshots.cbegin(), m_snapshots.cend(), [](const Restore::SnapshotEntry &s) {
        return s.held.value_or(false);
    });
    if (held > 0) {
        parts.append(tr("%1 held").arg(held));
    }
    return parts.join(u" · "_s);
}

QString SnapshotTimelineModel::timeSourceNote(TimeSource source)
{
    switch (source) {
    case TimeSource::Zfs:
        return {};
    case TimeSource::Name:
        return tr("The time is read from the snapshot's name: zfs could not be asked.");
    case TimeSource::Directory:
        return tr("The time is that of the last change before the snapshot: zfs could not be asked and the name "
                  "holds no date.");
    case TimeSource::Unknown:
        break;
    }
    return tr("When this snapshot was taken is not known.");
}

int SnapshotTimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_snapshots.size());
}

int SnapshotTimelineModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SnapshotTimelineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Restore::SnapshotEntry &snapshot = m_snapshots.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(snapshot, index.column());
    case Qt::ToolTipRole:
        return toolTipData(snapshot, index.column());
    case SortRole:
        switch (index.column()) {
        case WhenColumn:
        case AgeColumn:
            return snapshot.created;
        case HeldColumn:
            return snapshot.held.value_or(false) ? 1 : 0;
        default:
            return displayData(snapshot, index.column());
        }
    case FullTextRole:
        return index.column() == NameColumn ? snapshot.name : displayData(snapshot, index.column());
    default:
        return {};
    }
}

QVariant SnapshotTimelineModel::displayData(const Restore::SnapshotEntry &snapshot, int column) const
{
    switch (column) {
    case WhenColumn:
        return Format::dateTime(snapshot.created);
    case AgeColumn:
        return Format::ago(snapshot.created, now());
    case NameColumn:
        return snapshot.name;
    case PrefixColumn:
        return snapshot.prefix;
    case HeldColumn:
        return snapshot.held.value_or(false) ? tr("Held") : QString();
    }
    return {};
}

QVariant SnapshotTimelineModel::toolTipData(const Restore::SnapshotEntry &snapshot, int column) const
{
    switch (column) {
    case WhenColumn:
    case AgeColumn: {
        QStringList lines;
        if (snapshot.created.isValid()) {
            lines.append(tr("Taken %1").arg(Format::longDateTime(snapshot.created)));
        }
        lines.append(tr("Snapshot %1").arg(snapshot.name));
        lines.append(timeSourceNote(snapshot.timeSource));
        lines.removeAll(QString());
        return lines.join(u'\n');
    }
    case NameColumn:
        return snapshot.root;
    case PrefixColumn:
        return snapshot.prefix.isEmpty()
                   ? QVariant()
                   : tr("Snapshots named %1… are taken by the same job or tool").arg(snapshot.prefix);
    case HeldColumn:
        if (!snapshot.held) {
            return tr("Whether a hold keeps this snapshot is not known: zfs could not be asked");
        }
        return *snapshot.held ? tr("A zfs hold keeps this snapshot: pruning does not destroy it")
                              : tr("No hold: pruning may destroy this snapshot when it is old enough");
    }
    return {};
}

QVariant SnapshotTimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case WhenColumn:
        return tr("Taken");
    case AgeColumn:
        return tr("Age");
    case NameColumn:
        return tr("Snapshot");
    case PrefixColumn:
        return tr("Prefix");
    case HeldColumn:
        return tr("Held");
    }
    return {};
}

}  // namespace Gui
