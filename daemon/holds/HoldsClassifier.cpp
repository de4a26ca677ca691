// SPDX-License-Identifier: MIT
#include "daemon/holds/HoldsClassifier.h"

#include <QMap>
#include <QSet>

#include "daemon/endpoint/AbstractionNames.h"
#include "daemon/holds/HoldPurpose.h"
#include "daemon/zfs/ResumeToken.h"

using namespace Qt::StringLiterals;

namespace Holds {

bool JobScope::covers(const Zfs::DatasetPath &filesystem) const
{
    if (sending && sending->matches(filesystem)) {
        return true;
    }
    return receivingRoot && filesystem.hasPrefix(*receivingRoot) && !(filesystem == *receivingRoot);
}

namespace {

using Kind = Api::AbstractionItem::Kind;

bool sends(Config::JobType type)
{
    return type == Config::JobType::Push || type == Config::JobType::Source;
}

bool receives(Config::JobType type)
{
    return type == Config::JobType::Sink || type == Config::JobType::Pull;
}

const JobScope *findJob(const QList<JobScope> &jobs, const QString &name)
{
    for (const JobScope &job : jobs) {
        if (job.name == name) {
            return &job;
        }
    }
    return nullptr;
}

// Why an item of `owner` on `filesystem` is stale from the configuration's point of view, "" if it is not.
QString ownerProblem(const QList<JobScope> &jobs, const QString &owner, Kind kind, const Zfs::DatasetPath &filesystem)
{
    const JobScope *job = findJob(jobs, owner);
    if (!job) {
        return u"job \"%1\" is not in this daemon's configuration (renamed or removed)"_s.arg(owner);
    }
    const bool sendingKind = kind != Kind::LastReceivedHold;
    if (sendingKind ? !sends(job->type) : !receives(job->type)) {
        return u"job \"%1\" is a %2 job, which does not %3: the item belongs to another job of that name"_s.arg(
            owner, Config::jobTypeName(job->type), sendingKind ? u"send"_s : u"receive"_s);
    }
    if (!job->covers(filesystem)) {
        return u"job \"%1\" does not replicate this filesystem (it is not among its filesystems)"_s.arg(owner);
    }
    return {};
}

}  // namespace

Api::HoldsReport classify(const SurveyFacts &facts, const QList<JobScope> &jobs, const StepLookup &runningStep)
{
    Api::HoldsReport report;
    report.listedAt = facts.listedAt;
    report.unlistedHolds = facts.unlistedHolds;

    QHash<QString, Zfs::FilesystemVersion> snapshots;  // full name → snapshot
    for (const QList<Zfs::FilesystemVersion> &list : facts.versions) {
        for (const Zfs::FilesystemVersion &v : list) {
            if (v.isSnapshot()) {
                snapshots.insert(v.fullName(), v);
            }
        }
    }
    // When each snapshot's step hold was placed, by guid: OpenZFS does not say when a partial receive began (its
    // `%recv` state is hidden), but where this machine is also the sender, the step hold on the snapshot being
    // received says when its step began.
    QHash<quint64, Api::Timestamp> stepHeldAt;
    for (const Zfs::Hold &hold : facts.holds) {
        const auto snapshot = snapshots.constFind(hold.snapshot);
        if (snapshot != snapshots.constEnd() && Endpoint::parseStepHoldTag(hold.tag) && !hold.created.isZero()) {
            stepHeldAt.insert(snapshot->guid, hold.created);
        }
    }

    // The interrupted receives of this machine, and the guids they resume towards: a step hold on such a snapshot
    // keeps a resume possible (a local push into a local sink, or two jobs of one daemon).
    QMap<QString, Api::PartialReceive> partial;
    QSet<quint64> resumingTo;
    for (const Zfs::Dataset &dataset : facts.filesystems) {
        const QString token = dataset.resumeToken();
        if (token.isEmpty()) {
            continue;
        }
        const QString fs = dataset.path.toString();
        Api::PartialReceive p;
        p.token = token;
        QString error;
        if (const std::optional<Zfs::ResumeToken> decoded = Zfs::ResumeToken::decode(token, &error)) {
            p.toName = decoded->toName;
            p.toGuid = QString::number(decoded->toGuid);
            p.bytes = qint64(decoded->bytes);
            p.since = stepHeldAt.value(decoded->toGuid);
            resumingTo.insert(decoded->toGuid);
            if (decoded->fromGuid) {
                p.fromGuid = QString::number(*decoded->fromGuid);
                for (const Zfs::FilesystemVersion &v : facts.versions.value(fs)) {
                    if (v.guid == *decoded->fromGuid) {
                        p.fromName = v.fullName();
                        break;
                    }
                }
            }
        } else {
            p.error = error;
        }
        partial.insert(fs, p);
    }

    QMap<QString, QList<Api::AbstractionItem>> items;
    for (auto it = facts.versions.cbegin(); it != facts.versions.cend(); ++it) {
        QHash<quint64, QString> snapshotByGuid;
        for (const Zfs::FilesystemVersion &v : it.value()) {
            if (v.isSnapshot()) {
                snapshotByGuid.insert(v.guid, v.name);
            }
        }
        for (const Zfs::FilesystemVersion &v : it.value()) {
            const std::optional<Endpoint::Abstraction> ours = v.isBookmark() ? Endpoint::parseBookmarkAbstraction(v.name) : std::nullopt;
            if (!ours) {
                continue;
            }
            Api::AbstractionItem item;
            item.kind = ours->kind;
            item.job = ours->jobId;
            item.filesystem = it.key();
            item.bookmark = v.name;
            item.guid = QString::number(v.guid);
            item.createdAt = v.creation;
            item.snapshot = snapshotByGuid.value(v.guid);
            items[it.key()].append(item);
        }
    }
    for (const Zfs::Hold &hold : facts.holds) {
        const auto snapshot = snapshots.constFind(hold.snapshot);
        const std::optional<Endpoint::Abstraction> ours = Endpoint::parseHoldAbstraction(hold.tag);
        if (snapshot == snapshots.constEnd() || !ours) {
            continue;
        }
        Api::AbstractionItem item;
        item.kind = ours->kind;
        item.job = ours->jobId;
        item.filesystem = snapshot->filesystem;
        item.snapshot = snapshot->name;
        item.tag = hold.tag;
        item.guid = QString::number(snapshot->guid);
        item.createdAt = hold.created;
        items[item.filesystem].append(item);
    }

    QSet<QString> names;
    for (auto it = items.cbegin(); it != items.cend(); ++it) {
        names.insert(it.key());
    }
    for (auto it = partial.cbegin(); it != partial.cend(); ++it) {
        names.insert(it.key());
    }
    QStringList sorted(names.cbegin(), names.cend());
    sorted.sort();
    for (const QString &name : std::as_const(sorted)) {
        const Zfs::DatasetPath path = Zfs::DatasetPath::fromString(name);
        Api::FilesystemHolds fs;
        fs.filesystem = name;
        bool anyReplicating = false;
        bool allPaused = true;
        for (const JobScope &job : jobs) {
            if (job.covers(path)) {
                fs.jobs.append(job.name);
                if (job.type != Config::JobType::Snap) {
                    anyReplicating = true;
                    allPaused = allPaused && job.paused;
                }
            }
        }
        fs.paused = anyReplicating && allPaused;
        fs.runningStepJob = runningStep ? runningStep(name) : QString();
        if (partial.contains(name)) {
            fs.partialReceive = partial.value(name);
        }
        QList<Api::AbstractionItem> list = items.value(name);
        // The newest last-received hold of each job is the one that counts.
        QHash<QString, quint64> newestReceived;
        for (const Api::AbstractionItem &item : std::as_const(list)) {
            if (item.kind == Kind::LastReceivedHold) {
                const quint64 txg = snapshots.value(item.target()).createTxg;
                newestReceived[item.job] = std::max(newestReceived.value(item.job), txg);
            }
        }
        for (Api::AbstractionItem &item : list) {
            item.purpose = purposeOf(item.kind, item.job);
            if (item.kind == Kind::ReplicationCursorV1) {
                continue;  // zrepl < 0.3's: `migrate` is the way to remove it
            }
            QString problem = ownerProblem(jobs, item.job, item.kind, path);
            if (problem.isEmpty() && (item.kind == Kind::StepHold || item.kind == Kind::StepBookmark)) {
                const JobScope *job = findJob(jobs, item.job);
                const bool resumes = resumingTo.contains(item.guid.toULongLong());
                if (!job->replicating && fs.runningStepJob.isEmpty() && !resumes) {
                    problem = u"no replication step of job \"%1\" is running: left by a step that was interrupted or "
                              "failed"_s.arg(item.job);
                    if (job->type == Config::JobType::Push) {
                        problem += u" (the job's next run resumes an interrupted step from the receiver's resume "
                                   "token and places it again if needed)"_s;
                    }
                }
            }
            if (problem.isEmpty() && item.kind == Kind::LastReceivedHold
                && snapshots.value(item.target()).createTxg < newestReceived.value(item.job)) {
                problem = u"job \"%1\" holds a newer received snapshot on this filesystem: this hold's move was cut "
                          "short"_s.arg(item.job);
            }
            item.stale = !problem.isEmpty();
            item.staleReason = problem;
        }
        std::sort(list.begin(), list.end(), [](const Api::AbstractionItem &a, const Api::AbstractionItem &b) {
            return std::tie(a.kind, a.job, a.snapshot, a.bookmark) < std::tie(b.kind, b.job, b.snapshot, b.bookmark);
        });
        fs.items = list;
        report.filesystems.append(fs);
    }
    return report;
}

}  // namespace Holds
