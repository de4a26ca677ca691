// SPDX-License-Identifier: MIT
#include "shared/control/Freshness.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "shared/control/JsonReader.h"
#include "shared/control/JsonWriter.h"

using namespace Qt::StringLiterals;

namespace Api {

QString toString(Health health)
{
    switch (health) {
    case Health::Ok:
        return u"ok"_s;
    case Health::Warning:
        return u"warning"_s;
    case Health::Critical:
        return u"critical"_s;
    case Health::Unknown:
        break;
    }
    return u"unknown"_s;
}

std::optional<Health> healthFromString(const QString &text)
{
    for (Health h : {Health::Ok, Health::Warning, Health::Critical, Health::Unknown}) {
        if (text == toString(h)) {
            return h;
        }
    }
    return std::nullopt;
}

Health worse(Health a, Health b)
{
    auto rank = [](Health h) {
        switch (h) {
        case Health::Ok:
            return 0;
        case Health::Unknown:
            return 1;
        case Health::Warning:
            return 2;
        case Health::Critical:
            return 3;
        }
        return 1;
    };
    return rank(a) >= rank(b) ? a : b;
}

namespace {

void writeSnapshot(JsonWriter &w, const char *key, const std::optional<SnapshotRef> &snapshot)
{
    w.key(key);
    if (!snapshot) {
        w.null();
        return;
    }
    w.beginObject();
    w.key("name");
    w.value(snapshot->name);
    w.timeOrNullField("creation", snapshot->creation);
    w.endObject();
}

std::optional<SnapshotRef> readSnapshot(const QJsonObject &o, QLatin1StringView key, const QString &path, JsonReader &r)
{
    if (o.value(key).isNull() || o.value(key).isUndefined()) {
        return std::nullopt;
    }
    QJsonObject s;
    if (!r.object(o, key, path, &s)) {
        return std::nullopt;
    }
    const QString p = JsonReader::join(path, key);
    return SnapshotRef{r.string(s, "name"_L1, p), r.time(s, "creation"_L1, p)};
}

Health readHealth(const QJsonObject &o, const QString &path, JsonReader &r)
{
    const QString text = r.string(o, "health"_L1, path);
    if (const std::optional<Health> h = healthFromString(text)) {
        return *h;
    }
    r.fail(JsonReader::join(path, "health"_L1), u"unknown health \"%1\""_s.arg(text));
    return Health::Unknown;
}

}  // namespace

QByteArray FreshnessReport::toJson() const
{
    return toJson(computedAt, jobsJson(jobs));
}

QByteArray FreshnessReport::toJson(const Timestamp &computedAt, const QByteArray &jobsJson)
{
    JsonWriter w;
    w.beginObject();
    w.timeOrNullField("computed_at", computedAt);
    w.key("jobs");
    w.raw(jobsJson);
    w.endObject();
    return w.take();
}

QByteArray FreshnessReport::jobsJson(const QList<JobFreshness> &jobs)
{
    JsonWriter w;
    w.beginArray();
    for (const JobFreshness &job : jobs) {
        w.beginObject();
        w.key("job");
        w.value(job.job);
        w.key("type");
        w.value(job.type);
        w.key("health");
        w.value(toString(job.health));
        w.key("health_reason");
        w.value(job.healthReason);
        w.timeOrNullField("last_run_at", job.lastRunAt);
        w.timeOrNullField("last_success_at", job.lastSuccessAt);
        w.key("last_run_error");
        w.value(job.lastRunError);
        w.timeOrNullField("next_snapshot_at", job.nextSnapshotAt);
        w.timeOrNullField("next_replication_at", job.nextReplicationAt);
        w.key("warning_after_seconds");
        w.value(job.warningAfterSeconds);
        w.key("critical_after_seconds");
        w.value(job.criticalAfterSeconds);
        w.key("snapshot_interval_seconds");
        w.value(job.snapshotIntervalSeconds);
        w.key("paused");
        w.value(job.paused);
        w.key("filesystems");
        w.beginArray();
        for (const FilesystemFreshness &fs : job.filesystems) {
            w.beginObject();
            w.key("filesystem");
            w.value(fs.filesystem);
            w.key("health");
            w.value(toString(fs.health));
            w.key("health_reason");
            w.value(fs.healthReason);
            w.key("snapshots");
            w.value(fs.snapshots);
            writeSnapshot(w, "newest_snapshot", fs.newestSnapshot);
            writeSnapshot(w, "replicated_snapshot", fs.replicatedSnapshot);
            w.timeOrNullField("last_success_at", fs.lastSuccessAt);
            w.key("unreplicated_snapshots");
            w.value(fs.unreplicatedSnapshots);
            w.key("unreplicated_bytes");
            if (fs.unreplicatedBytes) {
                w.value(*fs.unreplicatedBytes);
            } else {
                w.null();
            }
            w.key("error");
            w.value(fs.error);
            w.endObject();
        }
        w.endArray();
        w.endObject();
    }
    w.endArray();
    return w.take();
}

std::optional<FreshnessReport> FreshnessReport::fromJson(const QByteArray &json, QString *error)
{
    const std::optional<QJsonObject> root = JsonReader::parseObject(json, u"the freshness report"_s, error);
    if (!root) {
        return std::nullopt;
    }
    JsonReader r;
    FreshnessReport report;
    report.computedAt = r.time(*root, "computed_at"_L1, {});
    r.forEachObject(*root, "jobs"_L1, {}, [&](const QJsonObject &o, const QString &path) {
        JobFreshness job;
        job.job = r.string(o, "job"_L1, path);
        job.type = r.string(o, "type"_L1, path);
        job.health = readHealth(o, path, r);
        job.healthReason = r.string(o, "health_reason"_L1, path);
        job.lastRunAt = r.time(o, "last_run_at"_L1, path);
        job.lastSuccessAt = r.time(o, "last_success_at"_L1, path);
        job.lastRunError = r.string(o, "last_run_error"_L1, path);
        job.nextSnapshotAt = r.time(o, "next_snapshot_at"_L1, path);
        job.nextReplicationAt = r.time(o, "next_replication_at"_L1, path);
        job.warningAfterSeconds = r.integer(o, "warning_after_seconds"_L1, path);
        job.criticalAfterSeconds = r.integer(o, "critical_after_seconds"_L1, path);
        job.snapshotIntervalSeconds = r.integer(o, "snapshot_interval_seconds"_L1, path);
        job.paused = r.boolean(o, "paused"_L1, path);
        r.forEachObject(o, "filesystems"_L1, path, [&](const QJsonObject &f, const QString &fsPath) {
            FilesystemFreshness fs;
            fs.filesystem = r.string(f, "filesystem"_L1, fsPath);
            fs.health = readHealth(f, fsPath, r);
            fs.healthReason = r.string(f, "health_reason"_L1, fsPath);
            fs.snapshots = int(r.integer(f, "snapshots"_L1, fsPath));
            fs.newestSnapshot = readSnapshot(f, "newest_snapshot"_L1, fsPath, r);
            fs.replicatedSnapshot = readSnapshot(f, "replicated_snapshot"_L1, fsPath, r);
            fs.lastSuccessAt = r.time(f, "last_success_at"_L1, fsPath);
            fs.unreplicatedSnapshots = int(r.integer(f, "unreplicated_snapshots"_L1, fsPath));
            if (!f.value("unreplicated_bytes"_L1).isNull() && !f.value("unreplicated_bytes"_L1).isUndefined()) {
                fs.unreplicatedBytes = r.integer(f, "unreplicated_bytes"_L1, fsPath);
            }
            fs.error = r.string(f, "error"_L1, fsPath);
            job.filesystems.append(fs);
        });
        report.jobs.append(job);
    });
    if (!r.ok()) {
        *error = r.error();
        return std::nullopt;
    }
    return report;
}

QByteArray RunsReport::toJson() const
{
    JsonWriter w;
    w.beginObject();
    w.key("jobs");
    w.beginArray();
    for (const RunInfo &run : jobs) {
        w.beginObject();
        w.key("job");
        w.value(run.job);
        w.key("started");
        w.value(run.started);
        w.key("running");
        w.value(run.running);
        w.key("paused");
        w.value(run.paused);
        w.key("last_finished");
        w.value(run.lastFinished);
        w.key("last_succeeded");
        w.value(run.lastSucceeded);
        w.key("last_error");
        w.value(run.lastError);
        w.timeOrNullField("last_finished_at", run.lastFinishedAt);
        w.endObject();
    }
    w.endArray();
    w.endObject();
    return w.take();
}

std::optional<RunsReport> RunsReport::fromJson(const QByteArray &json, QString *error)
{
    const std::optional<QJsonObject> root = JsonReader::parseObject(json, u"the runs report"_s, error);
    if (!root) {
        return std::nullopt;
    }
    JsonReader r;
    RunsReport report;
    r.forEachObject(*root, "jobs"_L1, {}, [&](const QJsonObject &o, const QString &path) {
        RunInfo run;
        run.job = r.string(o, "job"_L1, path);
        run.started = quint64(std::max<qint64>(0, r.integer(o, "started"_L1, path)));
        run.running = r.boolean(o, "running"_L1, path);
        run.paused = r.boolean(o, "paused"_L1, path);
        run.lastFinished = quint64(std::max<qint64>(0, r.integer(o, "last_finished"_L1, path)));
        run.lastSucceeded = r.boolean(o, "last_succeeded"_L1, path);
        run.lastError = r.string(o, "last_error"_L1, path);
        run.lastFinishedAt = r.time(o, "last_finished_at"_L1, path);
        report.jobs.append(run);
    });
    if (!r.ok()) {
        *error = r.error();
        return std::nullopt;
    }
    return report;
}

const RunInfo *RunsReport::find(const QString &job) const
{
    for (const RunInfo &run : jobs) {
        if (run.job == job) {
            return &run;
        }
    }
    return nullptr;
}

QByteArray WakeupRequest::toJson() const
{
    JsonWriter w;
    w.beginObject();
    w.key("job");
    w.value(job);
    w.endObject();
    return w.take();
}

std::optional<WakeupRequest> WakeupRequest::fromJson(const QByteArray &json, QString *error)
{
    const std::optional<QJsonObject> root = JsonReader::parseObject(json, u"the wakeup request"_s, error);
    if (!root) {
        return std::nullopt;
    }
    JsonReader r;
    WakeupRequest request{r.string(*root, "job"_L1, {})};
    if (r.ok() && request.job.isEmpty()) {
        r.fail(u"job"_s, u"missing: the name of the job to wake up"_s);
    }
    if (!r.ok()) {
        *error = r.error();
        return std::nullopt;
    }
    return request;
}

QByteArray WakeupReply::toJson() const
{
    JsonWriter w;
    w.beginObject();
    w.key("job");
    w.value(job);
    w.key("run");
    w.value(run);
    w.endObject();
    return w.take();
}

std::optional<WakeupReply> WakeupReply::fromJson(const QByteArray &json, QString *error)
{
    const std::optional<QJsonObject> root = JsonReader::parseObject(json, u"the wakeup answer"_s, error);
    if (!root) {
        return std::nullopt;
    }
    JsonReader r;
    WakeupReply reply{r.string(*root, "job"_L1, {}), quint64(std::max<qint64>(0, r.integer(*root, "run"_L1, {})))};
    if (!r.ok()) {
        *error = r.error();
        return std::nullopt;
    }
    return reply;
}

}  // namespace Api
