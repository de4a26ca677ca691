// SPDX-License-Identifier: MIT
#include "shared/control/JobStatus.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include "shared/control/JsonReader.h"
#include "shared/control/JsonWriter.h"

using namespace Qt::StringLiterals;

namespace Api {

namespace {

constexpr const char *JobTypeNames[] = {"internal", "snap", "push", "sink", "pull", "source"};

template<typename Report>
void writeOptional(JsonWriter &w, const char *key, const std::optional<Report> &report)
{
    w.key(key);
    if (report) {
        report->writeJson(w);
    } else {
        w.null();
    }
}

template<typename Report>
std::optional<Report> readOptional(const QJsonObject &o, QLatin1StringView key, const QString &path, JsonReader &r)
{
    QJsonObject child;
    if (!r.object(o, key, path, &child)) {
        return std::nullopt;
    }
    return Report::fromJson(child, JsonReader::join(path, key), r);
}

}  // namespace

QString toString(JobStatus::Type type)
{
    return QString::fromLatin1(JobTypeNames[int(type)]);
}

std::optional<JobStatus::Type> jobTypeFromString(const QString &text)
{
    for (int i = 0; i < int(std::size(JobTypeNames)); ++i) {
        if (text == QLatin1StringView(JobTypeNames[i])) {
            return JobStatus::Type(i);
        }
    }
    return std::nullopt;
}

// zrepl's job.Status.MarshalJSON: {"<type>": <job specific>, "type": "<type>"}, the type-named key first because
// Go's map encoding sorts keys and every type name sorts before "type".
void JobStatus::writeJson(JsonWriter &w) const
{
    const char *name = JobTypeNames[int(type)];
    w.beginObject();
    w.key(name);
    if (const ActiveSideStatus *a = active()) {
        w.beginObject();
        writeOptional(w, "Replication", a->replication);
        writeOptional(w, "PruningSender", a->pruningSender);
        writeOptional(w, "PruningReceiver", a->pruningReceiver);
        writeOptional(w, "Snapshotting", a->snapshotting);
        w.endObject();
    } else if (const SnapJobStatus *s = snap()) {
        w.beginObject();
        writeOptional(w, "Pruning", s->pruning);
        writeOptional(w, "Snapshotting", s->snapshotting);
        w.endObject();
    } else if (const PassiveStatus *p = passive()) {
        w.beginObject();
        writeOptional(w, "Snapper", p->snapper);
        w.endObject();
    } else {
        w.null();
    }
    w.key("type");
    w.value(name);
    w.endObject();
}

JobStatus JobStatus::fromJson(const QJsonObject &o, const QString &path, JsonReader &r)
{
    JobStatus status;
    const QString typeName = r.string(o, "type"_L1, path);
    const auto type = jobTypeFromString(typeName);
    if (!type) {
        r.fail(JsonReader::join(path, "type"_L1), u"unknown job type '%1'"_s.arg(typeName));
        return status;
    }
    status.type = *type;
    const QLatin1StringView key(JobTypeNames[int(*type)]);
    QJsonObject specific;
    const bool present = r.object(o, key, path, &specific);
    const QString p = JsonReader::join(path, key);
    switch (*type) {
    case Type::Internal:
        break;
    case Type::Push:
    case Type::Pull: {
        ActiveSideStatus a;
        if (present) {
            a.replication = readOptional<ReplicationReport>(specific, "Replication"_L1, p, r);
            a.pruningSender = readOptional<PrunerReport>(specific, "PruningSender"_L1, p, r);
            a.pruningReceiver = readOptional<PrunerReport>(specific, "PruningReceiver"_L1, p, r);
            a.snapshotting = readOptional<SnapperReport>(specific, "Snapshotting"_L1, p, r);
        }
        status.specific = a;
        break;
    }
    case Type::Snap: {
        SnapJobStatus s;
        if (present) {
            s.pruning = readOptional<PrunerReport>(specific, "Pruning"_L1, p, r);
            s.snapshotting = readOptional<SnapperReport>(specific, "Snapshotting"_L1, p, r);
        }
        status.specific = s;
        break;
    }
    case Type::Sink:
    case Type::Source: {
        PassiveStatus ps;
        if (present) {
            ps.snapper = readOptional<SnapperReport>(specific, "Snapper"_L1, p, r);
        }
        status.specific = ps;
        break;
    }
    }
    return status;
}

QByteArray DaemonStatus::toJson() const
{
    // About what a job and a filesystem with a couple of steps cost, so that big reports are written without
    // regrowing the buffer many times.
    qsizetype filesystems = 0;
    for (const JobStatus &job : jobs) {
        if (const ActiveSideStatus *active = job.active(); active && active->replication) {
            for (const AttemptReport &attempt : active->replication->attempts) {
                filesystems += attempt.filesystems.size();
            }
        }
    }
    JsonWriter w(1024 + jobs.size() * 512 + filesystems * 512);
    w.beginObject();
    for (auto it = jobs.cbegin(); it != jobs.cend(); ++it) {
        const QByteArray name = it.key().toUtf8();
        w.key(name.constData());
        it.value().writeJson(w);
    }
    w.endObject();
    return w.take();
}

std::optional<DaemonStatus> DaemonStatus::fromJson(const QByteArray &json, QString *error)
{
    const std::optional<QJsonObject> parsed = JsonReader::parseObject(json, u"status"_s, error);
    if (!parsed) {
        return std::nullopt;
    }
    return fromJsonObject(*parsed, error);
}

std::optional<DaemonStatus> DaemonStatus::fromJsonObject(const QJsonObject &object, QString *error)
{
    QJsonObject root = object;
    // zrepl >= 0.3 wraps the jobs: {"Jobs": {...}, "Global": {...}}. A job entry always has a "type".
    const QJsonValue wrapped = root.value("Jobs"_L1);
    if (wrapped.isObject() && !wrapped.toObject().value("type"_L1).isString()) {
        root = wrapped.toObject();
    }
    DaemonStatus status;
    JsonReader reader;
    for (auto it = root.constBegin(); it != root.constEnd() && reader.ok(); ++it) {
        QJsonObject job;
        if (reader.element(it.value(), it.key(), &job)) {
            status.jobs.insert(it.key(), JobStatus::fromJson(job, it.key(), reader));
        }
    }
    if (!reader.ok()) {
        *error = reader.error();
        return std::nullopt;
    }
    return status;
}

std::pair<bool, QString> runOutcome(const ActiveSideStatus &status)
{
    if (!status.replication || status.replication->attempts.isEmpty()) {
        return {false, u"the run ended before replicating"_s};
    }
    const AttemptReport &attempt = status.replication->attempts.last();
    if (attempt.state == AttemptState::PlanningError) {
        return {false, attempt.planError ? attempt.planError->err : u"planning failed"_s};
    }
    QStringList failed;
    for (const FilesystemReport &fs : attempt.filesystems) {
        if (const TimedError *error = fs.error()) {
            failed.append(u"%1: %2"_s.arg(fs.name, error->err.section(u'\n', 0, 0)));
        }
    }
    if (!failed.isEmpty()) {
        return {false, u"%1 filesystem(s) failed: %2"_s.arg(failed.size()).arg(failed.join(u"; "_s))};
    }
    if (attempt.state != AttemptState::Done) {
        return {false, u"replication ended in state %1"_s.arg(toString(attempt.state))};
    }
    for (const auto &[side, report] : {std::pair{u"sender"_s, &status.pruningSender}, std::pair{u"receiver"_s, &status.pruningReceiver}}) {
        if (*report && ((*report)->state == PrunerState::PlanErr || (*report)->state == PrunerState::ExecErr)) {
            return {false, u"pruning the %1 failed: %2"_s.arg(side, (*report)->error)};
        }
    }
    return {true, {}};
}

}  // namespace Api
