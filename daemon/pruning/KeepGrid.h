// SPDX-License-Identifier: MIT
#pragma once

#include <QRegularExpression>

#include "daemon/pruning/KeepRule.h"
#include "daemon/pruning/RetentionGrid.h"

namespace Pruning {

// zrepl's `type: grid` (pruning/keep_grid.go): the snapshots whose name matches `regex` are fitted into the
// retention grid, with the newest of them as `now`; those the grid does not keep are destroyed. Snapshots that do
// not match are not this rule's business and are kept by it.
class KeepGrid final : public KeepRule
{
public:
    // nullptr with a message when the regex is empty or invalid, an interval is not positive, or interval lengths
    // shrink after an interval that is not keep=all (zrepl's NewKeepGrid checks).
    static std::unique_ptr<KeepGrid>
    create(const QList<Config::RetentionInterval> &grid, const QString &regex, QString *error = nullptr);

    QString kind() const override;
    QList<qsizetype> destroyIndices(const QList<PruneCandidate> &snapshots) const override;

private:
    KeepGrid(RetentionGrid grid, QRegularExpression regex);

    RetentionGrid m_grid;
    QRegularExpression m_regex;
};

}  // namespace Pruning
