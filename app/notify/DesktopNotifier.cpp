// SPDX-License-Identifier: MIT
#include "app/notify/DesktopNotifier.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QGuiApplication>

#include <utility>

using namespace Qt::StringLiterals;

namespace Gui {

namespace {

const QString Service = u"org.freedesktop.Notifications"_s;
const QString Path = u"/org/freedesktop/Notifications"_s;
const QString Interface = u"org.freedesktop.Notifications"_s;

uchar urgencyByte(Notification::Urgency urgency)
{
    // The values of the specification's "urgency" hint.
    switch (urgency) {
    case Notification::Urgency::Low:
        return 0;
    case Notification::Urgency::Normal:
        return 1;
    case Notification::Urgency::Critical:
        return 2;
    }
    return 1;
}

}  // namespace

DesktopNotifier::DesktopNotifier(QObject *parent)
    : QObject(parent)
    , m_appIcon(u"holdfast"_s)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (bus.isConnected()) {
        // By service name, not owner: QtDBus follows the name to whichever server owns it, now or later.
        bus.connect(Service, Path, Interface, u"NotificationClosed"_s, this, SLOT(handleClosed(uint, uint)));
    }
}

bool DesktopNotifier::desktopNotificationsAvailable() const
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    QDBusConnectionInterface *daemon = bus.isConnected() ? bus.interface() : nullptr;
    if (!daemon) {
        return false;
    }
    if (daemon->isServiceRegistered(Service).value()) {
        return true;
    }
    // Many servers (dunst, notification-daemon, xfce4-notifyd) start on the first call only.
    const QDBusReply<QStringList> activatable = daemon->activatableServiceNames();
    return activatable.isValid() && activatable.value().contains(Service);
}

void DesktopNotifier::notify(const Notification &notification)
{
    if (!QDBusConnection::sessionBus().isConnected()) {
        fallBack(notification);
        return;
    }
    switch (m_format) {
    case BodyFormat::Unknown:
        m_waiting.append(notification);
        askCapabilities();
        break;
    case BodyFormat::Asking:
        m_waiting.append(notification);
        break;
    case BodyFormat::Plain:
    case BodyFormat::Markup:
        send(notification);
        break;
    }
}

void DesktopNotifier::askCapabilities()
{
    m_format = BodyFormat::Asking;
    const QDBusMessage call = QDBusMessage::createMethodCall(Service, Path, Interface, u"GetCapabilities"_s);
    auto *watcher = new QDBusPendingCallWatcher(QDBusConnection::sessionBus().asyncCall(call, CallTimeoutMs), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this](QDBusPendingCallWatcher *finished) {
        finished->deleteLater();
        const QDBusPendingReply<QStringList> reply = *finished;
        const QList<Notification> waiting = std::exchange(m_waiting, {});
        // A server without GetCapabilities (it is mandatory, but still) gets plain text; a missing or hung one is
        // no server at all.
        if (reply.isError() && reply.error().type() != QDBusError::UnknownMethod) {
            m_format = BodyFormat::Unknown;
            for (const Notification &notification : waiting) {
                fallBack(notification);
            }
            return;
        }
        m_format =
            !reply.isError() && reply.value().contains(u"body-markup"_s) ? BodyFormat::Markup : BodyFormat::Plain;
        for (const Notification &notification : waiting) {
            send(notification);
        }
    });
}

void DesktopNotifier::send(const Notification &notification)
{
    const QString slot = slotOf(notification);
    QVariantMap hints;
    hints.insert(u"urgency"_s, QVariant::fromValue(urgencyByte(notification.urgency)));
    // Lets the desktop group the notifications under the application and apply its per-application settings.
    if (const QString desktopEntry = QGuiApplication::desktopFileName(); !desktopEntry.isEmpty()) {
        hints.insert(u"desktop-entry"_s, desktopEntry);
    }
    // Errors quote names and messages that may hold "<" or "&": with a markup server those would be eaten.
    const QString body = m_format == BodyFormat::Markup ? notification.body.toHtmlEscaped() : notification.body;

    QDBusMessage call = QDBusMessage::createMethodCall(Service, Path, Interface, u"Notify"_s);
    call << u"Holdfast"_s << m_ids.value(slot, 0u) << m_appIcon << notification.title << body << QStringList() << hints
         << qint32(-1);
    auto *watcher = new QDBusPendingCallWatcher(QDBusConnection::sessionBus().asyncCall(call, CallTimeoutMs), this);
    connect(watcher,
            &QDBusPendingCallWatcher::finished,
            this,
            [this, notification, slot](QDBusPendingCallWatcher *finished) {
                finished->deleteLater();
                const QDBusPendingReply<uint> reply = *finished;
                if (reply.isError()) {
                    // Maybe another server next time: ask it what it can do then.
                    m_format = BodyFormat::Unknown;
                    fallBack(notification);
                    return;
                }
                m_ids.insert(slot, reply.value());
            });
}

void DesktopNotifier::fallBack(const Notification &notification)
{
    Q_EMIT fallbackRequested(notification.title, notification.body, notification.urgency);
}

void DesktopNotifier::handleClosed(uint id, uint reason)
{
    Q_UNUSED(reason)
    for (auto it = m_ids.begin(); it != m_ids.end();) {
        if (it.value() == id) {
            it = m_ids.erase(it);
        } else {
            ++it;
        }
    }
}

QString DesktopNotifier::slotOf(const Notification &notification)
{
    switch (notification.kind) {
    case Notification::Kind::ReplicationFailed:
    case Notification::Kind::ReplicationRecovered:
        return u"run/"_s + notification.job;
    case Notification::Kind::SnapshotsStale:
        return u"stale/"_s + notification.job;
    case Notification::Kind::DaemonUnreachable:
        return u"daemon"_s;
    }
    return {};
}

}  // namespace Gui
