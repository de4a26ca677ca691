// SPDX-License-Identifier: MIT
#include "daemon/health/FreshnessCollector.h"

#include <QDateTime>

#include <algorithm>

#include <prometheus/client_metric.h>
#include <prometheus/metric_family.h>
#include <prometheus/metric_type.h>

#include "shared/control/VersionInfo.h"

using namespace Qt::StringLiterals;

namespace Health {

namespace {

using prometheus::ClientMetric;
using prometheus::MetricFamily;
using prometheus::MetricType;

MetricFamily family(const char *name, const char *help, MetricType type = MetricType::Gauge)
{
    return MetricFamily{name, help, type, {}};
}

void add(MetricFamily &f, std::vector<ClientMetric::Label> labels, double value)
{
    ClientMetric m;
    m.label = std::move(labels);
    if (f.type == MetricType::Counter) {
        m.counter.value = value;
    } else {
        m.gauge.value = value;
    }
    f.metric.push_back(std::move(m));
}

bool isReplicating(const QString &type)
{
    return type == u"push" || type == u"pull";
}

}  // namespace

FreshnessCollector::FreshnessCollector(int maxFilesystemsPerJob)
    : m_maxFilesystems(maxFilesystemsPerJob)
    , m_startTime(QDateTime::currentSecsSinceEpoch())
{
}

void FreshnessCollector::update(const FreshnessTracker &job)
{
    const std::lock_guard lock(m_mutex);
    m_jobs.insert(job.job(), job);
}

void FreshnessCollector::remove(const QString &job)
{
    const std::lock_guard lock(m_mutex);
    m_jobs.remove(job);
}

std::vector<prometheus::MetricFamily> FreshnessCollector::Collect() const
{
    return collectAt(QDateTime::currentDateTimeUtc());
}

std::vector<prometheus::MetricFamily> FreshnessCollector::collectAt(const QDateTime &now) const
{
    QMap<QString, FreshnessTracker> jobs;
    {
        const std::lock_guard lock(m_mutex);
        jobs = m_jobs;
    }

    MetricFamily start = family("zrepl_start_time", "zrepl daemon start time and version");
    const Api::VersionInfo version = Api::VersionInfo::current();
    add(start, {{"raw", version.version.toStdString()}, {"version_info", version.toString().toStdString()}}, double(m_startTime));
    MetricFamily lastSuccessful = family("zrepl_replication_last_successful", "timestamp of last successful replication");
    MetricFamily fsErrors = family("zrepl_replication_filesystem_errors",
        "number of filesystems that failed replication in the latest replication attempt, or -1 if the job failed before enumerating the filesystems");
    MetricFamily bytes = family("zrepl_replication_bytes_replicated",
        "number of bytes replicated from sender to receiver per filesystem", MetricType::Counter);
    MetricFamily jobHealth = family("holdfast_job_health", "job health: 0 ok, 1 warning, 2 critical, 3 unknown");
    MetricFamily warningAfter = family("holdfast_job_warning_after_seconds", "age of the newest replica at which the job warns");
    MetricFamily criticalAfter = family("holdfast_job_critical_after_seconds", "age of the newest replica at which the job is critical");
    MetricFamily snapshotInterval = family("holdfast_job_snapshot_interval_seconds", "the job's snapshot interval, 0 when not periodic");
    MetricFamily paused = family("holdfast_job_paused", "1 while the job's replication is paused (signal pause), else 0");
    MetricFamily pruningErrors = family("holdfast_pruning_errors",
        "filesystems whose pruning failed in the latest run, -1 if the pruner failed before listing them");
    MetricFamily stalls = family("holdfast_replication_stalls_total", "replication steps aborted by the stall watchdog", MetricType::Counter);
    MetricFamily dropped = family("holdfast_filesystem_series_dropped", "filesystems of the job left out of the per-filesystem series (cardinality bound)");
    MetricFamily fsHealth = family("holdfast_filesystem_health", "filesystem health: 0 ok, 1 warning, 2 critical, 3 unknown");
    MetricFamily replicatedAt = family("holdfast_filesystem_replicated_snapshot_timestamp_seconds",
        "creation time of the newest snapshot the receiver has");
    MetricFamily lastSuccess = family("holdfast_filesystem_last_success_timestamp_seconds", "when replication last confirmed the filesystem");
    MetricFamily newestAt = family("holdfast_filesystem_newest_snapshot_timestamp_seconds", "creation time of the newest snapshot");
    MetricFamily snapshots = family("holdfast_filesystem_snapshots", "snapshots of the filesystem");
    MetricFamily unreplicated = family("holdfast_filesystem_unreplicated_snapshots", "snapshots newer than the newest replica");
    MetricFamily unreplicatedBytes = family("holdfast_filesystem_unreplicated_bytes", "estimated bytes of the steps not replicated yet");

    for (const FreshnessTracker &tracker : std::as_const(jobs)) {
        const std::string job = tracker.job().toStdString();
        const Api::JobFreshness freshness = tracker.evaluate(now);
        const std::vector<ClientMetric::Label> jobLabel{{"zrepl_job", job}};
        add(jobHealth, jobLabel, int(freshness.health));
        add(warningAfter, jobLabel, double(freshness.warningAfterSeconds));
        add(criticalAfter, jobLabel, double(freshness.criticalAfterSeconds));
        add(snapshotInterval, jobLabel, double(freshness.snapshotIntervalSeconds));
        for (auto it = tracker.pruningErrors().cbegin(); it != tracker.pruningErrors().cend(); ++it) {
            add(pruningErrors, {{"side", it.key().toStdString()}, {"zrepl_job", job}}, it.value());
        }
        if (isReplicating(freshness.type)) {
            add(lastSuccessful, jobLabel, freshness.lastSuccessAt.isZero() ? 0.0 : double(freshness.lastSuccessAt.unixSeconds()));
            add(fsErrors, jobLabel, tracker.filesystemErrors());
            add(stalls, jobLabel, double(tracker.stalls()));
            if (freshness.type == u"push" || freshness.type == u"pull") {
                add(paused, jobLabel, freshness.paused ? 1.0 : 0.0);
            }
        }

        // The least healthy filesystems first, so that a bound keeps the ones an operator must see.
        QList<const Api::FilesystemFreshness *> order;
        for (const Api::FilesystemFreshness &fs : freshness.filesystems) {
            order.append(&fs);
        }
        auto rank = [](Api::Health h) { return h == Api::Health::Ok ? 0 : h == Api::Health::Unknown ? 1 : h == Api::Health::Warning ? 2 : 3; };
        std::stable_sort(order.begin(), order.end(), [&rank](const auto *a, const auto *b) { return rank(a->health) > rank(b->health); });
        const qsizetype kept = std::min<qsizetype>(order.size(), m_maxFilesystems);
        add(dropped, jobLabel, double(order.size() - kept));
        for (qsizetype i = 0; i < kept; ++i) {
            const Api::FilesystemFreshness &fs = *order[i];
            const std::vector<ClientMetric::Label> labels{{"filesystem", fs.filesystem.toStdString()}, {"zrepl_job", job}};
            add(fsHealth, labels, int(fs.health));
            add(snapshots, labels, fs.snapshots);
            if (fs.replicatedSnapshot) {
                add(replicatedAt, labels, double(fs.replicatedSnapshot->creation.unixSeconds()));
            }
            if (!fs.lastSuccessAt.isZero()) {
                add(lastSuccess, labels, double(fs.lastSuccessAt.unixSeconds()));
            }
            if (fs.newestSnapshot) {
                add(newestAt, labels, double(fs.newestSnapshot->creation.unixSeconds()));
            }
            if (freshness.type != u"sink" && freshness.type != u"snap") {
                add(unreplicated, labels, fs.unreplicatedSnapshots);
                if (fs.unreplicatedBytes) {
                    add(unreplicatedBytes, labels, double(*fs.unreplicatedBytes));
                }
            }
            if (isReplicating(freshness.type)) {
                add(bytes, labels, double(tracker.facts(fs.filesystem).bytesReplicated));
            }
        }
    }

    std::vector<MetricFamily> families;
    for (MetricFamily *f : {&start, &lastSuccessful, &fsErrors, &bytes, &jobHealth, &warningAfter, &criticalAfter, &snapshotInterval,
                            &paused, &pruningErrors, &stalls, &dropped, &fsHealth, &replicatedAt, &lastSuccess, &newestAt, &snapshots,
                            &unreplicated, &unreplicatedBytes}) {
        if (!f->metric.empty() || f == &start) {
            families.push_back(std::move(*f));
        }
    }
    return families;
}

}  // namespace Health
