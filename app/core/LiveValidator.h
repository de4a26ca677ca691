// SPDX-License-Identifier: MIT
#pragma once

#include <chrono>
#include <optional>

#include <QObject>
#include <QTimer>

#include "app/core/ConfigClient.h"

namespace Gui {

// Has the daemon check a text while the user types: a pause of `delay` (400 ms) after the last change sends it; one
// request at a time, and an answer for a text that changed since is dropped for the newest text's.
class LiveValidator final : public QObject
{
    Q_OBJECT

public:
    explicit LiveValidator(ConfigClient &client, QObject *parent = nullptr);

    void setDelay(std::chrono::milliseconds delay)
    {
        m_timer.setInterval(delay);
    }

    std::chrono::milliseconds delay() const
    {
        return m_timer.intervalAsDuration();
    }

    // The text changed: it is checked once the user pauses.
    void setText(const QString &text);
    // Checks the text now, without waiting for the pause.
    void validateNow();

    QString text() const
    {
        return m_text;
    }

    // A check is waiting for the pause or for the daemon.
    bool isBusy() const
    {
        return m_timer.isActive() || m_requestId != 0;
    }

    // The daemon's verdict on text(); null while it is being checked and when it could not be.
    const std::optional<Api::ConfigValidation> &result() const
    {
        return m_result;
    }

    // Why the text could not be checked; empty otherwise.
    QString error() const
    {
        return m_error;
    }

Q_SIGNALS:
    // result() or error() changed, or a check started.
    void changed();

private:
    void send();
    void handleValidated(quint64 id, const Api::ConfigValidation &validation);
    void handleFailed(quint64 id, const Gui::ConfigFailure &failure);

    ConfigClient &m_client;
    QTimer m_timer;
    QString m_text;
    QString m_sentText;
    quint64 m_requestId = 0;
    std::optional<Api::ConfigValidation> m_result;
    QString m_error;
};

}  // namespace Gui
