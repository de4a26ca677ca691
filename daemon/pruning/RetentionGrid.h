// SPDX-License-Identifier: MIT
#pragma once

#include <QList>

#include "daemon/config/Config.h"
#include "daemon/pruning/PruneCandidate.h"

namespace Pruning {

// zrepl's retentiongrid.Grid (pruning/retentiongrid/retentiongrid.go): intervals laid back to back into the past
// from a moment `now`, the first interval ending at `now`. Each interval keeps its `keepCount` oldest entries.
class RetentionGrid
{
public:
    struct Fit
    {
        QList<qsizetype> keep;  // indices into the entries, ascending
        QList<qsizetype> remove;
    };

    RetentionGrid() = default;
    explicit RetentionGrid(QList<Config::RetentionInterval> intervals);

    const QList<Config::RetentionInterval> &intervals() const
    {
        return m_intervals;
    }

    // zrepl's FitEntries. An interval holds its start and not its end, so an entry exactly one interval length
    // before `now` belongs to the first interval. Entries at or after `now` are kept; entries older than the
    // start of the last interval are removed. Within an interval ties of date are broken by name, then by index.
    Fit fit(const Api::Timestamp &now, const QList<PruneCandidate> &entries) const;

private:
    QList<Config::RetentionInterval> m_intervals;
};

}  // namespace Pruning
