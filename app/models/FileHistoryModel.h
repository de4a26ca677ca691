// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

#include <QAbstractItemModel>
#include <QDateTime>

#include "shared/restore/VersionHistory.h"

namespace Gui {

// The versions of one file or folder across its filesystem's snapshots, newest first (Restore::computeHistory's
// grouping): one row per distinct version, with the snapshots it is in as children, so that "unchanged from 3 Dec
// to 5 Dec" is one row that unfolds into its snapshots. Spans where the path did not exist are rows of their own
// that say so plainly. The version that is the current file says so too.
class FileHistoryModel final : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column
    {
        SnapshotsColumn,  // version: "5 Dec 2026 14:00" or "unchanged from … to … (4 snapshots)"; child: its date
        VersionColumn,    // version: "Modified 5 Dec 2026 13:58", "Did not exist"; child: the snapshot's name
        SizeColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit FileHistoryModel(QObject *parent = nullptr);

    void setHistory(const Restore::FileHistory &history);

    const Restore::FileHistory &history() const
    {
        return m_history;
    }

    void setNow(const QDateTime &now);
    QDateTime now() const;

    // The version a row shows: its own for a version row, its parent's for a snapshot row; nullopt for an invalid
    // index.
    std::optional<int> versionOf(const QModelIndex &index) const;
    // The snapshot a row stands for: a snapshot row's own, a version row's newest (-1 for an invalid index).
    int snapshotOf(const QModelIndex &index) const;
    // The version's file inside that snapshot; empty where there is none (an invalid index, a "did not exist" row).
    QString pathOf(const QModelIndex &index) const;
    // The version row of `version`.
    QModelIndex versionIndex(int version, int column = 0) const;

    // What the history says at a glance: "3 versions · last changed 2 d ago".
    QString summary() const;

    QModelIndex index(int row, int column, const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    // internalId of a version row; a snapshot row carries its version + 1.
    static constexpr quintptr VersionRow = 0;

    QVariant versionData(const Restore::FileVersion &version, int column, int role) const;
    QVariant snapshotData(int snapshot, int column, int role) const;
    QString spanText(const Restore::FileVersion &version) const;
    QString snapshotListing(const Restore::FileVersion &version) const;
    QString contentText(const Restore::FileVersion &version) const;

    Restore::FileHistory m_history;
    QDateTime m_now;
};

}  // namespace Gui
