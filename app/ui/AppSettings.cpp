// SPDX-License-Identifier: MIT
#include "app/ui/AppSettings.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace Gui {

QString AppSettings::defaultSocketPath()
{
    if (QFileInfo(u"/run/holdfast"_s).isDir()) {
        return u"/run/holdfast/control"_s;
    }
    return u"/var/run/zrepl/control"_s;
}

AppSettings AppSettings::load(QSettings &settings)
{
    AppSettings s;
    s.socketPath = settings.value(u"connection/socketPath"_s, s.socketPath).toString();
    s.pollInterval = std::chrono::milliseconds(
        std::clamp(settings.value(u"connection/pollIntervalMs"_s, qlonglong(s.pollInterval.count())).toLongLong(), 200LL, 60000LL));
    s.minimizeToTray = settings.value(u"window/minimizeToTray"_s, s.minimizeToTray).toBool();
    s.startMinimized = settings.value(u"window/startMinimized"_s, s.startMinimized).toBool();
    s.autostart = settings.value(u"window/autostart"_s, s.autostart).toBool();
    s.notifications.failures = settings.value(u"notifications/failures"_s, s.notifications.failures).toBool();
    s.notifications.recoveries = settings.value(u"notifications/recoveries"_s, s.notifications.recoveries).toBool();
    s.notifications.stale = settings.value(u"notifications/stale"_s, s.notifications.stale).toBool();
    s.notifications.unreachable = settings.value(u"notifications/unreachable"_s, s.notifications.unreachable).toBool();
    const qlonglong staleHours = settings.value(u"notifications/staleAfterHours"_s,
                                                qlonglong(std::chrono::duration_cast<std::chrono::hours>(s.notifications.staleAfter).count()))
                                     .toLongLong();
    s.notifications.staleAfter = std::chrono::hours(std::clamp(staleHours, 1LL, 24LL * 365));
    return s;
}

void AppSettings::save(QSettings &settings) const
{
    settings.setValue(u"connection/socketPath"_s, socketPath);
    settings.setValue(u"connection/pollIntervalMs"_s, qlonglong(pollInterval.count()));
    settings.setValue(u"window/minimizeToTray"_s, minimizeToTray);
    settings.setValue(u"window/startMinimized"_s, startMinimized);
    settings.setValue(u"window/autostart"_s, autostart);
    settings.setValue(u"notifications/failures"_s, notifications.failures);
    settings.setValue(u"notifications/recoveries"_s, notifications.recoveries);
    settings.setValue(u"notifications/stale"_s, notifications.stale);
    settings.setValue(u"notifications/unreachable"_s, notifications.unreachable);
    settings.setValue(u"notifications/staleAfterHours"_s,
                      qlonglong(std::chrono::duration_cast<std::chrono::hours>(notifications.staleAfter).count()));
}

QString AppSettings::autostartFile()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + u"/autostart/holdfast-gui.desktop"_s;
}

bool AppSettings::applyAutostart(QString *error) const
{
    const QString path = autostartFile();
    if (!autostart) {
        if (QFile::exists(path) && !QFile::remove(path)) {
            *error = QCoreApplication::translate("Gui::AppSettings", "Cannot remove %1.").arg(path);
            return false;
        }
        return true;
    }
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        *error = QCoreApplication::translate("Gui::AppSettings", "Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    // Started minimized at login: the tray icon is what the user wants then, not a window.
    const QString exec = QCoreApplication::applicationFilePath();
    file.write(u"[Desktop Entry]\nType=Application\nName=Holdfast\nComment=ZFS snapshots and replication\n"
               "Exec=\"%1\" --minimized\nIcon=holdfast\nTerminal=false\nX-GNOME-Autostart-enabled=true\n"_s.arg(exec).toUtf8());
    return true;
}

}  // namespace Gui
