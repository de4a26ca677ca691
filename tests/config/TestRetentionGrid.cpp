// SPDX-License-Identifier: MIT
#include <QTest>

#include "daemon/config/ConfigParser.h"

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

using Intervals = QList<Config::RetentionInterval>;

namespace {

Intervals repeat(int times, Config::Duration length, int keep = 1)
{
    return Intervals(times, Config::RetentionInterval{length, keep});
}

}  // namespace

class TestRetentionGrid : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void expandsGrid_data();
    void expandsGrid();
    void rejectsGrid_data();
    void rejectsGrid();
};

void TestRetentionGrid::expandsGrid_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<Intervals>("intervals");

    constexpr int all = Config::RetentionInterval::KeepAll;
    QTest::addRow("zrepl sample sender") << u"1x1h(keep=all) | 24x1h | 14x1d"_s
                                         << repeat(1, 1h, all) + repeat(24, 1h) + repeat(14, 24h);
    QTest::addRow("zrepl sample receiver")
        << u"1x1h(keep=all) | 24x1h | 35x1d | 6x30d"_s
        << repeat(1, 1h, all) + repeat(24, 1h) + repeat(35, 24h) + repeat(6, 30 * 24h);
    QTest::addRow("weeks and seconds") << u"2x1w|3x30s"_s << repeat(2, 7 * 24h) + repeat(3, 30s);
    QTest::addRow("keep count") << u"4x15m(keep=3)"_s << repeat(4, 15min, 3);
    QTest::addRow("spaces") << u"  2 x 10 m  "_s << repeat(2, 10min);
}

void TestRetentionGrid::expandsGrid()
{
    QFETCH(QString, spec);
    QFETCH(Intervals, intervals);

    QString error;
    const auto grid = Config::parseRetentionGrid(spec, &error);
    QVERIFY2(grid.has_value(), qPrintable(error));
    QCOMPARE(grid->size(), intervals.size());
    QCOMPARE(*grid, intervals);
}

void TestRetentionGrid::rejectsGrid_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("message");

    QTest::addRow("empty") << QString()
                           << u"cannot parse interval 1 of 1: retention string does not match expected format: "_s;
    QTest::addRow("zero factor") << u"0x1h"_s << u"cannot parse interval 1 of 1: contains factor <= 0: 0x1h"_s;
    QTest::addRow("zero length") << u"1x0h"_s
                                 << u"cannot parse interval 1 of 1: duration must be positive integer: 1x0h"_s;
    QTest::addRow("go duration is not a grid duration")
        << u"1x1h30m"_s
        << u"cannot parse interval 1 of 1: duration \"1h30m\" does not match <number><s|m|h|d|w>: 1x1h30m"_s;
    QTest::addRow("years")
        << u"1x1h | 1x1y"_s
        << u"cannot parse interval 2 of 2: duration \"1y\" does not match <number><s|m|h|d|w>: 1x1y"_s;
    QTest::addRow("empty last segment")
        << u"1x1h|"_s << u"cannot parse interval 2 of 2: retention string does not match expected format: "_s;
    QTest::addRow("unknown parameter")
        << u"1x1h(count=2)"_s
        << u"cannot parse interval 1 of 1: interval parameter contains unknown parameters: 1x1h(count=2)"_s;
    QTest::addRow("bad keep") << u"1x1h(keep=many)"_s
                              << u"cannot parse interval 1 of 1: cannot parse keep_count value: 1x1h(keep=many)"_s;
    QTest::addRow("keep zero") << u"1x1h(keep=0)"_s
                               << u"cannot parse interval 1 of 1: keep count must be positive or 'all': 1x1h(keep=0)"_s;
    QTest::addRow("huge factor") << u"1000001x1h"_s
                                 << u"cannot parse interval 1 of 1: factor must not exceed 100000: 1000001x1h"_s;
}

void TestRetentionGrid::rejectsGrid()
{
    QFETCH(QString, spec);
    QFETCH(QString, message);

    QString error;
    QVERIFY(!Config::parseRetentionGrid(spec, &error).has_value());
    QCOMPARE(error, message);
}

QTEST_GUILESS_MAIN(TestRetentionGrid)
#include "TestRetentionGrid.moc"
