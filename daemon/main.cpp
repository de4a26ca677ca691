// SPDX-License-Identifier: MIT
#include "daemon/cli/Cli.h"

int main(int argc, char *argv[])
{
    return Daemon::runCli(argc, argv);
}
