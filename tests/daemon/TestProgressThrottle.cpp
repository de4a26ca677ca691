// SPDX-License-Identifier: MIT
// A stream's byte count reported at most once per interval, with the last count never held back: held counts go
// out when the interval ends even if the stream has stopped, and the final count goes out at once.
#include <QTest>

#include "daemon/async/ProgressThrottle.h"

using namespace std::chrono_literals;

class TestProgressThrottle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firstCountGoesOutAtOnce();
    void heldCountGoesOutWhenTheIntervalEnds();
    void finishReportsAtOnceAndDropsTheHeldCount();
    void countsAnIntervalApartGoOutAtOnce();
    void withoutACallbackNothingHappens();
};

void TestProgressThrottle::firstCountGoesOutAtOnce()
{
    QList<qint64> reports;
    Async::ProgressThrottle throttle([&reports](qint64 bytes) { reports.append(bytes); }, 50ms);
    throttle.update(5);
    QCOMPARE(reports, QList<qint64>{5});
}

void TestProgressThrottle::heldCountGoesOutWhenTheIntervalEnds()
{
    QList<qint64> reports;
    Async::ProgressThrottle throttle([&reports](qint64 bytes) { reports.append(bytes); }, 50ms);
    throttle.update(1);
    throttle.update(2);
    throttle.update(3);  // a burst, then the stream stops
    QCOMPARE(reports, QList<qint64>{1});
    QTRY_COMPARE(reports, (QList<qint64>{1, 3}));
    QTest::qWait(150);
    QCOMPARE(reports, (QList<qint64>{1, 3}));  // once, and nothing after
}

void TestProgressThrottle::finishReportsAtOnceAndDropsTheHeldCount()
{
    QList<qint64> reports;
    Async::ProgressThrottle throttle([&reports](qint64 bytes) { reports.append(bytes); }, 50ms);
    throttle.update(1);
    throttle.update(2);
    throttle.finish(4);
    QCOMPARE(reports, (QList<qint64>{1, 4}));
    QTest::qWait(150);
    QCOMPARE(reports, (QList<qint64>{1, 4}));
}

void TestProgressThrottle::countsAnIntervalApartGoOutAtOnce()
{
    QList<qint64> reports;
    Async::ProgressThrottle throttle([&reports](qint64 bytes) { reports.append(bytes); }, 20ms);
    throttle.update(1);
    QTest::qWait(60);
    throttle.update(2);
    QCOMPARE(reports, (QList<qint64>{1, 2}));
}

void TestProgressThrottle::withoutACallbackNothingHappens()
{
    Async::ProgressThrottle throttle({}, 10ms);
    throttle.update(1);
    throttle.update(2);
    throttle.finish(3);
    QTest::qWait(30);
}

QTEST_GUILESS_MAIN(TestProgressThrottle)
#include "TestProgressThrottle.moc"
