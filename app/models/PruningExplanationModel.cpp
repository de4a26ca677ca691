// SPDX-License-Identifier: MIT
#include "app/models/PruningExplanationModel.h"

#include <QBrush>

#include "app/models/Format.h"
#include "app/models/ModelRole.h"

using namespace Qt::StringLiterals;

namespace Gui {

PruningExplanationModel::PruningExplanationModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void PruningExplanationModel::setExplanation(const std::optional<Api::PruningExplanation> &explanation)
{
    beginResetModel();
    m_explanation = explanation;
    m_rows.clear();
    if (m_explanation) {
        for (const Api::PruningFilesystemExplanation &fs : std::as_const(m_explanation->filesystems)) {
            for (const Api::SnapshotVerdict &verdict : fs.snapshots) {
                m_rows.append(Row{&fs, &verdict});
            }
        }
    }
    endResetModel();
}

const Api::SnapshotVerdict *PruningExplanationModel::verdict(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).verdict : nullptr;
}

QString PruningExplanationModel::verdictText(const Api::SnapshotVerdict &verdict)
{
    if (verdict.destroyed) {
        return tr("Destroyed");
    }
    if (!verdict.blockedBy.isEmpty()) {
        return tr("Held");
    }
    return tr("Kept");
}

QString PruningExplanationModel::sideName(const QString &side)
{
    if (side == u"sender") {
        return tr("Sender");
    }
    if (side == u"receiver") {
        return tr("Receiver");
    }
    if (side == u"local") {
        return tr("Local");
    }
    return side;
}

QString PruningExplanationModel::reasons(const Api::SnapshotVerdict &verdict) const
{
    QStringList lines;
    for (const QString &rule : verdict.keptBy) {
        lines.append(tr("Kept by %1").arg(rule));
    }
    if (!verdict.blockedBy.isEmpty()) {
        lines.append(tr("The keep rules would destroy it, but: %1").arg(verdict.blockedBy));
    }
    if (!verdict.replicated) {
        lines.append(tr("Not replicated yet"));
    }
    return lines.join(u'\n');
}

QString PruningExplanationModel::detailText(int row) const
{
    if (row < 0 || row >= m_rows.size()) {
        return {};
    }
    const Row &r = m_rows.at(row);
    const QString text =
        r.verdict->explanation.isEmpty() ? reasons(*r.verdict).replace(u'\n', u"; "_s) : r.verdict->explanation;
    return tr("%1@%2: %3").arg(r.fs->filesystem, r.verdict->snapshot, text);
}

QString PruningExplanationModel::summary() const
{
    if (m_rows.isEmpty()) {
        return {};
    }
    int kept = 0;
    int held = 0;
    int destroyed = 0;
    QDateTime decided;
    for (const Row &row : m_rows) {
        if (row.verdict->destroyed) {
            ++destroyed;
        } else if (!row.verdict->blockedBy.isEmpty()) {
            ++held;
        } else {
            ++kept;
        }
        if (!row.fs->decidedAt.isZero()) {
            decided = row.fs->decidedAt.toDateTime();
        }
    }
    QString text =
        tr("%1 snapshots: %2 kept, %3 held, %4 destroyed").arg(m_rows.size()).arg(kept).arg(held).arg(destroyed);
    if (decided.isValid()) {
        text += u' ' + tr("(pruning round of %1)").arg(Format::dateTime(decided));
    }
    return text;
}

int PruningExplanationModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PruningExplanationModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PruningExplanationModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row &row = m_rows.at(index.row());
    const Api::SnapshotVerdict &v = *row.verdict;
    const bool held = !v.destroyed && !v.blockedBy.isEmpty();
    switch (role) {
    case Qt::DisplayRole:
    case FullTextRole:
        switch (index.column()) {
        case SideColumn:
            return sideName(row.fs->side);
        case SnapshotColumn:
            return v.snapshot;
        case CreatedColumn:
            return Format::dateTime(v.creation.toDateTime());
        case VerdictColumn:
            return verdictText(v);
        case ExplanationColumn:
            return v.explanation;
        }
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case SnapshotColumn:
            return QString(row.fs->filesystem + u'@' + v.snapshot);
        case CreatedColumn:
            return Format::longDateTime(v.creation.toDateTime());
        case VerdictColumn:
        case ExplanationColumn: {
            const QString why = reasons(v);
            return why.isEmpty() ? QVariant() : QVariant(why);
        }
        }
        return {};
    case Qt::ForegroundRole:
        return held ? QVariant(QBrush(Format::healthColor(Api::Health::Warning))) : QVariant();
    case SortRole:
        return index.column() == CreatedColumn ? QVariant(v.creation.toDateTime()) : data(index, Qt::DisplayRole);
    case WarningRole:
        return held;
    default:
        return {};
    }
}

QVariant PruningExplanationModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case SideColumn:
        return tr("Side");
    case SnapshotColumn:
        return tr("Snapshot");
    case CreatedColumn:
        return tr("Created");
    case VerdictColumn:
        return tr("Verdict");
    case ExplanationColumn:
        return tr("Why");
    }
    return {};
}

}  // namespace Gui
