// SPDX-License-Identifier: MIT
#include "daemon/pruning/KeepLastN.h"

#include <algorithm>
#include <numeric>

using namespace Qt::StringLiterals;

namespace Pruning {

std::unique_ptr<KeepLastN> KeepLastN::create(int count, QString *error)
{
    if (count <= 0) {
        if (error) {
            *error = u"must specify positive number as 'keep last count', got %1"_s.arg(count);
        }
        return nullptr;
    }
    return std::unique_ptr<KeepLastN>(new KeepLastN(count));
}

KeepLastN::KeepLastN(int count)
    : m_count(count)
{}

QString KeepLastN::kind() const
{
    return u"last_n"_s;
}

QList<qsizetype> KeepLastN::destroyIndices(const QList<PruneCandidate> &snapshots) const
{
    if (snapshots.size() <= m_count) {
        return {};
    }
    QList<qsizetype> newestFirst(snapshots.size());
    std::iota(newestFirst.begin(), newestFirst.end(), qsizetype(0));
    std::stable_sort(newestFirst.begin(), newestFirst.end(), [&snapshots](qsizetype a, qsizetype b) {
        return dateThenNameLess(snapshots[b], snapshots[a]);
    });
    QList<qsizetype> destroy = newestFirst.sliced(m_count);
    std::sort(destroy.begin(), destroy.end());
    return destroy;
}

}  // namespace Pruning
