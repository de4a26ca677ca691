// SPDX-License-Identifier: MIT
#pragma once

#include <functional>

#include <QAbstractListModel>
#include <QList>
#include <QStringList>

#include "shared/control/Freshness.h"
#include "shared/restore/ZfsMounts.h"

namespace Gui {

// A filesystem whose snapshots the Restore view can show.
struct RestoreSource
{
    QString dataset;
    QString mountPoint;     // "" when it is not mounted: its snapshots are browsed through the daemon ("a backup")
    QStringList jobs;       // the daemon's jobs that snapshot, send or receive it
    bool received = false;  // a sink or pull job receives it
    bool readable = true;   // the user may enter its mount point

    bool isMounted() const
    {
        return !mountPoint.isEmpty();
    }

    friend bool operator==(const RestoreSource &, const RestoreSource &) = default;
};

// The filesystem picker of the Restore view: the mounted ZFS filesystems the user can read (those of the daemon's
// jobs even when the user cannot, so that the view can say why), then the filesystems of the jobs that are not
// mounted, which the daemon mounts for browsing (backups received by sink and pull jobs).
class RestoreSourceModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role
    {
        DatasetRole = Qt::UserRole + 100,  // QString
        MountedRole,                       // bool
    };

    explicit RestoreSourceModel(QObject *parent = nullptr);

    // Whether the user may list a directory; access(2) by default.
    using ReadableCheck = std::function<bool(const QString &path)>;
    // The sources from the mounts and the daemon's freshness report (null: zrepl, or no report yet).
    static QList<RestoreSource>
    build(const Restore::ZfsMounts &mounts, const Api::FreshnessReport *freshness, const ReadableCheck &readable = {});

    // Resets only when something changed, so that a view keeps the user's choice on every status poll.
    void setSources(const QList<RestoreSource> &sources);

    const QList<RestoreSource> &sources() const
    {
        return m_sources;
    }

    RestoreSource source(int row) const;
    int rowOfDataset(const QString &dataset) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    QList<RestoreSource> m_sources;
};

}  // namespace Gui
