// SPDX-License-Identifier: MIT
#include "app/models/SnapshottingModel.h"

#include <QBrush>

#include <algorithm>

#include "app/models/DataChangeBatch.h"
#include "app/models/Format.h"
#include "app/models/ModelRole.h"

using namespace Qt::StringLiterals;

namespace Gui {

namespace {

const Api::SnapperReport *snapperOf(const Api::DaemonStatus &status, const QString &job)
{
    const auto it = status.jobs.constFind(job);
    if (job.isEmpty() || it == status.jobs.cend()) {
        return nullptr;
    }
    const std::optional<Api::SnapperReport> *report = nullptr;
    if (const Api::ActiveSideStatus *active = it->active()) {
        report = &active->snapshotting;
    } else if (const Api::SnapJobStatus *snap = it->snap()) {
        report = &snap->snapshotting;
    } else if (const Api::PassiveStatus *passive = it->passive()) {
        report = &passive->snapper;
    }
    return report && *report ? &**report : nullptr;
}

bool byPath(const Api::SnapperFilesystemReport &a, const Api::SnapperFilesystemReport &b)
{
    return a.path < b.path;
}

QDateTime timeOf(const Api::Timestamp &t)
{
    return t.isZero() ? QDateTime() : t.toDateTime();
}

ColumnSpan changedColumns(const Api::SnapperFilesystemReport &a, const Api::SnapperFilesystemReport &b)
{
    ColumnSpan span;
    if (a.state != b.state) {
        // HasErrorRole is answered in every column.
        span.add(SnapshottingModel::FilesystemColumn);
        span.add(SnapshottingModel::StateColumn);
    }
    if (a.snapName != b.snapName) {
        span.add(SnapshottingModel::SnapshotColumn);
    }
    if (a.startAt != b.startAt) {
        span.add(SnapshottingModel::StartedColumn);
    }
    if (a.doneAt != b.doneAt) {
        span.add(SnapshottingModel::DoneColumn);
    }
    if (a.hooks != b.hooks || a.hooksHadError != b.hooksHadError) {
        span.add(SnapshottingModel::HooksColumn);
    }
    if (a.hooksHadError != b.hooksHadError) {
        span.add(SnapshottingModel::FilesystemColumn);
    }
    return span;
}

}  // namespace

SnapshottingModel::SnapshottingModel(QObject *parent)
    : SortedTableModel(parent)
{
}

void SnapshottingModel::setJob(const QString &name)
{
    if (name == m_job) {
        return;
    }
    m_job = name;
    apply(snapperOf(m_lastStatus, m_job), true);
}

void SnapshottingModel::update(const Api::DaemonStatus &status)
{
    m_lastStatus = status;
    apply(snapperOf(status, m_job), false);
}

void SnapshottingModel::apply(const Api::SnapperReport *report, bool reset)
{
    QList<Api::SnapperFilesystemReport> rows = report ? report->progress : QList<Api::SnapperFilesystemReport>();
    // zrepl sorts them by path already; the merge below relies on it, so make sure.
    if (!std::is_sorted(rows.cbegin(), rows.cend(), byPath)) {
        std::stable_sort(rows.begin(), rows.end(), byPath);
    }
    rows.erase(std::unique(rows.begin(), rows.end(), [](const auto &a, const auto &b) { return a.path == b.path; }),
               rows.end());

    if (reset) {
        beginResetModel();
        m_report = report ? std::optional(*report) : std::nullopt;
        m_rows = rows;
        endResetModel();
        return;
    }
    m_report = report ? std::optional(*report) : std::nullopt;

    DataChangeBatch changes(this);
    mergeRows(
        m_rows, rows, [](const Api::SnapperFilesystemReport &row) { return row.path; },
        [this, &rows, &changes](int row, qsizetype index) {
            const ColumnSpan span = changedColumns(m_rows.at(row), rows.at(index));
            if (!span.isEmpty()) {
                // A failed snapshot or hook colours its row and sets HasErrorRole or WarningRole.
                const bool flagged = m_rows.at(row).state != rows.at(index).state
                    || m_rows.at(row).hooksHadError != rows.at(index).hooksHadError;
                m_rows[row] = rows.at(index);
                changes.add(QModelIndex(), row, span.first(), span.last(),
                            flagged ? DataChangeBatch::Roles::All : DataChangeBatch::Roles::Content);
            }
        });
    changes.flush();
}

QString SnapshottingModel::stateText(Api::SnapState state)
{
    switch (state) {
    case Api::SnapState::Pending:
        return tr("Pending");
    case Api::SnapState::Started:
        return tr("Started");
    case Api::SnapState::Done:
        return tr("Done");
    case Api::SnapState::Error:
        return tr("Error");
    }
    return Api::toString(state);
}

QString SnapshottingModel::stateText(Api::SnapperState state)
{
    switch (state) {
    case Api::SnapperState::SyncUp:
        return tr("waiting for the first snapshot time");
    case Api::SnapperState::SyncUpErrWait:
        return tr("failed to find the first snapshot time, retrying");
    case Api::SnapperState::Planning:
        return tr("planning");
    case Api::SnapperState::Snapshotting:
        return tr("snapshotting");
    case Api::SnapperState::Waiting:
        return tr("waiting");
    case Api::SnapperState::ErrorWait:
        return tr("failed, retrying");
    case Api::SnapperState::Stopped:
        return tr("stopped");
    }
    // A state a later zrepl added: its Go name beats nothing.
    return Api::toString(state);
}

QString SnapshottingModel::summary() const
{
    if (!m_report) {
        return {};
    }
    QString text = stateText(m_report->state);
    if (!m_report->sleepUntil.isZero()
        && (m_report->state == Api::SnapperState::Waiting || m_report->state == Api::SnapperState::SyncUp
            || m_report->state == Api::SnapperState::ErrorWait
            || m_report->state == Api::SnapperState::SyncUpErrWait)) {
        text = tr("%1 until %2").arg(text, Format::dateTime(m_report->sleepUntil.toDateTime()));
    }
    if (!m_report->error.isEmpty()) {
        text = tr("%1: %2").arg(text, Format::firstLine(m_report->error));
    }
    return text;
}

int SnapshottingModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SnapshottingModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SnapshottingModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Api::SnapperFilesystemReport &fs = m_rows.at(index.row());
    const int column = index.column();
    const bool failed = fs.state == Api::SnapState::Error;
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case FilesystemColumn:
            return fs.path;
        case StateColumn:
            return stateText(fs.state);
        case SnapshotColumn:
            return fs.snapName.isEmpty() ? Format::none() : fs.snapName;
        case StartedColumn:
            return Format::dateTime(timeOf(fs.startAt));
        case DoneColumn:
            return Format::dateTime(timeOf(fs.doneAt));
        case HooksColumn:
            return Format::firstLine(fs.hooks);
        }
        return {};
    case FullTextRole:
        switch (column) {
        case SnapshotColumn:
            return fs.snapName;
        case HooksColumn:
            return fs.hooks;
        }
        return data(index, Qt::DisplayRole);
    case Qt::ToolTipRole:
        switch (column) {
        case SnapshotColumn:
            return fs.snapName.isEmpty() ? QVariant() : QVariant(fs.path + u'@' + fs.snapName);
        case StartedColumn:
            return fs.startAt.isZero() ? QVariant() : QVariant(Format::longDateTime(fs.startAt.toDateTime()));
        case DoneColumn:
            return fs.doneAt.isZero() ? QVariant() : QVariant(Format::longDateTime(fs.doneAt.toDateTime()));
        case HooksColumn:
            if (fs.hooksHadError) {
                return fs.hooks.isEmpty() ? tr("A hook failed") : tr("A hook failed:\n%1").arg(fs.hooks);
            }
            return fs.hooks.isEmpty() ? QVariant() : QVariant(fs.hooks);
        }
        return {};
    case Qt::ForegroundRole:
        if ((column == StateColumn && failed) || (column == HooksColumn && fs.hooksHadError)) {
            return QBrush(Format::errorColor());
        }
        return {};
    case SortRole:
        switch (column) {
        case FilesystemColumn:
            return fs.path;
        case StateColumn:
            return int(fs.state);
        case SnapshotColumn:
            return fs.snapName;
        case StartedColumn:
            return timeOf(fs.startAt);
        case DoneColumn:
            return timeOf(fs.doneAt);
        case HooksColumn:
            return fs.hooks;
        }
        return {};
    case JobNameRole:
        return m_job;
    case HasErrorRole:
        return failed;
    case WarningRole:
        return fs.hooksHadError;
    }
    return {};
}

QVariant SnapshottingModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case FilesystemColumn:
        return tr("Filesystem");
    case StateColumn:
        return tr("State");
    case SnapshotColumn:
        return tr("Snapshot");
    case StartedColumn:
        return tr("Started");
    case DoneColumn:
        return tr("Done");
    case HooksColumn:
        return tr("Hooks");
    }
    return {};
}

}  // namespace Gui
