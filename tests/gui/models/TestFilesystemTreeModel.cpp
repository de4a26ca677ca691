// SPDX-License-Identifier: MIT
// The New backup assistant's filesystem tree, watched by QAbstractItemModelTester: parents and children as the
// daemon lists them (a missing parent leaves no hole), ticking a filesystem ticks what is below it, the filter and
// sizes of what is ticked, encrypted filesystems and those other jobs back up already; and the problems of a
// configuration text as a table.
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include "app/models/ConfigProblemsModel.h"
#include "app/models/FilesystemTreeModel.h"
#include "app/models/Format.h"
#include "app/models/ModelRole.h"

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 GiB = 1024LL * 1024 * 1024;

Api::FilesystemInfo fs(const QString &name, qint64 used, const QString &encryption = u"off"_s)
{
    Api::FilesystemInfo info;
    info.name = name;
    info.used = used;
    info.available = 100 * GiB;
    info.encryption = encryption;
    return info;
}

Api::FilesystemListing listing()
{
    Api::FilesystemListing out;
    out.pools = {{u"tank"_s, 500 * GiB, 100 * GiB, u"DEGRADED"_s}};
    out.filesystems = {fs(u"tank"_s, 300 * GiB),
                       fs(u"tank/home"_s, 100 * GiB),
                       fs(u"tank/home/alice"_s, 60 * GiB),
                       fs(u"tank/home/alice/cache"_s, 10 * GiB),
                       fs(u"tank/secret"_s, 5 * GiB, u"aes-256-gcm"_s),
                       // tank/lost is not listed (the daemon could not read it): its child hangs under tank.
                       fs(u"tank/lost/found"_s, 1 * GiB)};
    out.filesystems[1].sentBy = {u"home_to_usb"_s};
    out.filesystems[5].receivedBy = {u"sink"_s};
    return out;
}

}  // namespace

class TestFilesystemTreeModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void treeAsListed();
    void tickingFollowsTheSubtree();
    void selectionFacts();
    void readsAFilterBack();
    void problemsTable();
};

void TestFilesystemTreeModel::treeAsListed()
{
    Gui::FilesystemTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setListing(listing());
    QCOMPARE(model.rowCount(), 1);
    const QModelIndex tank = model.index(0, 0);
    QCOMPARE(tank.data().toString(), u"tank"_s);
    QCOMPARE(model.rowCount(tank), 3);  // home, secret, lost/found
    const QModelIndex home = model.indexOf(u"tank/home"_s);
    QCOMPARE(home.parent(), tank);
    QCOMPARE(home.data().toString(), u"home"_s);  // the tree says where; the name says which
    QCOMPARE(home.data(Gui::FullTextRole).toString(), u"tank/home"_s);
    QCOMPARE(model.indexOf(u"tank/lost/found"_s).parent(), tank);
    QCOMPARE(model.indexOf(u"tank/home"_s, Gui::FilesystemTreeModel::UsedColumn).data().toString(), u"100.0 GiB"_s);
    QCOMPARE(model.indexOf(u"tank/secret"_s, Gui::FilesystemTreeModel::EncryptionColumn).data().toString(),
             u"encrypted"_s);
    QCOMPARE(model.indexOf(u"tank/home"_s, Gui::FilesystemTreeModel::JobsColumn).data().toString(),
             u"backed up by home_to_usb"_s);
    QCOMPARE(model.indexOf(u"tank/lost/found"_s, Gui::FilesystemTreeModel::JobsColumn).data().toString(),
             u"a backup, received by sink"_s);
    QVERIFY(tank.data(Qt::ToolTipRole).toString().contains(u"Pool tank: DEGRADED"_s));
    QCOMPARE(model.indexOf(u"tank/home"_s, Gui::FilesystemTreeModel::UsedColumn).data(Gui::SortRole).toLongLong(),
             100 * GiB);
}

void TestFilesystemTreeModel::tickingFollowsTheSubtree()
{
    Gui::FilesystemTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setListing(listing());
    QSignalSpy selection(&model, &Gui::FilesystemTreeModel::selectionChanged);
    QSignalSpy data(&model, &QAbstractItemModel::dataChanged);
    QVERIFY(model.setData(model.indexOf(u"tank/home"_s), Qt::Checked, Qt::CheckStateRole));
    QCOMPARE(selection.size(), 1);
    QVERIFY(data.size() >= 2);  // the box and those below
    QCOMPARE(model.selection(), (QSet<QString>{u"tank/home"_s, u"tank/home/alice"_s, u"tank/home/alice/cache"_s}));
    QCOMPARE(model.indexOf(u"tank/home/alice/cache"_s).data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Checked);
    QVERIFY(model.setData(model.indexOf(u"tank/home/alice/cache"_s), Qt::Unchecked, Qt::CheckStateRole));
    QCOMPARE(model.filter().toYaml(), u"{\"tank/home<\": true, \"tank/home/alice/cache<\": false}"_s);
    // Only the name column has a box; other roles and columns refuse.
    QVERIFY(!model.setData(
        model.indexOf(u"tank/home"_s, Gui::FilesystemTreeModel::UsedColumn), Qt::Checked, Qt::CheckStateRole));
    QVERIFY(
        !(model.flags(model.indexOf(u"tank/home"_s, Gui::FilesystemTreeModel::UsedColumn)) & Qt::ItemIsUserCheckable));
    // A new listing keeps what was ticked.
    model.setListing(listing());
    QCOMPARE(model.selection().size(), 2);
}

void TestFilesystemTreeModel::selectionFacts()
{
    Gui::FilesystemTreeModel model;
    model.setListing(listing());
    model.setSelection({u"tank/home"_s, u"tank/home/alice"_s, u"tank/secret"_s});
    // Each counted with what is its own: home 100 - alice 60 = 40, alice 60 - cache 10 = 50, secret 5.
    QCOMPARE(model.selectedBytes(), 95 * GiB);
    QCOMPARE(model.selectedEncrypted(), QStringList{u"tank/secret"_s});
    QCOMPARE(model.selectedUnencrypted(), (QStringList{u"tank/home"_s, u"tank/home/alice"_s}));
    QCOMPARE(model.selectedAlreadyBackedUp(), QStringList{u"tank/home (home_to_usb)"_s});
    QVERIFY(model.info(model.indexOf(u"tank/secret"_s)));
    QCOMPARE(model.info(model.indexOf(u"tank/secret"_s))->encryption, u"aes-256-gcm"_s);
    QVERIFY(!model.info(QModelIndex()));
}

void TestFilesystemTreeModel::readsAFilterBack()
{
    Gui::FilesystemTreeModel model;
    model.setListing(listing());
    QStringList names;
    for (const Api::FilesystemInfo &info : listing().filesystems) {
        names.append(info.name);
    }
    const Gui::FilesystemFilter filter({{u"tank<"_s, true}, {u"tank/home/alice<"_s, false}});
    model.setSelection(filter.selection(names));
    QCOMPARE(model.filter(), Gui::FilesystemFilter({{u"tank<"_s, true}, {u"tank/home/alice<"_s, false}}));
}

void TestFilesystemTreeModel::problemsTable()
{
    Gui::ConfigProblemsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setProblems(
        {{QString(), 15, 17, u"jobs[0].snapshotting.interval"_s, u"time: unknown unit \"x\" in duration \"1x\""_s},
         {QString(), 0, 0, QString(), u"yaml: unexpected end of stream"_s}});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, Gui::ConfigProblemsModel::LineColumn).data().toInt(), 15);
    QCOMPARE(model.index(0, Gui::ConfigProblemsModel::ColumnColumn).data().toInt(), 17);
    QCOMPARE(model.index(0, Gui::ConfigProblemsModel::FieldColumn).data().toString(),
             u"jobs[0].snapshotting.interval"_s);
    QCOMPARE(model.index(0, Gui::ConfigProblemsModel::MessageColumn).data(Qt::ToolTipRole).toString(),
             u"line 15, column 17: jobs[0].snapshotting.interval: time: unknown unit \"x\" in duration \"1x\""_s);
    QCOMPARE(model.index(1, Gui::ConfigProblemsModel::LineColumn).data().toString(), Gui::Format::none());
    // Shown from line 10 of the file on, line 15 is the sixth.
    model.setFirstLine(10);
    QCOMPARE(model.shownLine(0), 6);
    QCOMPARE(model.shownLine(1), 0);
}

QTEST_MAIN(TestFilesystemTreeModel)
#include "TestFilesystemTreeModel.moc"
