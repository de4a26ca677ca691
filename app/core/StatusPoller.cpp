// SPDX-License-Identifier: MIT
#include "app/core/StatusPoller.h"

#include <QtConcurrent/QtConcurrentRun>

namespace Gui {

StatusPoller::StatusPoller(QObject *parent)
    : QObject(parent)
{
    m_timer.setInterval(m_interval);
    connect(&m_timer, &QTimer::timeout, this, &StatusPoller::pollNow);
    connect(&m_client, &Api::ControlClient::finished, this, &StatusPoller::handleReply);
    connect(&m_parsing, &QFutureWatcher<Parsed>::finished, this, &StatusPoller::handleParsed);
    connect(&m_freshnessParsing, &QFutureWatcher<ParsedFreshness>::finished, this, &StatusPoller::handleFreshnessParsed);
}

void StatusPoller::setSocketPath(const QString &path)
{
    if (path == m_client.socketPath()) {
        return;
    }
    m_client.abortAll();
    m_pending = 0;
    m_pendingFreshness = 0;
    m_freshnessSupport = FreshnessSupport::Unknown;  // another daemon, perhaps another kind
    m_client.setSocketPath(path);
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
}

void StatusPoller::pollNow()
{
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
        switch (reply.error) {
        case Api::ControlClient::Error::NoDaemon:
            setState(ConnectionState::NotRunning, reply.errorString);
            break;
        case Api::ControlClient::Error::PermissionDenied:
            setState(ConnectionState::PermissionDenied, reply.errorString);
            break;
        case Api::ControlClient::Error::Status:
            // Holdfast's daemon refuses the status to a user it lets connect but not read; its message says why.
            setState(reply.status == 403 ? ConnectionState::PermissionDenied : ConnectionState::Failed,
                     reply.errorString);
            break;
        default:
            setState(ConnectionState::Failed, reply.errorString);
            break;
        }
        return;
    }
    if (reply.body == m_raw) {
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
    m_status = std::move(*parsed.status);
    Q_EMIT statusReceived(m_status);
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
    }
    Q_EMIT connectionChanged(state, reason);
}

}  // namespace Gui
