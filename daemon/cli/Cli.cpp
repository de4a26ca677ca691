// SPDX-License-Identifier: MIT
#include "daemon/cli/Cli.h"

#include <cstdio>

namespace Daemon {

int runCli(int, char *[])
{
    std::fputs("holdfast: not yet wired\n", stderr);
    return 1;
}

}  // namespace Daemon
