// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

#include <QDateTime>

#include "app/models/SortedTableModel.h"
#include "shared/control/Freshness.h"
#include "shared/control/JobStatus.h"

namespace Gui {

// The Filesystems view: one row per filesystem of the selected job, or of every job when none is selected, with how
// fresh its backups are. From Holdfast's freshness report: when it was last replicated (the creation of the newest
// snapshot the receiver has; for a sink, when it last received), its newest snapshot, how many snapshots it has, how
// many (and how many bytes, where the daemon estimated them) are not replicated yet, and the daemon's health with
// its reason.
//
// The filesystems of a paused job say so in the Health column ("Paused", amber at most): they age on purpose.
//
// Against zrepl, which has no such report, the rows come from the status: the filesystems of the last replication
// attempt ("last replicated" is when that attempt finished, for a filesystem it completed) and of the snapshotter's
// last round (its snapshot); counts, ages and health cannot be known, and the tooltips say so.
//
// Rows are sorted by job, then filesystem, and updated in place (selection and scroll position stay); sort them
// otherwise through a QSortFilterProxyModel on SortRole. Relative times ("12 min ago") are measured from now(),
// which setNow() moves on: it signals only DisplayRole, so a proxy sorting on SortRole does not sort again.
class FilesystemsModel final : public SortedTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        JobColumn,
        FilesystemColumn,  // the dataset path: elide it in the middle
        LastReplicatedColumn,
        NewestSnapshotColumn,  // "12 min ago, zrepl_20261124_120000_000"
        SnapshotsColumn,
        UnreplicatedColumn,  // "3 (1.2 MiB)"
        HealthColumn,        // coloured, with a dot; the reason in the tooltip
        ColumnCount
    };
    Q_ENUM(Column)

    explicit FilesystemsModel(QObject *parent = nullptr);

    // The job whose filesystems to show; empty: every job's.
    void setJob(const QString &name);

    QString job() const
    {
        return m_job;
    }

    // `freshness`: the daemon's report, or null (zrepl, or not come yet); `noFreshnessEndpoint`: it is zrepl's.
    void update(const Api::DaemonStatus &status, const Api::FreshnessReport *freshness, bool noFreshnessEndpoint);
    void setNow(const QDateTime &now);
    QDateTime now() const;

    // The rows come from a freshness report, not from zrepl's status.
    bool isReported() const
    {
        return m_reported;
    }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        QString job;
        QString jobType;
        QString filesystem;
        bool reported = false;  // from the freshness report
        std::optional<QDateTime> lastReplicated;
        QString replicatedSnapshot;         // its name, without "fs@"
        std::optional<QDateTime> received;  // sink: when it arrived
        std::optional<QDateTime> newestSnapshot;
        QString newestSnapshotName;
        std::optional<int> snapshots;
        std::optional<int> unreplicated;
        std::optional<qint64> unreplicatedBytes;
        Api::Health health = Api::Health::Unknown;
        QString healthReason;
        QString error;
        bool paused = false;  // the job's replication is paused

        QString key() const;
        bool operator==(const Row &) const = default;
    };

    QList<Row> rowsOf() const;
    QList<Row> reportedRows(const Api::JobFreshness &job) const;
    QList<Row> statusRows(const QString &job, const Api::JobStatus &status) const;
    void apply(bool reset);
    QVariant displayData(const Row &row, int column) const;
    QVariant toolTipData(const Row &row, int column) const;
    QVariant sortData(const Row &row, int column) const;
    QString lastReplicatedText(const Row &row) const;
    static Api::Health shownHealth(const Row &row);

    QString m_job;
    Api::DaemonStatus m_status;
    std::optional<Api::FreshnessReport> m_freshness;
    bool m_noFreshnessEndpoint = false;
    bool m_reported = false;
    QDateTime m_now;
    QList<Row> m_rows;
};

}  // namespace Gui
