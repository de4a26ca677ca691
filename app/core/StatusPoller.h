// SPDX-License-Identifier: MIT
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QTimer>

#include <chrono>

#include "shared/control/ControlClient.h"
#include "shared/control/Freshness.h"
#include "shared/control/JobStatus.h"

namespace Gui {

enum class ConnectionState
{
    Connecting,  // before the first answer
    Connected,
    NotRunning,  // no daemon at the socket path
    PermissionDenied,  // the socket exists but this user may not use it
    Failed,  // timeouts, broken answers, a daemon that answers with errors
};

// Whether the daemon has Holdfast's freshness report (/holdfast/v1/freshness).
enum class FreshnessSupport
{
    Unknown,  // not asked yet, or the daemon went away since
    Supported,  // Holdfast's daemon
    Unsupported,  // it answered 404: zrepl's daemon
};

// Asks the daemon for /status every `interval`, one request at a time (a slow daemon is never asked twice at
// once), and tells what came back and how the connection is. It never blocks: the control client is asynchronous.
// After a failure it keeps asking at the same interval, which is how it reconnects by itself. A changed answer is
// parsed on a worker thread: 10,000 filesystems take longer to read than a frame may, and the window stays smooth.
// It also learns from every answer on its client what the daemon lets this user do, so that the window offers only
// what will work.
//
// Beside /status it asks for Holdfast's freshness report at the same cadence. A daemon that answers 404 for it is
// zrepl's: the poller remembers that and stops asking until the daemon goes away (the one that comes back may be
// Holdfast's) or the socket path changes.
class StatusPoller final : public QObject
{
    Q_OBJECT

public:
    explicit StatusPoller(QObject *parent = nullptr);

    void setSocketPath(const QString &path);
    QString socketPath() const { return m_client.socketPath(); }
    void setInterval(std::chrono::milliseconds interval);
    std::chrono::milliseconds interval() const { return m_interval; }

    void start();
    void stop();
    // Asks now (after a signal was sent, say) instead of at the next tick.
    void pollNow();

    ConnectionState state() const { return m_state; }
    QString stateReason() const { return m_reason; }
    const Api::DaemonStatus &lastStatus() const { return m_status; }
    FreshnessSupport freshnessSupport() const { return m_freshnessSupport; }
    // The daemon's last freshness report; null before the first and against zrepl.
    const std::optional<Api::FreshnessReport> &lastFreshness() const { return m_freshness; }
    const QByteArray &lastRawStatus() const { return m_raw; }
    // What the daemon last said this user may do (its Holdfast-Access header). None while nothing is known: before
    // the first answer, after the daemon went away, and from zrepl's daemon, which lets everyone who can connect do
    // everything.
    std::optional<Api::AccessLevel> access() const { return m_access; }
    // The daemon would refuse signals: it lets this user read the status at most.
    bool isReadOnly() const { return m_access && *m_access != Api::AccessLevel::Admin; }

    // The client for signals, so that they share the connection.
    Api::ControlClient &client() { return m_client; }

Q_SIGNALS:
    void statusReceived(const Api::DaemonStatus &status);
    void freshnessReceived(const Api::FreshnessReport &report);
    // The daemon has no freshness report (zrepl): what was shown from an earlier one is gone.
    void freshnessUnsupported();
    void connectionChanged(Gui::ConnectionState state, const QString &reason);
    // The access level changed; `readOnly` as isReadOnly().
    void accessChanged(bool readOnly);

private:
    void handleReply(const Api::ControlClient::Reply &reply);
    void handleFreshnessReply(const Api::ControlClient::Reply &reply);
    void parseFreshness(const QByteArray &body);
    void handleFreshnessParsed();
    void setState(ConnectionState state, const QString &reason);
    void learnAccess(const Api::ControlClient::Reply &reply);
    void setAccess(std::optional<Api::AccessLevel> access);
    void parse(const QByteArray &body);
    void handleParsed();

    struct Parsed
    {
        QByteArray body;
        std::optional<Api::DaemonStatus> status;
        QString error;
    };

    Api::ControlClient m_client;
    QTimer m_timer;
    std::chrono::milliseconds m_interval{1000};
    quint64 m_pending = 0;
    ConnectionState m_state = ConnectionState::Connecting;
    QString m_reason;
    std::optional<Api::AccessLevel> m_access;
    Api::DaemonStatus m_status;
    QByteArray m_raw;
    QFutureWatcher<Parsed> m_parsing;
    QByteArray m_nextBody;  // arrived while another answer was being parsed; only the newest is kept

    struct ParsedFreshness
    {
        std::optional<Api::FreshnessReport> report;
        QString error;
    };

    quint64 m_pendingFreshness = 0;
    FreshnessSupport m_freshnessSupport = FreshnessSupport::Unknown;
    std::optional<Api::FreshnessReport> m_freshness;
    QFutureWatcher<ParsedFreshness> m_freshnessParsing;
    QByteArray m_nextFreshnessBody;
};

}  // namespace Gui
