// SPDX-License-Identifier: MIT
#include "daemon/cli/Cli.h"

#include <cstdio>

#include <QCommandLineParser>

#include <sys/ioctl.h>
#include <unistd.h>

#include "daemon/cli/BrowseCommands.h"
#include "daemon/cli/CliCommands.h"
#include "daemon/cli/ConfigCommands.h"
#include "daemon/cli/HoldsCommands.h"
#include "daemon/cli/RestoreCommands.h"
#include "daemon/cli/StdinServer.h"
#include "daemon/config/ConfigParser.h"

using namespace Qt::StringLiterals;

namespace Daemon {

namespace {

struct Command
{
    const char *name;
    const char *summary;
    int (*run)(CliContext &, const QStringList &);
};

const Command Commands[] = {
    {"daemon",
     QT_TRANSLATE_NOOP("Daemon::CommandLine", "run the jobs of the configuration and serve the control socket"),
     CliCommands::daemon},
    {"status",
     QT_TRANSLATE_NOOP("Daemon::CommandLine", "show what every job is doing (--raw: the daemon's JSON)"),
     CliCommands::status},
    {"signal",
     QT_TRANSLATE_NOOP("Daemon::CommandLine",
                       "wake a job up (wakeup JOB), abort what it does (reset JOB), pause or resume its replication"),
     CliCommands::signal},
    {"monitor",
     QT_TRANSLATE_NOOP("Daemon::CommandLine", "check how fresh the jobs' data is (a Nagios/Icinga plugin)"),
     CliCommands::monitor},
    {"version",
     QT_TRANSLATE_NOOP("Daemon::CommandLine", "print the version of holdfast and of the running daemon"),
     CliCommands::version},
    {"configcheck",
     QT_TRANSLATE_NOOP("Daemon::CommandLine", "check the configuration for errors"),
     CliCommands::configcheck},
    {"reload",
     QT_TRANSLATE_NOOP("Daemon::CommandLine", "have the daemon run its configuration file again (--now: restart now)"),
     ConfigCommands::reload},
    {"config",
     QT_TRANSLATE_NOOP("Daemon::CommandLine",
                       "the configuration through the daemon (show, validate FILE, apply FILE [--now] [--base V])"),
     ConfigCommands::config},
    {"holds",
     QT_TRANSLATE_NOOP("Daemon::CommandLine",
                       "the holds and bookmarks kept for replication (list, release-stale, stop-replicating)"),
     HoldsCommands::holds},
    {"abandon-resume",
     QT_TRANSLATE_NOOP("Daemon::CommandLine", "abandon the interrupted receive on a filesystem (zfs recv -A)"),
     HoldsCommands::abandonResume},
    {"versions",
     QT_TRANSLATE_NOOP("Daemon::CommandLine", "the versions of a file or folder in its filesystem's snapshots"),
     RestoreCommands::versions},
    {"restore",
     QT_TRANSLATE_NOOP("Daemon::CommandLine", "restore a file or folder from a snapshot, without overwriting anything"),
     RestoreCommands::restore},
    {"snapshots",
     QT_TRANSLATE_NOOP("Daemon::CommandLine", "list the snapshots of a filesystem and where to browse them"),
     BrowseCommands::snapshots},
    {"browse",
     QT_TRANSLATE_NOOP("Daemon::CommandLine",
                       "mount a backup's snapshot read-only for browsing (--release ID, --list)"),
     BrowseCommands::browse},
    {"migrate",
     QT_TRANSLATE_NOOP("Daemon::CommandLine", "migrate on-pool state (replication-cursor:v1-v2 [--dry-run])"),
     CliCommands::migrate},
    {"stdinserver",
     QT_TRANSLATE_NOOP("Daemon::CommandLine",
                       "bridge stdin/stdout to a job's stdinserver socket (sshd forced command)"),
     StdinServer::command},
};

const Command *findCommand(const QString &name)
{
    for (const Command &command : Commands) {
        if (name == QLatin1StringView(command.name)) {
            return &command;
        }
    }
    return nullptr;
}

int terminalColumns()
{
    if (!::isatty(STDOUT_FILENO)) {
        return 0;
    }
    winsize size{};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0) {
        return 0;
    }
    return size.ws_col;
}

}  // namespace

CommandLine::CommandLine(QTextStream &out, QTextStream &err)
    : m_out(out)
    , m_err(err)
{}

QString CommandLine::usage() const
{
    QString text = tr("Usage: holdfast [--config PATH] [--socket PATH] <command> [options]") + u"\n\n"_s
                   + tr("ZFS snapshots and replication; reads zrepl's configuration and speaks its control API.")
                   + u"\n\n"_s + tr("Commands:") + u'\n';
    for (const Command &command : Commands) {
        text += u"  "_s + QString::fromLatin1(command.name).leftJustified(13) + tr(command.summary) + u'\n';
    }
    text += u'\n' + tr("Options:") + u'\n'
            + tr("  --config PATH  the configuration file (default: the first of %1)")
                  .arg(Config::defaultLocations().join(u", "_s))
            + u'\n' + tr("  --socket PATH  the control socket to talk to instead of the configured one") + u'\n'
            + tr("  -h, --help     show this help") + u"\n\n"
            + tr("Run 'holdfast <command> --help' for the options of a command.") + u'\n';
    return text;
}

int CommandLine::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    // Everything from the command on belongs to the command's own parser.
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    const QCommandLineOption configOption(u"config"_s, QString(), u"path"_s);
    const QCommandLineOption socketOption(u"socket"_s, QString(), u"path"_s);
    const QCommandLineOption helpOption(QStringList{u"h"_s, u"help"_s});
    parser.addOptions({configOption, socketOption, helpOption});
    if (!parser.parse(arguments)) {
        m_err << u"holdfast: "_s << parser.errorText() << Qt::endl
              << tr("Run 'holdfast --help' for usage.") << Qt::endl;
        return CliCommands::UsageError;
    }
    const QStringList positional = parser.positionalArguments();
    if (parser.isSet(helpOption)) {
        m_out << usage();
        return CliCommands::Success;
    }
    if (positional.isEmpty()) {
        m_err << usage();
        return CliCommands::UsageError;
    }
    const Command *command = findCommand(positional.constFirst());
    if (!command) {
        m_err << tr("holdfast: unknown command '%1'").arg(positional.constFirst()) << Qt::endl
              << tr("Run 'holdfast --help' for the list of commands.") << Qt::endl;
        return CliCommands::UsageError;
    }

    CliContext context(m_out, m_err);
    context.configPath = parser.value(configOption);
    context.socketPath = parser.value(socketOption);
    context.terminalWidth = m_terminalWidth;
    QStringList commandArguments = positional.mid(1);
    commandArguments.prepend(u"holdfast "_s + QLatin1StringView(command->name));
    const int exitCode = command->run(context, commandArguments);
    m_out.flush();
    m_err.flush();
    return exitCode;
}

int runCli(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"holdfast"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(HOLDFAST_VERSION_STRING));
    QTextStream out(stdout);
    QTextStream err(stderr);
    CommandLine commandLine(out, err);
    commandLine.setTerminalWidth(terminalColumns());
    return commandLine.run(QCoreApplication::arguments());
}

}  // namespace Daemon
