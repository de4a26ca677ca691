// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

#include <QAbstractTableModel>

#include "shared/control/Holds.h"

namespace Gui {

// "Why is this snapshot still here?": the snapshots of one filesystem as the job's last pruning round saw them,
// oldest first, each with its verdict (kept by the keep rules, held although the rules gave it up, destroyed) and
// the daemon's explanation in one sentence. The keep rules and the hold are in the tooltip. A held snapshot is amber
// (WarningRole): it is what makes a pool fill up although the rules say otherwise.
class PruningExplanationModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        SideColumn,  // sender, receiver, local
        SnapshotColumn,
        CreatedColumn,
        VerdictColumn,  // "Kept", "Held", "Destroyed"
        ExplanationColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit PruningExplanationModel(QObject *parent = nullptr);

    // null: no explanation (none asked for, none came, zrepl): no rows.
    void setExplanation(const std::optional<Api::PruningExplanation> &explanation);

    const Api::SnapshotVerdict *verdict(int row) const;
    // "tank/a@s1: Kept by last_n: the newest 10" for the detail line under the table.
    QString detailText(int row) const;
    // One line on all rows: "12 snapshots: 10 kept, 1 held, 1 destroyed (round of <time>)"; empty without rows.
    QString summary() const;

    static QString verdictText(const Api::SnapshotVerdict &verdict);
    static QString sideName(const QString &side);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        const Api::PruningFilesystemExplanation *fs = nullptr;
        const Api::SnapshotVerdict *verdict = nullptr;
    };

    QString reasons(const Api::SnapshotVerdict &verdict) const;

    std::optional<Api::PruningExplanation> m_explanation;
    QList<Row> m_rows;
};

}  // namespace Gui
