// SPDX-License-Identifier: MIT
// Which configuration actions the window offers, and what their tooltips say, as pure logic: what each will change
// when enabled, and why not when greyed out (no daemon, a read-only user with the daemon's reason, a file the daemon
// keeps read-only, a job that is not in the file, a sink job, a change under way); and what Remove Job says happens
// to each kind of job before it removes it.
#include <QTest>

#include "app/core/ConfigActions.h"
#include "app/core/JobRemoval.h"

using namespace Qt::StringLiterals;

namespace {

Api::ConfigDocument document(bool editable, const QString &reason = {})
{
    Api::ConfigDocument doc;
    doc.path = u"/etc/holdfast/holdfast.yml"_s;
    doc.editable = editable;
    doc.readOnlyReason = reason;
    doc.jobs = {{u"home"_s, u"push"_s, u"1 filesystem to usb"_s, 3, true, false},
                {u"usb"_s, u"sink"_s, u"receives into usbpool/holdfast"_s, 20, true, false}};
    return doc;
}

}  // namespace

class TestConfigActions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everythingForAnAdmin();
    void notConnected();
    void readOnlyUser();
    void readOnlyFile();
    void jobNotInTheFile();
    void sinkJobsHaveNothingToEdit();
    void whileApplying();
    void whileLoading();
    void unreadable();
    void removalSaysWhatStays_data();
    void removalSaysWhatStays();
};

void TestConfigActions::everythingForAnAdmin()
{
    const Api::ConfigDocument doc = document(true);
    const Gui::ConfigActionState state =
        Gui::ConfigActions::compute({true, false, &doc, nullptr, false, false, u"home"_s});
    QVERIFY(state.newBackup && state.editJob && state.removeJob && state.advanced);
    QVERIFY(state.readOnlyReason.isEmpty());
    QCOMPARE(state.newBackupTip,
             u"Set up a new backup: its jobs are added to /etc/holdfast/holdfast.yml and start at once"_s);
    QCOMPARE(state.removeJobTip, u"Remove home from the configuration: it stops; its snapshots and holds stay"_s);
    QVERIFY(state.editJobTip.startsWith(u"Change the schedule, retention or filesystems of home"_s));
}

void TestConfigActions::notConnected()
{
    const Gui::ConfigActionState state =
        Gui::ConfigActions::compute({false, false, nullptr, nullptr, false, false, {}});
    QVERIFY(!state.newBackup && !state.editJob && !state.removeJob && !state.advanced);
    QCOMPARE(state.newBackupTip, u"Not connected to the daemon"_s);
    QCOMPARE(state.readOnlyReason, u"Not connected to the daemon"_s);
}

void TestConfigActions::readOnlyUser()
{
    const QString reason = u"alice may read the status; changes need root or group holdfast-admin"_s;
    const Api::ConfigDocument doc = document(false, reason);
    const Gui::ConfigActionState state =
        Gui::ConfigActions::compute({true, true, &doc, nullptr, false, false, u"home"_s});
    QVERIFY(!state.newBackup && !state.editJob && !state.removeJob && !state.advanced);
    for (const QString &tip : {state.newBackupTip, state.editJobTip, state.removeJobTip, state.advancedTip}) {
        QCOMPARE(tip, reason);  // the daemon's words
    }
    QCOMPARE(state.readOnlyReason, reason);
    // Before the document says why, the access level does.
    const Gui::ConfigActionState early = Gui::ConfigActions::compute({true, true, nullptr, nullptr, true, false, {}});
    QVERIFY(!early.newBackup);
    QVERIFY(early.newBackupTip.contains(u"watch only"_s));
}

void TestConfigActions::readOnlyFile()
{
    const Api::ConfigDocument doc = document(false);
    const Gui::ConfigActionState state =
        Gui::ConfigActions::compute({true, false, &doc, nullptr, false, false, u"home"_s});
    QVERIFY(!state.newBackup);
    QCOMPARE(state.newBackupTip, u"The daemon lets this user read the configuration only"_s);
}

void TestConfigActions::jobNotInTheFile()
{
    const Api::ConfigDocument doc = document(true);
    Gui::ConfigActionState state = Gui::ConfigActions::compute({true, false, &doc, nullptr, false, false, u"gone"_s});
    QVERIFY(state.newBackup && !state.editJob && !state.removeJob);
    QCOMPARE(state.editJobTip, u"Job gone is not in the configuration file (any more)"_s);
    state = Gui::ConfigActions::compute({true, false, &doc, nullptr, false, false, {}});
    QCOMPARE(state.removeJobTip, u"Select a job first"_s);
}

void TestConfigActions::sinkJobsHaveNothingToEdit()
{
    const Api::ConfigDocument doc = document(true);
    const Gui::ConfigActionState state =
        Gui::ConfigActions::compute({true, false, &doc, nullptr, false, false, u"usb"_s});
    QVERIFY(!state.editJob);
    QVERIFY(state.removeJob);
    QVERIFY(state.editJobTip.startsWith(u"A sink job has no schedule or retention of its own"_s));
}

void TestConfigActions::whileApplying()
{
    const Api::ConfigDocument doc = document(true);
    const Gui::ConfigActionState state =
        Gui::ConfigActions::compute({true, false, &doc, nullptr, false, true, u"home"_s});
    QVERIFY(!state.newBackup && !state.removeJob);
    QCOMPARE(state.newBackupTip, u"A change is being applied"_s);
    QVERIFY(state.readOnlyReason.isEmpty());  // it passes by itself
}

void TestConfigActions::whileLoading()
{
    const Gui::ConfigActionState state = Gui::ConfigActions::compute({true, false, nullptr, nullptr, true, false, {}});
    QVERIFY(!state.newBackup);
    QCOMPARE(state.newBackupTip, u"Reading the configuration…"_s);
    QVERIFY(state.readOnlyReason.isEmpty());
}

void TestConfigActions::unreadable()
{
    Gui::ConfigFailure failure;
    failure.kind = Gui::ConfigFailure::Kind::Unsupported;
    failure.message = u"This daemon (zrepl) cannot change its configuration: edit its file and restart it"_s;
    const Gui::ConfigActionState state =
        Gui::ConfigActions::compute({true, false, nullptr, &failure, false, false, {}});
    QVERIFY(!state.newBackup && !state.advanced);
    QCOMPARE(state.advancedTip, failure.message);
    QCOMPARE(state.readOnlyReason, failure.message);
}

void TestConfigActions::removalSaysWhatStays_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("rootFs");
    QTest::addColumn<QString>("localSink");
    QTest::addColumn<QStringList>("said");
    QTest::addRow("push to a local sink")
        << u"push"_s << u"usbpool/holdfast"_s << u"usb"_s
        << QStringList{
               u"Its snapshots stay on both pools"_s,
               u"The Holds view flags them stale (job home is gone)"_s,
               u"The sink job usb it sends to stays, and so do the filesystems it received under usbpool/holdfast"_s};
    QTest::addRow("sink") << u"sink"_s << u"usbpool/holdfast"_s << QString()
                          << QStringList{u"The filesystems it received under usbpool/holdfast stay"_s};
    QTest::addRow("snap") << u"snap"_s << QString() << QString()
                          << QStringList{u"Its snapshots stay: nothing is destroyed"_s};
}

void TestConfigActions::removalSaysWhatStays()
{
    QFETCH(QString, type);
    QFETCH(QString, rootFs);
    QFETCH(QString, localSink);
    QFETCH(QStringList, said);
    const QString details = Gui::JobRemoval::details(u"home"_s, type, rootFs, localSink);
    for (const QString &part : said) {
        QVERIFY2(details.contains(part), qPrintable(details));
    }
    QVERIFY(details.endsWith(u"Adding the job again later continues where it stopped."_s));
    QCOMPARE(Gui::JobRemoval::title(u"home"_s), u"Remove job home?"_s);
    QVERIFY(Gui::JobRemoval::question(u"home"_s, type).startsWith(u"Job home is removed from the configuration"_s));
}

QTEST_GUILESS_MAIN(TestConfigActions)
#include "TestConfigActions.moc"
