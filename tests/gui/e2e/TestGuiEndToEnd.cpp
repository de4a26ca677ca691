// SPDX-License-Identifier: MIT
// Driven by test-gui-e2e.sh on Xvfb with a live daemon: the whole application (window, tray, notifier) starts,
// shows the daemon's jobs, and a mouse click on Wake Up makes the daemon replicate; then a screenshot. After it the
// jobs table and the Filesystems view show the daemon's freshness report, and a second screenshot keeps that view.
// A third keeps the Holds pane under it, with what keeps src/home replicating: from the daemon's holds report, or,
// from a daemon that has none yet, from a stand-in socket that answers the daemon's own status and freshness and the
// holds fixture of tests/gui/data.
// Apart from the daemon: the versions window (what `holdfast-gui --versions PATH` shows) on a fake snapshot tree
// ($HOLDFAST_MOUNTINFO), kept as tests/gui/file-history.png, and the comparison of an old version with the current
// file (tests/gui/file-diff.png).
#include <QAbstractItemModel>
#include <QCheckBox>
#include <QFile>
#include <QTabWidget>
#include <QScreen>
#include <QSignalSpy>
#include <QTreeView>
#include <QTableView>
#include <QLabel>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QToolButton>

#include "FakeControlServer.h"
#include "FakeSnapshotTree.h"
#include "GuiTestData.h"
#include "app/models/FilesystemsModel.h"
#include "app/models/HoldsModel.h"
#include "app/models/JobsTableModel.h"
#include "app/models/ModelRole.h"
#include "app/models/FileHistoryModel.h"
#include "app/ui/Application.h"
#include "app/ui/DiffView.h"
#include "app/ui/FileHistoryDialog.h"
#include "app/ui/HoldsPanel.h"
#include "app/ui/MainWindow.h"

using namespace Qt::StringLiterals;

class TestGuiEndToEnd : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void wakeUpFromTheWindowReplicates();
    void fileHistoryOnAFakeTree();
};

void TestGuiEndToEnd::wakeUpFromTheWindowReplicates()
{
    const QString socket = qEnvironmentVariable("HOLDFAST_E2E_SOCKET");
    if (socket.isEmpty()) {
        QSKIP("run by test-gui-e2e.sh, which starts the daemon and Xvfb");
    }
    Gui::Application::Options options;
    options.socketPath = socket;
    Gui::Application app(options);
    app.start();
    Gui::MainWindow &window = app.window();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    auto *jobs = window.findChild<QTableView *>(u"jobsView"_s);
    QVERIFY(jobs);
    QTRY_COMPARE_WITH_TIMEOUT(jobs->model()->rowCount(), 2, 10000);  // push and sink
    window.selectJob(u"push"_s);
    QTRY_VERIFY(window.wakeupAction()->isEnabled());

    // A real click on the toolbar button, as a user would.
    QToolButton *button = nullptr;
    for (QToolBar *toolbar : window.findChildren<QToolBar *>()) {
        if (auto *candidate = qobject_cast<QToolButton *>(toolbar->widgetForAction(window.wakeupAction()))) {
            button = candidate;
        }
    }
    QVERIFY(button);
    QTest::mouseClick(button, Qt::LeftButton);

    // The daemon replicates; the table says so once it is done.
    const int pushRow = [&] {
        for (int row = 0; row < jobs->model()->rowCount(); ++row) {
            if (jobs->model()->index(row, 0).data(Gui::JobNameRole).toString() == u"push") {
                return row;
            }
        }
        return -1;
    }();
    QVERIFY(pushRow >= 0);
    const QModelIndex state = jobs->model()->index(pushRow, Gui::JobsTableModel::StateColumn);
    QTRY_VERIFY_WITH_TIMEOUT(state.data().toString().contains(u"Replicated"_s), 30000);
    QTest::qWait(300);  // let the last repaint land before the picture

    const QString screenshot = qEnvironmentVariable("HOLDFAST_E2E_SCREENSHOT");
    QVERIFY(window.grab().save(screenshot, "PNG"));

    // Freshness first: the daemon's report reaches the jobs table and the Filesystems view.
    QTRY_VERIFY_WITH_TIMEOUT(app.poller().freshnessSupport() == Gui::FreshnessSupport::Supported, 10000);
    const QModelIndex lastBackup = jobs->model()->index(pushRow, Gui::JobsTableModel::LastBackupColumn);
    // A time ("just now", "1 min ago"), not "never": the receiver has the snapshot.
    QTRY_VERIFY2_WITH_TIMEOUT(lastBackup.data(Gui::SortRole).toDateTime().isValid(), qPrintable(lastBackup.data().toString()), 15000);
    QVERIFY2(lastBackup.data(Qt::ToolTipRole).toString().contains(u"src/home@"_s), qPrintable(lastBackup.data(Qt::ToolTipRole).toString()));
    auto *tabs = window.findChild<QTabWidget *>(u"detailTabs"_s);
    auto *filesystems = window.findChild<QTableView *>(u"filesystemsView"_s);
    QVERIFY(tabs && filesystems);
    QCOMPARE(tabs->tabText(0), u"Filesystems"_s);
    tabs->setCurrentIndex(0);
    window.findChild<QCheckBox *>(u"allJobsCheckBox"_s)->setChecked(true);
    // The push job's src/home and the sink's received copy.
    QTRY_VERIFY_WITH_TIMEOUT(filesystems->model()->rowCount() >= 2, 10000);
    QStringList names;
    for (int row = 0; row < filesystems->model()->rowCount(); ++row) {
        names.append(filesystems->model()->index(row, Gui::FilesystemsModel::FilesystemColumn).data().toString());
    }
    QVERIFY2(names.contains(u"src/home"_s), qPrintable(names.join(u", "_s)));
    const int home = int(names.indexOf(u"src/home"_s));
    const QModelIndex replicated = filesystems->model()->index(home, Gui::FilesystemsModel::LastReplicatedColumn);
    QTRY_VERIFY2_WITH_TIMEOUT(replicated.data(Gui::SortRole).toDateTime().isValid(), qPrintable(replicated.data().toString()), 10000);
    QTest::qWait(300);
    const QString filesystemsShot = qEnvironmentVariable("HOLDFAST_E2E_FILESYSTEMS_SCREENSHOT");
    QVERIFY(!filesystemsShot.isEmpty());
    QVERIFY(window.grab().save(filesystemsShot, "PNG"));

    QFile log(qEnvironmentVariable("HOLDFAST_E2E_DAEMON_LOG"));
    QVERIFY(log.open(QIODevice::ReadOnly));
    QVERIFY2(log.readAll().contains("woken up"), "the daemon did not log the wakeup");

    // The Holds pane under the Filesystems view: select src/home, list what keeps it replicating.
    filesystems->selectRow(home);
    Gui::HoldsPanel *holds = window.holdsPanel();
    QVERIFY(holds);
    holds->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(!holds->fetcher().isLoading(), 15000);
    std::unique_ptr<QTemporaryDir> standInDir;
    std::unique_ptr<FakeControlServer> standIn;
    if (!holds->fetcher().report()) {
        // The daemon does not list holds (yet): the same window against a stand-in with the daemon's own status.
        qWarning("the daemon has no holds report (%s): the Holds view is shown from tests/gui/data",
                 qPrintable(holds->fetcher().error()));
        standInDir = std::make_unique<QTemporaryDir>();
        standIn = std::make_unique<FakeControlServer>(standInDir->filePath(u"control"_s));
        standIn->setAccess(Api::AccessLevel::Admin);
        standIn->setStatus(app.poller().lastRawStatus());
        standIn->setFreshness(app.poller().lastFreshness()->toJson());
        standIn->answerWith(Api::HoldfastEndpoint::Holds, 200, GuiTestData::read(u"holds-report.json"_s));
        QVERIFY(standIn->listen());
        Gui::AppSettings settings;
        settings.socketPath = standInDir->filePath(u"control"_s);
        window.applySettings(settings);
        QTRY_VERIFY_WITH_TIMEOUT(holds->fetcher().report().has_value(), 10000);
        filesystems->selectRow(home);
    }
    QTRY_VERIFY_WITH_TIMEOUT(holds->model()->rowCount() >= 1, 10000);
    QCOMPARE(holds->model()->filesystem(), u"src/home"_s);
    QTest::qWait(300);
    const QString holdsShot = qEnvironmentVariable("HOLDFAST_E2E_HOLDS_SCREENSHOT");
    QVERIFY(!holdsShot.isEmpty());
    QVERIFY(window.grab().save(holdsShot, "PNG"));
}

void TestGuiEndToEnd::fileHistoryOnAFakeTree()
{
    const QString shot = qEnvironmentVariable("HOLDFAST_E2E_FILE_HISTORY_SCREENSHOT");
    if (shot.isEmpty()) {
        QSKIP("run by test-gui-e2e.sh, which starts Xvfb");
    }
    // Alice's thesis over nine daily snapshots: a first draft (three snapshots), gone for a day (moved away),
    // back as a second draft for two, then the current text for three.
    FakeSnapshotTree tree(u"tank/home/alice"_s, u"alice"_s);
    const QString thesis = u"Documents/thesis/chapter-3.md"_s;
    const QDateTime first = QDateTime::currentDateTimeUtc().addDays(-9);
    QStringList snapshots;
    for (int day = 0; day < 9; ++day) {
        const QDateTime when = QDateTime(first.date().addDays(day), QTime(14, 0), Qt::UTC);
        snapshots.append(tree.addSnapshot(FakeSnapshotTree::snapshotName(when)).section(u'/', -1));
        QDir().mkpath(tree.snapshotRoot(snapshots.last()) + u"/Documents/thesis"_s);
    }
    tree.writeInSnapshot(snapshots[0], thesis, "# Chapter 3\n\nFirst draft.\n", first.addSecs(-3600));
    tree.keep(thesis, snapshots[0], snapshots[1]);
    tree.keep(thesis, snapshots[0], snapshots[2]);
    tree.writeInSnapshot(snapshots[4], thesis, "# Chapter 3\n\nSecond draft, with results.\nTable 3.1\n",
                         first.addDays(4).addSecs(-7200));
    tree.keep(thesis, snapshots[4], snapshots[5]);
    tree.writeLive(thesis, "# Chapter 3: Results\n\nSecond draft, with results.\nTable 3.1, Figure 3.2\n",
                   first.addDays(6).addSecs(-1800));
    for (int day = 6; day < 9; ++day) {
        tree.keep(thesis, QString(), snapshots[day]);
    }
    tree.installMountinfo();
    qputenv("HOLDFAST_ZFS_BINARY", "/bin/false");  // no zfs here: the times come from the names

    Gui::FileHistoryDialog dialog;  // as Gui::runVersionsWindow() shows it
    QSignalSpy loaded(&dialog, &Gui::FileHistoryDialog::loaded);
    dialog.showHistoryOf(tree.mountPoint() + u'/' + thesis);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 10000);  // perhaps while the window was being exposed
    QCOMPARE(dialog.model()->rowCount(), 4);  // current · second draft · did not exist · first draft
    QVERIFY2(dialog.summary().startsWith(u"3 versions · last changed "_s), qPrintable(dialog.summary()));
    dialog.view()->expand(dialog.model()->index(0, 0));
    dialog.selectVersion(1);
    QTest::qWait(300);
    QVERIFY(dialog.grab().save(shot, "PNG"));

    // The second draft against the current file.
    dialog.compareAction()->trigger();
    Gui::DiffView *diff = nullptr;
    QTRY_VERIFY((diff = dialog.findChild<Gui::DiffView *>()) != nullptr);
    QVERIFY(QTest::qWaitForWindowExposed(diff));
    QTRY_VERIFY(!diff->isLoading());
    QCOMPARE(diff->summary(), u"2 lines added, 2 lines removed"_s);
    QTest::qWait(300);
    const QString diffShot = qEnvironmentVariable("HOLDFAST_E2E_FILE_DIFF_SCREENSHOT");
    if (!diffShot.isEmpty()) {
        QVERIFY(diff->grab().save(diffShot, "PNG"));
    }
}

QTEST_MAIN(TestGuiEndToEnd)
#include "TestGuiEndToEnd.moc"
