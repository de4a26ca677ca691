// SPDX-License-Identifier: MIT
#include "shared/control/StatusChanges.h"

#include <QJsonArray>
#include <QJsonDocument>

#include "shared/control/ConfigApi.h"
#include "shared/control/JsonReader.h"
#include "shared/control/JsonWriter.h"

using namespace Qt::StringLiterals;

namespace Api {

namespace {

template<typename Report>
void writeReport(JsonWriter &w, const char *key, const std::optional<std::optional<Report>> &report)
{
    if (!report) {
        return;
    }
    w.key(key);
    if (*report) {
        (*report)->writeJson(w);
    } else {
        w.null();
    }
}

// A field that is absent (unchanged), null (the report went away) or a report.
template<typename Report>
std::optional<std::optional<Report>> readReport(const QJsonObject &o, QLatin1StringView key, const QString &path, JsonReader &r)
{
    if (!o.contains(key)) {
        return std::nullopt;
    }
    QJsonObject child;
    if (!r.object(o, key, path, &child)) {
        return std::optional<Report>();
    }
    return std::optional<Report>(Report::fromJson(child, JsonReader::join(path, key), r));
}

bool sameAttemptHead(const AttemptReport &a, const AttemptReport &b)
{
    return a.state == b.state && a.startAt == b.startAt && a.finishAt == b.finishAt && a.planError == b.planError;
}

bool sameReplicationHead(const ReplicationReport &a, const ReplicationReport &b)
{
    return a.startAt == b.startAt && a.finishAt == b.finishAt && a.waitReconnectSince == b.waitReconnectSince
        && a.waitReconnectUntil == b.waitReconnectUntil && a.waitReconnectError == b.waitReconnectError;
}

// The same attempts with the same filesystems in the same places: then filesystems can be patched by position.
bool sameShape(const ReplicationReport &a, const ReplicationReport &b)
{
    if (a.attempts.size() != b.attempts.size()) {
        return false;
    }
    for (qsizetype i = 0; i < a.attempts.size(); ++i) {
        const QList<FilesystemReport> &x = a.attempts.at(i).filesystems;
        const QList<FilesystemReport> &y = b.attempts.at(i).filesystems;
        if (x.size() != y.size()) {
            return false;
        }
        if (x.constData() == y.constData()) {
            continue;
        }
        for (qsizetype j = 0; j < x.size(); ++j) {
            if (x.at(j).name != y.at(j).name) {
                return false;
            }
        }
    }
    return true;
}

void patchReplication(const std::optional<ReplicationReport> &from, const std::optional<ReplicationReport> &to, JobPatch *patch)
{
    if (bool(from) != bool(to) || (from && !sameShape(*from, *to))) {
        patch->replication.emplace(to);
        return;
    }
    if (!from || from->attempts.constData() == to->attempts.constData()) {
        if (from && !sameReplicationHead(*from, *to)) {
            patch->replicationHead = *to;
        }
        return;
    }
    bool headChanged = !sameReplicationHead(*from, *to);
    for (qsizetype i = 0; i < to->attempts.size(); ++i) {
        const AttemptReport &a = from->attempts.at(i);
        const AttemptReport &b = to->attempts.at(i);
        headChanged = headChanged || !sameAttemptHead(a, b);
        if (a.filesystems.constData() == b.filesystems.constData()) {
            continue;
        }
        for (qsizetype j = 0; j < b.filesystems.size(); ++j) {
            if (!(a.filesystems.at(j) == b.filesystems.at(j))) {
                patch->filesystems.append(FilesystemChange{int(i), int(j), b.filesystems.at(j)});
            }
        }
    }
    if (headChanged) {
        ReplicationReport head = *to;
        for (AttemptReport &attempt : head.attempts) {
            attempt.filesystems.clear();
        }
        patch->replicationHead = std::move(head);
    }
}

JobPatch patchBetween(const ActiveSideStatus &from, const ActiveSideStatus &to)
{
    JobPatch patch;
    patchReplication(from.replication, to.replication, &patch);
    if (from.pruningSender != to.pruningSender) {
        patch.pruningSender.emplace(to.pruningSender);
    }
    if (from.pruningReceiver != to.pruningReceiver) {
        patch.pruningReceiver.emplace(to.pruningReceiver);
    }
    if (from.snapshotting != to.snapshotting) {
        patch.snapshotting.emplace(to.snapshotting);
    }
    return patch;
}

bool applyPatch(const JobPatch &patch, const QString &name, ActiveSideStatus *job, QString *error)
{
    if (patch.replication) {
        job->replication = *patch.replication;
    }
    if (patch.replicationHead || !patch.filesystems.isEmpty()) {
        if (!job->replication) {
            *error = u"job %1 has no replication report to change"_s.arg(name);
            return false;
        }
        ReplicationReport &report = *job->replication;
        if (patch.replicationHead) {
            if (patch.replicationHead->attempts.size() != report.attempts.size()) {
                *error = u"job %1: %2 attempts changed, %3 known"_s.arg(name).arg(patch.replicationHead->attempts.size()).arg(report.attempts.size());
                return false;
            }
            ReplicationReport head = *patch.replicationHead;
            for (qsizetype i = 0; i < head.attempts.size(); ++i) {
                head.attempts[i].filesystems = report.attempts.at(i).filesystems;
            }
            report = std::move(head);
        }
        for (const FilesystemChange &change : patch.filesystems) {
            if (change.attempt < 0 || change.attempt >= report.attempts.size() || change.index < 0
                || change.index >= report.attempts.at(change.attempt).filesystems.size()) {
                *error = u"job %1: there is no filesystem %2 in attempt %3"_s.arg(name).arg(change.index).arg(change.attempt);
                return false;
            }
            report.attempts[change.attempt].filesystems[change.index] = change.report;
        }
    }
    if (patch.pruningSender) {
        job->pruningSender = *patch.pruningSender;
    }
    if (patch.pruningReceiver) {
        job->pruningReceiver = *patch.pruningReceiver;
    }
    if (patch.snapshotting) {
        job->snapshotting = *patch.snapshotting;
    }
    return true;
}

void writePatch(JsonWriter &w, const JobPatch &patch)
{
    w.beginObject();
    writeReport(w, "replication", patch.replication);
    if (patch.replicationHead) {
        w.key("replication_head");
        patch.replicationHead->writeHeadJson(w);
    }
    if (!patch.filesystems.isEmpty()) {
        w.key("filesystems");
        w.beginArray();
        for (const FilesystemChange &change : patch.filesystems) {
            w.beginObject();
            w.field("attempt", change.attempt);
            w.field("index", change.index);
            w.key("report");
            change.report.writeJson(w);
            w.endObject();
        }
        w.endArray();
    }
    writeReport(w, "pruning_sender", patch.pruningSender);
    writeReport(w, "pruning_receiver", patch.pruningReceiver);
    writeReport(w, "snapshotting", patch.snapshotting);
    w.endObject();
}

JobPatch readPatch(const QJsonObject &o, const QString &path, JsonReader &r)
{
    JobPatch patch;
    patch.replication = readReport<ReplicationReport>(o, "replication"_L1, path, r);
    QJsonObject head;
    if (r.object(o, "replication_head"_L1, path, &head)) {
        patch.replicationHead = ReplicationReport::fromJson(head, JsonReader::join(path, "replication_head"_L1), r);
    }
    r.forEachObject(o, "filesystems"_L1, path, [&](const QJsonObject &change, const QString &p) {
        FilesystemChange c;
        c.attempt = int(r.integer(change, "attempt"_L1, p));
        c.index = int(r.integer(change, "index"_L1, p));
        QJsonObject report;
        if (!r.object(change, "report"_L1, p, &report)) {
            r.fail(JsonReader::join(p, "report"_L1), u"missing"_s);
            return;
        }
        c.report = FilesystemReport::fromJson(report, JsonReader::join(p, "report"_L1), r);
        patch.filesystems.append(std::move(c));
    });
    patch.pruningSender = readReport<PrunerReport>(o, "pruning_sender"_L1, path, r);
    patch.pruningReceiver = readReport<PrunerReport>(o, "pruning_receiver"_L1, path, r);
    patch.snapshotting = readReport<SnapperReport>(o, "snapshotting"_L1, path, r);
    return patch;
}

}  // namespace

QByteArray statusChangesTarget(quint64 since, std::chrono::seconds timeout)
{
    return QByteArray(HoldfastEndpoint::StatusChanges) + "?since=" + QByteArray::number(since) + "&timeout=" + QByteArray::number(qint64(timeout.count()));
}

bool JobPatch::isEmpty() const
{
    return !replication && !replicationHead && filesystems.isEmpty() && !pruningSender && !pruningReceiver && !snapshotting;
}

StatusChange StatusChange::between(const DaemonStatus &from, const DaemonStatus &to)
{
    StatusChange change;
    for (auto it = from.jobs.cbegin(); it != from.jobs.cend(); ++it) {
        if (!to.jobs.contains(it.key())) {
            change.removed.append(it.key());
        }
    }
    for (auto it = to.jobs.cbegin(); it != to.jobs.cend(); ++it) {
        const auto old = from.jobs.constFind(it.key());
        if (old == from.jobs.cend() || old->type != it->type) {
            change.replaced.insert(it.key(), it.value());
            continue;
        }
        const ActiveSideStatus *before = old->active();
        const ActiveSideStatus *after = it->active();
        if (!before || !after) {
            if (!(old.value() == it.value())) {
                change.replaced.insert(it.key(), it.value());
            }
            continue;
        }
        JobPatch patch = patchBetween(*before, *after);
        if (!patch.isEmpty()) {
            change.patched.insert(it.key(), std::move(patch));
        }
    }
    return change;
}

bool StatusChange::isEmpty() const
{
    return !full && removed.isEmpty() && replaced.isEmpty() && patched.isEmpty() && !freshness && !config;
}

bool StatusChange::applyTo(DaemonStatus *status, QString *error) const
{
    if (full) {
        *status = *full;
        return true;
    }
    for (const QString &name : removed) {
        if (status->jobs.remove(name) == 0) {
            *error = u"job %1 was removed but is not known"_s.arg(name);
            return false;
        }
    }
    for (auto it = replaced.cbegin(); it != replaced.cend(); ++it) {
        status->jobs.insert(it.key(), it.value());
    }
    for (auto it = patched.cbegin(); it != patched.cend(); ++it) {
        const auto job = status->jobs.find(it.key());
        ActiveSideStatus *active = job == status->jobs.end() ? nullptr : std::get_if<ActiveSideStatus>(&job->specific);
        if (!active) {
            *error = u"job %1 changed but is not a known push or pull job"_s.arg(it.key());
            return false;
        }
        if (!applyPatch(it.value(), it.key(), active, error)) {
            return false;
        }
    }
    return true;
}

QByteArray StatusChange::toJson() const
{
    JsonWriter w(256);
    w.beginObject();
    w.field("base", base);
    w.field("version", version);
    if (full) {
        w.key("full");
        w.raw(full->toJson());
    }
    if (!removed.isEmpty()) {
        w.key("removed");
        w.value(removed);
    }
    if (!replaced.isEmpty()) {
        w.key("jobs");
        w.beginObject();
        for (auto it = replaced.cbegin(); it != replaced.cend(); ++it) {
            const QByteArray name = it.key().toUtf8();
            w.key(name.constData());
            it.value().writeJson(w);
        }
        w.endObject();
    }
    if (!patched.isEmpty()) {
        w.key("patches");
        w.beginObject();
        for (auto it = patched.cbegin(); it != patched.cend(); ++it) {
            const QByteArray name = it.key().toUtf8();
            w.key(name.constData());
            writePatch(w, it.value());
        }
        w.endObject();
    }
    if (freshness) {
        w.key("freshness");
        w.raw(freshness->trimmed());
    }
    if (config) {
        w.key("config");
        w.raw(config->trimmed());
    }
    w.endObject();
    return w.take();
}

std::optional<StatusChange> StatusChange::fromJson(const QJsonObject &o, const QString &path, JsonReader &r)
{
    StatusChange change;
    change.base = quint64(r.integer(o, "base"_L1, path));
    change.version = quint64(r.integer(o, "version"_L1, path));
    QJsonObject full;
    if (r.object(o, "full"_L1, path, &full)) {
        QString error;
        change.full = DaemonStatus::fromJsonObject(full, &error);
        if (!change.full) {
            r.fail(JsonReader::join(path, "full"_L1), error);
        }
    }
    change.removed = r.strings(o, "removed"_L1, path);
    QJsonObject jobs;
    if (r.object(o, "jobs"_L1, path, &jobs)) {
        const QString p = JsonReader::join(path, "jobs"_L1);
        for (auto it = jobs.constBegin(); it != jobs.constEnd() && r.ok(); ++it) {
            QJsonObject job;
            if (r.element(it.value(), (p + u'.' + it.key()), &job)) {
                change.replaced.insert(it.key(), JobStatus::fromJson(job, (p + u'.' + it.key()), r));
            }
        }
    }
    QJsonObject patches;
    if (r.object(o, "patches"_L1, path, &patches)) {
        const QString p = JsonReader::join(path, "patches"_L1);
        for (auto it = patches.constBegin(); it != patches.constEnd() && r.ok(); ++it) {
            QJsonObject patch;
            if (r.element(it.value(), (p + u'.' + it.key()), &patch)) {
                change.patched.insert(it.key(), readPatch(patch, (p + u'.' + it.key()), r));
            }
        }
    }
    QJsonObject freshness;
    if (r.object(o, "freshness"_L1, path, &freshness)) {
        change.freshness = QJsonDocument(freshness).toJson(QJsonDocument::Compact);
    }
    QJsonObject config;
    if (r.object(o, "config"_L1, path, &config)) {
        // Read to check it, and written again as the daemon writes it: the bytes a client compares and parses are
        // the same whichever side made them.
        const ConfigStatus status = ConfigStatus::fromJson(config, JsonReader::join(path, "config"_L1), r);
        if (r.ok()) {
            change.config = status.toJson();
        }
    }
    if (!r.ok()) {
        return std::nullopt;
    }
    return change;
}

QByteArray StatusChanges::envelope(quint64 version, const QList<QByteArray> &changeJsons)
{
    qsizetype size = 64;
    for (const QByteArray &json : changeJsons) {
        size += json.size() + 1;
    }
    JsonWriter w(size);
    w.beginObject();
    w.field("version", version);
    w.key("changes");
    w.beginArray();
    for (const QByteArray &json : changeJsons) {
        w.raw(json);
    }
    w.endArray();
    w.endObject();
    QByteArray out = w.take();
    out.append('\n');
    return out;
}

std::optional<StatusChanges> StatusChanges::fromJson(const QByteArray &json, QString *error)
{
    const std::optional<QJsonObject> parsed = JsonReader::parseObject(json, u"status changes"_s, error);
    if (!parsed) {
        return std::nullopt;
    }
    JsonReader r;
    StatusChanges changes;
    changes.version = quint64(r.integer(*parsed, "version"_L1, QString()));
    r.forEachObject(*parsed, "changes"_L1, QString(), [&](const QJsonObject &object, const QString &path) {
        if (std::optional<StatusChange> change = StatusChange::fromJson(object, path, r)) {
            changes.changes.append(std::move(*change));
        }
    });
    if (!r.ok()) {
        *error = r.error();
        return std::nullopt;
    }
    return changes;
}

}  // namespace Api
