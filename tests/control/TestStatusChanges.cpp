// SPDX-License-Identifier: MIT
// The status feed's changes (GET /holdfast/v1/status/changes): the change between two statuses, written as JSON,
// read back and applied to the older one, gives the newer one exactly; a change of one filesystem among 10,000
// carries that filesystem alone; a change that does not fit the client's status is refused, not half applied.
#include <QFile>
#include <QtTest>

#include "shared/control/ConfigApi.h"
#include "shared/control/StatusChanges.h"

using namespace Qt::StringLiterals;

namespace {

const QString Captures = QStringLiteral(HOLDFAST_TEST_DATA_DIR "/zrepl");

Api::DaemonStatus capture(const QString &name)
{
    QFile file(Captures + u'/' + name);
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("cannot read %s", qPrintable(file.fileName()));
    }
    QString error;
    const std::optional<Api::DaemonStatus> status = Api::DaemonStatus::fromJson(file.readAll(), &error);
    if (!status) {
        qFatal("%s: %s", qPrintable(name), qPrintable(error));
    }
    return *status;
}

Api::ActiveSideStatus &active(Api::DaemonStatus &status, const QString &job)
{
    return std::get<Api::ActiveSideStatus>(status.jobs[job].specific);
}

// A push job replicating `count` filesystems of two steps each in one attempt.
Api::DaemonStatus bigStatus(int count)
{
    Api::ReplicationReport replication;
    replication.startAt = Api::Timestamp::fromUnix(1765015200);
    Api::AttemptReport attempt;
    attempt.state = Api::AttemptState::FanOutFilesystems;
    attempt.startAt = replication.startAt;
    for (int i = 0; i < count; ++i) {
        Api::FilesystemReport fs;
        fs.name = u"tank/home/user%1/data"_s.arg(i);
        fs.state = Api::FilesystemState::Stepping;
        fs.currentStep = 1;
        fs.steps = {Api::StepInfo{QString(), u"@a"_s, false, Api::EncryptedMode::No, 1000, 1000},
                    Api::StepInfo{u"@a"_s, u"@b"_s, false, Api::EncryptedMode::No, 5000, 0}};
        attempt.filesystems.append(fs);
    }
    replication.attempts.append(attempt);
    Api::ActiveSideStatus push;
    push.replication = replication;
    Api::JobStatus job;
    job.type = Api::JobStatus::Type::Push;
    job.specific = push;
    Api::DaemonStatus status;
    status.jobs.insert(u"_control"_s, Api::JobStatus{});
    status.jobs.insert(u"push"_s, job);
    return status;
}

// between(), through the wire, applied to `from`: must give `to`.
Api::StatusChange roundTrip(const Api::DaemonStatus &from, const Api::DaemonStatus &to)
{
    Api::StatusChange change = Api::StatusChange::between(from, to);
    change.base = 7;
    change.version = 8;
    const QByteArray wire = Api::StatusChanges::envelope(8, {change.toJson()});
    QString error;
    const std::optional<Api::StatusChanges> read = Api::StatusChanges::fromJson(wire, &error);
    if (!read) {
        qWarning("%s in %s", qPrintable(error), wire.left(400).constData());
        return {};
    }
    if (read->version != 8 || read->changes.size() != 1) {
        qWarning("wrong envelope: %s", wire.left(400).constData());
        return {};
    }
    if (!(read->changes.first() == change)) {
        qWarning("the change read back differs from the one written: %s", wire.left(400).constData());
        return {};
    }
    Api::DaemonStatus applied = from;
    if (!read->changes.first().applyTo(&applied, &error)) {
        qWarning("not applied: %s", qPrintable(error));
        return {};
    }
    if (!(applied == to)) {
        qWarning("applied, the status differs: %s", applied.toJson().left(400).constData());
        return {};
    }
    return change;
}

}  // namespace

class TestStatusChanges : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void nothingChangedIsEmpty()
    {
        const Api::DaemonStatus status = capture(u"status-multi-after-wakeup.json"_s);
        QVERIFY(Api::StatusChange::between(status, status).isEmpty());
        const Api::DaemonStatus big = bigStatus(100);
        Api::DaemonStatus copy = big;
        active(copy, u"push"_s).replication->attempts[0].filesystems.detach();  // equal values in another list
        QVERIFY(Api::StatusChange::between(big, copy).isEmpty());
    }

    void zreplsOwnTransitionRoundTrips()
    {
        // Recorded from zrepl: every job type, before and after a wakeup.
        const Api::DaemonStatus idle = capture(u"status-multi-idle.json"_s);
        const Api::DaemonStatus after = capture(u"status-multi-after-wakeup.json"_s);
        QVERIFY(!roundTrip(idle, after).isEmpty());
        QVERIFY(!roundTrip(after, idle).isEmpty());
        const Api::DaemonStatus snapBefore = capture(u"status-snap-initial.json"_s);
        const Api::DaemonStatus snapAfter = capture(u"status-snap-after-wakeup.json"_s);
        QVERIFY(!roundTrip(snapBefore, snapAfter).isEmpty());
        // A status from nothing: every job replaced.
        const Api::StatusChange fromNothing = roundTrip({}, after);
        QCOMPARE(fromNothing.replaced.size(), after.jobs.size());
        // And to nothing: every job removed.
        const Api::StatusChange toNothing = roundTrip(after, {});
        QCOMPARE(toNothing.removed.size(), after.jobs.size());
    }

    void oneFilesystemOfTenThousandTravelsAlone()
    {
        const Api::DaemonStatus before = bigStatus(10000);
        Api::DaemonStatus after = before;
        active(after, u"push"_s).replication->attempts[0].filesystems[4321].steps[1].bytesReplicated = 2048;
        const Api::StatusChange change = roundTrip(before, after);
        QCOMPARE(change.patched.size(), 1);
        const Api::JobPatch &patch = change.patched.value(u"push"_s);
        QCOMPARE(patch.filesystems.size(), 1);
        QCOMPARE(patch.filesystems.first().attempt, 0);
        QCOMPARE(patch.filesystems.first().index, 4321);
        QVERIFY(!patch.replication);
        QVERIFY(!patch.replicationHead);
        QVERIFY2(change.toJson().size() < 1024, change.toJson().constData());
    }

    void attemptStateChangesTheHeadOnly()
    {
        const Api::DaemonStatus before = bigStatus(500);
        Api::DaemonStatus after = before;
        Api::ReplicationReport &report = *active(after, u"push"_s).replication;
        report.attempts[0].state = Api::AttemptState::Done;
        report.attempts[0].finishAt = Api::Timestamp::fromUnix(1765015500);
        report.finishAt = report.attempts[0].finishAt;
        report.attempts[0].filesystems[499].state = Api::FilesystemState::Done;
        const Api::StatusChange change = roundTrip(before, after);
        const Api::JobPatch &patch = change.patched.value(u"push"_s);
        QVERIFY(patch.replicationHead);
        QVERIFY(patch.replicationHead->attempts.first().filesystems.isEmpty());
        QCOMPARE(patch.filesystems.size(), 1);
        QVERIFY2(change.toJson().size() < 2048, change.toJson().constData());
    }

    void aNewAttemptOrNewFilesystemsReplaceTheReport()
    {
        const Api::DaemonStatus before = bigStatus(3);
        Api::DaemonStatus after = before;
        Api::ReplicationReport &report = *active(after, u"push"_s).replication;
        report.attempts.append(report.attempts.first());
        QVERIFY(roundTrip(before, after).patched.value(u"push"_s).replication);

        Api::DaemonStatus renamed = before;
        active(renamed, u"push"_s).replication->attempts[0].filesystems[1].name = u"tank/other"_s;
        QVERIFY(roundTrip(before, renamed).patched.value(u"push"_s).replication);

        Api::DaemonStatus gone = before;
        active(gone, u"push"_s).replication.reset();
        const Api::JobPatch patch = roundTrip(before, gone).patched.value(u"push"_s);
        QVERIFY(patch.replication);
        QVERIFY(!*patch.replication);
    }

    void otherReportsAndJobs()
    {
        const Api::DaemonStatus before = capture(u"status-multi-after-wakeup.json"_s);
        Api::DaemonStatus after = before;
        active(after, u"pushjob"_s).pruningSender.reset();
        active(after, u"pulljob"_s).snapshotting = Api::SnapperReport{};
        after.jobs.remove(u"sinkjob"_s);
        after.jobs[u"sourcejob"_s].type = Api::JobStatus::Type::Sink;  // a job of the same name, another type
        after.jobs[u"sourcejob"_s].specific = Api::PassiveStatus{};
        const Api::StatusChange change = roundTrip(before, after);
        QCOMPARE(change.removed, QStringList{u"sinkjob"_s});
        QVERIFY(change.replaced.contains(u"sourcejob"_s));
        QVERIFY(change.patched.value(u"pushjob"_s).pruningSender);
        QVERIFY(change.patched.value(u"pulljob"_s).snapshotting);
    }

    void fullAndFreshnessRoundTrip()
    {
        Api::StatusChange change;
        change.base = 0;
        change.version = 1765015200000000;
        change.full = capture(u"status-multi-idle.json"_s);
        change.freshness = QByteArray(R"({"jobs":[]})");
        QString error;
        const std::optional<Api::StatusChanges> read = Api::StatusChanges::fromJson(
            Api::StatusChanges::envelope(change.version, {change.toJson()}), &error);
        QVERIFY2(read, qPrintable(error));
        QCOMPARE(read->version, change.version);
        QVERIFY(read->changes.first() == change);
        Api::DaemonStatus status = capture(u"status-snap-initial.json"_s);
        QVERIFY(read->changes.first().applyTo(&status, &error));
        QVERIFY(status == *change.full);
    }

    // The daemon's configuration state rides along: a refused reload with its position, jobs waiting to restart.
    void configRoundTrips()
    {
        Api::ConfigStatus config;
        config.path = u"/etc/holdfast/holdfast.yml"_s;
        config.version = u"ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb"_s;
        config.state.runningVersion = u"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"_s;
        Api::ReloadReport refused;
        refused.at = Api::Timestamp::fromUnix(1765015200);
        refused.trigger = u"signal"_s;
        refused.version = config.state.runningVersion;
        refused.problem =
            Api::ConfigProblem{config.path, 12, 7, u"jobs[1].snapshotting.interval"_s, u"time: unknown unit \"x\""_s};
        config.state.lastReload = refused;
        config.state.pendingRestart = {u"push"_s};
        config.state.needsDaemonRestart = {u"global.control.sockpath"_s};

        Api::StatusChange change;
        change.base = 41;
        change.version = 42;
        change.config = config.toJson();
        // Nothing else changed, and still a change a waiting client must get.
        QVERIFY(!change.isEmpty());
        const QByteArray wire = Api::StatusChanges::envelope(42, {change.toJson()});
        QString error;
        const std::optional<Api::StatusChanges> read = Api::StatusChanges::fromJson(wire, &error);
        QVERIFY2(read, qPrintable(error));
        QCOMPARE(read->changes.size(), 1);
        QVERIFY(read->changes.first() == change);
        QCOMPARE(*read->changes.first().config, config.toJson());
        const std::optional<Api::ConfigStatus> back =
            Api::ConfigStatus::fromJson(*read->changes.first().config, &error);
        QVERIFY2(back, qPrintable(error));
        QVERIFY(*back == config);
        // Applying it leaves the status alone.
        Api::DaemonStatus status = capture(u"status-multi-idle.json"_s);
        const Api::DaemonStatus before = status;
        QVERIFY(read->changes.first().applyTo(&status, &error));
        QVERIFY(status == before);

        // The same state as the document has it: one JSON for both.
        Api::ConfigDocument document;
        document.state = config.state;
        const std::optional<Api::ConfigDocument> doc = Api::ConfigDocument::fromJson(document.toJson(), &error);
        QVERIFY2(doc, qPrintable(error));
        QVERIFY(doc->state == config.state);
    }

    void malformedConfigIsRefused_data()
    {
        QTest::addColumn<QByteArray>("config");
        QTest::addColumn<QString>("named");
        QTest::newRow("not an object") << QByteArray(R"("ok")") << u"changes[0].config"_s;
        QTest::newRow("version a number") << QByteArray(R"({"version":5})") << u"changes[0].config.version"_s;
        QTest::newRow("state a list") << QByteArray(R"({"state":[]})") << u"changes[0].config.state"_s;
        QTest::newRow("pending restart a string")
            << QByteArray(R"({"state":{"pending_restart":"push"}})") << u"changes[0].config.state.pending_restart"_s;
        QTest::newRow("reload at not a time")
            << QByteArray(R"({"state":{"last_reload":{"ok":false,"at":"yesterday"}}})")
            << u"changes[0].config.state.last_reload.at"_s;
    }

    void malformedConfigIsRefused()
    {
        QFETCH(QByteArray, config);
        QFETCH(QString, named);
        QString error;
        const QByteArray json = R"({"version":2,"changes":[{"base":1,"version":2,"config":)" + config + "}]}";
        QVERIFY(!Api::StatusChanges::fromJson(json, &error));
        QVERIFY2(error.startsWith(named), qPrintable(error));
    }

    void aChangeThatDoesNotFitIsRefused()
    {
        const Api::DaemonStatus before = bigStatus(5);
        Api::DaemonStatus after = before;
        active(after, u"push"_s).replication->attempts[0].filesystems[4].steps[1].bytesReplicated = 10;
        const Api::StatusChange change = Api::StatusChange::between(before, after);
        QString error;

        Api::DaemonStatus smaller = bigStatus(3);
        QVERIFY(!change.applyTo(&smaller, &error));
        QVERIFY2(error.contains(u"no filesystem 4"_s), qPrintable(error));

        Api::DaemonStatus empty;
        QVERIFY(!change.applyTo(&empty, &error));
        QVERIFY2(error.contains(u"push"_s), qPrintable(error));

        Api::StatusChange removal;
        removal.removed = {u"nope"_s};
        Api::DaemonStatus status = before;
        QVERIFY(!removal.applyTo(&status, &error));
    }

    void brokenAnswersAreErrors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("not json") << QByteArray("{");
        QTest::newRow("not an object") << QByteArray("[]");
        QTest::newRow("changes not a list") << QByteArray(R"({"version":1,"changes":{}})");
        QTest::newRow("change not an object") << QByteArray(R"({"version":1,"changes":[1]})");
        QTest::newRow("bad job") << QByteArray(R"({"version":1,"changes":[{"jobs":{"x":{"type":"bogus"}}}]})");
        QTest::newRow("patch without report") << QByteArray(R"({"version":1,"changes":[{"patches":{"x":{"filesystems":[{"attempt":0,"index":0}]}}}]})");
        QTest::newRow("version a string") << QByteArray(R"({"version":"1","changes":[]})");
    }

    void brokenAnswersAreErrors()
    {
        QFETCH(QByteArray, json);
        QString error;
        QVERIFY(!Api::StatusChanges::fromJson(json, &error));
        QVERIFY(!error.isEmpty());
    }

    void theTarget()
    {
        QCOMPARE(Api::statusChangesTarget(42, std::chrono::seconds(300)), QByteArray("/holdfast/v1/status/changes?since=42&timeout=300"));
    }
};

QTEST_GUILESS_MAIN(TestStatusChanges)
#include "TestStatusChanges.moc"
