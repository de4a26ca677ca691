// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

#include <QAbstractTableModel>
#include <QDateTime>

#include "shared/control/Holds.h"

namespace Gui {

// The Holds pane under the Filesystems view: what Holdfast and zrepl keep on the pools to protect replication, one
// row per hold or bookmark (step holds, step bookmarks, last-received holds, replication cursors) and one per
// interrupted receive, from the daemon's holds report. Stale items (they protect nothing any more) are amber
// (ForegroundRole, WarningRole) and say why.
//
// It follows the window's selection: the filesystem selected in the Filesystems view, or, with none, every
// filesystem of the selected job (all filesystems when no job is set). Rows are sorted by filesystem, the
// interrupted receive first, then by kind and name. A new report resets the model: it comes on demand, not every
// second. setNow() moves the ages on (DisplayRole of the Age column only).
class HoldsModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        FilesystemColumn,  // the dataset path: elide it in the middle
        WhatColumn,        // "Step hold", "Replication cursor", "Interrupted receive"
        NameColumn,        // the snapshot (holds) or bookmark; for an interrupted receive the snapshot being received
        JobColumn,
        AgeColumn,      // "3 d ago"; the exact time in the tooltip
        StaleColumn,    // "Stale: <reason>" for stale items; before the long purpose, so that it is in view
        PurposeColumn,  // what it protects; for an interrupted receive how far it got
        ColumnCount
    };
    Q_ENUM(Column)

    explicit HoldsModel(QObject *parent = nullptr);

    // null: no report (not asked yet, zrepl): no rows.
    void setReport(const std::optional<Api::HoldsReport> &report);
    // Empty: every job's filesystems.
    void setJob(const QString &job);
    // Empty: every filesystem of the job.
    void setFilesystem(const QString &filesystem);
    void setNow(const QDateTime &now);
    QDateTime now() const;

    QString job() const
    {
        return m_job;
    }

    QString filesystem() const
    {
        return m_filesystem;
    }

    const std::optional<Api::HoldsReport> &report() const
    {
        return m_report;
    }

    // The report's entry of `filesystem`; nullptr when it has nothing on it.
    const Api::FilesystemHolds *filesystemHolds(const QString &filesystem) const;
    // The filesystems shown, in order.
    QList<const Api::FilesystemHolds *> shownFilesystems() const;
    // The filesystem of a row; empty for an invalid row.
    QString filesystemOfRow(int row) const;
    int staleCount() const;

    // A kind in words: "Step hold", "Replication cursor", ...
    static QString kindName(Api::AbstractionItem::Kind kind);
    // "Interrupted receive of pool/fs@snap: 120 MiB received, since <time>"
    static QString partialReceiveText(const Api::PartialReceive &receive);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        const Api::FilesystemHolds *fs = nullptr;
        const Api::AbstractionItem *item = nullptr;  // nullptr: the filesystem's interrupted receive
    };

    bool shows(const Api::FilesystemHolds &fs) const;
    void rebuild();
    QVariant displayData(const Row &row, int column) const;
    QVariant toolTipData(const Row &row, int column) const;
    QVariant sortData(const Row &row, int column) const;
    static QString jobsOf(const Api::FilesystemHolds &fs);

    std::optional<Api::HoldsReport> m_report;
    QString m_job;
    QString m_filesystem;
    QDateTime m_now;
    QList<Row> m_rows;
};

}  // namespace Gui
