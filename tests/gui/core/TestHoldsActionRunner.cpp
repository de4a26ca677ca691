// SPDX-License-Identifier: MIT
// The holds actions against a stand-in control socket: a dry run first, the confirmation lists what it found,
// only confirming sends the real request, cancelling sends nothing more (for abandon-resume as well);
// a status-group user gets the daemon's 403 reason, a running step its 409, zrepl's daemon (404) "cannot";
// a partly failed reply says so. And the fetchers: the holds report and the pruning explanation are read from
// Holdfast's daemon and known to be missing from zrepl's.
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "FakeControlServer.h"
#include "GuiTestData.h"
#include "app/core/HoldsActionRunner.h"
#include "app/core/HoldsFetcher.h"
#include "app/core/PruningExplanationFetcher.h"

using namespace Gui;
using namespace Qt::StringLiterals;
using Result = Gui::HoldsActionOutcome::Result;

namespace {

bool isDryRun(const Http::Request &request)
{
    QString error;
    const std::optional<Api::HoldsActionRequest> parsed = Api::HoldsActionRequest::fromJson(request.body, &error);
    return parsed && parsed->dryRun;
}

}  // namespace

class TestHoldsActionRunner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void dryRunThenConfirmSendsTheRealRequest();
    void cancelSendsNothingMore();
    void nothingToDoAsksNothing();
    void abandonResumeAsksTheDaemonFirst();
    void readOnlyUserIsRefused();
    void runningStepIsBusy();
    void zreplCannot();
    void oneActionAtATime();
    void holdsFromHoldfast();
    void holdsAgainstZrepl();
    void pruningExplanation();

private:
    // Starts `action` and waits for the confirmation (or the end).
    void startAndWait(HoldsAction action, const QString &job, const QString &filesystem);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeControlServer> m_server;
    std::unique_ptr<Api::ControlClient> m_client;
    std::unique_ptr<HoldsActionRunner> m_runner;
    QList<HoldsConfirmation> m_confirmations;
    QList<HoldsActionOutcome> m_outcomes;
    Api::HoldsReport m_report;
};

void TestHoldsActionRunner::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_server = std::make_unique<FakeControlServer>(m_dir->filePath(u"control"_s));
    QVERIFY(m_server->listen());
    m_server->setAccess(Api::AccessLevel::Admin);
    m_client = std::make_unique<Api::ControlClient>();
    m_client->setSocketPath(m_dir->filePath(u"control"_s));
    m_runner = std::make_unique<HoldsActionRunner>(*m_client);
    m_confirmations.clear();
    m_outcomes.clear();
    connect(m_runner.get(),
            &HoldsActionRunner::confirmationNeeded,
            this,
            [this](const HoldsConfirmation &confirmation) { m_confirmations.append(confirmation); });
    connect(m_runner.get(), &HoldsActionRunner::finished, this, [this](const HoldsActionOutcome &outcome) {
        m_outcomes.append(outcome);
    });
    m_report = GuiTestData::holdsReport();
    // release-stale as Holdfast's daemon answers it: the dry run lists, the real run reports one failure.
    m_server->answerWith(Api::HoldfastEndpoint::ReleaseStale, [](const Http::Request &request) {
        return FakeControlServer::Answer{200,
                                         GuiTestData::read(isDryRun(request) ? u"release-stale-dry-run.json"_s
                                                                             : u"release-stale-partly-failed.json"_s)};
    });
}

void TestHoldsActionRunner::cleanup()
{
    m_runner.reset();
    m_client.reset();
    m_server.reset();
    m_dir.reset();
}

void TestHoldsActionRunner::startAndWait(HoldsAction action, const QString &job, const QString &filesystem)
{
    QVERIFY(m_runner->start(action, job, filesystem));
    QVERIFY(m_runner->isBusy() || !m_outcomes.isEmpty());
    QTRY_VERIFY(!m_confirmations.isEmpty() || !m_outcomes.isEmpty());
}

void TestHoldsActionRunner::dryRunThenConfirmSendsTheRealRequest()
{
    startAndWait(HoldsAction::ReleaseStale, u"push"_s, {});
    QVERIFY(m_outcomes.isEmpty());
    QCOMPARE(m_confirmations.size(), 1);
    const HoldsConfirmation &confirmation = m_confirmations.first();
    QCOMPARE(confirmation.title, u"Release stale items of push?"_s);
    QCOMPARE(confirmation.question,
             u"These 2 stale items of job push will go. They protect no replication any more."_s);
    QVERIFY2(confirmation.details.contains(u"Release hold zrepl_STEP_J_oldjob on src/home@zrepl_20261101_000000_000: "
                                           "job oldjob is not configured any more"_s),
             qPrintable(confirmation.details));
    QVERIFY(confirmation.details.contains(u"Left alone:\n• src/busy: a replication step of job push runs now"_s));
    // Only the dry run so far.
    QList<Http::Request> sent = m_server->handledRequests(Api::HoldfastEndpoint::ReleaseStale);
    QCOMPARE(sent.size(), 1);
    QCOMPARE(sent.first().method, QByteArray("POST"));
    QCOMPARE(sent.first().body.trimmed(), QByteArray(R"({"job":"push","filesystem":"","dry_run":true})"));

    m_runner->confirm();
    QTRY_COMPARE(m_outcomes.size(), 1);
    sent = m_server->handledRequests(Api::HoldfastEndpoint::ReleaseStale);
    QCOMPARE(sent.size(), 2);
    QCOMPARE(sent.last().body.trimmed(), QByteArray(R"({"job":"push","filesystem":"","dry_run":false})"));
    const HoldsActionOutcome &outcome = m_outcomes.first();
    QCOMPARE(outcome.result, Result::PartlyFailed);
    QCOMPARE(outcome.message, u"1 of 2 changes made; 1 failed"_s);
    QVERIFY(outcome.reply);
    QCOMPARE(outcome.reply->changes.at(1).error, u"cannot release hold: permission denied"_s);
    QVERIFY(!m_runner->isBusy());
}

void TestHoldsActionRunner::cancelSendsNothingMore()
{
    startAndWait(HoldsAction::ReleaseStale, {}, {});
    QCOMPARE(m_confirmations.size(), 1);
    QCOMPARE(m_confirmations.first().title, u"Release stale items of every job?"_s);
    m_runner->cancel();
    QCOMPARE(m_outcomes.size(), 1);
    QCOMPARE(m_outcomes.first().result, Result::Cancelled);
    QTest::qWait(100);
    QCOMPARE(m_server->handledRequests().size(), 1);
    // A late confirm() is no confirmation.
    m_runner->confirm();
    QTest::qWait(100);
    QCOMPARE(m_server->handledRequests().size(), 1);
}

void TestHoldsActionRunner::nothingToDoAsksNothing()
{
    Api::HoldsActionReply empty;
    empty.dryRun = true;
    empty.skipped = {u"src/home: job push still replicates it"_s};
    m_server->answerWith(Api::HoldfastEndpoint::StopReplicating, 200, empty.toJson());
    startAndWait(HoldsAction::StopReplicating, {}, u"src/home"_s);
    QTRY_COMPARE(m_outcomes.size(), 1);
    QVERIFY(m_confirmations.isEmpty());
    QCOMPARE(m_outcomes.first().result, Result::NothingToDo);
    QCOMPARE(m_outcomes.first().reply->skipped, empty.skipped);
    QCOMPARE(m_server->handledRequests(Api::HoldfastEndpoint::StopReplicating).size(), 1);
}

void TestHoldsActionRunner::abandonResumeAsksTheDaemonFirst()
{
    // The daemon's dry run names the interrupted receive and what giving it up means; the real run answers done.
    Api::HoldsChange change;
    change.action = Api::HoldsChange::Action::AbandonPartialReceive;
    change.target = u"dst/sink/ws/src/home"_s;
    change.reason = u"discard the interrupted receive of src/home@zrepl_20261124_110000_000 (125829120 bytes received)"_s;
    m_server->answerWith(Api::HoldfastEndpoint::AbandonResume, [change](const Http::Request &request) {
        Api::HoldsActionReply reply;
        reply.dryRun = Api::HoldsActionRequest::fromJson(request.body, nullptr).value().dryRun;
        Api::HoldsChange answered = change;
        answered.done = !reply.dryRun;
        reply.changes = {answered};
        return FakeControlServer::Answer{200, reply.toJson()};
    });
    startAndWait(HoldsAction::AbandonResume, {}, u"dst/sink/ws/src/home"_s);
    QCOMPARE(m_confirmations.size(), 1);
    QVERIFY2(m_confirmations.first().details.contains(
                 u"discard the interrupted receive of src/home@zrepl_20261124_110000_000 (125829120 bytes received)"_s),
             qPrintable(m_confirmations.first().details));
    m_runner->confirm();
    QTRY_COMPARE(m_outcomes.size(), 1);
    QCOMPARE(m_outcomes.first().result, Result::Done);
    QCOMPARE(m_outcomes.first().message, u"1 of 1 changes made"_s);
    const QList<Http::Request> sent = m_server->handledRequests(Api::HoldfastEndpoint::AbandonResume);
    QCOMPARE(sent.size(), 2);
    QCOMPARE(sent.first().body.trimmed(),
             QByteArray(R"({"job":"","filesystem":"dst/sink/ws/src/home","dry_run":true})"));
    QCOMPARE(sent.last().body.trimmed(),
             QByteArray(R"({"job":"","filesystem":"dst/sink/ws/src/home","dry_run":false})"));

    // A filesystem without one: the dry run changes nothing, so nothing is asked.
    Api::HoldsActionReply nothing;
    nothing.dryRun = true;
    nothing.warnings = {u"src/home has no interrupted receive: nothing to abandon"_s};
    m_server->answerWith(Api::HoldfastEndpoint::AbandonResume, 200, nothing.toJson());
    m_outcomes.clear();
    m_confirmations.clear();
    startAndWait(HoldsAction::AbandonResume, {}, u"src/home"_s);
    QTRY_COMPARE(m_outcomes.size(), 1);
    QVERIFY(m_confirmations.isEmpty());
    QCOMPARE(m_outcomes.first().result, Result::NothingToDo);
    QCOMPARE(m_outcomes.first().reply->warnings, nothing.warnings);
}

void TestHoldsActionRunner::readOnlyUserIsRefused()
{
    m_server->setAccess(Api::AccessLevel::Status);
    startAndWait(HoldsAction::ReleaseStale, u"push"_s, {});
    QTRY_COMPARE(m_outcomes.size(), 1);
    QVERIFY(m_confirmations.isEmpty());
    QCOMPARE(m_outcomes.first().result, Result::Refused);
    QCOMPARE(m_outcomes.first().message, u"The daemon refused: "_s + FakeControlServer::defaultForbiddenMessage());
    QCOMPARE(m_server->forbiddenRequests(), 1);
    QVERIFY(m_server->handledRequests().isEmpty());
}

void TestHoldsActionRunner::runningStepIsBusy()
{
    // The step started between the dry run and the confirmation.
    m_server->answerWith(Api::HoldfastEndpoint::StopReplicating, [](const Http::Request &request) {
        if (isDryRun(request)) {
            Api::HoldsActionReply preview;
            preview.dryRun = true;
            Api::HoldsChange change;
            change.target = u"src/busy@zrepl_20261124_120000_000"_s;
            change.tag = u"zrepl_STEP_J_push"_s;
            change.reason = u"keeps src/busy replicating"_s;
            preview.changes = {change};
            return FakeControlServer::Answer{200, preview.toJson()};
        }
        return FakeControlServer::Answer{409, "a replication step of job push on src/busy runs now\n"};
    });
    startAndWait(HoldsAction::StopReplicating, {}, u"src/busy"_s);
    QCOMPARE(m_confirmations.size(), 1);
    QCOMPARE(m_confirmations.first().title, u"Stop replicating src/busy?"_s);
    m_runner->confirm();
    QTRY_COMPARE(m_outcomes.size(), 1);
    QCOMPARE(m_outcomes.first().result, Result::Busy);
    QCOMPARE(m_outcomes.first().message,
             u"Not now: a replication step on src/busy is running. Try again once it is done.\na replication step of "
             "job push on src/busy runs now"_s);
    QVERIFY(!m_outcomes.first().reply);
}

void TestHoldsActionRunner::zreplCannot()
{
    m_server->setAccess(std::nullopt);  // zrepl's daemon: no header, 404 for everything of Holdfast's
    startAndWait(HoldsAction::StopReplicating, {}, u"src/home"_s);
    QTRY_COMPARE(m_outcomes.size(), 1);
    QCOMPARE(m_outcomes.first().result, Result::Unsupported);
    QCOMPARE(m_outcomes.first().message, u"This daemon (zrepl) cannot change holds"_s);
}

void TestHoldsActionRunner::oneActionAtATime()
{
    startAndWait(HoldsAction::ReleaseStale, u"push"_s, {});
    QVERIFY(m_runner->isBusy());
    QVERIFY(!m_runner->start(HoldsAction::StopReplicating, {}, u"src/home"_s));
    m_runner->cancel();
    QVERIFY(!m_runner->isBusy());
}

void TestHoldsActionRunner::holdsFromHoldfast()
{
    m_server->answerWith(Api::HoldfastEndpoint::Holds, 200, GuiTestData::read(u"holds-report.json"_s));
    HoldsFetcher fetcher(*m_client);
    QSignalSpy changed(&fetcher, &HoldsFetcher::changed);
    QVERIFY(!fetcher.hasAsked());
    fetcher.refresh();
    fetcher.refresh();  // answered by the one in flight
    QVERIFY(fetcher.isLoading());
    QTRY_VERIFY(!fetcher.isLoading());
    QCOMPARE(m_server->handledRequests(Api::HoldfastEndpoint::Holds).size(), 1);
    QCOMPARE(fetcher.support(), EndpointSupport::Supported);
    QVERIFY(fetcher.report());
    QCOMPARE(*fetcher.report(), m_report);
    QVERIFY(fetcher.error().isEmpty());
    // A failure later keeps what is known and says why.
    m_server->answerWith(Api::HoldfastEndpoint::Holds, 500, "zfs holds failed\n");
    fetcher.refresh();
    QTRY_VERIFY(!fetcher.isLoading());
    QVERIFY(fetcher.report());
    QCOMPARE(fetcher.error(), u"The holds could not be listed: zfs holds failed"_s);
    // A report that cannot be read is an error, not an empty list.
    m_server->answerWith(Api::HoldfastEndpoint::Holds, 200, "{\"filesystems\": 3}");
    fetcher.refresh();
    QTRY_VERIFY(!fetcher.isLoading());
    QVERIFY2(fetcher.error().startsWith(u"The daemon's holds report could not be read"_s), qPrintable(fetcher.error()));
    fetcher.forget();
    QVERIFY(!fetcher.report());
    QCOMPARE(fetcher.support(), EndpointSupport::Unknown);
}

void TestHoldsActionRunner::holdsAgainstZrepl()
{
    m_server->setAccess(std::nullopt);
    HoldsFetcher fetcher(*m_client);
    fetcher.refresh();
    QTRY_VERIFY(!fetcher.isLoading());
    QCOMPARE(fetcher.support(), EndpointSupport::Unsupported);
    QVERIFY(!fetcher.report());
    QVERIFY(fetcher.error().isEmpty());
    QCOMPARE(HoldsFetcher::unsupportedMessage(), u"This daemon does not report holds (zrepl)"_s);
    // Holdfast's daemon answering 404 (an unknown job, say) is an error, not zrepl.
    m_server->setAccess(Api::AccessLevel::Status);
    HoldsFetcher holdfast(*m_client);
    holdfast.refresh();
    QTRY_VERIFY(!holdfast.isLoading());
    QCOMPARE(holdfast.support(), EndpointSupport::Unknown);
    QVERIFY(!holdfast.error().isEmpty());
}

void TestHoldsActionRunner::pruningExplanation()
{
    QCOMPARE(PruningExplanationFetcher::path(u"push"_s, u"pool/my fs&x"_s),
             QByteArray("/holdfast/v1/pruning?job=push&filesystem=pool%2Fmy%20fs%26x"));
    m_server->answerWith(Api::HoldfastEndpoint::Pruning, 200, GuiTestData::read(u"pruning-explanation.json"_s));
    PruningExplanationFetcher fetcher(*m_client);
    fetcher.fetch(u"push"_s, u"src/home"_s);
    QTRY_VERIFY(!fetcher.isLoading());
    QCOMPARE(fetcher.support(), EndpointSupport::Supported);
    QVERIFY(fetcher.explanation());
    QCOMPARE(fetcher.explanation()->filesystems.first().snapshots.size(), 3);
    const QList<Http::Request> sent = m_server->handledRequests(Api::HoldfastEndpoint::Pruning);
    QCOMPARE(sent.size(), 1);
    QCOMPARE(sent.first().query, QByteArray("job=push&filesystem=src%2Fhome"));
    // Only the newest question's answer counts.
    fetcher.fetch(u"push"_s, u"src/a"_s);
    fetcher.fetch(u"push"_s, u"src/b"_s);
    QTRY_VERIFY(!fetcher.isLoading());
    QCOMPARE(fetcher.filesystem(), u"src/b"_s);
    // Nothing selected: nothing asked, nothing shown.
    fetcher.fetch({}, {});
    QVERIFY(!fetcher.isLoading());
    QVERIFY(!fetcher.explanation());
    // zrepl's daemon has no explanation to give.
    m_server->setAccess(std::nullopt);
    m_server->answerWith(Api::HoldfastEndpoint::Pruning, 404, "404 page not found\n");
    PruningExplanationFetcher zrepl(*m_client);
    zrepl.fetch(u"push"_s, u"src/home"_s);
    QTRY_VERIFY(!zrepl.isLoading());
    QCOMPARE(zrepl.support(), EndpointSupport::Unsupported);
    QCOMPARE(PruningExplanationFetcher::unsupportedMessage(),
             u"This daemon does not explain its pruning decisions (zrepl)"_s);
}

QTEST_MAIN(TestHoldsActionRunner)
#include "TestHoldsActionRunner.moc"
