// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

#include <memory>

namespace prometheus {
class Counter;
class Histogram;
class Registry;
template<typename T>
class Family;
}  // namespace prometheus

namespace Health {
class FreshnessCollector;
}

namespace Log {
enum class Level;
}

namespace Daemon {

// The daemon's Prometheus registry and the metrics the control plane feeds, under zrepl's names so that existing
// dashboards keep working. Jobs register their own families on registry().
class Metrics
{
public:
    Metrics();
    ~Metrics();

    std::shared_ptr<prometheus::Registry> registry() const { return m_registry; }
    // The jobs' freshness and health (computed at each scrape).
    std::shared_ptr<Health::FreshnessCollector> freshness() const { return m_freshness; }

    // zrepl_control_request_begin{endpoint} and zrepl_control_request_finished{endpoint} (seconds).
    void controlRequestBegin(const QString &endpoint);
    void controlRequestFinished(const QString &endpoint, double seconds);
    // zrepl_daemon_log_entries{zrepl_job, level}
    void logEntry(const QString &job, Log::Level level);

    // The text exposition format (what GET /metrics answers).
    QByteArray exposition() const;

private:
    struct EndpointMetrics
    {
        prometheus::Counter *begin = nullptr;
        prometheus::Histogram *finished = nullptr;
    };
    EndpointMetrics &endpoint(const QString &endpoint);

    std::shared_ptr<prometheus::Registry> m_registry;
    std::shared_ptr<Health::FreshnessCollector> m_freshness;
    prometheus::Family<prometheus::Counter> *m_requestBegin = nullptr;
    prometheus::Family<prometheus::Histogram> *m_requestFinished = nullptr;
    prometheus::Family<prometheus::Counter> *m_logEntries = nullptr;
    QHash<QString, EndpointMetrics> m_endpoints;
    QHash<QString, prometheus::Counter *> m_logCounters;
};

}  // namespace Daemon
