// SPDX-License-Identifier: MIT
#include <QTest>

#include <prometheus/metric_family.h>

#include "daemon/cli/MonitorCheck.h"
#include "daemon/config/ConfigParser.h"
#include "daemon/health/FreshnessCollector.h"
#include "daemon/health/FreshnessTracker.h"
#include "daemon/health/HealthPolicy.h"
#include "shared/control/Freshness.h"

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

const QDateTime Now = QDateTime::fromSecsSinceEpoch(1796490000, Qt::UTC);

Api::Timestamp ago(std::chrono::seconds age)
{
    return Api::Timestamp::fromUnix(Now.toSecsSinceEpoch() - age.count());
}

Config::Job parseJob(const QByteArray &jobYaml, QString *error = nullptr)
{
    const QByteArray yaml = "jobs:\n" + jobYaml;
    Config::Error parseError;
    const std::optional<Config::Root> root = Config::parseBytes(yaml, u"test.yml"_s, &parseError);
    if (!root) {
        if (error) {
            *error = parseError.toString();
        }
        return {};
    }
    return root->jobs.value(0);
}

const QByteArray PushJob = R"(  - name: push
    type: push
    connect: {type: local, listener_name: backup, client_identity: ws}
    filesystems: {"pool<": true}
    snapshotting: {type: periodic, prefix: hf_, interval: 10m}
    pruning:
      keep_sender: [{type: not_replicated}]
      keep_receiver: [{type: last_n, count: 10}]
)";

Health::FilesystemFacts replicatedFacts(std::chrono::seconds age, int snapshots = 3)
{
    Health::FilesystemFacts facts;
    facts.snapshots = snapshots;
    facts.newest = Api::SnapshotRef{u"hf_new"_s, ago(age)};
    facts.replicated = facts.newest;
    facts.lastSuccessAt = ago(age);
    return facts;
}

}  // namespace

class TestHealth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultThresholdsFollowTheInterval()
    {
        const Health::Thresholds t = Health::HealthPolicy::thresholdsFor(parseJob(PushJob));
        QCOMPARE(t.cadence, 600s);
        QCOMPARE(t.warningAfter, 1800s);  // three intervals
        QCOMPARE(t.criticalAfter, std::chrono::seconds(24h));  // at least a day
        QCOMPARE(t.snapshotInterval, 600s);
    }

    void thresholdsWithoutInterval()
    {
        const Config::Job sink = parseJob(R"(  - name: sink
    type: sink
    root_fs: backup
    serve: {type: local, listener_name: backup}
)");
        const Health::Thresholds t = Health::HealthPolicy::thresholdsFor(sink);
        QCOMPARE(t.cadence, 0s);
        QCOMPARE(t.warningAfter, std::chrono::seconds(25h));
        QCOMPARE(t.criticalAfter, std::chrono::seconds(49h));
        // A daily interval: warning after three days, critical after six.
        Config::Job daily = parseJob(QByteArray(PushJob).replace("interval: 10m", "interval: 24h"));
        QCOMPARE(Health::HealthPolicy::thresholdsFor(daily).warningAfter, std::chrono::seconds(72h));
        QCOMPARE(Health::HealthPolicy::thresholdsFor(daily).criticalAfter, std::chrono::seconds(144h));
    }

    void configuredThresholds()
    {
        Config::Job job = parseJob(PushJob + "    health: {warning_after: 2h, critical_after: 6h}\n");
        Health::Thresholds t = Health::HealthPolicy::thresholdsFor(job);
        QCOMPARE(t.warningAfter, std::chrono::seconds(2h));
        QCOMPARE(t.criticalAfter, std::chrono::seconds(6h));
        // Only a warning: critical at max(24 h, twice the warning).
        job = parseJob(PushJob + "    health: {warning_after: 20h}\n");
        QCOMPARE(Health::HealthPolicy::thresholdsFor(job).criticalAfter, std::chrono::seconds(40h));
        // Only a critical below the default warning: the warning comes down to it.
        job = parseJob(PushJob + "    health: {critical_after: 20m}\n");
        t = Health::HealthPolicy::thresholdsFor(job);
        QCOMPARE(t.warningAfter, 1200s);
        QCOMPARE(t.criticalAfter, 1200s);
    }

    void badHealthConfigIsRefusedWithItsPosition()
    {
        QString error;
        parseJob(PushJob + "    health: {warning_after: 6h, critical_after: 2h}\n", &error);
        QVERIFY2(error.contains(u"critical_after must not be shorter than warning_after"_s), qPrintable(error));
        QVERIFY2(error.contains(u"test.yml:"_s), qPrintable(error));
        parseJob(PushJob + "    health: {warning_after: soon}\n", &error);
        QVERIFY2(error.contains(u"warning_after"_s), qPrintable(error));
        parseJob(PushJob + "    health: {warn: 1h}\n", &error);
        QVERIFY2(error.contains(u"warn"_s), qPrintable(error));
    }

    void okWarningCriticalByAge()
    {
        const Health::Thresholds t = Health::HealthPolicy::thresholdsFor(parseJob(PushJob));
        Health::FreshnessTracker tracker(u"push"_s, u"push"_s, t, false);
        tracker.update(u"pool/a"_s, replicatedFacts(5min));
        Api::JobFreshness job = tracker.evaluate(Now);
        QCOMPARE(job.filesystems.size(), 1);
        QCOMPARE(int(job.filesystems[0].health), int(Api::Health::Ok));
        QCOMPARE(int(job.health), int(Api::Health::Ok));
        QCOMPARE(job.filesystems[0].healthReason, u"newest replicated snapshot within 30 min"_s);

        tracker.update(u"pool/a"_s, replicatedFacts(31min));
        job = tracker.evaluate(Now);
        QCOMPARE(int(job.filesystems[0].health), int(Api::Health::Warning));
        QCOMPARE(job.filesystems[0].healthReason, u"newest replicated snapshot older than 30 min (warning threshold)"_s);

        tracker.update(u"pool/a"_s, replicatedFacts(25h));
        job = tracker.evaluate(Now);
        QCOMPARE(int(job.filesystems[0].health), int(Api::Health::Critical));
        QCOMPARE(int(job.health), int(Api::Health::Critical));
        QVERIFY2(job.healthReason.startsWith(u"pool/a: "_s), qPrintable(job.healthReason));
        // The same facts turn critical with time alone; the answer says when it next changes.
        tracker.update(u"pool/a"_s, replicatedFacts(29min));
        QDateTime validUntil;
        QCOMPARE(int(tracker.evaluate(Now, &validUntil).health), int(Api::Health::Ok));
        QCOMPARE(validUntil, Now.addSecs(60));
        QCOMPARE(int(tracker.evaluate(Now.addSecs(61), &validUntil).health), int(Api::Health::Warning));
        QCOMPARE(validUntil, Now.addSecs(24 * 3600 - 29 * 60));
        QCOMPARE(int(tracker.evaluate(Now.addSecs(120)).health), int(Api::Health::Warning));
        QCOMPARE(int(tracker.evaluate(Now.addSecs(24 * 3600)).health), int(Api::Health::Critical));
    }

    void errorsAndMissingReplicas()
    {
        Health::FreshnessTracker tracker(u"push"_s, u"push"_s, Health::HealthPolicy::thresholdsFor(parseJob(PushJob)), false);
        QCOMPARE(int(tracker.evaluate(Now).health), int(Api::Health::Unknown));
        QCOMPARE(tracker.evaluate(Now).healthReason, u"not run since the daemon started"_s);

        Health::FilesystemFacts never;
        never.snapshots = 1;
        tracker.update(u"pool/new"_s, never);
        QCOMPARE(int(tracker.evaluate(Now).filesystems[0].health), int(Api::Health::Warning));
        QCOMPARE(tracker.evaluate(Now).filesystems[0].healthReason, u"not replicated yet"_s);
        never.error = u"cannot receive"_s;
        tracker.update(u"pool/new"_s, never);
        QCOMPARE(int(tracker.evaluate(Now).filesystems[0].health), int(Api::Health::Critical));

        // A fresh replica with a failing last run: a warning, with the error.
        Health::FilesystemFacts failing = replicatedFacts(1min);
        failing.error = u"dataset is busy"_s;
        tracker.replaceAll({{u"pool/a"_s, failing}});
        QCOMPARE(int(tracker.evaluate(Now).health), int(Api::Health::Warning));
        QCOMPARE(tracker.evaluate(Now).filesystems[0].healthReason, u"last run failed: dataset is busy"_s);
        QCOMPARE(tracker.filesystemErrors(), 1);

        // A run that failed before listing (cannot connect): -1 filesystem errors, warning.
        tracker.replaceAll({{u"pool/a"_s, replicatedFacts(1min)}});
        tracker.setJobError(u"cannot connect"_s);
        QCOMPARE(tracker.filesystemErrors(), -1);
        QCOMPARE(int(tracker.evaluate(Now).health), int(Api::Health::Warning));
        QCOMPARE(tracker.evaluate(Now).lastRunError, u"cannot connect"_s);
    }

    void snapshotsThatStopped()
    {
        // A replica within the job's (long) warning threshold, but no snapshot for four 10-minute intervals: the
        // snapshots stopped, and every later replica will be as old; a warning says so before it turns red.
        const Config::Job job = parseJob(PushJob + "    health: {warning_after: 2h}\n");
        Health::FreshnessTracker tracker(u"push"_s, u"push"_s, Health::HealthPolicy::thresholdsFor(job), false);
        tracker.update(u"pool/a"_s, replicatedFacts(40min));
        Api::FilesystemFreshness fs = tracker.evaluate(Now).filesystems[0];
        QCOMPARE(int(fs.health), int(Api::Health::Warning));
        QCOMPARE(fs.healthReason, u"no snapshot for more than 3 intervals of 10 min"_s);
        tracker.update(u"pool/a"_s, replicatedFacts(25min));
        QCOMPARE(int(tracker.evaluate(Now).filesystems[0].health), int(Api::Health::Ok));
    }

    void sinkUsesTheTimeOfTheReceive()
    {
        Health::FreshnessTracker tracker(u"sink"_s, u"sink"_s, Health::Thresholds{25h, 49h, 0s, 0s}, true);
        QList<Zfs::FilesystemVersion> versions;
        for (int i = 1; i <= 3; ++i) {
            Zfs::FilesystemVersion v;
            v.filesystem = u"backup/ws/pool/a"_s;
            v.name = u"s%1"_s.arg(i);
            v.createTxg = quint64(i);
            v.creation = ago(std::chrono::hours(100 - i));  // old snapshots...
            versions.append(v);
        }
        // ...received one hour ago: the data is as fresh as the last receive.
        const Health::FilesystemFacts facts = Health::receivedFacts(versions, u"s2"_s, ago(1h));
        QCOMPARE(facts.snapshots, 3);
        QCOMPARE(facts.replicated->name, u"s2"_s);
        QCOMPARE(facts.newest->name, u"s3"_s);
        tracker.update(u"backup/ws/pool/a"_s, facts);
        QCOMPARE(int(tracker.evaluate(Now).health), int(Api::Health::Ok));
        QCOMPARE(tracker.evaluate(Now).filesystems[0].healthReason, u"last receive within 25 h"_s);
        // Without a known time of receipt (no hold), the snapshot's own creation counts.
        tracker.update(u"backup/ws/pool/a"_s, Health::receivedFacts(versions, {}, {}));
        QCOMPARE(tracker.evaluate(Now).filesystems[0].replicatedSnapshot->name, u"s3"_s);
        QCOMPARE(int(tracker.evaluate(Now).health), int(Api::Health::Critical));
    }

    void freshnessJsonRoundTrips()
    {
        Health::FreshnessTracker tracker(u"push"_s, u"push"_s, Health::HealthPolicy::thresholdsFor(parseJob(PushJob)), false);
        Health::FilesystemFacts facts = replicatedFacts(31min);
        facts.unreplicated = 2;
        facts.unreplicatedBytes = 123456789012;
        tracker.update(u"pool/a"_s, facts);
        tracker.update(u"pool/b\"quoted\""_s, Health::FilesystemFacts{});
        tracker.setNextSnapshotAt(ago(-5min));
        Api::FreshnessReport report;
        report.computedAt = Api::Timestamp::fromDateTime(Now);
        report.jobs.append(tracker.evaluate(Now));
        QString error;
        const std::optional<Api::FreshnessReport> back = Api::FreshnessReport::fromJson(report.toJson(), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->toJson(), report.toJson());
        QVERIFY(*back == report);
        QCOMPARE(back->jobs[0].filesystems[0].unreplicatedBytes, std::optional<qint64>(123456789012));
        QVERIFY(!back->jobs[0].filesystems[1].unreplicatedBytes);
        QVERIFY(!back->jobs[0].filesystems[1].replicatedSnapshot);
        // Bad input is refused with where it went wrong, never a crash.
        QVERIFY(!Api::FreshnessReport::fromJson("{\"jobs\": [{\"health\": \"purple\"}]}", &error));
        QVERIFY2(error.contains(u"jobs[0].health"_s), qPrintable(error));
        QVERIFY(!Api::FreshnessReport::fromJson("[1,2", &error));
        QVERIFY(!Api::WakeupRequest::fromJson("{}", &error));
        QVERIFY2(error.contains(u"job"_s), qPrintable(error));
        QVERIFY(!Api::RunsReport::fromJson("{\"jobs\": [{\"started\": \"x\"}]}", &error));
    }

    void monitorVerdicts()
    {
        Health::FreshnessTracker push(u"push"_s, u"push"_s, Health::HealthPolicy::thresholdsFor(parseJob(PushJob)), false);
        push.update(u"pool/a"_s, replicatedFacts(5min));
        Api::FreshnessReport report;
        report.computedAt = Api::Timestamp::fromDateTime(Now);
        report.jobs.append(push.evaluate(Now));
        Daemon::MonitorCheck::Result r = Daemon::MonitorCheck::evaluate(report, {}, Api::Timestamp::fromDateTime(Now));
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.line, u"HOLDFAST OK - push: all 1 filesystem(s) fresh | 'push_age'=300s;1800;86400;0 'push_unreplicated'=0;;;0"_s);
        r = Daemon::MonitorCheck::evaluate(report, {{}, 2min, 10min}, Api::Timestamp::fromDateTime(Now));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.line.startsWith(u"HOLDFAST WARNING - push: pool/a: 300 s old"_s), qPrintable(r.line));
        r = Daemon::MonitorCheck::evaluate(report, {{}, 1min, 4min}, Api::Timestamp::fromDateTime(Now));
        QCOMPARE(r.exitCode, 2);
        r = Daemon::MonitorCheck::evaluate(report, {{u"nope"_s}, {}, {}}, Api::Timestamp::fromDateTime(Now));
        QCOMPARE(r.exitCode, 3);
        report.jobs.clear();
        QCOMPARE(Daemon::MonitorCheck::evaluate(report, {}, Api::Timestamp::fromDateTime(Now)).exitCode, 3);
        // A job name with a quote is quoted in the perfdata label.
        Health::FreshnessTracker odd(u"it's"_s, u"push"_s, Health::HealthPolicy::thresholdsFor(parseJob(PushJob)), false);
        odd.update(u"pool/a"_s, replicatedFacts(5min));
        report.jobs.append(odd.evaluate(Now));
        QVERIFY2(Daemon::MonitorCheck::evaluate(report, {}, Api::Timestamp::fromDateTime(Now)).line.contains(u"'it''s_age'=300s"_s),
                 qPrintable(Daemon::MonitorCheck::evaluate(report, {}, Api::Timestamp::fromDateTime(Now)).line));
    }

    void metricsAreBoundedPerJob()
    {
        Health::FreshnessTracker tracker(u"push"_s, u"push"_s, Health::HealthPolicy::thresholdsFor(parseJob(PushJob)), false);
        for (int i = 0; i < 10; ++i) {
            tracker.update(u"pool/fs%1"_s.arg(i), replicatedFacts(i == 7 ? 48h : 1min));
        }
        Health::FreshnessCollector collector(3);
        collector.update(tracker);
        const std::vector<prometheus::MetricFamily> families = collector.collectAt(Now);
        auto find = [&families](const std::string &name) -> const prometheus::MetricFamily * {
            for (const prometheus::MetricFamily &f : families) {
                if (f.name == name) {
                    return &f;
                }
            }
            return nullptr;
        };
        const prometheus::MetricFamily *health = find("holdfast_filesystem_health");
        QVERIFY(health);
        QCOMPARE(int(health->metric.size()), 3);
        // The critical filesystem is kept first.
        QCOMPARE(health->metric[0].label[0].value, std::string("pool/fs7"));
        QCOMPARE(health->metric[0].gauge.value, 2.0);
        const prometheus::MetricFamily *dropped = find("holdfast_filesystem_series_dropped");
        QVERIFY(dropped);
        QCOMPARE(dropped->metric[0].gauge.value, 7.0);
        QVERIFY(find("zrepl_start_time"));
        QVERIFY(find("zrepl_replication_last_successful"));
        QCOMPARE(find("holdfast_job_health")->metric[0].gauge.value, 2.0);
    }
};

QTEST_GUILESS_MAIN(TestHealth)
#include "TestHealth.moc"
