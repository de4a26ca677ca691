// SPDX-License-Identifier: MIT
// The replication step's stall watchdog: fires once the byte count stops moving for its timeout, is re-armed by
// every move, not by reports of the same count, says when a stopped stream still did not end, and is off at 0.
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include "daemon/driver/StallWatchdog.h"

using namespace std::chrono_literals;

class TestStallWatchdog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firesWhenNothingMoves();
    void movingBytesRearm();
    void repeatedCountDoesNotRearm();
    void stopIgnoredAfterGrace();
    void stoppedOrDisabledNeverFires();
};

void TestStallWatchdog::firesWhenNothingMoves()
{
    Daemon::StallWatchdog watchdog(200ms);
    QSignalSpy stalled(&watchdog, &Daemon::StallWatchdog::stalled);
    QElapsedTimer clock;
    clock.start();
    watchdog.start();
    watchdog.progress(4096);
    QVERIFY(stalled.wait(10000));
    QVERIFY(clock.elapsed() >= 190);
    QCOMPARE(stalled.first().first().toLongLong(), 4096);
    QVERIFY(watchdog.hasFired());
    QCOMPARE(watchdog.bytes(), 4096);
}

void TestStallWatchdog::movingBytesRearm()
{
    Daemon::StallWatchdog watchdog(1s);
    QSignalSpy stalled(&watchdog, &Daemon::StallWatchdog::stalled);
    watchdog.start();
    // Bytes move every 50 ms for three seconds, far longer than the timeout: no stall (a generous timeout, as a
    // loaded machine may delay the mover's timer).
    qint64 bytes = 0;
    QTimer mover;
    QObject::connect(&mover, &QTimer::timeout, &watchdog, [&] { watchdog.progress(bytes += 1000); });
    mover.start(50);
    QTest::qWait(3000);
    mover.stop();
    QCOMPARE(stalled.count(), 0);
    QVERIFY(stalled.wait(10000));
    QCOMPARE(stalled.first().first().toLongLong(), bytes);
}

void TestStallWatchdog::repeatedCountDoesNotRearm()
{
    Daemon::StallWatchdog watchdog(300ms);
    QSignalSpy stalled(&watchdog, &Daemon::StallWatchdog::stalled);
    watchdog.start();
    watchdog.progress(10);
    // Progress reports that repeat the count (a throttled reporter, a final report) are not movement.
    QTimer repeater;
    QObject::connect(&repeater, &QTimer::timeout, &watchdog, [&] { watchdog.progress(10); });
    repeater.start(50);
    QVERIFY(stalled.wait(10000));
    QCOMPARE(stalled.count(), 1);
}

void TestStallWatchdog::stopIgnoredAfterGrace()
{
    Daemon::StallWatchdog watchdog(100ms);
    QCOMPARE(watchdog.grace(), std::chrono::milliseconds(10s));  // at least 10 s for a receive to save its state
    QCOMPARE(Daemon::StallWatchdog(1min).grace(), std::chrono::milliseconds(1min));
    QSignalSpy stalled(&watchdog, &Daemon::StallWatchdog::stalled);
    QSignalSpy ignored(&watchdog, &Daemon::StallWatchdog::stopIgnored);
    watchdog.start();
    QVERIFY(stalled.wait(10000));
    QCOMPARE(ignored.count(), 0);
    // Bytes after the stall do not undo it: the stream is being stopped.
    watchdog.progress(1);
    QVERIFY(ignored.wait(30000));
    QCOMPARE(stalled.count(), 1);
}

void TestStallWatchdog::stoppedOrDisabledNeverFires()
{
    Daemon::StallWatchdog stopped(100ms);
    Daemon::StallWatchdog disabled(0ms);
    QSignalSpy stoppedSpy(&stopped, &Daemon::StallWatchdog::stalled);
    QSignalSpy disabledSpy(&disabled, &Daemon::StallWatchdog::stalled);
    stopped.start();
    stopped.stop();
    disabled.start();
    disabled.progress(5);
    QTest::qWait(500);
    QCOMPARE(stoppedSpy.count(), 0);
    QCOMPARE(disabledSpy.count(), 0);
    QVERIFY(!disabled.hasFired());
}

QTEST_GUILESS_MAIN(TestStallWatchdog)
#include "TestStallWatchdog.moc"
