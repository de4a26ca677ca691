// SPDX-License-Identifier: MIT
#include "daemon/pruning/Pruning.h"

#include <algorithm>
#include <numeric>

#include <QStringList>

using namespace Qt::StringLiterals;

namespace Pruning {

std::optional<KeepRuleList> rulesFromConfig(const QList<Config::KeepRule> &rules, QString *error)
{
    KeepRuleList built;
    built.reserve(rules.size());
    for (qsizetype i = 0; i < rules.size(); ++i) {
        QString why;
        std::shared_ptr<const KeepRule> rule = KeepRule::fromConfig(rules[i], &why);
        if (!rule) {
            if (error) {
                *error = u"cannot build rule #%1: %2"_s.arg(i).arg(why);
            }
            return std::nullopt;
        }
        built.append(std::move(rule));
    }
    return built;
}

QList<PruneDecision> decidePruning(const QList<PruneCandidate> &snapshots, const KeepRuleList &rules)
{
    // destroyVotes[i]: how many rules would destroy snapshot i; keptBy[i]: which rules keep it.
    QList<qsizetype> destroyVotes(snapshots.size(), 0);
    QList<QList<qsizetype>> keptBy(snapshots.size());
    for (qsizetype r = 0; r < rules.size(); ++r) {
        QList<bool> destroyedByRule(snapshots.size(), false);
        for (qsizetype i : rules[r]->destroyIndices(snapshots)) {
            destroyedByRule[i] = true;
        }
        for (qsizetype i = 0; i < snapshots.size(); ++i) {
            if (destroyedByRule[i]) {
                ++destroyVotes[i];
            } else {
                keptBy[i].append(r);
            }
        }
    }

    QList<qsizetype> order(snapshots.size());
    std::iota(order.begin(), order.end(), qsizetype(0));
    std::stable_sort(order.begin(), order.end(), [&snapshots](qsizetype a, qsizetype b) {
        return dateThenNameLess(snapshots[a], snapshots[b]);
    });

    QList<PruneDecision> decisions;
    decisions.reserve(snapshots.size());
    for (qsizetype i : order) {
        const bool destroy = !rules.isEmpty() && destroyVotes[i] == rules.size();
        decisions.append(PruneDecision{snapshots[i], destroy, keptBy[i]});
    }
    return decisions;
}

QList<PruneCandidate> pruneSnapshots(const QList<PruneCandidate> &snapshots, const KeepRuleList &rules)
{
    QList<PruneCandidate> destroy;
    for (const PruneDecision &decision : decidePruning(snapshots, rules)) {
        if (decision.destroy) {
            destroy.append(decision.snapshot);
        }
    }
    return destroy;
}

QString describeDecision(const PruneDecision &decision, const KeepRuleList &rules)
{
    if (decision.destroy) {
        return u"destroyed"_s;
    }
    if (rules.isEmpty()) {
        return u"kept: no keep rules"_s;
    }
    QStringList kinds;
    for (qsizetype r : decision.keptBy) {
        kinds.append(rules.value(r) ? rules[r]->kind() : u"rule #%1"_s.arg(r));
    }
    return u"kept by "_s + kinds.join(u", "_s);
}

}  // namespace Pruning
