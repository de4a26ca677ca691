// SPDX-License-Identifier: MIT
#pragma once

#include "daemon/pruning/KeepRule.h"

namespace Pruning {

// zrepl's `type: not_replicated` (pruning/keep_not_replicated.go): keeps what the other side does not have yet,
// destroys what it has. `keep_snapshot_at_cursor` belongs to whoever fills PruneCandidate::replicated: zrepl's
// pruner counts the snapshots before the cursor as replicated, and the one at the cursor too when any
// not_replicated rule of keep_sender sets it to false (daemon/pruner/pruner.go).
class KeepNotReplicated final : public KeepRule
{
public:
    KeepNotReplicated() = default;

    QString kind() const override;
    QList<qsizetype> destroyIndices(const QList<PruneCandidate> &snapshots) const override;
};

}  // namespace Pruning
