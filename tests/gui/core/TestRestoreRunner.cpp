// SPDX-License-Identifier: MIT
// A confirmed restore on the runner's worker thread: the file arrives with its content, progress reaches the GUI
// thread, one restore at a time, a plan that cannot be done is refused, cancelling leaves nothing behind, and a
// runner destroyed mid-restore stops and cleans up.
#include <QDirIterator>
#include <QSignalSpy>
#include <QTest>

#include "FakeSnapshotTree.h"
#include "app/core/RestoreRunner.h"

using namespace Gui;
using namespace Qt::StringLiterals;

namespace {

QDateTime at(int day, int hour = 10)
{
    return QDateTime(QDate(2026, 12, day), QTime(hour, 0), Qt::UTC);
}

// Files the engine left in `folder` under its temporary names.
QStringList leftovers(const QString &folder)
{
    QStringList found;
    QDirIterator it(folder, QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
    while (it.hasNext()) {
        const QString name = it.next().section(u'/', -1);
        if (name.contains(u".holdfast-restore-"_s)) {
            found.append(name);
        }
    }
    return found;
}

}  // namespace

class TestRestoreRunner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void restoresACopyOnItsThread();
    void oneAtATime();
    void refusesAPlanThatCannotBeDone();
    void cancelLeavesNothing();
    void destroyedRunnerStopsAndCleansUp();

private:
    Restore::RestorePlan planFor(const QString &relative, Restore::RestoreMode mode);

    std::unique_ptr<FakeSnapshotTree> m_tree;
    QString m_snapshot;
};

void TestRestoreRunner::init()
{
    m_tree = std::make_unique<FakeSnapshotTree>();
    m_snapshot = FakeSnapshotTree::snapshotName(at(1));
    m_tree->addSnapshot(m_snapshot);
    m_tree->writeInSnapshot(m_snapshot, u"report.txt"_s, QByteArray(300 * 1024, 'r'), at(1, 9));
    m_tree->writeLive(u"report.txt"_s, "now\n", at(2));
    for (int i = 0; i < 200; ++i) {
        m_tree->writeInSnapshot(m_snapshot, u"photos/p%1.jpg"_s.arg(i), QByteArray(64 * 1024, char(i)), at(1, 8));
    }
}

Restore::RestorePlan TestRestoreRunner::planFor(const QString &relative, Restore::RestoreMode mode)
{
    Restore::RestoreRequest request;
    request.source = m_tree->snapshotRoot(m_snapshot) + u'/' + relative;
    request.original = m_tree->mountPoint() + u'/' + relative;
    request.mode = mode;
    request.snapshotTime = at(1);
    request.now = at(3);
    return Restore::RestoreEngine::plan(request);
}

void TestRestoreRunner::restoresACopyOnItsThread()
{
    RestoreRunner runner;
    QSignalSpy progressed(&runner, &RestoreRunner::progressed);
    QSignalSpy finished(&runner, &RestoreRunner::finished);
    const Restore::RestorePlan plan = planFor(u"report.txt"_s, Restore::RestoreMode::Copy);
    QVERIFY2(plan.ok(), qPrintable(plan.error));
    QVERIFY(runner.start(plan));
    QVERIFY(runner.isBusy());
    QVERIFY(finished.wait(10000));
    QVERIFY(!runner.isBusy());
    const auto result = finished.first().first().value<Restore::RestoreResult>();
    QCOMPARE(result.outcome, Restore::RestoreResult::Outcome::Restored);
    QCOMPARE(result.target, plan.target);
    QFile copy(result.target);
    QVERIFY(copy.open(QIODevice::ReadOnly));
    QCOMPARE(copy.readAll(), QByteArray(300 * 1024, 'r'));
    // The current one is untouched.
    QFile current(m_tree->mountPoint() + u"/report.txt"_s);
    QVERIFY(current.open(QIODevice::ReadOnly));
    QCOMPARE(current.readAll(), QByteArray("now\n"));
    QVERIFY(progressed.count() >= 1);
    QCOMPARE(runner.lastProgress().bytesTotal, 300 * 1024);
}

void TestRestoreRunner::oneAtATime()
{
    RestoreRunner runner;
    QSignalSpy finished(&runner, &RestoreRunner::finished);
    QVERIFY(runner.start(planFor(u"photos"_s, Restore::RestoreMode::Copy)));
    QVERIFY(!runner.start(planFor(u"report.txt"_s, Restore::RestoreMode::Copy)));
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.count(), 1);
    const auto result = finished.first().first().value<Restore::RestoreResult>();
    QCOMPARE(result.outcome, Restore::RestoreResult::Outcome::Restored);
    QCOMPARE(result.files, 200);
    // Free again.
    QVERIFY(runner.start(planFor(u"report.txt"_s, Restore::RestoreMode::Copy)));
    QVERIFY(finished.wait(10000));
}

void TestRestoreRunner::refusesAPlanThatCannotBeDone()
{
    RestoreRunner runner;
    const Restore::RestorePlan plan = planFor(u"nothere.txt"_s, Restore::RestoreMode::Copy);
    QVERIFY(!plan.ok());
    QVERIFY(!runner.start(plan));
    QVERIFY(!runner.isBusy());
}

void TestRestoreRunner::cancelLeavesNothing()
{
    RestoreRunner runner;
    QSignalSpy finished(&runner, &RestoreRunner::finished);
    const Restore::RestorePlan plan = planFor(u"photos"_s, Restore::RestoreMode::Copy);
    QVERIFY(runner.start(plan));
    runner.cancel();
    QVERIFY(runner.isCancelling());
    QVERIFY(finished.wait(30000));
    const auto result = finished.first().first().value<Restore::RestoreResult>();
    QCOMPARE(result.outcome, Restore::RestoreResult::Outcome::Cancelled);
    QVERIFY(!QFileInfo::exists(plan.target));
    QCOMPARE(leftovers(m_tree->mountPoint()), QStringList());
}

void TestRestoreRunner::destroyedRunnerStopsAndCleansUp()
{
    auto runner = std::make_unique<RestoreRunner>();
    const Restore::RestorePlan plan = planFor(u"photos"_s, Restore::RestoreMode::Copy);
    QVERIFY(runner->start(plan));
    QTest::qWait(5);
    runner.reset();  // waits for the worker, which stops at its next check
    // Either it finished before it noticed, or nothing of it is left.
    if (!QFileInfo::exists(plan.target)) {
        QCOMPARE(leftovers(m_tree->mountPoint()), QStringList());
    }
}

QTEST_GUILESS_MAIN(TestRestoreRunner)
#include "TestRestoreRunner.moc"
