// SPDX-License-Identifier: MIT
// Driven by test-gui-e2e.sh on Xvfb with a live daemon: the whole application (window, tray, notifier) starts,
// shows the daemon's jobs, and a mouse click on Wake Up makes the daemon replicate; then a screenshot. After it the
// jobs table and the Filesystems view show the daemon's freshness report, and a second screenshot keeps that view.
#include <QAbstractItemModel>
#include <QCheckBox>
#include <QFile>
#include <QTabWidget>
#include <QScreen>
#include <QTableView>
#include <QTest>
#include <QToolBar>
#include <QToolButton>

#include "app/models/FilesystemsModel.h"
#include "app/models/JobsTableModel.h"
#include "app/models/ModelRole.h"
#include "app/ui/Application.h"
#include "app/ui/MainWindow.h"

using namespace Qt::StringLiterals;

class TestGuiEndToEnd : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void wakeUpFromTheWindowReplicates();
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
    tabs->setCurrentWidget(filesystems->parentWidget());
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
}

QTEST_MAIN(TestGuiEndToEnd)
#include "TestGuiEndToEnd.moc"
