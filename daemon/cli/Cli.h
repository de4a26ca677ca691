// SPDX-License-Identifier: MIT
#pragma once

namespace Daemon {

// The `holdfast` command line: parses the subcommand and runs it; returns the process exit code.
int runCli(int argc, char *argv[]);

}  // namespace Daemon
