// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractTableModel>

#include "app/models/SortedTableModel.h"
#include <QIcon>

#include <array>

#include "app/core/JobSummary.h"
#include "shared/control/JobStatus.h"

namespace Gui {

// The jobs table: one row per job of the daemon's /status (internal jobs left out), sorted by name.
//
// update() changes rows in place: a job that stays keeps its row and only the cells that changed are signalled, a
// new job is inserted at its place, a vanished job removed. The model never resets, so a view's selection, current
// index and scroll position survive every refresh.
//
// The table leads with freshness: "Last backup" (how long ago, relative to now(); the exact local time, what it is
// and the daemon's health reason in the tooltip; a dot in the health's colour, green, amber, red or grey) and
// "Next" ("in 4 min"). setNow() keeps the relative texts current between updates and signals only the cells whose
// text changed. FreshnessRole gives the Api::Health in every column.
//
// A paused job (Holdfast's `signal pause`) reads "Paused" with a pause icon, and its ageing backups are amber at
// most: the user stopped it on purpose.
//
// The Name column's DecorationRole is an icon for the job's overall health (JobSummaries::overallHealth: the last
// run and the freshness; the theme's emblem-default, view-refresh, dialog-warning, dialog-error, or the style's
// standard pixmaps where the theme has none); HealthRole gives the Gui::Health of the last run itself for a view
// that draws its own marks.
class JobsTableModel final : public SortedTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        LastBackupColumn,  // "12 min ago"; SortRole the time
        NextRunColumn,  // "in 4 min": the next snapshot or replication
        StateColumn,
        TypeColumn,
        LastErrorColumn,
        ProgressColumn,  // ProgressRole: the replication's bytes; DisplayRole "1.2 GiB of 3.4 GiB" or "—"
        ColumnCount
    };
    Q_ENUM(Column)

    explicit JobsTableModel(QObject *parent = nullptr);

    void update(const Api::DaemonStatus &status);
    // The same with summaries made already (JobSummaries::summarize), which the tray and notifications share.
    void update(QList<JobSummary> summaries);
    // Removes every row, as when the daemon went away.
    void clear();
    // The moment the relative times are measured from. Until it is set, the clock's.
    void setNow(const QDateTime &now);
    QDateTime now() const;

    const QList<JobSummary> &summaries() const { return m_rows; }
    // nullptr when the row does not exist
    const JobSummary *summary(int row) const;
    // -1 when there is no such job
    int rowOfJob(const QString &name) const;
    QModelIndex indexOfJob(const QString &name, int column = NameColumn) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant displayData(const JobSummary &job, int column) const;
    QVariant toolTipData(const JobSummary &job, int column) const;
    QVariant sortData(const JobSummary &job, int column) const;
    QString lastBackupText(const JobSummary &job, const QDateTime &now) const;
    QString lastBackupToolTip(const JobSummary &job) const;
    QIcon healthIcon(Health health) const;
    QIcon pausedIcon() const;

    QList<JobSummary> m_rows;
    QDateTime m_now;
    mutable std::array<QIcon, 4> m_icons;  // by Health, made on first use: a QIcon needs the QGuiApplication
    mutable QIcon m_pausedIcon;
};

}  // namespace Gui
