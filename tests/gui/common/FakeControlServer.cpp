// SPDX-License-Identifier: MIT
#include "FakeControlServer.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QUrlQuery>

#include "shared/control/Freshness.h"
#include "shared/http/HttpWriter.h"

using namespace Qt::StringLiterals;

QByteArray FakeControlServer::zreplCapture(const QString &name)
{
    QFile file(QStringLiteral(HOLDFAST_TEST_DATA_DIR "/zrepl/") + name);
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("cannot read %s", qPrintable(file.fileName()));
    }
    return file.readAll();
}

FakeControlServer::FakeControlServer(const QString &path, QObject *parent)
    : QObject(parent)
    , m_path(path)
{
    connect(&m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket *socket = m_server.nextPendingConnection()) {
            serve(socket);
        }
    });
    m_waitTimer.setSingleShot(true);
    connect(&m_waitTimer, &QTimer::timeout, this, &FakeControlServer::wakeWaiters);
}

void FakeControlServer::setStatus(const QByteArray &json)
{
    m_status = json;
    m_statusWritten = true;
    if (!m_feed) {
        return;
    }
    QString error;
    const std::optional<Api::DaemonStatus> status = Api::DaemonStatus::fromJson(json, &error);
    if (!status) {
        qFatal("the fake's status does not parse: %s", qPrintable(error));
    }
    changeFeedStatus(*status);
}

void FakeControlServer::setStatus(const Api::DaemonStatus &status)
{
    if (!m_feed) {
        setStatus(status.toJson());
        return;
    }
    m_statusWritten = false;
    changeFeedStatus(status);
}

void FakeControlServer::changeFeedStatus(const Api::DaemonStatus &status)
{
    Api::StatusChange change = Api::StatusChange::between(m_feedStatus, status);
    m_feedStatus = status;
    if (!change.isEmpty()) {
        addChange(std::move(change));
    }
}

void FakeControlServer::setFreshness(const QByteArray &json)
{
    m_freshness = json;
    if (m_feed && !json.isEmpty()) {
        Api::StatusChange change;
        change.freshness = json;
        addChange(std::move(change));
    }
}

void FakeControlServer::setFeedConfig(const Api::ConfigStatus &status)
{
    m_feedConfig = status.toJson();
    if (m_feed) {
        Api::StatusChange change;
        change.config = m_feedConfig;
        addChange(std::move(change));
    }
}

void FakeControlServer::enableFeed()
{
    m_feed = true;
    // As the daemon: the first version is the start time in microseconds, so that another instance never reuses one.
    m_version = quint64(QDateTime::currentMSecsSinceEpoch()) * 1000;
    m_firstVersion = m_version;
    QString error;
    const std::optional<Api::DaemonStatus> status = Api::DaemonStatus::fromJson(m_status, &error);
    if (!status) {
        qFatal("the fake's status does not parse: %s", qPrintable(error));
    }
    m_feedStatus = *status;
}

void FakeControlServer::sendUnfittingChange()
{
    Api::StatusChange change;
    Api::JobPatch patch;
    Api::FilesystemReport report;
    report.name = u"tank/nosuch"_s;
    patch.filesystems.append(Api::FilesystemChange{0, 1'000'000, report});
    change.patched.insert(m_feedStatus.jobs.isEmpty() ? u"nosuch"_s : m_feedStatus.jobs.lastKey(), patch);
    addChange(std::move(change));
}

void FakeControlServer::addChange(Api::StatusChange change)
{
    change.base = m_version;
    change.version = ++m_version;
    m_changes.append(qMakePair(change.version, change.toJson()));
    // Not at once: changes made in the same turn of the event loop reach a waiting poll together.
    if (!m_wakeQueued) {
        m_wakeQueued = true;
        QMetaObject::invokeMethod(this, &FakeControlServer::wakeWaiters, Qt::QueuedConnection);
    }
}

int FakeControlServer::waitingFeedRequests() const
{
    int waiting = 0;
    for (const Waiter &waiter : m_waiters) {
        waiting += waiter.socket && waiter.socket->state() == QLocalSocket::ConnectedState ? 1 : 0;
    }
    return waiting;
}

Http::Response FakeControlServer::feedAnswer(quint64 since) const
{
    const bool known = since != 0 && since >= m_firstVersion && since <= m_version;
    QList<QByteArray> changes;
    if (!known) {
        // A version of another instance, or since=0: the whole status, with the freshness report when there is one.
        Api::StatusChange full;
        full.version = m_version;
        full.full = m_feedStatus;
        if (!m_freshness.isEmpty()) {
            full.freshness = m_freshness;
        }
        if (!m_feedConfig.isEmpty()) {
            full.config = m_feedConfig;
        }
        changes.append(full.toJson());
    } else {
        for (const auto &[version, json] : m_changes) {
            if (version > since) {
                changes.append(json);
            }
        }
    }
    return jsonResponse(Api::StatusChanges::envelope(m_version, changes));
}

Http::Response FakeControlServer::jsonResponse(const QByteArray &body) const
{
    Http::Response response;
    response.headers.add("Content-Type", "application/json");
    if (m_access) {
        response.headers.add(Api::AccessHeader.toByteArray(), Api::accessLevelToken(*m_access));
    }
    response.body = body;
    return response;
}

void FakeControlServer::wakeWaiters()
{
    m_wakeQueued = false;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    qint64 nextDeadline = 0;
    QList<Waiter> still;
    for (const Waiter &waiter : std::as_const(m_waiters)) {
        if (!waiter.socket || waiter.socket->state() != QLocalSocket::ConnectedState) {
            continue;  // the client went away while it waited
        }
        if (waiter.since != m_version || waiter.deadlineMSecs <= now) {
            waiter.socket->write(Http::serialize(feedAnswer(waiter.since)));
            continue;
        }
        still.append(waiter);
        nextDeadline = nextDeadline == 0 ? waiter.deadlineMSecs : std::min(nextDeadline, waiter.deadlineMSecs);
    }
    m_waiters = still;
    if (nextDeadline != 0) {
        m_waitTimer.start(int(std::max<qint64>(nextDeadline - now, 0)));
    }
}

bool FakeControlServer::listen()
{
    QLocalServer::removeServer(m_path);
    return m_server.listen(m_path);
}

void FakeControlServer::serve(QLocalSocket *socket)
{
    auto parser = std::make_shared<Http::RequestParser>();
    auto buffer = std::make_shared<QByteArray>();
    connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
    connect(socket, &QLocalSocket::readyRead, this, [this, socket, parser, buffer] {
        buffer->append(socket->readAll());
        while (!buffer->isEmpty()) {
            const Http::ParseResult result = parser->parse(*buffer);
            buffer->remove(0, result.consumed);
            if (result.status == Http::ParseStatus::HeadComplete) {
                continue;
            }
            if (result.status != Http::ParseStatus::Complete) {
                return;
            }
            const Http::Request request = parser->takeRequest();
            if (std::exchange(m_garbage, false)) {
                socket->write(QByteArray("garbage\r\n\r\n"));
                continue;
            }
            const std::optional<Http::Response> response = answer(request, socket);
            if (!response) {
                return;  // a long poll waits; its client sends nothing else meanwhile
            }
            socket->write(Http::serialize(*response));
        }
    });
}

QList<Http::Request> FakeControlServer::handledRequests(const QByteArray &path) const
{
    QList<Http::Request> out;
    for (const Http::Request &request : m_handled) {
        if (request.path == path) {
            out.append(request);
        }
    }
    return out;
}

QString FakeControlServer::defaultForbiddenMessage()
{
    return u"permission denied: alice (uid 1000) may read the status, but signals and the profiler need root or "
           "membership of group 'holdfast-admin'"_s;
}

std::optional<Http::Response> FakeControlServer::answer(const Http::Request &request, QLocalSocket *socket)
{
    m_requestPaths.append(request.path);
    Http::Response response;
    response.headers.add("Content-Type", "text/plain; charset=utf-8");
    if (m_access) {
        response.headers.add(Api::AccessHeader.toByteArray(), Api::accessLevelToken(*m_access));
        // The levels are ordered: None < Status < Admin.
        if (int(*m_access) < int(Api::requiredAccess(request.method, request.path))) {
            ++m_forbiddenRequests;
            response.status = 403;
            response.body = m_forbiddenMessage.toUtf8() + '\n';
            return response;
        }
    }
    if (const auto handler = m_handlers.constFind(request.path); handler != m_handlers.cend()) {
        m_handled.append(request);
        const Answer answer = (*handler)(request);
        response.status = answer.status;
        response.body = answer.body;
        if (answer.status >= 200 && answer.status < 300) {
            response.headers.set("Content-Type", "application/json");
        }
        return response;
    }
    if (m_feed && request.path == Api::HoldfastEndpoint::StatusChanges) {
        const QUrlQuery query(QString::fromUtf8(request.query));
        bool sinceOk = false;
        bool timeoutOk = false;
        const quint64 since = query.queryItemValue(u"since"_s).toULongLong(&sinceOk);
        const qint64 timeout = query.queryItemValue(u"timeout"_s).toLongLong(&timeoutOk);
        if (!sinceOk || !timeoutOk || timeout < 0) {
            response.status = 400;
            response.body = sinceOk ? "invalid timeout" : "invalid since";
            return response;
        }
        m_feedRequests.append(since);
        if (since != m_version || timeout == 0) {
            return feedAnswer(since);
        }
        m_waiters.append(Waiter{socket, since, QDateTime::currentMSecsSinceEpoch() + timeout * 1000});
        if (!m_wakeQueued) {
            wakeWaiters();  // arms the timer for the deadline
        }
        return std::nullopt;
    }
    if (request.path == "/status") {
        ++m_statusRequests;
        if (!m_statusWritten) {
            m_status = m_feedStatus.toJson();
            m_statusWritten = true;
        }
        response.body = m_status;
    } else if (request.path == Api::HoldfastEndpoint::Freshness && !m_freshness.isEmpty()) {
        ++m_freshnessRequests;
        response.body = m_freshness;
    } else if (request.path == "/signal") {
        const QJsonObject body = QJsonDocument::fromJson(request.body).object();
        const QString job = body.value(u"Name"_s).toString();
        const QString op = body.value(u"Op"_s).toString();
        m_signals.append(qMakePair(job, op));
        Q_EMIT signalReceived(job, op);
        if (m_refusals.contains(job)) {
            response.status = 500;
            response.body = m_refusals.take(job).toUtf8();
        } else {
            response.body = "{}\n";
        }
    } else {
        if (request.path == Api::HoldfastEndpoint::Freshness) {
            ++m_freshnessRequests;
        }
        response.status = 404;
        response.body = "404 page not found\n";
    }
    return response;
}
