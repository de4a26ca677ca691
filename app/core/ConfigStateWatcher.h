// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QTimer>

#include <chrono>

#include "app/core/ConfigClient.h"
#include "app/core/ConfigHealth.h"
#include "app/core/StatusPoller.h"

namespace Gui {

// Keeps the window's word on the daemon's configuration current (ConfigHealth): read when the daemon connects,
// then every interval. A reload refused after someone ran `systemctl reload` elsewhere shows up within it. It reads
// on a client of its own, never through the editing session, whose version an apply must not see change under it.
class ConfigStateWatcher final : public QObject
{
    Q_OBJECT

public:
    explicit ConfigStateWatcher(StatusPoller &poller, QObject *parent = nullptr);

    const ConfigHealth &health() const { return m_health; }
    void setInterval(std::chrono::milliseconds interval) { m_timer.setInterval(interval); }
    // Reads now (after an apply, or when the user asks).
    void refresh();

Q_SIGNALS:
    void healthChanged(const Gui::ConfigHealth &health);

private:
    void setHealth(const ConfigHealth &health);
    void handleConnection(Gui::ConnectionState state);

    StatusPoller &m_poller;
    ConfigClient m_client;
    QTimer m_timer;
    quint64 m_pending = 0;
    ConfigHealth m_health;
};

}  // namespace Gui
