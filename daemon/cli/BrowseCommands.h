// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QStringList>

#include "daemon/cli/CliCommands.h"
#include "shared/control/Browse.h"

namespace Daemon {

// `holdfast browse` and `holdfast snapshots`: a filesystem's snapshots, and a backup's snapshot mounted read-only
// by the daemon for browsing (renewed by asking again, released with --release or after the idle timeout).
class BrowseCommands
{
    Q_DECLARE_TR_FUNCTIONS(Daemon::BrowseCommands)

public:
    static int browse(CliContext &context, const QStringList &arguments);
    static int snapshots(CliContext &context, const QStringList &arguments);

    // Texts for people; `now` is the reference for "in 10 min".
    static QString renderLease(const Api::BrowseLease &lease, const QDateTime &now);
    static QString renderLeases(const Api::BrowseLeases &leases, const QDateTime &now);
    static QString renderListing(const Api::SnapshotListing &listing);
};

}  // namespace Daemon
