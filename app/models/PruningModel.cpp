// SPDX-License-Identifier: MIT
#include "app/models/PruningModel.h"

#include <QBrush>

#include <algorithm>
#include <utility>

#include "app/models/DataChangeBatch.h"
#include "app/models/Format.h"
#include "app/models/ModelRole.h"

using namespace Qt::StringLiterals;

namespace Gui {

namespace {

using RowKey = std::pair<int, QString>;

int keptCount(const Api::PrunerFilesystemReport &fs)
{
    if (!fs.snapshotList) {
        return -1;
    }
    return int(fs.snapshotList->size() - (fs.destroyList ? fs.destroyList->size() : 0));
}

int destroyedCount(const Api::PrunerFilesystemReport &fs)
{
    return fs.destroyList ? int(fs.destroyList->size()) : -1;
}

}  // namespace

PruningModel::PruningModel(QObject *parent)
    : SortedTableModel(parent)
{
}

void PruningModel::setJob(const QString &name)
{
    if (name == m_job) {
        return;
    }
    m_job = name;
    apply(true);
}

void PruningModel::update(const Api::DaemonStatus &status)
{
    m_lastStatus = status;
    apply(false);
}

QList<PruningModel::Row> PruningModel::rowsOf() const
{
    QList<Row> rows;
    for (const Side side : {Side::Sender, Side::Receiver, Side::Local}) {
        const std::optional<Api::PrunerReport> &report = m_reports[int(side)];
        if (!report) {
            continue;
        }
        const qsizetype first = rows.size();
        // Completed first, so that a filesystem listed in both (a report taken mid-move) shows as completed.
        for (const bool completed : {true, false}) {
            const auto &list = completed ? report->completed : report->pending;
            for (const Api::PrunerFilesystemReport &fs : list.value_or(QList<Api::PrunerFilesystemReport>())) {
                rows.append(Row{side, completed, fs});
            }
        }
        std::stable_sort(rows.begin() + first, rows.end(),
                         [](const Row &a, const Row &b) { return a.fs.filesystem < b.fs.filesystem; });
        rows.erase(std::unique(rows.begin() + first, rows.end(),
                               [](const Row &a, const Row &b) { return a.fs.filesystem == b.fs.filesystem; }),
                   rows.end());
    }
    return rows;
}

void PruningModel::apply(bool reset)
{
    const auto job = m_lastStatus.jobs.constFind(m_job);
    std::optional<Api::PrunerReport> reports[3];
    if (!m_job.isEmpty() && job != m_lastStatus.jobs.cend()) {
        if (const Api::ActiveSideStatus *active = job->active()) {
            reports[int(Side::Sender)] = active->pruningSender;
            reports[int(Side::Receiver)] = active->pruningReceiver;
        } else if (const Api::SnapJobStatus *snap = job->snap()) {
            reports[int(Side::Local)] = snap->pruning;
        }
    }
    if (reset) {
        beginResetModel();
        std::copy(std::begin(reports), std::end(reports), std::begin(m_reports));
        m_rows = rowsOf();
        endResetModel();
        return;
    }
    std::copy(std::begin(reports), std::end(reports), std::begin(m_reports));
    const QList<Row> rows = rowsOf();

    DataChangeBatch changes(this);
    mergeRows(
        m_rows, rows, [](const Row &row) { return RowKey(int(row.side), row.fs.filesystem); },
        [this, &rows, &changes](int row, qsizetype index) {
            const Row &a = m_rows.at(row);
            const Row &b = rows.at(index);
            if (a == b) {
                return;
            }
            ColumnSpan span;
            if (a.completed != b.completed || a.fs.skipReason != b.fs.skipReason) {
                span.add(StatusColumn);
            }
            if (a.fs.snapshotList != b.fs.snapshotList || a.fs.destroyList != b.fs.destroyList) {
                span.add(KeptColumn);
                span.add(DestroyedColumn);
            }
            if (a.fs.lastError != b.fs.lastError) {
                // HasErrorRole is answered in every column.
                span.add(FilesystemColumn);
                span.add(ErrorColumn);
            }
            const bool errorChanged = a.fs.lastError != b.fs.lastError;
            m_rows[row] = b;  // `a` may dangle once m_rows detaches here: it is not read again
            if (!span.isEmpty()) {
                changes.add(QModelIndex(), row, span.first(), span.last(),
                            errorChanged ? DataChangeBatch::Roles::All : DataChangeBatch::Roles::Content);
            }
        });
    changes.flush();
}

QList<PruningModel::Side> PruningModel::sides() const
{
    QList<Side> out;
    for (const Side side : {Side::Sender, Side::Receiver, Side::Local}) {
        if (m_reports[int(side)]) {
            out.append(side);
        }
    }
    return out;
}

const Api::PrunerReport *PruningModel::report(Side side) const
{
    const std::optional<Api::PrunerReport> &r = m_reports[int(side)];
    return r ? &*r : nullptr;
}

QString PruningModel::summary() const
{
    QStringList lines;
    for (const Side side : sides()) {
        const Api::PrunerReport &r = *report(side);
        QString line = tr("%1: %2").arg(sideName(side), stateText(r.state));
        if (!r.error.isEmpty()) {
            line = tr("%1: %2").arg(line, Format::firstLine(r.error));
        }
        lines.append(line);
    }
    return lines.join(u'\n');
}

QString PruningModel::sideName(Side side)
{
    switch (side) {
    case Side::Sender:
        return tr("Sender");
    case Side::Receiver:
        return tr("Receiver");
    case Side::Local:
        return tr("Local");
    }
    return {};
}

QString PruningModel::stateText(Api::PrunerState state)
{
    switch (state) {
    case Api::PrunerState::Plan:
        return tr("planning");
    case Api::PrunerState::PlanErr:
        return tr("planning failed");
    case Api::PrunerState::Exec:
        return tr("pruning");
    case Api::PrunerState::ExecErr:
        return tr("pruning failed");
    case Api::PrunerState::Done:
        return tr("done");
    }
    return {};
}

int PruningModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PruningModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PruningModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row &row = m_rows.at(index.row());
    const Api::PrunerFilesystemReport &fs = row.fs;
    const int column = index.column();
    const bool failed = !fs.lastError.isEmpty();
    switch (role) {
    case Qt::DisplayRole:
    case FullTextRole:
        switch (column) {
        case FilesystemColumn:
            return fs.filesystem;
        case SideColumn:
            return sideName(row.side);
        case StatusColumn:
            if (!fs.skipReason.isEmpty()) {
                return tr("skipped: %1").arg(fs.skipReason);
            }
            return row.completed ? tr("completed") : tr("pending");
        case KeptColumn: {
            const int kept = keptCount(fs);
            return kept < 0 ? Format::none() : QString::number(kept);
        }
        case DestroyedColumn: {
            const int destroyed = destroyedCount(fs);
            return destroyed < 0 ? Format::none() : QString::number(destroyed);
        }
        case ErrorColumn:
            return role == FullTextRole ? fs.lastError : Format::firstLine(fs.lastError);
        }
        return {};
    case Qt::ToolTipRole:
        switch (column) {
        case DestroyedColumn: {
            if (!fs.destroyList || fs.destroyList->isEmpty()) {
                return {};
            }
            QStringList names;
            for (const Api::PrunerSnapshot &snapshot : *fs.destroyList) {
                names.append(fs.filesystem + u'@' + snapshot.name);
            }
            return (row.completed ? tr("Destroyed:\n%1") : tr("To destroy:\n%1")).arg(names.join(u'\n'));
        }
        case ErrorColumn:
            return failed ? QVariant(fs.lastError) : QVariant();
        }
        return {};
    case Qt::ForegroundRole:
        return failed && column == ErrorColumn ? QVariant(QBrush(Format::errorColor())) : QVariant();
    case SortRole:
        switch (column) {
        case FilesystemColumn:
            return fs.filesystem;
        case SideColumn:
            return int(row.side);
        case StatusColumn:
            return data(index, Qt::DisplayRole);
        case KeptColumn:
            return keptCount(fs);
        case DestroyedColumn:
            return destroyedCount(fs);
        case ErrorColumn:
            return fs.lastError;
        }
        return {};
    case JobNameRole:
        return m_job;
    case HasErrorRole:
        return failed;
    }
    return {};
}

QVariant PruningModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case FilesystemColumn:
        return tr("Filesystem");
    case SideColumn:
        return tr("Side");
    case StatusColumn:
        return tr("Status");
    case KeptColumn:
        return tr("Kept");
    case DestroyedColumn:
        return tr("Destroyed");
    case ErrorColumn:
        return tr("Error");
    }
    return {};
}

}  // namespace Gui
