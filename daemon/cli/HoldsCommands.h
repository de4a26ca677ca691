// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>
#include <QStringList>

#include "daemon/cli/CliCommands.h"
#include "shared/control/Holds.h"

namespace Daemon {

// `holdfast holds list|release-stale|stop-replicating` and `holdfast abandon-resume`: the daemon's holds view and
// its admin actions, as tables for people (and JSON with --json).
class HoldsCommands
{
    Q_DECLARE_TR_FUNCTIONS(Daemon::HoldsCommands)

public:
    static int holds(CliContext &context, const QStringList &arguments);
    static int abandonResume(CliContext &context, const QStringList &arguments);

    // The report as a table grouped by filesystem, with the stale items' reasons and a closing hint; `staleOnly`
    // leaves out what is not stale. `now` is the reference for ages.
    static QString renderReport(const Api::HoldsReport &report, bool staleOnly, const QDateTime &now);
    // What an action changed or, in a dry run, would change.
    static QString renderActionReply(const Api::HoldsActionReply &reply);
};

}  // namespace Daemon
