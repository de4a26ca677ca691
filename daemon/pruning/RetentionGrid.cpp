// SPDX-License-Identifier: MIT
#include "daemon/pruning/RetentionGrid.h"

#include <algorithm>

namespace Pruning {

namespace {

// Nanoseconds since the epoch. 64 bits overflow for dates ~292 years away (Go's zero time, which a property
// parsed as "-" may give) and for long grids, so the arithmetic is done in 128 bits.
using Nanos = __int128;

Nanos toNanos(const Api::Timestamp &t)
{
    return Nanos(t.unixSeconds()) * 1'000'000'000 + t.nanoseconds();
}

}  // namespace

RetentionGrid::RetentionGrid(QList<Config::RetentionInterval> intervals)
    : m_intervals(std::move(intervals))
{}

RetentionGrid::Fit RetentionGrid::fit(const Api::Timestamp &now, const QList<PruneCandidate> &entries) const
{
    const Nanos nowNanos = toNanos(now);
    Nanos oldestStart = nowNanos;
    for (const Config::RetentionInterval &interval : m_intervals) {
        oldestStart -= interval.length.count();
    }

    Fit result;
    QList<QList<qsizetype>> buckets(m_intervals.size());
    for (qsizetype e = 0; e < entries.size(); ++e) {
        const Nanos date = toNanos(entries[e].date);
        if (date >= nowNanos) {
            result.keep.append(e);
            continue;
        }
        if (date < oldestStart) {
            result.remove.append(e);
            continue;
        }
        // Interval i covers [start, start + length). zrepl puts an entry into every interval that holds it, which
        // can only be more than one when an interval has length zero: the entry is then removed if any removes it.
        Nanos start = nowNanos;
        for (qsizetype i = 0; i < m_intervals.size(); ++i) {
            const Nanos length = m_intervals[i].length.count();
            start -= length;
            if (date == start || (date > start && date < start + length)) {
                buckets[i].append(e);
            }
        }
    }

    for (qsizetype i = 0; i < buckets.size(); ++i) {
        QList<qsizetype> &bucket = buckets[i];
        std::stable_sort(bucket.begin(), bucket.end(), [&entries](qsizetype a, qsizetype b) {
            return dateThenNameLess(entries[a], entries[b]);
        });
        const int keepCount = m_intervals[i].keepCount;
        const qsizetype kept = keepCount == Config::RetentionInterval::KeepAll
                                   ? bucket.size()
                                   : std::clamp<qsizetype>(keepCount, 0, bucket.size());
        result.keep.append(bucket.first(kept));
        result.remove.append(bucket.sliced(kept));
    }

    std::sort(result.remove.begin(), result.remove.end());
    result.remove.erase(std::unique(result.remove.begin(), result.remove.end()), result.remove.end());
    // An entry that one zero-length interval keeps and another removes is removed, as in zrepl's destroy list.
    result.keep.removeIf(
        [&result](qsizetype e) { return std::binary_search(result.remove.begin(), result.remove.end(), e); });
    std::sort(result.keep.begin(), result.keep.end());
    result.keep.erase(std::unique(result.keep.begin(), result.keep.end()), result.keep.end());
    return result;
}

}  // namespace Pruning
