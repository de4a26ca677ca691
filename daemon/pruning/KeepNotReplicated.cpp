// SPDX-License-Identifier: MIT
#include "daemon/pruning/KeepNotReplicated.h"

using namespace Qt::StringLiterals;

namespace Pruning {

QString KeepNotReplicated::kind() const
{
    return u"not_replicated"_s;
}

QList<qsizetype> KeepNotReplicated::destroyIndices(const QList<PruneCandidate> &snapshots) const
{
    QList<qsizetype> destroy;
    for (qsizetype i = 0; i < snapshots.size(); ++i) {
        if (snapshots[i].replicated) {
            destroy.append(i);
        }
    }
    return destroy;
}

}  // namespace Pruning
