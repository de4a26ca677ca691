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

QString describeRule(const Config::KeepRule &rule)
{
    switch (rule.type) {
    case Config::KeepRule::Type::NotReplicated:
        return rule.keepSnapshotAtCursor ? u"not_replicated: not yet on the receiver (or the base of the next step)"_s
                                         : u"not_replicated: not yet on the receiver"_s;
    case Config::KeepRule::Type::LastN:
        return rule.regex.isEmpty() ? u"last_n: the newest %1"_s.arg(rule.count)
                                    : u"last_n: the newest %1 matching \"%2\""_s.arg(rule.count).arg(rule.regex);
    case Config::KeepRule::Type::Grid:
        return u"grid %1 (of snapshots matching \"%2\")"_s.arg(rule.gridSpec, rule.regex);
    case Config::KeepRule::Type::Regex:
        return rule.negate ? u"regex: names not matching \"%1\""_s.arg(rule.regex)
                           : u"regex: names matching \"%1\""_s.arg(rule.regex);
    }
    return {};
}

QStringList describeRules(const QList<Config::KeepRule> &rules)
{
    QStringList out;
    for (const Config::KeepRule &rule : rules) {
        out.append(describeRule(rule));
    }
    return out;
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
