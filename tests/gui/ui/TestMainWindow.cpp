// SPDX-License-Identifier: MIT
// The main window offscreen against a control socket that answers with zrepl's own captured documents: the jobs
// appear, Wake Up and Reset reach the daemon by keyboard and by the context menu, Reset asks first, refusals are
// shown, the status is copied as JSON, and a daemon that goes away is reported and found again. Against Holdfast's
// access header: a user who may only read sees Wake Up and Reset greyed out (in the window and the tray) with a
// read-only indicator that says why, regains them when the daemon says so, and reads the daemon's reason when a
// signal is refused nonetheless.
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
#include <QTest>
#include <QTimer>

#include "FakeControlServer.h"
#include "app/core/JobActions.h"
#include "app/core/SignalSender.h"
#include "app/core/StatusPoller.h"
#include "app/models/FilesystemsModel.h"
#include "app/models/JobsTableModel.h"
#include "app/models/PruningModel.h"
#include "app/models/SnapshottingModel.h"
#include "app/models/ModelRole.h"
#include "app/ui/DatasetPathDelegate.h"
#include "app/ui/MainWindow.h"
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

private:
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

QByteArray freshnessOfPushjob()
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
    report.jobs = {job};
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

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
