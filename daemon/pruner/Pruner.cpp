// SPDX-License-Identifier: MIT
#include "daemon/pruner/Pruner.h"

#include <algorithm>

#include "daemon/async/Cancellation.h"
#include "daemon/holds/HoldPurpose.h"
#include "daemon/holds/RunningSteps.h"
#include "daemon/snapper/GoDuration.h"

using namespace Qt::StringLiterals;

namespace Daemon {

Pruner::Pruner(Endpoint::PruneTarget &target, Pruning::KeepRuleList rules, Log::Context log, QObject *parent)
    : QObject(parent)
    , m_target(target)
    , m_rules(std::move(rules))
    , m_log(std::move(log))
{
}

void Pruner::fail(Api::PrunerState state, const QString &error)
{
    m_report.state = state;
    m_report.error = error;
    m_log.error(u"pruning failed"_s, {{u"state"_s, Api::toString(state)}, {u"err"_s, error}});
    Q_EMIT reportChanged();
}

Async::Task<void> Pruner::run()
{
    m_timedOut = false;
    const bool finished = co_await Async::withTimeout(round(), m_timeout);
    if (finished) {
        co_return;
    }
    m_timedOut = true;
    const QString limit = formatGoDuration(m_timeout);
    // Whatever the round was doing when the limit struck failed; pending filesystems stay pending in the report.
    fail(m_report.state == Api::PrunerState::Exec ? Api::PrunerState::ExecErr : Api::PrunerState::PlanErr,
         u"pruning did not finish within pruning.timeout (%1): aborted"_s.arg(limit));
    Q_EMIT timedOut();
}

void Pruner::setExplanationContext(QString job, QString side, QStringList ruleDescriptions)
{
    m_job = std::move(job);
    m_side = std::move(side);
    m_ruleDescriptions = std::move(ruleDescriptions);
}

namespace {

QString inUseBy(const QString &job)
{
    return u"a replication step of job %1 is using it now"_s.arg(job);
}

// The hold tags in words where they are known, else how many holds there are.
QString heldBy(const QStringList &tags, quint64 userRefs)
{
    if (tags.isEmpty()) {
        return u"held (%1 hold(s))"_s.arg(userRefs);
    }
    QStringList words;
    for (const QString &tag : tags) {
        words.append(u"held by %1 (%2)"_s.arg(tag, Holds::describeHoldTag(tag)));
    }
    return words.join(u"; "_s);
}

// The rules gave the snapshot up, but `because` keeps it.
void spare(Api::SnapshotVerdict &verdict, const QString &because)
{
    verdict.destroyed = false;
    verdict.blockedBy = because;
    verdict.explanation = u"no keep rule keeps it, but "_s + because;
}

Api::SnapshotVerdict *findVerdict(Api::PruningFilesystemExplanation &explanation, const QString &snapshot)
{
    for (Api::SnapshotVerdict &verdict : explanation.snapshots) {
        if (verdict.snapshot == snapshot) {
            return &verdict;
        }
    }
    return nullptr;
}

}  // namespace

Async::Task<void> Pruner::round()
{
    m_report = Api::PrunerReport{};
    m_report.state = Api::PrunerState::Plan;
    Q_EMIT reportChanged();

    const Zfs::Result<QList<Endpoint::PruneFilesystem>> listing = co_await m_target.listForPruning();
    if (!listing.ok()) {
        fail(Api::PrunerState::PlanErr, listing.error.toString());
        co_return;
    }
    const bool local = m_target.isLocal();
    const Api::Timestamp decidedAt = Api::Timestamp::now();
    QList<Api::PrunerFilesystemReport> skipped;
    QList<Api::PrunerFilesystemReport> pending;
    QList<Work> work;
    QList<Api::PruningFilesystemExplanation> explanations;
    // Per explanation: the verdict indices of snapshots the rules give up but a hold keeps, to name the hold.
    QHash<qsizetype, QList<qsizetype>> heldVerdicts;
    QStringList heldNames;
    for (const Endpoint::PruneFilesystem &filesystem : listing.value) {
        const QString fs = filesystem.name;
        if (filesystem.placeholder) {
            // Created by a receiver only to hold children: nothing of its own to prune.
            Api::PrunerFilesystemReport placeholder;
            placeholder.filesystem = fs;
            placeholder.skipReason = u"filesystem is placeholder"_s;
            skipped.append(placeholder);
            continue;
        }
        const QList<Zfs::FilesystemVersion> &snapshots = filesystem.snapshots;
        QList<Pruning::PruneCandidate> candidates;
        QHash<QString, quint64> holds;
        Api::PrunerFilesystemReport fsReport;
        fsReport.filesystem = fs;
        fsReport.snapshotList = QList<Api::PrunerSnapshot>();
        for (const Zfs::FilesystemVersion &snapshot : snapshots) {
            // A snap job has no receiver: like zrepl's local pruner, every snapshot counts as replicated.
            bool replicated = true;
            if (m_replicatedUpTo) {
                const auto it = m_replicatedUpTo->constFind(fs);
                replicated = it != m_replicatedUpTo->constEnd()
                    && (snapshot.createTxg < *it || (snapshot.createTxg == *it && m_snapshotAtCursorReplicated));
            }
            candidates.append(Pruning::PruneCandidate{snapshot.name, snapshot.creation, replicated});
            fsReport.snapshotList->append(Api::PrunerSnapshot{snapshot.name, replicated, snapshot.creation});
            if (snapshot.userRefs.value_or(0) > 0) {
                holds.insert(snapshot.name, *snapshot.userRefs);
            }
        }
        // A step of this daemon that runs now may not hold its snapshots (zfs-fuse's pools, or between its
        // planning and its hold): it is asked, not the pool.
        const QHash<QString, QString> inUse = local ? Holds::RunningSteps::instance().snapshotsInUse(fs) : QHash<QString, QString>{};
        Api::PruningFilesystemExplanation explanation{m_job, m_side, fs, decidedAt, {}};
        fsReport.destroyList = QList<Api::PrunerSnapshot>();
        QStringList names;
        QStringList held;
        for (const Pruning::PruneDecision &decision : Pruning::decidePruning(candidates, m_rules)) {
            const Pruning::PruneCandidate &candidate = decision.snapshot;
            Api::SnapshotVerdict verdict;
            verdict.snapshot = candidate.name;
            verdict.creation = candidate.date;
            verdict.replicated = candidate.replicated;
            for (qsizetype r : decision.keptBy) {
                verdict.keptBy.append(r < m_ruleDescriptions.size() ? m_ruleDescriptions[r] : m_rules[r]->kind());
            }
            if (!decision.destroy) {
                verdict.explanation = m_rules.isEmpty() ? u"kept: this side has no keep rules, nothing is destroyed"_s
                                                        : u"kept by %1"_s.arg(verdict.keptBy.join(u"; "_s));
            } else if (const auto user = inUse.constFind(candidate.name); user != inUse.constEnd()) {
                spare(verdict, inUseBy(*user));
            } else if (holds.contains(candidate.name)) {
                spare(verdict, heldBy({}, holds.value(candidate.name)));
                held.append(u"%1 (%2 hold(s))"_s.arg(candidate.name).arg(holds.value(candidate.name)));
                heldVerdicts[explanations.size()].append(explanation.snapshots.size());
                heldNames.append(fs + u'@' + candidate.name);
            } else {
                verdict.destroyed = true;
                verdict.explanation = u"destroyed: no keep rule keeps it"_s;
                fsReport.destroyList->append(Api::PrunerSnapshot{candidate.name, candidate.replicated, candidate.date});
                names.append(candidate.name);
            }
            explanation.snapshots.append(verdict);
        }
        if (!held.isEmpty()) {
            fsReport.lastError = u"not destroyed because held: %1"_s.arg(held.join(u", "_s));
            m_log.warn(u"snapshots the keep rules would destroy are held; leaving them"_s,
                       {{u"fs"_s, fs}, {u"snapshots"_s, held.join(u", "_s)}});
        }
        pending.append(fsReport);
        work.append(Work{fs, names, explanations.size()});
        explanations.append(explanation);
    }
    // One listing of the tags for every held snapshot the rules give up, to say which hold keeps it.
    if (!heldNames.isEmpty()) {
        QHash<QString, QStringList> tags;
        for (const Zfs::Hold &hold : co_await m_target.holdsOf(heldNames)) {
            tags[hold.snapshot].append(hold.tag);
        }
        for (auto it = heldVerdicts.cbegin(); it != heldVerdicts.cend(); ++it) {
            Api::PruningFilesystemExplanation &explanation = explanations[it.key()];
            for (qsizetype v : it.value()) {
                Api::SnapshotVerdict &verdict = explanation.snapshots[v];
                const QStringList named = tags.value(explanation.filesystem + u'@' + verdict.snapshot);
                if (!named.isEmpty()) {
                    spare(verdict, heldBy(named, quint64(named.size())));
                }
            }
        }
    }
    m_explanations = explanations;
    m_report.state = Api::PrunerState::Exec;
    m_report.pending = pending;
    m_report.completed = skipped;
    Q_EMIT reportChanged();

    int failed = 0;
    for (Work item : work) {
        QString error;
        if (local && !item.destroy.isEmpty()) {
            // A step may have started since the plan: what it uses now is spared.
            const QHash<QString, QString> inUse = Holds::RunningSteps::instance().snapshotsInUse(item.filesystem);
            for (auto it = inUse.cbegin(); it != inUse.cend(); ++it) {
                if (!item.destroy.removeOne(it.key())) {
                    continue;
                }
                m_log.info(u"sparing a snapshot a replication step started to use"_s,
                           {{u"fs"_s, item.filesystem}, {u"snapshot"_s, it.key()}, {u"job"_s, it.value()}});
                if (Api::SnapshotVerdict *verdict = findVerdict(m_explanations[item.explanation], it.key())) {
                    spare(*verdict, inUseBy(it.value()));
                }
                if (m_report.pending && !m_report.pending->isEmpty() && m_report.pending->first().destroyList) {
                    QList<Api::PrunerSnapshot> &list = *m_report.pending->first().destroyList;
                    list.erase(std::remove_if(list.begin(), list.end(),
                                              [&](const Api::PrunerSnapshot &s) { return s.name == it.key(); }),
                               list.end());
                }
            }
        }
        if (!item.destroy.isEmpty()) {
            m_log.info(u"destroying snapshots"_s, {{u"fs"_s, item.filesystem}, {u"snapshots"_s, item.destroy.join(u',')}});
            const Zfs::DestroyOutcome outcome = co_await m_target.destroySnapshots(item.filesystem, item.destroy);
            QStringList problems;
            for (auto it = outcome.cbegin(); it != outcome.cend(); ++it) {
                const QString reason = it.value().is(Zfs::ZfsError::Kind::Busy)
                    ? u"%1: dataset is busy (held or in use), not destroyed"_s.arg(it.key())
                    : u"%1: %2"_s.arg(it.key(), it.value().toString().trimmed());
                problems.append(reason);
                if (Api::SnapshotVerdict *verdict = findVerdict(m_explanations[item.explanation], it.key())) {
                    verdict->destroyed = false;
                    verdict->explanation = u"no keep rule keeps it, but destroying it failed: %1"_s.arg(reason);
                }
            }
            error = problems.join(u'\n');
        }
        Api::PrunerFilesystemReport done = m_report.pending->takeFirst();
        if (!error.isEmpty()) {
            ++failed;
            done.lastError = done.lastError.isEmpty() ? error : done.lastError + u'\n' + error;
            m_log.error(u"cannot destroy snapshots"_s, {{u"fs"_s, item.filesystem}, {u"err"_s, error}});
        }
        m_report.completed->append(done);
        Q_EMIT reportChanged();
    }
    if (failed > 0) {
        m_report.state = Api::PrunerState::ExecErr;
        m_report.error = u"%1 filesystem(s) could not be pruned completely, check their errors"_s.arg(failed);
    } else {
        m_report.state = Api::PrunerState::Done;
    }
    Q_EMIT reportChanged();
}

int Pruner::failedFilesystems(const Api::PrunerReport &report)
{
    if (report.state == Api::PrunerState::PlanErr) {
        return -1;
    }
    int failed = 0;
    for (const auto *list : {&report.pending, &report.completed}) {
        for (const Api::PrunerFilesystemReport &fs : list->value_or(QList<Api::PrunerFilesystemReport>{})) {
            failed += fs.lastError.isEmpty() ? 0 : 1;
        }
    }
    return failed == 0 && report.state == Api::PrunerState::ExecErr ? -1 : failed;
}

}  // namespace Daemon
