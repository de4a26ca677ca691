// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

#include <QObject>
#include <QString>

#include "shared/control/ControlClient.h"
#include "shared/control/Holds.h"

namespace Gui {

// Whether the daemon answers one of Holdfast's own endpoints (holds, pruning explanations).
enum class EndpointSupport
{
    Unknown,      // not asked yet, or another daemon since
    Supported,    // Holdfast's daemon
    Unsupported,  // it answered 404: zrepl's daemon
};

// A 404 from zrepl's daemon, which has none of Holdfast's endpoints (and names no access level).
bool isZreplsNotFound(const Api::ControlClient::Reply &reply);

// Asks the daemon for the holds, bookmarks and interrupted receives Holdfast and zrepl keep on the pools
// (GET /holdfast/v1/holds). The daemon runs zfs to answer, so this is asked for only when a view wants it: when it
// is shown, on Refresh and after an action, never on the status poll's cadence. One request at a time: a refresh
// while one is in flight is answered by that one.
class HoldsFetcher final : public QObject
{
    Q_OBJECT

public:
    explicit HoldsFetcher(Api::ControlClient &client, QObject *parent = nullptr);

    void refresh();
    // Another daemon (the socket path changed, the daemon went away): what was known of it is gone.
    void forget();

    bool isLoading() const
    {
        return m_pending != 0;
    }

    EndpointSupport support() const
    {
        return m_support;
    }

    // The last report; null before the first, against zrepl, and after forget().
    const std::optional<Api::HoldsReport> &report() const
    {
        return m_report;
    }

    // Why the last request failed, in words; empty after a success.
    QString error() const
    {
        return m_error;
    }

    // Asked at least once since the last forget().
    bool hasAsked() const
    {
        return m_asked;
    }

    static QString unsupportedMessage();

Q_SIGNALS:
    // A request started or an answer came: the report, the support or the error may have changed.
    void changed();

private:
    void handleReply(const Api::ControlClient::Reply &reply);

    Api::ControlClient &m_client;
    quint64 m_pending = 0;
    bool m_asked = false;
    EndpointSupport m_support = EndpointSupport::Unknown;
    std::optional<Api::HoldsReport> m_report;
    QString m_error;
};

}  // namespace Gui
