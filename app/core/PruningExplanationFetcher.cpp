// SPDX-License-Identifier: MIT
#include "app/core/PruningExplanationFetcher.h"

#include <QUrl>

namespace Gui {

PruningExplanationFetcher::PruningExplanationFetcher(Api::ControlClient &client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    connect(&m_client, &Api::ControlClient::finished, this, &PruningExplanationFetcher::handleReply);
}

QString PruningExplanationFetcher::unsupportedMessage()
{
    return tr("This daemon does not explain its pruning decisions (zrepl)");
}

QByteArray PruningExplanationFetcher::path(const QString &job, const QString &filesystem)
{
    // Dataset names may hold characters a query must escape ('+', '&', ' ' in some pools).
    return QByteArray(Api::HoldfastEndpoint::Pruning) + "?job=" + QUrl::toPercentEncoding(job)
           + "&filesystem=" + QUrl::toPercentEncoding(filesystem);
}

void PruningExplanationFetcher::fetch(const QString &job, const QString &filesystem)
{
    m_job = job;
    m_filesystem = filesystem;
    m_explanation.reset();
    m_error.clear();
    m_pending = 0;
    if (!job.isEmpty() && !filesystem.isEmpty() && m_support != EndpointSupport::Unsupported) {
        m_pending = m_client.request("GET", path(job, filesystem));
    }
    Q_EMIT changed();
}

void PruningExplanationFetcher::forget()
{
    m_support = EndpointSupport::Unknown;
    fetch({}, {});
}

void PruningExplanationFetcher::handleReply(const Api::ControlClient::Reply &reply)
{
    if (reply.id == 0 || reply.id != m_pending) {
        return;
    }
    m_pending = 0;
    if (isZreplsNotFound(reply)) {
        m_support = EndpointSupport::Unsupported;
    } else if (!reply.ok()) {
        m_error = tr("The daemon could not explain the pruning: %1").arg(reply.errorString.trimmed());
    } else {
        m_support = EndpointSupport::Supported;
        QString parseError;
        m_explanation = Api::PruningExplanation::fromJson(reply.body, &parseError);
        if (!m_explanation) {
            m_error = tr("The daemon's pruning explanation could not be read: %1").arg(parseError);
        }
    }
    Q_EMIT changed();
}

}  // namespace Gui
