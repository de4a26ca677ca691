// SPDX-License-Identifier: MIT
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QTimer>

#include <chrono>

#include "shared/control/ConfigApi.h"
#include "shared/control/ControlClient.h"
#include "shared/control/Freshness.h"
#include "shared/control/JobStatus.h"
#include "shared/control/StatusChanges.h"

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

// Whether the daemon has Holdfast's status feed (/holdfast/v1/status/changes).
enum class FeedSupport
{
    Unknown,  // not asked yet, or the daemon went away since
    Supported,  // Holdfast's daemon: the status comes as changes, as soon as they happen
    Unsupported,  // it answered 404: zrepl's daemon or an older Holdfast, whose /status is polled
};

// Keeps the daemon's status and tells what came back and how the connection is. It never blocks: the control
// clients are asynchronous. It first asks for Holdfast's status feed: a daemon that has it answers with the whole
// status, and then each long poll waits until something changed and brings only the changes, which are applied to the
// last status (and with them the freshness report and the daemon's configuration state when they changed). So
// progress shows as the daemon reports it, and
// nothing is asked while nothing changes. The long poll has a control client of its own, so that signals sent
// through client() never wait behind it. A change that does not fit the status it is applied to (it should not
// happen) makes it ask for the whole status again.
//
// A daemon that answers 404 for the feed (zrepl's, or an older Holdfast) is polled instead: /status every
// `interval`, one request at a time (a slow daemon is never asked twice at once), and beside it Holdfast's freshness
// report at the same cadence, until that answers 404 too (zrepl). A changed answer, and on the feed a large one (the
// whole status), is parsed on a worker thread: 10,000 filesystems take longer to read than a frame may, and the
// window stays smooth. After a failure it asks again every `interval`, which is how it reconnects by itself; a daemon
// that went away and comes back is asked for the feed again (it may be another kind), as when the socket path changes.
// It also learns from every answer on its clients what the daemon lets this user do, so that the window offers only
// what will work.
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
    // Asks now (after a signal was sent, say) instead of at the next tick. On the feed only when no long poll waits
    // (after a failure): a waiting one is as fresh as the status gets.
    void pollNow();

    ConnectionState state() const { return m_state; }
    QString stateReason() const { return m_reason; }
    const Api::DaemonStatus &lastStatus() const { return m_status; }
    FreshnessSupport freshnessSupport() const { return m_freshnessSupport; }
    // The daemon's last freshness report; null before the first and against zrepl.
    const std::optional<Api::FreshnessReport> &lastFreshness() const { return m_freshness; }
    // Whether a status has come.
    bool hasStatus() const { return m_hasStatus; }
    // The last status as JSON: the daemon's /status answer when polling; on the feed, written from the status (and
    // kept until it changes), since the feed brings changes rather than documents.
    QByteArray lastRawStatus() const;
    FeedSupport feedSupport() const { return m_feedSupport; }
    // Whether the feed brings the daemon's configuration state (Holdfast's daemon since it does): then nobody needs
    // to read /holdfast/v1/config to keep it current. Known with the first whole status, before connectionChanged().
    bool feedCarriesConfig() const { return m_feedCarriesConfig; }
    // The configuration state the feed brought last; null when it brings none.
    const std::optional<Api::ConfigStatus> &lastConfig() const { return m_config; }
    // What the daemon last said this user may do (its Holdfast-Access header). None while nothing is known: before
    // the first answer, after the daemon went away, and from zrepl's daemon, which lets everyone who can connect do
    // everything.
    std::optional<Api::AccessLevel> access() const { return m_access; }
    // The daemon would refuse signals: it lets this user read the status at most.
    bool isReadOnly() const { return m_access && *m_access != Api::AccessLevel::Admin; }

    // The client for signals, so that they share the connection.
    Api::ControlClient &client() { return m_client; }

    // The long poll waits at most this long for a change, and then asks again.
    static constexpr std::chrono::seconds FeedWait{30};
    // An answer of the feed at most this long is read on the GUI thread: a change of a few filesystems reads in
    // microseconds, less than handing it to a worker thread and back costs; the whole status is read on a worker.
    static constexpr qsizetype MaxFeedBodyOnGuiThread = 64 * 1024;

Q_SIGNALS:
    void statusReceived(const Api::DaemonStatus &status);
    void freshnessReceived(const Api::FreshnessReport &report);
    // The daemon has no freshness report (zrepl): what was shown from an earlier one is gone.
    void freshnessUnsupported();
    // The feed brought the daemon's configuration state, which changed (and with the first whole status).
    void configReceived(const Api::ConfigStatus &status);
    // feedCarriesConfig() changed while the connection stayed (the daemon was replaced by another kind).
    void feedCarriesConfigChanged(bool carries);
    void connectionChanged(Gui::ConnectionState state, const QString &reason);
    // The access level changed; `readOnly` as isReadOnly().
    void accessChanged(bool readOnly);

private:
    struct ParsedFeed
    {
        quint64 generation = 0;
        std::optional<Api::StatusChanges> changes;
        // The report of the last change that carries one.
        std::optional<Api::FreshnessReport> freshness;
        bool freshnessUnreadable = false;
        // The configuration state of the last change that carries one.
        std::optional<Api::ConfigStatus> config;
        QString error;
    };

    void askFeed();
    void handleFeedReply(const Api::ControlClient::Reply &reply);
    static ParsedFeed parseFeed(const QByteArray &body, quint64 generation);
    void handleFeedParsed();
    void applyFeed(ParsedFeed parsed);
    void forgetFeed();
    void setFeedCarriesConfig(bool carries);
    void setFailure(const Api::ControlClient::Reply &reply);
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
    bool m_hasStatus = false;
    // The raw status: the polled answer, or the feed's status written out on demand (then m_rawIsCurrent tells
    // whether it still is the status).
    mutable QByteArray m_raw;
    mutable bool m_rawIsCurrent = true;
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

    Api::ControlClient m_feedClient;
    FeedSupport m_feedSupport = FeedSupport::Unknown;
    quint64 m_pendingFeed = 0;
    quint64 m_version = 0;  // of m_status on the feed; 0: ask for the whole status
    quint64 m_feedGeneration = 0;  // counts socket path changes: a parse for another daemon is dropped
    bool m_feedCarriesConfig = false;
    std::optional<Api::ConfigStatus> m_config;
    QFutureWatcher<ParsedFeed> m_feedParsing;
};

}  // namespace Gui
