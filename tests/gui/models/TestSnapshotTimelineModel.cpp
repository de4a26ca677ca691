// SPDX-License-Identifier: MIT
// The Restore view's snapshot timeline: newest first as given, when each was taken (the exact time and where the
// time comes from in the tooltip), its age from now, the prefix that tells whose it is, and whether a hold keeps
// it; the summary leads with how many and how recent.
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include "app/models/Format.h"
#include "app/models/ModelRole.h"
#include "app/models/SnapshotTimelineModel.h"

using namespace Gui;
using namespace Qt::StringLiterals;
using TimeSource = Restore::SnapshotEntry::TimeSource;

namespace {

QDateTime at(int day, int hour = 10)
{
    return QDateTime(QDate(2026, 12, day), QTime(hour, 0), Qt::UTC);
}

Restore::SnapshotEntry entry(const QString &name,
                             const QDateTime &created,
                             TimeSource source,
                             std::optional<bool> held,
                             const QString &prefix = u"zrepl_"_s)
{
    Restore::SnapshotEntry e;
    e.name = name;
    e.root = u"/home/.zfs/snapshot/"_s + name;
    e.created = created;
    e.timeSource = source;
    e.held = held;
    e.prefix = prefix;
    return e;
}

}  // namespace

class TestSnapshotTimelineModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rowsAndCells();
    void summary();
    void ageMovesOn();
};

void TestSnapshotTimelineModel::rowsAndCells()
{
    SnapshotTimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setNow(at(5, 12));
    model.setSnapshots({entry(u"zrepl_20261205_100000_000"_s, at(5), TimeSource::Zfs, true),
                        entry(u"zrepl_20261204_100000_000"_s, at(4), TimeSource::Name, std::nullopt),
                        entry(u"manual"_s, at(1), TimeSource::Directory, false, QString())});
    QCOMPARE(model.rowCount(), 3);
    const auto cell = [&](int row, int column, int role = Qt::DisplayRole) {
        return model.index(row, column).data(role).toString();
    };
    QCOMPARE(cell(0, SnapshotTimelineModel::WhenColumn), Format::dateTime(at(5)));
    QCOMPARE(cell(0, SnapshotTimelineModel::AgeColumn), u"2 h ago"_s);
    QCOMPARE(cell(0, SnapshotTimelineModel::NameColumn), u"zrepl_20261205_100000_000"_s);
    QCOMPARE(cell(0, SnapshotTimelineModel::PrefixColumn), u"zrepl_"_s);
    QCOMPARE(cell(0, SnapshotTimelineModel::HeldColumn), u"Held"_s);
    QVERIFY(cell(0, SnapshotTimelineModel::HeldColumn, Qt::ToolTipRole).contains(u"pruning does not destroy it"_s));
    QCOMPARE(cell(0, SnapshotTimelineModel::WhenColumn, Qt::ToolTipRole),
             u"Taken %1\nSnapshot zrepl_20261205_100000_000"_s.arg(Format::longDateTime(at(5))));
    // Times not from zfs say where they come from.
    QVERIFY2(cell(1, SnapshotTimelineModel::WhenColumn, Qt::ToolTipRole).contains(u"read from the snapshot's name"_s),
             qPrintable(cell(1, SnapshotTimelineModel::WhenColumn, Qt::ToolTipRole)));
    QCOMPARE(cell(1, SnapshotTimelineModel::HeldColumn), QString());
    QVERIFY(cell(1, SnapshotTimelineModel::HeldColumn, Qt::ToolTipRole).contains(u"not known"_s));
    QVERIFY(cell(2, SnapshotTimelineModel::WhenColumn, Qt::ToolTipRole).contains(u"last change before the snapshot"_s));
    QVERIFY(cell(2, SnapshotTimelineModel::HeldColumn, Qt::ToolTipRole).startsWith(u"No hold"_s));
    QCOMPARE(model.index(2, SnapshotTimelineModel::WhenColumn).data(SortRole).toDateTime(), at(1));
    QCOMPARE(model.rowOf(u"manual"_s), 2);
    QCOMPARE(model.snapshot(1).name, u"zrepl_20261204_100000_000"_s);
    QVERIFY(model.snapshot(7).name.isEmpty());
}

void TestSnapshotTimelineModel::summary()
{
    SnapshotTimelineModel model;
    QCOMPARE(model.summary(), u"No snapshots"_s);
    model.setNow(at(5, 10).addSecs(12 * 60));
    model.setSnapshots({entry(u"a"_s, at(5), TimeSource::Zfs, true),
                        entry(u"b"_s, at(4), TimeSource::Zfs, true),
                        entry(u"c"_s, at(3), TimeSource::Zfs, false)});
    QCOMPARE(model.summary(), u"3 snapshots · newest 12 min ago · 2 held"_s);
    model.setSnapshots({entry(u"a"_s, at(5), TimeSource::Zfs, false)});
    QCOMPARE(model.summary(), u"1 snapshot · newest 12 min ago"_s);
}

void TestSnapshotTimelineModel::ageMovesOn()
{
    SnapshotTimelineModel model;
    model.setNow(at(5, 11));
    model.setSnapshots({entry(u"a"_s, at(5), TimeSource::Zfs, false)});
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setNow(at(5, 13));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().column(), int(SnapshotTimelineModel::AgeColumn));
    QCOMPARE(model.index(0, SnapshotTimelineModel::AgeColumn).data().toString(), u"3 h ago"_s);
}

QTEST_MAIN(TestSnapshotTimelineModel)
#include "TestSnapshotTimelineModel.moc"
