// SPDX-License-Identifier: MIT
#include "app/core/ConfigSession.h"

namespace Gui {

ConfigSession::ConfigSession(Api::ControlClient &client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    connect(&m_client, &ConfigClient::documentReceived, this, &ConfigSession::handleDocument);
    connect(&m_client, &ConfigClient::applied, this, &ConfigSession::handleApplied);
    connect(&m_client, &ConfigClient::failed, this, &ConfigSession::handleFailed);
}

void ConfigSession::reload()
{
    if (m_loadId != 0) {
        return;  // the answer on its way is as new
    }
    m_loadId = m_client.fetchDocument();
}

void ConfigSession::forget()
{
    m_client.forget(m_loadId);
    m_client.forget(m_applyId);
    m_loadId = 0;
    m_applyId = 0;
    m_retrying = false;
    m_edit = {};
    m_document.reset();
    m_loadFailure.reset();
    Q_EMIT documentChanged();
}

QStringList ConfigSession::jobNames() const
{
    QStringList names;
    if (m_document) {
        for (const Api::ConfigJobSummary &job : m_document->jobs) {
            names.append(job.name);
        }
    }
    return names;
}

bool ConfigSession::applyEdit(Edit edit, Api::RestartPolicy restart)
{
    if (!isEditable() || isApplying() || !edit) {
        return false;
    }
    m_edit = std::move(edit);
    m_restart = restart;
    sendEdit();
    return m_applyId != 0;
}

void ConfigSession::sendEdit()
{
    QString error;
    const std::optional<QString> text = m_edit(m_document->text, &error);
    if (!text) {
        m_edit = {};
        ConfigFailure failure;
        failure.kind = ConfigFailure::Kind::Failed;
        failure.message = error;
        Q_EMIT applyFailed(failure);
        return;
    }
    m_applyId = m_client.apply(*text, m_document->version, m_restart);
}

void ConfigSession::retryOnTop()
{
    if (!m_edit || isApplying()) {
        return;
    }
    m_retrying = true;
    m_client.forget(m_loadId);
    m_loadId = m_client.fetchDocument();
}

void ConfigSession::abandon()
{
    m_edit = {};
}

void ConfigSession::handleDocument(quint64 id, const Api::ConfigDocument &document)
{
    if (id != m_loadId) {
        return;
    }
    m_loadId = 0;
    m_document = document;
    m_loadFailure.reset();
    Q_EMIT documentChanged();
    if (m_retrying) {
        m_retrying = false;
        if (!isEditable()) {
            m_edit = {};
            ConfigFailure failure;
            failure.kind = ConfigFailure::Kind::Refused;
            failure.message = m_document->readOnlyReason;
            Q_EMIT applyFailed(failure);
            return;
        }
        sendEdit();
    }
}

void ConfigSession::handleApplied(quint64 id, const Api::ReloadReport &report)
{
    if (id != m_applyId) {
        return;
    }
    m_applyId = 0;
    m_edit = {};
    // The file changed (to our text): the next edit starts from the daemon's new version.
    reload();
    Q_EMIT applied(report);
}

void ConfigSession::handleFailed(quint64 id, const ConfigFailure &failure)
{
    if (id == m_loadId) {
        m_loadId = 0;
        m_loadFailure = failure;
        Q_EMIT documentChanged();
        if (m_retrying) {
            m_retrying = false;
            m_edit = {};
            Q_EMIT applyFailed(failure);
        }
        return;
    }
    if (id != m_applyId) {
        return;
    }
    m_applyId = 0;
    // A conflict keeps the edit for retryOnTop(); everything else ends it.
    if (failure.kind != ConfigFailure::Kind::Conflict) {
        m_edit = {};
    }
    Q_EMIT applyFailed(failure);
}

}  // namespace Gui
