// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractItemModel>
#include <QDateTime>
#include <QHash>

#include "shared/control/JobStatus.h"

namespace Gui {

class DataChangeBatch;

// The replication of one push or pull job as a tree: the attempts of its current run at the top ("Attempt 1 —
// done, 12:01:02–12:03:04"), their filesystems below, and each filesystem's steps (from → to) below those.
//
// update() changes what it can in place: while the run and its attempts stay, only changed cells are signalled
// (bytes, states, errors, rates), and filesystems, steps and attempts that appear are inserted; the model resets
// only when the job, or its run, is another one (attempts only grow within a run).
//
// Rates are bytes per second of the steps being sent, from the bytes two successive updates saw, smoothed
// exponentially with a time constant of RateTimeConstant: the daemon reports no rate itself.
//
// Views: only column 0 has children. The tree has one row per step, which for 10,000 filesystems is 30,000 rows:
// give a QTreeView setUniformRowHeights(true), or each refresh that changes many rows measures all of them.
class ReplicationModel final : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column
    {
        ItemColumn,  // attempt label, filesystem name, "@from → @to"
        StateColumn,
        ProgressColumn,  // ProgressRole, BytesReplicatedRole, BytesExpectedRole
        RateColumn,  // RateRole
        DetailsColumn,  // the error's first line (ToolTipRole, FullTextRole: all of it); resumed, encrypted
        ColumnCount
    };
    Q_ENUM(Column)

    enum class ItemKind
    {
        Attempt,
        Filesystem,
        Step,
    };
    Q_ENUM(ItemKind)

    // Smoothing of the rates; a sample closer than MinRateInterval to the previous one is ignored.
    static constexpr double RateTimeConstantSeconds = 5.0;
    static constexpr qint64 MinRateIntervalMSecs = 250;

    explicit ReplicationModel(QObject *parent = nullptr);

    // Shows another job (reset), from the status the last update() brought; an empty name shows nothing.
    void setJob(const QString &name);
    QString job() const { return m_job; }
    // `now` is when the status was taken, for the rates.
    void update(const Api::DaemonStatus &status, const QDateTime &now = QDateTime::currentDateTimeUtc());

    // False when the job has no replication report (yet), is not a push or pull job, or does not exist.
    bool hasReport() const { return m_hasReport; }
    const Api::ReplicationReport &report() const { return m_report; }

    ItemKind kind(const QModelIndex &index) const;
    // The attempt's, filesystem's or step's position: -1 where the index is above that level.
    int attemptOf(const QModelIndex &index) const;
    int filesystemOf(const QModelIndex &index) const;
    // The smoothed rate of a filesystem of the last attempt, bytes per second; -1 when it sends nothing.
    double filesystemRate(int filesystem) const { return m_fsRates.value(filesystem, -1.0); }

    QModelIndex index(int row, int column, const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Totals
    {
        qint64 expected = 0;
        qint64 replicated = 0;
        bool complete = true;
        int done = 0;
        int failed = 0;

        bool operator==(const Totals &) const = default;
    };

    struct RateSample
    {
        qint64 bytes = 0;
        qint64 msecs = 0;
        double rate = -1;
    };

    void apply(const Api::ReplicationReport *report, qint64 nowMSecs);
    void resetTo(const Api::ReplicationReport *report, qint64 nowMSecs);
    bool syncAttempt(int attempt, const Api::AttemptReport &before, const Api::AttemptReport &after,
                     DataChangeBatch &changes);
    void syncFilesystem(int attempt, int filesystem, const Api::FilesystemReport &before,
                        const Api::FilesystemReport &after, DataChangeBatch &changes);
    Totals totalsOf(const Api::AttemptReport &attempt) const;
    void computeRates(qint64 nowMSecs);
    bool isRunning() const;
    bool isRunningStep(int attempt, const Api::FilesystemReport &fs, int step) const;

    QVariant attemptData(int attempt, int column, int role) const;
    QVariant filesystemData(int attempt, int filesystem, int column, int role) const;
    QVariant stepData(int attempt, int filesystem, int step, int column, int role) const;
    QString attemptLabel(int attempt) const;

    QString m_job;
    Api::DaemonStatus m_lastStatus;  // for setJob(); implicitly shared with the caller's
    qint64 m_lastNow = 0;
    bool m_hasReport = false;
    bool m_running = false;  // JobSummaries::isReplicationRunning of the report
    Api::ReplicationReport m_report;
    QList<Totals> m_totals;  // per attempt
    QHash<QString, RateSample> m_samples;  // per step being sent, by filesystem + '\n' + step's "to"
    QHash<int, double> m_fsRates;  // filesystem of the last attempt sending a step -> its rate, -1 while unknown
    double m_attemptRate = -1;  // the sum over the last attempt
};

}  // namespace Gui
