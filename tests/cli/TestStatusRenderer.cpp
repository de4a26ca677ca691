// SPDX-License-Identifier: MIT
#include <QFile>
#include <QTest>

#include "daemon/cli/StatusRenderer.h"

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(Api::DaemonStatus)

namespace {

const QDateTime Now = QDateTime(QDate(2026, 11, 24), QTime(10, 0), Qt::UTC);

Api::Timestamp at(qint64 msecsFromNow)
{
    return Api::Timestamp::fromDateTime(Now.addMSecs(msecsFromNow));
}

QByteArray readData(const QString &name)
{
    QFile file(QStringLiteral(HOLDFAST_CLI_TEST_DATA_DIR) + u'/' + name);
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("cannot read %s", qPrintable(file.fileName()));
    }
    return file.readAll();
}

Api::DaemonStatus statusFromFile(const QString &name)
{
    QString error;
    const std::optional<Api::DaemonStatus> status = Api::DaemonStatus::fromJson(readData(name), &error);
    if (!status) {
        qFatal("%s: %s", qPrintable(name), qPrintable(error));
    }
    return *status;
}

// The captures are screen dumps: the terminal pads them with blank lines below the text.
QString screenText(const QString &name)
{
    QString text = QString::fromUtf8(readData(name));
    while (!text.isEmpty() && text.back().isSpace()) {
        text.chop(1);
    }
    return text + u'\n';
}

Api::StepInfo step(const QString &from, const QString &to, qint64 expected, qint64 replicated)
{
    Api::StepInfo info;
    info.from = from;
    info.to = to;
    info.bytesExpected = expected;
    info.bytesReplicated = replicated;
    return info;
}

Api::FilesystemReport
filesystem(const QString &name, Api::FilesystemState state, int currentStep, QList<Api::StepInfo> steps)
{
    Api::FilesystemReport fs;
    fs.name = name;
    fs.state = state;
    fs.currentStep = currentStep;
    fs.steps = std::move(steps);
    return fs;
}

QList<Api::PrunerSnapshot> snapshots(int count)
{
    QList<Api::PrunerSnapshot> list;
    for (int i = 0; i < count; ++i) {
        list.append({u"s%1"_s.arg(i), true, at(-3600000)});
    }
    return list;
}

Api::PrunerFilesystemReport prunerFilesystem(const QString &name, int snapshotCount, int destroyCount)
{
    Api::PrunerFilesystemReport fs;
    fs.filesystem = name;
    fs.snapshotList = snapshots(snapshotCount);
    fs.destroyList = snapshots(destroyCount);
    return fs;
}

Api::SnapperFilesystemReport snapperFilesystem(const QString &path, Api::SnapState state, qint64 startMs, qint64 doneMs)
{
    Api::SnapperFilesystemReport fs;
    fs.path = path;
    fs.state = state;
    fs.snapName = u"zrepl_1"_s;
    fs.startAt = at(startMs);
    fs.doneAt = state == Api::SnapState::Started || state == Api::SnapState::Pending ? Api::Timestamp() : at(doneMs);
    return fs;
}

// A push job in the middle of its second attempt, with pruning and snapshotting under way.
Api::DaemonStatus busyPushJob()
{
    Api::AttemptReport failed;
    failed.state = Api::AttemptState::PlanningError;
    failed.startAt = at(-600000);
    failed.finishAt = at(-598500);
    failed.planError = Api::TimedError{u"connection refused"_s, failed.finishAt};

    Api::StepInfo resumed = step(u"@s1"_s, u"@s2"_s, 3072, 1024);
    resumed.resumed = true;
    resumed.encrypted = Api::EncryptedMode::Yes;
    Api::FilesystemReport broken =
        filesystem(u"pool/long/c"_s, Api::FilesystemState::StepError, 0, {step({}, u"@s1"_s, 0, 0)});
    broken.stepError = Api::TimedError{u"cannot receive: dataset busy"_s, at(-1000)};

    Api::AttemptReport running;
    running.state = Api::AttemptState::FanOutFilesystems;
    running.startAt = at(-60000);
    running.filesystems = {
        filesystem(u"pool/b"_s, Api::FilesystemState::Stepping, 1, {step({}, u"@s1"_s, 1024, 1024), resumed}),
        filesystem(u"pool/a"_s, Api::FilesystemState::Done, 1, {step(u"@x"_s, u"@y"_s, 512, 512)}),
        broken,
    };

    Api::ReplicationReport replication;
    replication.startAt = at(-600000);
    replication.attempts = {failed, running};

    Api::PrunerReport pruning;
    pruning.state = Api::PrunerState::Exec;
    Api::PrunerFilesystemReport placeholder;
    placeholder.filesystem = u"pool/c"_s;
    placeholder.skipReason = u"filesystem is placeholder"_s;
    Api::PrunerFilesystemReport failedDestroy = prunerFilesystem(u"pool/d"_s, 1, 1);
    failedDestroy.lastError = u"destroy failed"_s;
    pruning.pending = QList<Api::PrunerFilesystemReport>{prunerFilesystem(u"pool/b"_s, 3, 1), placeholder};
    pruning.completed = QList<Api::PrunerFilesystemReport>{prunerFilesystem(u"pool/a"_s, 4, 2), failedDestroy};

    Api::SnapperReport snapper;
    snapper.state = Api::SnapperState::Snapshotting;
    Api::SnapperFilesystemReport hookFailed = snapperFilesystem(u"pool/ee"_s, Api::SnapState::Error, -5000, -4000);
    hookFailed.hooksHadError = true;
    hookFailed.hooks = u"hook failed"_s;
    snapper.progress = {
        snapperFilesystem(u"pool/b"_s, Api::SnapState::Started, -2260, 0),
        snapperFilesystem(u"pool/a"_s, Api::SnapState::Done, -3000, -2850),
        snapperFilesystem(u"pool/c"_s, Api::SnapState::Pending, 0, 0),
        hookFailed,
    };

    Api::JobStatus job;
    job.type = Api::JobStatus::Type::Push;
    job.specific = Api::ActiveSideStatus{replication, std::nullopt, pruning, snapper};
    Api::DaemonStatus status;
    status.jobs.insert(u"pushjob"_s, job);
    return status;
}

// A pull job that lost its connection before the first attempt.
Api::DaemonStatus reconnectingPullJob()
{
    Api::ReplicationReport replication;
    replication.startAt = at(-30000);
    replication.waitReconnectSince = at(-30000);
    replication.waitReconnectUntil = at(45400);
    replication.waitReconnectError = Api::TimedError{u"dial tcp: connection refused"_s, at(-30000)};

    Api::JobStatus job;
    job.type = Api::JobStatus::Type::Pull;
    job.specific = Api::ActiveSideStatus{replication, std::nullopt, std::nullopt, std::nullopt};
    Api::DaemonStatus status;
    status.jobs.insert(u"_control"_s, Api::JobStatus{});
    status.jobs.insert(u"pulljob"_s, job);
    return status;
}

Api::DaemonStatus planningErrorPushJob(const QString &error)
{
    Api::AttemptReport attempt;
    attempt.state = Api::AttemptState::PlanningError;
    attempt.startAt = at(-2000);
    attempt.finishAt = at(-1000);
    attempt.planError = Api::TimedError{error, at(-1000)};
    Api::ReplicationReport replication;
    replication.startAt = at(-2000);
    replication.attempts = {attempt};

    Api::JobStatus job;
    job.type = Api::JobStatus::Type::Push;
    job.specific = Api::ActiveSideStatus{replication, std::nullopt, std::nullopt, std::nullopt};
    Api::DaemonStatus status;
    status.jobs.insert(u"pushjob"_s, job);
    return status;
}

}  // namespace

class TestStatusRenderer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void render_data();
    void render();
    void configState();
};

void TestStatusRenderer::render_data()
{
    QTest::addColumn<Api::DaemonStatus>("status");
    QTest::addColumn<QString>("onlyJob");
    QTest::addColumn<int>("width");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<int>("screenRows");  // the capture shows only the first rows of the text; 0: all of it

    QTest::addRow("zrepl capture: snap job after wakeup")
        << statusFromFile(u"status-snap-after-wakeup.json"_s) << QString() << 0 << screenText(u"tui-status-snap.txt"_s)
        << 0;
    // That terminal had 80 rows: the capture ends in the middle of the last job.
    QTest::addRow("zrepl capture: every job type") << statusFromFile(u"status-multi-after-wakeup.json"_s) << QString()
                                                   << 0 << screenText(u"tui-status-multi.txt"_s) << 80;
    // zrepl's terminal was wider than its longest line, so a wide terminal changes nothing.
    QTest::addRow("zrepl capture in a 120-column terminal")
        << statusFromFile(u"status-multi-after-wakeup.json"_s) << QString() << 120
        << screenText(u"tui-status-multi.txt"_s) << 80;

    QTest::addRow("--job picks one job") << statusFromFile(u"status-multi-after-wakeup.json"_s) << u"sinkjob"_s << 0
                                         << uR"(Job: sinkjob
    Type: sink
    No status representation for job type 'sink', dumping as YAML
    snapper: null
)"_s << 0;
    QTest::addRow("--job with an unknown job")
        << statusFromFile(u"status-multi-after-wakeup.json"_s) << u"nosuchjob"_s << 0 << u"no jobs to display\n"_s << 0;
    QTest::addRow("internal jobs are not shown")
        << statusFromFile(u"status-multi-after-wakeup.json"_s) << u"_control"_s << 0 << u"no jobs to display\n"_s << 0;

    QTest::addRow("push: steps, progress, pruning and snapshotting")
        << busyPushJob() << QString() << 0 << uR"(Job: pushjob
    Type: push
    Replication:
        Attempt #2. Previous attempts failed with the following statuses:
            #1: planning-error (failed at 2026-11-24 09:50:01.5 +0000 UTC) (ran 1.5s)
        Status: fan-out-filesystems
        Progress: [===========================>-----------------------] 2.5 KiB / 4.5 KiB @ 0 B/s
        NOTE: not all steps could be size-estimated, total estimate is likely imprecise!
          pool/a      DONE (step 1/1, 512 B/512 B)
          pool/b      STEPPING (step 1/2, 2.0 KiB/4.0 KiB) next: @s1 => @s2 (resumed, encrypted=yes)
          pool/long/c STEP-ERROR (step 0/1, 0 B/0 B) (step lacks size estimation) cannot receive: dataset busy
    Pruning Sender:
        ...
    Pruning Receiver:
        Status: Exec
        Progress: [============================================================>--------------------] 3/4 snapshots
        pool/a Completed  (destroy 2 of 4 snapshots)
        pool/b Pending    s0
        pool/c skipped: filesystem is placeholder
        pool/d
            ERROR: destroy failed
    Snapshotting:
        Status: Snapshotting
            pool/a  SnapDone    200ms snap name: "zrepl_1"
            pool/b  SnapStarted 2.3s  snap name: "zrepl_1"
            pool/c  SnapPending ...
            pool/ee SnapError   1s    snap name: "zrepl_1"hook failed
)"_s << 0;

    QTest::addRow("pull: reconnecting before the first attempt")
        << reconnectingPullJob() << QString() << 0 << uR"(Job: pulljob
    Type: pull
    Replication:
        Connectivity: dial tcp: connection refused
        Connectivity: reconnecting with exponential backoff (since 2026-11-24 09:59:30 +0000 UTC) (hard fail in 45s @ 2026-11-24 10:00:45.4 +0000 UTC)
        no attempts made yet
    Pruning Sender:
        ...
    Pruning Receiver:
        ...
)"_s << 0;

    QTest::addRow("a long problem wraps at the terminal's width")
        << planningErrorPushJob(u"cannot connect to the sender: the remote host closed the connection unexpectedly"_s)
        << QString() << 60 << uR"(Job: pushjob
    Type: push
    Replication:
        Attempt #1
        Status: planning-error
        Problem:
            cannot connect to the sender: the remote host cl
            osed the connection unexpectedly
    Pruning Sender:
        ...
    Pruning Receiver:
        ...
    Snapshotting:
        <snapshot type does not have a report>
)"_s << 0;
    QTest::addRow("a short problem stays on its line")
        << planningErrorPushJob(u"connection refused"_s) << QString() << 60 << uR"(Job: pushjob
    Type: push
    Replication:
        Attempt #1
        Status: planning-error
        Problem: connection refused
    Pruning Sender:
        ...
    Pruning Receiver:
        ...
    Snapshotting:
        <snapshot type does not have a report>
)"_s << 0;
    QTest::addRow("a narrow terminal cuts long lines")
        << planningErrorPushJob(u"connection refused"_s) << QString() << 20 << uR"(Job: pushjob
    Type: push
    Replication:
        Attempt #1
        Status: plan
        Problem:
            connecti
            on refus
            ed
    Pruning Sender:
        ...
    Pruning Receiver
        ...
    Snapshotting:
        <snapshot ty
)"_s << 0;
}

void TestStatusRenderer::render()
{
    QFETCH(Api::DaemonStatus, status);
    QFETCH(QString, onlyJob);
    QFETCH(int, width);
    QFETCH(QString, expected);
    QFETCH(int, screenRows);

    Daemon::StatusRenderer renderer;
    renderer.setNow(Now);
    renderer.setWidth(width);
    QString actual = renderer.render(status, onlyJob);
    if (screenRows > 0) {
        QVERIFY2(actual.count(u'\n') > screenRows, "the capture was expected to show only part of the text");
        actual = actual.section(u'\n', 0, screenRows - 1) + u'\n';
    }
    if (actual != expected) {
        qWarning().noquote() << "rendered:\n" << actual;
    }
    QCOMPARE(actual, expected);
}

// The lines after the jobs: a failed reload with its position, pending restarts, settings waiting for a restart.
void TestStatusRenderer::configState()
{
    Daemon::StatusRenderer renderer;
    Api::ConfigDocument document;
    document.path = u"/etc/holdfast/holdfast.yml"_s;
    document.version = u"bbb"_s;
    document.state.runningVersion = u"aaa"_s;
    QCOMPARE(renderer.renderConfigState(document),
             u"/etc/holdfast/holdfast.yml changed since the daemon read it; `holdfast reload` applies it.\n"_s);
    document.state.runningVersion = u"bbb"_s;
    QCOMPARE(renderer.renderConfigState(document), QString());

    Api::ReloadReport failed;
    failed.ok = false;
    failed.at = Api::Timestamp::fromDateTime(QDateTime(QDate(2026, 12, 6), QTime(1, 2, 3)));
    failed.problem = Api::ConfigProblem{document.path, 12, 7, u"jobs[1].pruning.keep[0].count"_s, u"expected an integer"_s};
    document.state.lastReload = failed;
    document.state.pendingRestart = {u"push"_s};
    document.state.needsDaemonRestart = {u"global.control.sockpath"_s};
    const QString text = renderer.renderConfigState(document);
    QVERIFY2(text.startsWith(u"Configuration not reloaded at 2026-12-06 01:02:03: /etc/holdfast/holdfast.yml:12:7: "
                             "jobs[1].pruning.keep[0].count: expected an integer\n"_s), qPrintable(text));
    QVERIFY(text.contains(u"Job push: changed in the configuration; it restarts with its new settings when its current work is done"_s));
    QVERIFY(text.endsWith(u"Changed settings that take effect when the daemon restarts: global.control.sockpath\n"_s));
    // --job narrows the job lines and leaves out the daemon-wide one.
    const QString only = renderer.renderConfigState(document, u"sink"_s);
    QVERIFY(!only.contains(u"Job push"_s) && !only.contains(u"daemon restarts"_s) && only.startsWith(u"Configuration not reloaded"_s));
}

QTEST_GUILESS_MAIN(TestStatusRenderer)
#include "TestStatusRenderer.moc"
