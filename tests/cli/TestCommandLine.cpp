// SPDX-License-Identifier: MIT
#include <QFile>
#include <QLocalServer>
#include <QLocalSocket>
#include <QMap>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

#include "daemon/cli/Cli.h"
#include "shared/control/Freshness.h"
#include "shared/control/JobStatus.h"
#include "shared/control/VersionInfo.h"

using namespace Qt::StringLiterals;

namespace {

// Stands in for the daemon: answers each path with a canned status and body, the way zrepl's daemon does
// (errors as plain text), and remembers the last request body.
class FakeDaemon : public QObject
{
public:
    explicit FakeDaemon(const QString &path)
    {
        QLocalServer::removeServer(path);
        if (!m_server.listen(path)) {
            qFatal("cannot listen on %s", qPrintable(path));
        }
        connect(&m_server, &QLocalServer::newConnection, this, [this] {
            while (QLocalSocket *socket = m_server.nextPendingConnection()) {
                connect(socket, &QLocalSocket::readyRead, this, [this, socket] { serve(socket); });
                connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

    void answer(const QByteArray &path, int status, const QByteArray &body)
    {
        m_answers.insert(path, {status, body});
    }

    QByteArray lastBody() const
    {
        return m_lastBody;
    }

    // Called with each request's path before it is answered: a test changes answers as the daemon's state would.
    std::function<void(const QByteArray &path)> onRequest;

private:
    void serve(QLocalSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0) {
            return;
        }
        const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
        qsizetype contentLength = 0;
        for (const QByteArray &line : lines) {
            if (line.toLower().startsWith("content-length:")) {
                contentLength = line.mid(15).trimmed().toLongLong();
            }
        }
        if (buffer.size() < headerEnd + 4 + contentLength) {
            return;
        }
        const QByteArray path = lines.constFirst().split(' ').value(1);
        m_lastBody = buffer.mid(headerEnd + 4, contentLength);
        buffer.remove(0, headerEnd + 4 + contentLength);
        if (onRequest) {
            onRequest(path);
        }
        const auto [status, body] = m_answers.value(path, {404, "404 page not found\n"});
        socket->write("HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Type: text/plain\r\nContent-Length: "
                      + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    }

    QLocalServer m_server;
    QMap<QByteArray, std::pair<int, QByteArray>> m_answers;
    QMap<QLocalSocket *, QByteArray> m_buffers;
    QByteArray m_lastBody;
};

struct Result
{
    int exitCode = -1;
    QString out;
    QString err;
};

Result runHoldfast(const QStringList &arguments)
{
    Result result;
    QTextStream out(&result.out);
    QTextStream err(&result.err);
    Daemon::CommandLine commandLine(out, err);
    result.exitCode = commandLine.run(QStringList{u"holdfast"_s} + arguments);
    out.flush();
    err.flush();
    return result;
}

// zrepl's /status for one push job whose last run started at `startedAt` (Unix seconds) and ended as given: the
// replication's last attempt done (or its filesystem failed with `error`), both sides pruned.
QByteArray pushStatus(qint64 startedAt, const QString &error = {})
{
    Api::ActiveSideStatus active;
    Api::ReplicationReport replication;
    replication.startAt = Api::Timestamp::fromUnix(startedAt);
    replication.finishAt = Api::Timestamp::fromUnix(startedAt + 5);
    Api::AttemptReport attempt;
    attempt.state = error.isEmpty() ? Api::AttemptState::Done : Api::AttemptState::FilesystemError;
    attempt.startAt = replication.startAt;
    attempt.finishAt = replication.finishAt;
    Api::FilesystemReport fs;
    fs.name = u"pool/home"_s;
    fs.state = error.isEmpty() ? Api::FilesystemState::Done : Api::FilesystemState::StepError;
    if (!error.isEmpty()) {
        fs.stepError = Api::TimedError{error, replication.finishAt};
    }
    attempt.filesystems.append(fs);
    replication.attempts.append(attempt);
    active.replication = replication;
    Api::PrunerReport pruned;
    pruned.state = Api::PrunerState::Done;
    pruned.pending = QList<Api::PrunerFilesystemReport>{};
    pruned.completed = QList<Api::PrunerFilesystemReport>{};
    active.pruningSender = pruned;
    active.pruningReceiver = pruned;
    Api::DaemonStatus status;
    status.jobs.insert(u"push"_s, Api::JobStatus{Api::JobStatus::Type::Push, active});
    return status.toJson();
}

QByteArray runsJson(quint64 started, bool running, quint64 lastFinished, bool succeeded, const QString &error = {})
{
    Api::RunsReport runs;
    runs.jobs.append(Api::RunInfo{u"push"_s, started, running, false, lastFinished, succeeded, error, Api::Timestamp::now()});
    return runs.toJson();
}

QByteArray readCapture(const QString &name)
{
    QFile file(QStringLiteral(HOLDFAST_CLI_TEST_DATA_DIR) + u'/' + name);
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("cannot read %s", qPrintable(file.fileName()));
    }
    return file.readAll();
}

}  // namespace

class TestCommandLine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void usage_data();
    void usage();
    void withoutDaemon_data();
    void withoutDaemon();
    void configcheck();
    void status();
    void signal_data();
    void signal();
    void waitAgainstZrepl_data();
    void waitAgainstZrepl();
    void waitAgainstHoldfast();
    void waitForABusyJob();
    void version();

private:
    QString writeFile(const QString &name, const QByteArray &content);
    QTemporaryDir m_dir;
    QString m_socket;
};

void TestCommandLine::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_socket = m_dir.filePath(u"control"_s);
}

QString TestCommandLine::writeFile(const QString &name, const QByteArray &content)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) != content.size()) {
        qFatal("cannot write %s", qPrintable(path));
    }
    return path;
}

void TestCommandLine::usage_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("outStart");
    QTest::addColumn<QString>("err");

    const QString usageLine = u"Usage: holdfast [--config PATH] [--socket PATH] <command> [options]\n"_s;
    QTest::addRow("no command") << QStringList{} << 2 << QString() << usageLine;
    QTest::addRow("--help") << QStringList{u"--help"_s} << 0 << usageLine << QString();
    QTest::addRow("-h before a command") << QStringList{u"-h"_s, u"status"_s} << 0 << usageLine << QString();
    QTest::addRow("unknown command") << QStringList{u"bogus"_s} << 2 << QString()
                                     << u"holdfast: unknown command 'bogus'\n"_s;
    QTest::addRow("unknown global option")
        << QStringList{u"--nope"_s, u"status"_s} << 2 << QString() << u"holdfast: Unknown option 'nope'.\n"_s;
    QTest::addRow("status --help") << QStringList{u"status"_s, u"--help"_s} << 0
                                   << u"Usage: holdfast status [--raw] [--job NAME] [options]\n\n"_s << QString();
    QTest::addRow("signal --help") << QStringList{u"signal"_s, u"-h"_s} << 0
                                   << u"Usage: holdfast signal [wakeup|reset|pause|resume] JOB [--wait [--timeout D]] [options]\n\n"_s << QString();
    QTest::addRow("signal reset --wait") << QStringList{u"signal"_s, u"reset"_s, u"a"_s, u"--wait"_s} << 2 << QString()
                                         << u"--wait and --timeout go with wakeup only\n"_s;
    QTest::addRow("signal --timeout soon") << QStringList{u"signal"_s, u"wakeup"_s, u"a"_s, u"--wait"_s, u"--timeout"_s, u"soon"_s}
                                           << 2 << QString() << u"invalid --timeout \"soon\": time: invalid duration \"soon\"\n"_s;
    QTest::addRow("unknown status option")
        << QStringList{u"status"_s, u"--bogus"_s} << 2 << QString() << u"holdfast status: Unknown option 'bogus'.\n"_s;
    QTest::addRow("--job without a name") << QStringList{u"status"_s, u"--job"_s} << 2 << QString()
                                          << u"holdfast status: Missing value after '--job'.\n"_s;
    QTest::addRow("signal without arguments")
        << QStringList{u"signal"_s} << 2 << QString() << u"Expected 2 arguments: [wakeup|reset|pause|resume] JOB\n"_s;
    QTest::addRow("signal with one argument")
        << QStringList{u"signal"_s, u"wakeup"_s} << 2 << QString() << u"Expected 2 arguments: [wakeup|reset|pause|resume] JOB\n"_s;
    QTest::addRow("signal with three arguments") << QStringList{u"signal"_s, u"wakeup"_s, u"a"_s, u"b"_s} << 2
                                                 << QString() << u"Expected 2 arguments: [wakeup|reset|pause|resume] JOB\n"_s;
    QTest::addRow("version --show with a bad value")
        << QStringList{u"version"_s, u"--show"_s, u"server"_s} << 2 << QString()
        << u"show flag must be 'client' or 'daemon' or be left empty\n"_s;
    QTest::addRow("status with an argument") << QStringList{u"status"_s, u"extra"_s} << 2 << QString()
                                             << u"holdfast status: unexpected argument 'extra'\n"_s;
    QTest::addRow("daemon with an argument")
        << QStringList{u"daemon"_s, u"now"_s} << 2 << QString() << u"holdfast daemon: unexpected argument 'now'\n"_s;
}

// Wrong usage exits with 2 before anything is read or contacted; --help prints to stdout and exits with 0.
void TestCommandLine::usage()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, outStart);
    QFETCH(QString, err);

    const Result result = runHoldfast(arguments);
    QCOMPARE(result.exitCode, exitCode);
    if (outStart.isEmpty()) {
        QCOMPARE(result.out, QString());
    } else {
        QVERIFY2(result.out.startsWith(outStart), qPrintable(result.out));
    }
    if (!err.isEmpty()) {
        QVERIFY2(result.err.startsWith(err), qPrintable(result.err));
    }
}

void TestCommandLine::withoutDaemon_data()
{
    QTest::addColumn<QStringList>("command");
    QTest::addColumn<QString>("out");

    QTest::addRow("status") << QStringList{u"status"_s} << QString();
    QTest::addRow("status --raw") << QStringList{u"status"_s, u"--raw"_s} << QString();
    QTest::addRow("signal") << QStringList{u"signal"_s, u"wakeup"_s, u"snapjob"_s} << QString();
    QTest::addRow("version") << QStringList{u"version"_s}
                             << u"client: "_s + Api::VersionInfo::current().toString() + u'\n';
}

// No daemon behind the socket: exit code 1 and the client's explanation, whichever way the socket was named.
void TestCommandLine::withoutDaemon()
{
    QFETCH(QStringList, command);
    QFETCH(QString, out);

    const QString missing = m_dir.filePath(u"nosuchdir/control"_s);
    const QString config =
        writeFile(u"nodaemon.yml"_s, "global:\n  control:\n    sockpath: " + missing.toUtf8() + "\njobs: []\n");
    for (const QStringList &global : {QStringList{u"--socket"_s, missing}, QStringList{u"--config"_s, config}}) {
        const Result result = runHoldfast(global + command);
        QCOMPARE(result.exitCode, 1);
        QCOMPARE(result.out, out);
        QVERIFY2(result.err.contains(missing), qPrintable(result.err));
    }
}

void TestCommandLine::configcheck()
{
    const QString good = writeFile(u"good.yml"_s, R"(jobs:
  - name: home
    type: snap
    filesystems: {"pool/home<": true}
    snapshotting: {type: periodic, interval: 10m, prefix: zrepl_}
    pruning: {keep: [{type: last_n, count: 10}]}
  - name: backup
    type: sink
    root_fs: pool/sink
    serve: {type: local, listener_name: backup}
)");
    Result result = runHoldfast({u"--config"_s, good, u"configcheck"_s});
    QCOMPARE(result.err, QString());
    QCOMPARE(result.out, good + u": ok, 2 job(s): home, backup\n"_s);
    QCOMPARE(result.exitCode, 0);

    // --config after the command works as well.
    const QString empty = writeFile(u"empty.yml"_s, "jobs: []\n");
    result = runHoldfast({u"configcheck"_s, u"--config"_s, empty});
    QCOMPARE(result.out, empty + u": ok, 0 job(s)\n"_s);
    QCOMPARE(result.exitCode, 0);

    const QString bad = writeFile(u"bad.yml"_s, "jobs:\n  - name: x\n    type: bogus\n");
    result = runHoldfast({u"--config"_s, bad, u"configcheck"_s});
    QCOMPARE(result.exitCode, 1);
    QCOMPARE(result.out, QString());
    QVERIFY2(result.err.startsWith(bad + u":3:"_s), qPrintable(result.err));
    QVERIFY2(result.err.contains(u"jobs[0].type"_s), qPrintable(result.err));

    result = runHoldfast({u"--config"_s, m_dir.filePath(u"missing.yml"_s), u"configcheck"_s});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.startsWith(m_dir.filePath(u"missing.yml"_s)), qPrintable(result.err));
}

void TestCommandLine::status()
{
    FakeDaemon daemon(m_socket);
    const QByteArray document = readCapture(u"status-snap-after-wakeup.json"_s);
    daemon.answer("/status", 200, document);

    Result result = runHoldfast({u"--socket"_s, m_socket, u"status"_s, u"--raw"_s});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out.toUtf8(), document);

    result = runHoldfast({u"status"_s, u"--socket"_s, m_socket});
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(
        result.out.startsWith(u"Job: snapjob\n    Type: snap\n    Pruning snapshots:\n        Status: PlanErr\n"_s),
        qPrintable(result.out));
    QVERIFY(result.out.endsWith(u"        Sleep until: 2026-11-24 00:19:51.078128234 +0000 UTC\n"_s));

    result = runHoldfast({u"status"_s, u"--socket"_s, m_socket, u"--raw"_s, u"--job"_s, u"_control"_s});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out, uR"({"_control":{"internal":null,"type":"internal"}})"_s + u'\n');

    result = runHoldfast({u"status"_s, u"--socket"_s, m_socket, u"--job"_s, u"nosuchjob"_s});
    QCOMPARE(result.exitCode, 1);
    QCOMPARE(result.out, QString());
    QCOMPARE(result.err, u"Job nosuchjob does not exist\n"_s);

    daemon.answer("/status", 500, "internal trouble");
    result = runHoldfast({u"status"_s, u"--socket"_s, m_socket, u"--raw"_s});
    QCOMPARE(result.exitCode, 1);
    QCOMPARE(result.err, u"Received error response:\ninternal trouble\n"_s);

    daemon.answer("/status", 200, "{not json");
    result = runHoldfast({u"status"_s, u"--socket"_s, m_socket});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.startsWith(u"cannot read the daemon's status: "_s), qPrintable(result.err));
}

void TestCommandLine::signal_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("answer");
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("err");

    // Answers and messages as in zrepl's captured CLI sessions (cli_signal_*.txt).
    QTest::addRow("wakeup") << QStringList{u"wakeup"_s, u"snapjob"_s} << 200 << QByteArray("{}\n")
                            << QByteArray(R"({"Name":"snapjob","Op":"wakeup"})") << 0 << QString();
    QTest::addRow("reset refused") << QStringList{u"reset"_s, u"snapjob"_s} << 500 << QByteArray("already reset")
                                   << QByteArray(R"({"Name":"snapjob","Op":"reset"})") << 1 << u"already reset\n"_s;
    QTest::addRow("unknown job") << QStringList{u"wakeup"_s, u"nosuchjob"_s} << 500
                                 << QByteArray("Job nosuchjob does not exist")
                                 << QByteArray(R"({"Name":"nosuchjob","Op":"wakeup"})") << 1
                                 << u"Job nosuchjob does not exist\n"_s;
    QTest::addRow("unknown operation goes to the daemon")
        << QStringList{u"bogus"_s, u"snapjob"_s} << 500 << QByteArray(R"(operation "bogus" is invalid)")
        << QByteArray(R"({"Name":"snapjob","Op":"bogus"})") << 1 << uR"(operation "bogus" is invalid)"_s + u'\n';
}

void TestCommandLine::signal()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, status);
    QFETCH(QByteArray, answer);
    QFETCH(QByteArray, request);
    QFETCH(int, exitCode);
    QFETCH(QString, err);

    FakeDaemon daemon(m_socket);
    daemon.answer("/signal", status, answer);
    const Result result = runHoldfast(QStringList{u"signal"_s} + arguments + QStringList{u"--socket"_s, m_socket});
    QCOMPARE(daemon.lastBody(), request);
    QCOMPARE(result.exitCode, exitCode);
    QCOMPARE(result.out, QString());
    QCOMPARE(result.err, err);
}

void TestCommandLine::waitAgainstZrepl_data()
{
    QTest::addColumn<QString>("runError");  // empty: the run succeeds; "-": no run happens
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::addRow("succeeded") << QString() << 0 << u"the run of job \"push\" succeeded"_s;
    QTest::addRow("failed") << u"cannot receive: dataset is busy"_s << 1
                            << u"the run of job \"push\" failed: 1 filesystem(s) failed: pool/home: cannot receive: dataset is busy"_s;
    QTest::addRow("timed out") << u"-"_s << 124 << u"gave up waiting for job \"push\" after 1 s"_s;
}

// zrepl's daemon has no run numbers: the wait watches /status for a replication that started after the wakeup and
// has pruned both sides.
void TestCommandLine::waitAgainstZrepl()
{
    QFETCH(QString, runError);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    FakeDaemon daemon(m_socket);
    daemon.answer("/status", 200, pushStatus(1000));
    daemon.answer("/signal", 200, "{}");
    daemon.onRequest = [&](const QByteArray &path) {
        if (path == "/signal" && runError != u"-") {
            daemon.answer("/status", 200, pushStatus(2000, runError));
        }
    };
    const Result result = runHoldfast({u"signal"_s, u"wakeup"_s, u"push"_s, u"--wait"_s, u"--timeout"_s, u"1s"_s,
                                       u"--socket"_s, m_socket});
    QCOMPARE(result.exitCode, exitCode);
    QCOMPARE((exitCode == 0 ? result.out : result.err).trimmed(), message);
}

// Holdfast's daemon names the run a wakeup started; the wait ends when that run has.
void TestCommandLine::waitAgainstHoldfast()
{
    FakeDaemon daemon(m_socket);
    daemon.answer("/holdfast/v1/runs", 200, runsJson(2, false, 2, true));
    daemon.answer("/holdfast/v1/wakeup", 200, R"({"job": "push", "run": 3})");
    int polls = 0;
    daemon.onRequest = [&](const QByteArray &path) {
        if (path == "/holdfast/v1/wakeup") {
            daemon.answer("/holdfast/v1/runs", 200, runsJson(3, true, 2, true));
        } else if (path == "/holdfast/v1/runs" && ++polls == 4) {
            daemon.answer("/holdfast/v1/runs", 200, runsJson(3, false, 3, false, u"pruning the sender failed: busy"_s));
        }
    };
    const Result result = runHoldfast({u"signal"_s, u"wakeup"_s, u"push"_s, u"--wait"_s, u"--socket"_s, m_socket});
    QCOMPARE(daemon.lastBody(), QByteArray());
    QCOMPARE(result.exitCode, 1);
    QCOMPARE(result.err.trimmed(), u"run 3 of job \"push\" failed: pruning the sender failed: busy"_s);
}

// A job that is running refuses the wakeup (zrepl's rule): the wait lets that run end, wakes the job once more and
// waits for that run.
void TestCommandLine::waitForABusyJob()
{
    FakeDaemon daemon(m_socket);
    daemon.answer("/holdfast/v1/runs", 200, runsJson(5, true, 4, true));
    daemon.answer("/holdfast/v1/wakeup", 409, "already woken up");
    int wakeups = 0;
    int polls = 0;
    daemon.onRequest = [&](const QByteArray &path) {
        if (path == "/holdfast/v1/wakeup" && ++wakeups == 2) {
            daemon.answer("/holdfast/v1/wakeup", 200, R"({"job": "push", "run": 6})");
            daemon.answer("/holdfast/v1/runs", 200, runsJson(6, true, 5, true));
        } else if (path == "/holdfast/v1/runs" && ++polls == 3) {
            // The busy run ends.
            daemon.answer("/holdfast/v1/runs", 200, runsJson(5, false, 5, true));
        } else if (path == "/holdfast/v1/runs" && polls == 6) {
            daemon.answer("/holdfast/v1/runs", 200, runsJson(6, false, 6, true));
        }
    };
    const Result result = runHoldfast({u"signal"_s, u"wakeup"_s, u"push"_s, u"--wait"_s, u"--socket"_s, m_socket});
    QCOMPARE(wakeups, 2);
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out.trimmed(), u"run 6 of job \"push\" succeeded"_s);
}

void TestCommandLine::version()
{
    FakeDaemon daemon(m_socket);
    const QByteArray zrepl = readCapture(u"version.json"_s);
    daemon.answer("/version", 200, zrepl);
    const QString client = u"client: "_s + Api::VersionInfo::current().toString() + u'\n';
    const QString server = u"server: zrepl version=v0.2.1-25-g58c08c8 GOOS=linux GOARCH=amd64 Compiler=gc\n"_s;

    Result result = runHoldfast({u"--socket"_s, m_socket, u"version"_s});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out, client + server);
    QCOMPARE(result.err, u"WARNING: client version != daemon version, restart the daemon\n"_s);

    result = runHoldfast({u"--socket"_s, m_socket, u"version"_s, u"--show"_s, u"daemon"_s});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out, server);
    QCOMPARE(result.err, QString());

    result = runHoldfast({u"version"_s, u"--show"_s, u"client"_s});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out, client);

    daemon.answer("/version", 200, Api::VersionInfo::current().toJson());
    result = runHoldfast({u"--socket"_s, m_socket, u"version"_s});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out, client + u"server: "_s + Api::VersionInfo::current().toString() + u'\n');
    QCOMPARE(result.err, QString());
}

QTEST_GUILESS_MAIN(TestCommandLine)
#include "TestCommandLine.moc"
