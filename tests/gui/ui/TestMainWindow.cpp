// SPDX-License-Identifier: MIT
// The main window offscreen against a control socket that answers with zrepl's own captured documents: the jobs
// appear, Wake Up and Reset reach the daemon by keyboard and by the context menu, Reset asks first, refusals are
// shown, the status is copied as JSON, and a daemon that goes away is reported and found again.
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include "FakeControlServer.h"
#include "app/core/SignalSender.h"
#include "app/core/StatusPoller.h"
#include "app/models/JobsTableModel.h"
#include "app/models/ModelRole.h"
#include "app/ui/MainWindow.h"
#include "app/ui/SettingsDialog.h"

using namespace Qt::StringLiterals;

namespace {

QByteArray readData(const QString &name)
{
    QFile file(QStringLiteral(HOLDFAST_TEST_DATA_DIR "/zrepl/") + name);
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("cannot read %s", qPrintable(file.fileName()));
    }
    return file.readAll();
}

}  // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void showsZreplsJobs();
    void wakeupByKeyboardReachesTheDaemon();
    void refusalIsShown();
    void resetAsksFirst_data();
    void resetAsksFirst();
    void passiveJobsTakeNoSignals();
    void copiesTheStatusAsJson();
    void reportsAMissingDaemonAndReconnects();
    void settingsDialogRoundTrip();

private:
    QTableView *jobsView() const { return m_window->findChild<QTableView *>(u"jobsView"_s); }
    QString connectionText() const { return m_window->findChild<QLabel *>(u"connectionLabel"_s)->text(); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeControlServer> m_server;
    std::unique_ptr<Gui::StatusPoller> m_poller;
    std::unique_ptr<Gui::SignalSender> m_sender;
    std::unique_ptr<Gui::MainWindow> m_window;
};

void TestMainWindow::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    const QString path = m_dir->filePath(u"control"_s);
    m_server = std::make_unique<FakeControlServer>(path);
    m_server->setStatus(readData(u"status-multi-idle.json"_s));
    QVERIFY(m_server->listen());
    m_poller = std::make_unique<Gui::StatusPoller>();
    m_sender = std::make_unique<Gui::SignalSender>(m_poller->client());
    m_window = std::make_unique<Gui::MainWindow>(*m_poller, *m_sender);
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
    m_server->setStatus(readData(u"status-multi-after-wakeup.json"_s));
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

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
