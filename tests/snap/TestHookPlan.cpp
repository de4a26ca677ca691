// SPDX-License-Identifier: MIT
// zrepl's snapshot hooks: order of edges, err_is_fatal, timeouts and the environment a hook sees.
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "daemon/async/TaskRunner.h"
#include "daemon/snapper/HookPlan.h"

using namespace Daemon;
using namespace Qt::StringLiterals;

namespace {

// Writes an executable shell script that appends "<name> $ZREPL_HOOKTYPE" to the journal and exits with `code`.
QString script(const QTemporaryDir &dir, const QString &name, int code, const QString &extra = {})
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        qFatal("cannot write %s", qPrintable(path));
    }
    file.write(u"#!/bin/sh\necho \"%1 $ZREPL_HOOKTYPE $ZREPL_FS $ZREPL_SNAPNAME $ZREPL_TIMEOUT dry=$ZREPL_DRYRUN\" >> %2\n%3\nexit %4\n"_s
                   .arg(name, dir.filePath(u"journal"_s), extra)
                   .arg(code)
                   .toUtf8());
    file.close();
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return path;
}

Config::Hook hook(const QString &path, bool fatal = false, std::chrono::seconds timeout = std::chrono::seconds(30))
{
    Config::Hook h;
    h.type = Config::Hook::Type::Command;
    h.path = path;
    h.errIsFatal = fatal;
    h.timeout = timeout;
    return h;
}

QStringList journal(const QTemporaryDir &dir)
{
    QFile file(dir.filePath(u"journal"_s));
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QString::fromUtf8(file.readAll()).split(u'\n', Qt::SkipEmptyParts);
}

struct Outcome
{
    QStringList journal;
    QList<HookStep> steps;
    bool snapshotTaken = false;
    QString table;
};

Outcome runPlan(const QTemporaryDir &dir, QList<Config::Hook> hooks, QString snapshotError = {})
{
    Outcome out;
    bool *taken = &out.snapshotTaken;
    const QString journalPath = dir.filePath(u"journal"_s);
    auto callback = [taken, snapshotError, journalPath]() -> Async::Task<QString> {
        *taken = snapshotError.isEmpty();
        QFile file(journalPath);
        if (file.open(QIODevice::Append)) {
            file.write("snapshot\n");
        }
        co_return snapshotError;
    };
    HookPlan plan(hooks, {{u"ZREPL_FS"_s, u"pool/fs"_s}, {u"ZREPL_SNAPNAME"_s, u"zrepl_1"_s}}, callback, Log::Context(u"job"_s, {}));
    Async::TaskRunner runner;
    int changes = 0;
    runner.start(plan.run([&changes] { ++changes; }));
    if (!QTest::qWaitFor([&runner] { return !runner.isRunning(); }, 10000)) {
        qWarning("hook plan did not finish");
    }
    out.journal = journal(dir);
    out.steps = plan.steps();
    out.table = plan.table();
    if (changes == 0) {
        qWarning("no change notifications");
    }
    return out;
}

QList<HookStep::Status> statuses(const QList<HookStep> &steps)
{
    QList<HookStep::Status> out;
    for (const HookStep &step : steps) {
        out.append(step.status);
    }
    return out;
}

}  // namespace

class TestHookPlan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void noHooksOnlySnapshot();
    void orderAndEnvironment();
    void nonFatalPreErrorStillSnapshots();
    void fatalPreErrorSkipsSnapshot();
    void timeout();
    void missingProgram();
    void snapshotFailure();
    void unsupportedHookType();
};

void TestHookPlan::noHooksOnlySnapshot()
{
    QTemporaryDir dir;
    const Outcome out = runPlan(dir, {});
    QCOMPARE(out.journal, QStringList{u"snapshot"_s});
    QVERIFY(out.snapshotTaken);
    QCOMPARE(out.steps.size(), 1);
    QCOMPARE(out.steps[0].status, HookStep::Status::Ok);
    QVERIFY(out.table.startsWith(u"1 Ok "_s));
}

void TestHookPlan::orderAndEnvironment()
{
    QTemporaryDir dir;
    const Outcome out = runPlan(dir, {hook(script(dir, u"a"_s, 0)), hook(script(dir, u"b"_s, 0), false, std::chrono::seconds(5))});
    QCOMPARE(out.journal, (QStringList{u"a pre_snapshot pool/fs zrepl_1 30 dry="_s, u"b pre_snapshot pool/fs zrepl_1 5 dry="_s,
                                       u"snapshot"_s, u"b post_snapshot pool/fs zrepl_1 5 dry="_s,
                                       u"a post_snapshot pool/fs zrepl_1 30 dry="_s}));
    QCOMPARE(statuses(out.steps), QList<HookStep::Status>(5, HookStep::Status::Ok));
    QCOMPARE(out.steps[1].edge, HookStep::Edge::Pre);
    QCOMPARE(out.steps[2].edge, HookStep::Edge::Callback);
    QCOMPARE(out.steps[3].hook, out.steps[1].hook);
    QVERIFY(out.steps[0].report.contains(u"command hook invocation: \"ZREPL_DRYRUN='' ZREPL_FS='pool/fs' ZREPL_HOOKTYPE='pre_snapshot'"_s));
    QCOMPARE(out.table.split(u'\n').size(), 5);
}

void TestHookPlan::nonFatalPreErrorStillSnapshots()
{
    QTemporaryDir dir;
    const Outcome out = runPlan(dir, {hook(script(dir, u"a"_s, 3)), hook(script(dir, u"b"_s, 0))});
    QVERIFY(out.snapshotTaken);
    using S = HookStep::Status;
    // a's pre failed: its post edge is skipped; b runs fully.
    QCOMPARE(statuses(out.steps), (QList<S>{S::Err, S::Ok, S::Ok, S::Ok, S::SkippedDueToPreErr}));
    QVERIFY(out.steps[0].report.endsWith(u"FAILED with error: exit status 3"_s));
    QCOMPARE(out.journal.last(), u"b post_snapshot pool/fs zrepl_1 30 dry="_s);
}

void TestHookPlan::fatalPreErrorSkipsSnapshot()
{
    QTemporaryDir dir;
    const Outcome out = runPlan(dir, {hook(script(dir, u"a"_s, 0)), hook(script(dir, u"b"_s, 1), true), hook(script(dir, u"c"_s, 0))});
    QVERIFY(!out.snapshotTaken);
    QVERIFY(!out.journal.contains(u"snapshot"_s));
    QVERIFY(!out.journal.join(u'\n').contains(u"c "_s));
    using S = HookStep::Status;
    // steps: pre a, pre b, pre c, callback, post c, post b, post a
    QCOMPARE(statuses(out.steps), (QList<S>{S::Ok, S::Err, S::SkippedDueToFatalErr, S::SkippedDueToFatalErr,
                                             S::SkippedDueToFatalErr, S::SkippedDueToFatalErr, S::Ok}));
    // The hook whose pre edge succeeded gets its post edge: it may have frozen a database.
    QCOMPARE(out.journal.last(), u"a post_snapshot pool/fs zrepl_1 30 dry="_s);
}

void TestHookPlan::timeout()
{
    QTemporaryDir dir;
    const Outcome out = runPlan(dir, {hook(script(dir, u"slow"_s, 0, u"sleep 5"_s), true, std::chrono::seconds(1))});
    QVERIFY(!out.snapshotTaken);
    QCOMPARE(out.steps[0].status, HookStep::Status::Err);
    QVERIFY2(out.steps[0].report.contains(u"timed out after 1s"_s), qPrintable(out.steps[0].report));
}

void TestHookPlan::missingProgram()
{
    QTemporaryDir dir;
    const Outcome out = runPlan(dir, {hook(dir.filePath(u"does-not-exist"_s))});
    QVERIFY(out.snapshotTaken);  // not fatal
    QCOMPARE(out.steps[0].status, HookStep::Status::Err);
    QVERIFY(out.steps[0].report.contains(u"FAILED with error"_s));
}

void TestHookPlan::snapshotFailure()
{
    QTemporaryDir dir;
    const Outcome out = runPlan(dir, {hook(script(dir, u"a"_s, 0))}, u"dataset is busy"_s);
    using S = HookStep::Status;
    QCOMPARE(statuses(out.steps), (QList<S>{S::Ok, S::Err, S::Ok}));
    QVERIFY(out.steps[1].report.contains(u"dataset is busy"_s));
}

void TestHookPlan::unsupportedHookType()
{
    QTemporaryDir dir;
    Config::Hook pg;
    pg.type = Config::Hook::Type::PostgresCheckpoint;
    pg.dsn = u"host=localhost"_s;
    pg.errIsFatal = true;
    const Outcome out = runPlan(dir, {pg});
    QVERIFY(!out.snapshotTaken);
    QVERIFY(out.steps[0].report.contains(u"not supported by Holdfast"_s));
}

QTEST_MAIN(TestHookPlan)
#include "TestHookPlan.moc"
