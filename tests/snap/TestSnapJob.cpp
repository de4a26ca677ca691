// SPDX-License-Identifier: MIT
// The snap job end to end on both test backends: snapshots on schedule, pruning by the keep rules, held snapshots
// left alone, and the live status in zrepl's shapes.
#include <QSignalSpy>
#include <QTest>

#include "BackendCommandConfig.h"
#include "EmulatorFixture.h"
#include "ZfsFuseFixture.h"
#include "daemon/jobs/SnapJob.h"

using namespace Daemon;
using namespace Qt::StringLiterals;

namespace {

Config::KeepRule lastN(int count)
{
    Config::KeepRule rule;
    rule.type = Config::KeepRule::Type::LastN;
    rule.count = count;
    return rule;
}

Config::KeepRule regex(const QString &pattern, bool negate)
{
    Config::KeepRule rule;
    rule.type = Config::KeepRule::Type::Regex;
    rule.regex = pattern;
    rule.negate = negate;
    return rule;
}

QStringList snapshotsOf(const ZfsBackend &backend, const QString &fs)
{
    const ZfsCommandResult result = backend.zfs({u"list"_s, u"-H"_s, u"-o"_s, u"name"_s, u"-t"_s, u"snapshot"_s, u"-r"_s, u"-d"_s, u"1"_s, fs});
    QStringList names;
    for (const QString &line : QString::fromUtf8(result.standardOutput).split(u'\n', Qt::SkipEmptyParts)) {
        names.append(line.section(u'@', 1));
    }
    return names;
}

QStringList withPrefix(const QStringList &names, const QString &prefix)
{
    QStringList out;
    for (const QString &name : names) {
        if (name.startsWith(prefix)) {
            out.append(name);
        }
    }
    return out;
}

}  // namespace

class TestSnapJob : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void snapshotsAndPruningOnSchedule_data();
    void snapshotsAndPruningOnSchedule();
    void wakeupAndResetWithManualSnapshotting_data();
    void wakeupAndResetWithManualSnapshotting();

private:
    ZfsBackend *backendFor(const QString &name);
    std::unique_ptr<SnapJob> makeJob(ZfsBackend &backend, Config::Job config);

    ZfsFuseFixture m_zfsFuse;
    EmulatorFixture m_emulator{QStringLiteral(HOLDFAST_ZFS_EMULATOR_BIN_DIR)};
};

void TestSnapJob::initTestCase()
{
    m_zfsFuse.start();
    m_emulator.start();
}

void TestSnapJob::cleanupTestCase()
{
    m_zfsFuse.stop();
    m_emulator.stop();
}

ZfsBackend *TestSnapJob::backendFor(const QString &name)
{
    ZfsBackend *backend = name == u"emulator" ? static_cast<ZfsBackend *>(&m_emulator) : &m_zfsFuse;
    return backend->unavailableReason().isEmpty() ? backend : nullptr;
}

std::unique_ptr<SnapJob> TestSnapJob::makeJob(ZfsBackend &backend, Config::Job config)
{
    Zfs::CommandConfig zfs = commandConfigFor(backend);
    return std::make_unique<SnapJob>(config, zfs);
}

void TestSnapJob::snapshotsAndPruningOnSchedule_data()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("emulator") << u"emulator"_s;
    QTest::newRow("zfs-fuse") << u"zfs-fuse"_s;
}

void TestSnapJob::snapshotsAndPruningOnSchedule()
{
    QFETCH(QString, backend);
    ZfsBackend *b = backendFor(backend);
    if (!b) {
        QSKIP("backend unavailable (see initTestCase's fixture reason)");
    }
    const QString pool = b->nextPoolName();
    QString error;
    QVERIFY2(b->createPool(pool, 64, &error), qPrintable(error));
    for (const QString &fs : {u"/a"_s, u"/a/b"_s, u"/c"_s}) {
        QCOMPARE(b->zfs({u"create"_s, pool + fs}).exitCode, 0);
    }
    QCOMPARE(b->zfs({u"snapshot"_s, pool + u"/a@manual"_s}).exitCode, 0);

    Config::Job config;
    config.type = Config::JobType::Snap;
    config.name = u"snapjob"_s;
    config.filesystems = {{pool + u"/a<"_s, true}};
    config.snapshotting.type = Config::Snapshotting::Type::Periodic;
    config.snapshotting.prefix = u"hf_"_s;
    config.snapshotting.interval = std::chrono::seconds(2);
    // Keep what does not start with hf_, and of all snapshots the newest two.
    config.keep = {regex(u"^hf_"_s, true), lastN(2)};
    std::unique_ptr<SnapJob> job = makeJob(*b, config);
    QSignalSpy pruned(job.get(), &SnapJob::pruningFinished);
    job->start();

    // Three rounds: the first right away (nothing with the prefix yet), then every two seconds.
    QTRY_VERIFY_WITH_TIMEOUT(pruned.size() >= 3, 20000);
    const QStringList a = snapshotsOf(*b, pool + u"/a"_s);
    const QStringList ab = snapshotsOf(*b, pool + u"/a/b"_s);
    QVERIFY2(a.contains(u"manual"_s), qPrintable(a.join(u' ')));
    QCOMPARE(withPrefix(a, u"hf_"_s).size(), 2);  // "manual" is older than both: kept by the regex rule alone
    QCOMPARE(withPrefix(ab, u"hf_"_s).size(), 2);
    QVERIFY(snapshotsOf(*b, pool + u"/c"_s).isEmpty());  // not in the filter
    QVERIFY(ab.constFirst().startsWith(u"hf_"_s) && ab.constFirst().endsWith(u"_000"_s));

    // The status a client sees between two rounds: the snapper asleep and the round's pruning done (under a
    // sanitizer the next round may already be planning when the third pruning ends, so wait for that).
    auto betweenRounds = [&job] {
        const Api::JobStatus current = job->status();
        const Api::SnapJobStatus *snap = current.snap();
        return snap && snap->snapshotting && snap->pruning && snap->snapshotting->state == Api::SnapperState::Waiting
               && snap->pruning->completed.has_value();
    };
    QTRY_VERIFY_WITH_TIMEOUT(betweenRounds(), 10000);
    Api::JobStatus status = job->status();
    QVERIFY(status.type == Api::JobStatus::Type::Snap);
    const Api::SnapJobStatus *snap = status.snap();
    QVERIFY(snap && snap->snapshotting && snap->pruning);
    QCOMPARE(snap->snapshotting->progress.size(), 2);
    QCOMPARE(snap->snapshotting->progress[0].path, pool + u"/a"_s);
    QVERIFY(!snap->snapshotting->sleepUntil.isZero());
    QVERIFY(snap->pruning->completed.has_value());

    // A snapshot the rules would destroy but that is held stays, and the report says why.
    const QString heldName = withPrefix(snapshotsOf(*b, pool + u"/a/b"_s), u"hf_"_s).constFirst();
    QCOMPARE(b->zfs({u"hold"_s, u"mine"_s, pool + u"/a/b@" + heldName}).exitCode, 0);
    const qsizetype before = pruned.size();
    QTRY_VERIFY_WITH_TIMEOUT(pruned.size() >= before + 2, 20000);
    QVERIFY(snapshotsOf(*b, pool + u"/a/b"_s).contains(heldName));
    status = job->status();
    bool reported = false;
    for (const Api::PrunerFilesystemReport &fs : status.snap()->pruning->completed.value_or(QList<Api::PrunerFilesystemReport>())) {
        if (fs.filesystem == pool + u"/a/b"_s) {
            reported = fs.lastError.contains(u"held"_s) && fs.lastError.contains(heldName);
        }
    }
    QVERIFY(reported);
    job.reset();
    QCOMPARE(b->zfs({u"release"_s, u"mine"_s, pool + u"/a/b@" + heldName}).exitCode, 0);
    QVERIFY(b->destroyPool(pool));
}

void TestSnapJob::wakeupAndResetWithManualSnapshotting_data()
{
    snapshotsAndPruningOnSchedule_data();
}

void TestSnapJob::wakeupAndResetWithManualSnapshotting()
{
    QFETCH(QString, backend);
    ZfsBackend *b = backendFor(backend);
    if (!b) {
        QSKIP("backend unavailable (see initTestCase's fixture reason)");
    }
    const QString pool = b->nextPoolName();
    QString error;
    QVERIFY2(b->createPool(pool, 64, &error), qPrintable(error));
    QCOMPARE(b->zfs({u"create"_s, pool + u"/data"_s}).exitCode, 0);
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(b->zfs({u"snapshot"_s, pool + u"/data@s%1"_s.arg(i)}).exitCode, 0);
    }
    Config::Job config;
    config.type = Config::JobType::Snap;
    config.name = u"manual"_s;
    config.filesystems = {{pool + u"<"_s, true}};
    config.snapshotting.type = Config::Snapshotting::Type::Manual;
    config.keep = {lastN(3)};
    std::unique_ptr<SnapJob> job = makeJob(*b, config);
    QSignalSpy pruned(job.get(), &SnapJob::pruningFinished);
    job->start();
    QVERIFY(!job->status().snap()->pruning.has_value());  // zrepl: null until the first run
    QVERIFY(!job->status().snap()->snapshotting.has_value());  // manual snapshotting has no report
    QCOMPARE(job->reset(), std::optional<QString>(u"already reset"_s));  // nothing running

    QCOMPARE(job->wakeup(), std::nullopt);
    QCOMPARE(job->wakeup(), std::optional<QString>(u"already woken up"_s));  // pruning is running
    QTRY_COMPARE_WITH_TIMEOUT(pruned.size(), 1, 20000);
    QCOMPARE(snapshotsOf(*b, pool + u"/data"_s), (QStringList{u"s2"_s, u"s3"_s, u"s4"_s}));
    const Api::PrunerReport report = *job->status().snap()->pruning;
    QVERIFY(report.state == Api::PrunerState::Done);
    QVERIFY(report.pending.has_value() && report.pending->isEmpty());
    QCOMPARE(report.completed->size(), 2);  // the pool and data
    const Api::PrunerFilesystemReport &data = report.completed->at(1);
    QCOMPARE(data.filesystem, pool + u"/data"_s);
    QCOMPARE(data.snapshotList->size(), 5);
    QCOMPARE(data.destroyList->size(), 2);
    QCOMPARE(data.destroyList->at(0).name, u"s0"_s);

    // reset while a round runs aborts it; the next wakeup completes the work.
    QCOMPARE(b->zfs({u"snapshot"_s, pool + u"/data@s5"_s}).exitCode, 0);
    QCOMPARE(job->wakeup(), std::nullopt);
    QCOMPARE(job->reset(), std::nullopt);
    QVERIFY(!job->isPruning());
    QCOMPARE(job->wakeup(), std::nullopt);
    QTRY_VERIFY_WITH_TIMEOUT(!job->isPruning(), 20000);
    QCOMPARE(snapshotsOf(*b, pool + u"/data"_s), (QStringList{u"s3"_s, u"s4"_s, u"s5"_s}));
    job.reset();
    QVERIFY(b->destroyPool(pool));
}

QTEST_GUILESS_MAIN(TestSnapJob)
#include "TestSnapJob.moc"
