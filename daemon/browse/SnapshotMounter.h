// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include "daemon/async/Task.h"
#include "daemon/browse/BrowseSettings.h"

namespace Async {
struct ProcessResult;
}

namespace Browse {

struct CommandOutcome
{
    bool ok = false;
    QString message;  // on failure: what the command said (its standard error), or why it could not run

    static CommandOutcome fromProcess(const QString &command, const Async::ProcessResult &result);
};

// Runs mount(8) and umount(8) for browsing: a snapshot read-only, without set-user-id programs, device files or
// executables, since what it shows was received from another machine.
class SnapshotMounter
{
public:
    explicit SnapshotMounter(BrowseSettings settings);

    // mount -t zfs -o ro,nosuid,nodev,noexec DATASET DIRECTORY
    Async::Task<CommandOutcome> mount(QString dataset, QString directory);
    // `lazy` (umount -l) detaches a busy mount: it goes once its last user leaves.
    Async::Task<CommandOutcome> unmount(QString directory, bool lazy = false);
    // For the daemon's shutdown, when no event loop runs any more: blocks until umount ends (at most the command
    // timeout).
    CommandOutcome unmountNow(const QString &directory, bool lazy) const;

private:
    BrowseSettings m_settings;
};

}  // namespace Browse
