// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QTimer>

#include <chrono>

#include "app/core/ConfigClient.h"
#include "app/core/ConfigHealth.h"
#include "app/core/StatusPoller.h"

namespace Gui {

// Keeps the window's word on the daemon's configuration current (ConfigHealth). Holdfast's daemon brings its
// configuration state through the status feed as soon as it changes (a reload refused after someone ran `systemctl
// reload` elsewhere, the file saved by an editor): then nothing is asked, and the interval only renews the relative
// times of the words from the last state. A daemon whose feed has none (an older
// Holdfast) is read when it connects and then every interval; zrepl's daemon, which has no configuration endpoint
// (404), is read once when it connects and then left alone. It reads on a client of its own, never through the
// editing session, whose version an apply must not see change under it.
class ConfigStateWatcher final : public QObject
{
    Q_OBJECT

public:
    explicit ConfigStateWatcher(StatusPoller &poller, QObject *parent = nullptr);

    const ConfigHealth &health() const { return m_health; }
    void setInterval(std::chrono::milliseconds interval) { m_timer.setInterval(interval); }
    // Reads now (after an apply, or when the user asks). On the feed it asks nothing (the feed brings what an apply
    // changed) and only renews the words from the last state.
    void refresh();

Q_SIGNALS:
    void healthChanged(const Gui::ConfigHealth &health);

private:
    void setHealth(const ConfigHealth &health);
    void handleConnection(Gui::ConnectionState state);
    // Takes the state from the feed when it carries it, else reads the document (and again every interval).
    void follow();
    void forgetPending();

    StatusPoller &m_poller;
    ConfigClient m_client;
    QTimer m_timer;
    quint64 m_pending = 0;
    bool m_unsupported = false;  // the daemon answered 404: zrepl's, not asked again until it reconnects
    ConfigHealth m_health;
};

}  // namespace Gui
