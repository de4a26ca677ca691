// SPDX-License-Identifier: MIT
#include <QTest>

#include "daemon/config/ConfigParser.h"

using namespace Qt::StringLiterals;

// Expected values are what Go's time.ParseDuration returns for the same text.
class TestGoDuration : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesLikeGo_data();
    void parsesLikeGo();
    void rejectsLikeGo_data();
    void rejectsLikeGo();
};

void TestGoDuration::parsesLikeGo_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("nanoseconds");

    QTest::addRow("zero") << u"0"_s << qint64(0);
    QTest::addRow("signed zero") << u"-0"_s << qint64(0);
    QTest::addRow("zero seconds") << u"0s"_s << qint64(0);
    QTest::addRow("minutes") << u"10m"_s << qint64(600'000'000'000);
    QTest::addRow("fractional hours") << u"1.5h"_s << qint64(5'400'000'000'000);
    QTest::addRow("milliseconds") << u"300ms"_s << qint64(300'000'000);
    QTest::addRow("compound") << u"1h30m"_s << qint64(5'400'000'000'000);
    QTest::addRow("three units") << u"1h1m1s"_s << qint64(3'661'000'000'000);
    QTest::addRow("negative") << u"-2s"_s << qint64(-2'000'000'000);
    QTest::addRow("plus sign") << u"+5s"_s << qint64(5'000'000'000);
    QTest::addRow("leading point") << u".5s"_s << qint64(500'000'000);
    QTest::addRow("trailing point") << u"1.s"_s << qint64(1'000'000'000);
    QTest::addRow("nanoseconds") << u"7ns"_s << qint64(7);
    QTest::addRow("us") << u"3us"_s << qint64(3000);
    QTest::addRow("micro sign") << u"3\u00b5s"_s << qint64(3000);
    QTest::addRow("greek mu") << u"3\u03bcs"_s << qint64(3000);
    QTest::addRow("fraction of a nanosecond") << u"0.1ns"_s << qint64(0);
    QTest::addRow("nanosecond fraction of seconds") << u"1.000000001s"_s << qint64(1'000'000'001);
    QTest::addRow("dropped digits") << u"1.0000000000000000000001s"_s << qint64(1'000'000'000);
    QTest::addRow("fractional minutes") << u"1.5m"_s << qint64(90'000'000'000);
    QTest::addRow("units in any order") << u"1s1h"_s << qint64(3'601'000'000'000);
    QTest::addRow("largest") << u"9223372036854775807ns"_s << std::numeric_limits<qint64>::max();
    QTest::addRow("smallest") << u"-9223372036854775808ns"_s << std::numeric_limits<qint64>::min();
    QTest::addRow("most hours") << u"2562047h"_s << qint64(9'223'369'200'000'000'000);
}

void TestGoDuration::parsesLikeGo()
{
    QFETCH(QString, text);
    QFETCH(qint64, nanoseconds);

    QString error;
    const auto duration = Config::parseGoDuration(text, &error);
    QVERIFY2(duration.has_value(), qPrintable(error));
    QCOMPARE(duration->count(), nanoseconds);
}

void TestGoDuration::rejectsLikeGo_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");

    QTest::addRow("empty") << QString() << u"time: invalid duration \"\""_s;
    QTest::addRow("sign only") << u"-"_s << u"time: invalid duration \"-\""_s;
    QTest::addRow("no unit") << u"10"_s << u"time: missing unit in duration \"10\""_s;
    QTest::addRow("days") << u"1d"_s << u"time: unknown unit \"d\" in duration \"1d\""_s;
    QTest::addRow("space before unit") << u"5 m"_s << u"time: unknown unit \" m\" in duration \"5 m\""_s;
    QTest::addRow("point only") << u".s"_s << u"time: invalid duration \".s\""_s;
    QTest::addRow("two points") << u"1.2.3s"_s << u"time: missing unit in duration \"1.2.3s\""_s;
    QTest::addRow("inner sign") << u"1h-1m"_s << u"time: unknown unit \"h-\" in duration \"1h-1m\""_s;
    QTest::addRow("letters") << u"manual"_s << u"time: invalid duration \"manual\""_s;
    QTest::addRow("overflow") << u"9223372036854775808ns"_s << u"time: invalid duration \"9223372036854775808ns\""_s;
    QTest::addRow("too many hours") << u"2562048h"_s << u"time: invalid duration \"2562048h\""_s;
    QTest::addRow("exponent") << u"1e3s"_s << u"time: unknown unit \"e\" in duration \"1e3s\""_s;
}

void TestGoDuration::rejectsLikeGo()
{
    QFETCH(QString, text);
    QFETCH(QString, message);

    QString error;
    QVERIFY(!Config::parseGoDuration(text, &error).has_value());
    QCOMPARE(error, message);
}

QTEST_GUILESS_MAIN(TestGoDuration)
#include "TestGoDuration.moc"
