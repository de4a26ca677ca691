// SPDX-License-Identifier: MIT
#include "daemon/pruner/Pruner.h"

#include "daemon/async/Cancellation.h"
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
    QList<Api::PrunerFilesystemReport> skipped;
    QList<Api::PrunerFilesystemReport> pending;
    QList<Work> work;
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
        const QList<Pruning::PruneCandidate> destroy = Pruning::pruneSnapshots(candidates, m_rules);
        fsReport.destroyList = QList<Api::PrunerSnapshot>();
        QStringList names;
        QStringList held;
        for (const Pruning::PruneCandidate &candidate : destroy) {
            if (holds.contains(candidate.name)) {
                held.append(u"%1 (%2 hold(s))"_s.arg(candidate.name).arg(holds.value(candidate.name)));
                continue;
            }
            fsReport.destroyList->append(Api::PrunerSnapshot{candidate.name, candidate.replicated, candidate.date});
            names.append(candidate.name);
        }
        if (!held.isEmpty()) {
            fsReport.lastError = u"not destroyed because held: %1"_s.arg(held.join(u", "_s));
            m_log.warn(u"snapshots the keep rules would destroy are held; leaving them"_s,
                       {{u"fs"_s, fs}, {u"snapshots"_s, held.join(u", "_s)}});
        }
        pending.append(fsReport);
        work.append(Work{fs, names});
    }
    m_report.state = Api::PrunerState::Exec;
    m_report.pending = pending;
    m_report.completed = skipped;
    Q_EMIT reportChanged();

    int failed = 0;
    for (const Work &item : work) {
        QString error;
        if (!item.destroy.isEmpty()) {
            m_log.info(u"destroying snapshots"_s, {{u"fs"_s, item.filesystem}, {u"snapshots"_s, item.destroy.join(u',')}});
            const Zfs::DestroyOutcome outcome = co_await m_target.destroySnapshots(item.filesystem, item.destroy);
            QStringList problems;
            for (auto it = outcome.cbegin(); it != outcome.cend(); ++it) {
                const QString reason = it.value().is(Zfs::ZfsError::Kind::Busy)
                    ? u"%1: dataset is busy (held or in use), not destroyed"_s.arg(it.key())
                    : u"%1: %2"_s.arg(it.key(), it.value().toString().trimmed());
                problems.append(reason);
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
