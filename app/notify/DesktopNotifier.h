// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

#include "app/notify/NotificationRules.h"

namespace Gui {

// Shows notifications through the desktop's notification server (org.freedesktop.Notifications on the session
// bus). Everything is asynchronous: a slow or hung server never blocks the window. Where there is no server, no
// session bus, or the server refuses, it asks for a fallback instead (the tray's balloon): it does not know the
// tray itself, so that it works, and is tested, without one.
class DesktopNotifier final : public QObject
{
    Q_OBJECT

public:
    explicit DesktopNotifier(QObject *parent = nullptr);

    void notify(const Notification &notification);
    // Whether a notification server runs or can be started by the bus. Asks the bus daemon synchronously: for the
    // settings dialog, not for every notification (notify() finds out on its own).
    bool desktopNotificationsAvailable() const;

    // The icon name (from the icon theme) or file URI the server shows; "holdfast" by default.
    void setAppIcon(const QString &icon) { m_appIcon = icon; }
    QString appIcon() const { return m_appIcon; }

    // How long a server may take to answer before the notification goes to the fallback instead.
    static constexpr int CallTimeoutMs = 10000;

Q_SIGNALS:
    // Show this some other way: title and body are plain text.
    void fallbackRequested(const QString &title, const QString &body, Gui::Notification::Urgency urgency);

private Q_SLOTS:
    // org.freedesktop.Notifications.NotificationClosed: that id is gone, a newer notification must not replace it.
    void handleClosed(uint id, uint reason);

private:
    enum class BodyFormat
    {
        Unknown,  // not asked yet, or the server went away since
        Asking,
        Plain,
        Markup,  // the server interprets the body as markup: escape it
    };

    void askCapabilities();
    void send(const Notification &notification);
    void fallBack(const Notification &notification);
    // Notifications of the same slot replace each other on screen: a recovery replaces its failure.
    static QString slotOf(const Notification &notification);

    QString m_appIcon;
    BodyFormat m_format = BodyFormat::Unknown;
    QList<Notification> m_waiting;  // for the server's capabilities
    QHash<QString, uint> m_ids;     // the server's id of the last notification per slot
};

}  // namespace Gui
