// SPDX-License-Identifier: MIT
#pragma once

#include <memory>
#include <optional>

#include <QList>
#include <QString>
#include <QStringList>

#include "daemon/config/Config.h"
#include "daemon/pruning/KeepRule.h"
#include "daemon/pruning/PruneCandidate.h"

// zrepl's pruning.PruneSnapshots and RulesFromConfig (pruning/pruning.go): how a job's keep list decides.
namespace Pruning {

// Shared and const so that a job can hand its rules to each pruning run without rebuilding them.
using KeepRuleList = QList<std::shared_ptr<const KeepRule>>;

// Builds every rule of a `keep:` list; on the first that fails, nullopt and "cannot build rule #<i>: <why>"
// (0-based, as zrepl counts).
std::optional<KeepRuleList> rulesFromConfig(const QList<Config::KeepRule> &rules, QString *error = nullptr);

// What the rules decided for one snapshot.
struct PruneDecision
{
    PruneCandidate snapshot;
    bool destroy = false;
    QList<qsizetype> keptBy;  // indices into the rules of those that keep it, ascending; empty when destroyed
};

// A decision for every snapshot, ordered by date, then name. A snapshot is destroyed only when every rule would
// destroy it, so each rule can only add protection; without rules nothing is destroyed.
QList<PruneDecision> decidePruning(const QList<PruneCandidate> &snapshots, const KeepRuleList &rules);

// The snapshots to destroy, ordered by date, then name.
QList<PruneCandidate> pruneSnapshots(const QList<PruneCandidate> &snapshots, const KeepRuleList &rules);

// A rule of a `keep:` list in words, for "why is this snapshot still here": "last_n: the newest 10".
QString describeRule(const Config::KeepRule &rule);
QStringList describeRules(const QList<Config::KeepRule> &rules);

// For status and logs: "destroyed", "kept by grid", "kept by last_n, regex", "kept: no keep rules".
QString describeDecision(const PruneDecision &decision, const KeepRuleList &rules);

}  // namespace Pruning
