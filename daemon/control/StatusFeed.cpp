// SPDX-License-Identifier: MIT
#include "daemon/control/StatusFeed.h"

#include <algorithm>
#include <optional>
#include <vector>

#include <QDateTime>
#include <QUrlQuery>

#include "daemon/control/ControlService.h"
#include "daemon/control/HttpConnection.h"
#include "daemon/jobs/JobRegistry.h"
#include "shared/control/StatusChanges.h"

using namespace Qt::StringLiterals;

namespace Daemon {

namespace {

using SteadyClock = std::chrono::steady_clock;

// Versions are JSON numbers: integers up to 2^53 survive every reader.
constexpr quint64 MaxVersion = quint64(1) << 53;

bool isDigits(QStringView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}

std::optional<quint64> parseSince(const QString &text)
{
    if (!isDigits(text) || text.size() > 16) {
        return std::nullopt;
    }
    const quint64 since = text.toULongLong();
    return since < MaxVersion ? std::optional<quint64>(since) : std::nullopt;
}

// Seconds, clamped to [0, MaxStatusWait]: any integer is a wish the daemon may shorten.
std::optional<std::chrono::seconds> parseTimeout(const QString &text)
{
    const bool negative = text.startsWith(u'-');
    const QStringView digits = QStringView(text).sliced(negative ? 1 : 0);
    if (!isDigits(digits)) {
        return std::nullopt;
    }
    if (negative) {
        return std::chrono::seconds(0);
    }
    if (digits.size() > 9) {
        return Api::MaxStatusWait;
    }
    return std::min(std::chrono::seconds(digits.toLongLong()), Api::MaxStatusWait);
}

// The first version of an instance: its start in microseconds, so that a restarted daemon never reuses a version
// a client may still hold.
quint64 firstVersion()
{
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    return quint64(std::chrono::duration_cast<std::chrono::microseconds>(now).count()) % MaxVersion;
}

bool sameBytes(const QByteArray &a, const QByteArray &b)
{
    // Unchanged freshness is the registry's cached buffer itself: no megabyte compare per publish.
    return (a.constData() == b.constData() && a.size() == b.size()) || a == b;
}

}  // namespace

StatusFeed::StatusFeed(JobRegistry &jobs, QObject *parent)
    : QObject(parent)
    , m_jobs(jobs)
    , m_version(firstVersion())
{
    m_publishTimer.setSingleShot(true);
    m_publishTimer.setInterval(0);
    m_deadlineTimer.setSingleShot(true);
    m_deadlineTimer.setTimerType(Qt::PreciseTimer);
    // Precise: a coarse timer may fire up to 5 % early, before the threshold has passed.
    m_freshnessTimer.setSingleShot(true);
    m_freshnessTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_jobs, &JobRegistry::statusChanged, this, &StatusFeed::markDirty);
    connect(&m_publishTimer, &QTimer::timeout, this, &StatusFeed::publish);
    connect(&m_freshnessTimer, &QTimer::timeout, this, &StatusFeed::publish);
    connect(&m_deadlineTimer, &QTimer::timeout, this, &StatusFeed::answerExpired);
}

StatusFeed::~StatusFeed()
{
    // The replies are dropped unanswered: the server and its connections are going too.
    for (auto &[id, waiter] : m_waiting) {
        disconnect(waiter.closed);
        disconnect(waiter.destroyed);
    }
}

qsizetype StatusFeed::keptBytes() const
{
    return m_keptBytes + m_answer.size();
}

void StatusFeed::handle(const Http::Request &request, HttpHandler::Reply reply)
{
    if (request.method != "GET" && request.method != "HEAD") {
        reply(methodNotAllowedResponse("GET, HEAD"));
        return;
    }
    const QUrlQuery query(QString::fromUtf8(request.query));
    quint64 since = 0;
    if (query.hasQueryItem(u"since"_s)) {
        const std::optional<quint64> parsed = parseSince(query.queryItemValue(u"since"_s, QUrl::FullyDecoded));
        if (!parsed) {
            reply(textResponse(400, "invalid since: a version this daemon answered with, or 0\n"));
            return;
        }
        since = *parsed;
    }
    std::chrono::seconds timeout = DefaultWait;
    if (query.hasQueryItem(u"timeout"_s)) {
        const std::optional<std::chrono::seconds> parsed =
            parseTimeout(query.queryItemValue(u"timeout"_s, QUrl::FullyDecoded));
        if (!parsed) {
            reply(textResponse(400, "invalid timeout: whole seconds to wait (clamped to 0-600)\n"));
            return;
        }
        timeout = *parsed;
    }
    // A request that arrives behind a report sees it: what is dirty is published before answering.
    publish();
    if (since != m_version || timeout.count() == 0) {
        reply(jsonResponse(answerFor(since)));
        return;
    }
    if (int(m_waiting.size()) >= MaxWaiting) {
        reply(textResponse(
            503, u"too many clients wait for status changes (%1): try again later\n"_s.arg(MaxWaiting).toUtf8()));
        return;
    }
    wait(since, timeout, std::move(reply));
}

void StatusFeed::setConfigSource(std::function<QByteArray()> source)
{
    m_configSource = std::move(source);
    m_config.clear();
    markConfigChanged();
}

void StatusFeed::markDirty()
{
    m_dirty = true;
    schedulePublish();
}

void StatusFeed::markConfigChanged()
{
    m_configDirty = m_configSource != nullptr;
    schedulePublish();
}

void StatusFeed::schedulePublish()
{
    if (!m_waiting.empty() && !m_publishTimer.isActive()) {
        m_publishTimer.start();
    }
}

void StatusFeed::publish()
{
    m_publishTimer.stop();
    const QByteArray freshness = m_jobs.freshnessJson(QDateTime::currentDateTimeUtc());
    std::optional<QByteArray> config;
    if (m_configDirty) {
        config = m_configSource();
        // After the read: the source may itself have found the file changed and said so.
        m_configDirty = false;
    }
    if (!m_started) {
        // No client knows a version of this instance yet: the first status is the base, not a change.
        m_status = m_jobs.status();
        m_freshness = freshness;
        if (config) {
            m_config = *config;
        }
        m_started = true;
        m_dirty = false;
        armTimers();
        return;
    }
    Api::StatusChange change;
    if (m_dirty) {
        Api::DaemonStatus status = m_jobs.status();
        change = Api::StatusChange::between(m_status, status);
        // Equal or not, the newer copies share the jobs' lists, which makes the next comparison cheap.
        m_status = std::move(status);
        m_dirty = false;
    }
    if (!sameBytes(freshness, m_freshness)) {
        change.freshness = freshness;
        m_freshness = freshness;
    }
    if (config && *config != m_config) {
        change.config = *config;
        m_config = *config;
    }
    if (!change.isEmpty()) {
        change.base = m_version;
        change.version = ++m_version;
        keep(KeptChange{change.base, change.version, change.toJson()});
        answerWaiting();
    }
    armTimers();
}

void StatusFeed::keep(KeptChange change)
{
    m_keptBytes += change.json.size();
    m_kept.push_back(std::move(change));
    // The newest change stays whatever its size: the clients waiting now need it.
    while (m_kept.size() > 1 && (qsizetype(m_kept.size()) > MaxKeptChanges || m_keptBytes > MaxKeptBytes)) {
        m_keptBytes -= m_kept.front().json.size();
        m_kept.pop_front();
    }
    // An answer made for an older version is of no use to anyone now.
    m_answer.clear();
}

QByteArray StatusFeed::answerFor(quint64 since)
{
    const auto from =
        since == m_version
            ? m_kept.cend()
            : std::find_if(m_kept.cbegin(), m_kept.cend(), [since](const KeptChange &c) { return c.base == since; });
    // 0, a version dropped from the ring, or one of another instance: all get the same whole status, kept once.
    const bool full = since != m_version && from == m_kept.cend();
    const quint64 key = full ? 0 : since;
    if (!m_answer.isEmpty() && m_answerSince == key && m_answerVersion == m_version) {
        return m_answer;
    }
    QList<QByteArray> changes;
    if (full) {
        changes.append(fullChangeJson());
    }
    for (auto it = from; it != m_kept.cend(); ++it) {
        changes.append(it->json);
    }
    m_answer = Api::StatusChanges::envelope(m_version, changes);
    m_answerSince = key;
    m_answerVersion = m_version;
    return m_answer;
}

QByteArray StatusFeed::fullChangeJson() const
{
    Api::StatusChange full;
    full.version = m_version;
    full.full = m_status;
    full.freshness = m_freshness;
    if (m_configSource) {
        full.config = m_config;
    }
    return full.toJson();
}

void StatusFeed::wait(quint64 since, std::chrono::seconds timeout, HttpHandler::Reply reply)
{
    const quint64 id = m_nextWaiter++;
    Waiter waiter;
    waiter.since = since;
    waiter.deadline = SteadyClock::now() + timeout;
    if (HttpConnection *connection = reply.connection()) {
        // closed() comes when the client hangs up; destroyed() too when the server goes first.
        waiter.closed = connect(connection, &HttpConnection::closed, this, [this, id] { forget(id); });
        waiter.destroyed = connect(connection, &QObject::destroyed, this, [this, id] { forget(id); });
    }
    waiter.reply = std::move(reply);
    m_waiting.emplace(id, std::move(waiter));
    if (m_dirty || m_configDirty) {
        m_publishTimer.start();
    }
    armTimers();
}

void StatusFeed::forget(quint64 id)
{
    const auto it = m_waiting.find(id);
    if (it == m_waiting.end()) {
        return;
    }
    disconnect(it->second.closed);
    disconnect(it->second.destroyed);
    m_waiting.erase(it);
    armTimers();
}

void StatusFeed::answerWaiting()
{
    // Taken out first: an answer may let its connection go on with a pipelined request that waits again.
    std::map<quint64, Waiter> waiting;
    waiting.swap(m_waiting);
    for (auto &[id, waiter] : waiting) {
        disconnect(waiter.closed);
        disconnect(waiter.destroyed);
        waiter.reply(jsonResponse(answerFor(waiter.since)));
    }
}

void StatusFeed::answerExpired()
{
    if (m_dirty || m_configDirty) {
        publish();  // a report of this very turn still counts
    }
    const SteadyClock::time_point now = SteadyClock::now();
    std::vector<Waiter> expired;
    for (auto it = m_waiting.begin(); it != m_waiting.end();) {
        if (it->second.deadline <= now) {
            disconnect(it->second.closed);
            disconnect(it->second.destroyed);
            expired.push_back(std::move(it->second));
            it = m_waiting.erase(it);
        } else {
            ++it;
        }
    }
    for (Waiter &waiter : expired) {
        waiter.reply(jsonResponse(answerFor(waiter.since)));
    }
    armTimers();
}

void StatusFeed::armTimers()
{
    if (m_waiting.empty()) {
        // Idle: no timer runs while nobody waits.
        m_deadlineTimer.stop();
        m_freshnessTimer.stop();
        return;
    }
    const auto earliest = std::min_element(m_waiting.cbegin(), m_waiting.cend(), [](const auto &a, const auto &b) {
        return a.second.deadline < b.second.deadline;
    });
    const auto untilDeadline =
        std::chrono::ceil<std::chrono::milliseconds>(earliest->second.deadline - SteadyClock::now());
    m_deadlineTimer.start(std::max(untilDeadline, std::chrono::milliseconds(0)));

    const QDateTime validUntil = m_jobs.freshnessValidUntil();
    if (!validUntil.isValid()) {
        m_freshnessTimer.stop();
        return;
    }
    // A millisecond late rather than early: the report changes only once `now` has reached the threshold. No wait
    // outlasts MaxStatusWait, so neither need this timer.
    const qint64 ms = std::clamp(QDateTime::currentDateTimeUtc().msecsTo(validUntil) + 1,
                                 qint64(0),
                                 qint64(std::chrono::milliseconds(Api::MaxStatusWait).count()));
    m_freshnessTimer.start(std::chrono::milliseconds(ms));
}

}  // namespace Daemon
