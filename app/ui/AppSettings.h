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
    // zrepl's and Holdfast's default control socket (global.control.sockpath).
    static inline const QString DefaultSocketPath = QStringLiteral("/var/run/zrepl/control");

    QString socketPath = DefaultSocketPath;
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
