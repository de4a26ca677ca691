// SPDX-License-Identifier: MIT
#include "app/models/HoldsModel.h"

#include <algorithm>

#include <QBrush>

#include "app/models/Format.h"
#include "app/models/ModelRole.h"

using namespace Qt::StringLiterals;

namespace Gui {

namespace {

QString itemName(const Api::AbstractionItem &item)
{
    if (!item.bookmark.isEmpty()) {
        return u'#' + item.bookmark;
    }
    return u'@' + item.snapshot;
}

std::optional<QDateTime> createdAt(const Api::AbstractionItem *item, const Api::FilesystemHolds &fs)
{
    if (item) {
        return item->createdAt.toOptionalDateTime();
    }
    return fs.partialReceive ? fs.partialReceive->since.toOptionalDateTime() : std::nullopt;
}

}  // namespace

HoldsModel::HoldsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

QString HoldsModel::kindName(Api::AbstractionItem::Kind kind)
{
    switch (kind) {
    case Api::AbstractionItem::Kind::StepHold:
        return tr("Step hold");
    case Api::AbstractionItem::Kind::StepBookmark:
        return tr("Step bookmark");
    case Api::AbstractionItem::Kind::LastReceivedHold:
        return tr("Last-received hold");
    case Api::AbstractionItem::Kind::ReplicationCursor:
        return tr("Replication cursor");
    case Api::AbstractionItem::Kind::ReplicationCursorV1:
        return tr("Replication cursor (zrepl before 0.3)");
    }
    return {};
}

QString HoldsModel::partialReceiveText(const Api::PartialReceive &receive)
{
    const QString name = receive.toName.isEmpty() ? tr("an unknown snapshot") : receive.toName;
    QString text = receive.since.isZero()
                       ? tr("Interrupted receive of %1: %2 received").arg(name, Format::bytes(receive.bytes))
                       : tr("Interrupted receive of %1: %2 received, since %3")
                             .arg(name, Format::bytes(receive.bytes), Format::dateTime(receive.since.toDateTime()));
    if (!receive.error.isEmpty()) {
        text += u' ' + tr("(its resume token cannot be read: %1)").arg(receive.error);
    }
    return text;
}

void HoldsModel::setReport(const std::optional<Api::HoldsReport> &report)
{
    beginResetModel();
    m_report = report;
    rebuild();
    endResetModel();
}

void HoldsModel::setJob(const QString &job)
{
    if (job == m_job) {
        return;
    }
    beginResetModel();
    m_job = job;
    rebuild();
    endResetModel();
}

void HoldsModel::setFilesystem(const QString &filesystem)
{
    if (filesystem == m_filesystem) {
        return;
    }
    beginResetModel();
    m_filesystem = filesystem;
    rebuild();
    endResetModel();
}

QDateTime HoldsModel::now() const
{
    return m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc();
}

void HoldsModel::setNow(const QDateTime &now)
{
    m_now = now;
    if (!m_rows.isEmpty()) {
        Q_EMIT dataChanged(index(0, AgeColumn), index(int(m_rows.size()) - 1, AgeColumn), {Qt::DisplayRole});
    }
}

bool HoldsModel::shows(const Api::FilesystemHolds &fs) const
{
    if (!m_filesystem.isEmpty()) {
        return fs.filesystem == m_filesystem;
    }
    if (m_job.isEmpty() || fs.jobs.contains(m_job)) {
        return true;
    }
    return std::any_of(
        fs.items.cbegin(), fs.items.cend(), [this](const Api::AbstractionItem &item) { return item.job == m_job; });
}

void HoldsModel::rebuild()
{
    m_rows.clear();
    for (const Api::FilesystemHolds *fs : shownFilesystems()) {
        if (fs->partialReceive) {
            m_rows.append(Row{fs, nullptr});
        }
        const qsizetype first = m_rows.size();
        for (const Api::AbstractionItem &item : fs->items) {
            m_rows.append(Row{fs, &item});
        }
        std::stable_sort(m_rows.begin() + first, m_rows.end(), [](const Row &a, const Row &b) {
            if (a.item->kind != b.item->kind) {
                return int(a.item->kind) < int(b.item->kind);
            }
            return itemName(*a.item) < itemName(*b.item);
        });
    }
}

QList<const Api::FilesystemHolds *> HoldsModel::shownFilesystems() const
{
    QList<const Api::FilesystemHolds *> out;
    if (!m_report) {
        return out;
    }
    for (const Api::FilesystemHolds &fs : m_report->filesystems) {
        if (shows(fs)) {
            out.append(&fs);
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const Api::FilesystemHolds *a, const Api::FilesystemHolds *b) {
        return a->filesystem < b->filesystem;
    });
    return out;
}

const Api::FilesystemHolds *HoldsModel::filesystemHolds(const QString &filesystem) const
{
    if (!m_report) {
        return nullptr;
    }
    for (const Api::FilesystemHolds &fs : m_report->filesystems) {
        if (fs.filesystem == filesystem) {
            return &fs;
        }
    }
    return nullptr;
}

QString HoldsModel::filesystemOfRow(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).fs->filesystem : QString();
}

int HoldsModel::staleCount() const
{
    return int(
        std::count_if(m_rows.cbegin(), m_rows.cend(), [](const Row &row) { return row.item && row.item->stale; }));
}

QString HoldsModel::jobsOf(const Api::FilesystemHolds &fs)
{
    return fs.jobs.join(u", "_s);
}

int HoldsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int HoldsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HoldsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row &row = m_rows.at(index.row());
    const int column = index.column();
    const bool stale = row.item && row.item->stale;
    switch (role) {
    case Qt::DisplayRole:
        return displayData(row, column);
    case FullTextRole:
        return column == PurposeColumn || column == StaleColumn || column == FilesystemColumn
                   ? displayData(row, column)
                   : toolTipData(row, column);
    case Qt::ToolTipRole:
        return toolTipData(row, column);
    case SortRole:
        return sortData(row, column);
    case Qt::ForegroundRole:
        // Amber, as a warning elsewhere: a stale item costs space but endangers nothing.
        return stale ? QVariant(QBrush(Format::healthColor(Api::Health::Warning))) : QVariant();
    case Qt::DecorationRole:
        return stale && column == StaleColumn ? QVariant(Format::healthIcon(Api::Health::Warning)) : QVariant();
    case JobNameRole:
        return row.item ? row.item->job : row.fs->jobs.value(0);
    case WarningRole:
        return stale;
    case HasErrorRole:
        return !row.item && !row.fs->partialReceive->error.isEmpty();
    default:
        return {};
    }
}

QVariant HoldsModel::displayData(const Row &row, int column) const
{
    const Api::AbstractionItem *item = row.item;
    switch (column) {
    case FilesystemColumn:
        return row.fs->filesystem;
    case WhatColumn:
        return item ? kindName(item->kind) : tr("Interrupted receive");
    case NameColumn:
        return item ? itemName(*item) : row.fs->partialReceive->toName;
    case JobColumn:
        if (!item) {
            return jobsOf(*row.fs);
        }
        return item->job.isEmpty() ? tr("(any job)") : item->job;
    case AgeColumn: {
        const std::optional<QDateTime> created = createdAt(item, *row.fs);
        return created ? Format::ago(*created, now()) : Format::none();
    }
    case PurposeColumn:
        return item ? item->purpose : partialReceiveText(*row.fs->partialReceive);
    case StaleColumn:
        return item && item->stale ? tr("Stale: %1").arg(item->staleReason) : QString();
    }
    return {};
}

QVariant HoldsModel::toolTipData(const Row &row, int column) const
{
    const Api::AbstractionItem *item = row.item;
    switch (column) {
    case FilesystemColumn:
        return row.fs->filesystem;
    case WhatColumn:
    case NameColumn: {
        if (!item) {
            const Api::PartialReceive &receive = *row.fs->partialReceive;
            QStringList lines{partialReceiveText(receive)};
            if (!receive.fromName.isEmpty()) {
                lines.append(tr("Incremental from %1").arg(receive.fromName));
            }
            return lines.join(u'\n');
        }
        QStringList lines;
        if (item->bookmark.isEmpty()) {
            lines.append(tr("Hold %1 on %2").arg(item->tag, item->target()));
        } else {
            lines.append(tr("Bookmark %1").arg(item->target()));
            if (!item->snapshot.isEmpty()) {
                lines.append(tr("Made of %1@%2").arg(item->filesystem, item->snapshot));
            }
        }
        if (!item->guid.isEmpty()) {
            lines.append(tr("GUID %1").arg(item->guid));
        }
        return lines.join(u'\n');
    }
    case JobColumn:
        return item && item->job.isEmpty() ? tr("zrepl before 0.3 kept one cursor for every job") : QVariant();
    case AgeColumn: {
        const std::optional<QDateTime> created = createdAt(item, *row.fs);
        if (!created) {
            return tr("zfs does not tell when this was made");
        }
        return (item ? tr("Made %1") : tr("Interrupted since %1")).arg(Format::longDateTime(*created));
    }
    case PurposeColumn:
        return item ? item->purpose : partialReceiveText(*row.fs->partialReceive);
    case StaleColumn:
        return item && item->stale ? item->staleReason : QString();
    }
    return {};
}

QVariant HoldsModel::sortData(const Row &row, int column) const
{
    switch (column) {
    case AgeColumn:
        return createdAt(row.item, *row.fs).value_or(QDateTime());
    case StaleColumn:
        return row.item && row.item->stale ? 1 : 0;
    default:
        return displayData(row, column);
    }
}

QVariant HoldsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case FilesystemColumn:
        return tr("Filesystem");
    case WhatColumn:
        return tr("What");
    case NameColumn:
        return tr("Snapshot or bookmark");
    case JobColumn:
        return tr("Job");
    case AgeColumn:
        return tr("Age");
    case PurposeColumn:
        return tr("Purpose");
    case StaleColumn:
        return tr("Stale");
    }
    return {};
}

}  // namespace Gui
