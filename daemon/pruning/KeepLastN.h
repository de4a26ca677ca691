// SPDX-License-Identifier: MIT
#pragma once

#include "daemon/pruning/KeepRule.h"

namespace Pruning {

// zrepl's `type: last_n` (pruning/keep_last_n.go at 58c08c855f, which has no `regex` field): keeps the `count`
// newest snapshots and destroys the rest. Of snapshots with the same date the one whose name sorts last counts as
// newer, where zrepl's choice depends on sort internals.
class KeepLastN final : public KeepRule
{
public:
    // nullptr with zrepl's message unless count > 0.
    static std::unique_ptr<KeepLastN> create(int count, QString *error = nullptr);

    int count() const
    {
        return m_count;
    }

    QString kind() const override;
    QList<qsizetype> destroyIndices(const QList<PruneCandidate> &snapshots) const override;

private:
    explicit KeepLastN(int count);

    int m_count;
};

}  // namespace Pruning
