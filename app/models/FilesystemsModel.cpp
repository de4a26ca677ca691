// SPDX-License-Identifier: MIT
#include "app/models/FilesystemsModel.h"

#include <algorithm>

#include <QLocale>

#include "app/core/BackupFreshness.h"
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

// Worst first when sorted descending: critical, warning, unknown, ok.
int healthRank(Api::Health health)
{
    switch (health) {
    case Api::Health::Ok:
        return 0;
    case Api::Health::Unknown:
        return 1;
    case Api::Health::Warning:
        return 2;
    case Api::Health::Critical:
        return 3;
    }
    return 1;
}

bool replicates(const QString &jobType)
{
    return jobType != u"snap";
}

// Receivers have nothing of their own to send.
bool sends(const QString &jobType)
{
    return jobType == u"push" || jobType == u"source";
}

}  // namespace

QString FilesystemsModel::Row::key() const
{
    // U+001F sorts before every character a job name may hold: the keys sort by job, then filesystem.
    return job + QChar(0x1f) + filesystem;
}

FilesystemsModel::FilesystemsModel(QObject *parent)
    : SortedTableModel(parent)
{}

void FilesystemsModel::setJob(const QString &name)
{
    if (name == m_job) {
        return;
    }
    m_job = name;
    apply(true);
}

void FilesystemsModel::update(const Api::DaemonStatus &status,
                              const Api::FreshnessReport *freshness,
                              bool noFreshnessEndpoint)
{
    m_status = status;
    m_freshness = freshness ? std::optional(*freshness) : std::nullopt;
    m_noFreshnessEndpoint = noFreshnessEndpoint;
    apply(false);
}

QDateTime FilesystemsModel::now() const
{
    return m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc();
}

void FilesystemsModel::setNow(const QDateTime &now)
{
    m_now = now;
    if (m_rows.isEmpty()) {
        return;
    }
    // DisplayRole only: the times themselves (SortRole, tooltips) did not move, so no proxy sorts again.
    Q_EMIT dataChanged(
        index(0, LastReplicatedColumn), index(int(m_rows.size()) - 1, NewestSnapshotColumn), {Qt::DisplayRole});
}

QList<FilesystemsModel::Row> FilesystemsModel::reportedRows(const Api::JobFreshness &job) const
{
    QList<Row> rows;
    rows.reserve(job.filesystems.size());
    for (const Api::FilesystemFreshness &fs : job.filesystems) {
        Row row;
        row.job = job.job;
        row.jobType = job.type;
        row.filesystem = fs.filesystem;
        row.reported = true;
        if (replicates(job.type)) {
            row.lastReplicated = BackupFreshness::lastBackupOf(job.type, fs);
            row.replicatedSnapshot = fs.replicatedSnapshot ? fs.replicatedSnapshot->name : QString();
            if (job.type == u"sink") {
                row.received = fs.lastSuccessAt.toOptionalDateTime();
            }
        }
        if (fs.newestSnapshot) {
            row.newestSnapshot = fs.newestSnapshot->creation.toOptionalDateTime();
            row.newestSnapshotName = fs.newestSnapshot->name;
        }
        row.snapshots = fs.snapshots;
        if (sends(job.type)) {
            row.unreplicated = fs.unreplicatedSnapshots;
            row.unreplicatedBytes = fs.unreplicatedBytes;
        }
        row.health = fs.health;
        row.healthReason = fs.healthReason;
        row.error = fs.error;
        row.paused = job.paused;
        rows.append(row);
    }
    return rows;
}

QList<FilesystemsModel::Row> FilesystemsModel::statusRows(const QString &job, const Api::JobStatus &status) const
{
    QMap<QString, Row> rows;
    auto rowOf = [&](const QString &filesystem) -> Row & {
        Row &row = rows[filesystem];
        row.job = job;
        row.jobType = Api::toString(status.type);
        row.filesystem = filesystem;
        row.healthReason = m_noFreshnessEndpoint ? tr("zrepl does not report snapshot ages or counts")
                                                 : tr("Waiting for the daemon's freshness report");
        return row;
    };
    const Api::SnapperReport *snapper = nullptr;
    if (const Api::ActiveSideStatus *active = status.active()) {
        snapper = active->snapshotting ? &*active->snapshotting : nullptr;
        if (active->replication && !active->replication->attempts.isEmpty()) {
            const Api::ReplicationReport &report = *active->replication;
            const Api::AttemptReport &attempt = report.attempts.constLast();
            const Api::Timestamp &end = attempt.finishAt.isZero() ? report.finishAt : attempt.finishAt;
            for (const Api::FilesystemReport &fs : attempt.filesystems) {
                Row &row = rowOf(fs.name);
                if (fs.state == Api::FilesystemState::Done) {
                    row.lastReplicated = end.toOptionalDateTime();
                    if (!fs.steps.isEmpty()) {
                        row.replicatedSnapshot = fs.steps.constLast().to;
                    }
                }
                if (const Api::TimedError *error = fs.error()) {
                    row.error = error->err;
                }
            }
        }
    } else if (const Api::SnapJobStatus *snap = status.snap()) {
        snapper = snap->snapshotting ? &*snap->snapshotting : nullptr;
    } else if (const Api::PassiveStatus *passive = status.passive()) {
        snapper = passive->snapper ? &*passive->snapper : nullptr;
    }
    if (snapper) {
        for (const Api::SnapperFilesystemReport &fs : snapper->progress) {
            Row &row = rowOf(fs.path);
            if (fs.state == Api::SnapState::Done) {
                row.newestSnapshot = fs.doneAt.toOptionalDateTime();
                row.newestSnapshotName = fs.snapName;
            }
        }
    }
    return rows.values();
}

QList<FilesystemsModel::Row> FilesystemsModel::rowsOf() const
{
    QList<Row> rows;
    for (auto it = m_status.jobs.cbegin(); it != m_status.jobs.cend(); ++it) {
        if (it.key().startsWith(u'_') || it.value().type == Api::JobStatus::Type::Internal
            || (!m_job.isEmpty() && it.key() != m_job)) {
            continue;
        }
        const Api::JobFreshness *reported = m_freshness ? BackupFreshness::find(*m_freshness, it.key()) : nullptr;
        rows.append(reported ? reportedRows(*reported) : statusRows(it.key(), it.value()));
    }
    std::stable_sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) { return a.key() < b.key(); });
    rows.erase(std::unique(rows.begin(), rows.end(), [](const Row &a, const Row &b) { return a.key() == b.key(); }),
               rows.end());
    return rows;
}

void FilesystemsModel::apply(bool reset)
{
    const QList<Row> rows = rowsOf();
    m_reported = m_freshness.has_value();
    if (reset) {
        beginResetModel();
        m_rows = rows;
        endResetModel();
        return;
    }
    DataChangeBatch changes(this);
    mergeRows(
        m_rows,
        rows,
        [](const Row &row) { return row.key(); },
        [this, &rows, &changes](int row, qsizetype index) {
            const Row &next = rows.at(index);
            if (m_rows.at(row) == next) {
                return;
            }
            // The health colours the whole row (FreshnessRole in every column).
            const bool healthChanged = m_rows.at(row).health != next.health || m_rows.at(row).paused != next.paused;
            m_rows[row] = next;
            changes.add(QModelIndex(),
                        row,
                        0,
                        ColumnCount - 1,
                        healthChanged ? DataChangeBatch::Roles::All : DataChangeBatch::Roles::Content);
        });
    changes.flush();
}

int FilesystemsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int FilesystemsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FilesystemsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row &row = m_rows.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return displayData(row, column);
    case FullTextRole:
        return column == FilesystemColumn || column == JobColumn ? displayData(row, column) : toolTipData(row, column);
    case Qt::ToolTipRole:
        return toolTipData(row, column);
    case SortRole:
        return sortData(row, column);
    case Qt::DecorationRole:
        return column == HealthColumn ? QVariant(Format::healthIcon(shownHealth(row))) : QVariant();
    case Qt::ForegroundRole:
        return column == HealthColumn ? QVariant(Format::healthColor(shownHealth(row))) : QVariant();
    case Qt::TextAlignmentRole:
        if (column == SnapshotsColumn || column == UnreplicatedColumn) {
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        }
        return {};
    case JobNameRole:
        return row.job;
    case FreshnessRole:
        return QVariant::fromValue(shownHealth(row));
    case HasErrorRole:
        return !row.error.isEmpty() || shownHealth(row) == Api::Health::Critical;
    case WarningRole:
        return shownHealth(row) == Api::Health::Warning;
    default:
        return {};
    }
}

Api::Health FilesystemsModel::shownHealth(const Row &row)
{
    // A paused job's filesystems age because the user paused it: amber at most, never the red of a failure.
    return row.paused && row.health == Api::Health::Critical ? Api::Health::Warning : row.health;
}

QString FilesystemsModel::lastReplicatedText(const Row &row) const
{
    if (row.lastReplicated) {
        return Format::ago(*row.lastReplicated, now());
    }
    // Only the daemon's report can say "never": zrepl's status forgets earlier runs.
    return row.reported && replicates(row.jobType) ? tr("never") : Format::none();
}

QVariant FilesystemsModel::displayData(const Row &row, int column) const
{
    switch (column) {
    case JobColumn:
        return row.job;
    case FilesystemColumn:
        return row.filesystem;
    case LastReplicatedColumn:
        return lastReplicatedText(row);
    case NewestSnapshotColumn:
        if (!row.newestSnapshot) {
            return row.reported ? tr("none") : Format::none();
        }
        return tr("%1, %2").arg(Format::ago(*row.newestSnapshot, now()), row.newestSnapshotName);
    case SnapshotsColumn:
        return row.snapshots ? QLocale().toString(*row.snapshots) : Format::none();
    case UnreplicatedColumn:
        if (!row.unreplicated) {
            return Format::none();
        }
        if (row.unreplicatedBytes && *row.unreplicated > 0) {
            return tr("%1 (%2)").arg(QLocale().toString(*row.unreplicated), Format::bytes(*row.unreplicatedBytes));
        }
        return QLocale().toString(*row.unreplicated);
    case HealthColumn:
        return row.paused ? tr("Paused") : Format::healthName(row.health);
    }
    return {};
}

QVariant FilesystemsModel::toolTipData(const Row &row, int column) const
{
    const QString zrepl = tr("zrepl does not report snapshot ages or counts");
    switch (column) {
    case JobColumn:
        return {};
    case FilesystemColumn:
        // The whole path, which the view elides in the middle where it is narrow.
        return row.filesystem;
    case LastReplicatedColumn: {
        if (!replicates(row.jobType)) {
            return tr("Snap jobs do not replicate");
        }
        QStringList lines;
        if (row.received) {
            lines.append(tr("Last received: %1").arg(Format::longDateTime(*row.received)));
        } else if (row.lastReplicated) {
            lines.append(row.reported ? tr("Data safe as of %1").arg(Format::longDateTime(*row.lastReplicated))
                                      : tr("Replication finished: %1").arg(Format::longDateTime(*row.lastReplicated)));
        }
        if (!row.replicatedSnapshot.isEmpty()) {
            lines.append(tr("The newest snapshot the receiver has: %1").arg(row.replicatedSnapshot));
        }
        if (!row.reported) {
            lines.append(m_noFreshnessEndpoint ? zrepl : tr("Waiting for the daemon's freshness report"));
        } else if (!row.lastReplicated) {
            lines.append(tr("Not replicated yet"));
        }
        if (!row.error.isEmpty()) {
            lines.append(tr("Last error: %1").arg(row.error));
        }
        return lines.join(u'\n');
    }
    case NewestSnapshotColumn:
        if (!row.newestSnapshot) {
            return row.reported ? tr("No snapshot") : (m_noFreshnessEndpoint ? zrepl : QString());
        }
        return tr("%1@%2, created %3")
            .arg(row.filesystem, row.newestSnapshotName, Format::longDateTime(*row.newestSnapshot));
    case SnapshotsColumn:
        return row.snapshots ? QVariant() : QVariant(m_noFreshnessEndpoint ? zrepl : QString());
    case UnreplicatedColumn:
        if (row.unreplicated) {
            if (*row.unreplicated > 0 && !row.unreplicatedBytes) {
                return tr("The daemon has no size estimate for them");
            }
            return {};
        }
        return sends(row.jobType) ? QVariant(m_noFreshnessEndpoint ? zrepl : QString())
                                  : QVariant(tr("Only senders have snapshots to replicate"));
    case HealthColumn: {
        QStringList lines{row.healthReason};
        if (row.paused) {
            lines.prepend(tr("Replication of job %1 is paused: snapshots continue to be taken and pruned, the backups "
                             "age until it is resumed")
                              .arg(row.job));
        }
        if (!row.error.isEmpty() && !row.healthReason.contains(row.error)) {
            lines.append(tr("Last error: %1").arg(row.error));
        }
        lines.removeAll(QString());
        return lines.join(u'\n');
    }
    }
    return {};
}

QVariant FilesystemsModel::sortData(const Row &row, int column) const
{
    switch (column) {
    case JobColumn:
        return row.key();
    case FilesystemColumn:
        return row.filesystem;
    case LastReplicatedColumn:
        return orInvalid(row.lastReplicated);
    case NewestSnapshotColumn:
        return orInvalid(row.newestSnapshot);
    case SnapshotsColumn:
        return qint64(row.snapshots.value_or(-1));
    case UnreplicatedColumn:
        // Bytes where known weigh more than a count: a filesystem with 10 GiB pending before one with 3 small steps.
        return row.unreplicatedBytes ? double(*row.unreplicatedBytes) : double(row.unreplicated.value_or(-1));
    case HealthColumn:
        return healthRank(row.health);
    }
    return {};
}

QVariant FilesystemsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case JobColumn:
        return tr("Job");
    case FilesystemColumn:
        return tr("Filesystem");
    case LastReplicatedColumn:
        return tr("Last replicated");
    case NewestSnapshotColumn:
        return tr("Newest snapshot");
    case SnapshotsColumn:
        return tr("Snapshots");
    case UnreplicatedColumn:
        return tr("Not yet replicated");
    case HealthColumn:
        return tr("Health");
    }
    return {};
}

}  // namespace Gui
