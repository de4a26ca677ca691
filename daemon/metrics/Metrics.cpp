// SPDX-License-Identifier: MIT
#include "daemon/metrics/Metrics.h"

#include <prometheus/counter.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

#include "daemon/logging/LogEntry.h"
#include "daemon/health/FreshnessCollector.h"
#include "daemon/metrics/ProcessCollector.h"

namespace Daemon {

namespace {

// zrepl's buckets for the control request histogram (daemon/control.go).
const prometheus::Histogram::BucketBoundaries ControlBuckets{1e-6, 10e-6, 100e-6, 500e-6, 1e-3, 10e-3, 100e-3,
                                                             200e-3, 400e-3, 800e-3, 1, 10, 20};

}  // namespace

Metrics::Metrics()
    : m_registry(std::make_shared<prometheus::Registry>())
    , m_freshness(std::make_shared<Health::FreshnessCollector>())
{
    m_requestBegin = &prometheus::BuildCounter()
                          .Name("zrepl_control_request_begin")
                          .Help("number of request we started to handle")
                          .Register(*m_registry);
    m_requestFinished = &prometheus::BuildHistogram()
                             .Name("zrepl_control_request_finished")
                             .Help("time it took a request to finish")
                             .Register(*m_registry);
    m_logEntries = &prometheus::BuildCounter()
                        .Name("zrepl_daemon_log_entries")
                        .Help("number of log entries per job task and level")
                        .Register(*m_registry);
}

Metrics::~Metrics() = default;

Metrics::EndpointMetrics &Metrics::endpoint(const QString &endpoint)
{
    auto it = m_endpoints.find(endpoint);
    if (it == m_endpoints.end()) {
        const prometheus::Labels labels{{"endpoint", endpoint.toStdString()}};
        it = m_endpoints.insert(endpoint,
                                {&m_requestBegin->Add(labels), &m_requestFinished->Add(labels, ControlBuckets)});
    }
    return *it;
}

void Metrics::controlRequestBegin(const QString &name)
{
    endpoint(name).begin->Increment();
}

void Metrics::controlRequestFinished(const QString &name, double seconds)
{
    endpoint(name).finished->Observe(seconds);
}

void Metrics::logEntry(const QString &job, Log::Level level)
{
    const QString key = job + QLatin1Char('\n') + QLatin1StringView(Log::levelName(level));
    auto it = m_logCounters.find(key);
    if (it == m_logCounters.end()) {
        it = m_logCounters.insert(
            key, &m_logEntries->Add({{"zrepl_job", job.toStdString()}, {"level", Log::levelName(level)}}));
    }
    (*it)->Increment();
}

QByteArray Metrics::exposition() const
{
    std::vector<prometheus::MetricFamily> families = m_registry->Collect();
    const std::vector<prometheus::MetricFamily> process = ProcessCollector().Collect();
    families.insert(families.end(), process.begin(), process.end());
    const std::vector<prometheus::MetricFamily> freshness = m_freshness->Collect();
    families.insert(families.end(), freshness.begin(), freshness.end());
    const std::string text = prometheus::TextSerializer().Serialize(families);
    return QByteArray(text.data(), qsizetype(text.size()));
}

}  // namespace Daemon
