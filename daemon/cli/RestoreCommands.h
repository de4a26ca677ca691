// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace Daemon {

struct CliContext;

// `holdfast versions PATH` and `holdfast restore PATH --from SNAPSHOT`: the file history and the restore engine of
// the GUI, for a terminal. They run as the calling user, read through .zfs/snapshot and need no daemon.
class RestoreCommands
{
    Q_DECLARE_TR_FUNCTIONS(Daemon::RestoreCommands)

public:
    static int versions(CliContext &context, const QStringList &arguments);
    static int restore(CliContext &context, const QStringList &arguments);
};

}  // namespace Daemon
