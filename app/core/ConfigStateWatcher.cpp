// SPDX-License-Identifier: MIT
#include "app/core/ConfigStateWatcher.h"

#include <QDateTime>

namespace Gui {

ConfigStateWatcher::ConfigStateWatcher(StatusPoller &poller, QObject *parent)
    : QObject(parent)
    , m_poller(poller)
    , m_client(poller.client())
{
    m_timer.setInterval(std::chrono::seconds(30));
    connect(&m_timer, &QTimer::timeout, this, &ConfigStateWatcher::refresh);
    connect(&m_poller, &StatusPoller::connectionChanged, this, &ConfigStateWatcher::handleConnection);
    connect(&m_client, &ConfigClient::documentReceived, this, [this](quint64 id, const Api::ConfigDocument &document) {
        if (id == m_pending) {
            m_pending = 0;
            setHealth(ConfigHealth::of(document, QDateTime::currentDateTime()));
        }
    });
    // zrepl's daemon, a refusal or a broken answer: nothing to say about a configuration it does not share.
    connect(&m_client, &ConfigClient::failed, this, [this](quint64 id, const ConfigFailure &) {
        if (id == m_pending) {
            m_pending = 0;
            setHealth({});
        }
    });
    if (m_poller.state() == ConnectionState::Connected) {
        handleConnection(ConnectionState::Connected);
    }
}

void ConfigStateWatcher::refresh()
{
    if (m_pending != 0 || m_poller.state() != ConnectionState::Connected) {
        return;
    }
    m_pending = m_client.fetchDocument();
}

void ConfigStateWatcher::handleConnection(ConnectionState state)
{
    if (state == ConnectionState::Connected) {
        m_timer.start();
        refresh();
        return;
    }
    m_timer.stop();
    if (m_pending != 0) {
        m_client.forget(m_pending);
        m_pending = 0;
    }
    setHealth({});
}

void ConfigStateWatcher::setHealth(const ConfigHealth &health)
{
    if (health == m_health) {
        return;
    }
    m_health = health;
    Q_EMIT healthChanged(m_health);
}

}  // namespace Gui
