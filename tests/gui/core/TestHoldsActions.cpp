// SPDX-License-Identifier: MIT
// The decisions behind the holds actions, without a widget: the request each sends (release-stale names the job,
// the others the filesystem; abandon-resume has no dry run), when each is offered and why not (no report,
// read-only, nothing stale, no interrupted receive, a step running now), and how the daemon's answers read.
#include <QTest>

#include "GuiTestData.h"
#include "app/core/HoldsActions.h"

using namespace Gui;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(Gui::HoldsAction)

class TestHoldsActions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void requests_data();
    void requests();
    void offeredOnlyWithAReportAndTheRight();
    void compute_data();
    void compute();
    void changesInWords();
    void listingAndResult();
};

void TestHoldsActions::requests_data()
{
    QTest::addColumn<HoldsAction>("action");
    QTest::addColumn<bool>("dryRun");
    QTest::addColumn<QByteArray>("endpoint");
    QTest::addColumn<QByteArray>("body");

    QTest::addRow("release stale of a job, dry run")
        << HoldsAction::ReleaseStale << true << QByteArray("/holdfast/v1/holds/release-stale")
        << QByteArray(R"({"job":"push","filesystem":"","dry_run":true})");
    QTest::addRow("release stale, for real")
        << HoldsAction::ReleaseStale << false << QByteArray("/holdfast/v1/holds/release-stale")
        << QByteArray(R"({"job":"push","filesystem":"","dry_run":false})");
    QTest::addRow("abandon resume, dry run") << HoldsAction::AbandonResume << true
                                             << QByteArray("/holdfast/v1/holds/abandon-resume")
                                             << QByteArray(R"({"job":"","filesystem":"src/home","dry_run":true})");
    QTest::addRow("stop replicating, dry run")
        << HoldsAction::StopReplicating << true << QByteArray("/holdfast/v1/holds/stop-replicating")
        << QByteArray(R"({"job":"","filesystem":"src/home","dry_run":true})");
}

void TestHoldsActions::requests()
{
    QFETCH(HoldsAction, action);
    QFETCH(bool, dryRun);
    QFETCH(QByteArray, endpoint);
    QFETCH(QByteArray, body);
    QCOMPARE(HoldsActions::endpoint(action), endpoint);
    QCOMPARE(HoldsActions::request(action, u"push"_s, u"src/home"_s, dryRun).toJson(), body);
    // Every job's stale items: no job named.
    QCOMPARE(HoldsActions::request(HoldsAction::ReleaseStale, {}, {}, true).toJson(),
             QByteArray(R"({"job":"","filesystem":"","dry_run":true})"));
}

void TestHoldsActions::offeredOnlyWithAReportAndTheRight()
{
    const Api::HoldsReport report = GuiTestData::holdsReport();
    // No report (not come yet, or zrepl) or no connection: nothing is offered.
    for (const bool connected : {true, false}) {
        const HoldsActionsState none =
            HoldsActions::compute(connected ? nullptr : &report, u"push"_s, u"src/home"_s, connected, false);
        QVERIFY(!none.releaseStale && !none.abandonResume && !none.stopReplicating);
    }
    // Read-only: every action greyed out, saying why.
    const HoldsActionsState readOnly = HoldsActions::compute(&report, u"push"_s, u"dst/sink/ws/src/home"_s, true, true);
    QVERIFY(!readOnly.releaseStale && !readOnly.abandonResume && !readOnly.stopReplicating);
    for (const QString &tip : {readOnly.releaseStaleTip, readOnly.abandonResumeTip, readOnly.stopReplicatingTip}) {
        QVERIFY2(tip.contains(u"global.control.admin_group"_s), qPrintable(tip));
        QVERIFY2(tip.startsWith(u"Read-only"_s), qPrintable(tip));
    }
}

void TestHoldsActions::compute_data()
{
    QTest::addColumn<QString>("job");
    QTest::addColumn<QString>("filesystem");
    QTest::addColumn<bool>("release");
    QTest::addColumn<bool>("abandon");
    QTest::addColumn<bool>("stop");
    QTest::addColumn<QString>("abandonTip");  // a part of it
    QTest::addColumn<QString>("stopTip");

    QTest::addRow("push, its filesystem") << u"push"_s << u"src/home"_s << true << false << true
                                          << u"src/home has no interrupted receive"_s << u"keeps the selected"_s;
    QTest::addRow("every job, no filesystem") << QString() << QString() << true << false << false
                                              << u"Select a filesystem first"_s << u"Select a filesystem first"_s;
    QTest::addRow("sink, nothing stale, interrupted receive") << u"sink"_s << u"dst/sink/ws/src/home"_s << false << true
                                                              << true << u"zfs recv -A"_s << u"keeps the selected"_s;
    // The daemon would answer 409: said before the user asks.
    QTest::addRow("a step runs now") << u"push"_s << u"src/busy"_s << true << false << false
                                     << u"A replication step of job push runs on src/busy now"_s
                                     << u"A replication step of job push runs on src/busy now"_s;
    QTest::addRow("a filesystem with nothing kept")
        << u"push"_s << u"src/other"_s << true << false << false << u"src/other has no interrupted receive"_s
        << u"Nothing keeps src/other replicating"_s;
}

void TestHoldsActions::compute()
{
    QFETCH(QString, job);
    QFETCH(QString, filesystem);
    QFETCH(bool, release);
    QFETCH(bool, abandon);
    QFETCH(bool, stop);
    QFETCH(QString, abandonTip);
    QFETCH(QString, stopTip);
    const Api::HoldsReport report = GuiTestData::holdsReport();
    const HoldsActionsState state = HoldsActions::compute(&report, job, filesystem, true, false);
    QCOMPARE(state.releaseStale, release);
    QCOMPARE(state.abandonResume, abandon);
    QCOMPARE(state.stopReplicating, stop);
    QVERIFY2(state.abandonResumeTip.contains(abandonTip), qPrintable(state.abandonResumeTip));
    QVERIFY2(state.stopReplicatingTip.contains(stopTip), qPrintable(state.stopReplicatingTip));
    if (!release) {
        QCOMPARE(state.releaseStaleTip, u"Nothing of job %1 is stale"_s.arg(job));
    }
}

void TestHoldsActions::changesInWords()
{
    const Api::HoldsActionReply reply = GuiTestData::actionReply(u"release-stale-partly-failed.json"_s);
    QCOMPARE(HoldsActions::changeText(reply.changes.at(0)),
             u"Destroy bookmark src/home#zrepl_STEP_G_0000000000001234_J_push: the step it protected is done: the "
             "replication cursor is newer"_s);
    QCOMPARE(HoldsActions::changeText(reply.changes.at(1)),
             u"Release hold zrepl_STEP_J_oldjob on src/home@zrepl_20261101_000000_000: job oldjob is not configured "
             "any more\n    failed: cannot release hold: permission denied"_s);
    Api::HoldsChange abandon;
    abandon.action = Api::HoldsChange::Action::AbandonPartialReceive;
    abandon.target = u"dst/x"_s;
    QCOMPARE(HoldsActions::changeText(abandon), u"Abandon the interrupted receive on dst/x"_s);
}

void TestHoldsActions::listingAndResult()
{
    const Api::HoldsActionReply dryRun = GuiTestData::actionReply(u"release-stale-dry-run.json"_s);
    const QString listing = HoldsActions::listing(dryRun);
    const QStringList lines = listing.split(u'\n');
    QCOMPARE(lines.size(), 4);
    QVERIFY(lines.at(0).startsWith(u"• Destroy bookmark src/home#zrepl_STEP_G_"_s));
    QVERIFY(lines.at(1).startsWith(u"• Release hold zrepl_STEP_J_oldjob"_s));
    QCOMPARE(lines.at(2), u"Left alone:"_s);
    QCOMPARE(lines.at(3), u"• src/busy: a replication step of job push runs now"_s);
    QCOMPARE(HoldsActions::question(HoldsAction::ReleaseStale, u"push"_s, {}, dryRun),
             u"These 2 stale items of job push will go. They protect no replication any more."_s);

    const Api::HoldsActionReply partly = GuiTestData::actionReply(u"release-stale-partly-failed.json"_s);
    QVERIFY(partly.failed());
    QCOMPARE(HoldsActions::resultText(partly), u"1 of 2 changes made; 1 failed"_s);
    QVERIFY(HoldsActions::listing(partly).contains(u"Warnings:\n• src/home: 1 snapshot is still held"_s));
    Api::HoldsActionReply done = partly;
    done.changes[1].error.clear();
    done.changes[1].done = true;
    QCOMPARE(HoldsActions::resultText(done), u"2 of 2 changes made"_s);
    QCOMPARE(HoldsActions::resultText(Api::HoldsActionReply{}), u"Nothing to change"_s);
    QCOMPARE(HoldsActions::title(HoldsAction::AbandonResume, {}, u"dst/sink/ws/src/home"_s),
             u"Abandon the interrupted receive on dst/sink/ws/src/home?"_s);
}

QTEST_MAIN(TestHoldsActions)
#include "TestHoldsActions.moc"
