// SPDX-License-Identifier: MIT
// Async::Wakeup, the wait of every stream loop: a wake with nobody waiting is kept, a wait ends at the next wake or
// at its timeout, the one timer serves waits with different limits, and a coroutine destroyed while its wake-up is
// on its way is not resumed.
#include <QTest>
#include <QTimer>

#include "daemon/async/TaskRunner.h"
#include "daemon/async/Wakeup.h"

using namespace std::chrono_literals;

namespace {

Async::Task<bool> waitOnce(Async::Wakeup &wakeup, std::chrono::milliseconds timeout)
{
    const bool woken = co_await wakeup.wait(timeout);
    co_return woken;
}

}  // namespace

class TestWakeup : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aWakeWithNobodyWaitingIsKept();
    void aWaitEndsAtTheNextWake();
    void aWaitTimesOut();
    void waitsWithShorterAndLongerLimits();
    void manyWaitsInARow();
    void aCancelledWaiterIsNotResumed();
    void theWakeupGoesFirst();
};

void TestWakeup::aWakeWithNobodyWaitingIsKept()
{
    Async::Wakeup wakeup;
    wakeup.wake();
    wakeup.wake();  // level-triggered: two wakes are one
    QVERIFY(Async::runBlocking(waitOnce(wakeup, 10s)));
    // Consumed: the next wait waits, here until its timeout.
    QVERIFY(!Async::runBlocking(waitOnce(wakeup, 50ms)));
}

void TestWakeup::aWaitEndsAtTheNextWake()
{
    Async::Wakeup wakeup;
    QTimer::singleShot(20ms, &wakeup, [&wakeup] { wakeup.wake(); });
    QVERIFY(Async::runBlocking(waitOnce(wakeup, 10min)));
    QTimer::singleShot(20ms, &wakeup, [&wakeup] { wakeup.wake(); });
    QVERIFY(Async::runBlocking(waitOnce(wakeup, 0ms)));  // no limit
}

void TestWakeup::aWaitTimesOut()
{
    Async::Wakeup wakeup;
    QVERIFY(!Async::runBlocking(waitOnce(wakeup, 30ms)));
    // A wake after the timeout is kept for the next wait.
    wakeup.wake();
    QVERIFY(Async::runBlocking(waitOnce(wakeup, 30ms)));
}

void TestWakeup::waitsWithShorterAndLongerLimits()
{
    Async::Wakeup wakeup;
    // A long wait leaves the timer set far ahead; a shorter one after it still times out on its own limit.
    QTimer::singleShot(10ms, &wakeup, [&wakeup] { wakeup.wake(); });
    QVERIFY(Async::runBlocking(waitOnce(wakeup, 10min)));
    QVERIFY(!Async::runBlocking(waitOnce(wakeup, 40ms)));
    // A short wait leaves the timer set soon; a longer one after it is not cut short by it.
    QVERIFY(!Async::runBlocking(waitOnce(wakeup, 20ms)));
    QTimer::singleShot(150ms, &wakeup, [&wakeup] { wakeup.wake(); });
    QVERIFY(Async::runBlocking(waitOnce(wakeup, 10min)));
}

void TestWakeup::manyWaitsInARow()
{
    Async::Wakeup wakeup;
    auto loop = [](Async::Wakeup &w, int *rounds) -> Async::Task<void> {
        while (*rounds < 1000) {
            if (!co_await w.wait(10min)) {
                co_return;
            }
            ++*rounds;
        }
    };
    int rounds = 0;
    QTimer waker;
    QObject::connect(&waker, &QTimer::timeout, &wakeup, [&wakeup] { wakeup.wake(); });
    waker.start(0);
    Async::runBlocking(loop(wakeup, &rounds));
    QCOMPARE(rounds, 1000);
}

void TestWakeup::aCancelledWaiterIsNotResumed()
{
    Async::Wakeup wakeup;
    bool resumed = false;
    auto waiter = [](Async::Wakeup &w, bool *flag) -> Async::Task<void> {
        co_await w.wait(10min);
        *flag = true;
    };
    {
        Async::TaskRunner runner;
        runner.start(waiter(wakeup, &resumed));
        QVERIFY(runner.isRunning());
        wakeup.wake();    // the resumption is posted ...
        runner.cancel();  // ... and the coroutine goes before it runs
    }
    QCoreApplication::processEvents();
    QVERIFY(!resumed);
    // The Wakeup serves the next waiter as before.
    wakeup.wake();
    QVERIFY(Async::runBlocking(waitOnce(wakeup, 10s)));
}

void TestWakeup::theWakeupGoesFirst()
{
    bool resumed = false;
    bool result = false;
    auto waiter = [](Async::Wakeup &w, bool *flag, bool *value) -> Async::Task<void> {
        *value = co_await w.wait(10min);
        *flag = true;
    };
    Async::TaskRunner runner;
    {
        Async::Wakeup wakeup;
        runner.start(waiter(wakeup, &resumed, &result));
        QVERIFY(runner.isRunning());
    }
    // Its waiter is not resumed by a Wakeup that is gone; cancelling it is safe.
    QCoreApplication::processEvents();
    QVERIFY(!resumed);
    runner.cancel();
    QVERIFY(!runner.isRunning());
}

QTEST_GUILESS_MAIN(TestWakeup)
#include "TestWakeup.moc"
