// SPDX-License-Identifier: MIT
#include "daemon/pruning/KeepGrid.h"

#include <algorithm>

#include "daemon/pruning/RuleRegex.h"

using namespace Qt::StringLiterals;

namespace Pruning {

namespace {

std::optional<QString> checkGrid(const QList<Config::RetentionInterval> &grid)
{
    Config::Duration last{0};
    bool allKeepAll = true;
    for (const Config::RetentionInterval &interval : grid) {
        if (interval.length <= Config::Duration{0}) {
            return u"retention grid interval length must be positive"_s;
        }
        // Shrinking intervals are almost certainly a typo, except behind intervals that keep everything anyway.
        if (interval.length < last && !allKeepAll) {
            return u"retention grid interval length must be monotonically increasing"_s;
        }
        last = interval.length;
        allKeepAll = allKeepAll && interval.keepCount == Config::RetentionInterval::KeepAll;
    }
    return std::nullopt;
}

}  // namespace

std::unique_ptr<KeepGrid>
KeepGrid::create(const QList<Config::RetentionInterval> &grid, const QString &regex, QString *error)
{
    QString ignored;
    QString *why = error ? error : &ignored;
    if (regex.isEmpty()) {
        *why = u"Regex must not be empty"_s;
        return nullptr;
    }
    auto re = compileRuleRegex(regex, why);
    if (!re) {
        *why = u"Regex is invalid: "_s + *why;
        return nullptr;
    }
    if (const auto problem = checkGrid(grid)) {
        *why = *problem;
        return nullptr;
    }
    return std::unique_ptr<KeepGrid>(new KeepGrid(RetentionGrid(grid), std::move(*re)));
}

KeepGrid::KeepGrid(RetentionGrid grid, QRegularExpression regex)
    : m_grid(std::move(grid))
    , m_regex(std::move(regex))
{}

QString KeepGrid::kind() const
{
    return u"grid"_s;
}

QList<qsizetype> KeepGrid::destroyIndices(const QList<PruneCandidate> &snapshots) const
{
    QList<qsizetype> matchingIndices;
    QList<PruneCandidate> matching;
    for (qsizetype i = 0; i < snapshots.size(); ++i) {
        if (m_regex.match(snapshots[i].name).hasMatch()) {
            matchingIndices.append(i);
            matching.append(snapshots[i]);
        }
    }
    if (matching.isEmpty()) {
        return {};
    }
    // As in zrepl, `now` is the newest matching snapshot rather than the clock: when snapshotting stops (a
    // disabled job, a dead disk) the grid keeps fitting what is left instead of destroying everything as it ages.
    const auto newest = std::max_element(
        matching.cbegin(), matching.cend(), [](const auto &a, const auto &b) { return a.date < b.date; });
    const RetentionGrid::Fit fit = m_grid.fit(newest->date, matching);

    QList<qsizetype> destroy;
    destroy.reserve(fit.remove.size());
    for (qsizetype m : fit.remove) {
        destroy.append(matchingIndices[m]);
    }
    return destroy;  // ascending, since fit.remove and matchingIndices are
}

}  // namespace Pruning
