// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>

#include <chrono>

#include "daemon/async/Task.h"
#include "daemon/logging/Logger.h"
#include "daemon/pruning/Pruning.h"
#include "daemon/endpoint/Endpoints.h"
#include "shared/control/Holds.h"
#include "shared/control/PrunerReport.h"

namespace Daemon {

// One pruning round over the filesystems of one side of a job (this daemon's or a remote one's), as zrepl's local pruner (daemon/pruner): plan (list the
// filesystems and their snapshots, apply the keep rules), then destroy per filesystem in batches. A snapshot with
// a user hold is never destroyed: it is left out of the destroy list and the reason is reported. Decisions are
// recomputed from the pool every round, so a round cut short (daemon killed, `reset`) leaves nothing half-decided.
class Pruner final : public QObject
{
    Q_OBJECT

public:
    // `log` names the subsystem: "pruning" for a snap job, "pruning_sender"/"pruning_receiver" for replication.
    Pruner(Endpoint::PruneTarget &target, Pruning::KeepRuleList rules, Log::Context log, QObject *parent = nullptr);

    Api::PrunerReport report() const { return m_report; }
    // Filesystems whose pruning failed in `report`; -1 when the pruner failed before it listed them.
    static int failedFilesystems(const Api::PrunerReport &report);

    // For the sending side of a replication: per filesystem the createtxg up to which snapshots are on the
    // receiver (zrepl's replication cursor); newer ones count as not replicated. Without it (snap jobs, receivers)
    // every snapshot counts as replicated.
    void setReplicatedUpTo(std::optional<QHash<QString, quint64>> txgByFilesystem) { m_replicatedUpTo = std::move(txgByFilesystem); }
    // zrepl's not_replicated.keep_snapshot_at_cursor (default true): the snapshot at the cursor counts as not
    // replicated, so that not_replicated keeps it as the base of the next incremental step. zrepl considers it
    // replicated as soon as one not_replicated rule says keep_snapshot_at_cursor: false.
    void setSnapshotAtCursorReplicated(bool replicated) { m_snapshotAtCursorReplicated = replicated; }
    // Holdfast's pruning.timeout of push and pull jobs: a round that takes longer is aborted where it is (what it
    // destroyed stays destroyed; the next round decides afresh). 0, the default: no limit.
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    bool hasTimedOut() const { return m_timedOut; }
    // For "why is this snapshot still here": the job and side the explanations name, and the keep rules in words
    // (index-aligned with the rules; the rule's kind stands in where missing).
    void setExplanationContext(QString job, QString side, QStringList ruleDescriptions);
    // The last round's verdict for every snapshot it saw, by filesystem.
    const QList<Api::PruningFilesystemExplanation> &explanations() const { return m_explanations; }
    Async::Task<void> run();

Q_SIGNALS:
    void reportChanged();
    // The round ran out of its timeout and was aborted.
    void timedOut();

private:
    struct Work
    {
        QString filesystem;
        QStringList destroy;
        qsizetype explanation = -1;  // index into m_explanations
    };

    void fail(Api::PrunerState state, const QString &error);
    Async::Task<void> round();

    Endpoint::PruneTarget &m_target;
    Pruning::KeepRuleList m_rules;
    Log::Context m_log;
    Api::PrunerReport m_report;
    std::optional<QHash<QString, quint64>> m_replicatedUpTo;
    bool m_snapshotAtCursorReplicated = false;
    std::chrono::milliseconds m_timeout{0};
    bool m_timedOut = false;
    QString m_job;
    QString m_side = QStringLiteral("local");
    QStringList m_ruleDescriptions;
    QList<Api::PruningFilesystemExplanation> m_explanations;
};

}  // namespace Daemon
