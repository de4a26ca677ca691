// SPDX-License-Identifier: MIT
#include "app/core/StatusPoller.h"

#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace Gui {

StatusPoller::StatusPoller(QObject *parent)
    : QObject(parent)
{
    m_timer.setInterval(m_interval);
    connect(&m_timer, &QTimer::timeout, this, &StatusPoller::pollNow);
    connect(&m_client, &Api::ControlClient::finished, this, &StatusPoller::handleReply);
    connect(&m_parsing, &QFutureWatcher<Parsed>::finished, this, &StatusPoller::handleParsed);
    connect(&m_freshnessParsing, &QFutureWatcher<ParsedFreshness>::finished, this, &StatusPoller::handleFreshnessParsed);
    connect(&m_feedClient, &Api::ControlClient::finished, this, &StatusPoller::handleFeedReply);
    connect(&m_feedParsing, &QFutureWatcher<ParsedFeed>::finished, this, &StatusPoller::handleFeedParsed);
}

void StatusPoller::setSocketPath(const QString &path)
{
    if (path == m_client.socketPath()) {
        return;
    }
    m_pending = 0;
    m_pendingFreshness = 0;
    m_pendingFeed = 0;
    m_client.abortAll();
    m_feedClient.abortAll();
    m_freshnessSupport = FreshnessSupport::Unknown;  // another daemon, perhaps another kind
    forgetFeed();
    ++m_feedGeneration;
    m_client.setSocketPath(path);
    m_feedClient.setSocketPath(path);
    setState(ConnectionState::Connecting, {});
    setAccess(std::nullopt);  // another daemon, perhaps with other rules
    if (m_timer.isActive()) {
        pollNow();
    }
}

void StatusPoller::setInterval(std::chrono::milliseconds interval)
{
    m_interval = std::max(interval, std::chrono::milliseconds(100));
    m_timer.setInterval(m_interval);
    // A status request may take as long as the interval, but not much longer, or the view goes stale unnoticed.
    m_client.setTimeout(std::max(m_interval * 3, std::chrono::milliseconds(5000)));
}

void StatusPoller::start()
{
    m_timer.start();
    pollNow();
}

void StatusPoller::stop()
{
    m_timer.stop();
    // A waiting long poll would otherwise hold the daemon's attention (and this client's) for nothing.
    if (m_pendingFeed != 0) {
        m_pendingFeed = 0;
        m_feedClient.abortAll();
    }
}

void StatusPoller::pollNow()
{
    if (m_feedSupport != FeedSupport::Unsupported) {
        // On the feed, a waiting long poll is as fresh as the status gets: asking now would bring nothing newer.
        if (m_pendingFeed == 0 && !m_feedParsing.isRunning()) {
            askFeed();
        }
        return;
    }
    if (m_pending == 0) {
        m_pending = m_client.requestStatus();
    }
    if (m_pendingFreshness == 0 && m_freshnessSupport != FreshnessSupport::Unsupported) {
        m_pendingFreshness = m_client.request("GET", Api::HoldfastEndpoint::Freshness);
    }
}

void StatusPoller::handleReply(const Api::ControlClient::Reply &reply)
{
    // A signal's answer counts too: a refused signal tells at once that this user may only read.
    learnAccess(reply);
    if (reply.id != 0 && reply.id == m_pendingFreshness) {
        handleFreshnessReply(reply);
        return;
    }
    if (reply.id != m_pending) {
        return;  // a signal's answer; the window handles those
    }
    m_pending = 0;
    if (!reply.ok()) {
        setFailure(reply);
        return;
    }
    if (m_rawIsCurrent && reply.body == m_raw) {
        setState(ConnectionState::Connected, {});
        return;  // nothing changed since the last answer
    }
    if (m_parsing.isRunning()) {
        m_nextBody = reply.body;
        return;
    }
    parse(reply.body);
}

void StatusPoller::parse(const QByteArray &body)
{
    m_parsing.setFuture(QtConcurrent::run([body] {
        Parsed parsed;
        parsed.body = body;
        parsed.status = Api::DaemonStatus::fromJson(body, &parsed.error);
        return parsed;
    }));
}

void StatusPoller::handleParsed()
{
    Parsed parsed = m_parsing.result();
    if (!m_nextBody.isEmpty()) {
        parse(std::exchange(m_nextBody, QByteArray()));
    }
    if (!parsed.status) {
        setState(ConnectionState::Failed, tr("The daemon's status could not be read: %1").arg(parsed.error));
        return;
    }
    setState(ConnectionState::Connected, {});
    m_raw = std::move(parsed.body);
    m_rawIsCurrent = true;
    m_status = std::move(*parsed.status);
    m_hasStatus = true;
    Q_EMIT statusReceived(m_status);
}

void StatusPoller::setFailure(const Api::ControlClient::Reply &reply)
{
    switch (reply.error) {
    case Api::ControlClient::Error::NoDaemon:
        setState(ConnectionState::NotRunning, reply.errorString);
        break;
    case Api::ControlClient::Error::PermissionDenied:
        setState(ConnectionState::PermissionDenied, reply.errorString);
        break;
    case Api::ControlClient::Error::Status:
        // Holdfast's daemon refuses the status to a user it lets connect but not read; its message says why.
        setState(reply.status == 403 ? ConnectionState::PermissionDenied : ConnectionState::Failed, reply.errorString);
        break;
    default:
        setState(ConnectionState::Failed, reply.errorString);
        break;
    }
}

QByteArray StatusPoller::lastRawStatus() const
{
    if (!m_rawIsCurrent) {
        // Written once per change at most, and only when asked (copying the status): the feed has no document.
        m_raw = m_hasStatus ? m_status.toJson() : QByteArray();
        m_rawIsCurrent = true;
    }
    return m_raw;
}

void StatusPoller::forgetFeed()
{
    m_feedSupport = FeedSupport::Unknown;
    m_version = 0;
    // Without a signal: the connection's state changes with it, and who follows the configuration looks then.
    m_feedCarriesConfig = false;
    m_config.reset();
}

void StatusPoller::setFeedCarriesConfig(bool carries)
{
    if (carries == m_feedCarriesConfig) {
        return;
    }
    m_feedCarriesConfig = carries;
    if (!carries) {
        m_config.reset();
    }
    Q_EMIT feedCarriesConfigChanged(carries);
}

void StatusPoller::askFeed()
{
    // The first question is answered at once (the whole status): it has the status request's patience. A long poll
    // may wait FeedWait for a change, and gets some seconds more for the answer to arrive.
    m_feedClient.setTimeout(m_version == 0 ? std::max(m_interval * 3, std::chrono::milliseconds(5000))
                                           : std::chrono::milliseconds(FeedWait) + std::chrono::seconds(10));
    m_pendingFeed = m_feedClient.request("GET", Api::statusChangesTarget(m_version, FeedWait));
}

void StatusPoller::handleFeedReply(const Api::ControlClient::Reply &reply)
{
    learnAccess(reply);
    if (reply.id == 0 || reply.id != m_pendingFeed) {
        return;  // aborted: the socket path changed, or the poller stopped
    }
    m_pendingFeed = 0;
    if (reply.error == Api::ControlClient::Error::Status && reply.status == 404) {
        // zrepl's daemon, or a Holdfast from before the feed: poll its /status (and ask for the freshness report).
        m_feedSupport = FeedSupport::Unsupported;
        m_version = 0;
        setFeedCarriesConfig(false);
        pollNow();
        return;
    }
    if (!reply.ok()) {
        // The next tick asks again (from the same version: the daemon answers with the whole status when it does
        // not know it, after a restart say).
        setFailure(reply);
        return;
    }
    if (reply.body.size() <= MaxFeedBodyOnGuiThread) {
        applyFeed(parseFeed(reply.body, m_feedGeneration));
        return;
    }
    m_feedParsing.setFuture(QtConcurrent::run(&StatusPoller::parseFeed, reply.body, m_feedGeneration));
}

StatusPoller::ParsedFeed StatusPoller::parseFeed(const QByteArray &body, quint64 generation)
{
    ParsedFeed parsed;
    parsed.generation = generation;
    parsed.changes = Api::StatusChanges::fromJson(body, &parsed.error);
    if (!parsed.changes) {
        return parsed;
    }
    for (auto change = parsed.changes->changes.crbegin(); change != parsed.changes->changes.crend(); ++change) {
        if (change->freshness) {
            QString error;
            parsed.freshness = Api::FreshnessReport::fromJson(*change->freshness, &error);
            parsed.freshnessUnreadable = !parsed.freshness;
            break;
        }
    }
    for (auto change = parsed.changes->changes.crbegin(); change != parsed.changes->changes.crend(); ++change) {
        if (change->config) {
            // Checked when the answer was read: it parses.
            QString error;
            parsed.config = Api::ConfigStatus::fromJson(*change->config, &error);
            break;
        }
    }
    return parsed;
}

void StatusPoller::handleFeedParsed()
{
    ParsedFeed parsed = m_feedParsing.result();
    if (parsed.generation != m_feedGeneration) {
        return;  // from the daemon at the previous socket path
    }
    applyFeed(std::move(parsed));
}

void StatusPoller::applyFeed(ParsedFeed parsed)
{
    if (!parsed.changes) {
        setState(ConnectionState::Failed, tr("The daemon's status could not be read: %1").arg(parsed.error));
        m_version = 0;  // at the next tick, from the start: this answer says nothing about where the status stands
        return;
    }
    m_feedSupport = FeedSupport::Supported;
    // Applied to a copy, which costs nothing more (the models share the status, so its parts that change are
    // copied anyway): a change that does not fit leaves the status as it was until the whole one comes.
    Api::DaemonStatus status = m_status;
    bool statusChanged = false;
    bool full = false;
    // A whole status says whether this daemon sends its configuration state: with it, or never.
    bool carriesConfig = m_feedCarriesConfig;
    QString error;
    bool fits = true;
    for (const Api::StatusChange &change : std::as_const(parsed.changes->changes)) {
        if (!change.full && change.base != m_version) {
            error = u"a change from version %1 came for version %2"_s.arg(change.base).arg(m_version);
            fits = false;
            break;
        }
        const bool changesStatus =
            change.full || !change.removed.isEmpty() || !change.replaced.isEmpty() || !change.patched.isEmpty();
        if (changesStatus && !change.applyTo(&status, &error)) {
            fits = false;
            break;
        }
        statusChanged = statusChanged || changesStatus;
        full = full || change.full.has_value();
        carriesConfig = change.config.has_value() || (carriesConfig && !change.full);
        m_version = change.version;
    }
    if (!fits) {
        qWarning("holdfast-gui: the daemon's status change does not fit, asking for the whole status: %s",
                 qUtf8Printable(error));
        m_version = 0;
        if (m_timer.isActive()) {
            askFeed();
        }
        return;
    }
    m_version = parsed.changes->version;
    // Before the connection is announced: whoever follows the configuration decides then whether to read it.
    const bool configChanged = carriesConfig && parsed.config.has_value();
    if (configChanged) {
        m_config = std::move(parsed.config);
    }
    setFeedCarriesConfig(carriesConfig);
    setState(ConnectionState::Connected, {});
    const bool freshnessChanged = parsed.freshness.has_value();
    if (freshnessChanged) {
        // Before the status is announced: the window reads both when the status comes.
        m_freshnessSupport = FreshnessSupport::Supported;
        m_freshness = std::move(parsed.freshness);
    }
    if (statusChanged) {
        m_status = std::move(status);
        m_hasStatus = true;
        m_rawIsCurrent = false;
        m_raw.clear();
        Q_EMIT statusReceived(m_status);
    }
    if (freshnessChanged) {
        Q_EMIT freshnessReceived(*m_freshness);
    }
    if (configChanged) {
        Q_EMIT configReceived(*m_config);
    }
    if (full && !freshnessChanged && !parsed.freshnessUnreadable && m_pendingFreshness == 0) {
        // The whole status came without the freshness report: ask for it once, as a daemon that does not send it
        // with the first answer would otherwise never show it until it changed.
        m_pendingFreshness = m_client.request("GET", Api::HoldfastEndpoint::Freshness);
    }
    if (m_timer.isActive()) {
        askFeed();
    }
}

void StatusPoller::handleFreshnessReply(const Api::ControlClient::Reply &reply)
{
    m_pendingFreshness = 0;
    if (reply.error == Api::ControlClient::Error::Status && reply.status == 404) {
        // zrepl's daemon: it will never have the report, so it is not asked again.
        m_freshnessSupport = FreshnessSupport::Unsupported;
        m_nextFreshnessBody.clear();
        if (m_freshness) {
            m_freshness.reset();
        }
        Q_EMIT freshnessUnsupported();
        return;
    }
    // Other failures are the connection's, which the status request reports; the next poll asks again.
    if (!reply.ok()) {
        return;
    }
    m_freshnessSupport = FreshnessSupport::Supported;
    if (m_freshnessParsing.isRunning()) {
        m_nextFreshnessBody = reply.body;
        return;
    }
    parseFreshness(reply.body);
}

void StatusPoller::parseFreshness(const QByteArray &body)
{
    // A worker thread, as for the status: a report of 10,000 filesystems is as long to read.
    m_freshnessParsing.setFuture(QtConcurrent::run([body] {
        ParsedFreshness parsed;
        parsed.report = Api::FreshnessReport::fromJson(body, &parsed.error);
        return parsed;
    }));
}

void StatusPoller::handleFreshnessParsed()
{
    ParsedFreshness parsed = m_freshnessParsing.result();
    if (!m_nextFreshnessBody.isEmpty()) {
        parseFreshness(std::exchange(m_nextFreshnessBody, QByteArray()));
    }
    if (!parsed.report || m_freshnessSupport != FreshnessSupport::Supported) {
        // A report the GUI cannot read leaves the columns as the status alone fills them; the status bar has
        // nothing to add that a user could act on.
        return;
    }
    m_freshness = std::move(parsed.report);
    Q_EMIT freshnessReceived(*m_freshness);
}

void StatusPoller::learnAccess(const Api::ControlClient::Reply &reply)
{
    if (reply.status != 0) {
        // An answer: it names the level, or it comes from zrepl's daemon, which names none and refuses nothing.
        setAccess(reply.access);
    } else if (reply.error == Api::ControlClient::Error::NoDaemon
               || reply.error == Api::ControlClient::Error::PermissionDenied) {
        // Nobody answers: a daemon that comes back may have other rules, which its first answer tells.
        setAccess(std::nullopt);
    }
    // A timeout or a broken answer keeps what is known, or a single bad poll would make the window flicker.
}

void StatusPoller::setAccess(std::optional<Api::AccessLevel> access)
{
    if (access == m_access) {
        return;
    }
    m_access = access;
    Q_EMIT accessChanged(isReadOnly());
}

void StatusPoller::setState(ConnectionState state, const QString &reason)
{
    if (state == m_state && reason == m_reason) {
        return;
    }
    m_state = state;
    m_reason = reason;
    if (state == ConnectionState::NotRunning) {
        // The daemon that comes back may be another kind: ask it again.
        m_freshnessSupport = FreshnessSupport::Unknown;
        forgetFeed();
    }
    Q_EMIT connectionChanged(state, reason);
}

}  // namespace Gui
