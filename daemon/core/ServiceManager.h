// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace Daemon {

// systemd's Type=notify protocol (sd_notify(3), through libsystemd): the daemon says READY=1 once its control
// socket listens and its jobs have started, so that `systemctl start` returns when `holdfast status` works, and
// STOPPING=1 when it begins to shut down. Outside systemd (no NOTIFY_SOCKET) every call does nothing.
class ServiceManager
{
public:
    static void ready(const QString &status);
    static void stopping();
    // A reload begins (RELOADING=1, with the MONOTONIC_USEC that systemd 253's Type=notify-reload asks for);
    // ready() ends it.
    static void reloading();
    static void status(const QString &status);
    // Whether a service manager listens (NOTIFY_SOCKET is set).
    static bool active();
};

}  // namespace Daemon
