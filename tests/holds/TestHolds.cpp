// SPDX-License-Identifier: MIT
#include <QTemporaryDir>
#include <QTest>

#include "daemon/holds/HoldsActions.h"
#include "daemon/holds/HoldsClassifier.h"
#include "daemon/holds/PauseStore.h"
#include "daemon/holds/RunningSteps.h"
#include "daemon/async/TaskRunner.h"
#include "daemon/pruner/Pruner.h"
#include "daemon/pruning/Pruning.h"
#include "shared/control/Holds.h"
#include "tests/zfs-emulator/ResumeToken.h"

using namespace Qt::StringLiterals;

namespace {

using Kind = Api::AbstractionItem::Kind;

Zfs::FilesystemVersion snapshot(const QString &fs, const QString &name, quint64 guid, quint64 txg, quint64 refs = 1)
{
    Zfs::FilesystemVersion v;
    v.filesystem = fs;
    v.name = name;
    v.guid = guid;
    v.createTxg = txg;
    v.creation = Api::Timestamp::fromUnix(1'700'000'000 + qint64(txg));
    v.userRefs = refs;
    return v;
}

Zfs::FilesystemVersion bookmark(const QString &fs, const QString &name, quint64 guid, quint64 txg)
{
    Zfs::FilesystemVersion v = snapshot(fs, name, guid, txg);
    v.type = Zfs::VersionType::Bookmark;
    v.userRefs.reset();
    return v;
}

Zfs::Dataset dataset(const QString &name, const QString &token = {})
{
    Zfs::Dataset d;
    d.path = Zfs::DatasetPath::fromString(name);
    d.properties.insert(u"receive_resume_token"_s, token.isEmpty() ? u"-"_s : token);
    return d;
}

Zfs::DatasetFilter filter(const QString &pattern)
{
    Config::FilesystemsFilter patterns;
    patterns.insert(pattern, true);
    return *Zfs::DatasetFilter::fromConfig(patterns);
}

Holds::JobScope sendingJob(const QString &name, const QString &pattern, bool replicating = false,
                       Config::JobType type = Config::JobType::Push)
{
    Holds::JobScope scope;
    scope.name = name;
    scope.type = type;
    scope.sending = filter(pattern);
    scope.replicating = replicating;
    return scope;
}

Holds::JobScope receiver(const QString &name, const QString &root, Config::JobType type = Config::JobType::Sink)
{
    Holds::JobScope scope;
    scope.name = name;
    scope.type = type;
    scope.receivingRoot = Zfs::DatasetPath::fromString(root);
    return scope;
}

// A pool with a push job's step hold and cursor on src/a, and a sink's received copy with its last-received hold.
Holds::SurveyFacts basicFacts()
{
    Holds::SurveyFacts facts;
    facts.listedAt = Api::Timestamp::fromUnix(1'700'000'500);
    facts.filesystems = {dataset(u"src/a"_s), dataset(u"dst/sink/ws/src/a"_s)};
    facts.versions.insert(u"src/a"_s, {snapshot(u"src/a"_s, u"s1"_s, 11, 1), snapshot(u"src/a"_s, u"s2"_s, 12, 2),
                                       bookmark(u"src/a"_s, u"zrepl_CURSOR_G_000000000000000b_J_push"_s, 11, 1)});
    facts.versions.insert(u"dst/sink/ws/src/a"_s, {snapshot(u"dst/sink/ws/src/a"_s, u"s1"_s, 11, 5)});
    facts.holds = {{u"src/a@s2"_s, u"zrepl_STEP_J_push"_s, Api::Timestamp::fromUnix(1'700'000'100)},
                   {u"dst/sink/ws/src/a@s1"_s, u"zrepl_last_received_J_sink"_s, Api::Timestamp::fromUnix(1'700'000'200)},
                   {u"src/a@s1"_s, u"user_hold"_s, Api::Timestamp::fromUnix(1'700'000'300)}};
    return facts;
}

const Api::AbstractionItem *find(const Api::HoldsReport &report, const QString &fs, Kind kind)
{
    for (const Api::FilesystemHolds &f : report.filesystems) {
        if (f.filesystem == fs) {
            for (const Api::AbstractionItem &item : f.items) {
                if (item.kind == kind) {
                    return &item;
                }
            }
        }
    }
    return nullptr;
}

// A pool in memory for the pruner: one filesystem, its holds' tags, and what was destroyed. Listing the tags is
// where a step "starts" in the test, between the pruner's plan and its destroying.
class MemoryPruneTarget final : public Endpoint::PruneTarget
{
public:
    QList<Zfs::FilesystemVersion> snapshots;
    QList<Zfs::Hold> tags;
    QStringList destroyed;
    std::function<void()> betweenPlanAndDestroy;

    Async::Task<Zfs::Result<QList<Endpoint::PruneFilesystem>>> listForPruning() override
    {
        co_return Zfs::Result<QList<Endpoint::PruneFilesystem>>{{Endpoint::PruneFilesystem{u"src/a"_s, false, snapshots}}, {}};
    }
    Async::Task<Zfs::DestroyOutcome> destroySnapshots(QString, QStringList names) override
    {
        destroyed += names;
        co_return Zfs::DestroyOutcome{};
    }
    bool isLocal() const override { return true; }
    Async::Task<QList<Zfs::Hold>> holdsOf(QStringList) override
    {
        if (betweenPlanAndDestroy) {
            betweenPlanAndDestroy();
        }
        co_return tags;
    }
};

Holds::StepLookup noSteps()
{
    return [](const QString &) { return QString(); };
}

}  // namespace

class TestHolds : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyItemIsNamedWithItsPurpose()
    {
        const Api::HoldsReport report = Holds::classify(basicFacts(), {sendingJob(u"push"_s, u"src<"_s, true), receiver(u"sink"_s, u"dst/sink"_s)}, noSteps());
        QCOMPARE(report.filesystems.size(), 2);
        const Api::AbstractionItem *step = find(report, u"src/a"_s, Kind::StepHold);
        QVERIFY(step);
        QCOMPARE(step->job, u"push"_s);
        QCOMPARE(step->snapshot, u"s2"_s);
        QCOMPARE(step->target(), u"src/a@s2"_s);
        QCOMPARE(step->createdAt.unixSeconds(), 1'700'000'100);
        QVERIFY(step->purpose.contains(u"resume"_s));
        QVERIFY(!step->stale);  // its job replicates now
        const Api::AbstractionItem *cursor = find(report, u"src/a"_s, Kind::ReplicationCursor);
        QVERIFY(cursor);
        QCOMPARE(cursor->snapshot, u"s1"_s);  // the snapshot with the bookmark's guid
        QCOMPARE(cursor->target(), u"src/a#zrepl_CURSOR_G_000000000000000b_J_push"_s);
        QVERIFY(!cursor->stale);
        QVERIFY(find(report, u"dst/sink/ws/src/a"_s, Kind::LastReceivedHold));
        QVERIFY(!find(report, u"dst/sink/ws/src/a"_s, Kind::LastReceivedHold)->stale);
        // The user's own hold is not ours: not listed.
        for (const Api::FilesystemHolds &fs : report.filesystems) {
            for (const Api::AbstractionItem &item : fs.items) {
                QVERIFY(item.tag != u"user_hold"_s);
            }
        }
        QCOMPARE(report.filesystems[0].jobs, QStringList{u"sink"_s});
        QCOMPARE(report.filesystems[1].jobs, QStringList{u"push"_s});
    }

    void stepHoldOfAnIdleJobIsStale()
    {
        const Api::HoldsReport report = Holds::classify(basicFacts(), {sendingJob(u"push"_s, u"src<"_s, false), receiver(u"sink"_s, u"dst/sink"_s)}, noSteps());
        const Api::AbstractionItem *step = find(report, u"src/a"_s, Kind::StepHold);
        QVERIFY(step->stale);
        QVERIFY2(step->staleReason.contains(u"no replication step of job \"push\" is running"_s), qPrintable(step->staleReason));
        QCOMPARE(report.staleCount(), 1);
    }

    void stepHoldStaysWhileAStepRunsOnItsFilesystem()
    {
        const Api::HoldsReport report = Holds::classify(basicFacts(), {sendingJob(u"push"_s, u"src<"_s, false)},
                                                        [](const QString &fs) { return fs == u"src/a" ? u"push"_s : QString(); });
        QVERIFY(!find(report, u"src/a"_s, Kind::StepHold)->stale);
        QCOMPARE(report.filesystems[1].runningStepJob, u"push"_s);
    }

    void stepHoldThatAPartialReceiveResumesFromIsNotStale()
    {
        Holds::SurveyFacts facts = basicFacts();
        ResumeToken token;
        token.toGuid = 12;  // src/a@s2, held by the step
        token.fromGuid = 11;
        token.toName = u"src/a@s2"_s;
        token.bytes = 4096;
        facts.filesystems[1] = dataset(u"dst/sink/ws/src/a"_s, token.encode());
        const Api::HoldsReport report = Holds::classify(facts, {sendingJob(u"push"_s, u"src<"_s, false), receiver(u"sink"_s, u"dst/sink"_s)}, noSteps());
        QVERIFY(!find(report, u"src/a"_s, Kind::StepHold)->stale);
        const std::optional<Api::PartialReceive> partial = report.filesystems[0].partialReceive;
        QVERIFY(partial);
        QCOMPARE(partial->toName, u"src/a@s2"_s);
        QCOMPARE(partial->toGuid, u"12"_s);
        QCOMPARE(partial->fromGuid, u"11"_s);
        QCOMPARE(partial->fromName, u"dst/sink/ws/src/a@s1"_s);
        QCOMPARE(partial->bytes, 4096);
        QCOMPARE(partial->since.unixSeconds(), 1'700'000'100);  // the step hold on src/a@s2
    }

    void partialReceiveDatesFromItsStepHoldWhereZfsCannotSay()
    {
        Holds::SurveyFacts facts = basicFacts();
        ResumeToken token;
        token.toGuid = 12;
        token.toName = u"src/a@s2"_s;
        facts.filesystems[1] = dataset(u"dst/sink/ws/src/a"_s, token.encode());
        const Api::HoldsReport report = Holds::classify(facts, {sendingJob(u"push"_s, u"src<"_s)}, noSteps());
        QCOMPARE(report.filesystems[0].partialReceive->since.unixSeconds(), 1'700'000'100);
    }

    void unreadableTokenIsReportedNotTrusted()
    {
        Holds::SurveyFacts facts = basicFacts();
        facts.filesystems[1] = dataset(u"dst/sink/ws/src/a"_s, u"1-zz-not-a-token"_s);
        const Api::HoldsReport report = Holds::classify(facts, {sendingJob(u"push"_s, u"src<"_s)}, noSteps());
        QVERIFY(report.filesystems[0].partialReceive);
        QVERIFY(report.filesystems[0].partialReceive->error.startsWith(u"resume token"_s));
        QVERIFY(find(report, u"src/a"_s, Kind::StepHold)->stale);  // nothing resumes from it
    }

    void ownersThatCannotOwnAreStale_data()
    {
        QTest::addColumn<QList<Holds::JobScope>>("jobs");
        QTest::addColumn<QString>("reason");
        QTest::newRow("job removed or renamed") << QList<Holds::JobScope>{sendingJob(u"push2"_s, u"src<"_s), receiver(u"sink2"_s, u"dst/sink"_s)}
                                                << u"is not in this daemon's configuration"_s;
        QTest::newRow("same name, a job that does not receive")
            << QList<Holds::JobScope>{sendingJob(u"push"_s, u"src<"_s), sendingJob(u"sink"_s, u"other<"_s, false, Config::JobType::Snap)}
            << u"which does not receive"_s;
        QTest::newRow("filesystem no longer replicated")
            << QList<Holds::JobScope>{sendingJob(u"push"_s, u"src<"_s), receiver(u"sink"_s, u"dst/other"_s)}
            << u"does not replicate this filesystem"_s;
    }

    void ownersThatCannotOwnAreStale()
    {
        QFETCH(QList<Holds::JobScope>, jobs);
        QFETCH(QString, reason);
        const Api::HoldsReport report = Holds::classify(basicFacts(), jobs, noSteps());
        const Api::AbstractionItem *received = find(report, u"dst/sink/ws/src/a"_s, Kind::LastReceivedHold);
        QVERIFY(received->stale);
        QVERIFY2(received->staleReason.contains(reason), qPrintable(received->staleReason));
    }

    void olderLastReceivedHoldOfTheSameJobIsStale()
    {
        Holds::SurveyFacts facts = basicFacts();
        facts.versions[u"dst/sink/ws/src/a"_s].append(snapshot(u"dst/sink/ws/src/a"_s, u"s2"_s, 12, 6));
        facts.holds.append({u"dst/sink/ws/src/a@s2"_s, u"zrepl_last_received_J_sink"_s, {}});
        const Api::HoldsReport report = Holds::classify(facts, {sendingJob(u"push"_s, u"src<"_s, true), receiver(u"sink"_s, u"dst/sink"_s)}, noSteps());
        int stale = 0;
        for (const Api::AbstractionItem &item : report.filesystems[0].items) {
            if (item.snapshot == u"s1") {
                QVERIFY(item.stale);
                QVERIFY(item.staleReason.contains(u"newer received snapshot"_s));
                ++stale;
            } else {
                QVERIFY(!item.stale);
            }
        }
        QCOMPARE(stale, 1);
    }

    void pausedFilesystems()
    {
        Holds::JobScope push = sendingJob(u"push"_s, u"src<"_s);
        push.paused = true;
        const Api::HoldsReport report = Holds::classify(basicFacts(), {push, receiver(u"sink"_s, u"dst/sink"_s)}, noSteps());
        QVERIFY(report.filesystems[1].paused);  // src/a: its only replicating job is paused
        QVERIFY(!report.filesystems[0].paused);  // the sink is not
    }

    void releaseStalePlansOnlyStaleItemsAndSparesBusyFilesystems()
    {
        const QList<Holds::JobScope> jobs{sendingJob(u"push"_s, u"src<"_s, false)};  // the sink is gone
        Api::HoldsReport report = Holds::classify(basicFacts(), jobs, noSteps());
        Api::HoldsActionReply plan = Holds::Actions::planReleaseStale(report, {});
        QCOMPARE(plan.changes.size(), 2);
        QVERIFY(plan.changes[0].action == Api::HoldsChange::Action::ReleaseHold);
        QCOMPARE(plan.changes[0].target, u"dst/sink/ws/src/a@s1"_s);
        QCOMPARE(plan.changes[0].tag, u"zrepl_last_received_J_sink"_s);
        QCOMPARE(plan.changes[1].target, u"src/a@s2"_s);
        QVERIFY(!plan.changes[0].reason.isEmpty());
        // The live job's cursor stays, even where other items are stale.
        for (const Api::HoldsChange &change : plan.changes) {
            QVERIFY(!change.target.contains(u"CURSOR"_s));
        }
        QCOMPARE(Holds::Actions::planReleaseStale(report, u"push"_s).changes.size(), 1);
        // A step running on src/a now: its items wait, said so.
        report.filesystems[1].runningStepJob = u"other"_s;
        plan = Holds::Actions::planReleaseStale(report, {});
        QCOMPARE(plan.changes.size(), 1);
        QCOMPARE(plan.skipped.size(), 1);
        QVERIFY(plan.skipped[0].contains(u"a replication step of job \"other\" runs on it now"_s));
    }

    void stopReplicatingPlansEverythingAndWarns()
    {
        const Api::HoldsReport report = Holds::classify(basicFacts(), {sendingJob(u"push"_s, u"src<"_s)}, noSteps());
        const Api::HoldsActionReply plan = Holds::Actions::planStopReplicating(report, {u"src/a"_s}, {u"push"_s});
        QCOMPARE(plan.changes.size(), 2);  // the step hold and the cursor
        QVERIFY(plan.changes[0].action == Api::HoldsChange::Action::ReleaseHold);
        QVERIFY(plan.changes[1].action == Api::HoldsChange::Action::DestroyBookmark);
        QVERIFY(plan.warnings[0].contains(u"still among the filesystems of job(s) push"_s));
        QVERIFY(Holds::Actions::planAbandonResume(report, u"src/a"_s).changes.isEmpty());
    }

    void jsonRoundTrips()
    {
        Holds::SurveyFacts facts = basicFacts();
        ResumeToken token;
        token.toGuid = 12;
        token.toName = u"src/a@s2"_s;
        token.bytes = 1;
        facts.filesystems[1] = dataset(u"dst/sink/ws/src/a"_s, token.encode());
        facts.unlistedHolds = {u"x/y@z"_s};
        const Api::HoldsReport report = Holds::classify(facts, {sendingJob(u"push"_s, u"src<"_s)}, noSteps());
        QString error;
        const std::optional<Api::HoldsReport> back = Api::HoldsReport::fromJson(report.toJson(), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(*back, report);

        Api::HoldsActionReply reply = Holds::Actions::planReleaseStale(report, {});
        reply.dryRun = true;
        reply.changes[0].error = u"boom"_s;
        const std::optional<Api::HoldsActionReply> replyBack = Api::HoldsActionReply::fromJson(reply.toJson(), &error);
        QVERIFY2(replyBack, qPrintable(error));
        QCOMPARE(replyBack->changes, reply.changes);
        QVERIFY(replyBack->dryRun);
        QVERIFY(replyBack->failed());

        QVERIFY(!Api::HoldsReport::fromJson(R"({"filesystems": [{"items": [{"kind": "nonsense"}]}]})", &error));
        QVERIFY2(error.contains(u"unknown kind"_s), qPrintable(error));
        QVERIFY(!Api::HoldsActionRequest::fromJson("[1]", &error));
        QVERIFY(!Api::HoldsActionRequest::fromJson(R"({"dry_run": "yes"})", &error));
    }

    void pauseStoreKeepsJobsAcrossInstances()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"state/paused-jobs.json"_s);
        QString error;
        {
            Holds::PauseStore store(path);
            QVERIFY(store.load(&error));  // no file: nothing paused
            QVERIFY(store.paused().isEmpty());
            QVERIFY2(store.setPaused(u"laptop"_s, true, &error), qPrintable(error));
            QVERIFY(store.setPaused(u"other"_s, true, &error));
            QVERIFY(store.setPaused(u"other"_s, false, &error));
        }
        Holds::PauseStore again(path);
        QVERIFY(again.load(&error));
        QCOMPARE(again.paused(), QSet<QString>{u"laptop"_s});

        QFile broken(path);
        QVERIFY(broken.open(QIODevice::WriteOnly | QIODevice::Truncate));
        broken.write("{\"paused\": 3");
        broken.close();
        QVERIFY(!again.load(&error));
        QVERIFY2(error.contains(path), qPrintable(error));
        QVERIFY(again.paused().isEmpty());

        // A directory in the way of the file: the change is refused and undone.
        Holds::PauseStore blocked(dir.path());
        QVERIFY(!blocked.setPaused(u"x"_s, true, &error));
        QVERIFY(!blocked.isPaused(u"x"_s));
    }

    void runningStepsLastAsLongAsTheirLease()
    {
        Holds::RunningSteps &steps = Holds::RunningSteps::instance();
        QVERIFY(steps.jobOn(u"src/a"_s).isEmpty());
        {
            const Holds::RunningSteps::Lease lease = steps.enter({u"push"_s, u"src/a"_s, {u"s1"_s, u"s2"_s}});
            QCOMPARE(steps.jobOn(u"src/a"_s), u"push"_s);
            QCOMPARE(steps.snapshotsInUse(u"src/a"_s).value(u"s2"_s), u"push"_s);
            QVERIFY(steps.jobBusy(u"push"_s));
        }
        QVERIFY(steps.jobOn(u"src/a"_s).isEmpty());
        QVERIFY(!steps.jobBusy(u"push"_s));
    }

    void prunerSaysWhySnapshotsStay()
    {
        MemoryPruneTarget target;
        // s1 held by a step, s2 used by a running step, s3 used by a step that starts after the plan, s4 the newest.
        target.snapshots = {snapshot(u"src/a"_s, u"s1"_s, 1, 1, 1), snapshot(u"src/a"_s, u"s2"_s, 2, 2, 0),
                            snapshot(u"src/a"_s, u"s3"_s, 3, 3, 0), snapshot(u"src/a"_s, u"s4"_s, 4, 4, 0),
                            snapshot(u"src/a"_s, u"s5"_s, 5, 5, 0)};
        target.tags = {{u"src/a@s1"_s, u"zrepl_STEP_J_push"_s, {}}};
        Holds::RunningSteps::Lease late;
        target.betweenPlanAndDestroy = [&late] {
            late = Holds::RunningSteps::instance().enter({u"pull"_s, u"src/a"_s, {u"s3"_s}});
        };
        const Holds::RunningSteps::Lease running = Holds::RunningSteps::instance().enter({u"push"_s, u"src/a"_s, {u"s2"_s}});
        Config::KeepRule lastOne;
        lastOne.type = Config::KeepRule::Type::LastN;
        lastOne.count = 1;
        Daemon::Pruner pruner(target, *Pruning::rulesFromConfig({lastOne}), Log::Context(u"snap"_s, u"pruning"_s));
        pruner.setExplanationContext(u"snap"_s, u"local"_s, Pruning::describeRules({lastOne}));
        Async::runBlocking(pruner.run());

        QCOMPARE(target.destroyed, QStringList{u"s4"_s});
        QCOMPARE(pruner.explanations().size(), 1);
        const Api::PruningFilesystemExplanation &fs = pruner.explanations()[0];
        QCOMPARE(fs.job, u"snap"_s);
        QCOMPARE(fs.side, u"local"_s);
        QCOMPARE(fs.snapshots.size(), 5);
        auto verdict = [&fs](const QString &name) {
            for (const Api::SnapshotVerdict &v : fs.snapshots) {
                if (v.snapshot == name) {
                    return v;
                }
            }
            return Api::SnapshotVerdict{};
        };
        QVERIFY(!verdict(u"s1"_s).destroyed);
        QCOMPARE(verdict(u"s1"_s).blockedBy, u"held by zrepl_STEP_J_push (a replication step of job push, running or interrupted)"_s);
        QCOMPARE(verdict(u"s2"_s).blockedBy, u"a replication step of job push is using it now"_s);
        QCOMPARE(verdict(u"s3"_s).blockedBy, u"a replication step of job pull is using it now"_s);
        QVERIFY(!verdict(u"s3"_s).destroyed);
        QVERIFY(verdict(u"s4"_s).destroyed);
        QCOMPARE(verdict(u"s4"_s).explanation, u"destroyed: no keep rule keeps it"_s);
        QCOMPARE(verdict(u"s5"_s).keptBy, QStringList{u"last_n: the newest 1"_s});
        QCOMPARE(verdict(u"s5"_s).explanation, u"kept by last_n: the newest 1"_s);
        // The zrepl report's destroy list says what really went.
        const Api::PrunerReport report = pruner.report();
        QCOMPARE(report.completed->size(), 1);
        QCOMPARE(report.completed->at(0).destroyList->size(), 1);
        QCOMPARE(report.completed->at(0).destroyList->at(0).name, u"s4"_s);
    }

    void keepRulesInWords()
    {
        Config::KeepRule lastN;
        lastN.type = Config::KeepRule::Type::LastN;
        lastN.count = 10;
        QCOMPARE(Pruning::describeRule(lastN), u"last_n: the newest 10"_s);
        Config::KeepRule regex;
        regex.type = Config::KeepRule::Type::Regex;
        regex.regex = u"^manual_"_s;
        regex.negate = true;
        QCOMPARE(Pruning::describeRule(regex), u"regex: names not matching \"^manual_\""_s);
    }
};

QTEST_GUILESS_MAIN(TestHolds)
#include "TestHolds.moc"
