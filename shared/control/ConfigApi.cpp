// SPDX-License-Identifier: MIT
#include "shared/control/ConfigApi.h"

#include <limits>

#include "shared/control/JsonReader.h"
#include "shared/control/JsonWriter.h"

using namespace Qt::StringLiterals;

namespace Api {

namespace {

template<typename T>
std::optional<T> finish(const JsonReader &r, T value, QString *error)
{
    if (!r.ok()) {
        *error = r.error();
        return std::nullopt;
    }
    return value;
}

// An int field with a lower bound: line and column numbers are never negative, a JSON number past int is an error
// rather than a silently wrapped value.
int boundedInt(JsonReader &r, const QJsonObject &o, QLatin1StringView key, const QString &path, qint64 minimum)
{
    const qint64 value = r.integer(o, key, path);
    if (value < minimum || value > std::numeric_limits<int>::max()) {
        r.fail(JsonReader::join(path, key), u"out of range: %1"_s.arg(value));
        return 0;
    }
    return int(value);
}

// Byte counts: -1 stands for "unknown", anything below is an error.
qint64 byteCount(JsonReader &r, const QJsonObject &o, QLatin1StringView key, const QString &path)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull()) {
        return -1;
    }
    const qint64 value = r.integer(o, key, path);
    if (value < -1) {
        r.fail(JsonReader::join(path, key), u"out of range: %1"_s.arg(value));
        return -1;
    }
    return value;
}

// The restart policy of a request; missing means the default (when idle), a name nobody knows is an error.
RestartPolicy readRestart(JsonReader &r, const QJsonObject &o, const QString &path)
{
    const QString name = r.string(o, "restart"_L1, path);
    if (name.isEmpty()) {
        return RestartPolicy::WhenIdle;
    }
    if (const std::optional<RestartPolicy> policy = restartPolicyFromName(name)) {
        return *policy;
    }
    r.fail(JsonReader::join(path, "restart"_L1),
           u"unknown restart policy \"%1\" (expected \"when-idle\" or \"now\")"_s.arg(name));
    return RestartPolicy::WhenIdle;
}

void writeProblem(JsonWriter &w, const ConfigProblem &p)
{
    w.beginObject();
    w.field("file", p.file);
    w.field("line", p.line);
    w.field("column", p.column);
    w.field("field", p.field);
    w.field("message", p.message);
    w.endObject();
}

ConfigProblem readProblem(JsonReader &r, const QJsonObject &o, const QString &path)
{
    ConfigProblem p;
    p.file = r.string(o, "file"_L1, path);
    p.line = boundedInt(r, o, "line"_L1, path, 0);
    p.column = boundedInt(r, o, "column"_L1, path, 0);
    p.field = r.string(o, "field"_L1, path);
    p.message = r.string(o, "message"_L1, path);
    return p;
}

void writeOptionalProblem(JsonWriter &w, const char *key, const std::optional<ConfigProblem> &problem)
{
    w.key(key);
    if (problem) {
        writeProblem(w, *problem);
    } else {
        w.null();
    }
}

std::optional<ConfigProblem>
readOptionalProblem(JsonReader &r, const QJsonObject &o, QLatin1StringView key, const QString &path)
{
    QJsonObject object;
    if (!r.object(o, key, path, &object)) {
        return std::nullopt;
    }
    return readProblem(r, object, JsonReader::join(path, key));
}

void writeJobs(JsonWriter &w, const QList<ConfigJobSummary> &jobs)
{
    w.key("jobs");
    w.beginArray();
    for (const ConfigJobSummary &job : jobs) {
        w.beginObject();
        w.field("name", job.name);
        w.field("type", job.type);
        w.field("summary", job.summary);
        w.field("line", job.line);
        w.field("running", job.running);
        w.field("restart_pending", job.restartPending);
        w.endObject();
    }
    w.endArray();
}

QList<ConfigJobSummary> readJobs(JsonReader &r, const QJsonObject &o, const QString &path)
{
    QList<ConfigJobSummary> jobs;
    r.forEachObject(o, "jobs"_L1, path, [&](const QJsonObject &jo, const QString &jobPath) {
        ConfigJobSummary job;
        job.name = r.string(jo, "name"_L1, jobPath);
        job.type = r.string(jo, "type"_L1, jobPath);
        job.summary = r.string(jo, "summary"_L1, jobPath);
        job.line = boundedInt(r, jo, "line"_L1, jobPath, 0);
        job.running = r.boolean(jo, "running"_L1, jobPath);
        job.restartPending = r.boolean(jo, "restart_pending"_L1, jobPath);
        jobs.append(job);
    });
    return jobs;
}

void writeChanges(JsonWriter &w, const char *key, const ReloadChanges &c)
{
    w.key(key);
    w.beginObject();
    w.field("added", c.added);
    w.field("removed", c.removed);
    w.field("changed", c.changed);
    w.field("unchanged", c.unchanged);
    w.field("global_applied", c.globalApplied);
    w.field("global_needs_restart", c.globalNeedsRestart);
    w.endObject();
}

ReloadChanges readChanges(JsonReader &r, const QJsonObject &o, QLatin1StringView key, const QString &path)
{
    ReloadChanges c;
    QJsonObject object;
    if (!r.object(o, key, path, &object)) {
        return c;
    }
    const QString p = JsonReader::join(path, key);
    c.added = r.strings(object, "added"_L1, p);
    c.removed = r.strings(object, "removed"_L1, p);
    c.changed = r.strings(object, "changed"_L1, p);
    c.unchanged = r.strings(object, "unchanged"_L1, p);
    c.globalApplied = r.strings(object, "global_applied"_L1, p);
    c.globalNeedsRestart = r.strings(object, "global_needs_restart"_L1, p);
    return c;
}

void writeReport(JsonWriter &w, const ReloadReport &report)
{
    w.beginObject();
    w.field("ok", report.ok);
    writeOptionalProblem(w, "problem", report.problem);
    w.timeOrNullField("at", report.at);
    w.field("trigger", report.trigger);
    w.field("version", report.version);
    writeChanges(w, "changes", report.changes);
    w.field("restarted", report.restarted);
    w.field("pending", report.pending);
    w.endObject();
}

ReloadReport readReport(JsonReader &r, const QJsonObject &o, const QString &path)
{
    ReloadReport report;
    report.ok = r.boolean(o, "ok"_L1, path);
    report.problem = readOptionalProblem(r, o, "problem"_L1, path);
    report.at = r.time(o, "at"_L1, path);
    report.trigger = r.string(o, "trigger"_L1, path);
    report.version = r.string(o, "version"_L1, path);
    report.changes = readChanges(r, o, "changes"_L1, path);
    report.restarted = r.strings(o, "restarted"_L1, path);
    report.pending = r.strings(o, "pending"_L1, path);
    return report;
}

void writeState(JsonWriter &w, const ConfigState &state)
{
    w.key("state");
    w.beginObject();
    w.field("running_version", state.runningVersion);
    w.key("last_reload");
    if (state.lastReload) {
        writeReport(w, *state.lastReload);
    } else {
        w.null();
    }
    w.field("pending_restart", state.pendingRestart);
    w.field("needs_daemon_restart", state.needsDaemonRestart);
    w.endObject();
}

ConfigState readState(JsonReader &r, const QJsonObject &o, const QString &path)
{
    ConfigState state;
    QJsonObject object;
    if (!r.object(o, "state"_L1, path, &object)) {
        return state;
    }
    const QString p = JsonReader::join(path, "state"_L1);
    state.runningVersion = r.string(object, "running_version"_L1, p);
    QJsonObject last;
    if (r.object(object, "last_reload"_L1, p, &last)) {
        state.lastReload = readReport(r, last, JsonReader::join(p, "last_reload"_L1));
    }
    state.pendingRestart = r.strings(object, "pending_restart"_L1, p);
    state.needsDaemonRestart = r.strings(object, "needs_daemon_restart"_L1, p);
    return state;
}

}  // namespace

QString ConfigProblem::toString() const
{
    QString text;
    if (!file.isEmpty()) {
        text += file + u':';
        if (line > 0) {
            text += QString::number(line) + u':';
            if (column > 0) {
                text += QString::number(column) + u':';
            }
        }
        text += u' ';
    } else if (line > 0) {
        // A proposed text has no file yet: still say where.
        text += u"line %1"_s.arg(line);
        if (column > 0) {
            text += u", column %1"_s.arg(column);
        }
        text += u": "_s;
    }
    if (!field.isEmpty()) {
        text += field + u": "_s;
    }
    return text + message;
}

QString restartPolicyName(RestartPolicy policy)
{
    switch (policy) {
    case RestartPolicy::WhenIdle:
        return u"when-idle"_s;
    case RestartPolicy::Now:
        return u"now"_s;
    }
    return u"when-idle"_s;
}

std::optional<RestartPolicy> restartPolicyFromName(const QString &name)
{
    for (RestartPolicy policy : {RestartPolicy::WhenIdle, RestartPolicy::Now}) {
        if (restartPolicyName(policy) == name) {
            return policy;
        }
    }
    return std::nullopt;
}

bool ReloadChanges::isEmpty() const
{
    return added.isEmpty() && removed.isEmpty() && changed.isEmpty() && globalApplied.isEmpty()
           && globalNeedsRestart.isEmpty();
}

QByteArray ReloadReport::toJson() const
{
    JsonWriter w;
    writeReport(w, *this);
    return w.take();
}

std::optional<ReloadReport> ReloadReport::fromJson(const QByteArray &json, QString *error)
{
    const std::optional<QJsonObject> root = JsonReader::parseObject(json, u"the reload report"_s, error);
    if (!root) {
        return std::nullopt;
    }
    JsonReader r;
    ReloadReport report = readReport(r, *root, {});
    return finish(r, std::move(report), error);
}

QByteArray ConfigStatus::toJson() const
{
    JsonWriter w(512);
    w.beginObject();
    w.field("path", path);
    w.field("version", version);
    writeState(w, state);
    w.endObject();
    return w.take();
}

std::optional<ConfigStatus> ConfigStatus::fromJson(const QByteArray &json, QString *error)
{
    const std::optional<QJsonObject> root = JsonReader::parseObject(json, u"the configuration status"_s, error);
    if (!root) {
        return std::nullopt;
    }
    JsonReader r;
    ConfigStatus status = fromJson(*root, {}, r);
    return finish(r, std::move(status), error);
}

ConfigStatus ConfigStatus::fromJson(const QJsonObject &object, const QString &path, JsonReader &reader)
{
    ConfigStatus status;
    status.path = reader.string(object, "path"_L1, path);
    status.version = reader.string(object, "version"_L1, path);
    status.state = readState(reader, object, path);
    return status;
}

QByteArray ConfigDocument::toJson() const
{
    JsonWriter w(text.size() + 512);
    w.beginObject();
    w.field("path", path);
    w.field("text", text);
    w.field("version", version);
    w.field("redacted", redacted);
    w.field("editable", editable);
    w.field("read_only_reason", readOnlyReason);
    writeJobs(w, jobs);
    writeOptionalProblem(w, "problem", problem);
    writeState(w, state);
    w.endObject();
    return w.take();
}

std::optional<ConfigDocument> ConfigDocument::fromJson(const QByteArray &json, QString *error)
{
    const std::optional<QJsonObject> root = JsonReader::parseObject(json, u"the configuration document"_s, error);
    if (!root) {
        return std::nullopt;
    }
    JsonReader r;
    ConfigDocument doc;
    doc.path = r.string(*root, "path"_L1, {});
    doc.text = r.string(*root, "text"_L1, {});
    doc.version = r.string(*root, "version"_L1, {});
    doc.redacted = r.boolean(*root, "redacted"_L1, {});
    doc.editable = r.boolean(*root, "editable"_L1, {});
    doc.readOnlyReason = r.string(*root, "read_only_reason"_L1, {});
    doc.jobs = readJobs(r, *root, {});
    doc.problem = readOptionalProblem(r, *root, "problem"_L1, {});
    doc.state = readState(r, *root, {});
    return finish(r, std::move(doc), error);
}

QByteArray ConfigText::toJson() const
{
    JsonWriter w(text.size() + 16);
    w.beginObject();
    w.field("text", text);
    w.endObject();
    return w.take();
}

std::optional<ConfigText> ConfigText::fromJson(const QByteArray &json, QString *error)
{
    const std::optional<QJsonObject> root = JsonReader::parseObject(json, u"the request"_s, error);
    if (!root) {
        return std::nullopt;
    }
    JsonReader r;
    ConfigText out;
    out.text = r.string(*root, "text"_L1, {});
    return finish(r, std::move(out), error);
}

QByteArray ConfigValidation::toJson() const
{
    JsonWriter w;
    w.beginObject();
    w.field("valid", valid);
    w.key("problems");
    w.beginArray();
    for (const ConfigProblem &p : problems) {
        writeProblem(w, p);
    }
    w.endArray();
    writeJobs(w, jobs);
    writeChanges(w, "changes", changes);
    w.endObject();
    return w.take();
}

std::optional<ConfigValidation> ConfigValidation::fromJson(const QByteArray &json, QString *error)
{
    const std::optional<QJsonObject> root = JsonReader::parseObject(json, u"the validation"_s, error);
    if (!root) {
        return std::nullopt;
    }
    JsonReader r;
    ConfigValidation out;
    out.valid = r.boolean(*root, "valid"_L1, {});
    r.forEachObject(*root, "problems"_L1, {}, [&](const QJsonObject &o, const QString &path) {
        out.problems.append(readProblem(r, o, path));
    });
    out.jobs = readJobs(r, *root, {});
    out.changes = readChanges(r, *root, "changes"_L1, {});
    return finish(r, std::move(out), error);
}

QByteArray ConfigApplyRequest::toJson() const
{
    JsonWriter w(text.size() + 128);
    w.beginObject();
    w.field("text", text);
    w.field("base_version", baseVersion);
    w.field("restart", restartPolicyName(restart));
    w.endObject();
    return w.take();
}

std::optional<ConfigApplyRequest> ConfigApplyRequest::fromJson(const QByteArray &json, QString *error)
{
    const std::optional<QJsonObject> root = JsonReader::parseObject(json, u"the request"_s, error);
    if (!root) {
        return std::nullopt;
    }
    JsonReader r;
    ConfigApplyRequest out;
    out.text = r.string(*root, "text"_L1, {});
    out.baseVersion = r.string(*root, "base_version"_L1, {});
    out.restart = readRestart(r, *root, {});
    return finish(r, std::move(out), error);
}

QByteArray ConfigConflict::toJson() const
{
    JsonWriter w;
    w.beginObject();
    w.field("message", message);
    w.field("current_version", currentVersion);
    w.endObject();
    return w.take();
}

std::optional<ConfigConflict> ConfigConflict::fromJson(const QByteArray &json, QString *error)
{
    const std::optional<QJsonObject> root = JsonReader::parseObject(json, u"the conflict"_s, error);
    if (!root) {
        return std::nullopt;
    }
    JsonReader r;
    ConfigConflict out;
    out.message = r.string(*root, "message"_L1, {});
    out.currentVersion = r.string(*root, "current_version"_L1, {});
    return finish(r, std::move(out), error);
}

QByteArray ReloadRequest::toJson() const
{
    JsonWriter w;
    w.beginObject();
    w.field("restart", restartPolicyName(restart));
    w.endObject();
    return w.take();
}

std::optional<ReloadRequest> ReloadRequest::fromJson(const QByteArray &json, QString *error)
{
    const std::optional<QJsonObject> root = JsonReader::parseObject(json, u"the request"_s, error);
    if (!root) {
        return std::nullopt;
    }
    JsonReader r;
    ReloadRequest out;
    out.restart = readRestart(r, *root, {});
    return finish(r, std::move(out), error);
}

QByteArray ConnectTestRequest::toJson() const
{
    JsonWriter w(text.size() + 64);
    w.beginObject();
    w.field("text", text);
    w.field("job", job);
    w.endObject();
    return w.take();
}

std::optional<ConnectTestRequest> ConnectTestRequest::fromJson(const QByteArray &json, QString *error)
{
    const std::optional<QJsonObject> root = JsonReader::parseObject(json, u"the request"_s, error);
    if (!root) {
        return std::nullopt;
    }
    JsonReader r;
    ConnectTestRequest out;
    out.text = r.string(*root, "text"_L1, {});
    out.job = r.string(*root, "job"_L1, {});
    return finish(r, std::move(out), error);
}

QByteArray ConnectTestResult::toJson() const
{
    JsonWriter w;
    w.beginObject();
    w.field("ok", ok);
    w.field("message", message);
    w.field("peer_job", peerJob);
    w.endObject();
    return w.take();
}

std::optional<ConnectTestResult> ConnectTestResult::fromJson(const QByteArray &json, QString *error)
{
    const std::optional<QJsonObject> root = JsonReader::parseObject(json, u"the connection test's result"_s, error);
    if (!root) {
        return std::nullopt;
    }
    JsonReader r;
    ConnectTestResult out;
    out.ok = r.boolean(*root, "ok"_L1, {});
    out.message = r.string(*root, "message"_L1, {});
    out.peerJob = r.string(*root, "peer_job"_L1, {});
    return finish(r, std::move(out), error);
}

QByteArray FilesystemListing::toJson() const
{
    JsonWriter w(qsizetype(filesystems.size()) * 200 + 256);
    w.beginObject();
    w.key("pools");
    w.beginArray();
    for (const PoolInfo &pool : pools) {
        w.beginObject();
        w.field("name", pool.name);
        w.field("size", pool.size);
        w.field("free", pool.free);
        w.field("health", pool.health);
        w.endObject();
    }
    w.endArray();
    w.key("filesystems");
    w.beginArray();
    for (const FilesystemInfo &fs : filesystems) {
        w.beginObject();
        w.field("name", fs.name);
        w.field("used", fs.used);
        w.field("available", fs.available);
        w.field("encryption", fs.encryption);
        w.field("encryption_root", fs.encryptionRoot);
        w.field("mountpoint", fs.mountpoint);
        w.field("received_by", fs.receivedBy);
        w.field("sent_by", fs.sentBy);
        w.endObject();
    }
    w.endArray();
    w.endObject();
    return w.take();
}

std::optional<FilesystemListing> FilesystemListing::fromJson(const QByteArray &json, QString *error)
{
    const std::optional<QJsonObject> root = JsonReader::parseObject(json, u"the filesystem listing"_s, error);
    if (!root) {
        return std::nullopt;
    }
    JsonReader r;
    FilesystemListing out;
    r.forEachObject(*root, "pools"_L1, {}, [&](const QJsonObject &o, const QString &path) {
        PoolInfo pool;
        pool.name = r.string(o, "name"_L1, path);
        pool.size = byteCount(r, o, "size"_L1, path);
        pool.free = byteCount(r, o, "free"_L1, path);
        pool.health = r.string(o, "health"_L1, path);
        out.pools.append(pool);
    });
    r.forEachObject(*root, "filesystems"_L1, {}, [&](const QJsonObject &o, const QString &path) {
        FilesystemInfo fs;
        fs.name = r.string(o, "name"_L1, path);
        fs.used = byteCount(r, o, "used"_L1, path);
        fs.available = byteCount(r, o, "available"_L1, path);
        fs.encryption = r.string(o, "encryption"_L1, path);
        fs.encryptionRoot = r.string(o, "encryption_root"_L1, path);
        fs.mountpoint = r.string(o, "mountpoint"_L1, path);
        fs.receivedBy = r.strings(o, "received_by"_L1, path);
        fs.sentBy = r.strings(o, "sent_by"_L1, path);
        out.filesystems.append(fs);
    });
    return finish(r, std::move(out), error);
}

}  // namespace Api
