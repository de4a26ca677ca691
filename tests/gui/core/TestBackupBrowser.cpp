// SPDX-License-Identifier: MIT
// Browsing a backup that is not mounted, against a stand-in control socket: its snapshots are asked for by name
// (newest first, held ones marked), a snapshot is mounted under a lease that is renewed while held and released
// when the user moves to another snapshot or leaves; a read-only user is told that it needs the admin group, and
// zrepl's daemon that it cannot.
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include "FakeControlServer.h"
#include "app/core/BackupBrowser.h"

using namespace Gui;
using namespace Qt::StringLiterals;

namespace {

Api::SnapshotListing listing()
{
    Api::SnapshotListing listing;
    listing.filesystem = u"backup/ws/home"_s;
    listing.received = true;
    listing.snapshots = {
        Api::SnapshotInfo{u"zrepl_20261205_140000_000"_s, u"111"_s, *Api::Timestamp::parse("2026-12-05T14:00:05Z"), 1},
        Api::SnapshotInfo{u"zrepl_20261204_140000_000"_s, u"222"_s, *Api::Timestamp::parse("2026-12-04T14:00:05Z"), 0},
    };
    return listing;
}

}  // namespace

class TestBackupBrowser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void listsTheSnapshots();
    void mountsRenewsAndReleases();
    void anotherSnapshotReleasesTheFirst();
    void readOnlyUserNeedsTheAdminGroup();
    void zreplCannot();

private:
    // The daemon's leases: POST browse grants lease-<n> on /run/holdfast/browse/<snapshot>.
    void serveLeases();
    QList<QString> released() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeControlServer> m_server;
    std::unique_ptr<Api::ControlClient> m_client;
    int m_leases = 0;
};

void TestBackupBrowser::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_server = std::make_unique<FakeControlServer>(m_dir->filePath(u"control"_s));
    QVERIFY(m_server->listen());
    m_client = std::make_unique<Api::ControlClient>();
    m_client->setSocketPath(m_dir->filePath(u"control"_s));
    m_leases = 0;
}

void TestBackupBrowser::cleanup()
{
    m_client.reset();
    m_server.reset();
    m_dir.reset();
}

void TestBackupBrowser::serveLeases()
{
    m_server->setAccess(Api::AccessLevel::Admin);
    m_server->answerWith(Api::HoldfastEndpoint::Browse, [this](const Http::Request &request) {
        QString error;
        const std::optional<Api::BrowseRequest> asked = Api::BrowseRequest::fromJson(request.body, &error);
        if (!asked) {
            return FakeControlServer::Answer{400, error.toUtf8()};
        }
        Api::BrowseLease lease;
        lease.id = u"lease-%1"_s.arg(asked->snapshot == u"zrepl_20261205_140000_000"_s ? 1 : 2);
        lease.filesystem = asked->filesystem;
        lease.snapshot = asked->snapshot;
        lease.path = u"/run/holdfast/browse/"_s + asked->snapshot;
        lease.expiresAt = Api::Timestamp::fromDateTime(QDateTime::currentDateTimeUtc().addSecs(600));
        lease.idleTimeoutSeconds = 600;
        ++m_leases;
        return FakeControlServer::Answer{200, lease.toJson()};
    });
    m_server->answerWith(Api::HoldfastEndpoint::BrowseRelease, 200, Api::BrowseLeases{}.toJson());
}

QList<QString> TestBackupBrowser::released() const
{
    QList<QString> ids;
    for (const Http::Request &request : m_server->handledRequests(Api::HoldfastEndpoint::BrowseRelease)) {
        QString error;
        ids.append(Api::BrowseRelease::fromJson(request.body, &error).value_or(Api::BrowseRelease{}).id);
    }
    return ids;
}

void TestBackupBrowser::listsTheSnapshots()
{
    m_server->setAccess(Api::AccessLevel::Status);
    m_server->answerWith(Api::HoldfastEndpoint::Snapshots, 200, listing().toJson());
    BackupBrowser browser(*m_client);
    QSignalSpy listed(&browser, &BackupBrowser::snapshotsListed);
    browser.listSnapshots(u"backup/ws/home"_s);
    QVERIFY(browser.isListing());
    QVERIFY(listed.wait());
    QCOMPARE(listed.first().at(0).toString(), u"backup/ws/home"_s);
    QCOMPARE(listed.first().at(2).toString(), QString());
    const auto entries = listed.first().at(1).value<QList<Restore::SnapshotEntry>>();
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries[0].name, u"zrepl_20261205_140000_000"_s);
    QCOMPARE(entries[0].created, QDateTime(QDate(2026, 12, 5), QTime(14, 0, 5), Qt::UTC));
    QCOMPARE(entries[0].timeSource, Restore::SnapshotEntry::TimeSource::Zfs);
    QCOMPARE(entries[0].held, std::optional<bool>(true));
    QCOMPARE(entries[1].held, std::optional<bool>(false));
    QCOMPARE(entries[0].prefix, u"zrepl_"_s);
    QVERIFY(entries[0].root.isEmpty());  // nothing to read until the daemon mounts it
    const Http::Request asked = m_server->handledRequests(Api::HoldfastEndpoint::Snapshots).first();
    QCOMPARE(QUrlQuery(QString::fromUtf8(asked.query)).queryItemValue(u"filesystem"_s, QUrl::FullyDecoded),
             u"backup/ws/home"_s);
    QCOMPARE(browser.support(), EndpointSupport::Supported);
}

void TestBackupBrowser::mountsRenewsAndReleases()
{
    serveLeases();
    BackupBrowser browser(*m_client);
    browser.setRenewInterval(std::chrono::milliseconds(100));
    QSignalSpy changed(&browser, &BackupBrowser::leaseChanged);
    browser.browse(u"backup/ws/home"_s, u"zrepl_20261205_140000_000"_s);
    QVERIFY(browser.isBrowsePending());
    QVERIFY(changed.wait());
    QVERIFY(browser.lease().has_value());
    QCOMPARE(browser.lease()->path, u"/run/holdfast/browse/zrepl_20261205_140000_000"_s);
    const Restore::SnapshotEntry entry =
        BackupBrowser::entryOf(*browser.lease(), QDateTime(QDate(2026, 12, 5), QTime(14, 0), Qt::UTC));
    QCOMPARE(entry.root, u"/run/holdfast/browse/zrepl_20261205_140000_000"_s);
    QCOMPARE(entry.name, u"zrepl_20261205_140000_000"_s);
    // Renewed while held: the same request again.
    QTRY_VERIFY(m_server->handledRequests(Api::HoldfastEndpoint::Browse).size() >= 3);
    const QList<Http::Request> asked = m_server->handledRequests(Api::HoldfastEndpoint::Browse);
    QCOMPARE(asked.last().body, asked.first().body);
    QCOMPARE(changed.count(), 1);  // the same lease: nothing changed for the view
    browser.release();
    QVERIFY(!browser.lease());
    QCOMPARE(changed.count(), 2);
    QTRY_COMPARE(released(), QList<QString>{u"lease-1"_s});
    const qsizetype renewals = m_server->handledRequests(Api::HoldfastEndpoint::Browse).size();
    QTest::qWait(350);
    QCOMPARE(m_server->handledRequests(Api::HoldfastEndpoint::Browse).size(), renewals);
}

void TestBackupBrowser::anotherSnapshotReleasesTheFirst()
{
    serveLeases();
    auto browser = std::make_unique<BackupBrowser>(*m_client);
    QSignalSpy changed(browser.get(), &BackupBrowser::leaseChanged);
    browser->browse(u"backup/ws/home"_s, u"zrepl_20261205_140000_000"_s);
    QTRY_VERIFY(browser->lease().has_value());
    browser->browse(u"backup/ws/home"_s, u"zrepl_20261204_140000_000"_s);
    QTRY_COMPARE(released(), QList<QString>{u"lease-1"_s});
    QTRY_VERIFY(browser->lease().has_value());
    QCOMPARE(browser->lease()->id, u"lease-2"_s);
    // Leaving (the browser goes with the view): the second is given back too.
    browser.reset();
    QTRY_COMPARE(released(), (QList<QString>{u"lease-1"_s, u"lease-2"_s}));
}

void TestBackupBrowser::readOnlyUserNeedsTheAdminGroup()
{
    serveLeases();
    m_server->setAccess(Api::AccessLevel::Status);
    BackupBrowser browser(*m_client);
    QSignalSpy failed(&browser, &BackupBrowser::failed);
    browser.browse(u"backup/ws/home"_s, u"zrepl_20261205_140000_000"_s);
    QVERIFY(failed.wait());
    QVERIFY(failed.first().at(1).toBool());
    const QString error = failed.first().at(0).toString();
    QVERIFY2(error.startsWith(u"backup/ws/home@zrepl_20261205_140000_000 could not be mounted for browsing: "
                              "Read-only: browsing a backup needs root or the daemon's admin group"_s),
             qPrintable(error));
    QVERIFY(!browser.lease());
    QCOMPARE(m_leases, 0);
}

void TestBackupBrowser::zreplCannot()
{
    BackupBrowser browser(*m_client);  // no access level, no such endpoint: zrepl's daemon
    QSignalSpy listed(&browser, &BackupBrowser::snapshotsListed);
    browser.listSnapshots(u"backup/ws/home"_s);
    QVERIFY(listed.wait());
    QCOMPARE(listed.first().at(2).toString(), BackupBrowser::unsupportedMessage());
    QCOMPARE(browser.support(), EndpointSupport::Unsupported);
    QSignalSpy failed(&browser, &BackupBrowser::failed);
    browser.browse(u"backup/ws/home"_s, u"x"_s);
    QVERIFY(failed.wait());
    QVERIFY(failed.first().at(0).toString().endsWith(BackupBrowser::unsupportedMessage()));
    QVERIFY(!failed.first().at(1).toBool());
}

QTEST_GUILESS_MAIN(TestBackupBrowser)
#include "TestBackupBrowser.moc"
