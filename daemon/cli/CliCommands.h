// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include "daemon/config/Config.h"

namespace Daemon {

// What every subcommand gets: where to write, and the global options. The lookups print their own errors, so a
// command only returns 1 when they come back empty.
struct CliContext
{
    CliContext(QTextStream &output, QTextStream &errors)
        : out(output)
        , err(errors)
    {}

    QTextStream &out;
    QTextStream &err;
    QString configPath;     // --config; empty: the default locations
    QString socketPath;     // --socket; empty: the configuration's global.control.sockpath
    int terminalWidth = 0;  // columns of the terminal stdout goes to; 0 when it is not a terminal

    // --config or the first default location; nullopt after printing why there is none.
    std::optional<QString> configFile() const;
    // nullopt after printing the problem ("file:line:column: field: message").
    std::optional<Config::Root> loadConfig() const;
    // --socket, or the configuration's socket; nullopt after printing why neither is known.
    std::optional<QString> controlSocket() const;
    // For the commands that reload, show or replace a configuration: the socket also when the file no longer
    // parses (the daemon still runs its last good version, and it is the one to say what is wrong with the file).
    // global.control.sockpath read leniently, else zrepl's default; nullopt only when there is no file at all.
    std::optional<QString> controlSocketTolerant() const;
};

// The subcommands. Each gets its arguments with the command's name first ("holdfast status", "--raw") and returns
// the process exit code: 0 success, 1 failure, 2 wrong usage.
class CliCommands
{
    Q_DECLARE_TR_FUNCTIONS(Daemon::CliCommands)

public:
    enum ExitCode
    {
        Success = 0,
        Failure = 1,
        UsageError = 2,
    };

    static int daemon(CliContext &context, const QStringList &arguments);
    static int status(CliContext &context, const QStringList &arguments);
    static int signal(CliContext &context, const QStringList &arguments);
    static int monitor(CliContext &context, const QStringList &arguments);
    static int version(CliContext &context, const QStringList &arguments);
    static int configcheck(CliContext &context, const QStringList &arguments);
    static int holds(CliContext &context, const QStringList &arguments);
    static int migrate(CliContext &context, const QStringList &arguments);

    // For commands in other files: the global options, --help and usage errors handled as for every command
    // (nullopt: go on; otherwise the exit code, after the help or the error was printed).
    static std::optional<int> parseArguments(CliContext &context, QCommandLineParser &parser, const QStringList &arguments,
                                             const QString &synopsis);
    // zrepl's holds listing (`holds list --zrepl [FSFILTER]`): JSON in zrepl's format, from zfs directly.
    static int holdsListZrepl(CliContext &context, const QString &filterText);
};

}  // namespace Daemon
