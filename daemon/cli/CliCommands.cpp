// SPDX-License-Identifier: MIT
#include "daemon/cli/CliCommands.h"

#include <QCommandLineParser>
#include <QFile>
#include <QRegularExpression>

#include <yaml-cpp/yaml.h>

#include "daemon/cli/MonitorCheck.h"
#include "daemon/cli/RunWaiter.h"
#include "daemon/cli/StatusRenderer.h"
#include "daemon/config/ConfigParser.h"
#include "daemon/core/Runtime.h"
#include "daemon/core/ServiceManager.h"
#include "daemon/core/UnixSignalWatcher.h"
#include "daemon/async/TaskRunner.h"
#include "daemon/endpoint/CursorMigration.h"
#include "daemon/endpoint/HoldsListing.h"
#include "shared/control/ConfigApi.h"
#include "shared/control/ControlClient.h"
#include "shared/control/ControlRequests.h"
#include "shared/control/Freshness.h"
#include "shared/control/JobStatus.h"
#include "shared/control/VersionInfo.h"

using namespace Qt::StringLiterals;

namespace Daemon {

std::optional<QString> CliContext::configFile() const
{
    if (!configPath.isEmpty()) {
        return configPath;
    }
    Config::Error error;
    std::optional<QString> path = Config::findDefaultConfigFile(&error);
    if (!path) {
        err << error.toString() << Qt::endl;
    }
    return path;
}

std::optional<Config::Root> CliContext::loadConfig() const
{
    const std::optional<QString> path = configFile();
    if (!path) {
        return std::nullopt;
    }
    Config::Error error;
    std::optional<Config::Root> root = Config::parseFile(*path, &error);
    if (!root) {
        err << error.toString() << Qt::endl;
    }
    return root;
}

std::optional<QString> CliContext::controlSocket() const
{
    if (!socketPath.isEmpty()) {
        return socketPath;
    }
    // Only the socket path is needed, but zrepl refuses to talk to the daemon with a broken configuration as
    // well: the daemon would not have started with it.
    const std::optional<Config::Root> root = loadConfig();
    if (!root) {
        return std::nullopt;
    }
    return root->global.controlSockpath;
}

std::optional<QString> CliContext::controlSocketTolerant() const
{
    if (!socketPath.isEmpty()) {
        return socketPath;
    }
    const std::optional<QString> path = configFile();
    if (!path) {
        return std::nullopt;
    }
    Config::Error error;
    if (const std::optional<Config::Root> root = Config::parseFile(*path, &error)) {
        return root->global.controlSockpath;
    }
    QFile file(*path);
    const QByteArray text = file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    try {
        const YAML::Node sockpath = YAML::Load(text.toStdString())["global"]["control"]["sockpath"];
        if (sockpath.IsScalar()) {
            return QString::fromStdString(sockpath.Scalar());
        }
    } catch (const YAML::Exception &) {
        // Not even YAML: the line that names the socket may still be intact.
        static const QRegularExpression line(uR"(^\s*sockpath:\s*["']?([^"'\s#]+))"_s, QRegularExpression::MultilineOption);
        if (const QRegularExpressionMatch match = line.match(QString::fromUtf8(text)); match.hasMatch()) {
            return match.captured(1);
        }
    }
    return Config::Global{}.controlSockpath;
}

namespace {

// The global options are accepted after the command as well ("holdfast status --config x"), as zrepl's are.
void addGlobalOptions(QCommandLineParser &parser)
{
    parser.addOption({u"config"_s, CliCommands::tr("Read the configuration from <path>."), CliCommands::tr("path")});
    parser.addOption({u"socket"_s,
                      CliCommands::tr("Talk to the control socket at <path> instead of the configured one."),
                      CliCommands::tr("path")});
    parser.addOption({{u"h"_s, u"help"_s}, CliCommands::tr("Show this help.")});
}

QString helpText(const QCommandLineParser &parser, const QString &command, const QString &synopsis)
{
    // QCommandLineParser names the executable by its full path; zrepl's help says just the command.
    QString text = parser.helpText();
    text = text.mid(text.indexOf(u'\n') + 1);
    return CliCommands::tr("Usage: %1 %2").arg(command, synopsis) + u"\n\n"_s + text;
}

// nullopt: go on; otherwise the exit code, after the help or the usage error has been printed.
std::optional<int>
parse(CliContext &context, QCommandLineParser &parser, const QStringList &arguments, const QString &synopsis)
{
    addGlobalOptions(parser);
    const QString command = arguments.value(0);
    if (!parser.parse(arguments)) {
        context.err << command << u": "_s << parser.errorText() << Qt::endl
                    << CliCommands::tr("Run '%1 --help' for usage.").arg(command) << Qt::endl;
        return CliCommands::UsageError;
    }
    if (parser.isSet(u"help"_s)) {
        context.out << helpText(parser, command, synopsis);
        return CliCommands::Success;
    }
    if (parser.isSet(u"config"_s)) {
        context.configPath = parser.value(u"config"_s);
    }
    if (parser.isSet(u"socket"_s)) {
        context.socketPath = parser.value(u"socket"_s);
    }
    return std::nullopt;
}

std::optional<int> rejectArguments(CliContext &context, const QCommandLineParser &parser, const QString &command)
{
    if (parser.positionalArguments().isEmpty()) {
        return std::nullopt;
    }
    context.err
        << CliCommands::tr("%1: unexpected argument '%2'").arg(command, parser.positionalArguments().constFirst())
        << Qt::endl
        << CliCommands::tr("Run '%1 --help' for usage.").arg(command) << Qt::endl;
    return CliCommands::UsageError;
}

// Prints why a request failed; the daemon's own words when it refused, as zrepl does.
int reportFailure(CliContext &context, const Api::ControlClient::Reply &reply)
{
    context.err << reply.errorString << Qt::endl;
    return CliCommands::Failure;
}

}  // namespace

int CliCommands::daemon(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Run the jobs of the configuration and serve the control socket until SIGINT or SIGTERM. With --socket, "
           "listen there instead of on global.control.sockpath."));
    if (const std::optional<int> exit = parse(context, parser, arguments, u"[options]"_s)) {
        return *exit;
    }
    if (const std::optional<int> exit = rejectArguments(context, parser, arguments.value(0))) {
        return *exit;
    }
    std::optional<Config::Root> config = context.loadConfig();
    if (!config) {
        return Failure;
    }
    const int jobCount = int(config->jobs.size());
    Runtime runtime(std::move(*config));
    runtime.setControlSocketOverride(context.socketPath);
    UnixSignalWatcher watcher;
    QObject::connect(&watcher, &UnixSignalWatcher::terminationRequested, &runtime, [] {
        ServiceManager::stopping();
        QCoreApplication::exit(Success);
    });
    // An invalid file changes nothing: the reload logs the problem and keeps it for `holdfast status` and the GUI.
    QObject::connect(&watcher, &UnixSignalWatcher::reloadRequested, &runtime, [&runtime] {
        runtime.reloadFromFile(Api::RestartPolicy::WhenIdle, u"signal"_s);
    });
    QString error;
    if (!runtime.start(&error)) {
        context.err << error << Qt::endl;
        return Failure;
    }
    // Only now: `systemctl start holdfast` returns when the control socket answers.
    ServiceManager::ready(tr("running %n job(s)", nullptr, jobCount));
    return QCoreApplication::exec();
}

int CliCommands::status(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Show what every job is doing, laid out as zrepl's status view. zrepl's view is interactive and redraws "
           "itself; this prints the status once and exits (run it under `watch` to follow a job). --raw prints the "
           "daemon's JSON document instead, for monitoring."));
    parser.addOption({u"raw"_s, tr("Print the daemon's status document (JSON) as it comes.")});
    parser.addOption({u"job"_s, tr("Show only the job <name>."), tr("name")});
    if (const std::optional<int> exit = parse(context, parser, arguments, u"[--raw] [--job NAME] [options]"_s)) {
        return *exit;
    }
    if (const std::optional<int> exit = rejectArguments(context, parser, arguments.value(0))) {
        return *exit;
    }
    const std::optional<QString> socket = context.controlSocketTolerant();
    if (!socket) {
        return Failure;
    }

    Api::ControlClient client;
    client.setSocketPath(*socket);
    const Api::ControlClient::Reply reply = client.exec("GET", Api::Endpoint::Status);
    if (!reply.ok()) {
        if (reply.error == Api::ControlClient::Error::Status) {
            context.err << tr("Received error response:") << Qt::endl;
        }
        return reportFailure(context, reply);
    }
    const bool raw = parser.isSet(u"raw"_s);
    const QString job = parser.value(u"job"_s);
    if (raw && job.isEmpty()) {
        context.out << QString::fromUtf8(reply.body);
        return Success;
    }

    QString error;
    std::optional<Api::DaemonStatus> status = Api::DaemonStatus::fromJson(reply.body, &error);
    if (!status) {
        context.err << tr("cannot read the daemon's status: %1").arg(error) << Qt::endl;
        return Failure;
    }
    if (!job.isEmpty() && !status->jobs.contains(job)) {
        // The daemon's words for a job it does not know (zrepl's view would show "no jobs to display").
        context.err << tr("Job %1 does not exist").arg(job) << Qt::endl;
        return Failure;
    }
    if (raw) {
        Api::DaemonStatus one;
        one.jobs.insert(job, status->jobs.value(job));
        context.out << QString::fromUtf8(one.toJson()) << Qt::endl;
        return Success;
    }
    StatusRenderer renderer;
    renderer.setWidth(context.terminalWidth);
    context.out << renderer.render(*status, job);
    // Holdfast's daemon also says which jobs are paused (zrepl's status has no place for it; zrepl answers 404).
    if (const Api::ControlClient::Reply runs = client.exec("GET", Api::HoldfastEndpoint::Runs); runs.ok()) {
        QString runsError;
        if (const std::optional<Api::RunsReport> report = Api::RunsReport::fromJson(runs.body, &runsError)) {
            for (const Api::RunInfo &run : report->jobs) {
                if (run.paused && (job.isEmpty() || run.job == job)) {
                    context.out << tr("Job %1: replication paused (snapshots and pruning go on); `holdfast signal resume %1` "
                                      "resumes it.").arg(run.job)
                                << Qt::endl;
                }
            }
        }
    }
    // And what became of the last reload (zrepl has none).
    if (const Api::ControlClient::Reply config = client.exec("GET", Api::HoldfastEndpoint::Config); config.ok()) {
        QString configError;
        if (const std::optional<Api::ConfigDocument> document = Api::ConfigDocument::fromJson(config.body, &configError)) {
            context.out << renderer.renderConfigState(*document, job);
        }
    }
    return Success;
}

int CliCommands::signal(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Wake a job up from its wait state (wakeup: snapshots and pruning for snap jobs, a replication for push "
           "and pull jobs) or abort what it is doing (reset). Holdfast only: pause stops the replication of a push or "
           "pull job (snapshots and the pruning that needs no peer go on, and the job stays paused across restarts) "
           "until resume."));
    parser.addPositionalArgument(u"operation"_s, tr("wakeup, reset, pause or resume"));
    parser.addPositionalArgument(u"job"_s, tr("the name of the job"));
    parser.addOption({u"wait"_s, tr("wakeup of a push or pull job: wait for the run it starts, and exit 0 if that run "
                                    "replicated and pruned everything, 1 with its error if not.")});
    parser.addOption({u"timeout"_s, tr("with --wait: give up after <duration> (Go syntax: 90s, 10m, 2h) and exit 124; "
                                       "default: wait as long as the run takes."), tr("duration")});
    if (const std::optional<int> exit = parse(context, parser, arguments, u"[wakeup|reset|pause|resume] JOB [--wait [--timeout D]] [options]"_s)) {
        return *exit;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2) {
        context.err << tr("Expected 2 arguments: [wakeup|reset|pause|resume] JOB") << Qt::endl;
        return UsageError;
    }
    const bool wait = parser.isSet(u"wait"_s);
    if ((wait || parser.isSet(u"timeout"_s)) && positional.at(0) != u"wakeup") {
        context.err << tr("--wait and --timeout go with wakeup only") << Qt::endl;
        return UsageError;
    }
    std::chrono::milliseconds timeout{0};
    if (parser.isSet(u"timeout"_s)) {
        QString why;
        const std::optional<Config::Duration> parsed = Config::parseGoDuration(parser.value(u"timeout"_s), &why);
        if (!parsed || *parsed <= Config::Duration{0}) {
            context.err << tr("invalid --timeout \"%1\": %2").arg(parser.value(u"timeout"_s), parsed ? tr("must be positive") : why)
                        << Qt::endl;
            return UsageError;
        }
        timeout = std::chrono::duration_cast<std::chrono::milliseconds>(*parsed);
    }
    const std::optional<QString> socket = context.controlSocket();
    if (!socket) {
        return Failure;
    }
    if (wait) {
        Api::ControlClient client;
        client.setSocketPath(*socket);
        const RunWaiter::Outcome outcome = RunWaiter(client, positional.at(1), timeout).run();
        (outcome.exitCode == RunWaiter::Succeeded ? context.out : context.err) << outcome.message << Qt::endl;
        return outcome.exitCode;
    }
    // The operation goes to the daemon unchecked, as with zrepl: the daemon says which operations it knows.
    const Api::SignalRequest request{positional.at(1), positional.at(0)};
    Api::ControlClient client;
    client.setSocketPath(*socket);
    const Api::ControlClient::Reply reply = client.exec("POST", Api::Endpoint::Signal, request.toJson());
    const bool pauseOp = request.op == u"pause" || request.op == u"resume";
    if (!reply.ok() && pauseOp && reply.errorString.contains(u"is invalid"_s) && !reply.access) {
        // zrepl's daemon knows only wakeup and reset (and sends no Holdfast-Access header).
        context.err << tr("this daemon cannot %1 jobs (a zrepl daemon?): %2").arg(request.op, reply.errorString.trimmed())
                    << Qt::endl;
        return Failure;
    }
    if (!reply.ok()) {
        return reportFailure(context, reply);
    }
    if (pauseOp) {
        context.out << (request.op == u"pause"
                            ? tr("Replication of job %1 is paused: snapshots and pruning go on; `holdfast signal resume %1` "
                                 "resumes it.").arg(request.name)
                            : tr("Replication of job %1 resumed: it replicates now.").arg(request.name))
                    << Qt::endl;
    }
    return Success;
}

int CliCommands::monitor(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Check how fresh the jobs' data is, as a Nagios/Icinga plugin: one status line with performance data, "
           "exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN. Health is the daemon's (each job's thresholds) unless "
           "--warn/--crit give the age of the newest replica (or, for snap jobs, of the newest snapshot) to judge by."));
    parser.addOption({u"job"_s, tr("Check only this job (repeatable; default: every job)."), tr("job")});
    parser.addOption({u"warn"_s, tr("Warning when the newest replica is older than <duration> (90m, 26h)."), tr("duration")});
    parser.addOption({u"crit"_s, tr("Critical when the newest replica is older than <duration>."), tr("duration")});
    if (const std::optional<int> exit = parse(context, parser, arguments, u"[--job J]... [--warn D] [--crit D] [options]"_s)) {
        // Usage errors are UNKNOWN for a plugin.
        return *exit == Success ? Success : 3;
    }
    if (const std::optional<int> exit = rejectArguments(context, parser, arguments.value(0))) {
        return 3;
    }
    MonitorCheck::Options options;
    options.jobs = parser.values(u"job"_s);
    for (const auto &[name, target] : {std::pair{u"warn"_s, &options.warn}, std::pair{u"crit"_s, &options.crit}}) {
        if (!parser.isSet(name)) {
            continue;
        }
        QString why;
        const std::optional<Config::Duration> parsed = Config::parseGoDuration(parser.value(name), &why);
        if (!parsed || *parsed <= Config::Duration{0}) {
            context.out << MonitorCheck::unknown(tr("invalid --%1 \"%2\": %3").arg(name, parser.value(name), parsed ? tr("must be positive") : why)).line
                        << Qt::endl;
            return 3;
        }
        *target = std::chrono::duration_cast<std::chrono::seconds>(*parsed);
    }
    if (options.warn && options.crit && *options.crit < *options.warn) {
        context.out << MonitorCheck::unknown(tr("--crit must not be shorter than --warn")).line << Qt::endl;
        return 3;
    }
    const std::optional<QString> socket = context.controlSocket();
    if (!socket) {
        context.out << MonitorCheck::unknown(tr("no control socket known (see the message above)")).line << Qt::endl;
        return 3;
    }
    Api::ControlClient client;
    client.setSocketPath(*socket);
    const Api::ControlClient::Reply reply = client.exec("GET", Api::HoldfastEndpoint::Freshness);
    if (!reply.ok()) {
        context.out << MonitorCheck::unknown(reply.status == 404 ? tr("the daemon has no freshness report (a zrepl daemon?)")
                                                                 : reply.errorString.trimmed()).line
                    << Qt::endl;
        return 3;
    }
    QString error;
    const std::optional<Api::FreshnessReport> report = Api::FreshnessReport::fromJson(reply.body, &error);
    if (!report) {
        context.out << MonitorCheck::unknown(tr("the daemon's freshness report is not understood: %1").arg(error)).line << Qt::endl;
        return 3;
    }
    const MonitorCheck::Result result = MonitorCheck::evaluate(*report, options, Api::Timestamp::now());
    context.out << result.line << Qt::endl;
    return result.exitCode;
}

int CliCommands::version(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Print the version of this program (client) and of the running daemon."));
    parser.addOption({u"show"_s, tr("Print only the version of <which>: client or daemon."), tr("which")});
    if (const std::optional<int> exit = parse(context, parser, arguments, u"[--show client|daemon] [options]"_s)) {
        return *exit;
    }
    if (const std::optional<int> exit = rejectArguments(context, parser, arguments.value(0))) {
        return *exit;
    }
    const QString show = parser.value(u"show"_s);
    if (!show.isEmpty() && show != "client"_L1 && show != "daemon"_L1) {
        context.err << tr("show flag must be 'client' or 'daemon' or be left empty") << Qt::endl;
        return UsageError;
    }

    const Api::VersionInfo client = Api::VersionInfo::current();
    if (show != "daemon"_L1) {
        context.out << u"client: "_s << client.toString() << Qt::endl;
    }
    if (show == "client"_L1) {
        return Success;
    }

    const std::optional<QString> socket = context.controlSocket();
    if (!socket) {
        return Failure;
    }
    Api::ControlClient connection;
    connection.setSocketPath(*socket);
    // zrepl's client POSTs a JSON empty string; some zrepl versions insist on a body.
    const Api::ControlClient::Reply reply = connection.exec("POST", Api::Endpoint::Version, "\"\"\n");
    QString error = reply.errorString;
    std::optional<Api::VersionInfo> daemon;
    if (reply.ok()) {
        daemon = Api::VersionInfo::fromJson(reply.body, &error);
    }
    if (!daemon) {
        context.err << tr("server: error: %1").arg(error) << Qt::endl;
        return Failure;
    }
    context.out << u"server: "_s << daemon->toString() << Qt::endl;
    if (show.isEmpty() && daemon->version != client.version) {
        context.err << tr("WARNING: client version != daemon version, restart the daemon") << Qt::endl;
    }
    return Success;
}

int CliCommands::configcheck(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Check the configuration: its syntax and what the daemon checks when it builds the jobs. A problem is "
           "printed as file:line:column: field: message."));
    if (const std::optional<int> exit = parse(context, parser, arguments, u"[options]"_s)) {
        return *exit;
    }
    if (const std::optional<int> exit = rejectArguments(context, parser, arguments.value(0))) {
        return *exit;
    }
    const std::optional<QString> path = context.configFile();
    if (!path) {
        return Failure;
    }
    Config::Error error;
    const std::optional<Config::Root> root = Config::parseFile(*path, &error);
    if (!root) {
        context.err << error.toString() << Qt::endl;
        return Failure;
    }
    QStringList names;
    for (const Config::Job &job : root->jobs) {
        names.append(job.name);
    }
    QString line = tr("%1: ok, %2 job(s)").arg(*path, QString::number(names.size()));
    if (!names.isEmpty()) {
        line += u": "_s + names.join(u", "_s);
    }
    context.out << line << Qt::endl;
    return Success;
}

std::optional<int> CliCommands::parseArguments(CliContext &context, QCommandLineParser &parser,
                                               const QStringList &arguments, const QString &synopsis)
{
    return parse(context, parser, arguments, synopsis);
}

int CliCommands::holdsListZrepl(CliContext &context, const QString &filterText)
{
    Zfs::DatasetFilter filter;
    if (filterText.isEmpty()) {
        QString error;
        filter = *Zfs::DatasetFilter::fromConfig({{u"<"_s, true}}, &error);
    } else {
        QString error;
        std::optional<Zfs::DatasetFilter> parsed = Endpoint::filterFromCommandLine(filterText, &error);
        if (!parsed) {
            context.err << tr("cannot parse filesystem filter: %1").arg(error) << Qt::endl;
            return UsageError;
        }
        filter = *parsed;
    }

    Zfs::ZfsCommand command;
    Zfs::ZfsClient zfs(command);
    const std::optional<Zfs::Result<Endpoint::HoldsListing>> result =
        Async::runBlocking(Endpoint::listHoldsAndBookmarks(zfs, filter));
    if (!result->ok()) {
        context.err << result->error.toString().trimmed() << Qt::endl;
        return Failure;
    }
    context.out << QString::fromUtf8(result->value.toJson());
    context.out.flush();
    if (!result->value.snapshotsWithUnlistedHolds.isEmpty()) {
        context.err << tr("warning: this zfs cannot list hold tags (no `zfs holds -H`); these snapshots have holds "
                          "that are not shown above: %1")
                           .arg(result->value.snapshotsWithUnlistedHolds.join(u", "_s))
                    << Qt::endl;
    }
    return Success;
}

int CliCommands::migrate(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Migrations of on-pool state between versions, as zrepl's. replication-cursor:v1-v2 destroys the v1 "
           "replication cursor (#zrepl_replication_cursor) of every filesystem whose owning push or source job has "
           "a v2 cursor of the same or a newer version."));
    parser.addOption({u"dry-run"_s, tr("Report what would be destroyed; change nothing.")});
    parser.addPositionalArgument(u"replication-cursor:v1-v2"_s, tr("The migration to run."));
    if (const std::optional<int> exit = parse(context, parser, arguments, u"replication-cursor:v1-v2 [--dry-run]"_s)) {
        return *exit;
    }
    if (parser.positionalArguments() != QStringList{u"replication-cursor:v1-v2"_s}) {
        context.err << tr("usage: holdfast migrate replication-cursor:v1-v2 [--dry-run]") << Qt::endl;
        return UsageError;
    }
    const std::optional<Config::Root> root = context.loadConfig();
    if (!root) {
        return Failure;
    }
    QList<Endpoint::CursorMigration::SendingJob> jobs;
    for (const Config::Job &job : root->jobs) {
        if (job.type != Config::JobType::Push && job.type != Config::JobType::Source) {
            context.out << tr("ignoring job %1 (type %2): it does not create replication cursors")
                               .arg(job.name, Config::jobTypeName(job.type))
                        << Qt::endl;
            continue;
        }
        QString error;
        std::optional<Zfs::DatasetFilter> filter = Zfs::DatasetFilter::fromConfig(job.filesystems, &error);
        if (!filter) {
            context.err << tr("job %1: %2").arg(job.name, error) << Qt::endl;
            return Failure;
        }
        jobs.append({job.name, *filter});
    }

    Zfs::ZfsCommand command;
    Zfs::ZfsClient zfs(command);
    const bool dryRun = parser.isSet(u"dry-run"_s);
    const std::optional<Zfs::Result<Endpoint::CursorMigration::Outcome>> result =
        Async::runBlocking(Endpoint::CursorMigration::run(zfs, jobs, dryRun));
    if (!result->ok()) {
        context.err << result->error.toString().trimmed() << Qt::endl;
        return Failure;
    }
    for (const QString &line : result->value.lines) {
        context.out << line << Qt::endl;
    }
    context.out << tr("%1 v1 cursor(s) %2, %3 failed").arg(result->value.migrated).arg(dryRun ? tr("to destroy") : tr("destroyed")).arg(result->value.failed) << Qt::endl;
    return result->value.failed > 0 ? Failure : Success;
}

}  // namespace Daemon
