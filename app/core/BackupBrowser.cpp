// SPDX-License-Identifier: MIT
#include "app/core/BackupBrowser.h"

#include <algorithm>

#include <QUrl>

using namespace Qt::StringLiterals;

namespace Gui {

BackupBrowser::BackupBrowser(Api::ControlClient &client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    m_renewTimer.setInterval(DefaultRenewInterval);
    connect(&m_renewTimer, &QTimer::timeout, this, &BackupBrowser::renew);
    connect(&m_client, &Api::ControlClient::finished, this, &BackupBrowser::handleReply);
}

BackupBrowser::~BackupBrowser()
{
    release();
}

QString BackupBrowser::unsupportedMessage()
{
    return tr("This daemon (zrepl) cannot mount backups for browsing");
}

QString BackupBrowser::needsAdmin()
{
    return tr("Read-only: browsing a backup needs root or the daemon's admin group (global.control.admin_group)");
}

void BackupBrowser::setRenewInterval(std::chrono::milliseconds interval)
{
    m_renewTimer.setInterval(interval);
}

QList<Restore::SnapshotEntry> BackupBrowser::entriesOf(const Api::SnapshotListing &listing)
{
    QList<Restore::SnapshotEntry> entries;
    for (const Api::SnapshotInfo &info : listing.snapshots) {
        Restore::SnapshotEntry entry = Restore::SnapshotCatalog::single(
            info.name, QString(), info.creation.isZero() ? QDateTime() : info.creation.toDateTime());
        entry.held = info.userrefs > 0;
        entries.append(entry);
    }
    return entries;
}

Restore::SnapshotEntry BackupBrowser::entryOf(const Api::BrowseLease &lease, const QDateTime &created)
{
    return Restore::SnapshotCatalog::single(lease.snapshot, lease.path, created);
}

void BackupBrowser::listSnapshots(const QString &filesystem)
{
    m_listingFilesystem = filesystem;
    const QByteArray path =
        QByteArray(Api::HoldfastEndpoint::Snapshots) + "?filesystem=" + QUrl::toPercentEncoding(filesystem);
    m_pendingListing = m_client.request("GET", path);
}

void BackupBrowser::browse(const QString &filesystem, const QString &snapshot)
{
    if (m_lease && (m_lease->filesystem != filesystem || m_lease->snapshot != snapshot)) {
        release();
    }
    if (m_pendingBrowse != 0) {
        m_abandoned.insert(m_pendingBrowse);  // asked for another snapshot: give that one back when it comes
    }
    m_request.filesystem = filesystem;
    m_request.snapshot = snapshot;
    m_pendingBrowse = m_client.request("POST", Api::HoldfastEndpoint::Browse, m_request.toJson());
}

void BackupBrowser::release()
{
    m_renewTimer.stop();
    if (m_pendingBrowse != 0) {
        m_abandoned.insert(m_pendingBrowse);
        m_pendingBrowse = 0;
    }
    m_pendingRenewal = 0;
    if (m_lease) {
        m_client.request("POST", Api::HoldfastEndpoint::BrowseRelease, Api::BrowseRelease{m_lease->id}.toJson());
        m_lease.reset();
        Q_EMIT leaseChanged();
    }
}

void BackupBrowser::renew()
{
    if (m_lease && m_pendingRenewal == 0) {
        // The same request again renews the lease (the daemon answers with the lease it has).
        m_pendingRenewal = m_client.request("POST", Api::HoldfastEndpoint::Browse, m_request.toJson());
    }
}

void BackupBrowser::handleReply(const Api::ControlClient::Reply &reply)
{
    if (reply.id == 0) {
        return;
    }
    if (reply.id == m_pendingListing) {
        m_pendingListing = 0;
        handleListing(reply);
    } else if (reply.id == m_pendingBrowse) {
        m_pendingBrowse = 0;
        handleLease(reply, false);
    } else if (reply.id == m_pendingRenewal) {
        m_pendingRenewal = 0;
        handleLease(reply, true);
    } else if (m_abandoned.remove(reply.id) && reply.ok()) {
        // A mount the user no longer wants: released at once rather than left to the idle timeout.
        QString error;
        if (const std::optional<Api::BrowseLease> lease = Api::BrowseLease::fromJson(reply.body, &error)) {
            m_client.request("POST", Api::HoldfastEndpoint::BrowseRelease, Api::BrowseRelease{lease->id}.toJson());
        }
    }
}

QString BackupBrowser::failure(const Api::ControlClient::Reply &reply) const
{
    if (reply.error == Api::ControlClient::Error::Status && reply.status == 403) {
        const QString reason = reply.errorString.trimmed();
        return reason.isEmpty() ? needsAdmin() : needsAdmin() + u" (" + reason + u')';
    }
    return reply.errorString.trimmed();
}

void BackupBrowser::handleListing(const Api::ControlClient::Reply &reply)
{
    if (isZreplsNotFound(reply)) {
        m_support = EndpointSupport::Unsupported;
        Q_EMIT snapshotsListed(m_listingFilesystem, {}, unsupportedMessage());
        return;
    }
    if (!reply.ok()) {
        Q_EMIT snapshotsListed(
            m_listingFilesystem,
            {},
            tr("The daemon could not list the snapshots of %1: %2").arg(m_listingFilesystem, failure(reply)));
        return;
    }
    m_support = EndpointSupport::Supported;
    QString error;
    const std::optional<Api::SnapshotListing> listing = Api::SnapshotListing::fromJson(reply.body, &error);
    if (!listing) {
        Q_EMIT snapshotsListed(
            m_listingFilesystem, {}, tr("The daemon's list of snapshots could not be read: %1").arg(error));
        return;
    }
    Q_EMIT snapshotsListed(
        listing->filesystem.isEmpty() ? m_listingFilesystem : listing->filesystem, entriesOf(*listing), QString());
}

void BackupBrowser::handleLease(const Api::ControlClient::Reply &reply, bool renewal)
{
    const bool forbidden = reply.error == Api::ControlClient::Error::Status && reply.status == 403;
    QString error;
    std::optional<Api::BrowseLease> lease;
    if (isZreplsNotFound(reply)) {
        m_support = EndpointSupport::Unsupported;
        error = unsupportedMessage();
    } else if (!reply.ok()) {
        error = failure(reply);
    } else if (lease = Api::BrowseLease::fromJson(reply.body, &error); lease && lease->path.isEmpty()) {
        error = tr("the daemon named no folder where it is mounted");
        lease.reset();
    }
    if (!lease) {
        const QString what = m_request.filesystem + u'@' + m_request.snapshot;
        const bool hadLease = m_lease.has_value();
        m_renewTimer.stop();
        m_lease.reset();
        if (hadLease) {
            Q_EMIT leaseChanged();
        }
        Q_EMIT failed(renewal ? tr("%1 is no longer mounted for browsing: %2").arg(what, error)
                              : tr("%1 could not be mounted for browsing: %2").arg(what, error),
                      forbidden);
        return;
    }
    const bool changed = !m_lease || m_lease->path != lease->path || m_lease->id != lease->id;
    m_lease = lease;
    // Renewed well before the daemon's idle timeout runs out, however short the daemon makes it.
    auto interval = std::chrono::duration_cast<std::chrono::milliseconds>(DefaultRenewInterval);
    if (lease->idleTimeoutSeconds > 0) {
        interval = std::min(interval, std::chrono::milliseconds(qint64(lease->idleTimeoutSeconds) * 1000 / 2));
    }
    if (!m_renewTimer.isActive() || !renewal) {
        m_renewTimer.start(std::min(interval, std::chrono::milliseconds(m_renewTimer.intervalAsDuration())));
    }
    if (changed) {
        Q_EMIT leaseChanged();
    }
}

}  // namespace Gui
