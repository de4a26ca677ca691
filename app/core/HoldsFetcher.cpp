// SPDX-License-Identifier: MIT
#include "app/core/HoldsFetcher.h"

namespace Gui {

bool isZreplsNotFound(const Api::ControlClient::Reply &reply)
{
    // Holdfast's daemon names the asker's level in every answer, a 404 for an unknown job too; zrepl's names none.
    return reply.error == Api::ControlClient::Error::Status && reply.status == 404 && !reply.access;
}

HoldsFetcher::HoldsFetcher(Api::ControlClient &client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    connect(&m_client, &Api::ControlClient::finished, this, &HoldsFetcher::handleReply);
}

QString HoldsFetcher::unsupportedMessage()
{
    return tr("This daemon does not report holds (zrepl)");
}

void HoldsFetcher::refresh()
{
    if (m_pending != 0) {
        return;
    }
    m_asked = true;
    m_pending = m_client.request("GET", Api::HoldfastEndpoint::Holds);
    Q_EMIT changed();
}

void HoldsFetcher::forget()
{
    m_pending = 0;  // an answer still on its way belongs to the daemon before
    m_asked = false;
    m_support = EndpointSupport::Unknown;
    m_report.reset();
    m_error.clear();
    Q_EMIT changed();
}

void HoldsFetcher::handleReply(const Api::ControlClient::Reply &reply)
{
    if (reply.id == 0 || reply.id != m_pending) {
        return;  // the status poll's, a signal's or an action's answer
    }
    m_pending = 0;
    if (isZreplsNotFound(reply)) {
        m_support = EndpointSupport::Unsupported;
        m_report.reset();
        m_error.clear();
    } else if (!reply.ok()) {
        // The last report stays on screen: one failed refresh does not make the holds go away.
        m_error = tr("The holds could not be listed: %1").arg(reply.errorString.trimmed());
    } else {
        QString parseError;
        std::optional<Api::HoldsReport> report = Api::HoldsReport::fromJson(reply.body, &parseError);
        m_support = EndpointSupport::Supported;
        if (report) {
            m_report = std::move(report);
            m_error.clear();
        } else {
            m_error = tr("The daemon's holds report could not be read: %1").arg(parseError);
        }
    }
    Q_EMIT changed();
}

}  // namespace Gui
