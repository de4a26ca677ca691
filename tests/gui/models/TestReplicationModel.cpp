// SPDX-License-Identifier: MIT
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <cmath>

#include "StatusFixtures.h"
#include "app/models/ErrorsOnlyFilter.h"
#include "app/models/Format.h"
#include "app/models/ModelRole.h"
#include "app/models/ReplicationModel.h"

using namespace Gui;
using namespace Fixtures;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 MiB = 1024 * 1024;
using FsState = Api::FilesystemState;

// Attempt 1 failed for tank/b; attempt 2 retries it (resumed) and sends tank/c.
Api::ReplicationReport multiAttempt(qint64 bReplicated = 600, qint64 cReplicated = 0)
{
    Api::ReplicationReport r;
    r.startAt = at(0);

    Api::AttemptReport first;
    first.state = Api::AttemptState::FilesystemError;
    first.startAt = at(0);
    first.finishAt = at(62);
    Api::FilesystemReport failed = filesystem(u"tank/b"_s, FsState::StepError, {step(u"@s1"_s, u"@s2"_s, 2000, 500)}, 0);
    failed.stepError = error(u"zfs send: connection reset\nby peer"_s, 61);
    first.filesystems = {
        filesystem(u"tank/a"_s, FsState::Done, {step({}, u"@s1"_s, 1000, 1000)}, 1),
        failed,
    };

    Api::AttemptReport second;
    second.state = Api::AttemptState::FanOutFilesystems;
    second.startAt = at(70);
    second.filesystems = {
        filesystem(u"tank/a"_s, FsState::Done, {}, 0),
        filesystem(u"tank/b"_s, FsState::Stepping,
                   {step(u"@s1"_s, u"@s2"_s, 2000, bReplicated, true), step(u"@s2"_s, u"@s3"_s, 1000, 0)}, 0),
        filesystem(u"tank/c"_s, FsState::Stepping,
                   {step({}, u"@s1"_s, 4000, 4000, false, Api::EncryptedMode::Yes),
                    step(u"@s1"_s, u"@s2"_s, 100, cReplicated)},
                   1),
    };
    r.attempts = {first, second};
    return r;
}

Api::DaemonStatus withReport(const Api::ReplicationReport &report)
{
    return daemon({{u"push"_s, pushJob(report)}, {u"snap"_s, snapJob(waitingSnapper(60))}});
}

QDateTime t0()
{
    return at(100).toDateTime();
}

// "row,column" of every cell a dataChanged range covers, with the parent's path in front.
QStringList changedCells(const QSignalSpy &spy)
{
    QStringList cells;
    for (const QList<QVariant> &signal : spy) {
        const auto topLeft = signal.at(0).value<QModelIndex>();
        const auto bottomRight = signal.at(1).value<QModelIndex>();
        QString path;
        for (QModelIndex p = topLeft.parent(); p.isValid(); p = p.parent()) {
            path.prepend(QString::number(p.row()) + u'/');
        }
        for (int r = topLeft.row(); r <= bottomRight.row(); ++r) {
            for (int c = topLeft.column(); c <= bottomRight.column(); ++c) {
                cells.append(path + QString::number(r) + u',' + QString::number(c));
            }
        }
    }
    cells.sort();
    return cells;
}

}  // namespace

class TestReplicationModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void noReportForOtherJobs();
    void capturedPlanningError();
    void treeShape();
    void cellTexts();
    void stepProgressRole();
    void bytesChangeUpdatesInPlace();
    void unchangedDocumentSignalsNothing();
    void rateFromTwoUpdates();
    void rateIsSmoothed();
    void rateOnlyWhileSending();
    void structuralChanges();
    void newRunResets();
    void setJobFromLastStatus();
    void errorsOnlyFilter();
    void errorsOnlyFilterFollowsUpdates();
    void errorsOnlyFilterShowsPlanningErrors();
    void indexHashesSpread();
};

void TestReplicationModel::noReportForOtherJobs()
{
    ReplicationModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.update(withReport(multiAttempt()), t0());
    QCOMPARE(model.rowCount(), 0);  // no job chosen
    model.setJob(u"snap"_s);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.hasReport());
    model.setJob(u"nosuchjob"_s);
    QCOMPARE(model.rowCount(), 0);
    model.update(load(u"status-multi-idle.json"_s));
    model.setJob(u"pushjob"_s);  // replication null until it first runs
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.hasReport());
}

void TestReplicationModel::capturedPlanningError()
{
    ReplicationModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setJob(u"pushjob"_s);
    model.update(load(u"status-multi-after-wakeup.json"_s));
    QVERIFY(model.hasReport());
    QCOMPARE(model.rowCount(), 1);
    const QModelIndex attempt = model.index(0, ReplicationModel::ItemColumn);
    QCOMPARE(model.rowCount(attempt), 0);
    const Api::AttemptReport &report = model.report().attempts.at(0);
    QCOMPARE(attempt.data().toString(),
             u"Attempt 1 — planning failed, %1–%2"_s.arg(Format::time(report.startAt.toDateTime()),
                                                         Format::time(report.finishAt.toDateTime())));
    QCOMPARE(model.index(0, ReplicationModel::StateColumn).data().toString(), u"planning failed"_s);
    const QModelIndex details = model.index(0, ReplicationModel::DetailsColumn);
    QCOMPARE(details.data().toString(), u"zfs exited with error: exit status 1 …"_s);
    QVERIFY(details.data(Qt::ToolTipRole).toString().endsWith(u"failed to initialize ZFS library"_s));
    QCOMPARE(details.data(FullTextRole).toString(), details.data(Qt::ToolTipRole).toString());
    QVERIFY(attempt.data(HasErrorRole).toBool());
    QCOMPARE(attempt.data(ItemKindRole).toInt(), int(ReplicationModel::ItemKind::Attempt));
    // zrepl never sets the run's FinishAt, but the attempt failed: nothing is sent, so there is no rate.
    QCOMPARE(model.index(0, ReplicationModel::RateColumn).data().toString(), QString());
    QCOMPARE(model.index(0, ReplicationModel::RateColumn).data(RateRole).toDouble(), -1.0);
}

void TestReplicationModel::treeShape()
{
    ReplicationModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setJob(u"push"_s);
    model.update(withReport(multiAttempt()), t0());

    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), int(ReplicationModel::ColumnCount));
    const QModelIndex first = model.index(0, 0);
    const QModelIndex second = model.index(1, 0);
    QCOMPARE(model.rowCount(first), 2);
    QCOMPARE(model.rowCount(second), 3);
    QCOMPARE(model.rowCount(model.index(0, 0, first)), 1);
    QCOMPARE(model.rowCount(model.index(1, 0, first)), 1);
    QCOMPARE(model.rowCount(model.index(0, 0, second)), 0);
    QCOMPARE(model.rowCount(model.index(1, 0, second)), 2);
    QCOMPARE(model.rowCount(model.index(2, 0, second)), 2);
    // Only column 0 has children.
    QCOMPARE(model.rowCount(model.index(1, 1)), 0);

    const QModelIndex stepIndex = model.index(1, 0, model.index(2, 0, second));
    QCOMPARE(stepIndex.parent(), model.index(2, 0, second));
    QCOMPARE(stepIndex.parent().parent(), second);
    QVERIFY(!second.parent().isValid());
    QCOMPARE(model.kind(stepIndex), ReplicationModel::ItemKind::Step);
    QCOMPARE(model.kind(stepIndex.parent()), ReplicationModel::ItemKind::Filesystem);
    QCOMPARE(model.attemptOf(stepIndex), 1);
    QCOMPARE(model.filesystemOf(stepIndex), 2);
    QCOMPARE(stepIndex.data(ItemKindRole).toInt(), int(ReplicationModel::ItemKind::Step));
    QCOMPARE(stepIndex.data(JobNameRole).toString(), u"push"_s);
}

void TestReplicationModel::cellTexts()
{
    ReplicationModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setJob(u"push"_s);
    model.update(withReport(multiAttempt()), t0());

    QCOMPARE(rowTexts(model),
             (QStringList{
                 u"Attempt 1 — failed for some filesystems, %1–%2 | failed for some filesystems | %3 |  | 1 of 2 "
                 u"filesystems done, 1 failed"_s.arg(Format::time(at(0).toDateTime()), Format::time(at(62).toDateTime()),
                                                     Format::progress(1500, 3000)),
                 u"Attempt 2 — replicating, since %1 | replicating | %2 | — | 1 of 3 filesystems done"_s.arg(
                     Format::time(at(70).toDateTime()), Format::progress(4600, 7100)),
             }));
    QCOMPARE(rowTexts(model, model.index(0, 0)),
             (QStringList{u"tank/a | done | %1 |  | "_s.arg(Format::progress(1000, 1000)),
                          u"tank/b | failed | 500 bytes of 2.0 KiB |  | zfs send: connection reset …"_s}));
    QCOMPARE(rowTexts(model, model.index(1, 0)),
             (QStringList{u"tank/a | done | — |  | "_s,
                          u"tank/b | replicating step 1 of 2 | 600 bytes of 2.9 KiB | — | "_s,
                          u"tank/c | replicating step 2 of 2 | 3.9 KiB of 4.0 KiB | — | "_s}));
    QCOMPARE(rowTexts(model, model.index(1, 0, model.index(1, 0))),
             (QStringList{u"@s1 → @s2 | replicating | 600 bytes of 2.0 KiB | — | resumed"_s,
                          u"@s2 → @s3 | pending | %1 |  | "_s.arg(Format::progress(0, 1000))}));
    QCOMPARE(rowTexts(model, model.index(2, 0, model.index(1, 0))),
             (QStringList{u"full → @s1 | done | 3.9 KiB of 3.9 KiB |  | encrypted"_s,
                          u"@s1 → @s2 | replicating | 0 bytes of 100 bytes | — | "_s}));
    QCOMPARE(rowTexts(model, model.index(1, 0, model.index(0, 0))),
             (QStringList{u"@s1 → @s2 | failed | 500 bytes of 2.0 KiB |  | "_s}));

    const QModelIndex failedFs = model.index(1, ReplicationModel::DetailsColumn, model.index(0, 0));
    QCOMPARE(failedFs.data(Qt::ToolTipRole).toString(), u"zfs send: connection reset\nby peer"_s);
    QCOMPARE(failedFs.data(FullTextRole).toString(), u"zfs send: connection reset\nby peer"_s);
    QVERIFY(failedFs.data(HasErrorRole).toBool());
    QVERIFY(failedFs.data(Qt::ForegroundRole).isValid());
    // The failed step carries the error in its tooltip.
    const QModelIndex failedStep = model.index(0, ReplicationModel::DetailsColumn, model.index(1, 0, model.index(0, 0)));
    QCOMPARE(failedStep.data(Qt::ToolTipRole).toString(), u"zfs send: connection reset\nby peer"_s);
    QVERIFY(failedStep.data(HasErrorRole).toBool());
    QVERIFY(!model.index(0, 0, model.index(0, 0)).data(HasErrorRole).toBool());
    QCOMPARE(model.headerData(ReplicationModel::RateColumn, Qt::Horizontal).toString(), u"Rate"_s);
}

void TestReplicationModel::stepProgressRole()
{
    ReplicationModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setJob(u"push"_s);
    model.update(withReport(multiAttempt()), t0());
    const QModelIndex second = model.index(1, 0);
    auto progress = [&model](const QModelIndex &parent, int row) {
        return model.index(row, ReplicationModel::ProgressColumn, parent).data(ProgressRole).toInt();
    };
    const QModelIndex b = model.index(1, 0, second);
    const QModelIndex c = model.index(2, 0, second);
    QCOMPARE(progress(b, 0), 30);  // 600 of 2000
    QCOMPARE(progress(b, 1), 0);
    QCOMPARE(progress(c, 0), 100);
    QCOMPARE(progress(c, 1), 0);
    QCOMPARE(progress(second, 1), 20);  // 600 of 3000
    QCOMPARE(progress(second, 2), 97);  // 4000 of 4100
    QCOMPARE(progress(QModelIndex(), 1), 64);  // 4600 of 7100
    QCOMPARE(progress(second, 0), -1);  // nothing to send, nothing to measure
    const QModelIndex bytes = model.index(0, ReplicationModel::ProgressColumn, b);
    QCOMPARE(bytes.data(BytesReplicatedRole).toLongLong(), 600);
    QCOMPARE(bytes.data(BytesExpectedRole).toLongLong(), 2000);
    QVERIFY(!model.index(0, ReplicationModel::StateColumn, b).data(ProgressRole).isValid());
}

void TestReplicationModel::bytesChangeUpdatesInPlace()
{
    ReplicationModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setJob(u"push"_s);
    model.update(withReport(multiAttempt(600)), t0());
    ModelSpies spies(&model);
    // Same moment: bytes move, no rate can be taken yet.
    model.update(withReport(multiAttempt(900)), t0());

    QCOMPARE(spies.structural(), 0);
    QCOMPARE(changedCells(spies.dataChanged),
             (QStringList{u"1,2"_s, u"1,3"_s, u"1,4"_s,  // attempt 2: progress and "n of m done"
                          u"1/1,2"_s,  // tank/b's progress
                          u"1/1/0,2"_s}));  // its first step's progress
    QCOMPARE(spies.dataChanged.count(), 3);
    QCOMPARE(model.index(0, ReplicationModel::ProgressColumn, model.index(1, 0, model.index(1, 0))).data(ProgressRole).toInt(),
             45);
    // Bytes are content: the signals name their roles, and the filter role (HasErrorRole) is not among them.
    for (const QList<QVariant> &signal : std::as_const(spies.dataChanged)) {
        const auto roles = signal.at(2).value<QList<int>>();
        QVERIFY(roles.contains(ProgressRole));
        QVERIFY(roles.contains(Qt::DisplayRole));
        QVERIFY(!roles.contains(HasErrorRole));
    }

    // An error that appears is more than content: every role may have changed.
    Api::ReplicationReport failing = multiAttempt(900);
    failing.attempts.last().filesystems[2].state = FsState::StepError;
    failing.attempts.last().filesystems[2].stepError = error(u"out of space"_s, 90);
    spies.dataChanged.clear();
    model.update(withReport(failing), t0());
    bool allRoles = false;
    for (const QList<QVariant> &signal : std::as_const(spies.dataChanged)) {
        const auto topLeft = signal.at(0).value<QModelIndex>();
        if (model.kind(topLeft) == ReplicationModel::ItemKind::Filesystem && topLeft.row() == 2) {
            allRoles = allRoles || signal.at(2).value<QList<int>>().isEmpty();
        }
    }
    QVERIFY(allRoles);
}

void TestReplicationModel::unchangedDocumentSignalsNothing()
{
    ReplicationModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setJob(u"push"_s);
    model.update(withReport(multiAttempt()), t0());
    ModelSpies spies(&model);
    model.update(withReport(multiAttempt()), t0());
    QCOMPARE(spies.structural(), 0);
    QCOMPARE(spies.dataChanged.count(), 0);
}

void TestReplicationModel::rateFromTwoUpdates()
{
    ReplicationModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setJob(u"push"_s);
    model.update(withReport(multiAttempt(600, 0)), t0());
    const QModelIndex b = model.index(1, 0, model.index(1, 0));
    QCOMPARE(model.index(0, ReplicationModel::RateColumn, b).data(RateRole).toDouble(), -1.0);

    ModelSpies spies(&model);
    model.update(withReport(multiAttempt(600 + 3 * MiB, 50)), t0().addSecs(1));
    QCOMPARE(spies.structural(), 0);
    const QModelIndex stepRate = model.index(0, ReplicationModel::RateColumn, b);
    QCOMPARE(stepRate.data(RateRole).toDouble(), 3.0 * MiB);
    QCOMPARE(stepRate.data().toString(), u"3.0 MiB/s"_s);
    QCOMPARE(model.index(1, ReplicationModel::RateColumn, model.index(1, 0)).data(RateRole).toDouble(), 3.0 * MiB);
    QCOMPARE(model.index(2, ReplicationModel::RateColumn, model.index(1, 0)).data(RateRole).toDouble(), 50.0);
    QCOMPARE(model.index(1, ReplicationModel::RateColumn).data(RateRole).toDouble(), 3.0 * MiB + 50);
    QCOMPARE(model.filesystemRate(1), 3.0 * MiB);
    // The step after it sends nothing yet: no rate.
    QCOMPARE(model.index(1, ReplicationModel::RateColumn, b).data(RateRole).toDouble(), -1.0);
    QCOMPARE(model.index(1, ReplicationModel::RateColumn, b).data().toString(), QString());
    const QStringList cells = changedCells(spies.dataChanged);
    QVERIFY(cells.contains(u"1,3"_s));
    QVERIFY(cells.contains(u"1/1,3"_s));
    QVERIFY(cells.contains(u"1/1/0,3"_s));
    QVERIFY(cells.contains(u"1/2/1,3"_s));
    QVERIFY(!cells.contains(u"0,3"_s));  // the first attempt is over
}

void TestReplicationModel::rateIsSmoothed()
{
    ReplicationModel model;
    model.setJob(u"push"_s);
    model.update(withReport(multiAttempt(0)), t0());
    model.update(withReport(multiAttempt(1 * MiB)), t0().addSecs(1));
    model.update(withReport(multiAttempt(4 * MiB)), t0().addSecs(2));
    const double weight = 1.0 - std::exp(-1.0 / ReplicationModel::RateTimeConstantSeconds);
    const double expected = 1.0 * MiB + weight * (3.0 * MiB - 1.0 * MiB);
    QVERIFY(qFuzzyCompare(model.filesystemRate(1), expected));
    // An update too soon after the last one does not disturb the rate.
    model.update(withReport(multiAttempt(4 * MiB + 10)), t0().addSecs(2).addMSecs(10));
    QVERIFY(qFuzzyCompare(model.filesystemRate(1), expected));
    // A send that starts over (fewer bytes) starts its rate over.
    model.update(withReport(multiAttempt(100)), t0().addSecs(3));
    QCOMPARE(model.filesystemRate(1), -1.0);
}

void TestReplicationModel::rateOnlyWhileSending()
{
    ReplicationModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setJob(u"push"_s);
    model.update(withReport(multiAttempt(0)), t0());
    model.update(withReport(multiAttempt(MiB)), t0().addSecs(1));
    QVERIFY(model.filesystemRate(1) > 0);

    // The attempt ends: tank/b is done, and nothing has a rate any more.
    Api::ReplicationReport done = multiAttempt(2000, 100);
    Api::AttemptReport &last = done.attempts.last();
    last.state = Api::AttemptState::Done;
    last.finishAt = at(200);
    for (Api::FilesystemReport &fs : last.filesystems) {
        fs.state = FsState::Done;
        fs.currentStep = int(fs.steps.size());
    }
    ModelSpies spies(&model);
    model.update(withReport(done), t0().addSecs(2));
    QCOMPARE(spies.structural(), 0);
    QCOMPARE(model.filesystemRate(1), -1.0);
    QCOMPARE(model.index(1, ReplicationModel::RateColumn).data().toString(), QString());
    QCOMPARE(model.index(1, ReplicationModel::RateColumn, model.index(1, 0)).data().toString(), QString());
    const QStringList cells = changedCells(spies.dataChanged);
    QVERIFY(cells.contains(u"1,3"_s));
    QVERIFY(cells.contains(u"1/1,3"_s));
    QVERIFY(cells.contains(u"1/1/0,3"_s));
    QCOMPARE(model.index(1, 0).data().toString(),
             u"Attempt 2 — done, %1–%2"_s.arg(Format::time(at(70).toDateTime()), Format::time(at(200).toDateTime())));
}

void TestReplicationModel::structuralChanges()
{
    ReplicationModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setJob(u"push"_s);
    Api::ReplicationReport report = multiAttempt();
    model.update(withReport(report), t0());

    // Attempt 2 fails, attempt 3 starts planning.
    Api::AttemptReport &second = report.attempts.last();
    second.state = Api::AttemptState::FilesystemError;
    second.finishAt = at(300);
    second.filesystems[1].state = FsState::StepError;
    second.filesystems[1].stepError = error(u"broken pipe"_s, 299);
    Api::AttemptReport third;
    third.state = Api::AttemptState::Planning;
    third.startAt = at(310);
    report.attempts.append(third);
    {
        ModelSpies spies(&model);
        model.update(withReport(report), t0());
        QCOMPARE(spies.reset.count(), 0);
        QCOMPARE(spies.removed.count(), 0);
        QCOMPARE(spies.inserted.count(), 1);
        QVERIFY(!spies.inserted.at(0).at(0).value<QModelIndex>().isValid());
        QCOMPARE(spies.inserted.at(0).at(1).toInt(), 2);
        QCOMPARE(spies.inserted.at(0).at(2).toInt(), 2);
        const QStringList cells = changedCells(spies.dataChanged);
        QVERIFY(cells.contains(u"1,0"_s));  // the label of attempt 2
        QVERIFY(cells.contains(u"1/1,4"_s));  // tank/b's error
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(2, 0).data().toString(),
                 u"Attempt 3 — planning, since %1"_s.arg(Format::time(at(310).toDateTime())));
    }

    // Attempt 3 has planned: its filesystems appear, still without steps.
    report.attempts.last().state = Api::AttemptState::FanOutFilesystems;
    report.attempts.last().filesystems = {filesystem(u"tank/b"_s, FsState::Planning, {}, 0),
                                          filesystem(u"tank/c"_s, FsState::Planning, {}, 0)};
    {
        ModelSpies spies(&model);
        model.update(withReport(report), t0());
        QCOMPARE(spies.reset.count() + spies.removed.count(), 0);
        QCOMPARE(spies.inserted.count(), 1);
        QCOMPARE(spies.inserted.at(0).at(0).value<QModelIndex>(), model.index(2, 0));
        QCOMPARE(spies.inserted.at(0).at(1).toInt(), 0);
        QCOMPARE(spies.inserted.at(0).at(2).toInt(), 1);
    }

    // tank/c has planned its steps.
    report.attempts.last().filesystems[1] =
        filesystem(u"tank/c"_s, FsState::Stepping, {step(u"@s1"_s, u"@s2"_s, 100, 0), step(u"@s2"_s, u"@s3"_s, 100, 0)}, 0);
    {
        ModelSpies spies(&model);
        model.update(withReport(report), t0());
        QCOMPARE(spies.reset.count() + spies.removed.count(), 0);
        QCOMPARE(spies.inserted.count(), 1);
        QCOMPARE(spies.inserted.at(0).at(0).value<QModelIndex>(), model.index(1, 0, model.index(2, 0)));
        QCOMPARE(spies.inserted.at(0).at(1).toInt(), 0);
        QCOMPARE(spies.inserted.at(0).at(2).toInt(), 1);
        QVERIFY(changedCells(spies.dataChanged).contains(u"2/1,1"_s));  // tank/c: "replicating step 1 of 2"
        QCOMPARE(model.index(1, 1, model.index(2, 0)).data().toString(), u"replicating step 1 of 2"_s);
    }

    // A replanned filesystem whose steps differ is replaced under its row.
    report.attempts.last().filesystems[1].steps = {step(u"@s1"_s, u"@s4"_s, 300, 0)};
    {
        ModelSpies spies(&model);
        model.update(withReport(report), t0());
        QCOMPARE(spies.reset.count(), 0);
        QCOMPARE(spies.removed.count(), 1);
        QCOMPARE(spies.inserted.count(), 1);
        QCOMPARE(model.rowCount(model.index(1, 0, model.index(2, 0))), 1);
        QCOMPARE(model.index(0, 0, model.index(1, 0, model.index(2, 0))).data().toString(), u"@s1 → @s4"_s);
    }
}

void TestReplicationModel::newRunResets()
{
    ReplicationModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setJob(u"push"_s);
    model.update(withReport(multiAttempt()), t0());
    Api::ReplicationReport next = multiAttempt();
    next.startAt = at(1000);
    next.attempts.removeLast();
    ModelSpies spies(&model);
    model.update(withReport(next), t0());
    QCOMPARE(spies.reset.count(), 1);
    QCOMPARE(model.rowCount(), 1);

    // The job loses its report (a daemon restarted): empty again.
    model.update(daemon({{u"push"_s, pushJob(std::nullopt)}}), t0());
    QCOMPARE(spies.reset.count(), 2);
    QCOMPARE(model.rowCount(), 0);
}

void TestReplicationModel::setJobFromLastStatus()
{
    ReplicationModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.update(withReport(multiAttempt()), t0());
    ModelSpies spies(&model);
    model.setJob(u"push"_s);
    QCOMPARE(spies.reset.count(), 1);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.job(), u"push"_s);
    model.setJob(u"push"_s);  // the same job: nothing happens
    QCOMPARE(spies.reset.count(), 1);
    model.setJob(QString());
    QCOMPARE(model.rowCount(), 0);
}

void TestReplicationModel::errorsOnlyFilter()
{
    ReplicationModel model;
    ErrorsOnlyFilter filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester filterTester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setJob(u"push"_s);
    model.update(withReport(multiAttempt()), t0());

    QCOMPARE(filter.rowCount(), 2);  // off: everything
    filter.setErrorsOnly(true);
    QVERIFY(filter.errorsOnly());
    QCOMPARE(filter.rowCount(), 1);
    const QModelIndex attempt = filter.index(0, 0);
    QVERIFY(attempt.data().toString().startsWith(u"Attempt 1 —"_s));
    QCOMPARE(filter.rowCount(attempt), 1);
    const QModelIndex fs = filter.index(0, 0, attempt);
    QCOMPARE(fs.data().toString(), u"tank/b"_s);
    // Its steps come along.
    QCOMPARE(filter.rowCount(fs), 1);
    QCOMPARE(filter.index(0, 0, fs).data().toString(), u"@s1 → @s2"_s);

    filter.setErrorsOnly(false);
    QCOMPARE(filter.rowCount(), 2);
    QCOMPARE(filter.rowCount(filter.index(1, 0)), 3);
}

void TestReplicationModel::errorsOnlyFilterFollowsUpdates()
{
    ReplicationModel model;
    ErrorsOnlyFilter filter;
    filter.setSourceModel(&model);
    filter.setErrorsOnly(true);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester filterTester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setJob(u"push"_s);
    Api::ReplicationReport report = multiAttempt();
    model.update(withReport(report), t0());
    QCOMPARE(filter.rowCount(), 1);

    // tank/c fails in attempt 2: attempt 2 shows up with it, in place.
    Api::FilesystemReport &c = report.attempts.last().filesystems[2];
    c.state = FsState::StepError;
    c.stepError = error(u"out of space"_s, 90);
    model.update(withReport(report), t0());
    QCOMPARE(filter.rowCount(), 2);
    const QModelIndex second = filter.index(1, 0);
    QCOMPARE(filter.rowCount(second), 1);
    QCOMPARE(filter.index(0, 0, second).data().toString(), u"tank/c"_s);
    QCOMPARE(filter.index(0, ReplicationModel::DetailsColumn, second).data().toString(), u"out of space"_s);

    // And goes again when a later report clears it.
    model.update(withReport(multiAttempt()), t0());
    QCOMPARE(filter.rowCount(), 1);
}

void TestReplicationModel::errorsOnlyFilterShowsPlanningErrors()
{
    ReplicationModel model;
    ErrorsOnlyFilter filter;
    filter.setSourceModel(&model);
    filter.setErrorsOnly(true);
    QAbstractItemModelTester filterTester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setJob(u"pulljob"_s);
    model.update(load(u"status-multi-after-wakeup.json"_s));
    QCOMPARE(filter.rowCount(), 1);
    QVERIFY(filter.index(0, ReplicationModel::DetailsColumn).data().toString().startsWith(u"rpc error"_s));
}

void TestReplicationModel::indexHashesSpread()
{
    // Qt hashes a QModelIndex as (row << 4) + column + internalId into linearly probed tables (the persistent
    // indexes of a QTreeView's expanded rows). Steps of consecutive filesystems once had consecutive hashes: one
    // probe run as long as the tree, and collapseAll() took seconds. Their home buckets must scatter.
    constexpr int Filesystems = 2000;
    Api::ReplicationReport report;
    report.startAt = at(0);
    Api::AttemptReport attempt;
    attempt.state = Api::AttemptState::Done;
    for (int i = 0; i < Filesystems; ++i) {
        attempt.filesystems.append(filesystem(u"tank/%1"_s.arg(i), FsState::Done,
                                              {step({}, u"@a"_s, 1, 1), step(u"@a"_s, u"@b"_s, 1, 1)}, 2));
    }
    report.attempts = {attempt};
    ReplicationModel model;
    model.setJob(u"push"_s);
    model.update(withReport(report), t0());

    constexpr size_t Buckets = 16384;  // what QHash has for 4,000–8,000 entries
    std::vector<bool> used(Buckets);
    const QModelIndex top = model.index(0, 0);
    for (int i = 0; i < Filesystems; ++i) {
        const QModelIndex fs = model.index(i, 0, top);
        for (int s = 0; s < 2; ++s) {
            used[qHash(model.index(s, 0, fs), 0) % Buckets] = true;
        }
    }
    int longestRun = 0;
    int run = 0;
    for (size_t b = 0; b < 2 * Buckets; ++b) {
        run = used[b % Buckets] ? run + 1 : 0;
        longestRun = qMax(longestRun, run);
    }
    QVERIFY2(longestRun < 64, qPrintable(u"a run of %1 buckets"_s.arg(longestRun)));
}

QTEST_MAIN(TestReplicationModel)
#include "TestReplicationModel.moc"
