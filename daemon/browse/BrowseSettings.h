// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <chrono>

#include <QString>

namespace Browse {

// Where and how the daemon mounts snapshots for browsing. Everything but the root has a fixed production value;
// the environment overrides exist for the tests (fake mount binaries, a fake mount table, seconds-long leases).
struct BrowseSettings
{
    // Each mount gets <root>/<lease id>. Not under /run/holdfast: that directory is 0750 for the control socket,
    // and the desktop user must reach the files.
    QString root;
    std::chrono::seconds idleTimeout{std::chrono::minutes(10)};
    QString mountBinary = QStringLiteral("mount");
    QString umountBinary = QStringLiteral("umount");
    QString mountInfoPath = QStringLiteral("/proc/self/mountinfo");
    std::chrono::milliseconds commandTimeout{std::chrono::seconds(60)};

    // After a failed unmount (busy), the next attempt: the idle timeout, but at least every minute.
    std::chrono::seconds retryInterval() const
    {
        return std::min(idleTimeout, std::chrono::seconds(60));
    }

    // $HOLDFAST_BROWSE_DIR, else /run/holdfast-browse as root, else $XDG_RUNTIME_DIR/holdfast-browse (a daemon run
    // by a user for tests; /tmp/holdfast-browse-<uid> without a runtime directory). $HOLDFAST_BROWSE_IDLE_SECONDS,
    // $HOLDFAST_MOUNT_BINARY, $HOLDFAST_UMOUNT_BINARY and $HOLDFAST_BROWSE_MOUNTINFO override the rest.
    static BrowseSettings fromEnvironment();
};

}  // namespace Browse
