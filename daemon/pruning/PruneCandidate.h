// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>

#include "shared/control/Timestamp.h"

namespace Pruning {

// What a keep rule sees of a snapshot: zrepl's pruning.Snapshot (pruning/pruning.go).
struct PruneCandidate
{
    QString name;             // the part after '@': "zrepl_20261124_101500_000"
    Api::Timestamp date;      // the snapshot's creation
    bool replicated = false;  // the receiving side has it (always false on a receiver and for snap jobs)

    friend bool operator==(const PruneCandidate &, const PruneCandidate &) = default;
};

// The order every result is reported in, so that logs, status and tests do not depend on listing order.
inline bool dateThenNameLess(const PruneCandidate &a, const PruneCandidate &b)
{
    if (a.date != b.date) {
        return a.date < b.date;
    }
    return a.name < b.name;
}

}  // namespace Pruning
