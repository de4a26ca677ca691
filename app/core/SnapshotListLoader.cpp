// SPDX-License-Identifier: MIT
#include "app/core/SnapshotListLoader.h"

#include "app/core/BackgroundTask.h"

namespace Gui {

namespace {

struct Listing
{
    QList<Restore::SnapshotEntry> snapshots;
    QString error;
};

}  // namespace

SnapshotListLoader::SnapshotListLoader(QObject *parent)
    : QObject(parent)
    , m_query(Restore::SnapshotCatalog::systemQuery())
{}

void SnapshotListLoader::setSnapshotQuery(Restore::ZfsSnapshotQuery query)
{
    m_query = std::move(query);
}

void SnapshotListLoader::load(const QString &mountPoint, const QString &dataset)
{
    const quint64 request = ++m_request;
    m_loading = true;
    runInBackground(
        this,
        [mountPoint, dataset, query = m_query] {
            Listing listing;
            listing.snapshots = Restore::SnapshotCatalog::list(mountPoint, dataset, query, &listing.error);
            return listing;
        },
        [this, request, dataset](const Listing &listing) {
            if (request != m_request) {
                return;
            }
            m_loading = false;
            Q_EMIT finished(dataset, listing.snapshots, listing.error);
        });
}

void SnapshotListLoader::cancel()
{
    ++m_request;
    m_loading = false;
}

}  // namespace Gui
