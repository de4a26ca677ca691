// SPDX-License-Identifier: MIT
#include "daemon/health/FreshnessTracker.h"

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace Health {

namespace {

std::chrono::seconds ageAt(const Api::Timestamp &t, const QDateTime &now)
{
    return std::chrono::seconds(std::max<qint64>(0, now.toSecsSinceEpoch() - t.unixSeconds()));
}

// The snapshots among `versions` (bookmarks left out): how many, the newest, and the one that is the replica.
struct SnapshotSummary
{
    int count = 0;
    const Zfs::FilesystemVersion *newest = nullptr;
    const Zfs::FilesystemVersion *replica = nullptr;
};

template<typename IsReplica>
SnapshotSummary summarize(const QList<Zfs::FilesystemVersion> &versions, IsReplica isReplica)
{
    SnapshotSummary summary;
    for (const Zfs::FilesystemVersion &v : versions) {
        if (!v.isSnapshot()) {
            continue;
        }
        ++summary.count;
        if (!summary.newest || v.createTxg > summary.newest->createTxg) {
            summary.newest = &v;
        }
        if (isReplica(v)) {
            summary.replica = &v;
        }
    }
    return summary;
}

std::optional<Api::SnapshotRef> refOf(const Zfs::FilesystemVersion *version)
{
    return version ? std::optional<Api::SnapshotRef>(Api::SnapshotRef{version->name, version->creation}) : std::nullopt;
}

}  // namespace

FilesystemFacts receivedFacts(const QList<Zfs::FilesystemVersion> &versions, const QString &receivedName,
                              const Api::Timestamp &receivedAt)
{
    const SnapshotSummary summary = summarize(versions, [&receivedName](const Zfs::FilesystemVersion &v) { return v.name == receivedName; });
    FilesystemFacts facts;
    facts.snapshots = summary.count;
    facts.newest = refOf(summary.newest);
    // Without the hold's snapshot, the newest received one is the replica.
    facts.replicated = summary.replica ? refOf(summary.replica) : facts.newest;
    facts.receivedAt = receivedAt;
    facts.lastSuccessAt = receivedAt;
    return facts;
}

FilesystemFacts senderFacts(const QList<Zfs::FilesystemVersion> &versions, const std::optional<Zfs::FilesystemVersion> &cursor)
{
    const SnapshotSummary summary =
        summarize(versions, [&cursor](const Zfs::FilesystemVersion &v) { return cursor && v.guid == cursor->guid; });
    FilesystemFacts facts;
    facts.snapshots = summary.count;
    facts.newest = refOf(summary.newest);
    facts.replicated = refOf(summary.replica);
    if (cursor && !facts.replicated) {
        // The snapshot the cursor was made from is gone; the bookmark keeps its creation.
        facts.replicated = Api::SnapshotRef{cursor->relativeName(), cursor->creation};
    }
    for (const Zfs::FilesystemVersion &v : versions) {
        facts.unreplicated += v.isSnapshot() && (!cursor || v.createTxg > cursor->createTxg) ? 1 : 0;
    }
    return facts;
}

FreshnessTracker::FreshnessTracker(QString job, QString type, Thresholds thresholds, bool receiving)
    : m_job(std::move(job))
    , m_type(std::move(type))
    , m_thresholds(thresholds)
    , m_receiving(receiving)
{
}

void FreshnessTracker::replaceAll(const QHash<QString, FilesystemFacts> &facts)
{
    ++m_generation;
    m_facts.clear();
    for (auto it = facts.cbegin(); it != facts.cend(); ++it) {
        m_facts.insert(it.key(), it.value());
    }
}

void FreshnessTracker::update(const QString &filesystem, const FilesystemFacts &facts)
{
    ++m_generation;
    m_facts.insert(filesystem, facts);
}

void FreshnessTracker::runFinished(const Api::Timestamp &startedAt, bool succeeded, const QString &error)
{
    ++m_generation;
    m_anyRunFinished = true;
    m_lastRunAt = startedAt;
    m_lastRunError = succeeded ? QString() : error;
    if (succeeded) {
        m_lastSuccessAt = Api::Timestamp::now();
        m_jobError.clear();
    }
}

Api::FilesystemFreshness FreshnessTracker::evaluateFilesystem(const QString &name, const FilesystemFacts &facts,
                                                              const QDateTime &now, const ReasonTexts &texts,
                                                              qint64 *nextChange) const
{
    Api::FilesystemFreshness fs;
    fs.filesystem = name;
    fs.snapshots = facts.snapshots;
    fs.newestSnapshot = facts.newest;
    fs.replicatedSnapshot = facts.replicated;
    fs.lastSuccessAt = facts.lastSuccessAt;
    fs.unreplicatedSnapshots = facts.unreplicated;
    fs.unreplicatedBytes = facts.unreplicatedBytes;
    fs.error = facts.error;

    const Thresholds &t = m_thresholds;
    const bool snapshotsOnly = m_type == u"snap";
    // What "how old is the safe copy" means: a snap job's newest snapshot; a receiver's last receive (the
    // snapshot's creation where the time of the receive is not known); a sender's newest replicated snapshot.
    // The reasons name thresholds, not ages, so that the answer only changes when a threshold is crossed: the
    // ages are in the timestamps, for the reader to compute against `now`.
    std::optional<Api::Timestamp> since;
    QString what;
    if (snapshotsOnly) {
        if (facts.newest) {
            since = facts.newest->creation;
            what = u"newest snapshot"_s;
        }
    } else if (m_receiving && !facts.receivedAt.isZero()) {
        since = facts.receivedAt;
        what = u"last receive"_s;
    } else if (facts.replicated) {
        since = facts.replicated->creation;
        what = u"newest replicated snapshot"_s;
    }
    const qint64 nowSeconds = now.toSecsSinceEpoch();
    auto noteChangeAt = [nowSeconds, nextChange](qint64 at) {
        if (nextChange && at > nowSeconds && (*nextChange == 0 || at < *nextChange)) {
            *nextChange = at;
        }
    };

    if (!since) {
        if (snapshotsOnly) {
            fs.health = Api::Health::Warning;
            fs.healthReason = u"no snapshot yet"_s;
        } else if (!facts.error.isEmpty()) {
            fs.health = Api::Health::Critical;
            fs.healthReason = u"never replicated: %1"_s.arg(facts.error);
        } else {
            fs.health = Api::Health::Warning;
            fs.healthReason = u"not replicated yet"_s;
        }
        return fs;
    }
    const qint64 base = since->unixSeconds();
    noteChangeAt(base + t.warningAfter.count());
    noteChangeAt(base + t.criticalAfter.count());
    fs.health = HealthPolicy::forAge(ageAt(*since, now), t);
    if (fs.health == Api::Health::Critical) {
        fs.healthReason = what + texts.critical;
    } else if (fs.health == Api::Health::Warning) {
        fs.healthReason = what + texts.warning;
    } else {
        fs.healthReason = what + texts.ok;
    }
    if (fs.health == Api::Health::Ok && !facts.error.isEmpty()) {
        fs.health = Api::Health::Warning;
        fs.healthReason = u"last run failed: %1"_s.arg(facts.error);
    }
    // Snapshots that stopped being taken make every later replica as old as they are; say so before it turns red.
    if (!snapshotsOnly && t.snapshotInterval > 0s && facts.newest) {
        const qint64 stoppedAt = facts.newest->creation.unixSeconds() + 3 * t.snapshotInterval.count();
        noteChangeAt(stoppedAt);
        if (fs.health == Api::Health::Ok && nowSeconds >= stoppedAt) {
            fs.health = Api::Health::Warning;
            fs.healthReason = texts.snapshotsStopped;
        }
    }
    return fs;
}

int FreshnessTracker::filesystemErrors() const
{
    int errors = 0;
    for (const FilesystemFacts &facts : m_facts) {
        errors += facts.error.isEmpty() ? 0 : 1;
    }
    const QString jobError = m_jobError.isEmpty() ? m_lastRunError : m_jobError;
    return errors == 0 && !jobError.isEmpty() ? -1 : errors;
}

Api::JobFreshness FreshnessTracker::evaluate(const QDateTime &now, QDateTime *validUntil) const
{
    const Thresholds &t = m_thresholds;
    const ReasonTexts texts{
        u" within %1"_s.arg(HealthPolicy::describeAge(t.warningAfter)),
        u" older than %1 (warning threshold)"_s.arg(HealthPolicy::describeAge(t.warningAfter)),
        u" older than %1 (critical threshold)"_s.arg(HealthPolicy::describeAge(t.criticalAfter)),
        u"no snapshot for more than 3 intervals of %1"_s.arg(HealthPolicy::describeAge(t.snapshotInterval)),
    };
    qint64 nextChange = 0;
    Api::JobFreshness job;
    job.job = m_job;
    job.type = m_type;
    job.lastRunAt = m_lastRunAt;
    job.lastSuccessAt = m_lastSuccessAt;
    job.lastRunError = m_jobError.isEmpty() ? m_lastRunError : m_jobError;
    job.nextSnapshotAt = m_nextSnapshotAt;
    job.nextReplicationAt = m_nextReplicationAt;
    job.warningAfterSeconds = m_thresholds.warningAfter.count();
    job.criticalAfterSeconds = m_thresholds.criticalAfter.count();
    job.snapshotIntervalSeconds = m_thresholds.snapshotInterval.count();

    job.filesystems.reserve(m_facts.size());
    Api::Health worst = Api::Health::Ok;
    const Api::FilesystemFreshness *worstFs = nullptr;
    for (auto it = m_facts.cbegin(); it != m_facts.cend(); ++it) {
        job.filesystems.append(evaluateFilesystem(it.key(), it.value(), now, texts, &nextChange));
    }
    for (const Api::FilesystemFreshness &fs : std::as_const(job.filesystems)) {
        if (!worstFs || Api::worse(fs.health, worst) != worst) {
            worst = fs.health;
            worstFs = &fs;
        }
    }
    if (job.filesystems.isEmpty()) {
        job.health = Api::Health::Unknown;
        job.healthReason = m_anyRunFinished ? (m_receiving ? u"nothing received yet"_s : u"no filesystem matches the job's filter"_s)
                                            : u"not run since the daemon started"_s;
    } else {
        job.health = worst;
        const int count = int(std::count_if(job.filesystems.cbegin(), job.filesystems.cend(),
                                             [worst](const Api::FilesystemFreshness &fs) { return fs.health == worst; }));
        job.healthReason = worst == Api::Health::Ok
                               ? u"all %n filesystem(s) fresh"_s.replace(u"%n"_s, QString::number(job.filesystems.size()))
                               : u"%1: %2"_s.arg(worstFs->filesystem, worstFs->healthReason)
                                     + (count > 1 ? u" (and %1 more)"_s.arg(count - 1) : QString());
    }
    if (!job.lastRunError.isEmpty() && job.health != Api::Health::Critical) {
        job.health = Api::Health::Warning;
        job.healthReason = u"last run failed: %1"_s.arg(job.lastRunError);
    }
    job.paused = m_paused;
    if (m_paused) {
        job.healthReason = u"replication paused (`holdfast signal resume %1` continues it); "_s.arg(job.job) + job.healthReason;
    }
    if (validUntil) {
        *validUntil = nextChange == 0 ? QDateTime() : QDateTime::fromSecsSinceEpoch(nextChange, Qt::UTC);
    }
    return job;
}

}  // namespace Health
