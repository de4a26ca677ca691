// SPDX-License-Identifier: MIT
#pragma once

#include <chrono>
#include <optional>

#include <QList>
#include <QObject>
#include <QSet>
#include <QTimer>

#include "app/core/HoldsFetcher.h"
#include "shared/control/Browse.h"
#include "shared/control/ControlClient.h"
#include "shared/restore/SnapshotCatalog.h"

namespace Gui {

// Browsing a filesystem that is not mounted (a backup received by a sink or pull job) through the daemon: it lists
// the snapshots (GET /holdfast/v1/snapshots) and, on the user's request, mounts one read-only under a lease
// (POST /holdfast/v1/browse, admin only). While a lease is held it is renewed every two minutes; it is released
// (POST /holdfast/v1/browse/release) when the user moves to another snapshot or filesystem, leaves the view, or
// the browser is destroyed. The daemon unmounts a lease nobody renews after its idle timeout, so a GUI that dies
// leaves nothing mounted for long.
class BackupBrowser final : public QObject
{
    Q_OBJECT

public:
    static constexpr std::chrono::seconds DefaultRenewInterval{120};

    explicit BackupBrowser(Api::ControlClient &client, QObject *parent = nullptr);
    ~BackupBrowser() override;

    // Asks for the snapshots of `filesystem`; snapshotsListed() answers.
    void listSnapshots(const QString &filesystem);
    // Asks the daemon to mount `snapshot` of `filesystem`; leaseChanged() or failed() answers. A lease on another
    // snapshot is released first.
    void browse(const QString &filesystem, const QString &snapshot);
    // Gives the lease back (nothing when none is held or asked for).
    void release();

    // The lease in use; nullopt before the daemon granted one, after release() and when renewing found it gone.
    const std::optional<Api::BrowseLease> &lease() const
    {
        return m_lease;
    }

    bool isBrowsePending() const
    {
        return m_pendingBrowse != 0;
    }

    bool isListing() const
    {
        return m_pendingListing != 0;
    }

    EndpointSupport support() const
    {
        return m_support;
    }

    // For tests: how often a held lease is renewed.
    void setRenewInterval(std::chrono::milliseconds interval);

    // The daemon's snapshots as the Restore view's timeline shows them (no tree to read until one is mounted).
    static QList<Restore::SnapshotEntry> entriesOf(const Api::SnapshotListing &listing);
    // The mounted snapshot of a lease, to browse like any snapshot.
    static Restore::SnapshotEntry entryOf(const Api::BrowseLease &lease, const QDateTime &created);
    static QString unsupportedMessage();
    static QString needsAdmin();

Q_SIGNALS:
    // `error`: "" when listed; otherwise why not, in words.
    void
    snapshotsListed(const QString &filesystem, const QList<Restore::SnapshotEntry> &snapshots, const QString &error);
    // A lease was granted, renewed with another path, or is gone (lease() says which).
    void leaseChanged();
    // Browsing could not start, or renewing failed: in words; `forbidden` when the user's access level is why.
    void failed(const QString &error, bool forbidden);

private:
    void handleReply(const Api::ControlClient::Reply &reply);
    void handleListing(const Api::ControlClient::Reply &reply);
    void handleLease(const Api::ControlClient::Reply &reply, bool renewal);
    void renew();
    QString failure(const Api::ControlClient::Reply &reply) const;

    Api::ControlClient &m_client;
    QTimer m_renewTimer;
    EndpointSupport m_support = EndpointSupport::Unknown;
    quint64 m_pendingListing = 0;
    QString m_listingFilesystem;
    quint64 m_pendingBrowse = 0;
    quint64 m_pendingRenewal = 0;
    QSet<quint64> m_abandoned;     // browse requests the user moved away from before they were answered
    Api::BrowseRequest m_request;  // what the lease is, or is asked, for
    std::optional<Api::BrowseLease> m_lease;
};

}  // namespace Gui
