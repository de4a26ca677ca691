// SPDX-License-Identifier: MIT
#include "app/models/RestoreSourceModel.h"

#include <algorithm>

#include <QFile>
#include <QMap>
#include <QPalette>
#include <QSet>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Gui {

namespace {

bool canEnter(const QString &path)
{
    return ::access(QFile::encodeName(path).constData(), R_OK | X_OK) == 0;
}

}  // namespace

RestoreSourceModel::RestoreSourceModel(QObject *parent)
    : QAbstractListModel(parent)
{}

QList<RestoreSource> RestoreSourceModel::build(const Restore::ZfsMounts &mounts,
                                               const Api::FreshnessReport *freshness,
                                               const ReadableCheck &readable)
{
    const ReadableCheck check = readable ? readable : ReadableCheck(canEnter);
    // dataset → jobs, and which of them receive it
    QMap<QString, QStringList> jobsOf;
    QSet<QString> received;
    if (freshness) {
        for (const Api::JobFreshness &job : freshness->jobs) {
            const bool receives = job.type == u"sink" || job.type == u"pull";
            for (const Api::FilesystemFreshness &fs : job.filesystems) {
                if (!jobsOf[fs.filesystem].contains(job.job)) {
                    jobsOf[fs.filesystem].append(job.job);
                }
                if (receives) {
                    received.insert(fs.filesystem);
                }
            }
        }
    }

    QList<RestoreSource> out;
    for (const Restore::ZfsMount &mount : mounts.filesystems()) {
        RestoreSource source{mount.dataset,
                             mount.mountPoint,
                             jobsOf.value(mount.dataset),
                             received.contains(mount.dataset),
                             check(mount.mountPoint)};
        // Somebody else's home: not offered, unless a job makes it the user's business.
        if (source.readable || !source.jobs.isEmpty()) {
            out.append(source);
        }
    }
    QList<RestoreSource> backups;
    for (auto it = jobsOf.cbegin(); it != jobsOf.cend(); ++it) {
        if (!mounts.byDataset(it.key())) {
            backups.append(RestoreSource{it.key(), QString(), it.value(), received.contains(it.key()), true});
        }
    }
    out.append(backups);  // QMap: sorted by name
    return out;
}

void RestoreSourceModel::setSources(const QList<RestoreSource> &sources)
{
    if (sources == m_sources) {
        return;
    }
    beginResetModel();
    m_sources = sources;
    endResetModel();
}

RestoreSource RestoreSourceModel::source(int row) const
{
    return row >= 0 && row < m_sources.size() ? m_sources.at(row) : RestoreSource{};
}

int RestoreSourceModel::rowOfDataset(const QString &dataset) const
{
    for (qsizetype row = 0; row < m_sources.size(); ++row) {
        if (m_sources.at(row).dataset == dataset) {
            return int(row);
        }
    }
    return -1;
}

int RestoreSourceModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_sources.size());
}

QVariant RestoreSourceModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const RestoreSource &source = m_sources.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        if (!source.isMounted()) {
            return source.received ? tr("%1 (backup, not mounted)").arg(source.dataset)
                                   : tr("%1 (not mounted)").arg(source.dataset);
        }
        return source.readable ? tr("%1 (%2)").arg(source.mountPoint, source.dataset)
                               : tr("%1 (%2, not readable by you)").arg(source.mountPoint, source.dataset);
    case Qt::ToolTipRole: {
        QStringList lines;
        lines.append(source.isMounted() ? tr("ZFS filesystem %1, mounted at %2").arg(source.dataset, source.mountPoint)
                                        : tr("ZFS filesystem %1: not mounted; the daemon mounts a snapshot of it "
                                             "for you to browse")
                                              .arg(source.dataset));
        if (!source.jobs.isEmpty()) {
            lines.append(source.received ? tr("Received by job %1").arg(source.jobs.join(u", "_s))
                                         : tr("Job %1").arg(source.jobs.join(u", "_s)));
        }
        if (!source.readable) {
            lines.append(tr("You may not read %1: its snapshots are closed to you too.").arg(source.mountPoint));
        }
        return lines.join(u'\n');
    }
    case Qt::ForegroundRole:
        return source.readable ? QVariant() : QVariant(QPalette().color(QPalette::Disabled, QPalette::Text));
    case DatasetRole:
        return source.dataset;
    case MountedRole:
        return source.isMounted();
    default:
        return {};
    }
}

}  // namespace Gui
