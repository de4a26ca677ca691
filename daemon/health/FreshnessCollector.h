// SPDX-License-Identifier: MIT
#pragma once

#include <prometheus/collectable.h>

#include <QMap>
#include <QString>

#include <mutex>

#include "daemon/health/FreshnessTracker.h"

namespace Health {

// The freshness metrics (README "Monitoring many machines"), computed at each scrape from the jobs' latest
// snapshots so that health moves with the clock. The Prometheus listener scrapes from its own thread: the jobs
// hand copies over under a lock (their containers are implicitly shared, so a copy is cheap).
//
// Cardinality: one series per job and metric, plus one per filesystem for at most MaxFilesystemsPerJob
// filesystems of each job (the least healthy first); holdfast_filesystem_series_dropped says how many were
// left out.
class FreshnessCollector final : public prometheus::Collectable
{
public:
    static constexpr int MaxFilesystemsPerJob = 1000;

    explicit FreshnessCollector(int maxFilesystemsPerJob = MaxFilesystemsPerJob);

    void update(const FreshnessTracker &job);
    void remove(const QString &job);

    std::vector<prometheus::MetricFamily> Collect() const override;
    // For tests: the families at a given time.
    std::vector<prometheus::MetricFamily> collectAt(const QDateTime &now) const;

private:
    int m_maxFilesystems;
    mutable std::mutex m_mutex;
    QMap<QString, FreshnessTracker> m_jobs;
    qint64 m_startTime;
};

}  // namespace Health
