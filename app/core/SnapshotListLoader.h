// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QObject>
#include <QString>

#include "shared/restore/SnapshotCatalog.h"

namespace Gui {

// Lists the snapshots of a mounted filesystem for the Restore view, off the GUI thread: the names come from its
// .zfs/snapshot folder (the first look may mount it), the times and holds from `zfs list` run as the user, which
// may take its time. A new load() makes the answer of the one before never arrive.
class SnapshotListLoader final : public QObject
{
    Q_OBJECT

public:
    explicit SnapshotListLoader(QObject *parent = nullptr);

    // SnapshotCatalog::systemQuery() by default.
    void setSnapshotQuery(Restore::ZfsSnapshotQuery query);

    void load(const QString &mountPoint, const QString &dataset);
    void cancel();

    bool isLoading() const
    {
        return m_loading;
    }

Q_SIGNALS:
    // `error`: why nothing could be listed, "" otherwise (an empty list then means there are no snapshots).
    void finished(const QString &dataset, const QList<Restore::SnapshotEntry> &snapshots, const QString &error);

private:
    Restore::ZfsSnapshotQuery m_query;
    quint64 m_request = 0;
    bool m_loading = false;
};

}  // namespace Gui
