// SPDX-License-Identifier: MIT
// The main window offscreen against a control socket that answers with zrepl's own captured documents: the jobs
// appear, Wake Up and Reset reach the daemon by keyboard and by the context menu, Reset asks first, refusals are
// shown, the status is copied as JSON, and a daemon that goes away is reported and found again. Against Holdfast's
// access header: a user who may only read sees Wake Up and Reset greyed out (in the window and the tray) with a
// read-only indicator that says why, regains them when the daemon says so, and reads the daemon's reason when a
// signal is refused nonetheless. Holdfast's own views: the holds under the Filesystems view follow its selection,
// their actions ask first and greyed out for read-only users, Pause and Resume ask and reach the daemon (and say
// plainly that zrepl cannot), a paused job reads "Paused" everywhere, and the Pruning view explains why a snapshot
// is still there. The Restore view (on fake snapshot trees): said plainly when there is no ZFS filesystem, browsed by
// keyboard (Ctrl+Shift+F, Enter, Backspace, Alt+Up, Ctrl+H) with the folder kept across snapshots, and a backup that
// is not mounted: greyed out with the reason for a read-only user, mounted under a lease for an admin, the lease
// given back on another snapshot and when the view is left.
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QHeaderView>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QDir>
#include <QTest>
#include <QTimer>

#include "FakeControlServer.h"
#include "FakeSnapshotTree.h"
#include "GuiTestData.h"
#include "StatusFixtures.h"
#include "app/core/JobActions.h"
#include "app/core/SignalSender.h"
#include "app/core/ConfigStateWatcher.h"
#include "app/core/StatusPoller.h"
#include "app/models/FilesystemsModel.h"
#include "app/models/HoldsModel.h"
#include "app/models/JobsTableModel.h"
#include "app/models/PruningModel.h"
#include "app/models/SnapshottingModel.h"
#include "app/models/ModelRole.h"
#include "app/ui/DatasetPathDelegate.h"
#include "app/ui/HoldsPanel.h"
#include "app/ui/FileHistoryDialog.h"
#include "app/ui/MainWindow.h"
#include "app/ui/RestoreView.h"
#include "app/models/SnapshotDirectoryModel.h"
#include "app/models/SnapshotTimelineModel.h"
#include "app/models/RestoreSourceModel.h"
#include "app/ui/SettingsDialog.h"
#include "app/ui/TrayController.h"

using namespace Qt::StringLiterals;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void showsZreplsJobs();
    void columnsFitJobsThatArriveLater();
    void wakeupByKeyboardReachesTheDaemon();
    void refusalIsShown();
    void resetAsksFirst_data();
    void resetAsksFirst();
    void passiveJobsTakeNoSignals();
    void copiesTheStatusAsJson();
    void reportsAMissingDaemonAndReconnects();
    void settingsDialogRoundTrip();
    void readOnlyDisablesSignals();
    void readOnlyBlocksKeyboardAndDoubleClick();
    void adminAccessReenablesSignals();
    void zreplDaemonAllowsEverything();
    void forbiddenSignalShowsTheDaemonsReason();
    void filesystemsViewAgainstZrepl();
    void filesystemsViewFromTheFreshnessReport();
    void pathColumnsElideInTheMiddle();
    void holdsAgainstZrepl();
    void holdsFollowTheFilesystemsView();
    void releaseStaleAsksFirstAndShowsTheResult();
    void holdsActionsNeedAdmin();
    void pauseAsksAndReachesTheDaemon();
    void zreplCannotPause();
    void pausedJobReadsPaused();
    void refusedReloadShowsABanner();
    void pruningExplainsWhySnapshotsStay();
    void restoreViewWithoutZfs();
    void restoreViewBrowsesSnapshotsByKeyboard();
    void restoreViewBackupNeedsAdmin();
    void restoreViewBrowsesABackupUnderALease();

private:
    // The daemon at the same path becomes Holdfast's: it answers with `access`, the freshness report (pushjob
    // paused or not) and the holds report; the window is pointed at it anew.
    void useHoldfastDaemon(std::optional<Api::AccessLevel> access, bool paused = false);
    Gui::HoldsPanel *holdsPanel() const { return m_window->holdsPanel(); }
    // With HOLDFAST_GUI_STATE_SCREENSHOTS=DIR, the window as the state under test shows it, to look at (DIR/NAME.png).
    void keepScreenshot(const QString &name) const;
    QTableView *holdsView() const { return m_window->findChild<QTableView *>(u"holdsView"_s); }
    QString holdsNote() const { return m_window->findChild<QLabel *>(u"holdsNoteLabel"_s)->text(); }
    // Clicks `button` of the next message box named `name` once it is open.
    static bool answerMessageBox(const QString &name, QMessageBox::StandardButton button, QString *text = nullptr);

    // The Restore view on a fake snapshot tree: three snapshots of tank/home (1, 2, 3 December), whose newest holds
    // Documents/report.txt (as now) and Documents/2026/, and Music/; the oldest has an older report.txt.
    std::unique_ptr<FakeSnapshotTree> restoreTree();
    // The daemon becomes Holdfast's with `access`: pushjob sends tank/home, sinkjob receives backup/ws/tank/home
    // (not mounted), whose snapshots the daemon lists.
    void useBackupDaemon(Api::AccessLevel access);
    Gui::RestoreView *restoreView() const { return m_window->restoreView(); }
    QTableView *directoryView() const { return m_window->findChild<QTableView *>(u"directoryView"_s); }

    // As Application wires it: the tray follows the window's summaries and the poller's access.
    void createTray();
    QList<QAction *> trayWakeupEntries() const;
    bool trayOffersWakeup() const;
    void selectPushJob();
    QTableView *jobsView() const { return m_window->findChild<QTableView *>(u"jobsView"_s); }
    QString connectionText() const { return m_window->findChild<QLabel *>(u"connectionLabel"_s)->text(); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeControlServer> m_server;
    std::unique_ptr<Gui::StatusPoller> m_poller;
    std::unique_ptr<Gui::SignalSender> m_sender;
    std::unique_ptr<Gui::MainWindow> m_window;
    std::unique_ptr<Gui::TrayController> m_tray;
};

void TestMainWindow::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    const QString path = m_dir->filePath(u"control"_s);
    m_server = std::make_unique<FakeControlServer>(path);
    m_server->setStatus(FakeControlServer::zreplCapture(u"status-multi-idle.json"_s));
    QVERIFY(m_server->listen());
    m_poller = std::make_unique<Gui::StatusPoller>();
    m_sender = std::make_unique<Gui::SignalSender>(m_poller->client());
    m_window = std::make_unique<Gui::MainWindow>(*m_poller, *m_sender);
    createTray();
    Gui::AppSettings settings;
    settings.socketPath = path;
    settings.pollInterval = std::chrono::milliseconds(200);
    m_window->applySettings(settings);
    m_window->show();
    m_poller->start();
    QTRY_VERIFY(jobsView()->model()->rowCount() > 0);
}

void TestMainWindow::cleanup()
{
    m_tray.reset();
    m_window.reset();
    m_sender.reset();
    m_poller.reset();
    m_server.reset();
    m_dir.reset();
}

void TestMainWindow::showsZreplsJobs()
{
    // status-multi-idle.json: pulljob, pushjob, sinkjob, snapjob, sourcejob and zrepl's internal _control.
    QCOMPARE(jobsView()->model()->rowCount(), 5);
    QStringList names;
    for (int row = 0; row < 5; ++row) {
        names.append(jobsView()->model()->index(row, 0).data(Gui::JobNameRole).toString());
    }
    names.sort();
    QCOMPARE(names, (QStringList{u"pulljob"_s, u"pushjob"_s, u"sinkjob"_s, u"snapjob"_s, u"sourcejob"_s}));
    QVERIFY2(connectionText().contains(u"Connected"_s), qPrintable(connectionText()));
}

void TestMainWindow::columnsFitJobsThatArriveLater()
{
    // The window was shown before the first status came: the columns that follow their contents must widen for
    // the rows that arrived, not stay as wide as their headers.
    const QAbstractItemModel *model = jobsView()->model();
    const QFontMetrics metrics = jobsView()->fontMetrics();
    for (const int column : {Gui::JobsTableModel::NameColumn, Gui::JobsTableModel::StateColumn}) {
        int widest = 0;
        for (int row = 0; row < model->rowCount(); ++row) {
            widest = std::max(widest, metrics.horizontalAdvance(model->index(row, column).data().toString()));
        }
        QVERIFY(widest > metrics.horizontalAdvance(model->headerData(column, Qt::Horizontal).toString()));
        QTRY_VERIFY2(jobsView()->columnWidth(column) > widest,
            qPrintable(u"column %1 is %2 px wide, its widest text %3 px"_s.arg(column)
                           .arg(jobsView()->columnWidth(column))
                           .arg(widest)));
    }
}

void TestMainWindow::wakeupByKeyboardReachesTheDaemon()
{
    m_window->selectJob(u"pushjob"_s);
    QTRY_VERIFY(m_window->wakeupAction()->isEnabled());
    QSignalSpy received(m_server.get(), &FakeControlServer::signalReceived);
    QTest::keyClick(jobsView(), Qt::Key_Return, Qt::ControlModifier);
    QTRY_COMPARE(received.count(), 1);
    QCOMPARE(m_server->signalsReceived().last(), qMakePair(u"pushjob"_s, u"wakeup"_s));
    QTRY_VERIFY(m_window->statusBar()->currentMessage().contains(u"pushjob woken up"_s));
}

void TestMainWindow::refusalIsShown()
{
    m_window->selectJob(u"snapjob"_s);
    QTRY_VERIFY(m_window->wakeupAction()->isEnabled());
    m_server->refuseSignal(u"snapjob"_s, u"already woken up"_s);
    m_window->wakeupAction()->trigger();
    QTRY_VERIFY2(m_window->statusBar()->currentMessage().contains(u"already woken up"_s),
                 qPrintable(m_window->statusBar()->currentMessage()));
}

void TestMainWindow::resetAsksFirst_data()
{
    QTest::addColumn<bool>("confirm");
    QTest::newRow("confirmed") << true;
    QTest::newRow("cancelled") << false;
}

void TestMainWindow::resetAsksFirst()
{
    QFETCH(bool, confirm);
    m_window->selectJob(u"pushjob"_s);
    QTRY_VERIFY(m_window->resetAction()->isEnabled());
    bool asked = false;
    QTimer::singleShot(0, this, [&] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box) {
            return;
        }
        asked = true;
        box->button(confirm ? QMessageBox::Reset : QMessageBox::Cancel)->click();
    });
    m_window->resetAction()->trigger();
    QVERIFY(asked);
    if (confirm) {
        QTRY_COMPARE(m_server->signalsReceived().size(), 1);
        QCOMPARE(m_server->signalsReceived().last(), qMakePair(u"pushjob"_s, u"reset"_s));
    } else {
        QTest::qWait(300);
        QVERIFY(m_server->signalsReceived().isEmpty());
    }
}

void TestMainWindow::passiveJobsTakeNoSignals()
{
    m_window->selectJob(u"sinkjob"_s);
    QTRY_COMPARE(m_window->selectedJob(), u"sinkjob"_s);
    QVERIFY(!m_window->wakeupAction()->isEnabled());
    QVERIFY(!m_window->resetAction()->isEnabled());
}

void TestMainWindow::copiesTheStatusAsJson()
{
    m_window->copyStatusAction()->trigger();
    const QJsonDocument copied = QJsonDocument::fromJson(QApplication::clipboard()->text().toUtf8());
    QVERIFY(copied.isObject());
    QVERIFY(copied.object().contains(u"pushjob"_s));
}

void TestMainWindow::reportsAMissingDaemonAndReconnects()
{
    const QString path = m_dir->filePath(u"control"_s);
    m_server.reset();
    QFile::remove(path);
    QTRY_VERIFY_WITH_TIMEOUT(connectionText().contains(u"not running"_s), 5000);
    QVERIFY(!m_window->wakeupAction()->isEnabled());
    // The daemon comes back: the window finds it by itself.
    m_server = std::make_unique<FakeControlServer>(path);
    m_server->setStatus(FakeControlServer::zreplCapture(u"status-multi-after-wakeup.json"_s));
    QVERIFY(m_server->listen());
    QTRY_VERIFY_WITH_TIMEOUT(connectionText().contains(u"Connected"_s), 5000);
}

void TestMainWindow::settingsDialogRoundTrip()
{
    Gui::AppSettings settings;
    settings.socketPath = u"/run/holdfast/control"_s;
    settings.pollInterval = std::chrono::milliseconds(2500);
    settings.notifications.stale = false;
    settings.notifications.staleAfter = std::chrono::hours(48);
    Gui::SettingsDialog dialog(settings);
    QCOMPARE(dialog.settings(), settings);
}

void TestMainWindow::createTray()
{
    m_tray = std::make_unique<Gui::TrayController>();
    const auto update = [this](const QList<Gui::JobSummary> &jobs) {
        m_tray->update(jobs, m_poller->state(), m_poller->stateReason());
    };
    connect(m_window.get(), &Gui::MainWindow::summariesChanged, m_tray.get(), update);
    connect(m_poller.get(), &Gui::StatusPoller::accessChanged, m_tray.get(), &Gui::TrayController::setReadOnly);
    m_tray->setReadOnly(m_poller->isReadOnly());
}

QList<QAction *> TestMainWindow::trayWakeupEntries() const
{
    // "Wake Up All Jobs" and each job of the "Wake Up" submenu.
    QList<QAction *> entries;
    for (QAction *action : m_tray->menu()->actions()) {
        if (action->text() == u"Wake Up &All Jobs"_s) {
            entries.append(action);
        } else if (action->menu()) {
            entries.append(action->menu()->actions());
        }
    }
    return entries;
}

bool TestMainWindow::trayOffersWakeup() const
{
    const QList<QAction *> entries = trayWakeupEntries();
    return entries.size() > 1 && std::all_of(entries.begin(), entries.end(), [](QAction *a) { return a->isEnabled(); });
}

void TestMainWindow::selectPushJob()
{
    m_window->selectJob(u"pushjob"_s);
    QTRY_COMPARE(m_window->selectedJob(), u"pushjob"_s);
}

void TestMainWindow::readOnlyDisablesSignals()
{
    selectPushJob();
    QTRY_VERIFY(trayOffersWakeup());
    QVERIFY(!m_window->readOnlyIndicator()->isVisible());
    m_server->setAccess(Api::AccessLevel::Status);
    QTRY_VERIFY(m_window->readOnlyIndicator()->isVisible());
    QVERIFY(m_poller->isReadOnly());
    QVERIFY(m_poller->access() == Api::AccessLevel::Status);
    // The window: the actions (toolbar, menu and context menu share them) are greyed out and say why.
    QVERIFY(!m_window->wakeupAction()->isEnabled());
    QVERIFY(!m_window->resetAction()->isEnabled());
    QVERIFY2(m_window->wakeupAction()->toolTip().contains(u"global.control.admin_group"_s),
             qPrintable(m_window->wakeupAction()->toolTip()));
    QVERIFY2(m_window->resetAction()->toolTip().contains(u"global.control.admin_group"_s),
             qPrintable(m_window->resetAction()->toolTip()));
    QCOMPARE(m_window->readOnlyIndicator()->text(), u"Read-only"_s);
    QCOMPARE(m_window->readOnlyIndicator()->toolTip(),
             u"You may watch the jobs, but sending signals needs root or the daemon's admin group "
             "(global.control.admin_group)."_s);
    // Still connected: reading goes on.
    QVERIFY2(connectionText().contains(u"Connected"_s), qPrintable(connectionText()));
    // The tray: the entries stay, greyed out, with the same reason.
    const QList<QAction *> entries = trayWakeupEntries();
    QVERIFY(entries.size() > 1);
    for (QAction *entry : entries) {
        QVERIFY2(!entry->isEnabled(), qPrintable(entry->text()));
        QCOMPARE(entry->toolTip(), Gui::JobActions::wakeupNeedsAdmin());
    }
}

void TestMainWindow::readOnlyBlocksKeyboardAndDoubleClick()
{
    selectPushJob();
    m_server->setAccess(Api::AccessLevel::Status);
    QTRY_VERIFY(m_window->readOnlyIndicator()->isVisible());
    QTest::keyClick(jobsView(), Qt::Key_Return, Qt::ControlModifier);
    QTest::keyClick(jobsView(), Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
    m_window->wakeupAction()->trigger();
    m_window->resetAction()->trigger();  // would ask first; a disabled action does not even ask
    const QModelIndex row = jobsView()->selectionModel()->selectedRows().first();
    const QPoint centre = jobsView()->visualRect(row).center();
    // A view takes a double click only after a press on the same row, as a real mouse gives it.
    QTest::mouseClick(jobsView()->viewport(), Qt::LeftButton, {}, centre);
    QTest::mouseDClick(jobsView()->viewport(), Qt::LeftButton, {}, centre);
    QTest::qWait(400);
    QVERIFY(m_server->signalsReceived().isEmpty());
    QCOMPARE(m_server->forbiddenRequests(), 0);
}

void TestMainWindow::adminAccessReenablesSignals()
{
    selectPushJob();
    m_server->setAccess(Api::AccessLevel::Status);
    QTRY_VERIFY(!m_window->wakeupAction()->isEnabled());
    QTRY_VERIFY(!trayOffersWakeup());
    // Someone added the user to the admin group: the next poll says so.
    m_server->setAccess(Api::AccessLevel::Admin);
    QTRY_VERIFY(m_window->wakeupAction()->isEnabled());
    QVERIFY(m_window->resetAction()->isEnabled());
    QVERIFY(!m_window->readOnlyIndicator()->isVisible());
    QVERIFY(!m_poller->isReadOnly());
    QVERIFY(m_poller->access() == Api::AccessLevel::Admin);
    QVERIFY(trayOffersWakeup());
    QVERIFY(!m_window->wakeupAction()->toolTip().contains(u"admin"_s));
    QSignalSpy received(m_server.get(), &FakeControlServer::signalReceived);
    m_window->wakeupAction()->trigger();
    QTRY_COMPARE(received.count(), 1);
}

void TestMainWindow::zreplDaemonAllowsEverything()
{
    selectPushJob();
    // init() serves zrepl's answers, without the header: everyone who can connect may do everything.
    QTRY_VERIFY(m_server->statusRequests() >= 2);
    QVERIFY(!m_poller->access().has_value());
    QVERIFY(!m_poller->isReadOnly());
    QVERIFY(!m_window->readOnlyIndicator()->isVisible());
    QVERIFY(m_window->wakeupAction()->isEnabled());
    QVERIFY(m_window->resetAction()->isEnabled());
    QTRY_VERIFY(trayOffersWakeup());
}

void TestMainWindow::forbiddenSignalShowsTheDaemonsReason()
{
    m_server->setAccess(Api::AccessLevel::Admin);
    selectPushJob();
    QTRY_VERIFY(m_poller->access() == Api::AccessLevel::Admin);
    QVERIFY(m_window->wakeupAction()->isEnabled());
    // The rules change between a poll and the click: the daemon refuses, and its reason reaches the user.
    const QString reason = u"permission denied: bob (uid 1001) may read the status, but signals and the profiler need "
                           "root or membership of group 'wheel'"_s;
    m_server->setForbiddenMessage(reason);
    m_server->setAccess(Api::AccessLevel::Status);
    m_window->wakeupAction()->trigger();
    QTRY_VERIFY2(m_window->statusBar()->currentMessage().contains(reason),
                 qPrintable(m_window->statusBar()->currentMessage()));
    QCOMPARE(m_server->forbiddenRequests(), 1);
    QVERIFY(m_server->signalsReceived().isEmpty());
    // The refusal named the level: the window is read-only at once.
    QTRY_VERIFY(m_window->readOnlyIndicator()->isVisible());
    QVERIFY(!m_window->wakeupAction()->isEnabled());
}

namespace {

const QString LongPath = u"holdfastdemo-workstation/home/alice/projects/holdfast"_s;

QByteArray freshnessOfPushjob(bool paused = false)
{
    Api::FreshnessReport report;
    report.computedAt = Api::Timestamp::now();
    Api::JobFreshness job;
    job.job = u"pushjob"_s;
    job.type = u"push"_s;
    job.health = Api::Health::Warning;
    job.healthReason = LongPath + u": newest replicated snapshot is 5h0m0s old"_s;
    for (const QString &name : {LongPath, u"holdfastdemo-workstation/home"_s}) {
        Api::FilesystemFreshness fs;
        fs.filesystem = name;
        fs.snapshots = 7;
        fs.replicatedSnapshot = Api::SnapshotRef{u"zrepl_1"_s, Api::Timestamp::fromUnix(Api::Timestamp::now().unixSeconds() - 5 * 3600)};
        fs.newestSnapshot = Api::SnapshotRef{u"zrepl_2"_s, Api::Timestamp::fromUnix(Api::Timestamp::now().unixSeconds() - 60)};
        fs.unreplicatedSnapshots = 2;
        fs.unreplicatedBytes = 2048;
        fs.health = name == LongPath ? Api::Health::Warning : Api::Health::Ok;
        job.filesystems.append(fs);
    }
    job.paused = paused;
    report.jobs = {job};
    return report.toJson();
}

// The fixture's holds, moved onto pushjob's filesystems: four items (two stale) on holdfastdemo-workstation/home,
// a step of pushjob running on the long path.
QByteArray holdsOfPushjob()
{
    Api::HoldsReport report = GuiTestData::holdsReport();
    for (Api::FilesystemHolds &fs : report.filesystems) {
        if (fs.filesystem == u"src/home") {
            fs.filesystem = u"holdfastdemo-workstation/home"_s;
        } else if (fs.filesystem == u"src/busy") {
            fs.filesystem = LongPath;
            fs.runningStepJob = u"pushjob"_s;
        } else {
            continue;
        }
        fs.jobs = {u"pushjob"_s};
        for (Api::AbstractionItem &item : fs.items) {
            item.filesystem = fs.filesystem;
            if (item.job == u"push") {
                item.job = u"pushjob"_s;
            }
        }
    }
    return report.toJson();
}

}  // namespace

void TestMainWindow::filesystemsViewAgainstZrepl()
{
    auto *tabs = m_window->findChild<QTabWidget *>(u"detailTabs"_s);
    QCOMPARE(tabs->tabText(0), u"Filesystems"_s);
    QTRY_VERIFY(m_poller->freshnessSupport() == Gui::FreshnessSupport::Unsupported);
    auto *note = m_window->findChild<QLabel *>(u"filesystemsNoteLabel"_s);
    QTRY_VERIFY(!note->isHidden());
    QVERIFY2(note->text().contains(u"zrepl"_s), qPrintable(note->text()));
    selectPushJob();
    const QModelIndex last = jobsView()->model()->index(jobsView()->currentIndex().row(), Gui::JobsTableModel::LastBackupColumn);
    QTRY_VERIFY2(last.data(Qt::ToolTipRole).toString().contains(u"zrepl does not report snapshot ages"_s),
                 qPrintable(last.data(Qt::ToolTipRole).toString()));
}

void TestMainWindow::filesystemsViewFromTheFreshnessReport()
{
    m_server->setFreshness(freshnessOfPushjob());
    // The zrepl daemon "went away" and Holdfast's answers at the same path: a new socket path asks again.
    m_window->applySettings([&] {
        Gui::AppSettings settings;
        settings.socketPath = m_dir->path() + u"/./control"_s;
        settings.pollInterval = std::chrono::milliseconds(200);
        return settings;
    }());
    QTRY_VERIFY(m_poller->freshnessSupport() == Gui::FreshnessSupport::Supported);
    selectPushJob();
    auto *view = m_window->findChild<QTableView *>(u"filesystemsView"_s);
    QTRY_COMPARE(view->model()->rowCount(), 2);
    QVERIFY(m_window->findChild<QLabel *>(u"filesystemsNoteLabel"_s)->isHidden());
    QCOMPARE(view->model()->index(0, Gui::FilesystemsModel::LastReplicatedColumn).data().toString(), u"5 h ago"_s);
    const QModelIndex last = jobsView()->model()->index(jobsView()->currentIndex().row(), Gui::JobsTableModel::LastBackupColumn);
    QTRY_COMPARE(last.data().toString(), u"5 h ago"_s);
    // Sortable by clicking a header: worst health first after two clicks.
    view->sortByColumn(Gui::FilesystemsModel::HealthColumn, Qt::DescendingOrder);
    QCOMPARE(view->model()->index(0, Gui::FilesystemsModel::FilesystemColumn).data().toString(), LongPath);
    // Every job's filesystems: the others have none in the report, zrepl-style rows from their status stand in.
    auto *all = m_window->findChild<QCheckBox *>(u"allJobsCheckBox"_s);
    all->setChecked(true);
    QTRY_VERIFY(view->model()->rowCount() >= 2);
    all->setChecked(false);
    QTRY_COMPARE(view->model()->rowCount(), 2);
}

void TestMainWindow::pathColumnsElideInTheMiddle()
{
    const QList<QPair<QString, int>> views{{u"snapshotView"_s, Gui::SnapshottingModel::FilesystemColumn},
                                           {u"pruningView"_s, Gui::PruningModel::FilesystemColumn},
                                           {u"filesystemsView"_s, Gui::FilesystemsModel::FilesystemColumn}};
    for (const auto &[name, column] : views) {
        auto *view = m_window->findChild<QTableView *>(name);
        QVERIFY2(view, qPrintable(name));
        QVERIFY2(qobject_cast<Gui::DatasetPathDelegate *>(view->itemDelegateForColumn(column)), qPrintable(name));
        QCOMPARE(view->horizontalHeader()->sectionResizeMode(column), QHeaderView::Stretch);
    }
    // The path column takes the room the others leave: a long dataset path shows in full in a wide window.
    m_server->setFreshness(freshnessOfPushjob());
    m_window->applySettings([&] {
        Gui::AppSettings settings;
        settings.socketPath = m_dir->path() + u"/./control"_s;
        settings.pollInterval = std::chrono::milliseconds(200);
        return settings;
    }());
    m_window->resize(1400, 800);
    selectPushJob();
    auto *view = m_window->findChild<QTableView *>(u"filesystemsView"_s);
    QTRY_COMPARE(view->model()->rowCount(), 2);
    const int needed = view->fontMetrics().horizontalAdvance(LongPath);
    QTRY_VERIFY2(view->columnWidth(Gui::FilesystemsModel::FilesystemColumn) > needed,
                 qPrintable(u"%1 < %2"_s.arg(view->columnWidth(Gui::FilesystemsModel::FilesystemColumn)).arg(needed)));
    // The other columns fit their contents.
    const QString health = view->model()->index(0, Gui::FilesystemsModel::NewestSnapshotColumn).data().toString();
    QTRY_VERIFY(view->columnWidth(Gui::FilesystemsModel::NewestSnapshotColumn) > view->fontMetrics().horizontalAdvance(health));
}

void TestMainWindow::useHoldfastDaemon(std::optional<Api::AccessLevel> access, bool paused)
{
    m_server->setAccess(access);
    m_server->setFreshness(freshnessOfPushjob(paused));
    m_server->answerWith(Api::HoldfastEndpoint::Holds, 200, holdsOfPushjob());
    // Another path to the same socket: the window asks the "new" daemon what it supports.
    m_window->applySettings([&] {
        Gui::AppSettings settings;
        settings.socketPath = m_dir->path() + u"/./control"_s;
        settings.pollInterval = std::chrono::milliseconds(200);
        return settings;
    }());
    QTRY_VERIFY(m_poller->freshnessSupport() == Gui::FreshnessSupport::Supported);
}

bool TestMainWindow::answerMessageBox(const QString &name, QMessageBox::StandardButton button, QString *text)
{
    QMessageBox *box = nullptr;
    // QTRY_ in a helper: it returns from the function on failure.
    for (int i = 0; i < 100 && !box; ++i) {
        box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box || box->objectName() != name) {
            box = nullptr;
            QTest::qWait(50);
        }
    }
    if (!box) {
        return false;
    }
    if (text) {
        *text = box->text() + u'\n' + box->informativeText();
    }
    box->button(button)->click();
    return true;
}

void TestMainWindow::keepScreenshot(const QString &name) const
{
    const QString dir = qEnvironmentVariable("HOLDFAST_GUI_STATE_SCREENSHOTS");
    if (!dir.isEmpty()) {
        QTest::qWait(50);  // what a user sees: the columns are fitted on the next turn of the event loop
        QDir().mkpath(dir);
        QVERIFY(m_window->grab().save(dir + u'/' + name + u".png"_s, "PNG"));
    }
}

void TestMainWindow::holdsAgainstZrepl()
{
    // init() serves zrepl's answers: the Filesystems tab is shown, so the pane asked once, and was told 404.
    QTRY_COMPARE(holdsNote(), u"This daemon does not report holds (zrepl)"_s);
    QCOMPARE(holdsView()->model()->rowCount(), 0);
    QVERIFY(!holdsPanel()->releaseStaleAction()->isEnabled());
    QVERIFY(!holdsPanel()->refreshAction()->isEnabled());
    // Not asked again on every status poll.
    QTest::qWait(500);
    QVERIFY(m_server->handledRequests().isEmpty());
    keepScreenshot(u"holds-zrepl"_s);
}

void TestMainWindow::holdsFollowTheFilesystemsView()
{
    useHoldfastDaemon(Api::AccessLevel::Admin);
    selectPushJob();
    QTRY_COMPARE(holdsView()->model()->rowCount(), 5);
    QTRY_VERIFY2(holdsNote().startsWith(u"5 items, 2 stale."_s), qPrintable(holdsNote()));
    const int asked = int(m_server->handledRequests(Api::HoldfastEndpoint::Holds).size());
    QVERIFY(asked >= 1);
    // Selecting a filesystem above shows what is kept on it.
    auto *filesystems = m_window->findChild<QTableView *>(u"filesystemsView"_s);
    QTRY_COMPARE(filesystems->model()->rowCount(), 2);
    int home = -1;
    for (int row = 0; row < 2; ++row) {
        if (filesystems->model()->index(row, Gui::FilesystemsModel::FilesystemColumn).data() == u"holdfastdemo-workstation/home"_s) {
            home = row;
        }
    }
    filesystems->selectRow(home);
    QCOMPARE(holdsView()->model()->rowCount(), 4);
    QCOMPARE(m_window->findChild<QLabel *>(u"holdsTitleLabel"_s)->text(),
             u"Holds and bookmarks of holdfastdemo-workstation/home"_s);
    QCOMPARE(holdsView()->model()->index(0, Gui::HoldsModel::WhatColumn).data().toString(), u"Step hold"_s);
    keepScreenshot(u"holds-stale"_s);
    // Only on demand: polls of the status do not ask for the holds; Refresh does.
    QTest::qWait(500);
    QCOMPARE(int(m_server->handledRequests(Api::HoldfastEndpoint::Holds).size()), asked);
    holdsPanel()->refreshAction()->trigger();
    QTRY_COMPARE(int(m_server->handledRequests(Api::HoldfastEndpoint::Holds).size()), asked + 1);
    // The filesystem with a running step: its actions say why they wait.
    filesystems->selectRow(1 - home);
    QTRY_VERIFY2(holdsNote().contains(u"A replication step of job pushjob runs on "_s + LongPath + u" now."_s),
                 qPrintable(holdsNote()));
    QVERIFY(!holdsPanel()->stopReplicatingAction()->isEnabled());
    QVERIFY(holdsPanel()->stopReplicatingAction()->toolTip().contains(u"runs on"_s));
    keepScreenshot(u"holds-running-step"_s);
}

void TestMainWindow::releaseStaleAsksFirstAndShowsTheResult()
{
    m_server->answerWith(Api::HoldfastEndpoint::ReleaseStale, [](const Http::Request &request) {
        const bool dryRun = Api::HoldsActionRequest::fromJson(request.body, nullptr).value().dryRun;
        return FakeControlServer::Answer{200, GuiTestData::read(dryRun ? u"release-stale-dry-run.json"_s
                                                                       : u"release-stale-partly-failed.json"_s)};
    });
    useHoldfastDaemon(Api::AccessLevel::Admin);
    selectPushJob();
    QTRY_VERIFY(holdsPanel()->releaseStaleAction()->isEnabled());
    const int asked = int(m_server->handledRequests(Api::HoldfastEndpoint::Holds).size());

    // Cancelled: only the dry run reached the daemon.
    holdsPanel()->releaseStaleAction()->trigger();
    QString asks;
    QVERIFY(answerMessageBox(u"holdsConfirmDialog"_s, QMessageBox::Cancel, &asks));
    QVERIFY2(asks.contains(u"These 2 stale items of job pushjob will go."_s), qPrintable(asks));
    QVERIFY2(asks.contains(u"Release hold zrepl_STEP_J_oldjob on src/home@zrepl_20261101_000000_000"_s), qPrintable(asks));
    QTRY_VERIFY(holdsPanel()->releaseStaleAction()->isEnabled());
    QCOMPARE(m_server->handledRequests(Api::HoldfastEndpoint::ReleaseStale).size(), 1);

    // Confirmed: the real request, then the result and a fresh list.
    holdsPanel()->releaseStaleAction()->trigger();
    QVERIFY(answerMessageBox(u"holdsConfirmDialog"_s, QMessageBox::Ok));
    QString result;
    QVERIFY(answerMessageBox(u"holdsResultDialog"_s, QMessageBox::Ok, &result));
    QVERIFY2(result.startsWith(u"1 of 2 changes made; 1 failed"_s), qPrintable(result));
    QVERIFY2(result.contains(u"failed: cannot release hold: permission denied"_s), qPrintable(result));
    const QList<Http::Request> sent = m_server->handledRequests(Api::HoldfastEndpoint::ReleaseStale);
    QCOMPARE(sent.size(), 3);
    QCOMPARE(sent.last().body.trimmed(), QByteArray(R"({"job":"pushjob","filesystem":"","dry_run":false})"));
    QTRY_VERIFY(int(m_server->handledRequests(Api::HoldfastEndpoint::Holds).size()) > asked);
    QTRY_VERIFY(m_window->statusBar()->currentMessage().contains(u"1 of 2 changes made"_s));
}

void TestMainWindow::holdsActionsNeedAdmin()
{
    useHoldfastDaemon(Api::AccessLevel::Status);
    selectPushJob();
    QTRY_COMPARE(holdsView()->model()->rowCount(), 5);
    QTRY_VERIFY(m_window->readOnlyIndicator()->isVisible());
    for (QAction *action : {holdsPanel()->releaseStaleAction(), holdsPanel()->stopReplicatingAction(),
                            holdsPanel()->abandonResumeAction()}) {
        QVERIFY2(!action->isEnabled(), qPrintable(action->text()));
        QVERIFY2(action->toolTip().contains(u"global.control.admin_group"_s), qPrintable(action->toolTip()));
    }
    // Reading is allowed: Refresh stays.
    QVERIFY(holdsPanel()->refreshAction()->isEnabled());
    QVERIFY(!m_window->pauseAction()->isEnabled());
    QVERIFY(m_window->pauseAction()->toolTip().contains(u"Read-only"_s));
    keepScreenshot(u"holds-read-only"_s);
}

void TestMainWindow::pauseAsksAndReachesTheDaemon()
{
    useHoldfastDaemon(Api::AccessLevel::Admin);
    selectPushJob();
    QTRY_VERIFY(m_window->pauseAction()->isEnabled());
    QVERIFY(!m_window->resumeAction()->isEnabled());
    // Cancelled: nothing sent.
    QString asks;
    QTimer::singleShot(0, this, [&] { answerMessageBox(u"pauseConfirmDialog"_s, QMessageBox::Cancel, &asks); });
    m_window->pauseAction()->trigger();
    QCOMPARE(asks.section(u'\n', 0, 0),
             u"Replication of job pushjob stops until you resume it; snapshots continue to be taken and pruned. A "
             "replication in progress is interrupted and resumes where it stopped."_s);
    QTest::qWait(200);
    QVERIFY(m_server->signalsReceived().isEmpty());
    QTimer::singleShot(0, this, [&] { answerMessageBox(u"pauseConfirmDialog"_s, QMessageBox::Ok); });
    m_window->pauseAction()->trigger();
    QTRY_COMPARE(m_server->signalsReceived().size(), 1);
    QCOMPARE(m_server->signalsReceived().last(), qMakePair(u"pushjob"_s, u"pause"_s));
    QTRY_VERIFY2(m_window->statusBar()->currentMessage().contains(u"Replication of pushjob paused"_s),
                 qPrintable(m_window->statusBar()->currentMessage()));
}

void TestMainWindow::zreplCannotPause()
{
    // Known to be zrepl (no freshness report): Pause is greyed out, saying why.
    selectPushJob();
    QTRY_VERIFY(m_poller->freshnessSupport() == Gui::FreshnessSupport::Unsupported);
    QTRY_VERIFY(!m_window->pauseAction()->isEnabled());
    QCOMPARE(m_window->pauseAction()->toolTip(), u"This daemon (zrepl) cannot pause jobs"_s);
    // A daemon that offered it and answers as zrepl does (500, no access level): said plainly.
    m_server->setFreshness(freshnessOfPushjob());
    m_window->applySettings([&] {
        Gui::AppSettings settings;
        settings.socketPath = m_dir->path() + u"/./control"_s;
        settings.pollInterval = std::chrono::milliseconds(200);
        return settings;
    }());
    QTRY_VERIFY(m_window->pauseAction()->isEnabled());
    m_server->refuseSignal(u"pushjob"_s, u"unknown signal op \"pause\""_s);
    QTimer::singleShot(0, this, [&] { answerMessageBox(u"pauseConfirmDialog"_s, QMessageBox::Ok); });
    m_window->pauseAction()->trigger();
    QTRY_VERIFY2(m_window->statusBar()->currentMessage().startsWith(u"This daemon cannot pause jobs"_s),
                 qPrintable(m_window->statusBar()->currentMessage()));
    QVERIFY(!m_window->statusBar()->currentMessage().contains(u"unknown signal op"_s));
}

// A reload refused elsewhere (`systemctl reload` of a broken file): a banner above the jobs says where the file is
// wrong and that the daemon runs the version before; it goes once the file is fixed and reloaded.
void TestMainWindow::refusedReloadShowsABanner()
{
    Api::ConfigDocument document;
    document.path = u"/etc/holdfast/holdfast.yml"_s;
    document.text = u"jobs: []\n"_s;
    document.version = document.state.runningVersion = u"v1"_s;
    Api::ReloadReport refused;
    refused.ok = false;
    refused.at = Api::Timestamp::now();
    refused.trigger = u"signal"_s;
    refused.problem = Api::ConfigProblem{document.path, 12, 7, u"jobs[1].snapshotting.interval"_s, u"time: unknown unit \"x\""_s};
    Api::ConfigDocument broken = document;
    broken.state.lastReload = refused;
    m_server->answerWith(Api::HoldfastEndpoint::Config, 200, broken.toJson());
    useHoldfastDaemon(Api::AccessLevel::Admin);
    auto *banner = m_window->findChild<QLabel *>(u"configHealthBanner"_s);
    QVERIFY(banner);
    QTRY_VERIFY(banner->isVisible());
    QVERIFY2(banner->text().contains(u"has a problem at line 12, column 7"_s), qPrintable(banner->text()));
    QVERIFY(banner->toolTip().contains(u"/etc/holdfast/holdfast.yml:12:7: jobs[1].snapshotting.interval"_s));
    keepScreenshot(u"config-reload-refused"_s);

    m_server->answerWith(Api::HoldfastEndpoint::Config, 200, document.toJson());
    auto *watcher = m_window->findChild<Gui::ConfigStateWatcher *>();
    QVERIFY(watcher);
    watcher->refresh();
    QTRY_VERIFY(!banner->isVisible());
}

void TestMainWindow::pausedJobReadsPaused()
{
    useHoldfastDaemon(Api::AccessLevel::Admin, true);
    selectPushJob();
    QTRY_VERIFY(m_window->resumeAction()->isEnabled());
    QVERIFY(!m_window->pauseAction()->isEnabled());
    const int row = jobsView()->currentIndex().row();
    QTRY_COMPARE(jobsView()->model()->index(row, Gui::JobsTableModel::StateColumn).data().toString(), u"Paused"_s);
    auto *filesystems = m_window->findChild<QTableView *>(u"filesystemsView"_s);
    QTRY_COMPARE(filesystems->model()->rowCount(), 2);
    for (int r = 0; r < 2; ++r) {
        QCOMPARE(filesystems->model()->index(r, Gui::FilesystemsModel::HealthColumn).data().toString(), u"Paused"_s);
    }
    // The tray says so in its tooltip and its menu.
    QTRY_VERIFY2(m_tray->state().tooltip.contains(u"pushjob: Paused"_s), qPrintable(m_tray->state().tooltip));
    QVERIFY(m_tray->state().tooltip.contains(u"Replication paused"_s));
    QStringList entries;
    for (QAction *action : trayWakeupEntries()) {
        entries.append(action->text());
    }
    QVERIFY2(entries.contains(u"pushjob (paused)"_s), qPrintable(entries.join(u", "_s)));
    keepScreenshot(u"paused"_s);
    // Resume asks and sends.
    QTimer::singleShot(0, this, [&] { answerMessageBox(u"pauseConfirmDialog"_s, QMessageBox::Ok); });
    m_window->resumeAction()->trigger();
    QTRY_COMPARE(m_server->signalsReceived().size(), 1);
    QCOMPARE(m_server->signalsReceived().last(), qMakePair(u"pushjob"_s, u"resume"_s));
}

void TestMainWindow::pruningExplainsWhySnapshotsStay()
{
    // pushjob pruned holdfastdemo-workstation/home on the sender.
    Api::DaemonStatus status = Fixtures::load(u"status-multi-idle.json"_s);
    auto *active = std::get_if<Api::ActiveSideStatus>(&status.jobs[u"pushjob"_s].specific);
    QVERIFY(active);
    Api::PrunerReport pruning;
    pruning.state = Api::PrunerState::Done;
    Api::PrunerFilesystemReport fs;
    fs.filesystem = u"holdfastdemo-workstation/home"_s;
    fs.snapshotList = QList<Api::PrunerSnapshot>{};
    fs.destroyList = QList<Api::PrunerSnapshot>{};
    pruning.completed = QList<Api::PrunerFilesystemReport>{fs};
    active->pruningSender = pruning;
    m_server->setStatus(status.toJson());
    m_server->answerWith(Api::HoldfastEndpoint::Pruning, 200, GuiTestData::read(u"pruning-explanation.json"_s));
    useHoldfastDaemon(Api::AccessLevel::Status);
    selectPushJob();
    auto *tabs = m_window->findChild<QTabWidget *>(u"detailTabs"_s);
    auto *pruningView = m_window->findChild<QTableView *>(u"pruningView"_s);
    auto *explanation = m_window->findChild<QTableView *>(u"pruningExplanationView"_s);
    auto *label = m_window->findChild<QLabel *>(u"pruningExplanationLabel"_s);
    tabs->setCurrentIndex(3);
    QCOMPARE(tabs->tabText(3), u"Pruning"_s);
    QTRY_COMPARE(pruningView->model()->rowCount(), 1);
    QVERIFY2(label->text().startsWith(u"Select a filesystem above"_s), qPrintable(label->text()));
    pruningView->selectRow(0);
    QTRY_COMPARE(explanation->model()->rowCount(), 3);
    const QList<Http::Request> asked = m_server->handledRequests(Api::HoldfastEndpoint::Pruning);
    QCOMPARE(asked.size(), 1);
    QCOMPARE(asked.first().query, QByteArray("job=pushjob&filesystem=holdfastdemo-workstation%2Fhome"));
    QVERIFY2(label->text().contains(u"3 snapshots: 1 kept, 1 held, 1 destroyed"_s), qPrintable(label->text()));
    explanation->selectRow(1);
    QVERIFY2(label->text().contains(u"The keep rules would destroy it, but held by zrepl_STEP_J_push"_s),
             qPrintable(label->text()));
    keepScreenshot(u"pruning-explained"_s);
}

namespace {

QDateTime december(int day, int hour = 10)
{
    return QDateTime(QDate(2026, 12, day), QTime(hour, 0), Qt::UTC);
}

const QString BackupFilesystem = u"backup/ws/tank/home"_s;

}  // namespace

std::unique_ptr<FakeSnapshotTree> TestMainWindow::restoreTree()
{
    auto tree = std::make_unique<FakeSnapshotTree>();
    QStringList snapshots;
    for (int day = 1; day <= 3; ++day) {
        snapshots.append(tree->addSnapshot(FakeSnapshotTree::snapshotName(december(day))).section(u'/', -1));
    }
    tree->writeInSnapshot(snapshots[0], u"Documents/report.txt"_s, "first draft\n", december(1, 9));
    tree->writeLive(u"Documents/report.txt"_s, "final\n", december(2, 9));
    tree->keep(u"Documents/report.txt"_s, QString(), snapshots[1]);
    tree->keep(u"Documents/report.txt"_s, QString(), snapshots[2]);
    for (const QString &snapshot : snapshots) {
        QDir().mkpath(tree->snapshotRoot(snapshot) + u"/Documents/2026"_s);
        QDir().mkpath(tree->snapshotRoot(snapshot) + u"/Music"_s);
    }
    tree->installMountinfo();
    // No zfs to ask here: the times come from the names.
    qputenv("HOLDFAST_ZFS_BINARY", "/bin/false");
    return tree;
}

void TestMainWindow::restoreViewWithoutZfs()
{
    QTemporaryDir dir;
    QFile mountinfo(dir.filePath(u"mountinfo"_s));
    QVERIFY(mountinfo.open(QIODevice::WriteOnly));
    mountinfo.write("22 1 0:21 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n");
    mountinfo.close();
    qputenv("HOLDFAST_MOUNTINFO", QFile::encodeName(mountinfo.fileName()));
    auto *tabs = m_window->findChild<QTabWidget *>(u"detailTabs"_s);
    QCOMPARE(tabs->tabText(tabs->indexOf(restoreView())), u"Restore"_s);
    m_window->showRestoreAction()->trigger();
    QCOMPARE(tabs->currentWidget(), restoreView());
    QTRY_VERIFY2(restoreView()->noteText().startsWith(u"No ZFS filesystem is mounted that you can read"_s),
                 qPrintable(restoreView()->noteText()));
    QCOMPARE(restoreView()->sourceModel()->rowCount(), 0);
    for (QAction *action :
         {restoreView()->restoreAction(), restoreView()->historyAction(), restoreView()->upAction()}) {
        QVERIFY(!action->isEnabled());
    }
    keepScreenshot(u"restore-no-zfs"_s);
    qunsetenv("HOLDFAST_MOUNTINFO");
    // The tray's "Restore…" asks for this view (Application shows the window on it).
    QSignalSpy restoreRequested(m_tray.get(), &Gui::TrayController::restoreRequested);
    QAction *trayRestore = m_tray->menu()->findChild<QAction *>(u"trayRestoreAction"_s);
    QVERIFY(trayRestore && m_tray->menu()->actions().contains(trayRestore));
    trayRestore->trigger();
    QCOMPARE(restoreRequested.count(), 1);
}

void TestMainWindow::restoreViewBrowsesSnapshotsByKeyboard()
{
    const std::unique_ptr<FakeSnapshotTree> tree = restoreTree();
    // Ctrl+Shift+F from anywhere in the window.
    QTest::keyClick(jobsView(), Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
    auto *tabs = m_window->findChild<QTabWidget *>(u"detailTabs"_s);
    QCOMPARE(tabs->currentWidget(), restoreView());
    Gui::SnapshotTimelineModel *timeline = restoreView()->timelineModel();
    Gui::SnapshotDirectoryModel *folder = restoreView()->directoryModel();
    QTRY_COMPARE(timeline->rowCount(), 3);
    QCOMPARE(restoreView()->sourceModel()->source(0).dataset, u"tank/home"_s);
    QCOMPARE(m_window->findChild<QLabel *>(u"timelineSummaryLabel"_s)->text().section(u" · "_s, 0, 0),
             u"3 snapshots"_s);
    // The newest snapshot is shown, its root folder listed, its first entry selected.
    QTRY_COMPARE(folder->rowCount(), 2);
    QCOMPARE(folder->directory(), tree->snapshotRoot(timeline->snapshot(0).name));
    QTRY_COMPARE(directoryView()->currentIndex().row(), 0);
    QCOMPARE(restoreView()->folderStatusText(), u"2 items"_s);
    QVERIFY(!restoreView()->upAction()->isEnabled());

    // Enter opens the folder.
    QTest::keyClick(directoryView(), Qt::Key_Return);
    QTRY_COMPARE(restoreView()->browser().relativeFolder(), u"Documents"_s);
    QTRY_COMPARE(folder->rowCount(), 2);
    QCOMPARE(folder->entry(0).name, u"2026"_s);
    QVERIFY(restoreView()->upAction()->isEnabled());
    // A folder is not compared; the reason is on the greyed-out action.
    QVERIFY(!restoreView()->compareAction()->isEnabled());
    QCOMPARE(restoreView()->compareAction()->toolTip(), u"Only files are compared"_s);
    QVERIFY(restoreView()->selectEntry(u"report.txt"_s));
    QVERIFY(restoreView()->compareAction()->isEnabled());
    QVERIFY(restoreView()->restoreAction()->isEnabled());
    QVERIFY(restoreView()->restoreAction()->toolTip().contains(u"Ctrl+R"_s));
    keepScreenshot(u"restore-browsing"_s);

    // Another snapshot: the same folder as it was then.
    QVERIFY(restoreView()->selectSnapshot(timeline->snapshot(2).name));
    QTRY_COMPARE(folder->directory(), tree->snapshotRoot(timeline->snapshot(2).name) + u"/Documents"_s);
    QTRY_VERIFY(folder->rowOf(u"report.txt"_s) >= 0);

    // Ctrl+H: the versions of report.txt, over the snapshots listed.
    QVERIFY(restoreView()->selectEntry(u"report.txt"_s));
    QTest::keyClick(directoryView(), Qt::Key_H, Qt::ControlModifier);
    Gui::FileHistoryDialog *history = nullptr;
    QTRY_VERIFY((history = restoreView()->findChild<Gui::FileHistoryDialog *>()) != nullptr);
    QTRY_VERIFY(!history->isLoading());
    QCOMPARE(history->summary().section(u" · "_s, 0, 0), u"2 versions"_s);
    history->close();
    // Back in the window, as the desktop returns the focus after a dialog.
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    directoryView()->setFocus();

    // Backspace goes up, back onto the folder it came from.
    QTest::keyClick(directoryView(), Qt::Key_Backspace);
    QTRY_COMPARE(restoreView()->browser().relativeFolder(), QString());
    QTRY_COMPARE(directoryView()->currentIndex().row(), folder->rowOf(u"Documents"_s));
    // Alt+Up at the root does nothing.
    QTest::keyClick(directoryView(), Qt::Key_Up, Qt::AltModifier);
    QCOMPARE(folder->directory(), tree->snapshotRoot(timeline->snapshot(2).name));
    qunsetenv("HOLDFAST_MOUNTINFO");
}

void TestMainWindow::useBackupDaemon(Api::AccessLevel access)
{
    Api::FreshnessReport report;
    report.computedAt = Api::Timestamp::now();
    Api::JobFreshness push;
    push.job = u"pushjob"_s;
    push.type = u"push"_s;
    push.filesystems = {Api::FilesystemFreshness()};
    push.filesystems[0].filesystem = u"tank/home"_s;
    Api::JobFreshness sink;
    sink.job = u"sinkjob"_s;
    sink.type = u"sink"_s;
    sink.filesystems = {Api::FilesystemFreshness()};
    sink.filesystems[0].filesystem = BackupFilesystem;
    report.jobs = {push, sink};
    Api::SnapshotListing listing;
    listing.filesystem = BackupFilesystem;
    listing.received = true;
    for (int day = 3; day >= 1; --day) {
        listing.snapshots.append(Api::SnapshotInfo{FakeSnapshotTree::snapshotName(december(day)), QString::number(day),
                                                   Api::Timestamp::fromDateTime(december(day)), day == 3 ? 1 : 0});
    }
    m_server->setAccess(access);
    m_server->setFreshness(report.toJson());
    m_server->answerWith(Api::HoldfastEndpoint::Snapshots, 200, listing.toJson());
    m_window->applySettings([&] {
        Gui::AppSettings settings;
        settings.socketPath = m_dir->path() + u"/./control"_s;
        settings.pollInterval = std::chrono::milliseconds(200);
        return settings;
    }());
    QTRY_VERIFY(m_poller->freshnessSupport() == Gui::FreshnessSupport::Supported);
}

void TestMainWindow::restoreViewBackupNeedsAdmin()
{
    const std::unique_ptr<FakeSnapshotTree> tree = restoreTree();
    useBackupDaemon(Api::AccessLevel::Status);
    m_window->showRestoreView();
    QTRY_VERIFY(restoreView()->sourceModel()->rowOfDataset(BackupFilesystem) >= 0);
    QCOMPARE(restoreView()->sourceModel()->rowCount(), 2);
    QVERIFY(restoreView()->selectSource(BackupFilesystem));
    QTRY_COMPARE(restoreView()->timelineModel()->rowCount(), 3);
    QCOMPARE(restoreView()->timelineModel()->index(0, Gui::SnapshotTimelineModel::HeldColumn).data().toString(),
             u"Held"_s);
    QAction *browse = restoreView()->browseBackupAction();
    QTRY_VERIFY(m_window->readOnlyIndicator()->isVisible());
    QVERIFY(browse->isVisible());
    QVERIFY(!browse->isEnabled());
    QVERIFY2(browse->toolTip().contains(u"global.control.admin_group"_s), qPrintable(browse->toolTip()));
    QVERIFY2(restoreView()->noteText().contains(u"is a backup that is not mounted"_s),
             qPrintable(restoreView()->noteText()));
    // Nothing to browse yet: nothing to restore either.
    QVERIFY(!restoreView()->restoreAction()->isEnabled());
    keepScreenshot(u"restore-backup-read-only"_s);
    qunsetenv("HOLDFAST_MOUNTINFO");
}

void TestMainWindow::restoreViewBrowsesABackupUnderALease()
{
    const std::unique_ptr<FakeSnapshotTree> tree = restoreTree();
    // Where the daemon "mounts" the backup's snapshot: a folder of its own.
    QTemporaryDir mounted;
    FakeSnapshotTree::writeFile(mounted.path(), u"Documents/report.txt"_s, "from the backup\n", december(3, 9));
    m_server->answerWith(Api::HoldfastEndpoint::Browse, [&](const Http::Request &request) {
        QString error;
        const Api::BrowseRequest asked = Api::BrowseRequest::fromJson(request.body, &error).value();
        Api::BrowseLease lease;
        lease.id = u"lease-"_s + asked.snapshot;
        lease.filesystem = asked.filesystem;
        lease.snapshot = asked.snapshot;
        lease.path = mounted.path();
        lease.expiresAt = Api::Timestamp::fromDateTime(QDateTime::currentDateTimeUtc().addSecs(600));
        lease.idleTimeoutSeconds = 600;
        return FakeControlServer::Answer{200, lease.toJson()};
    });
    m_server->answerWith(Api::HoldfastEndpoint::BrowseRelease, 200, Api::BrowseLeases{}.toJson());
    useBackupDaemon(Api::AccessLevel::Admin);
    m_window->showRestoreView();
    QTRY_VERIFY(restoreView()->selectSource(BackupFilesystem));
    QTRY_COMPARE(restoreView()->timelineModel()->rowCount(), 3);
    QAction *browse = restoreView()->browseBackupAction();
    QTRY_VERIFY(browse->isEnabled());
    QTest::keyClick(restoreView()->findChild<QTableView *>(u"timelineView"_s), Qt::Key_B, Qt::ControlModifier);
    QTRY_COMPARE(restoreView()->directoryModel()->rowCount(), 1);
    QCOMPARE(restoreView()->directoryModel()->directory(), mounted.path());
    const QString newest = restoreView()->timelineModel()->snapshot(0).name;
    QCOMPARE(restoreView()->noteText(),
             u"%1@%2 is mounted read-only for you until you leave it."_s.arg(BackupFilesystem, newest));
    QVERIFY(!browse->isEnabled());
    QTest::keyClick(directoryView(), Qt::Key_Return);
    QTRY_COMPARE(restoreView()->directoryModel()->rowCount(), 1);
    QVERIFY(restoreView()->selectEntry(u"report.txt"_s));
    // What it is now is not known for a backup: no versions, no compare; restoring (into a folder) is.
    QVERIFY(!restoreView()->historyAction()->isEnabled());
    QVERIFY(restoreView()->historyAction()->toolTip().contains(u"not mounted"_s));
    QVERIFY(restoreView()->restoreAction()->isEnabled());
    keepScreenshot(u"restore-backup"_s);
    // Another snapshot: the first lease goes back, the new one is mounted.
    QVERIFY(restoreView()->selectSnapshot(restoreView()->timelineModel()->snapshot(1).name));
    QTRY_COMPARE(m_server->handledRequests(Api::HoldfastEndpoint::BrowseRelease).size(), 1);
    QTRY_COMPARE(m_server->handledRequests(Api::HoldfastEndpoint::Browse).size(), 2);
    QTRY_VERIFY(restoreView()->backupBrowser().lease().has_value());
    // Leaving the view gives the lease back.
    m_window->findChild<QTabWidget *>(u"detailTabs"_s)->setCurrentIndex(0);
    QTRY_COMPARE(m_server->handledRequests(Api::HoldfastEndpoint::BrowseRelease).size(), 2);
    QVERIFY(!restoreView()->backupBrowser().lease().has_value());
    QCOMPARE(restoreView()->directoryModel()->rowCount(), 0);
    QVERIFY2(restoreView()->noteText().contains(u"is a backup that is not mounted"_s),
             qPrintable(restoreView()->noteText()));
    QVERIFY(m_server->handledRequests(Api::HoldfastEndpoint::BrowseRelease).last().body.contains(
        (u"lease-"_s + restoreView()->timelineModel()->snapshot(1).name).toUtf8()));
    qunsetenv("HOLDFAST_MOUNTINFO");
}

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
