// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>
#include <QStringList>
#include <QTextStream>

namespace Daemon {

// The `holdfast` command line: parses the subcommand and runs it; returns the process exit code.
int runCli(int argc, char *argv[]);

// The dispatch behind runCli, apart from the process so that tests can run it with their own streams: global
// options, the subcommand, its arguments. Needs a QCoreApplication.
class CommandLine
{
    Q_DECLARE_TR_FUNCTIONS(Daemon::CommandLine)

public:
    CommandLine(QTextStream &out, QTextStream &err);

    // Columns of the terminal the output goes to, for the status view; 0 (the default) when not a terminal.
    void setTerminalWidth(int columns)
    {
        m_terminalWidth = columns;
    }

    // `arguments` as QCoreApplication::arguments() gives them: the program first. Returns the exit code:
    // 0 success, 1 failure, 2 wrong usage.
    int run(const QStringList &arguments);

    QString usage() const;

private:
    QTextStream &m_out;
    QTextStream &m_err;
    int m_terminalWidth = 0;
};

}  // namespace Daemon
