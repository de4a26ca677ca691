// SPDX-License-Identifier: MIT
#include <algorithm>

#include <QTest>

#include "daemon/pruning/KeepRule.h"
#include "daemon/pruning/Pruning.h"
#include "daemon/pruning/RetentionGrid.h"

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

using Pruning::PruneCandidate;
using Candidates = QList<PruneCandidate>;
using Intervals = QList<Config::RetentionInterval>;
using Rules = QList<Config::KeepRule>;

namespace {

constexpr int All = Config::RetentionInterval::KeepAll;

// zrepl's tests count minutes from time.Unix(123, 0) (keep_last_n_test.go) or time.Unix(0, 0) (retentiongrid).
Api::Timestamp minutesFrom(qint64 epochSeconds, qint64 minutes, int nanoseconds = 0)
{
    return Api::Timestamp::fromUnix(epochSeconds + minutes * 60, nanoseconds);
}

PruneCandidate snap(const QString &name, Api::Timestamp date = {}, bool replicated = false)
{
    return PruneCandidate{name, date, replicated};
}

Config::KeepRule lastN(int count)
{
    Config::KeepRule rule;
    rule.type = Config::KeepRule::Type::LastN;
    rule.count = count;
    return rule;
}

Config::KeepRule keepRegex(const QString &regex, bool negate = false)
{
    Config::KeepRule rule;
    rule.type = Config::KeepRule::Type::Regex;
    rule.regex = regex;
    rule.negate = negate;
    return rule;
}

Config::KeepRule notReplicated()
{
    Config::KeepRule rule;
    rule.type = Config::KeepRule::Type::NotReplicated;
    return rule;
}

Config::KeepRule grid(const Intervals &intervals, const QString &regex)
{
    Config::KeepRule rule;
    rule.type = Config::KeepRule::Type::Grid;
    rule.grid = intervals;
    rule.regex = regex;
    return rule;
}

Pruning::KeepRuleList build(const Rules &rules)
{
    QString error;
    const auto built = Pruning::rulesFromConfig(rules, &error);
    if (!built) {
        qFatal("cannot build rules: %s", qPrintable(error));
    }
    return *built;
}

QStringList names(const Candidates &snapshots)
{
    QStringList result;
    for (const PruneCandidate &s : snapshots) {
        result.append(s.name);
    }
    return result;
}

QStringList sortedNames(const Candidates &entries, const QList<qsizetype> &indices)
{
    QStringList result;
    for (qsizetype i : indices) {
        result.append(entries[i].name);
    }
    result.sort();
    return result;
}

// "zrepl_015" is 15 minutes older than the newest: the snapshots of a 15-minute snap job over four hours.
Candidates everyQuarterHour(const Api::Timestamp &newest, int count)
{
    Candidates result;
    for (int i = 0; i < count; ++i) {
        const int minutesAgo = i * 15;
        result.append(
            snap(u"zrepl_%1"_s.arg(minutesAgo, 3, 10, QChar(u'0')), minutesFrom(newest.unixSeconds(), -minutesAgo)));
    }
    return result;
}

}  // namespace

class TestKeepRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void prune_data();
    void prune();
    void retentionGrid_data();
    void retentionGrid();
    void rejectsRule_data();
    void rejectsRule();
    void buildsEveryRuleType();
    void destroyIndicesAreAscendingInputIndices();
    void decisionsExplainWhoKeeps();
    void decisionsWithoutRules();
    void resultOrderIgnoresInputOrder();
};

void TestKeepRules::prune_data()
{
    QTest::addColumn<Candidates>("snapshots");
    QTest::addColumn<Rules>("rules");
    QTest::addColumn<QStringList>("destroyed");  // by date, then name

    // pruning_test.go: every snapshot has Go's zero time.
    const Candidates s1{snap(u"foo_123"_s), snap(u"foo_456"_s), snap(u"bar_123"_s)};
    QTest::addRow("pruning: simple") << s1 << Rules{keepRegex(u"foo_"_s)} << QStringList{u"bar_123"_s};
    QTest::addRow("pruning: multipleRules") << s1 << Rules{keepRegex(u"foo_"_s), keepRegex(u"bar_"_s)} << QStringList{};
    QTest::addRow("pruning: onlyThoseRemovedByAllAreRemoved")
        << s1 << Rules{keepRegex(u"notInS1"_s), keepRegex(u"bar_"_s)} << QStringList{u"foo_123"_s, u"foo_456"_s};
    QTest::addRow("pruning: noRulesKeepsAll (and nilRulesKeepsAll)") << s1 << Rules{} << QStringList{};
    QTest::addRow("pruning: noSnaps") << Candidates{} << Rules{keepRegex(u"foo_"_s)} << QStringList{};

    // keep_last_n_test.go
    const Candidates lastNInput{snap(u"1"_s, minutesFrom(123, 10)),
                                snap(u"2"_s, minutesFrom(123, 20)),
                                snap(u"3"_s, minutesFrom(123, 15)),
                                snap(u"4"_s, minutesFrom(123, 30)),
                                snap(u"5"_s, minutesFrom(123, 30))};
    QTest::addRow("last_n: keep2") << lastNInput << Rules{lastN(2)} << QStringList{u"1"_s, u"3"_s, u"2"_s};
    // zrepl keeps either "4" or "5"; we keep the one whose name sorts last.
    QTest::addRow("last_n: keep1OfTwoWithSameTime")
        << lastNInput << Rules{lastN(1)} << QStringList{u"1"_s, u"3"_s, u"2"_s, u"4"_s};
    QTest::addRow("last_n: keepMany") << lastNInput << Rules{lastN(100)} << QStringList{};
    QTest::addRow("last_n: empty") << Candidates{} << Rules{lastN(100)} << QStringList{};
    QTest::addRow("last_n: count equals snapshots") << lastNInput << Rules{lastN(5)} << QStringList{};
    QTest::addRow("last_n: all dates equal") << Candidates{snap(u"c"_s), snap(u"a"_s), snap(u"d"_s), snap(u"b"_s)}
                                             << Rules{lastN(2)} << QStringList{u"a"_s, u"b"_s};
    // Dates after the wall clock (a clock set wrong when they were taken) are just the newest.
    QTest::addRow("last_n: future dates")
        << Candidates{snap(u"future"_s, Api::Timestamp::fromUnix(4'102'444'800)),  // 2100-01-01
                      snap(u"past"_s, minutesFrom(123, 0)),
                      snap(u"present"_s, Api::Timestamp::now())}
        << Rules{lastN(1)} << QStringList{u"past"_s, u"present"_s};
    QTest::addRow("last_n: nanoseconds decide")
        << Candidates{snap(u"b"_s, minutesFrom(123, 0, 2)), snap(u"a"_s, minutesFrom(123, 0, 1))} << Rules{lastN(1)}
        << QStringList{u"a"_s};

    // keep_not_replicated_test.go
    const Candidates replicationInput{snap(u"1"_s, {}, true), snap(u"2"_s, {}, false), snap(u"3"_s, {}, true)};
    QTest::addRow("not_replicated: destroysOnlyReplicated")
        << replicationInput << Rules{notReplicated()} << QStringList{u"1"_s, u"3"_s};
    QTest::addRow("not_replicated: empty") << Candidates{} << Rules{notReplicated()} << QStringList{};

    // keep_regex_test.go
    const Candidates regexInput{snap(u"zrepl_foobar"_s), snap(u"zrepl"_s), snap(u"barfoo"_s)};
    QTest::addRow("regex: not negated") << regexInput << Rules{keepRegex(u"^zrepl_"_s)}
                                        << QStringList{u"barfoo"_s, u"zrepl"_s};
    QTest::addRow("regex: negated") << regexInput << Rules{keepRegex(u"^zrepl_"_s, true)}
                                    << QStringList{u"zrepl_foobar"_s};
    QTest::addRow("regex: matches anywhere in the name")
        << regexInput << Rules{keepRegex(u"foo"_s)} << QStringList{u"zrepl"_s};
    QTest::addRow("regex: empty matches every name") << regexInput << Rules{keepRegex(QString())} << QStringList{};
    QTest::addRow("regex: empty negated destroys every name")
        << regexInput << Rules{keepRegex(QString(), true)} << QStringList{u"barfoo"_s, u"zrepl"_s, u"zrepl_foobar"_s};
    QTest::addRow("regex: case-sensitive")
        << regexInput << Rules{keepRegex(u"^ZREPL"_s)} << QStringList{u"barfoo"_s, u"zrepl"_s, u"zrepl_foobar"_s};

    // zrepl's sample keep_sender: not_replicated plus last_n.
    QTest::addRow("not_replicated and last_n") << Candidates{snap(u"a"_s, minutesFrom(0, 1), true),
                                                             snap(u"b"_s, minutesFrom(0, 2), true),
                                                             snap(u"c"_s, minutesFrom(0, 3), true),
                                                             snap(u"d"_s, minutesFrom(0, 4), false)}
                                               << Rules{notReplicated(), lastN(2)} << QStringList{u"a"_s, u"b"_s};

    const Api::Timestamp newest = Api::Timestamp::fromUnix(1'800'000'000);
    // Grid 1h(keep=all) | 1h | 1h anchored at zrepl_000: 000 and [-60m, 0) stay, [-120m, -60m) and [-180m, -120m)
    // keep their oldest, older is destroyed. "manual" does not match and "other" is newer but must not move `now`.
    Candidates sample = everyQuarterHour(newest, 17);
    sample.append(snap(u"manual"_s, minutesFrom(newest.unixSeconds(), -500)));
    sample.append(snap(u"other"_s, minutesFrom(newest.unixSeconds(), 30)));
    QTest::addRow("grid: sample") << sample << Rules{grid({{1h, All}, {1h, 1}, {1h, 1}}, u"^zrepl_"_s)}
                                  << QStringList{u"zrepl_240"_s,
                                                 u"zrepl_225"_s,
                                                 u"zrepl_210"_s,
                                                 u"zrepl_195"_s,
                                                 u"zrepl_165"_s,
                                                 u"zrepl_150"_s,
                                                 u"zrepl_135"_s,
                                                 u"zrepl_105"_s,
                                                 u"zrepl_090"_s,
                                                 u"zrepl_075"_s};
    QTest::addRow("grid: nothing matches") << sample << Rules{grid({{1h, 1}}, u"^nomatch"_s)} << QStringList{};
    QTest::addRow("grid: equal newest dates are all kept")
        << Candidates{snap(u"a"_s, newest),
                      snap(u"b"_s, newest),
                      snap(u"c"_s, minutesFrom(newest.unixSeconds(), -10)),
                      snap(u"d"_s, minutesFrom(newest.unixSeconds(), -20))}
        << Rules{grid({{1h, 1}}, u"."_s)} << QStringList{u"c"_s};
    QTest::addRow("grid: Go zero time is destroyed") << Candidates{snap(u"zero"_s), snap(u"new"_s, newest)}
                                                     << Rules{grid({{1h, All}}, u"."_s)} << QStringList{u"zero"_s};
    // The grid destroys 015 (second in its interval) and everything before -30m; last_n 3 saves 015.
    QTest::addRow("grid and last_n") << everyQuarterHour(newest, 7) << Rules{grid({{30min, 1}}, u"^zrepl_"_s), lastN(3)}
                                     << QStringList{u"zrepl_090"_s, u"zrepl_075"_s, u"zrepl_060"_s, u"zrepl_045"_s};
}

void TestKeepRules::prune()
{
    QFETCH(Candidates, snapshots);
    QFETCH(Rules, rules);
    QFETCH(QStringList, destroyed);

    QCOMPARE(names(Pruning::pruneSnapshots(snapshots, build(rules))), destroyed);
}

void TestKeepRules::retentionGrid_data()
{
    QTest::addColumn<Intervals>("intervals");
    QTest::addColumn<Api::Timestamp>("now");
    QTest::addColumn<Candidates>("entries");
    QTest::addColumn<QStringList>("kept");  // sorted by name
    QTest::addColumn<QStringList>("removed");

    const Api::Timestamp zero = Api::Timestamp::fromUnix(0);
    const auto at = [](int minutes, int nanoseconds = 0) {
        return minutesFrom(0, minutes, nanoseconds);
    };

    // retentiongrid_test.go
    QTest::addRow("EmptyInput") << Intervals{{10min, 1}, {10min, 1}, {10min, 1}, {1h, 1}} << Api::Timestamp::now()
                                << Candidates{} << QStringList{} << QStringList{};
    QTest::addRow("IntervalBoundariesAndAlignment")
        << Intervals{{10min, 1}, {10min, 1}, {10min, 1}} << zero
        << Candidates{snap(u"0"_s, at(1)),
                      snap(u"1"_s, zero),
                      snap(u"2"_s, at(-10)),
                      snap(u"3"_s, at(-20)),
                      snap(u"4"_s, at(-30)),
                      snap(u"5"_s, at(-40))}
        << QStringList{u"0"_s, u"1"_s, u"2"_s, u"3"_s, u"4"_s} << QStringList{u"5"_s};
    QTest::addRow("FitEntries") << Intervals{{10min, All}, {10min, 1}, {10min, 2}, {1h, 1}} << zero
                                << Candidates{snap(u"1"_s, at(3)),
                                              snap(u"b1"_s, at(-6)),
                                              snap(u"b3"_s, at(-8)),
                                              snap(u"b2"_s, at(-9)),
                                              snap(u"a"_s, at(-11)),
                                              snap(u"c"_s, at(-19)),
                                              snap(u"foo"_s, at(-25)),
                                              snap(u"bar"_s, at(-26)),
                                              snap(u"border"_s, at(-30)),
                                              snap(u"d"_s, at(-75)),
                                              snap(u"e"_s, at(-91)),
                                              snap(u"f"_s, at(-120))}
                                << QStringList{u"1"_s, u"b1"_s, u"b2"_s, u"b3"_s, u"bar"_s, u"border"_s, u"c"_s, u"d"_s}
                                << QStringList{u"a"_s, u"e"_s, u"f"_s, u"foo"_s};

    QTest::addRow("an interval keeps its oldest")
        << Intervals{{10min, 2}} << zero
        << Candidates{snap(u"x"_s, at(-1)), snap(u"y"_s, at(-9)), snap(u"z"_s, at(-5)), snap(u"w"_s, at(-3))}
        << QStringList{u"y"_s, u"z"_s} << QStringList{u"w"_s, u"x"_s};
    QTest::addRow("equal dates in an interval: name decides")
        << Intervals{{10min, 1}} << zero << Candidates{snap(u"b"_s, at(-5)), snap(u"a"_s, at(-5))}
        << QStringList{u"a"_s} << QStringList{u"b"_s};
    QTest::addRow("start of the last interval is inside")
        << Intervals{{10min, 1}, {10min, 1}} << zero << Candidates{snap(u"in"_s, at(-20)), snap(u"out"_s, at(-20, -1))}
        << QStringList{u"in"_s} << QStringList{u"out"_s};
    QTest::addRow("boundaries to the nanosecond")
        << Intervals{{1h, 1}, {1h, 1}} << zero
        << Candidates{snap(u"edge"_s, at(-60)), snap(u"older"_s, at(-60, -1)), snap(u"mid"_s, at(-30))}
        << QStringList{u"edge"_s, u"older"_s} << QStringList{u"mid"_s};
    QTest::addRow("after now is always kept")
        << Intervals{{1h, 1}} << zero << Candidates{snap(u"later"_s, at(60)), snap(u"much later"_s, at(120))}
        << QStringList{u"later"_s, u"much later"_s} << QStringList{};
    QTest::addRow("no intervals") << Intervals{} << zero
                                  << Candidates{snap(u"now"_s, zero), snap(u"before"_s, at(0, -1))}
                                  << QStringList{u"now"_s} << QStringList{u"before"_s};
    QTest::addRow("keep=0 keeps none of its interval")
        << Intervals{{10min, 0}} << zero << Candidates{snap(u"a"_s, at(-5)), snap(u"now"_s, zero)}
        << QStringList{u"now"_s} << QStringList{u"a"_s};
    // p and q fall into both the keep=all interval and the zero-length one behind it, which keeps only p: zrepl
    // lists q as removed, and removed wins.
    QTest::addRow("zero-length interval")
        << Intervals{{10min, All}, {0min, 1}, {10min, 1}} << zero
        << Candidates{snap(u"p"_s, at(-10)), snap(u"q"_s, at(-10)), snap(u"r"_s, at(-5))} << QStringList{u"p"_s, u"r"_s}
        << QStringList{u"q"_s};
    QTest::addRow("Go zero time against a long grid")
        << Intervals(1000, {Config::Duration(std::chrono::hours(24 * 365 * 100)), 1})
        << Api::Timestamp::fromUnix(1'800'000'000) << Candidates{snap(u"zero"_s), snap(u"year 1970"_s, zero)}
        << QStringList{u"year 1970"_s, u"zero"_s} << QStringList{};
}

void TestKeepRules::retentionGrid()
{
    QFETCH(Intervals, intervals);
    QFETCH(Api::Timestamp, now);
    QFETCH(Candidates, entries);
    QFETCH(QStringList, kept);
    QFETCH(QStringList, removed);

    const Pruning::RetentionGrid::Fit fit = Pruning::RetentionGrid(intervals).fit(now, entries);
    QCOMPARE(sortedNames(entries, fit.keep), kept);
    QCOMPARE(sortedNames(entries, fit.remove), removed);
    QVERIFY(std::is_sorted(fit.keep.cbegin(), fit.keep.cend()));
    QVERIFY(std::is_sorted(fit.remove.cbegin(), fit.remove.cend()));
}

void TestKeepRules::rejectsRule_data()
{
    QTest::addColumn<Rules>("rules");
    QTest::addColumn<QString>("error");

    // keep_last_n_test.go: mustBePositive
    QTest::addRow("last_n 0") << Rules{lastN(0)}
                              << u"cannot build rule #0: must specify positive number as 'keep last count', got 0"_s;
    QTest::addRow("last_n -5") << Rules{lastN(-5)}
                               << u"cannot build rule #0: must specify positive number as 'keep last count', got -5"_s;
    QTest::addRow("second rule") << Rules{notReplicated(), lastN(0)}
                                 << u"cannot build rule #1: must specify positive number as 'keep last count', got 0"_s;
    QTest::addRow("grid without regex") << Rules{grid({{1h, 1}}, QString())}
                                        << u"cannot build rule #0: Regex must not be empty"_s;
    QTest::addRow("grid with invalid regex")
        << Rules{grid({{1h, 1}}, u"zrepl_("_s)}
        << u"cannot build rule #0: Regex is invalid: missing closing parenthesis at offset 7"_s;
    QTest::addRow("grid shrinking") << Rules{
        grid({{1h, 1}, {10min, 1}},
             u"."_s)} << u"cannot build rule #0: retention grid interval length must be monotonically increasing"_s;
    QTest::addRow("grid shrinking after keep=all and a keep=1")
        << Rules{grid({{1h, All}, {2h, 1}, {1h, 1}}, u"."_s)}
        << u"cannot build rule #0: retention grid interval length must be monotonically increasing"_s;
    QTest::addRow("grid zero length") << Rules{grid({{0min, 1}}, u"."_s)}
                                      << u"cannot build rule #0: retention grid interval length must be positive"_s;
    QTest::addRow("regex invalid")
        << Rules{keepRegex(u"[a-"_s)}
        << u"cannot build rule #0: regex is invalid: missing terminating ] for character class at offset 3"_s;
}

void TestKeepRules::rejectsRule()
{
    QFETCH(Rules, rules);
    QFETCH(QString, error);

    QString why;
    QVERIFY(!Pruning::rulesFromConfig(rules, &why).has_value());
    QCOMPARE(why, error);
}

void TestKeepRules::buildsEveryRuleType()
{
    // Shrinking behind keep=all intervals only is fine, as in zrepl's NewKeepGrid.
    const Rules rules{notReplicated(),
                      lastN(1),
                      keepRegex(u"^zrepl_"_s, true),
                      grid({{1h, All}, {30min, All}, {1h, 1}}, u"^zrepl_"_s)};
    QString error;
    const auto built = Pruning::rulesFromConfig(rules, &error);
    QVERIFY2(built.has_value(), qPrintable(error));
    QStringList kinds;
    for (const auto &rule : *built) {
        kinds.append(rule->kind());
    }
    QCOMPARE(kinds, (QStringList{u"not_replicated"_s, u"last_n"_s, u"regex"_s, u"grid"_s}));
    QVERIFY(Pruning::rulesFromConfig({}, &error).value().isEmpty());
}

void TestKeepRules::destroyIndicesAreAscendingInputIndices()
{
    const Api::Timestamp newest = Api::Timestamp::fromUnix(1'800'000'000);
    Candidates snapshots = everyQuarterHour(newest, 12);
    std::reverse(snapshots.begin(), snapshots.end());  // oldest first, as `zfs list -s createtxg` gives them
    std::swap(snapshots[2], snapshots[9]);
    for (qsizetype i = 0; i < snapshots.size(); i += 2) {
        snapshots[i].replicated = true;
    }
    const Rules rules{notReplicated(), lastN(4), keepRegex(u"5$"_s), grid({{30min, 1}, {1h, 1}}, u"^zrepl_"_s)};
    // Minutes ago by index: 165 150 030 120 105 090 075 060 045 135 015 000.
    const QList<QList<qsizetype>> expected{
        {0, 2, 4, 6, 8, 10},           // the replicated ones
        {0, 1, 3, 4, 5, 6, 7, 9},      // all but the four newest: 000, 015, 030, 045
        {1, 2, 3, 5, 7, 11},           // names not ending in 5
        {0, 1, 3, 4, 6, 7, 8, 9, 10},  // the grid keeps 000, 030 (oldest of [-30m, 0)) and 090 (of [-90m, -30m))
    };
    const Pruning::KeepRuleList built = build(rules);
    for (qsizetype r = 0; r < built.size(); ++r) {
        const QList<qsizetype> destroy = built[r]->destroyIndices(snapshots);
        QVERIFY2(std::is_sorted(destroy.cbegin(), destroy.cend()), qPrintable(built[r]->kind()));
        QVERIFY2(std::adjacent_find(destroy.cbegin(), destroy.cend()) == destroy.cend(), qPrintable(built[r]->kind()));
        QCOMPARE(destroy, expected[r]);
    }
}

void TestKeepRules::decisionsExplainWhoKeeps()
{
    const Api::Timestamp newest = Api::Timestamp::fromUnix(1'800'000'000);
    Candidates snapshots = everyQuarterHour(newest, 5);
    snapshots.append(snap(u"manual"_s, minutesFrom(newest.unixSeconds(), -20)));
    const Pruning::KeepRuleList rules = build({grid({{30min, 1}}, u"^zrepl_"_s), lastN(2)});

    const QList<Pruning::PruneDecision> decisions = Pruning::decidePruning(snapshots, rules);
    QStringList described;
    for (const Pruning::PruneDecision &decision : decisions) {
        described.append(decision.snapshot.name + u": "_s + Pruning::describeDecision(decision, rules));
    }
    QCOMPARE(described,
             (QStringList{u"zrepl_060: destroyed"_s,
                          u"zrepl_045: destroyed"_s,
                          u"zrepl_030: kept by grid"_s,
                          u"manual: kept by grid"_s,
                          u"zrepl_015: kept by last_n"_s,
                          u"zrepl_000: kept by grid, last_n"_s}));
    QCOMPARE(decisions[0].keptBy, QList<qsizetype>{});
    QCOMPARE(decisions[5].keptBy, (QList<qsizetype>{0, 1}));
}

void TestKeepRules::decisionsWithoutRules()
{
    const QList<Pruning::PruneDecision> decisions =
        Pruning::decidePruning({snap(u"b"_s, minutesFrom(0, 1)), snap(u"a"_s, minutesFrom(0, 2))}, {});
    QCOMPARE(decisions.size(), 2);
    QCOMPARE(decisions[0].snapshot.name, u"b"_s);
    QVERIFY(!decisions[0].destroy);
    QCOMPARE(Pruning::describeDecision(decisions[0], {}), u"kept: no keep rules"_s);
    QVERIFY(Pruning::decidePruning({}, build({lastN(1)})).isEmpty());
}

void TestKeepRules::resultOrderIgnoresInputOrder()
{
    Candidates snapshots;
    for (int i = 0; i < 20; ++i) {
        // Pairs share a date, so the name has to break the tie.
        snapshots.append(snap(u"s%1"_s.arg(19 - i, 2, 10, QChar(u'0')), minutesFrom(0, (19 - i) / 2)));
    }
    const Pruning::KeepRuleList rules = build({lastN(3)});
    const QStringList expected = names(Pruning::pruneSnapshots(snapshots, rules));
    QCOMPARE(expected.size(), 17);
    QCOMPARE(expected.first(), u"s00"_s);
    QCOMPARE(expected.last(), u"s16"_s);
    for (int round = 0; round < 5; ++round) {
        std::rotate(snapshots.begin(), snapshots.begin() + 7, snapshots.end());
        std::swap(snapshots[round], snapshots[19 - round]);
        QCOMPARE(names(Pruning::pruneSnapshots(snapshots, rules)), expected);
    }
}

QTEST_GUILESS_MAIN(TestKeepRules)
#include "TestKeepRules.moc"
