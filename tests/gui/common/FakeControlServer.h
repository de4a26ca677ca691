// SPDX-License-Identifier: MIT
#pragma once

#include <QLocalServer>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <QObject>
#include <QPair>
#include <QStringList>

#include "shared/control/ConfigApi.h"
#include "shared/control/ControlAccess.h"
#include "shared/control/StatusChanges.h"
#include "shared/http/HttpParser.h"

// A control socket that answers like zrepl's daemon of the reference version (the captured wire transcript):
// GET /status with a given document, POST /signal recorded and answered with 200 {} or 500 and a plain-text
// reason. For widget tests, which then run against zrepl's own answers. setAccess() makes it answer like Holdfast's
// daemon instead: every answer names the asker's level (Holdfast-Access), and what the level does not allow is
// refused with 403 and the daemon's explanation. Holdfast's other endpoints (holds, pruning explanations, holds
// actions) answer 404, as zrepl's daemon does, until a test gives them an answer with answerWith(); the
// configuration endpoints as FakeConfigService (FakeConfigService.h) serves them.
//
// enableFeed() adds Holdfast's status feed (/holdfast/v1/status/changes, shared/control/StatusChanges.h): each
// setStatus() and setFreshness() is then a change of a new version, and long polls wait until one comes (or their
// timeout passes). Changes made in the same event-loop turn reach a waiting poll together, as a chain. With
// setFeedConfig() the feed also carries the daemon's configuration state, as Holdfast's daemon does since it has it.
class FakeControlServer final : public QObject
{
    Q_OBJECT

public:
    explicit FakeControlServer(const QString &path, QObject *parent = nullptr);

    // A document the reference zrepl daemon answered (tests/data/zrepl/<name>), to serve with setStatus().
    static QByteArray zreplCapture(const QString &name);

    bool listen();
    void setStatus(const QByteArray &json);
    // The same from the types, without reading JSON (for a benchmark's large documents): with the feed, a change;
    // /status writes the document when asked.
    void setStatus(const Api::DaemonStatus &status);
    // Answer Holdfast's freshness endpoint with this report; empty (the default): 404, as zrepl's daemon.
    void setFreshness(const QByteArray &json);

    // Serve the status feed from now on, starting from the status set so far; off (the default): 404, as zrepl's
    // daemon and an older Holdfast answer.
    void enableFeed();
    quint64 feedVersion() const { return m_version; }
    // The feed carries this configuration state from now on: every whole status, and this call is a change (with the
    // feed on). Without it (the default) the feed carries none, as an older Holdfast's.
    void setFeedConfig(const Api::ConfigStatus &status);
    // The next change is one that cannot fit the status it claims to change (a filesystem that is not there).
    void sendUnfittingChange();
    // The `since` of every feed request, in order of arrival.
    const QList<quint64> &feedRequests() const { return m_feedRequests; }
    int waitingFeedRequests() const;
    // The status the feed has brought a client to: the last one set.
    Api::DaemonStatus feedStatus() const { return m_feedStatus; }
    int freshnessRequests() const { return m_freshnessRequests; }
    // The next signal for `job` is refused with this reason (zrepl: "already woken up").
    void refuseSignal(const QString &job, const QString &reason) { m_refusals.insert(job, reason); }
    // Answer as Holdfast's daemon to a user of this level; nullopt: as zrepl's, which names none and refuses nothing.
    void setAccess(std::optional<Api::AccessLevel> level) { m_access = level; }
    std::optional<Api::AccessLevel> access() const { return m_access; }
    // What a refusal for want of access says.
    void setForbiddenMessage(const QString &message) { m_forbiddenMessage = message; }
    static QString defaultForbiddenMessage();
    QString forbiddenMessage() const { return m_forbiddenMessage; }
    // How a test's stand-in endpoint answers: a status and a body (JSON for 2xx, the reason in plain text else).
    struct Answer
    {
        int status = 200;
        QByteArray body;
    };
    using Handler = std::function<Answer(const Http::Request &request)>;
    // Answer requests for `path` (without the query) with `handler`, after the access check.
    void answerWith(const QByteArray &path, Handler handler) { m_handlers.insert(path, std::move(handler)); }
    // The same with one fixed answer.
    void answerWith(const QByteArray &path, int status, const QByteArray &body)
    {
        answerWith(path, [status, body](const Http::Request &) { return Answer{status, body}; });
    }
    // Every request a handler answered, in order.
    const QList<Http::Request> &handledRequests() const { return m_handled; }
    // Of those, the ones for `path`.
    QList<Http::Request> handledRequests(const QByteArray &path) const;

    // The next request is answered with bytes that are not HTTP, as a broken daemon might.
    void answerGarbageOnce() { m_garbage = true; }
    const QList<QPair<QString, QString>> &signalsReceived() const { return m_signals; }
    int statusRequests() const { return m_statusRequests; }
    // How many requests for `path` (without the query) arrived, whoever answered them.
    int requests(const QByteArray &path) const { return int(m_requestPaths.count(path)); }
    // The path of every request, in order of arrival.
    const QList<QByteArray> &requestPaths() const { return m_requestPaths; }
    int forbiddenRequests() const { return m_forbiddenRequests; }

Q_SIGNALS:
    void signalReceived(const QString &job, const QString &op);

private:
    struct Waiter
    {
        QPointer<QLocalSocket> socket;
        quint64 since = 0;
        qint64 deadlineMSecs = 0;
    };

    void serve(QLocalSocket *socket);
    // nullopt: the request waits (a long poll).
    std::optional<Http::Response> answer(const Http::Request &request, QLocalSocket *socket);
    Http::Response jsonResponse(const QByteArray &body) const;
    Http::Response feedAnswer(quint64 since) const;
    void addChange(Api::StatusChange change);
    void changeFeedStatus(const Api::DaemonStatus &status);
    void wakeWaiters();

    // The feed: every change since the start, serialized as the daemon keeps them.
    bool m_feed = false;
    quint64 m_version = 0;
    quint64 m_firstVersion = 0;
    Api::DaemonStatus m_feedStatus;
    QList<QPair<quint64, QByteArray>> m_changes;  // version -> its change's JSON
    QByteArray m_feedConfig;  // empty: the feed carries none
    QList<quint64> m_feedRequests;
    QList<Waiter> m_waiters;
    QTimer m_waitTimer;
    bool m_wakeQueued = false;

    QString m_path;
    QLocalServer m_server;
    QByteArray m_status = "{}";
    bool m_statusWritten = true;  // false: m_status is to be written from m_feedStatus
    QByteArray m_freshness;
    int m_freshnessRequests = 0;
    QHash<QString, QString> m_refusals;
    QList<QPair<QString, QString>> m_signals;
    int m_statusRequests = 0;
    std::optional<Api::AccessLevel> m_access;
    QString m_forbiddenMessage = defaultForbiddenMessage();
    int m_forbiddenRequests = 0;
    bool m_garbage = false;
    QHash<QByteArray, Handler> m_handlers;
    QList<Http::Request> m_handled;
    QList<QByteArray> m_requestPaths;
};
