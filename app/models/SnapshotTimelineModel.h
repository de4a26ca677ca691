// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>

#include "shared/restore/SnapshotCatalog.h"

namespace Gui {

// The snapshots of the filesystem chosen in the Restore view, newest first: when each was taken (the exact time and
// where the time comes from in the tooltip), its name, the prefix that tells whose it is ("zrepl_", "autosnap_"),
// and whether a `zfs hold` keeps pruning from destroying it. A new list resets the model: it comes when the user
// picks a filesystem or refreshes, not on a timer.
class SnapshotTimelineModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        WhenColumn,    // "5 Dec 2026 14:00"
        AgeColumn,     // "2 d 5 h ago", moved on by setNow()
        HeldColumn,    // "Held" or nothing; unknown where zfs could not be asked
        NameColumn,    // repeats the time and the prefix: the Restore view hides it
        PrefixColumn,  // "zrepl_": whose snapshot it is
        ColumnCount
    };
    Q_ENUM(Column)

    explicit SnapshotTimelineModel(QObject *parent = nullptr);

    void setSnapshots(const QList<Restore::SnapshotEntry> &snapshots);

    const QList<Restore::SnapshotEntry> &snapshots() const
    {
        return m_snapshots;
    }

    // The snapshot of `row`; an empty one for a row out of range.
    Restore::SnapshotEntry snapshot(int row) const;
    int rowOf(const QString &name) const;
    void setNow(const QDateTime &now);
    QDateTime now() const;

    // What the list says at a glance: "42 snapshots · newest 12 min ago · 3 held", "No snapshots".
    QString summary() const;
    // Where a snapshot's time comes from, in words, for tooltips: "" for zfs's own creation time.
    static QString timeSourceNote(Restore::SnapshotEntry::TimeSource source);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant displayData(const Restore::SnapshotEntry &snapshot, int column) const;
    QVariant toolTipData(const Restore::SnapshotEntry &snapshot, int column) const;

    QList<Restore::SnapshotEntry> m_snapshots;
    QDateTime m_now;
};

}  // namespace Gui
