// SPDX-License-Identifier: MIT
// The Restore view's filesystem picker: the mounted ZFS filesystems the user can read (snapshots mounted under
// .zfs left out), those of the daemon's jobs even when unreadable (greyed, saying why), then the jobs' filesystems
// that are not mounted (backups), marked as such; a list equal to the one shown does not reset the model.
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include "app/models/RestoreSourceModel.h"

using namespace Gui;
using namespace Qt::StringLiterals;

namespace {

Restore::ZfsMounts mounts()
{
    return Restore::ZfsMounts({{u"rpool/home/alice"_s, u"/home/alice"_s, false},
                               {u"rpool/home/bob"_s, u"/home/bob"_s, false},
                               {u"rpool/srv"_s, u"/srv"_s, false},
                               {u"rpool/home/alice@snap"_s, u"/home/alice/.zfs/snapshot/snap"_s, true}});
}

Api::FilesystemFreshness filesystem(const QString &name)
{
    Api::FilesystemFreshness fs;
    fs.filesystem = name;
    return fs;
}

Api::FreshnessReport report()
{
    Api::JobFreshness push;
    push.job = u"push"_s;
    push.type = u"push"_s;
    push.filesystems = {filesystem(u"rpool/home/alice"_s), filesystem(u"rpool/srv"_s)};
    Api::JobFreshness sink;
    sink.job = u"sink"_s;
    sink.type = u"sink"_s;
    sink.filesystems = {filesystem(u"backup/ws/rpool/home/alice"_s)};
    Api::FreshnessReport report;
    report.jobs = {push, sink};
    return report;
}

// Alice may read her home and /srv; Bob's home is closed to her.
bool readable(const QString &path)
{
    return path != u"/home/bob";
}

}  // namespace

class TestRestoreSourceModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mountedThenBackups();
    void unreadableJobFilesystemStaysGreyed();
    void withoutTheDaemonOnlyWhatIsMounted();
    void sameListDoesNotReset();
};

void TestRestoreSourceModel::mountedThenBackups()
{
    const Api::FreshnessReport freshness = report();
    const QList<RestoreSource> sources = RestoreSourceModel::build(mounts(), &freshness, readable);
    QCOMPARE(sources.size(), 3);
    QCOMPARE(sources[0], (RestoreSource{u"rpool/home/alice"_s, u"/home/alice"_s, {u"push"_s}, false, true}));
    QCOMPARE(sources[1], (RestoreSource{u"rpool/srv"_s, u"/srv"_s, {u"push"_s}, false, true}));
    QCOMPARE(sources[2], (RestoreSource{u"backup/ws/rpool/home/alice"_s, QString(), {u"sink"_s}, true, true}));

    RestoreSourceModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSources(sources);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(0).data().toString(), u"/home/alice (rpool/home/alice)"_s);
    QCOMPARE(model.index(2).data().toString(), u"backup/ws/rpool/home/alice (backup, not mounted)"_s);
    QVERIFY(model.index(2).data(Qt::ToolTipRole).toString().contains(u"Received by job sink"_s));
    QCOMPARE(model.index(2).data(RestoreSourceModel::MountedRole).toBool(), false);
    QCOMPARE(model.index(1).data(RestoreSourceModel::DatasetRole).toString(), u"rpool/srv"_s);
    QCOMPARE(model.rowOfDataset(u"rpool/srv"_s), 1);
    QCOMPARE(model.rowOfDataset(u"nope"_s), -1);
}

void TestRestoreSourceModel::unreadableJobFilesystemStaysGreyed()
{
    Api::FreshnessReport freshness = report();
    freshness.jobs[0].filesystems.append(filesystem(u"rpool/home/bob"_s));
    RestoreSourceModel model;
    model.setSources(RestoreSourceModel::build(mounts(), &freshness, readable));
    const int bob = model.rowOfDataset(u"rpool/home/bob"_s);
    QVERIFY(bob >= 0);
    QCOMPARE(model.index(bob).data().toString(), u"/home/bob (rpool/home/bob, not readable by you)"_s);
    QVERIFY(model.index(bob).data(Qt::ForegroundRole).isValid());
    QVERIFY(model.index(bob).data(Qt::ToolTipRole).toString().contains(u"You may not read /home/bob"_s));
}

void TestRestoreSourceModel::withoutTheDaemonOnlyWhatIsMounted()
{
    // zrepl, or no report yet: the mounted filesystems the user can read; Bob's home is not offered.
    const QList<RestoreSource> sources = RestoreSourceModel::build(mounts(), nullptr, readable);
    QStringList datasets;
    for (const RestoreSource &source : sources) {
        datasets.append(source.dataset);
    }
    QCOMPARE(datasets, (QStringList{u"rpool/home/alice"_s, u"rpool/srv"_s}));
    QVERIFY(RestoreSourceModel::build(Restore::ZfsMounts(), nullptr, readable).isEmpty());
}

void TestRestoreSourceModel::sameListDoesNotReset()
{
    const Api::FreshnessReport freshness = report();
    RestoreSourceModel model;
    model.setSources(RestoreSourceModel::build(mounts(), &freshness, readable));
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.setSources(RestoreSourceModel::build(mounts(), &freshness, readable));
    QCOMPARE(resets.count(), 0);
    model.setSources(RestoreSourceModel::build(mounts(), nullptr, readable));
    QCOMPARE(resets.count(), 1);
}

QTEST_MAIN(TestRestoreSourceModel)
#include "TestRestoreSourceModel.moc"
