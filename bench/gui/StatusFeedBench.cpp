// SPDX-License-Identifier: MIT
#include "StatusFeedBench.h"

#include <algorithm>
#include <cstdio>

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFutureWatcher>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTimer>

#include <QtConcurrent/QtConcurrentRun>

#include "FakeControlServer.h"
#include "StatusDocument.h"
#include "app/core/JobSummary.h"
#include "app/core/StatusPoller.h"
#include "app/models/JobsTableModel.h"
#include "app/models/ModelRole.h"
#include "app/models/ReplicationModel.h"
#include "shared/control/StatusChanges.h"

using namespace Qt::StringLiterals;
using namespace BenchGui;
using BenchSupport::median;

namespace {

double msSince(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

// The value below which `fraction` of the values lie (the upper one where it falls between two).
double percentile(std::vector<double> values, double fraction)
{
    if (values.empty()) {
        return 0;
    }
    std::sort(values.begin(), values.end());
    const size_t index = std::min(values.size() - 1, size_t(fraction * double(values.size())));
    return values[index];
}

// The models the cost target names, as the window updates them on a status.
struct Models
{
    Gui::JobsTableModel jobs;
    Gui::ReplicationModel replication;

    Models()
    {
        replication.setJob(u"push"_s);
    }

    void update(const Api::DaemonStatus &status, const QDateTime &now)
    {
        jobs.update(Gui::JobSummaries::summarize(status));
        replication.update(status, now);
    }

    // The replication tree shows the filesystem's second step at `bytes`.
    bool shows(int filesystem, qint64 bytes) const
    {
        const QModelIndex fs = replication.index(filesystem, 0, replication.index(0, 0));
        return replication.index(1, Gui::ReplicationModel::ProgressColumn, fs)
                   .data(Gui::BytesReplicatedRole)
                   .toLongLong()
               == bytes;
    }
};

qint64 secondStepBytes(const Api::DaemonStatus &status, int filesystem)
{
    const Api::JobStatus job = status.jobs.value(u"push"_s);
    return job.active()->replication->attempts.at(0).filesystems.at(filesystem).steps.at(1).bytesReplicated;
}

// Runs the event loop until `done` or `timeoutMs`; false on the timeout.
template<typename Done>
bool waitFor(Done done, int timeoutMs = 10'000)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs) {
            return false;
        }
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    }
    return true;
}

}  // namespace

StatusFeedBench::StatusFeedBench(const Settings &settings, BenchSupport::FigureTable &table)
    : m_settings(settings)
    , m_table(table)
{}

Api::DaemonStatus StatusFeedBench::changed(const Api::DaemonStatus &status, int k, int *filesystem) const
{
    const int sending = (m_settings.filesystems + SendingEvery - 1) / SendingEvery;
    *filesystem = (k * 7 % sending) * SendingEvery;
    Api::DaemonStatus next = status;
    auto &active = std::get<Api::ActiveSideStatus>(next.jobs[u"push"_s].specific);
    active.replication->attempts[0].filesystems[*filesystem].steps[1].bytesReplicated += BytesPerRefresh;
    return next;
}

bool StatusFeedBench::run(std::string *error)
{
    return measureCost(error) && measureLatency(error) && measureIdle(error);
}

bool StatusFeedBench::measureCost(std::string *error)
{
    const qint64 t0 = StartAt.toMSecsSinceEpoch() + 60'000;
    Api::DaemonStatus status = document(m_settings.filesystems, 1);
    Models feed;
    Models full;
    feed.update(status, QDateTime::fromMSecsSinceEpoch(t0, Qt::UTC));
    full.update(status, QDateTime::fromMSecsSinceEpoch(t0, Qt::UTC));
    Api::DaemonStatus held = status;  // what the GUI holds on the feed
    quint64 version = 1;
    std::vector<double> parse, apply, jobs, replication, feedTotal, fullTotal, fullParse, answerBytes, onGuiThread,
        handOff;
    for (int k = 0; k < m_settings.costChanges + 1; ++k) {
        int filesystem = 0;
        const Api::DaemonStatus next = changed(status, k, &filesystem);
        const QDateTime now = QDateTime::fromMSecsSinceEpoch(t0 + (k + 1) * 200, Qt::UTC);
        // Not timed: what the daemon writes, both ways.
        Api::StatusChange change = Api::StatusChange::between(status, next);
        change.base = version;
        change.version = ++version;
        const QByteArray answer = Api::StatusChanges::envelope(version, {change.toJson()});
        const QByteArray document = next.toJson();
        status = next;

        QElapsedTimer timer;
        timer.start();
        QString parseError;
        const std::optional<Api::StatusChanges> changes = Api::StatusChanges::fromJson(answer, &parseError);
        const double parsed = msSince(timer);
        if (!changes || changes->changes.size() != 1) {
            *error = "the feed's answer does not parse: " + parseError.toStdString();
            return false;
        }
        timer.restart();
        Api::DaemonStatus applied = held;
        if (!changes->changes.first().applyTo(&applied, &parseError)) {
            *error = "the change does not apply: " + parseError.toStdString();
            return false;
        }
        held = std::move(applied);
        const double appliedMs = msSince(timer);
        timer.restart();
        feed.jobs.update(Gui::JobSummaries::summarize(held));
        const double jobsMs = msSince(timer);
        timer.restart();
        feed.replication.update(held, now);
        const double replicationMs = msSince(timer);

        timer.restart();
        const std::optional<Api::DaemonStatus> whole = Api::DaemonStatus::fromJson(document, &parseError);
        const double wholeParsed = msSince(timer);
        if (!whole) {
            *error = "the /status document does not parse: " + parseError.toStdString();
            return false;
        }
        full.update(*whole, now);
        const double fullMs = msSince(timer);

        // A worker thread's round trip for the same small answer, as StatusPoller would hand off a large one.
        QFutureWatcher<std::optional<Api::StatusChanges>> watcher;
        QEventLoop loop;
        QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
        timer.restart();
        watcher.setFuture(QtConcurrent::run([answer] { return Api::StatusChanges::fromJson(answer, nullptr); }));
        loop.exec();
        const double handOffMs = msSince(timer);

        if (!feed.shows(filesystem, secondStepBytes(next, filesystem))
            || !full.shows(filesystem, secondStepBytes(next, filesystem))) {
            *error = "change " + std::to_string(k) + ": the replication model does not show the filesystem's new bytes";
            return false;
        }
        if (k == 0) {
            continue;  // warm-up
        }
        parse.push_back(parsed);
        apply.push_back(appliedMs);
        jobs.push_back(jobsMs);
        replication.push_back(replicationMs);
        feedTotal.push_back(parsed + appliedMs + jobsMs + replicationMs);
        fullTotal.push_back(fullMs);
        fullParse.push_back(wholeParsed);
        answerBytes.push_back(double(answer.size()));
        onGuiThread.push_back(parsed);
        handOff.push_back(handOffMs);
    }
    if (!(held == status)) {
        *error = "the status the changes built is not the server's";
        return false;
    }
    if (feed.jobs.rowCount() != 1 || feed.jobs.summaries().at(0).filesystemsTotal != m_settings.filesystems) {
        *error = "the jobs table does not show the push job";
        return false;
    }
    m_feedCost = median(feedTotal);
    const std::string fs = std::to_string(m_settings.filesystems) + " fs";
    m_table.add("feed (a): one-filesystem change at " + fs + ": answer size", median(answerBytes), "bytes");
    m_table.add("    parse the answer (StatusChanges::fromJson)", median(parse), "ms", median(fullTotal));
    m_table.add("    apply it to the status (StatusChange::applyTo)", median(apply), "ms", median(fullTotal));
    m_table.add("    JobsTableModel: summarize + update", median(jobs), "ms", median(fullTotal));
    m_table.add("    ReplicationModel::update", median(replication), "ms", median(fullTotal));
    m_table.add("feed (a): answer bytes -> models updated (vs full refresh)", m_feedCost, "ms", median(fullTotal));
    m_table.add("feed (a): the same (vs the 5 ms target)", m_feedCost, "ms", 5.0);
    m_table.add("full refresh: parse /status + the same models (baseline)", median(fullTotal), "ms");
    m_table.add("    of which parse /status", median(fullParse), "ms", median(fullTotal));
    m_table.add(
        "small answer: worker-thread round trip (vs GUI-thread parse)", median(handOff), "ms", median(onGuiThread));
    return true;
}

bool StatusFeedBench::measureLatency(std::string *error)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"control"_s);
    const qint64 t0 = QDateTime::currentMSecsSinceEpoch();
    Api::DaemonStatus status = document(m_settings.filesystems, 1);

    // One change after another, each once the poller waits again (the daemon reports every 200 ms); the clock stops
    // when the models have the change. Then the same with a daemon without the feed, polled every second.
    auto measure = [&](bool onFeed, int count, std::vector<double> *latencies) -> bool {
        FakeControlServer server(path);
        server.setStatus(status.toJson());
        if (onFeed) {
            server.enableFeed();
        }
        if (!server.listen()) {
            *error = "the fake control socket does not listen";
            return false;
        }
        Gui::StatusPoller poller;
        poller.setSocketPath(path);
        poller.setInterval(std::chrono::seconds(1));
        Models models;
        QElapsedTimer clock;
        clock.start();
        qint64 updatedAt = 0;
        int received = 0;
        QObject::connect(&poller, &Gui::StatusPoller::statusReceived, &poller, [&](const Api::DaemonStatus &s) {
            models.update(s, QDateTime::fromMSecsSinceEpoch(t0 + clock.elapsed(), Qt::UTC));
            updatedAt = clock.nsecsElapsed();
            ++received;
        });
        poller.start();
        if (!waitFor([&] { return received == 1 && (!onFeed || server.waitingFeedRequests() == 1); })) {
            *error = "the poller did not get the first status";
            return false;
        }
        if ((poller.feedSupport() == Gui::FeedSupport::Supported) != onFeed) {
            *error = "the poller is not on the feed where it should be, or the reverse";
            return false;
        }
        for (int k = 0; k < count; ++k) {
            int filesystem = 0;
            status = changed(status, k, &filesystem);
            const int before = received;
            qint64 writtenAt = 0;
            if (onFeed) {
                server.setStatus(status);
                writtenAt = clock.nsecsElapsed();
            } else {
                // At a random moment of the poll's second, as a change comes.
                QEventLoop pause;
                QTimer::singleShot(int(QRandomGenerator::global()->bounded(1000)), &pause, &QEventLoop::quit);
                pause.exec();
                const QByteArray json = status.toJson();
                server.setStatus(json);
                writtenAt = clock.nsecsElapsed();
            }
            if (!waitFor([&] { return received > before && (!onFeed || server.waitingFeedRequests() == 1); })) {
                *error = "change " + std::to_string(k) + " did not reach the models";
                return false;
            }
            if (!models.shows(filesystem, secondStepBytes(status, filesystem))) {
                *error = "change " + std::to_string(k) + ": the models do not show the server's bytes";
                return false;
            }
            latencies->push_back(double(updatedAt - writtenAt) / 1e6);
        }
        if (!(poller.lastStatus() == status)) {
            *error = "the poller's status is not the server's";
            return false;
        }
        return true;
    };
    std::vector<double> feed;
    std::vector<double> polling;
    if (!measure(true, m_settings.latencyChanges, &feed) || !measure(false, m_settings.pollingChanges, &polling)) {
        return false;
    }
    m_latencyP99 = percentile(feed, 0.99);
    const std::string n = std::to_string(m_settings.latencyChanges);
    m_table.add("feed (b): change written -> models updated, p50 of " + n,
                percentile(feed, 0.5),
                "ms",
                percentile(polling, 0.5));
    m_table.add("feed (b): the same, p99 (vs the 50 ms target)", m_latencyP99, "ms", 50.0);
    m_table.add("feed (b): the same, max", percentile(feed, 1.0), "ms", percentile(polling, 1.0));
    m_table.add("polling 1 s (b): p50 of " + std::to_string(m_settings.pollingChanges) + " (baseline)",
                percentile(polling, 0.5),
                "ms");
    m_table.add("polling 1 s (b): max", percentile(polling, 1.0), "ms");
    return true;
}

bool StatusFeedBench::measureIdle(std::string *error)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"control"_s);
    const QByteArray status = document(100, 1).toJson();
    Api::FreshnessReport freshness;
    freshness.computedAt = Api::Timestamp::fromUnix(1795521600);
    auto requestsWhileIdle = [&](bool onFeed, double *requests) {
        FakeControlServer server(path);
        server.setStatus(status);
        server.setFreshness(freshness.toJson());
        if (onFeed) {
            server.enableFeed();
        }
        if (!server.listen()) {
            *error = "the fake control socket does not listen";
            return false;
        }
        auto count = [&server] {
            return server.statusRequests() + server.freshnessRequests() + int(server.feedRequests().size());
        };
        Gui::StatusPoller poller;
        poller.setSocketPath(path);
        poller.setInterval(std::chrono::seconds(1));  // the window's
        bool received = false;
        QObject::connect(&poller, &Gui::StatusPoller::statusReceived, &poller, [&] { received = true; });
        poller.start();
        if (!waitFor([&] { return received && (!onFeed || server.waitingFeedRequests() == 1); })) {
            *error = "the poller did not get the first status";
            return false;
        }
        const int before = count();
        QEventLoop idle;
        QTimer::singleShot(m_settings.idle, &idle, &QEventLoop::quit);
        idle.exec();
        *requests = double(count() - before);
        return true;
    };
    double feed = 0;
    double polling = 0;
    if (!requestsWhileIdle(true, &feed) || !requestsWhileIdle(false, &polling)) {
        return false;
    }
    m_idleFeedRequests = feed;
    const std::string seconds = std::to_string(double(m_settings.idle.count()) / 1000.0).substr(0, 3);
    m_table.add("feed (c): requests while idle for " + seconds + " s", feed, "", polling);
    m_table.add("polling 1 s (c): requests while idle, /status + freshness (baseline)", polling, "");
    return true;
}

std::string StatusFeedBench::verdict() const
{
    char text[320];
    std::snprintf(
        text,
        sizeof text,
        "status feed: a one-filesystem change costs the GUI thread %.2f ms (target 5 ms: %s); a change reaches "
        "the models in %.1f ms at p99 (target 50 ms: %s); %d requests while idle (target 0: %s)",
        m_feedCost,
        m_feedCost <= 5.0 ? "met" : "NOT met",
        m_latencyP99,
        m_latencyP99 <= 50.0 ? "met" : "NOT met",
        int(m_idleFeedRequests),
        m_idleFeedRequests == 0 ? "met" : "NOT met");
    return text;
}
