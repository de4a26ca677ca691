// SPDX-License-Identifier: MIT
#include "daemon/browse/BrowseSettings.h"

#include <QDir>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Browse {

BrowseSettings BrowseSettings::fromEnvironment()
{
    BrowseSettings settings;
    const QString dir = qEnvironmentVariable("HOLDFAST_BROWSE_DIR");
    if (!dir.isEmpty()) {
        settings.root = QDir::cleanPath(QDir(dir).absolutePath());
    } else if (::geteuid() == 0) {
        settings.root = u"/run/holdfast-browse"_s;
    } else {
        const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
        settings.root = runtime.isEmpty() ? u"/tmp/holdfast-browse-%1"_s.arg(::geteuid())
                                          : QDir::cleanPath(runtime + u"/holdfast-browse"_s);
    }
    bool ok = false;
    const int idle = qEnvironmentVariableIntValue("HOLDFAST_BROWSE_IDLE_SECONDS", &ok);
    if (ok && idle > 0) {
        settings.idleTimeout = std::chrono::seconds(idle);
    }
    const QString mount = qEnvironmentVariable("HOLDFAST_MOUNT_BINARY");
    if (!mount.isEmpty()) {
        settings.mountBinary = mount;
    }
    const QString umount = qEnvironmentVariable("HOLDFAST_UMOUNT_BINARY");
    if (!umount.isEmpty()) {
        settings.umountBinary = umount;
    }
    const QString mountInfo = qEnvironmentVariable("HOLDFAST_BROWSE_MOUNTINFO");
    if (!mountInfo.isEmpty()) {
        settings.mountInfoPath = mountInfo;
    }
    return settings;
}

}  // namespace Browse
