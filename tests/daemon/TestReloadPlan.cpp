// SPDX-License-Identifier: MIT
#include <QtTest>

#include "daemon/config/ConfigParser.h"
#include "daemon/core/ReloadPlan.h"

using namespace Qt::StringLiterals;
using Daemon::ReloadPlan;

namespace {

const QByteArray Base = R"(
global:
  logging: [{type: stdout, level: info, format: human}]
  control: {sockpath: /run/holdfast/control}
jobs:
  - name: push
    type: push
    connect: {type: local, listener_name: backup, client_identity: ws}
    filesystems: {"tank/home<": true}
    snapshotting: {type: periodic, prefix: zrepl_, interval: 1h}
    pruning:
      keep_sender: [{type: not_replicated}, {type: last_n, count: 10}]
      keep_receiver: [{type: grid, grid: 24x1h | 14x1d, regex: "^zrepl_"}]
  - name: sink
    type: sink
    root_fs: usb/holdfast
    serve: {type: local, listener_name: backup}
  - name: snap
    type: snap
    filesystems: {"tank<": true}
    snapshotting: {type: manual}
    pruning:
      keep: [{type: last_n, count: 5}]
)";

Config::Root parse(const QByteArray &yaml)
{
    Config::Error error;
    std::optional<Config::Root> root = Config::parseBytes(yaml, u"holdfast.yml"_s, &error);
    if (!root) {
        qFatal("test config does not parse: %s", qPrintable(error.toString()));
    }
    return *root;
}

Api::ReloadChanges plan(const QByteArray &running, const QByteArray &next)
{
    const Config::Root r = parse(running);
    return ReloadPlan::plan(r.jobs, r.global, parse(next));
}

}  // namespace

class TestReloadPlan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameFileChangesNothing()
    {
        const Api::ReloadChanges changes = plan(Base, Base);
        QVERIFY(changes.added.isEmpty() && changes.removed.isEmpty() && changes.changed.isEmpty());
        QCOMPARE(changes.unchanged, (QStringList{u"push"_s, u"sink"_s, u"snap"_s}));
        QVERIFY(changes.globalApplied.isEmpty() && changes.globalNeedsRestart.isEmpty());
    }

    // Jobs moved, keys reordered, flow style turned into block style, comments added: every position differs, the
    // settings do not.
    void positionsAndFormattingAreNotChanges()
    {
        const QByteArray moved = R"(
# the same jobs, written differently
jobs:
  - name: snap
    type: snap
    pruning:
      keep:
        - type: last_n
          count: 5
    snapshotting: {type: manual}
    filesystems: {"tank<": true}
  - type: sink   # receives the laptop
    name: sink
    serve: {type: local, listener_name: backup}
    root_fs: "usb/holdfast"
  - name: push
    type: push
    connect:
      type: local
      listener_name: backup
      client_identity: ws
    filesystems:
      "tank/home<": true
    snapshotting: {type: periodic, prefix: zrepl_, interval: 60m}
    pruning:
      keep_sender:
        - type: not_replicated
        - type: last_n
          count: 10
      keep_receiver:
        - {type: grid, grid: "24x1h | 14x1d", regex: "^zrepl_"}
global:
  control: {sockpath: /run/holdfast/control}
  logging: [{type: stdout, level: info, format: human}]
)";
        const Api::ReloadChanges changes = plan(Base, moved);
        QVERIFY2(changes.changed.isEmpty(), qPrintable(changes.changed.join(u',')));
        QCOMPARE(changes.unchanged.size(), 3);
        QVERIFY(changes.globalApplied.isEmpty());
    }

    void addedRemovedChanged()
    {
        QByteArray next = Base;
        next.replace("count: 5", "count: 6");                 // snap changed
        next.replace("name: sink", "name: usb-sink");          // sink removed, usb-sink added
        const Api::ReloadChanges changes = plan(Base, next);
        QCOMPARE(changes.added, QStringList{u"usb-sink"_s});
        QCOMPARE(changes.removed, QStringList{u"sink"_s});
        QCOMPARE(changes.changed, QStringList{u"snap"_s});
        QCOMPARE(changes.unchanged, QStringList{u"push"_s});
    }

    // A job's type, its keep rules on one side and its grid each count as a change.
    void everySettingCounts_data()
    {
        QTest::addColumn<QByteArray>("from");
        QTest::addColumn<QByteArray>("to");
        QTest::addColumn<QString>("job");
        QTest::newRow("interval") << QByteArray("interval: 1h") << QByteArray("interval: 2h") << u"push"_s;
        QTest::newRow("grid") << QByteArray("24x1h | 14x1d") << QByteArray("24x1h | 15x1d") << u"push"_s;
        QTest::newRow("filesystem excluded") << QByteArray(R"("tank<": true})") << QByteArray(R"("tank<": true, "tank/tmp": false})")
                                             << u"snap"_s;
        QTest::newRow("root_fs") << QByteArray("root_fs: usb/holdfast") << QByteArray("root_fs: usb/backup") << u"sink"_s;
        QTest::newRow("client identity") << QByteArray("client_identity: ws") << QByteArray("client_identity: laptop") << u"push"_s;
    }
    void everySettingCounts()
    {
        QFETCH(QByteArray, from);
        QFETCH(QByteArray, to);
        QFETCH(QString, job);
        QByteArray next = Base;
        QVERIFY(next.contains(from));
        next.replace(from, to);
        QCOMPARE(plan(Base, next).changed, QStringList{job});
    }

    // The stdinserver directory is copied into each stdinserver sink: those restart, the others stay.
    void stdinserverSockdirRestartsItsJobsOnly()
    {
        const QByteArray withStdin = Base + R"(  - name: remote
    type: sink
    root_fs: usb/remote
    serve: {type: stdinserver, client_identities: [laptop]}
)";
        QByteArray next = withStdin;
        next.replace("global:\n", "global:\n  serve: {stdinserver: {sockdir: /run/holdfast/stdinserver}}\n");
        const Api::ReloadChanges changes = plan(withStdin, next);
        QCOMPARE(changes.changed, QStringList{u"remote"_s});
        QCOMPARE(changes.globalApplied, QStringList{u"global.serve.stdinserver.sockdir"_s});
    }

    void globalSettingsSplit()
    {
        QByteArray next = Base;
        next.replace("level: info", "level: debug");
        next.replace("control: {sockpath: /run/holdfast/control}", "control: {sockpath: /run/holdfast/other, admin_group: root}");
        next.replace("global:\n", "global:\n  monitoring: [{type: prometheus, listen: ':9811'}]\n");
        const Api::ReloadChanges changes = plan(Base, next);
        QCOMPARE(changes.globalApplied,
                 (QStringList{u"global.logging"_s, u"global.monitoring"_s, u"global.control.admin_group"_s}));
        QCOMPARE(changes.globalNeedsRestart, QStringList{u"global.control.sockpath"_s});
        QCOMPARE(changes.unchanged.size(), 3);
    }
};

QTEST_GUILESS_MAIN(TestReloadPlan)
#include "TestReloadPlan.moc"
