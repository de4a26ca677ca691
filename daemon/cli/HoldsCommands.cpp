// SPDX-License-Identifier: MIT
#include "daemon/cli/HoldsCommands.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QLocale>

#include "shared/control/ControlClient.h"

using namespace Qt::StringLiterals;

namespace Daemon {

namespace {

// Listing the pools and acting on them can take longer than a status request.
constexpr std::chrono::seconds HoldsTimeout{120};

QString kindWords(Api::AbstractionItem::Kind kind)
{
    switch (kind) {
    case Api::AbstractionItem::Kind::StepHold:
        return HoldsCommands::tr("step hold");
    case Api::AbstractionItem::Kind::StepBookmark:
        return HoldsCommands::tr("step bookmark");
    case Api::AbstractionItem::Kind::LastReceivedHold:
        return HoldsCommands::tr("last-received hold");
    case Api::AbstractionItem::Kind::ReplicationCursor:
        return HoldsCommands::tr("replication cursor");
    case Api::AbstractionItem::Kind::ReplicationCursorV1:
        return HoldsCommands::tr("v1 replication cursor");
    }
    return {};
}

QString actionWords(Api::HoldsChange::Action action, bool dryRun)
{
    switch (action) {
    case Api::HoldsChange::Action::ReleaseHold:
        return dryRun ? HoldsCommands::tr("would release") : HoldsCommands::tr("released");
    case Api::HoldsChange::Action::DestroyBookmark:
        return dryRun ? HoldsCommands::tr("would destroy") : HoldsCommands::tr("destroyed");
    case Api::HoldsChange::Action::AbandonPartialReceive:
        return dryRun ? HoldsCommands::tr("would abandon") : HoldsCommands::tr("abandoned");
    }
    return {};
}

QString age(const Api::Timestamp &at, const QDateTime &now)
{
    if (at.isZero()) {
        return u"-"_s;
    }
    const qint64 seconds = std::max<qint64>(0, now.toSecsSinceEpoch() - at.unixSeconds());
    if (seconds < 120) {
        return HoldsCommands::tr("%1 s").arg(seconds);
    }
    if (seconds < 2 * 3600) {
        return HoldsCommands::tr("%1 min").arg(seconds / 60);
    }
    if (seconds < 2 * 86400) {
        return HoldsCommands::tr("%1 h").arg(seconds / 3600);
    }
    return HoldsCommands::tr("%1 d").arg(seconds / 86400);
}

QString pad(const QString &text, qsizetype width)
{
    return text.leftJustified(width, u' ');
}

std::optional<int> requireDaemon(CliContext &context, Api::ControlClient &client)
{
    const std::optional<QString> socket = context.controlSocket();
    if (!socket) {
        return CliCommands::Failure;
    }
    client.setSocketPath(*socket);
    client.setTimeout(HoldsTimeout);
    return std::nullopt;
}

int failed(CliContext &context, const Api::ControlClient::Reply &reply)
{
    if (reply.status == 404 && reply.body.startsWith("404 page not found")) {
        context.err << HoldsCommands::tr("this daemon has no holds view (a zrepl daemon?); `holdfast holds list --zrepl` "
                                         "lists the holds from zfs directly")
                    << Qt::endl;
    } else {
        context.err << reply.errorString.trimmed() << Qt::endl;
    }
    return CliCommands::Failure;
}

// Sends an action; prints what it did (or would do). Exit 1 when the daemon refused it or a change failed.
int runAction(CliContext &context, const char *path, const Api::HoldsActionRequest &request, bool json)
{
    Api::ControlClient client;
    if (const std::optional<int> exit = requireDaemon(context, client)) {
        return *exit;
    }
    const Api::ControlClient::Reply reply = client.exec("POST", path, request.toJson());
    // A partly failed action answers 500 with its reply: show what was done and what failed.
    if (!reply.ok() && !(reply.status == 500 && reply.body.startsWith('{'))) {
        return failed(context, reply);
    }
    QString error;
    const std::optional<Api::HoldsActionReply> parsed = Api::HoldsActionReply::fromJson(reply.body, &error);
    if (!parsed) {
        context.err << HoldsCommands::tr("the daemon's answer is not understood: %1").arg(error) << Qt::endl;
        return CliCommands::Failure;
    }
    if (json) {
        context.out << QString::fromUtf8(reply.body);
    } else {
        context.out << HoldsCommands::renderActionReply(*parsed);
    }
    return parsed->failed() ? CliCommands::Failure : CliCommands::Success;
}

}  // namespace

QString HoldsCommands::renderReport(const Api::HoldsReport &report, bool staleOnly, const QDateTime &now)
{
    QString out;
    const int stale = report.staleCount();
    for (const Api::FilesystemHolds &fs : report.filesystems) {
        QList<const Api::AbstractionItem *> items;
        for (const Api::AbstractionItem &item : fs.items) {
            if (!staleOnly || item.stale) {
                items.append(&item);
            }
        }
        if (items.isEmpty() && (staleOnly || !fs.partialReceive)) {
            continue;
        }
        out += fs.filesystem;
        QStringList notes;
        if (!fs.jobs.isEmpty()) {
            notes.append(tr("jobs: %1").arg(fs.jobs.join(u", "_s)));
        }
        if (!fs.runningStepJob.isEmpty()) {
            notes.append(tr("step of %1 running now").arg(fs.runningStepJob));
        }
        if (fs.paused) {
            notes.append(tr("paused"));
        }
        if (!notes.isEmpty()) {
            out += u"  ("_s + notes.join(u"; "_s) + u')';
        }
        out += u'\n';
        for (const Api::AbstractionItem *item : std::as_const(items)) {
            const QString what = item->bookmark.isEmpty() ? u'@' + item->snapshot : u'#' + item->bookmark;
            out += u"  "_s + pad(kindWords(item->kind), 22) + pad(what, 44) + u' ' + pad(item->job.isEmpty() ? u"-"_s : item->job, 16)
                   + u' ' + pad(age(item->createdAt, now), 7);
            if (item->stale) {
                out += tr(" STALE: %1").arg(item->staleReason);
            }
            out += u'\n';
        }
        if (fs.partialReceive && !staleOnly) {
            const Api::PartialReceive &p = *fs.partialReceive;
            out += u"  "_s + pad(tr("interrupted receive"), 22)
                   + (p.error.isEmpty() ? tr("%1: %2 received%3")
                                              .arg(p.toName, QLocale::c().formattedDataSize(p.bytes, 1, QLocale::DataSizeTraditionalFormat),
                                                   p.since.isZero() ? QString() : tr(", for %1").arg(age(p.since, now)))
                                        : tr("unreadable resume token: %1").arg(p.error))
                   + u'\n';
        }
    }
    if (!report.unlistedHolds.isEmpty()) {
        out += tr("This zfs cannot list hold tags; these snapshots have holds not shown: %1\n").arg(report.unlistedHolds.join(u", "_s));
    }
    if (report.filesystems.isEmpty()) {
        out += tr("No holds, bookmarks or interrupted receives of Holdfast or zrepl on this machine's pools.\n");
    } else if (stale > 0) {
        out += tr("%n stale item(s): `holdfast holds release-stale --dry-run` shows what releasing them changes.\n", nullptr, stale);
    } else if (staleOnly) {
        out += tr("Nothing is stale.\n");
    }
    return out;
}

QString HoldsCommands::renderActionReply(const Api::HoldsActionReply &reply)
{
    QString out;
    for (const Api::HoldsChange &change : reply.changes) {
        QString line = actionWords(change.action, reply.dryRun) + u' ';
        if (change.action == Api::HoldsChange::Action::ReleaseHold) {
            line += tr("hold %1 on %2").arg(change.tag, change.target);
        } else if (change.action == Api::HoldsChange::Action::DestroyBookmark) {
            line += tr("bookmark %1").arg(change.target);
        } else {
            line += tr("the interrupted receive on %1").arg(change.target);
        }
        if (!change.error.isEmpty()) {
            line = tr("FAILED to %1: %2").arg(line, change.error);
        }
        out += line + u"\n    "_s + change.reason + u'\n';
    }
    for (const QString &skipped : reply.skipped) {
        out += tr("skipped %1\n").arg(skipped);
    }
    for (const QString &warning : reply.warnings) {
        out += tr("note: %1\n").arg(warning);
    }
    if (reply.changes.isEmpty()) {
        out += tr("Nothing to change.\n");
    } else if (reply.dryRun) {
        out += tr("Dry run: nothing was changed. Run the same command without --dry-run to carry it out.\n");
    }
    return out;
}

int HoldsCommands::holds(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("The holds and bookmarks that Holdfast and zrepl keep on the pools for replication, what each is for, "
           "and which are stale.\n\n"
           "  list              a table per filesystem (--json: the daemon's JSON; --stale: stale items only)\n"
           "  list --zrepl      zrepl's JSON, from zfs directly (no daemon needed); with [FSFILTER] or --filter\n"
           "  release-stale     release stale holds and destroy stale step bookmarks (--dry-run first; --job J)\n"
           "  stop-replicating FS  release everything Holdfast holds for FS, on both sides where both are here\n\n"
           "FSFILTER: comma-separated <dataset-pattern>:<ok|!> pairs, e.g. \"pool/home<:ok,pool/home/tmp:!\"."));
    parser.addPositionalArgument(u"command"_s, tr("list, release-stale or stop-replicating"));
    parser.addOption({u"json"_s, tr("Print the daemon's JSON.")});
    parser.addOption({u"stale"_s, tr("list: only stale items.")});
    parser.addOption({u"zrepl"_s, tr("list: zrepl's JSON format, from zfs directly.")});
    parser.addOption({u"filter"_s, tr("list --zrepl: only filesystems matching <fsfilter>."), tr("fsfilter")});
    parser.addOption({u"dry-run"_s, tr("Show what would change; change nothing.")});
    parser.addOption({u"job"_s, tr("release-stale: only items of this job."), tr("job")});
    const QString synopsis = u"list [--stale] [--json] | list --zrepl [FSFILTER] | release-stale [--dry-run] [--job J] | "
                             "stop-replicating FS [--dry-run]"_s;
    if (const std::optional<int> exit = CliCommands::parseArguments(context, parser, arguments, synopsis)) {
        return *exit;
    }
    const QStringList positional = parser.positionalArguments();
    const QString command = positional.value(0);
    auto usage = [&] {
        context.err << tr("usage: holdfast holds %1").arg(synopsis) << Qt::endl;
        return CliCommands::UsageError;
    };
    if (command == u"list") {
        // zrepl's way: a filter, or --zrepl.
        if (parser.isSet(u"zrepl"_s) || parser.isSet(u"filter"_s) || positional.size() == 2) {
            if (positional.size() > 2 || (positional.size() == 2 && parser.isSet(u"filter"_s))) {
                return usage();
            }
            return CliCommands::holdsListZrepl(context, positional.size() == 2 ? positional[1] : parser.value(u"filter"_s));
        }
        Api::ControlClient client;
        if (const std::optional<int> exit = requireDaemon(context, client)) {
            return *exit;
        }
        const Api::ControlClient::Reply reply = client.exec("GET", Api::HoldfastEndpoint::Holds);
        if (!reply.ok()) {
            return failed(context, reply);
        }
        QString error;
        std::optional<Api::HoldsReport> report = Api::HoldsReport::fromJson(reply.body, &error);
        if (!report) {
            context.err << tr("the daemon's answer is not understood: %1").arg(error) << Qt::endl;
            return CliCommands::Failure;
        }
        if (parser.isSet(u"json"_s)) {
            if (parser.isSet(u"stale"_s)) {
                for (Api::FilesystemHolds &fs : report->filesystems) {
                    fs.items.erase(std::remove_if(fs.items.begin(), fs.items.end(),
                                                  [](const Api::AbstractionItem &i) { return !i.stale; }),
                                   fs.items.end());
                }
                report->filesystems.erase(std::remove_if(report->filesystems.begin(), report->filesystems.end(),
                                                         [](const Api::FilesystemHolds &fs) { return fs.items.isEmpty(); }),
                                          report->filesystems.end());
                context.out << QString::fromUtf8(report->toJson()) << Qt::endl;
            } else {
                context.out << QString::fromUtf8(reply.body);
            }
            return CliCommands::Success;
        }
        context.out << renderReport(*report, parser.isSet(u"stale"_s), QDateTime::currentDateTimeUtc());
        return CliCommands::Success;
    }
    Api::HoldsActionRequest request;
    request.dryRun = parser.isSet(u"dry-run"_s);
    if (command == u"release-stale") {
        if (positional.size() != 1) {
            return usage();
        }
        request.job = parser.value(u"job"_s);
        return runAction(context, Api::HoldfastEndpoint::ReleaseStale, request, parser.isSet(u"json"_s));
    }
    if (command == u"stop-replicating") {
        if (positional.size() != 2) {
            return usage();
        }
        request.filesystem = positional[1];
        return runAction(context, Api::HoldfastEndpoint::StopReplicating, request, parser.isSet(u"json"_s));
    }
    return usage();
}

int HoldsCommands::abandonResume(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Abandon the interrupted receive on FS (zfs recv -A): what it received so far is discarded and the next "
           "replication sends that step again from its start. Refused while a step runs on FS."));
    parser.addPositionalArgument(u"FS"_s, tr("the receiving filesystem"));
    parser.addOption({u"dry-run"_s, tr("Show what would change; change nothing.")});
    parser.addOption({u"json"_s, tr("Print the daemon's JSON.")});
    if (const std::optional<int> exit = CliCommands::parseArguments(context, parser, arguments, u"FS [--dry-run]"_s)) {
        return *exit;
    }
    if (parser.positionalArguments().size() != 1) {
        context.err << tr("usage: holdfast abandon-resume FS [--dry-run]") << Qt::endl;
        return CliCommands::UsageError;
    }
    Api::HoldsActionRequest request;
    request.filesystem = parser.positionalArguments().constFirst();
    request.dryRun = parser.isSet(u"dry-run"_s);
    return runAction(context, Api::HoldfastEndpoint::AbandonResume, request, parser.isSet(u"json"_s));
}

}  // namespace Daemon
