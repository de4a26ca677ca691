// SPDX-License-Identifier: MIT
#include "app/core/LiveValidator.h"

namespace Gui {

LiveValidator::LiveValidator(ConfigClient &client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(std::chrono::milliseconds(400));
    connect(&m_timer, &QTimer::timeout, this, &LiveValidator::send);
    connect(&m_client, &ConfigClient::validated, this, &LiveValidator::handleValidated);
    connect(&m_client, &ConfigClient::failed, this, &LiveValidator::handleFailed);
}

void LiveValidator::setText(const QString &text)
{
    if (text == m_text && (m_result || isBusy())) {
        return;
    }
    m_text = text;
    m_result.reset();
    m_error.clear();
    m_timer.start();
    Q_EMIT changed();
}

void LiveValidator::validateNow()
{
    m_timer.stop();
    m_result.reset();
    m_error.clear();
    send();
    Q_EMIT changed();
}

void LiveValidator::send()
{
    if (m_requestId != 0) {
        return;  // the answer to the request in flight sends the newest text if it changed meanwhile
    }
    m_sentText = m_text;
    m_requestId = m_client.validate(m_text);
}

void LiveValidator::handleValidated(quint64 id, const Api::ConfigValidation &validation)
{
    if (id != m_requestId) {
        return;
    }
    m_requestId = 0;
    if (m_sentText != m_text) {
        // Typed on while the daemon checked: its verdict is for an older text.
        if (!m_timer.isActive()) {
            send();
        }
        return;
    }
    m_result = validation;
    m_error.clear();
    Q_EMIT changed();
}

void LiveValidator::handleFailed(quint64 id, const ConfigFailure &failure)
{
    if (id != m_requestId) {
        return;
    }
    m_requestId = 0;
    if (m_sentText != m_text && !m_timer.isActive()) {
        send();
        return;
    }
    m_result.reset();
    m_error = failure.message;
    Q_EMIT changed();
}

}  // namespace Gui
