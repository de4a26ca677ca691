// SPDX-License-Identifier: MIT
#include "daemon/cli/BrowseCommands.h"

#include <QCommandLineParser>
#include <QLocale>
#include <QUrl>

#include "shared/control/ControlClient.h"

using namespace Qt::StringLiterals;

namespace Daemon {

namespace {

// Mounting waits for zfs and mount; listing for zfs.
constexpr std::chrono::seconds BrowseTimeout{120};

std::optional<int> connectClient(CliContext &context, Api::ControlClient &client)
{
    const std::optional<QString> socket = context.controlSocket();
    if (!socket) {
        return CliCommands::Failure;
    }
    client.setSocketPath(*socket);
    client.setTimeout(BrowseTimeout);
    return std::nullopt;
}

int failed(CliContext &context, const Api::ControlClient::Reply &reply)
{
    if (reply.status == 404 && reply.body.startsWith("404 page not found")) {
        context.err << BrowseCommands::tr(
            "this daemon cannot mount snapshots for browsing (a zrepl daemon, or an older "
            "Holdfast?)")
                    << Qt::endl;
    } else {
        context.err << reply.errorString.trimmed() << Qt::endl;
    }
    return CliCommands::Failure;
}

int notUnderstood(CliContext &context, const QString &error)
{
    context.err << BrowseCommands::tr("the daemon's answer is not understood: %1").arg(error) << Qt::endl;
    return CliCommands::Failure;
}

QString localTime(const Api::Timestamp &at)
{
    return at.isZero() ? u"-"_s : at.toDateTime().toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s);
}

QString inWords(const Api::Timestamp &at, const QDateTime &now)
{
    const qint64 seconds = now.secsTo(at.toDateTime());
    if (seconds <= 0) {
        return BrowseCommands::tr("now");
    }
    if (seconds < 120) {
        return BrowseCommands::tr("in %n second(s)", nullptr, int(seconds));
    }
    return BrowseCommands::tr("in %n minute(s)", nullptr, int(seconds / 60));
}

QString duration(int seconds)
{
    if (seconds < 120) {
        return BrowseCommands::tr("%n second(s)", nullptr, seconds);
    }
    return BrowseCommands::tr("%n minute(s)", nullptr, seconds / 60);
}

}  // namespace

QString BrowseCommands::renderLease(const Api::BrowseLease &lease, const QDateTime &now)
{
    QString out = tr("%1@%2 is mounted read-only at\n  %3\n").arg(lease.filesystem, lease.snapshot, lease.path);
    out += tr("It is unmounted %1 (%2) unless asked for again: `holdfast browse %3@%4` keeps it for another %5.\n")
               .arg(inWords(lease.expiresAt, now),
                    localTime(lease.expiresAt),
                    lease.filesystem,
                    lease.snapshot,
                    duration(lease.idleTimeoutSeconds));
    out += tr("Done with it: `holdfast browse --release %1`\n").arg(lease.id);
    if (!lease.unmountError.isEmpty()) {
        out += tr("The last attempt to unmount it failed: %1\n").arg(lease.unmountError);
    }
    return out;
}

QString BrowseCommands::renderLeases(const Api::BrowseLeases &leases, const QDateTime &now)
{
    if (leases.leases.isEmpty()) {
        return tr("No snapshot is mounted for browsing.\n");
    }
    QString out = tr("ID").leftJustified(18) + tr("SNAPSHOT").leftJustified(48) + tr("UNMOUNTED") + u'\n';
    for (const Api::BrowseLease &lease : leases.leases) {
        out += lease.id.leftJustified(18) + QString(lease.filesystem + u'@' + lease.snapshot).leftJustified(47) + u' '
               + inWords(lease.expiresAt, now) + u'\n';
        out += u"  "_s + lease.path + u'\n';
        if (!lease.unmountError.isEmpty()) {
            out += u"  "_s + tr("unmounting failed, tried again later: %1").arg(lease.unmountError) + u'\n';
        }
    }
    return out;
}

QString BrowseCommands::renderListing(const Api::SnapshotListing &listing)
{
    QString out = listing.filesystem + u": "_s;
    if (!listing.mountpoint.isEmpty()) {
        out += tr("mounted at %1; its snapshots are in %1/.zfs/snapshot").arg(listing.mountpoint);
    } else if (listing.received) {
        out += tr("a backup received by this daemon, not mounted; `holdfast browse %1@SNAPSHOT` mounts one to browse")
                   .arg(listing.filesystem);
    } else {
        out += tr("not mounted; `holdfast browse %1@SNAPSHOT` mounts one to browse").arg(listing.filesystem);
    }
    out += u'\n';
    if (listing.snapshots.isEmpty()) {
        return out + tr("No snapshots.\n");
    }
    qsizetype width = tr("SNAPSHOT").size();
    for (const Api::SnapshotInfo &s : listing.snapshots) {
        width = std::max(width, s.name.size());
    }
    out += tr("SNAPSHOT").leftJustified(width + 2) + tr("CREATED").leftJustified(21) + tr("HOLDS") + u'\n';
    for (const Api::SnapshotInfo &s : listing.snapshots) {
        out += s.name.leftJustified(width + 2) + localTime(s.creation).leftJustified(21) + QString::number(s.userrefs)
               + u'\n';
    }
    out += tr("%n snapshot(s), newest first.\n", nullptr, int(listing.snapshots.size()));
    return out;
}

int BrowseCommands::browse(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Mount a snapshot read-only where you can read it, to browse a backup whose filesystems are not mounted "
           "(those a sink or pull job receives). The files keep their owners and permissions. The daemon unmounts "
           "it after 10 minutes without a request for it; asking again keeps it. Mounting and releasing need root or "
           "the admin group."));
    parser.addPositionalArgument(u"FS@SNAPSHOT"_s,
                                 tr("the snapshot to mount, e.g. backup/sink/laptop/home@zrepl_20261205_140000_000"));
    parser.addOption({u"release"_s, tr("Unmount the snapshot of lease <id> now."), tr("id")});
    parser.addOption({u"list"_s, tr("List the snapshots mounted for browsing.")});
    parser.addOption({u"json"_s, tr("Print the daemon's JSON.")});
    const QString synopsis = u"FS@SNAPSHOT | --release ID | --list [--json]"_s;
    if (const std::optional<int> exit = CliCommands::parseArguments(context, parser, arguments, synopsis)) {
        return *exit;
    }
    const QStringList positional = parser.positionalArguments();
    const bool list = parser.isSet(u"list"_s);
    const bool release = parser.isSet(u"release"_s);
    if (int(list) + int(release) + int(!positional.isEmpty()) != 1 || positional.size() > 1) {
        context.err << tr("usage: holdfast browse %1").arg(synopsis) << Qt::endl;
        return CliCommands::UsageError;
    }
    Api::BrowseRequest request;
    if (!positional.isEmpty()) {
        const QString target = positional.constFirst();
        const qsizetype at = target.indexOf(u'@');
        if (at <= 0 || at == target.size() - 1) {
            context.err
                << tr("\"%1\" names no snapshot: give it as FILESYSTEM@SNAPSHOT (`holdfast snapshots FS` lists them)")
                       .arg(target)
                << Qt::endl;
            return CliCommands::UsageError;
        }
        request.filesystem = target.left(at);
        request.snapshot = target.mid(at + 1);
    }

    Api::ControlClient client;
    if (const std::optional<int> exit = connectClient(context, client)) {
        return *exit;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const bool json = parser.isSet(u"json"_s);
    QString error;
    if (list || release) {
        const Api::ControlClient::Reply reply =
            list ? client.exec("GET", Api::HoldfastEndpoint::Browse)
                 : client.exec("POST",
                               Api::HoldfastEndpoint::BrowseRelease,
                               Api::BrowseRelease{parser.value(u"release"_s)}.toJson());
        if (!reply.ok()) {
            return failed(context, reply);
        }
        const std::optional<Api::BrowseLeases> leases = Api::BrowseLeases::fromJson(reply.body, &error);
        if (!leases) {
            return notUnderstood(context, error);
        }
        if (json) {
            context.out << QString::fromUtf8(reply.body);
            return CliCommands::Success;
        }
        if (release) {
            context.out << tr("Released: the snapshot is unmounted.") << Qt::endl;
            if (!leases->leases.isEmpty()) {
                context.out << tr("Still mounted for browsing: %n snapshot(s) (`holdfast browse --list`).",
                                  nullptr,
                                  int(leases->leases.size()))
                            << Qt::endl;
            }
            return CliCommands::Success;
        }
        context.out << renderLeases(*leases, now);
        return CliCommands::Success;
    }
    const Api::ControlClient::Reply reply = client.exec("POST", Api::HoldfastEndpoint::Browse, request.toJson());
    if (!reply.ok()) {
        return failed(context, reply);
    }
    const std::optional<Api::BrowseLease> lease = Api::BrowseLease::fromJson(reply.body, &error);
    if (!lease) {
        return notUnderstood(context, error);
    }
    if (json) {
        context.out << QString::fromUtf8(reply.body);
    } else {
        context.out << renderLease(*lease, now);
    }
    return CliCommands::Success;
}

int BrowseCommands::snapshots(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("List the snapshots of a filesystem, newest first, with when each was taken and how many holds keep it, "
           "and say whether they can be browsed where the filesystem is mounted or need `holdfast browse`."));
    parser.addPositionalArgument(u"FS"_s, tr("the filesystem"));
    parser.addOption({u"json"_s, tr("Print the daemon's JSON.")});
    if (const std::optional<int> exit = CliCommands::parseArguments(context, parser, arguments, u"FS [--json]"_s)) {
        return *exit;
    }
    if (parser.positionalArguments().size() != 1) {
        context.err << tr("usage: holdfast snapshots FS [--json]") << Qt::endl;
        return CliCommands::UsageError;
    }
    const QString filesystem = parser.positionalArguments().constFirst();
    Api::ControlClient client;
    if (const std::optional<int> exit = connectClient(context, client)) {
        return *exit;
    }
    const QByteArray path =
        QByteArray(Api::HoldfastEndpoint::Snapshots) + "?filesystem=" + QUrl::toPercentEncoding(filesystem);
    const Api::ControlClient::Reply reply = client.exec("GET", path);
    if (!reply.ok()) {
        return failed(context, reply);
    }
    QString error;
    const std::optional<Api::SnapshotListing> listing = Api::SnapshotListing::fromJson(reply.body, &error);
    if (!listing) {
        return notUnderstood(context, error);
    }
    if (parser.isSet(u"json"_s)) {
        context.out << QString::fromUtf8(reply.body);
    } else {
        context.out << renderListing(*listing);
    }
    return CliCommands::Success;
}

}  // namespace Daemon
