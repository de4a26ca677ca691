// SPDX-License-Identifier: MIT
// Driven by test-gui-e2e.sh on Xvfb with a live daemon: the whole application (window, tray, notifier) starts,
// shows the daemon's jobs, and a mouse click on Wake Up makes the daemon replicate; then a screenshot.
#include <QAbstractItemModel>
#include <QFile>
#include <QScreen>
#include <QTableView>
#include <QTest>
#include <QToolBar>
#include <QToolButton>

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
    QFile log(qEnvironmentVariable("HOLDFAST_E2E_DAEMON_LOG"));
    QVERIFY(log.open(QIODevice::ReadOnly));
    QVERIFY2(log.readAll().contains("woken up"), "the daemon did not log the wakeup");
}

QTEST_MAIN(TestGuiEndToEnd)
#include "TestGuiEndToEnd.moc"
