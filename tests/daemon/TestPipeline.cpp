// SPDX-License-Identifier: MIT
// The splice relay between a producer and a consumer process: exact byte counts, end-of-stream, failures on
// either side, cancellation, and no busy waiting while the producer is slow.
#include <QElapsedTimer>
#include <QTest>

#include <sys/resource.h>

#include "daemon/async/Pipeline.h"
#include "daemon/async/TaskRunner.h"

using namespace Qt::StringLiterals;

namespace {

Async::ProcessSpec shell(const QString &script)
{
    Async::ProcessSpec spec;
    spec.program = u"/bin/sh"_s;
    spec.arguments = {u"-c"_s, script};
    spec.timeout = std::chrono::seconds(30);
    return spec;
}

Async::Task<Async::PipelineResult> pipeline(Async::ProcessSpec producer, Async::ProcessSpec consumer,
                                            QList<qint64> *progress = nullptr)
{
    co_return co_await Async::runPipeline(std::move(producer), std::move(consumer), [progress](qint64 bytes) {
        if (progress) {
            progress->append(bytes);
        }
    }, std::chrono::milliseconds(10));
}

// With the daemon's own progress interval.
Async::Task<Async::PipelineResult> pipelineReporting(Async::ProcessSpec producer, Async::ProcessSpec consumer,
                                                     std::function<void(qint64)> progress)
{
    co_return co_await Async::runPipeline(std::move(producer), std::move(consumer), std::move(progress));
}

double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

}  // namespace

class TestPipeline : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void movesEveryByte();
    void slowProducerDoesNotSpin();
    void burstThenStallReportsTheBurst();
    void consumerFailingStopsTheProducer();
    void producerFailingEndsTheStream();
    void missingProgram();
    void cancellationKillsBoth();
};

void TestPipeline::movesEveryByte()
{
    QList<qint64> progress;
    const Async::PipelineResult result = Async::runBlocking(
        pipeline(shell(u"head -c 50000000 /dev/zero"_s), shell(u"wc -c >&2"_s), &progress));
    QVERIFY(result.producer.ok());
    QVERIFY(result.consumer.ok());
    QCOMPARE(result.bytes, 50000000);
    QCOMPARE(result.consumer.standardError.trimmed(), QByteArray("50000000"));
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last(), 50000000);
    QVERIFY(std::is_sorted(progress.begin(), progress.end()));
}

void TestPipeline::slowProducerDoesNotSpin()
{
    // A producer that writes a line a while: the relay must sleep between them, not poll.
    const double before = cpuSeconds();
    const Async::PipelineResult result = Async::runBlocking(
        pipeline(shell(u"for i in 1 2 3 4; do echo line; sleep 0.4; done"_s), shell(u"wc -l >&2"_s)));
    const double used = cpuSeconds() - before;
    QVERIFY(result.producer.ok() && result.consumer.ok());
    QCOMPARE(result.consumer.standardError.trimmed(), QByteArray("4"));
    // 1.6 s of waiting; a spinning relay burns all of it. The bound is a spin guard, not a speed target.
    QVERIFY2(used < 0.8, qPrintable(u"the relay used %1 s of CPU while waiting"_s.arg(used)));
}

void TestPipeline::burstThenStallReportsTheBurst()
{
    // 3 MB at once, then nothing for 3 s: the count of the whole burst must be reported during the pause, not only
    // when the stream ends (a held-back count showed the bytes from before the burst for as long as a sender stalled).
    QElapsedTimer clock;
    clock.start();
    qint64 burstReportedAt = -1;
    auto progress = [&](qint64 bytes) {
        if (bytes == 3000000 && burstReportedAt < 0) {
            burstReportedAt = clock.elapsed();
        }
    };
    const Async::PipelineResult result = Async::runBlocking(
        pipelineReporting(shell(u"head -c 3000000 /dev/zero; sleep 3"_s), shell(u"cat >/dev/null"_s), progress));
    const qint64 endedAt = clock.elapsed();
    QVERIFY(result.producer.ok() && result.consumer.ok());
    QCOMPARE(result.bytes, 3000000);
    QVERIFY(burstReportedAt >= 0);
    // Reported within the default interval of the burst, seconds before the producer ended.
    QVERIFY2(burstReportedAt < endedAt - 1000,
             qPrintable(u"the burst was reported at %1 ms, the stream ended at %2 ms"_s.arg(burstReportedAt).arg(endedAt)));
}

void TestPipeline::consumerFailingStopsTheProducer()
{
    QElapsedTimer timer;
    timer.start();
    const Async::PipelineResult result = Async::runBlocking(
        pipeline(shell(u"exec cat /dev/zero"_s), shell(u"head -c 1000 >/dev/null; echo refused >&2; exit 3"_s)));
    QVERIFY(timer.elapsed() < 10000);  // the endless producer was stopped, not waited for
    QCOMPARE(result.consumer.exitCode, 3);
    QCOMPARE(result.consumer.standardError.trimmed(), QByteArray("refused"));
    QVERIFY(!result.producer.ok());
}

void TestPipeline::producerFailingEndsTheStream()
{
    const Async::PipelineResult result = Async::runBlocking(
        pipeline(shell(u"head -c 12345 /dev/zero; echo broken >&2; exit 1"_s), shell(u"wc -c >&2"_s)));
    QCOMPARE(result.producer.exitCode, 1);
    QCOMPARE(result.producer.standardError.trimmed(), QByteArray("broken"));
    QVERIFY(result.consumer.ok());  // it saw the end of what came
    QCOMPARE(result.consumer.standardError.trimmed(), QByteArray("12345"));
    QCOMPARE(result.bytes, 12345);
}

void TestPipeline::missingProgram()
{
    Async::ProcessSpec missing;
    missing.program = u"/nonexistent/zfs"_s;
    const Async::PipelineResult result = Async::runBlocking(pipeline(missing, shell(u"cat >/dev/null"_s)));
    QVERIFY(!result.producer.started);
    QVERIFY(!result.producer.startError.isEmpty());
    const Async::PipelineResult other = Async::runBlocking(pipeline(shell(u"echo x"_s), missing));
    QVERIFY(!other.consumer.started);
}

void TestPipeline::cancellationKillsBoth()
{
    Async::TaskRunner runner;
    auto task = []() -> Async::Task<void> {
        co_await Async::runPipeline(shell(u"exec sleep 30"_s), shell(u"exec sleep 30"_s));
    };
    runner.start(task());
    QTest::qWait(200);
    QVERIFY(runner.isRunning());
    QElapsedTimer timer;
    timer.start();
    runner.cancel();
    QVERIFY(!runner.isRunning());
    QVERIFY(timer.elapsed() < 5000);
    // Nothing named like our sleepers is left.
    QProcess pgrep;
    pgrep.start(u"pgrep"_s, {u"-f"_s, u"^sleep 30$"_s});
    pgrep.waitForFinished();
    QCOMPARE(pgrep.readAllStandardOutput(), QByteArray());
}

QTEST_GUILESS_MAIN(TestPipeline)
#include "TestPipeline.moc"
