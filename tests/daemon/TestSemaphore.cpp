// SPDX-License-Identifier: MIT
// The async semaphore that bounds the size estimates of a replication and the connections of an RPC client: permits
// go to waiters in the order they came, nobody overtakes a queued waiter, and a waiter cancelled at any point
// (queued, or granted but not yet resumed) never keeps a permit.
#include <QtTest>

#include <array>
#include <memory>
#include <vector>

#include "daemon/async/Awaitables.h"
#include "daemon/async/Semaphore.h"
#include "daemon/async/TaskRunner.h"

using namespace std::chrono_literals;

namespace {

// Takes a permit, notes its turn, holds the permit for `hold`, then gives it back by leaving.
Async::Task<void> user(Async::Semaphore &semaphore, int id, std::vector<int> *order, std::chrono::milliseconds hold)
{
    const Async::Semaphore::Permit permit = co_await semaphore.acquire();
    order->push_back(id);
    co_await Async::sleep(hold);
}

// Takes a permit and keeps it until the runner is cancelled or the permit handed out by `out`.
Async::Task<void> keeper(Async::Semaphore &semaphore, std::vector<int> *order, int id, std::unique_ptr<Async::Semaphore::Permit> *out)
{
    Async::Semaphore::Permit permit = co_await semaphore.acquire();
    order->push_back(id);
    *out = std::make_unique<Async::Semaphore::Permit>(std::move(permit));
}

}  // namespace

class TestSemaphore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void freePermitsAreTakenAtOnce()
    {
        Async::Semaphore semaphore(2);
        std::vector<int> order;
        std::unique_ptr<Async::Semaphore::Permit> a;
        std::unique_ptr<Async::Semaphore::Permit> b;
        Async::TaskRunner first;
        Async::TaskRunner second;
        first.start(keeper(semaphore, &order, 1, &a));
        second.start(keeper(semaphore, &order, 2, &b));
        // Both ran to their end inside start(): no suspension while a permit is free.
        QCOMPARE(order, (std::vector<int>{1, 2}));
        QCOMPARE(semaphore.available(), 0);
        a.reset();
        QCOMPARE(semaphore.available(), 1);
        b->release();
        QVERIFY(!b->isValid());
        b.reset();  // a released permit is not given back twice
        QCOMPARE(semaphore.available(), 2);
    }

    void waitersAreServedInOrder()
    {
        Async::Semaphore semaphore(1);
        std::vector<int> order;
        std::array<Async::TaskRunner, 6> runners;
        for (int i = 0; i < int(runners.size()); ++i) {
            runners[i].start(user(semaphore, i, &order, 5ms));
        }
        QCOMPARE(order, std::vector<int>{0});
        QCOMPARE(semaphore.waiting(), 5);
        QTRY_COMPARE(order.size(), runners.size());
        QCOMPARE(order, (std::vector<int>{0, 1, 2, 3, 4, 5}));
        QTRY_COMPARE(semaphore.available(), 1);
        QCOMPARE(semaphore.waiting(), 0);
    }

    void nobodyOvertakesAQueuedWaiter()
    {
        Async::Semaphore semaphore(1);
        std::vector<int> order;
        std::unique_ptr<Async::Semaphore::Permit> held;
        std::unique_ptr<Async::Semaphore::Permit> second;
        std::unique_ptr<Async::Semaphore::Permit> third;
        Async::TaskRunner a;
        Async::TaskRunner b;
        Async::TaskRunner c;
        a.start(keeper(semaphore, &order, 1, &held));
        b.start(keeper(semaphore, &order, 2, &second));
        held.reset();  // the permit is now the queued waiter's, though it has not run yet
        QCOMPARE(semaphore.available(), 0);
        c.start(keeper(semaphore, &order, 3, &third));  // arrives before the waiter resumes: waits behind it
        QCOMPARE(order, std::vector<int>{1});
        QTRY_COMPARE(order, (std::vector<int>{1, 2}));
        second.reset();
        QTRY_COMPARE(order, (std::vector<int>{1, 2, 3}));
        third.reset();
        QCOMPARE(semaphore.available(), 1);
    }

    void aCancelledQueuedWaiterLeavesTheQueue()
    {
        Async::Semaphore semaphore(1);
        std::vector<int> order;
        std::unique_ptr<Async::Semaphore::Permit> held;
        std::unique_ptr<Async::Semaphore::Permit> other;
        Async::TaskRunner a;
        Async::TaskRunner b;
        Async::TaskRunner c;
        a.start(keeper(semaphore, &order, 1, &held));
        b.start(keeper(semaphore, &order, 2, &other));
        c.start(keeper(semaphore, &order, 3, &other));
        QCOMPARE(semaphore.waiting(), 2);
        b.cancel();
        QCOMPARE(semaphore.waiting(), 1);
        held.reset();
        QTRY_COMPARE(order, (std::vector<int>{1, 3}));
        other.reset();
        QCOMPARE(semaphore.available(), 1);
        QCOMPARE(semaphore.waiting(), 0);
    }

    void aWaiterCancelledAfterItsGrantPassesThePermitOn()
    {
        Async::Semaphore semaphore(1);
        std::vector<int> order;
        std::unique_ptr<Async::Semaphore::Permit> held;
        std::unique_ptr<Async::Semaphore::Permit> other;
        Async::TaskRunner a;
        Async::TaskRunner b;
        Async::TaskRunner c;
        a.start(keeper(semaphore, &order, 1, &held));
        b.start(keeper(semaphore, &order, 2, &other));
        c.start(keeper(semaphore, &order, 3, &other));
        held.reset();  // granted to 2, whose resumption is only posted
        QCOMPARE(semaphore.waiting(), 1);
        b.cancel();  // 2 never runs: its permit goes to 3
        QTRY_COMPARE(order, (std::vector<int>{1, 3}));
        QTest::qWait(20);
        QCOMPARE(order, (std::vector<int>{1, 3}));
        other.reset();
        QCOMPARE(semaphore.available(), 1);
    }

    void cancellingEveryoneGivesEveryPermitBack()
    {
        Async::Semaphore semaphore(2);
        std::vector<int> order;
        std::vector<std::unique_ptr<Async::TaskRunner>> runners;
        for (int i = 0; i < 20; ++i) {
            runners.push_back(std::make_unique<Async::TaskRunner>());
            runners.back()->start(user(semaphore, i, &order, 1h));
        }
        QCOMPARE(semaphore.available(), 0);
        QCOMPARE(semaphore.waiting(), 18);
        // Holders and waiters cancelled in a mixed order, some while grants are pending.
        for (int i : {5, 0, 19, 1, 7, 2, 3, 4, 6, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18}) {
            runners[i]->cancel();
        }
        QCoreApplication::processEvents();
        QCOMPARE(semaphore.available(), 2);
        QCOMPARE(semaphore.waiting(), 0);
    }

    void morePermitsWakeWaitersAndFewerAreTakenBack()
    {
        Async::Semaphore semaphore(1);
        std::vector<int> order;
        std::array<std::unique_ptr<Async::Semaphore::Permit>, 3> permits;
        std::array<Async::TaskRunner, 3> runners;
        for (int i = 0; i < 3; ++i) {
            runners[i].start(keeper(semaphore, &order, i, &permits[i]));
        }
        QCOMPARE(order, std::vector<int>{0});
        semaphore.setPermits(3);
        QTRY_COMPARE(order, (std::vector<int>{0, 1, 2}));
        semaphore.setPermits(1);
        QCOMPARE(semaphore.available(), -2);
        permits[0].reset();
        permits[1].reset();
        QCOMPARE(semaphore.available(), 0);
        permits[2].reset();
        QCOMPARE(semaphore.available(), 1);
    }

    void permitsAndWaitersMayOutliveTheSemaphore()
    {
        std::vector<int> order;
        std::unique_ptr<Async::Semaphore::Permit> held;
        std::unique_ptr<Async::Semaphore::Permit> other;
        Async::TaskRunner a;
        Async::TaskRunner b;
        {
            Async::Semaphore semaphore(1);
            a.start(keeper(semaphore, &order, 1, &held));
            b.start(keeper(semaphore, &order, 2, &other));
        }
        held.reset();  // the waiter gets it, from a semaphore that is gone
        QTRY_COMPARE(order, (std::vector<int>{1, 2}));
        other.reset();
    }
};

QTEST_GUILESS_MAIN(TestSemaphore)
#include "TestSemaphore.moc"
