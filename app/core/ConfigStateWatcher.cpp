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
    connect(&m_poller, &StatusPoller::configReceived, this, [this](const Api::ConfigStatus &status) {
        setHealth(ConfigHealth::of(status, QDateTime::currentDateTime()));
    });
    connect(&m_poller, &StatusPoller::feedCarriesConfigChanged, this, [this] {
        if (m_poller.state() == ConnectionState::Connected) {
            follow();
        }
    });
    connect(&m_client, &ConfigClient::documentReceived, this, [this](quint64 id, const Api::ConfigDocument &document) {
        if (id == m_pending) {
            m_pending = 0;
            setHealth(ConfigHealth::of(document, QDateTime::currentDateTime()));
        }
    });
    // zrepl's daemon, a refusal or a broken answer: nothing to say about a configuration it does not share.
    connect(&m_client, &ConfigClient::failed, this, [this](quint64 id, const ConfigFailure &failure) {
        if (id != m_pending) {
            return;
        }
        m_pending = 0;
        if (failure.kind == ConfigFailure::Kind::Unsupported) {
            // It will not have one at the next interval either.
            m_unsupported = true;
            m_timer.stop();
        }
        setHealth({});
    });
    if (m_poller.state() == ConnectionState::Connected) {
        handleConnection(ConnectionState::Connected);
    }
}

void ConfigStateWatcher::refresh()
{
    if (m_poller.state() != ConnectionState::Connected) {
        return;
    }
    if (m_poller.feedCarriesConfig()) {
        // Nothing to ask: the feed brings every change. Only the words age ("refused 12 min ago").
        if (const std::optional<Api::ConfigStatus> &status = m_poller.lastConfig()) {
            setHealth(ConfigHealth::of(*status, QDateTime::currentDateTime()));
        }
        return;
    }
    if (m_pending == 0) {
        m_pending = m_client.fetchDocument();
    }
}

void ConfigStateWatcher::follow()
{
    if (m_poller.feedCarriesConfig()) {
        forgetPending();  // the feed's state is as new as a document read now
    } else if (m_unsupported) {
        return;
    }
    // On the feed the interval only ages the words: refresh() asks nothing there.
    if (!m_timer.isActive()) {
        m_timer.start();
    }
    refresh();
}

void ConfigStateWatcher::handleConnection(ConnectionState state)
{
    if (state == ConnectionState::Connected) {
        // Perhaps another daemon, perhaps another kind: asked anew.
        m_unsupported = false;
        follow();
        return;
    }
    m_timer.stop();
    forgetPending();
    setHealth({});
}

void ConfigStateWatcher::forgetPending()
{
    if (m_pending != 0) {
        m_client.forget(m_pending);
        m_pending = 0;
    }
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
