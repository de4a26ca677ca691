// SPDX-License-Identifier: MIT
#include "daemon/cli/ConfigCommands.h"

#include <QCommandLineParser>
#include <QFile>

#include "shared/control/ControlClient.h"

using namespace Qt::StringLiterals;

namespace Daemon {

namespace {

// A reload restarts jobs and an apply writes the file first; both answer when the daemon is done.
constexpr std::chrono::seconds ConfigTimeout{60};

std::optional<int> connectClient(CliContext &context, Api::ControlClient &client)
{
    const std::optional<QString> socket = context.controlSocketTolerant();
    if (!socket) {
        return CliCommands::Failure;
    }
    client.setSocketPath(*socket);
    client.setTimeout(ConfigTimeout);
    return std::nullopt;
}

int failed(CliContext &context, const Api::ControlClient::Reply &reply)
{
    if (reply.status == 404 && reply.body.startsWith("404 page not found")) {
        context.err << ConfigCommands::tr("this daemon cannot change its configuration while it runs (a zrepl "
                                          "daemon, or an older Holdfast?)")
                    << Qt::endl;
    } else {
        context.err << reply.errorString.trimmed() << Qt::endl;
    }
    return CliCommands::Failure;
}

int notUnderstood(CliContext &context, const QString &error)
{
    context.err << ConfigCommands::tr("the daemon's answer is not understood: %1").arg(error) << Qt::endl;
    return CliCommands::Failure;
}

// FILE, or standard input for "-".
std::optional<QString> readText(CliContext &context, const QString &path)
{
    QFile file;
    const bool opened = path == "-"_L1 ? file.open(stdin, QIODevice::ReadOnly)
                                       : (file.setFileName(path), file.open(QIODevice::ReadOnly));
    if (!opened) {
        context.err << ConfigCommands::tr("cannot read %1: %2").arg(path, file.errorString()) << Qt::endl;
        return std::nullopt;
    }
    return QString::fromUtf8(file.readAll());
}

QString joined(const QStringList &names)
{
    return names.join(u", "_s);
}

// Problems of a proposed text point into it: name the file the user gave, not the daemon's.
Api::ConfigProblem inFile(Api::ConfigProblem problem, const QString &file)
{
    problem.file = file;
    return problem;
}

}  // namespace

QString ConfigCommands::shortVersion(const QString &version)
{
    return version.isEmpty() ? tr("(none)") : version.left(12);
}

QString ConfigCommands::renderReport(const Api::ReloadReport &report)
{
    if (!report.ok) {
        QString out = tr("The configuration was not taken: %1\n")
                          .arg(report.problem ? report.problem->toString() : tr("no reason given"));
        out +=
            tr("The daemon keeps running the previous configuration (version %1).\n").arg(shortVersion(report.version));
        return out;
    }
    QString out = tr("The daemon runs version %1 of the configuration.\n").arg(shortVersion(report.version));
    const Api::ReloadChanges &c = report.changes;
    if (c.isEmpty()) {
        return out + tr("Nothing changed.\n");
    }
    if (!c.added.isEmpty()) {
        out += tr("  started (new): %1\n").arg(joined(c.added));
    }
    if (!c.removed.isEmpty()) {
        out += tr("  stopped (removed): %1\n").arg(joined(c.removed));
    }
    if (!report.restarted.isEmpty()) {
        out += tr("  restarted with their new settings: %1\n").arg(joined(report.restarted));
    }
    if (!report.pending.isEmpty()) {
        out += tr("  changed, restart when their work is done: %1\n").arg(joined(report.pending));
    }
    if (!c.unchanged.isEmpty()) {
        out += tr("  unchanged, left running: %1\n").arg(joined(c.unchanged));
    }
    if (!c.globalApplied.isEmpty()) {
        out += tr("  global settings taken: %1\n").arg(joined(c.globalApplied));
    }
    if (!c.globalNeedsRestart.isEmpty()) {
        out +=
            tr("  global settings that take effect when the daemon restarts: %1\n").arg(joined(c.globalNeedsRestart));
    }
    return out;
}

QString ConfigCommands::renderValidation(const Api::ConfigValidation &validation, const QString &file)
{
    if (!validation.valid) {
        QString out;
        for (const Api::ConfigProblem &problem : validation.problems) {
            out += inFile(problem, file).toString() + u'\n';
        }
        return out.isEmpty() ? tr("%1 is not valid\n").arg(file) : out;
    }
    QString out = tr("%1 is valid: %n job(s).\n", nullptr, int(validation.jobs.size())).arg(file);
    for (const Api::ConfigJobSummary &job : validation.jobs) {
        out += u"  %1 (%2): %3\n"_s.arg(job.name, job.type, job.summary);
    }
    const Api::ReloadChanges &c = validation.changes;
    if (c.isEmpty()) {
        return out + tr("Applying it changes nothing the daemon runs.\n");
    }
    out += tr("Applying it would:\n");
    if (!c.added.isEmpty()) {
        out += tr("  start %1\n").arg(joined(c.added));
    }
    if (!c.removed.isEmpty()) {
        out += tr("  stop %1\n").arg(joined(c.removed));
    }
    if (!c.changed.isEmpty()) {
        out += tr("  restart %1 with new settings\n").arg(joined(c.changed));
    }
    if (!c.globalApplied.isEmpty()) {
        out += tr("  change %1\n").arg(joined(c.globalApplied));
    }
    if (!c.globalNeedsRestart.isEmpty()) {
        out += tr("  change %1 at the daemon's next start\n").arg(joined(c.globalNeedsRestart));
    }
    return out;
}

QString ConfigCommands::renderDocument(const Api::ConfigDocument &document)
{
    QString out = tr("%1, version %2\n").arg(document.path, shortVersion(document.version));
    if (document.problem) {
        out += tr("The file is invalid: %1\n").arg(document.problem->toString());
    }
    for (const Api::ConfigJobSummary &job : document.jobs) {
        QString state;
        if (job.restartPending) {
            state = tr("changed, restarts when its work is done");
        } else if (job.running) {
            state = tr("running");
        } else {
            state = tr("not running these settings yet (reload)");
        }
        out += u"  %1 (%2): %3 [%4]\n"_s.arg(job.name, job.type, job.summary, state);
    }
    if (document.state.lastReload) {
        const Api::ReloadReport &last = *document.state.lastReload;
        out += tr("Last reload (%1): %2\n")
                   .arg(last.trigger,
                        last.ok ? tr("taken")
                                : tr("refused: %1").arg(last.problem ? last.problem->toString() : QString()));
    }
    if (!document.state.needsDaemonRestart.isEmpty()) {
        out += tr("Waiting for a daemon restart: %1\n").arg(joined(document.state.needsDaemonRestart));
    }
    if (!document.editable) {
        out += document.readOnlyReason + u'\n';
    }
    if (document.redacted) {
        out += tr("Secrets (hook dsn values) are shown as <redacted>.\n");
    }
    return out;
}

int ConfigCommands::reload(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Have the daemon read its configuration file again and run it, as SIGHUP and `systemctl reload holdfast` "
           "do. Jobs whose settings did not change keep running; changed jobs restart when their work is done. An "
           "invalid file changes nothing. Needs root or the admin group."));
    parser.addOption({u"now"_s, tr("Restart changed jobs now, aborting what they do.")});
    if (const std::optional<int> exit = CliCommands::parseArguments(context, parser, arguments, u"[--now]"_s)) {
        return *exit;
    }
    if (!parser.positionalArguments().isEmpty()) {
        context.err << tr("usage: holdfast reload [--now]") << Qt::endl;
        return CliCommands::UsageError;
    }
    Api::ControlClient client;
    if (const std::optional<int> exit = connectClient(context, client)) {
        return *exit;
    }
    const Api::ReloadRequest request{parser.isSet(u"now"_s) ? Api::RestartPolicy::Now : Api::RestartPolicy::WhenIdle};
    const Api::ControlClient::Reply reply = client.exec("POST", Api::HoldfastEndpoint::Reload, request.toJson());
    if (!reply.ok()) {
        return failed(context, reply);
    }
    QString error;
    const std::optional<Api::ReloadReport> report = Api::ReloadReport::fromJson(reply.body, &error);
    if (!report) {
        return notUnderstood(context, error);
    }
    (report->ok ? context.out : context.err) << renderReport(*report);
    return report->ok ? CliCommands::Success : CliCommands::Failure;
}

int ConfigCommands::config(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("The configuration through the running daemon.\n"
           "  show      print the file the daemon reads (--jobs: its jobs and their state; --json: the daemon's JSON)\n"
           "  validate  check FILE as the daemon would take it, and say what applying it would change\n"
           "  apply     write FILE as the daemon's configuration (the old one is kept as .bak) and reload\n"
           "Validating and applying need root or the admin group; `holdfast configcheck` checks a file offline."));
    parser.addPositionalArgument(u"show|validate|apply"_s, tr("what to do"));
    parser.addPositionalArgument(u"FILE"_s, tr("the proposed configuration; - reads standard input"));
    parser.addOption({u"json"_s, tr("show: print the daemon's JSON.")});
    parser.addOption({u"jobs"_s, tr("show: the jobs in words and whether the daemon runs them.")});
    parser.addOption({u"now"_s, tr("apply: restart changed jobs now, aborting what they do.")});
    parser.addOption(
        {u"base"_s, tr("apply: the version FILE was edited from; refused if the file changed since."), tr("version")});
    const QString synopsis = u"show [--json|--jobs] | validate FILE | apply FILE [--now] [--base VERSION]"_s;
    if (const std::optional<int> exit = CliCommands::parseArguments(context, parser, arguments, synopsis)) {
        return *exit;
    }
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(0);
    const bool show = action == "show"_L1;
    const bool needsFile = action == "validate"_L1 || action == "apply"_L1;
    const bool showOptions = parser.isSet(u"json"_s) || parser.isSet(u"jobs"_s);
    const bool applyOptions = parser.isSet(u"now"_s) || parser.isSet(u"base"_s);
    if ((!show && !needsFile) || positional.size() != (needsFile ? 2 : 1) || (!show && showOptions)
        || (action != "apply"_L1 && applyOptions) || (parser.isSet(u"json"_s) && parser.isSet(u"jobs"_s))) {
        context.err << tr("usage: holdfast config %1").arg(synopsis) << Qt::endl;
        return CliCommands::UsageError;
    }
    std::optional<QString> text;
    if (needsFile) {
        text = readText(context, positional[1]);
        if (!text) {
            return CliCommands::Failure;
        }
    }
    Api::ControlClient client;
    if (const std::optional<int> exit = connectClient(context, client)) {
        return *exit;
    }
    QString error;
    if (show) {
        const Api::ControlClient::Reply reply = client.exec("GET", Api::HoldfastEndpoint::Config);
        if (!reply.ok()) {
            return failed(context, reply);
        }
        const std::optional<Api::ConfigDocument> doc = Api::ConfigDocument::fromJson(reply.body, &error);
        if (!doc) {
            return notUnderstood(context, error);
        }
        if (parser.isSet(u"json"_s)) {
            context.out << QString::fromUtf8(reply.body);
        } else if (parser.isSet(u"jobs"_s)) {
            context.out << renderDocument(*doc);
        } else {
            // The text alone on stdout, so that it can be edited and applied; what else matters goes to stderr.
            context.out << doc->text;
            if (doc->redacted) {
                context.err << tr("# secrets are shown as <redacted>: %1").arg(doc->readOnlyReason) << Qt::endl;
            }
            if (doc->problem) {
                context.err << tr("# the file is invalid: %1").arg(doc->problem->toString()) << Qt::endl;
            }
        }
        return CliCommands::Success;
    }
    const QString file = positional[1] == "-"_L1 ? tr("<stdin>") : positional[1];
    if (action == "validate"_L1) {
        const Api::ControlClient::Reply reply =
            client.exec("POST", Api::HoldfastEndpoint::ConfigValidate, Api::ConfigText{*text}.toJson());
        if (!reply.ok()) {
            return failed(context, reply);
        }
        const std::optional<Api::ConfigValidation> validation = Api::ConfigValidation::fromJson(reply.body, &error);
        if (!validation) {
            return notUnderstood(context, error);
        }
        (validation->valid ? context.out : context.err) << renderValidation(*validation, file);
        return validation->valid ? CliCommands::Success : CliCommands::Failure;
    }

    Api::ConfigApplyRequest request{*text,
                                    parser.value(u"base"_s),
                                    parser.isSet(u"now"_s) ? Api::RestartPolicy::Now : Api::RestartPolicy::WhenIdle};
    if (!parser.isSet(u"base"_s)) {
        const Api::ControlClient::Reply current = client.exec("GET", Api::HoldfastEndpoint::Config);
        if (!current.ok()) {
            return failed(context, current);
        }
        const std::optional<Api::ConfigDocument> doc = Api::ConfigDocument::fromJson(current.body, &error);
        if (!doc) {
            return notUnderstood(context, error);
        }
        request.baseVersion = doc->version;
        context.err << tr("Replacing %1 (version %2) with %3, whatever it holds now; --base VERSION refuses if it "
                          "changed since you read it.")
                           .arg(doc->path, shortVersion(doc->version), file)
                    << Qt::endl;
    }
    const Api::ControlClient::Reply reply = client.exec("POST", Api::HoldfastEndpoint::ConfigApply, request.toJson());
    if (reply.status == 409) {
        const std::optional<Api::ConfigConflict> conflict = Api::ConfigConflict::fromJson(reply.body, &error);
        if (!conflict) {
            return notUnderstood(context, error);
        }
        context.err << conflict->message << Qt::endl
                    << tr("The current version is %1.").arg(conflict->currentVersion) << Qt::endl;
        return CliCommands::Failure;
    }
    if (reply.status == 422) {
        const std::optional<Api::ConfigValidation> validation = Api::ConfigValidation::fromJson(reply.body, &error);
        if (!validation) {
            return notUnderstood(context, error);
        }
        context.err << renderValidation(*validation, file) << tr("Nothing was written.") << Qt::endl;
        return CliCommands::Failure;
    }
    if (!reply.ok()) {
        return failed(context, reply);
    }
    const std::optional<Api::ReloadReport> report = Api::ReloadReport::fromJson(reply.body, &error);
    if (!report) {
        return notUnderstood(context, error);
    }
    context.out << tr("Written: %1 is the configuration now.").arg(file) << Qt::endl;
    (report->ok ? context.out : context.err) << renderReport(*report);
    return report->ok ? CliCommands::Success : CliCommands::Failure;
}

}  // namespace Daemon
