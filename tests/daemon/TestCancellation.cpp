// SPDX-License-Identifier: MIT
// Limits on tasks (withTimeout, cancelOn) and the gentle stop of a stream (ProcessSpec::stop): a task cut off is
// destroyed with its processes; a stopped stream loses its producer while the consumer reads to the end and exits
// by itself.
#include <QElapsedTimer>
#include <QTest>

#include "daemon/async/Awaitables.h"
#include "daemon/async/Cancellation.h"
#include "daemon/async/Pipeline.h"
#include "daemon/async/TaskRunner.h"

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

Async::Task<int> slowValue(std::chrono::milliseconds delay, int value)
{
    co_await Async::sleep(delay);
    co_return value;
}

Async::Task<void> slowVoid(std::chrono::milliseconds delay, bool *finished)
{
    co_await Async::sleep(delay);
    *finished = true;
}

Async::ProcessSpec shell(const QString &script)
{
    Async::ProcessSpec spec;
    spec.program = u"/bin/sh"_s;
    spec.arguments = {u"-c"_s, script};
    spec.timeout = 60s;
    return spec;
}

}  // namespace

class TestCancellation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void withinTheLimit();
    void overTheLimit();
    void noLimit();
    void cancelOnStop();
    void stoppedPipelineEndsGently();
};

void TestCancellation::withinTheLimit()
{
    QCOMPARE(Async::runBlocking(Async::withTimeout(slowValue(10ms, 7), 30s)), std::optional<int>(7));
    bool finished = false;
    QVERIFY(Async::runBlocking(Async::withTimeout(slowVoid(10ms, &finished), 30s)));
    QVERIFY(finished);
}

void TestCancellation::overTheLimit()
{
    QElapsedTimer clock;
    clock.start();
    QCOMPARE(Async::runBlocking(Async::withTimeout(slowValue(1h, 7), 200ms)), std::nullopt);
    QVERIFY(clock.elapsed() >= 190);
    QVERIFY(clock.elapsed() < 30000);
    bool finished = false;
    QVERIFY(!Async::runBlocking(Async::withTimeout(slowVoid(1h, &finished), 200ms)));
    QVERIFY(!finished);
}

void TestCancellation::noLimit()
{
    QCOMPARE(Async::runBlocking(Async::withTimeout(slowValue(50ms, 3), 0ms)), std::optional<int>(3));
}

void TestCancellation::cancelOnStop()
{
    Async::StopSignal stop;
    QTimer::singleShot(100ms, &stop, &Async::StopSignal::request);
    // The process dies with the task: the call returns long before the sleeper would end.
    auto task = []() -> Async::Task<Async::ProcessResult> { co_return co_await Async::runProcess(shell(u"exec sleep 30"_s)); };
    QElapsedTimer clock;
    clock.start();
    QCOMPARE(Async::runBlocking(Async::cancelOn(task(), stop)).has_value(), false);
    QVERIFY(clock.elapsed() < 20000);
    // A stop requested before the call cancels at once.
    QCOMPARE(Async::runBlocking(Async::cancelOn(slowValue(1h, 1), stop)), std::nullopt);
}

void TestCancellation::stoppedPipelineEndsGently()
{
    Async::StopSignal stop;
    Async::ProcessSpec consumer = shell(u"wc -c; echo consumer-finished >&2"_s);
    consumer.stop = &stop;
    QList<qint64> progress;
    // The producer writes 1000 bytes and hangs; the stop (at the first progress) kills it, the consumer sees the
    // end and reports.
    auto task = [&]() -> Async::Task<Async::PipelineResult> {
        co_return co_await Async::runPipeline(shell(u"head -c 1000 /dev/zero; exec sleep 30"_s), consumer,
                                              [&progress, &stop](qint64 bytes) {
                                                  progress.append(bytes);
                                                  if (bytes > 0) {
                                                      stop.request();
                                                  }
                                              },
                                              1ms);
    };
    QElapsedTimer clock;
    clock.start();
    const Async::PipelineResult result = Async::runBlocking(task());
    QVERIFY(clock.elapsed() < 20000);
    QCOMPARE(result.bytes, 1000);
    QVERIFY(result.producer.crashed);
    QVERIFY2(result.consumer.ok(), result.consumer.standardError.constData());
    QCOMPARE(result.consumer.standardOutput.trimmed(), QByteArray("1000"));
    QVERIFY(result.consumer.standardError.contains("consumer-finished"));
}

QTEST_GUILESS_MAIN(TestCancellation)
#include "TestCancellation.moc"
