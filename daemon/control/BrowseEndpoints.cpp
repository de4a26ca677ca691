// SPDX-License-Identifier: MIT
#include "daemon/control/BrowseEndpoints.h"

#include <QUrlQuery>

#include "daemon/browse/MountTable.h"
#include "daemon/control/ControlService.h"
#include "daemon/holds/HoldsClassifier.h"
#include "daemon/jobs/JobRegistry.h"
#include "daemon/zfs/NameCheck.h"
#include "shared/control/Browse.h"

using namespace Qt::StringLiterals;

namespace Daemon {

namespace {

bool isRead(const QByteArray &method)
{
    return method == "GET" || method == "HEAD";
}

Http::Response textAnswer(int status, const QString &message)
{
    return textResponse(status, (message + u'\n').toUtf8());
}

int statusOf(Browse::OpenOutcome::Status status)
{
    switch (status) {
    case Browse::OpenOutcome::Status::Mounted:
    case Browse::OpenOutcome::Status::Renewed:
        return 200;
    case Browse::OpenOutcome::Status::NotFound:
        return 404;
    case Browse::OpenOutcome::Status::Refused:
    case Browse::OpenOutcome::Status::KeyNotLoaded:
        return 409;
    case Browse::OpenOutcome::Status::Failed:
        return 500;
    }
    return 500;
}

// Whether a sink or pull job of the configuration receives into `filesystem` (below its root_fs).
bool isReceived(const QList<Holds::JobScope> &scopes, const QString &filesystem)
{
    const Zfs::DatasetPath path = Zfs::DatasetPath::fromString(filesystem);
    for (const Holds::JobScope &scope : scopes) {
        if (scope.receivingRoot && path.length() > scope.receivingRoot->length()
            && path.hasPrefix(*scope.receivingRoot)) {
            return true;
        }
    }
    return false;
}

}  // namespace

BrowseEndpoints::BrowseEndpoints(JobRegistry &jobs, Browse::BrowseSettings settings, Zfs::CommandConfig zfs)
    : m_jobs(jobs)
    , m_command(std::move(zfs))
    , m_zfs(m_command)
    , m_lookup(m_zfs)
    , m_leases(std::make_unique<Browse::BrowseLeases>(std::move(settings), m_lookup))
    , m_log(u"_control"_s, u"browse"_s)
{
    // From the event loop, once the daemon runs: a daemon that fails to start (its socket is taken) touches nothing.
    QMetaObject::invokeMethod(m_leases.get(), &Browse::BrowseLeases::cleanUpLeftovers, Qt::QueuedConnection);
}

BrowseEndpoints::~BrowseEndpoints()
{
    // The listing tasks refer to the ZFS client: end them first. The leases unmount what they still hold.
    m_tasks.clear();
    m_leases.reset();
}

bool BrowseEndpoints::handles(const QByteArray &path)
{
    return path == Api::HoldfastEndpoint::Snapshots || path == Api::HoldfastEndpoint::Browse
           || path == Api::HoldfastEndpoint::BrowseRelease;
}

void BrowseEndpoints::handle(const Http::Request &request, HttpHandler::Reply reply)
{
    if (request.path == Api::HoldfastEndpoint::Browse) {
        browse(request, std::move(reply));
        return;
    }
    if (request.path == Api::HoldfastEndpoint::BrowseRelease) {
        release(request, std::move(reply));
        return;
    }
    if (!isRead(request.method)) {
        reply(methodNotAllowedResponse("GET, HEAD"));
        return;
    }
    const QUrlQuery query(QString::fromUtf8(request.query));
    const QString filesystem = query.queryItemValue(u"filesystem"_s, QUrl::FullyDecoded);
    if (filesystem.isEmpty()) {
        reply(textAnswer(400,
                         u"the filesystem to list is missing: %1?filesystem=pool/fs"_s.arg(
                             QLatin1StringView(Api::HoldfastEndpoint::Snapshots))));
        return;
    }
    if (const std::optional<QString> why = Zfs::entityNamecheck(filesystem, Zfs::EntityType::Filesystem)) {
        reply(textAnswer(400, u"invalid filesystem name \"%1\": %2"_s.arg(filesystem, *why)));
        return;
    }
    m_tasks.start(listSnapshots(filesystem, std::move(reply)));
}

void BrowseEndpoints::browse(const Http::Request &request, HttpHandler::Reply reply)
{
    if (isRead(request.method)) {
        reply(jsonResponse(m_leases->leases().toJson()));
        return;
    }
    if (request.method != "POST") {
        reply(methodNotAllowedResponse("GET, HEAD, POST"));
        return;
    }
    QString error;
    const std::optional<Api::BrowseRequest> parsed = Api::BrowseRequest::fromJson(request.body, &error);
    if (!parsed) {
        reply(textAnswer(400, u"invalid browse request: %1"_s.arg(error)));
        return;
    }
    if (parsed->filesystem.isEmpty() || parsed->snapshot.isEmpty()) {
        reply(textAnswer(400, u"invalid browse request: \"filesystem\" and \"snapshot\" are required"_s));
        return;
    }
    const QString dataset = parsed->filesystem + u'@' + parsed->snapshot;
    if (const std::optional<QString> why = Zfs::entityNamecheck(parsed->filesystem, Zfs::EntityType::Filesystem)) {
        reply(textAnswer(400, u"invalid filesystem name \"%1\": %2"_s.arg(parsed->filesystem, *why)));
        return;
    }
    if (const std::optional<QString> why = Zfs::entityNamecheck(dataset, Zfs::EntityType::Snapshot)) {
        reply(textAnswer(400, u"invalid snapshot name \"%1\": %2"_s.arg(parsed->snapshot, *why)));
        return;
    }
    m_leases->open(
        parsed->filesystem, parsed->snapshot, [reply = std::move(reply)](const Browse::OpenOutcome &outcome) {
            const int status = statusOf(outcome.status);
            reply(status == 200 ? jsonResponse(outcome.lease.toJson()) : textAnswer(status, outcome.message));
        });
}

void BrowseEndpoints::release(const Http::Request &request, HttpHandler::Reply reply)
{
    if (request.method != "POST") {
        reply(methodNotAllowedResponse("POST"));
        return;
    }
    QString error;
    const std::optional<Api::BrowseRelease> parsed = Api::BrowseRelease::fromJson(request.body, &error);
    if (!parsed) {
        reply(textAnswer(400, u"invalid release request: %1"_s.arg(error)));
        return;
    }
    if (parsed->id.isEmpty()) {
        reply(textAnswer(400, u"invalid release request: \"id\" is required"_s));
        return;
    }
    m_leases->release(parsed->id, [reply = std::move(reply)](const Browse::ReleaseOutcome &outcome) {
        switch (outcome.status) {
        case Browse::ReleaseOutcome::Status::Released:
            reply(jsonResponse(outcome.remaining.toJson()));
            return;
        case Browse::ReleaseOutcome::Status::NotFound:
            reply(textAnswer(404, outcome.message));
            return;
        case Browse::ReleaseOutcome::Status::Failed:
            reply(textAnswer(500, outcome.message));
            return;
        }
    });
}

Async::Task<void> BrowseEndpoints::listSnapshots(QString filesystem, HttpHandler::Reply reply)
{
    const Browse::FilesystemFacts facts = co_await m_lookup.filesystem(filesystem);
    if (facts.error.is(Zfs::ZfsError::Kind::NotFound)) {
        reply(textAnswer(404, u"no filesystem named \"%1\""_s.arg(filesystem)));
        co_return;
    }
    if (!facts.error.ok()) {
        m_log.error(u"cannot list snapshots"_s, {{u"filesystem"_s, filesystem}, {u"err"_s, facts.error.toString()}});
        reply(textAnswer(500, u"cannot look up %1: %2"_s.arg(filesystem, facts.error.toString().trimmed())));
        co_return;
    }
    const Zfs::Result<QList<Api::SnapshotInfo>> snapshots = co_await m_lookup.snapshots(filesystem);
    if (!snapshots.ok()) {
        m_log.error(u"cannot list snapshots"_s,
                    {{u"filesystem"_s, filesystem}, {u"err"_s, snapshots.error.toString()}});
        reply(textAnswer(
            500, u"cannot list the snapshots of %1: %2"_s.arg(filesystem, snapshots.error.toString().trimmed())));
        co_return;
    }
    Api::SnapshotListing listing;
    listing.filesystem = filesystem;
    listing.snapshots = snapshots.value;
    listing.received = isReceived(m_jobs.jobScopes(), filesystem);
    if (facts.mounted) {
        listing.mountpoint = facts.mountpoint;
        if (facts.mountpoint == u"legacy") {
            // mount(8) put it somewhere of its choosing: the mount table knows where.
            const Browse::MountTable mounts = Browse::MountTable::read(m_leases->settings().mountInfoPath);
            const std::optional<Browse::MountEntry> mount = mounts.zfsMountOf(filesystem);
            listing.mountpoint = mount ? mount->mountPoint : QString();
        }
    }
    reply(jsonResponse(listing.toJson()));
}

}  // namespace Daemon
