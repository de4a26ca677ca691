// SPDX-License-Identifier: MIT
#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <map>

#include <QByteArray>
#include <QObject>
#include <QTimer>

#include "daemon/control/HttpHandler.h"
#include "shared/control/JobStatus.h"

namespace Daemon {

class JobRegistry;

// GET /holdfast/v1/status/changes (shared/control/StatusChanges.h): the status as numbered changes, answered as soon
// as there is one after the version a client asks from. A client that is up to date waits; when a job reports,
// the change from the last published status is computed once in the next event-loop turn (so that the reports of
// one turn make one change), serialized once, and the same bytes answer every waiting client. Nothing is published
// while nobody waits: the registry's reports only mark the status dirty, and the next request publishes first.
// The daemon's configuration state comes along the same way (setConfigSource()): marked changed by the runtime and
// the file watcher, read and compared only when publishing, carried by a change when it differs and by every whole
// status.
//
// Memory is bounded whatever the clients do: a waiting request holds its reply callback and nothing else; at most
// MaxWaiting wait (503 beyond); the last MaxKeptChanges changes (at most MaxKeptBytes together) are kept, a client
// further behind gets the whole status; a client that goes away while waiting is forgotten at once.
class StatusFeed final : public QObject
{
    Q_OBJECT

public:
    static constexpr int MaxWaiting = 256;
    static constexpr qsizetype MaxKeptChanges = 32;
    static constexpr qsizetype MaxKeptBytes = 8 * 1024 * 1024;
    static constexpr std::chrono::seconds DefaultWait{60};

    explicit StatusFeed(JobRegistry &jobs, QObject *parent = nullptr);
    ~StatusFeed() override;

    // Answers a GET or HEAD of the endpoint, now or when something changes or the wait ends.
    void handle(const Http::Request &request, HttpHandler::Reply reply);

    // Where the configuration state comes from (Api::ConfigStatus::toJson()); none: the changes carry none.
    void setConfigSource(std::function<QByteArray()> source);
    // The configuration state may have changed (a reload, a restart that waited, the file on disk): it is read
    // again at the next publish.
    void markConfigChanged();

    // The version of the status last published (the instance's first version before anything was).
    quint64 version() const
    {
        return m_version;
    }

    int waitingCount() const
    {
        return int(m_waiting.size());
    }

    qsizetype keptChanges() const
    {
        return qsizetype(m_kept.size());
    }

    // The serialized changes and the answer the feed holds.
    qsizetype keptBytes() const;

private:
    struct KeptChange
    {
        quint64 base = 0;
        quint64 version = 0;
        QByteArray json;
    };

    struct Waiter
    {
        quint64 since = 0;
        std::chrono::steady_clock::time_point deadline;
        HttpHandler::Reply reply;
        QMetaObject::Connection closed;
        QMetaObject::Connection destroyed;
    };

    void markDirty();
    void schedulePublish();
    // Publishes a new version when the status (if marked dirty), the freshness report or the configuration state
    // (if marked changed) differs from the last published; then answers every waiting client.
    void publish();
    void keep(KeptChange change);
    // The answer body for a client at `since`: the chain from it, the whole status, or no change.
    QByteArray answerFor(quint64 since);
    QByteArray fullChangeJson() const;
    void wait(quint64 since, std::chrono::seconds timeout, HttpHandler::Reply reply);
    void forget(quint64 id);
    void answerWaiting();
    void answerExpired();
    void armTimers();

    JobRegistry &m_jobs;
    quint64 m_version;
    bool m_started = false;  // something was published
    bool m_dirty = true;
    Api::DaemonStatus m_status;  // as published; shared copies of the jobs' reports
    QByteArray m_freshness;
    std::function<QByteArray()> m_configSource;
    bool m_configDirty = false;
    QByteArray m_config;  // as published; empty without a source
    std::deque<KeptChange> m_kept;
    qsizetype m_keptBytes = 0;
    // The last answer made, shared by the clients at the same version (0: the whole status).
    quint64 m_answerSince = 0;
    quint64 m_answerVersion = 0;
    QByteArray m_answer;
    std::map<quint64, Waiter> m_waiting;
    quint64 m_nextWaiter = 0;
    QTimer m_publishTimer;    // zero: the reports of one event-loop turn make one change
    QTimer m_deadlineTimer;   // the earliest wait's end
    QTimer m_freshnessTimer;  // the freshness report's next change by time, while someone waits
};

}  // namespace Daemon
