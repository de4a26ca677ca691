// SPDX-License-Identifier: MIT
#include "app/models/JobsTableModel.h"

#include <QApplication>
#include <QStyle>

#include <algorithm>
#include <tuple>

#include "app/models/DataChangeBatch.h"
#include "app/models/Format.h"
#include "app/models/ModelRole.h"

using namespace Qt::StringLiterals;

namespace Gui {

namespace {

QDateTime orInvalid(const std::optional<QDateTime> &time)
{
    return time.value_or(QDateTime());
}

int shownPercent(const JobSummary &job)
{
    // A missing estimate would make the bar lie; the text still says what was sent.
    return job.bytesComplete ? Format::percent(job.bytesReplicated, job.bytesExpected) : -1;
}

// What the Progress column shows of a job: its text, bar and tooltip.
auto shownProgress(const JobSummary &job)
{
    return std::tuple(job.bytesReplicated, job.bytesExpected, shownPercent(job), job.filesystemsDone,
                      job.filesystemsTotal, job.filesystemsTotal > 0 && !job.bytesComplete);
}

// The columns whose cells differ between two summaries of the same job.
ColumnSpan changedColumns(const JobSummary &a, const JobSummary &b)
{
    ColumnSpan span;
    if (a.name != b.name || a.health != b.health) {
        span.add(JobsTableModel::NameColumn);
    }
    if (a.type != b.type) {
        span.add(JobsTableModel::TypeColumn);
    }
    if (a.state != b.state || a.health != b.health) {
        span.add(JobsTableModel::StateColumn);
    }
    if (a.lastBackup != b.lastBackup || a.lastBackupNote != b.lastBackupNote || a.freshness != b.freshness
        || a.freshnessReason != b.freshnessReason || a.freshnessReported != b.freshnessReported
        || a.lastRun != b.lastRun || a.lastSnapshot != b.lastSnapshot) {
        span.add(JobsTableModel::LastBackupColumn);
    }
    if (a.nextRun != b.nextRun || a.nextRunNote != b.nextRunNote) {
        span.add(JobsTableModel::NextRunColumn);
    }
    if (a.paused != b.paused) {
        // The Name column's icon, the state and the colour of the last backup follow it.
        span.add(JobsTableModel::NameColumn);
        span.add(JobsTableModel::StateColumn);
    }
    if (a.freshness != b.freshness) {
        // FreshnessRole is answered in every column, and the Name column's icon follows it.
        span.add(JobsTableModel::NameColumn);
        span.add(JobsTableModel::ColumnCount - 1);
    }
    if (a.lastError != b.lastError) {
        span.add(JobsTableModel::LastErrorColumn);
    }
    if (shownProgress(a) != shownProgress(b)) {
        span.add(JobsTableModel::ProgressColumn);
    }
    return span;
}

bool byName(const JobSummary &a, const JobSummary &b)
{
    return a.name < b.name;
}

// A paused job ages because the user paused it: amber at most, never the red of a failure.
Api::Health shownFreshness(const JobSummary &job)
{
    return job.paused && job.freshness == Api::Health::Critical ? Api::Health::Warning : job.freshness;
}

}  // namespace

JobsTableModel::JobsTableModel(QObject *parent)
    : SortedTableModel(parent)
{
}

void JobsTableModel::update(const Api::DaemonStatus &status)
{
    update(JobSummaries::summarize(status));
}

void JobsTableModel::update(QList<JobSummary> summaries)
{
    if (!std::is_sorted(summaries.cbegin(), summaries.cend(), byName)) {
        std::stable_sort(summaries.begin(), summaries.end(), byName);
    }
    // Two entries of one name cannot come from a /status map; keep the first rather than confuse the merge.
    summaries.erase(std::unique(summaries.begin(), summaries.end(),
                                [](const JobSummary &a, const JobSummary &b) { return a.name == b.name; }),
                    summaries.end());

    DataChangeBatch changes(this);
    mergeRows(
        m_rows, summaries, [](const JobSummary &row) { return row.name; },
        [this, &summaries, &changes](int row, qsizetype index) {
            const ColumnSpan span = changedColumns(m_rows.at(row), summaries.at(index));
            if (!span.isEmpty()) {
                // The health shows as an icon, a colour and HasErrorRole, beyond the content roles.
                const bool healthChanged = m_rows.at(row).health != summaries.at(index).health
                    || m_rows.at(row).freshness != summaries.at(index).freshness
                    || m_rows.at(row).paused != summaries.at(index).paused;
                changes.add(QModelIndex(), row, span.first(), span.last(),
                            healthChanged ? DataChangeBatch::Roles::All : DataChangeBatch::Roles::Content);
            }
            // Fields no cell shows (replicationRunning) are kept current too: summaries() hands them out.
            m_rows[row] = summaries.at(index);
        });
    changes.flush();
}

void JobsTableModel::clear()
{
    update(QList<JobSummary>());
}

QDateTime JobsTableModel::now() const
{
    return m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc();
}

void JobsTableModel::setNow(const QDateTime &now)
{
    const QDateTime before = this->now();
    m_now = now;
    // Called every second: only cells whose words change ("12 min ago" becoming "13 min ago") are signalled.
    DataChangeBatch changes(this);
    for (int row = 0; row < m_rows.size(); ++row) {
        const JobSummary &job = m_rows.at(row);
        ColumnSpan span;
        if (lastBackupText(job, before) != lastBackupText(job, now)) {
            span.add(LastBackupColumn);
        }
        if (job.nextRun && Format::until(*job.nextRun, before) != Format::until(*job.nextRun, now)) {
            span.add(NextRunColumn);
        }
        if (!span.isEmpty()) {
            changes.add(QModelIndex(), row, span.first(), span.last(), DataChangeBatch::Roles::Content);
        }
    }
    changes.flush();
}

QString JobsTableModel::lastBackupText(const JobSummary &job, const QDateTime &now) const
{
    if (job.lastBackup) {
        return Format::ago(*job.lastBackup, now);
    }
    // The daemon says there is none; zrepl's status just cannot tell.
    return job.freshnessReported ? tr("never") : Format::none();
}

QString JobsTableModel::lastBackupToolTip(const JobSummary &job) const
{
    QStringList lines;
    lines.append(job.lastBackup ? tr("Last backup: %1").arg(Format::longDateTime(*job.lastBackup))
                                : tr("Last backup: unknown"));
    if (!job.lastBackupNote.isEmpty()) {
        lines.append(job.lastBackupNote);
    }
    if (job.lastRun) {
        lines.append(tr("Last run ended: %1").arg(Format::longDateTime(*job.lastRun)));
    }
    if (job.lastSnapshot) {
        lines.append(tr("Last snapshot: %1").arg(Format::longDateTime(*job.lastSnapshot)));
    }
    if (job.paused) {
        lines.append(tr("Replication is paused: the backups age until it is resumed"));
    }
    lines.append(tr("Health: %1").arg(Format::healthName(job.freshness)));
    if (!job.freshnessReason.isEmpty()) {
        lines.append(job.freshnessReason);
    }
    return lines.join(u'\n');
}

const JobSummary *JobsTableModel::summary(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int JobsTableModel::rowOfJob(const QString &name) const
{
    const auto it = std::lower_bound(m_rows.cbegin(), m_rows.cend(), name,
                                     [](const JobSummary &row, const QString &key) { return row.name < key; });
    return it != m_rows.cend() && it->name == name ? int(it - m_rows.cbegin()) : -1;
}

QModelIndex JobsTableModel::indexOfJob(const QString &name, int column) const
{
    const int row = rowOfJob(name);
    return row < 0 ? QModelIndex() : index(row, column);
}

int JobsTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int JobsTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant JobsTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const JobSummary &job = m_rows.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return displayData(job, column);
    case Qt::ToolTipRole:
        return toolTipData(job, column);
    case Qt::DecorationRole:
        if (column == NameColumn) {
            return job.paused ? pausedIcon() : healthIcon(JobSummaries::overallHealth(job));
        }
        return column == LastBackupColumn ? QVariant(Format::healthIcon(shownFreshness(job))) : QVariant();
    case Qt::ForegroundRole:
        // The palette's own text colour where all is well: green text reads poorly, the dot says it.
        if (column == LastBackupColumn && shownFreshness(job) != Api::Health::Ok) {
            return Format::healthColor(shownFreshness(job));
        }
        return {};
    case FreshnessRole:
        return QVariant::fromValue(job.freshness);
    case FullTextRole:
        return column == LastErrorColumn ? QVariant(job.lastError) : displayData(job, column);
    case SortRole:
        return sortData(job, column);
    case JobNameRole:
        return job.name;
    case HealthRole:
        return QVariant::fromValue(job.health);
    case HasErrorRole:
        return job.health == Health::Error;
    case WarningRole:
        return job.health == Health::Warning;
    case ProgressRole:
        return column == ProgressColumn ? QVariant(shownPercent(job)) : QVariant();
    case BytesReplicatedRole:
        return column == ProgressColumn ? QVariant(job.bytesReplicated) : QVariant();
    case BytesExpectedRole:
        return column == ProgressColumn ? QVariant(job.bytesExpected) : QVariant();
    default:
        return {};
    }
}

QVariant JobsTableModel::displayData(const JobSummary &job, int column) const
{
    switch (column) {
    case NameColumn:
        return job.name;
    case TypeColumn:
        // zrepl's own words for job types, as in the configuration file
        return Api::toString(job.type);
    case StateColumn:
        return job.state;
    case LastBackupColumn:
        return lastBackupText(job, now());
    case NextRunColumn:
        return job.nextRun ? Format::until(*job.nextRun, now()) : Format::none();
    case LastErrorColumn:
        return Format::firstLine(job.lastError);
    case ProgressColumn:
        return Format::progress(job.bytesReplicated, job.bytesExpected);
    }
    return {};
}

QVariant JobsTableModel::toolTipData(const JobSummary &job, int column) const
{
    switch (column) {
    case NameColumn:
    case StateColumn:
        if (job.paused) {
            return tr("%1: replication paused; snapshots continue to be taken and pruned").arg(job.name);
        }
        return tr("%1: %2").arg(job.name, JobSummaries::healthName(job.health));
    case LastBackupColumn:
        return lastBackupToolTip(job);
    case NextRunColumn:
        return job.nextRunNote.isEmpty() ? QVariant() : QVariant(job.nextRunNote);
    case LastErrorColumn:
        return job.lastError.isEmpty() ? QVariant() : QVariant(job.lastError);
    case ProgressColumn:
        if (job.filesystemsTotal == 0) {
            return {};
        }
        if (!job.bytesComplete) {
            return tr("%1 of %2 filesystems done; some steps have no size estimate")
                .arg(job.filesystemsDone)
                .arg(job.filesystemsTotal);
        }
        return tr("%1 of %2 filesystems done").arg(job.filesystemsDone).arg(job.filesystemsTotal);
    }
    return {};
}

QVariant JobsTableModel::sortData(const JobSummary &job, int column) const
{
    switch (column) {
    case NameColumn:
        return job.name;
    case TypeColumn:
        return Api::toString(job.type);
    case StateColumn:
        return job.state;
    case LastBackupColumn:
        return orInvalid(job.lastBackup);
    case NextRunColumn:
        return orInvalid(job.nextRun);
    case LastErrorColumn:
        return job.lastError;
    case ProgressColumn:
        return job.bytesExpected > 0 ? double(job.bytesReplicated) / double(job.bytesExpected) : -1.0;
    }
    return {};
}

QIcon JobsTableModel::healthIcon(Health health) const
{
    QIcon &icon = m_icons.at(size_t(health));
    if (!icon.isNull()) {
        return icon;
    }
    struct Choice
    {
        const char16_t *themeName;
        QStyle::StandardPixmap fallback;
    };
    static constexpr Choice Choices[] = {
        {u"emblem-default", QStyle::SP_DialogApplyButton},
        {u"view-refresh", QStyle::SP_BrowserReload},
        {u"dialog-warning", QStyle::SP_MessageBoxWarning},
        {u"dialog-error", QStyle::SP_MessageBoxCritical},
    };
    const Choice &choice = Choices[size_t(health)];
    // A QGuiApplication (QML, a test) has no QStyle to fall back to.
    QIcon fallback;
    if (qobject_cast<QApplication *>(QCoreApplication::instance())) {
        fallback = QApplication::style()->standardIcon(choice.fallback);
    }
    icon = QIcon::fromTheme(QString::fromUtf16(choice.themeName), fallback);
    return icon;
}

QIcon JobsTableModel::pausedIcon() const
{
    if (m_pausedIcon.isNull()) {
        QIcon fallback;
        if (qobject_cast<QApplication *>(QCoreApplication::instance())) {
            fallback = QApplication::style()->standardIcon(QStyle::SP_MediaPause);
        }
        m_pausedIcon = QIcon::fromTheme(u"media-playback-pause"_s, fallback);
    }
    return m_pausedIcon;
}

QVariant JobsTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case NameColumn:
        return tr("Name");
    case TypeColumn:
        return tr("Type");
    case StateColumn:
        return tr("State");
    case LastBackupColumn:
        return tr("Last backup");
    case NextRunColumn:
        return tr("Next");
    case LastErrorColumn:
        return tr("Last error");
    case ProgressColumn:
        return tr("Progress");
    }
    return {};
}

}  // namespace Gui
