// SPDX-License-Identifier: MIT
// Tasks started side by side in a group end on their own and are forgotten; clearing or destroying the group
// cancels those still running (their frames are destroyed: nothing after their suspension point runs).
#include <QtTest>

#include <memory>

#include "daemon/async/Awaitables.h"
#include "daemon/async/TaskGroup.h"

using namespace std::chrono_literals;

namespace {

Async::Task<void> sleeper(std::chrono::milliseconds duration, int *done)
{
    co_await Async::sleep(duration);
    ++*done;
}

}  // namespace

class TestTaskGroup : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void finishedTasksAreForgotten()
    {
        Async::TaskGroup group;
        int done = 0;
        group.start(sleeper(10ms, &done));
        group.start(sleeper(20ms, &done));
        QCOMPARE(group.size(), std::size_t(2));
        QTRY_COMPARE(done, 2);
        QTRY_COMPARE(group.size(), std::size_t(0));
    }

    void clearCancels()
    {
        Async::TaskGroup group;
        int done = 0;
        group.start(sleeper(10ms, &done));
        group.start(sleeper(10s, &done));
        QTRY_COMPARE(done, 1);
        QTRY_COMPARE(group.size(), std::size_t(1));
        group.clear();
        QCOMPARE(group.size(), std::size_t(0));
        QTest::qWait(50);
        QCOMPARE(done, 1);
    }

    void destroyingCancels()
    {
        int done = 0;
        {
            auto group = std::make_unique<Async::TaskGroup>();
            group->start(sleeper(30ms, &done));
        }
        QTest::qWait(100);
        QCOMPARE(done, 0);
    }
};

QTEST_GUILESS_MAIN(TestTaskGroup)
#include "TestTaskGroup.moc"
