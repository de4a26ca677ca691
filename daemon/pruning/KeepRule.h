// SPDX-License-Identifier: MIT
#pragma once

#include <memory>

#include <QList>
#include <QString>

#include "daemon/config/Config.h"
#include "daemon/pruning/PruneCandidate.h"

namespace Pruning {

// One entry of a job's `keep:` list: zrepl's pruning.KeepRule. A rule names the snapshots it would destroy; a
// snapshot is destroyed only when every rule of the list names it (see pruneSnapshots() in Pruning.h).
class KeepRule
{
public:
    virtual ~KeepRule() = default;

    // zrepl's YAML type name: "grid", "last_n", "regex" or "not_replicated".
    virtual QString kind() const = 0;

    // Indices into `snapshots` of those this rule would destroy, ascending, each at most once.
    virtual QList<qsizetype> destroyIndices(const QList<PruneCandidate> &snapshots) const = 0;

    // zrepl's RuleFromConfig. Checks again what the config parser checks, because jobs may build rules from
    // configurations made in code. nullptr with a message when the rule cannot be built.
    static std::unique_ptr<KeepRule> fromConfig(const Config::KeepRule &rule, QString *error = nullptr);

protected:
    KeepRule() = default;
    KeepRule(const KeepRule &) = default;
    KeepRule &operator=(const KeepRule &) = default;
};

}  // namespace Pruning
