// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractTableModel>

#include "app/models/SortedTableModel.h"

#include <optional>

#include "shared/control/JobStatus.h"

namespace Gui {

// The pruning of one job, one row per filesystem and side: a snap job prunes its own snapshots (Side::Local), push
// and pull jobs prune on the sender and on the receiver. Rows are sorted by side, then filesystem, and stay put as a
// filesystem moves from pending to completed; update() signals only the cells that changed.
//
// A pruner that failed before it had a plan has no rows: report(side)->error says why (summary() has it too).
class PruningModel final : public SortedTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        FilesystemColumn,
        SideColumn,
        StatusColumn,  // pending, completed, "skipped: <reason>"
        KeptColumn,  // snapshots left after pruning
        DestroyedColumn,  // snapshots destroyed (pending: to destroy); ToolTipRole lists them
        ErrorColumn,  // first line; ToolTipRole and FullTextRole have all of it
        ColumnCount
    };
    Q_ENUM(Column)

    enum class Side
    {
        Sender,
        Receiver,
        Local,
    };
    Q_ENUM(Side)

    explicit PruningModel(QObject *parent = nullptr);

    // Shows another job (a reset), from the status the last update() brought.
    void setJob(const QString &name);
    QString job() const { return m_job; }
    void update(const Api::DaemonStatus &status);

    // The sides this job prunes and has a report for, in row order.
    QList<Side> sides() const;
    // nullptr when the job has no report for that side (yet)
    const Api::PrunerReport *report(Side side) const;
    // One line per side: "Sender: done", "Receiver: planning failed: <first line>"; empty without reports.
    QString summary() const;

    static QString sideName(Side side);
    static QString stateText(Api::PrunerState state);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        Side side = Side::Local;
        bool completed = false;
        Api::PrunerFilesystemReport fs;

        bool operator==(const Row &) const = default;
    };

    void apply(bool reset);
    QList<Row> rowsOf() const;

    QString m_job;
    Api::DaemonStatus m_lastStatus;
    std::optional<Api::PrunerReport> m_reports[3];  // by Side
    QList<Row> m_rows;
};

}  // namespace Gui
