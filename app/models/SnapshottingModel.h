// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractTableModel>

#include "app/models/SortedTableModel.h"

#include <optional>

#include "shared/control/JobStatus.h"

namespace Gui {

// The periodic snapshotter of one job, one row per filesystem of its current round: snap and push jobs
// ("Snapshotting") and source jobs ("Snapper"). Pull and sink jobs, and jobs with manual snapshotting, have none:
// the table stays empty and report() is null.
//
// Rows are the filesystems by name; update() keeps a row that stays and signals only its changed cells. A failed
// snapshot has HasErrorRole and a red State; a failed hook has WarningRole and a red Hooks cell (ForegroundRole),
// whose tooltip and FullTextRole are zrepl's whole hook report.
class SnapshottingModel final : public SortedTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        FilesystemColumn,
        StateColumn,  // Pending, Started, Done, Error
        SnapshotColumn,  // the snapshot's name without "fs@"
        StartedColumn,
        DoneColumn,
        HooksColumn,  // first line; ToolTipRole and FullTextRole have all of it
        ColumnCount
    };
    Q_ENUM(Column)

    explicit SnapshottingModel(QObject *parent = nullptr);

    // Shows another job (a reset), from the status the last update() brought.
    void setJob(const QString &name);
    QString job() const { return m_job; }
    void update(const Api::DaemonStatus &status);

    // The snapper as a whole (state, sleep until, error) for a line above the table; null when there is none.
    const std::optional<Api::SnapperReport> &report() const { return m_report; }
    // "waiting until 12:30", "snapshotting", "error, retrying at 12:30: <first line>", ... ; empty without a report
    QString summary() const;

    static QString stateText(Api::SnapState state);
    static QString stateText(Api::SnapperState state);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void apply(const Api::SnapperReport *report, bool reset);

    QString m_job;
    Api::DaemonStatus m_lastStatus;
    std::optional<Api::SnapperReport> m_report;
    QList<Api::SnapperFilesystemReport> m_rows;  // sorted by path
};

}  // namespace Gui
