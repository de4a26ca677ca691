// SPDX-License-Identifier: MIT
#pragma once

#include <QSettings>
#include <QString>

#include <chrono>

#include "app/notify/NotificationRules.h"

namespace Gui {

// What the user can set, persisted with QSettings (~/.config/Holdfast/holdfast-gui.conf). Read once at start and
// written by the settings dialog; the window applies a changed value right away.
struct AppSettings
{
    // The packaged daemon's socket (/run/holdfast/control, set by /etc/holdfast/holdfast.yml) where its directory
    // exists, else zrepl's default (global.control.sockpath). The directory, not the socket: a user outside the
    // status group cannot see into it, and should be told "permission denied", not "no daemon".
    static QString defaultSocketPath();

    QString socketPath = defaultSocketPath();
    std::chrono::milliseconds pollInterval{1000};
    bool minimizeToTray = true;  // closing the window hides it while the tray icon stays
    bool startMinimized = false;
    bool autostart = false;  // an XDG autostart entry in ~/.config/autostart
    NotificationSettings notifications;

    static AppSettings load(QSettings &settings);
    void save(QSettings &settings) const;

    // ~/.config/autostart/holdfast-gui.desktop, as the XDG autostart specification has it.
    static QString autostartFile();
    // Creates or removes the autostart entry; false with *error when the file cannot be written.
    bool applyAutostart(QString *error) const;

    bool operator==(const AppSettings &) const = default;
};

}  // namespace Gui
