// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

#include <QObject>
#include <QString>

#include "app/core/HoldsFetcher.h"
#include "shared/control/ControlClient.h"
#include "shared/control/Holds.h"

namespace Gui {

// Asks the daemon why the snapshots of one filesystem are still there after the last pruning round
// (GET /holdfast/v1/pruning?job=J&filesystem=F), when the user selects that filesystem. Only the answer for the
// newest question counts: selecting another filesystem while a request is in flight makes its answer stale.
class PruningExplanationFetcher final : public QObject
{
    Q_OBJECT

public:
    explicit PruningExplanationFetcher(Api::ControlClient &client, QObject *parent = nullptr);

    // Asks about `filesystem` of `job`; both empty: forgets the last answer and asks nothing.
    void fetch(const QString &job, const QString &filesystem);
    void forget();

    QString job() const
    {
        return m_job;
    }

    QString filesystem() const
    {
        return m_filesystem;
    }

    bool isLoading() const
    {
        return m_pending != 0;
    }

    EndpointSupport support() const
    {
        return m_support;
    }

    // The answer for job() and filesystem(); null while none came (or against zrepl).
    const std::optional<Api::PruningExplanation> &explanation() const
    {
        return m_explanation;
    }

    QString error() const
    {
        return m_error;
    }

    // The request's target, its query percent-encoded.
    static QByteArray path(const QString &job, const QString &filesystem);
    static QString unsupportedMessage();

Q_SIGNALS:
    void changed();

private:
    void handleReply(const Api::ControlClient::Reply &reply);

    Api::ControlClient &m_client;
    quint64 m_pending = 0;
    QString m_job;
    QString m_filesystem;
    EndpointSupport m_support = EndpointSupport::Unknown;
    std::optional<Api::PruningExplanation> m_explanation;
    QString m_error;
};

}  // namespace Gui
