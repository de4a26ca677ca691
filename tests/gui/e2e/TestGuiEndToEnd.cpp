// SPDX-License-Identifier: MIT
// Driven by test-gui-e2e.sh on Xvfb with a live daemon: the whole application (window, tray, notifier) starts,
// shows the daemon's jobs, and a mouse click on Wake Up makes the daemon replicate; then a screenshot. The script
// slows the emulator's sends down to a few seconds for src/home, and the replication view's progress of src/home must
// move several times a second meanwhile: the GUI is on the daemon's status feed, which brings every byte count the
// daemon reports (every 200 ms), where polling /status would show one a second. After it the
// jobs table and the Filesystems view show the daemon's freshness report, and a second screenshot keeps that view.
// A third keeps the Holds pane under it, with what keeps src/home replicating: from the daemon's holds report, or,
// from a daemon that has none yet, from a stand-in socket that answers the daemon's own status and freshness and the
// holds fixture of tests/gui/data.
// The New backup assistant against the same daemon, driven with the mouse as a user would: (a) src/docs to another
// local pool (a push and a sink job over the local transport), (b) the encrypted src/secret sent raw to a server
// over ssh+stdinserver: the server's sink job is taken from the assistant's page into a second daemon's
// configuration and its authorized_keys line into the file the stand-in ssh (first in the daemon's PATH) reads, as
// sshd would; the connection test goes through it. Each apply must make the daemon snapshot and replicate by itself;
// the script then runs `holdfast configcheck` on both files and compares the guids. A screenshot of every page is
// kept (tests/gui/new-backup-<page>.png).
// Apart from the daemon: the versions window (what `holdfast-gui --versions PATH` shows) on a fake snapshot tree
// ($HOLDFAST_MOUNTINFO), kept as tests/gui/file-history.png, and the comparison of an old version with the current
// file (tests/gui/file-diff.png).
#include <QAbstractItemModel>
#include <QAbstractProxyModel>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QScreen>
#include <QSignalSpy>
#include <QStyle>
#include <QStyleOptionViewItem>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>

#include "FakeControlServer.h"
#include "FakeSnapshotTree.h"
#include "GuiTestData.h"
#include "app/core/ConfigSession.h"
#include "app/core/JobNames.h"
#include "app/models/FileHistoryModel.h"
#include "app/models/FilesystemTreeModel.h"
#include "app/models/FilesystemsModel.h"
#include "app/models/HoldsModel.h"
#include "app/models/JobsTableModel.h"
#include "app/models/ModelRole.h"
#include "app/models/ReplicationModel.h"
#include "app/ui/Application.h"
#include "app/ui/BackupSetupController.h"
#include "app/ui/DiffView.h"
#include "app/ui/FileHistoryDialog.h"
#include "app/ui/HoldsPanel.h"
#include "app/ui/MainWindow.h"
#include "app/ui/NewBackupDestinationPage.h"
#include "app/ui/NewBackupFilesystemsPage.h"
#include "app/ui/NewBackupReviewPage.h"
#include "app/ui/NewBackupWizard.h"

using namespace Qt::StringLiterals;

class TestGuiEndToEnd : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void wakeUpFromTheWindowReplicates();
    void newBackupToALocalPool();
    void newBackupToAServerOverSsh();
    void fileHistoryOnAFakeTree();

private:
    // Opens the assistant from the toolbar and waits for the daemon's filesystems.
    Gui::NewBackupWizard *openAssistant(Gui::MainWindow &window);
    static void tick(Gui::NewBackupWizard *wizard, const QString &filesystem);
    // Clicks Next once it is enabled; false (with the page's name in the log) when it does not get enabled.
    static bool next(Gui::NewBackupWizard *wizard, int page);
    // The page as it is now, as tests/gui/new-backup-<name>.png.
    static void keep(QWidget *widget, const QString &name);
    // The snapshots below `dataset` (zfs list -t snapshot), from the zfs the daemon uses.
    static QStringList snapshots(const QString &dataset);
};

Gui::NewBackupWizard *TestGuiEndToEnd::openAssistant(Gui::MainWindow &window)
{
    Gui::BackupSetupController *setup = window.backupSetup();
    if (!QTest::qWaitFor([&] { return setup->newBackupAction()->isEnabled(); }, 10000)) {
        qWarning("New Backup stays disabled: %s", qPrintable(setup->newBackupAction()->toolTip()));
        return nullptr;
    }
    QToolButton *button = nullptr;
    for (QToolBar *toolbar : window.findChildren<QToolBar *>()) {
        if (auto *candidate = qobject_cast<QToolButton *>(toolbar->widgetForAction(setup->newBackupAction()))) {
            button = candidate;
        }
    }
    if (!button) {
        return nullptr;
    }
    QTest::mouseClick(button, Qt::LeftButton);
    Gui::NewBackupWizard *wizard = setup->wizard();
    if (!wizard || !QTest::qWaitForWindowExposed(wizard)
        || !QTest::qWaitFor(
            [&] { return !wizard->filesystemsPage()->isLoading() && wizard->filesystems()->rowCount() > 0; }, 15000)) {
        return nullptr;
    }
    return wizard;
}

void TestGuiEndToEnd::tick(Gui::NewBackupWizard *wizard, const QString &filesystem)
{
    auto *view = wizard->findChild<QTreeView *>(u"filesystemTreeView"_s);
    const QModelIndex index = wizard->filesystems()->indexOf(filesystem);
    QVERIFY2(index.isValid(), qPrintable(filesystem));
    view->scrollTo(index);
    // A click on the check box, as a user ticks it.
    const QRect item = view->visualRect(index);
    QStyleOptionViewItem option;
    option.initFrom(view);
    option.rect = item;
    option.features = QStyleOptionViewItem::HasCheckIndicator;
    const QRect box = view->style()->subElementRect(QStyle::SE_ItemViewItemCheckIndicator, &option, view);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, box.center());
    QTRY_VERIFY2(wizard->filesystems()->selection().contains(filesystem), qPrintable(filesystem));
}

bool TestGuiEndToEnd::next(Gui::NewBackupWizard *wizard, int page)
{
    if (!QTest::qWaitFor([&] { return wizard->button(QWizard::NextButton)->isEnabled(); }, 10000)) {
        qWarning("Next stays disabled on %s", qPrintable(wizard->currentPage()->objectName()));
        return false;
    }
    QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
    return wizard->currentId() == page;
}

void TestGuiEndToEnd::keep(QWidget *widget, const QString &name)
{
    QTest::qWait(300);  // the last repaint before the picture
    const QString dir = QFileInfo(qEnvironmentVariable("HOLDFAST_E2E_FILESYSTEMS_SCREENSHOT")).absolutePath();
    QVERIFY(widget->grab().save(dir + u"/new-backup-"_s + name + u".png"_s, "PNG"));
}

QStringList TestGuiEndToEnd::snapshots(const QString &dataset)
{
    QProcess zfs;
    zfs.start(u"zfs"_s, {u"list"_s, u"-H"_s, u"-o"_s, u"name"_s, u"-t"_s, u"snapshot"_s, u"-r"_s, dataset});
    if (!zfs.waitForFinished(10000) || zfs.exitCode() != 0) {
        return {};
    }
    return QString::fromUtf8(zfs.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
}

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

    // Every byte count of src/home the replication view's model announces (dataChanged on its row with a new count).
    auto *replicationView = window.findChild<QTreeView *>(u"replicationView"_s);
    QVERIFY(replicationView);
    auto *proxy = qobject_cast<QAbstractProxyModel *>(replicationView->model());
    auto *replication = qobject_cast<Gui::ReplicationModel *>(proxy ? proxy->sourceModel() : replicationView->model());
    QVERIFY(replication);
    QElapsedTimer clock;
    clock.start();
    QList<QPair<qint64, qint64>> progress;  // milliseconds since the click, bytes
    qint64 expectedBytes = 0;
    const QMetaObject::Connection progressConnection = connect(
        replication,
        &QAbstractItemModel::dataChanged,
        replication,
        [&](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
            if (replication->kind(topLeft) != Gui::ReplicationModel::ItemKind::Filesystem
                || topLeft.column() > Gui::ReplicationModel::ProgressColumn
                || bottomRight.column() < Gui::ReplicationModel::ProgressColumn) {
                return;
            }
            for (int row = topLeft.row(); row <= bottomRight.row(); ++row) {
                if (replication->index(row, Gui::ReplicationModel::ItemColumn, topLeft.parent()).data().toString()
                    != u"src/home") {
                    continue;
                }
                const QModelIndex cell =
                    replication->index(row, Gui::ReplicationModel::ProgressColumn, topLeft.parent());
                const qint64 bytes = cell.data(Gui::BytesReplicatedRole).toLongLong();
                expectedBytes = cell.data(Gui::BytesExpectedRole).toLongLong();
                if (progress.isEmpty() || progress.last().second != bytes) {
                    progress.append(qMakePair(clock.elapsed(), bytes));
                }
            }
        });
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
    disconnect(progressConnection);
    // The counts while the stream ran (not its start at 0, nor its end at the full size): several a second.
    QList<QPair<qint64, qint64>> moving;
    for (const auto &sample : std::as_const(progress)) {
        if (sample.second > 0 && (expectedBytes == 0 || sample.second < expectedBytes)) {
            moving.append(sample);
        }
    }
    QStringList samples;
    for (const auto &[ms, bytes] : std::as_const(progress)) {
        samples.append(u"%1 ms: %2"_s.arg(ms).arg(bytes));
    }
    qInfo("src/home's progress in the replication view: %s", qPrintable(samples.join(u", "_s)));
    QVERIFY2(moving.size() >= 2, qPrintable(samples.join(u", "_s)));
    const double seconds = double(moving.last().first - moving.first().first) / 1000.0;
    // The script slows the send to about 4 s; under a second would judge nothing.
    QVERIFY2(seconds >= 1.0,
             qPrintable(u"the transfer showed progress for %1 s only: %2"_s.arg(seconds).arg(samples.join(u", "_s))));
    const double perSecond = double(moving.size() - 1) / seconds;
    qInfo("%lld distinct byte counts over %.2f s: %.1f per second", qlonglong(moving.size()), seconds, perSecond);
    QVERIFY2(perSecond >= 3.0,
             qPrintable(u"%1 byte counts per second (%2)"_s.arg(perSecond).arg(samples.join(u", "_s))));
    QTest::qWait(300);  // let the last repaint land before the picture

    const QString screenshot = qEnvironmentVariable("HOLDFAST_E2E_SCREENSHOT");
    QVERIFY(window.grab().save(screenshot, "PNG"));

    // Freshness first: the daemon's report reaches the jobs table and the Filesystems view.
    QTRY_VERIFY_WITH_TIMEOUT(app.poller().freshnessSupport() == Gui::FreshnessSupport::Supported, 10000);
    const QModelIndex lastBackup = jobs->model()->index(pushRow, Gui::JobsTableModel::LastBackupColumn);
    // A time ("just now", "1 min ago"), not "never": the receiver has the snapshot.
    QTRY_VERIFY2_WITH_TIMEOUT(
        lastBackup.data(Gui::SortRole).toDateTime().isValid(), qPrintable(lastBackup.data().toString()), 15000);
    QVERIFY2(lastBackup.data(Qt::ToolTipRole).toString().contains(u"src/home@"_s),
             qPrintable(lastBackup.data(Qt::ToolTipRole).toString()));
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
    QTRY_VERIFY2_WITH_TIMEOUT(
        replicated.data(Gui::SortRole).toDateTime().isValid(), qPrintable(replicated.data().toString()), 10000);
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

void TestGuiEndToEnd::newBackupToALocalPool()
{
    const QString socket = qEnvironmentVariable("HOLDFAST_E2E_SOCKET");
    if (socket.isEmpty()) {
        QSKIP("run by test-gui-e2e.sh, which starts the daemon and Xvfb");
    }
    Gui::Application::Options options;
    options.socketPath = socket;
    Gui::Application app(options);
    app.start();
    QVERIFY(QTest::qWaitForWindowExposed(&app.window()));
    Gui::NewBackupWizard *wizard = openAssistant(app.window());
    QVERIFY(wizard);
    tick(wizard, u"src/docs"_s);
    QVERIFY(next(wizard, Gui::NewBackupWizard::DestinationPageId));
    QVERIFY(wizard->findChild<QRadioButton *>(u"localRadio"_s)->isChecked());
    auto *pool = wizard->findChild<QComboBox *>(u"poolCombo"_s);
    pool->setCurrentIndex(pool->findData(u"usbpool"_s));
    QCOMPARE(wizard->findChild<QLineEdit *>(u"rootFsEdit"_s)->text(), u"usbpool/holdfast"_s);
    keep(wizard, u"destination-local"_s);
    QVERIFY(next(wizard, Gui::NewBackupWizard::SchedulePageId));
    QVERIFY(next(wizard, Gui::NewBackupWizard::ReviewPageId));
    Gui::NewBackupReviewPage *review = wizard->reviewPage();
    QCOMPARE(review->jobName(), u"docs_to_usbpool"_s);
    QTRY_VERIFY2_WITH_TIMEOUT(review->isComplete(), qPrintable(review->verdict()), 15000);
    QVERIFY2(review->verdict().endsWith(u"Adds jobs docs_to_usbpool and usbpool_sink."_s),
             qPrintable(review->verdict()));
    QTest::mouseClick(wizard->button(QWizard::FinishButton), Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(review->isApplied(), qPrintable(review->resultText()), 15000);
    QVERIFY2(review->resultText().startsWith(u"Applied. Jobs docs_to_usbpool and usbpool_sink started."_s),
             qPrintable(review->resultText()));
    // The new job snapshots at once (no snapshot of its prefix yet) and replicates after it.
    const QString target = u"usbpool/holdfast/%1/src/docs"_s.arg(Gui::JobNames::machineIdentity());
    QTRY_VERIFY2_WITH_TIMEOUT(!snapshots(target).isEmpty(), qPrintable(snapshots(u"usbpool"_s).join(u", "_s)), 60000);
    QTRY_VERIFY_WITH_TIMEOUT(review->resultText().contains(u"first snapshot taken at"_s), 15000);
    QTest::mouseClick(wizard->button(QWizard::FinishButton), Qt::LeftButton);  // Close
    QTRY_VERIFY(!app.window().backupSetup()->wizard());
}

void TestGuiEndToEnd::newBackupToAServerOverSsh()
{
    const QString socket = qEnvironmentVariable("HOLDFAST_E2E_SOCKET");
    if (socket.isEmpty()) {
        QSKIP("run by test-gui-e2e.sh, which starts the daemon and Xvfb");
    }
    const QString work = qEnvironmentVariable("HOLDFAST_E2E_WORK");
    const QString holdfast = qEnvironmentVariable("HOLDFAST_E2E_HOLDFAST");
    const QString identityFile = qEnvironmentVariable("HOLDFAST_E2E_SSH_IDENTITY");
    QVERIFY(!work.isEmpty() && !holdfast.isEmpty() && !identityFile.isEmpty());
    Gui::Application::Options options;
    options.socketPath = socket;
    Gui::Application app(options);
    app.start();
    QVERIFY(QTest::qWaitForWindowExposed(&app.window()));
    Gui::NewBackupWizard *wizard = openAssistant(app.window());
    QVERIFY(wizard);
    tick(wizard, u"src/secret"_s);
    keep(wizard, u"filesystems"_s);

    QVERIFY(next(wizard, Gui::NewBackupWizard::DestinationPageId));
    // On its button or label: a radio button reacts there, not across its whole width.
    auto *ssh = wizard->findChild<QRadioButton *>(u"sshRadio"_s);
    QTest::mouseClick(ssh, Qt::LeftButton, {}, QPoint(ssh->height() / 2, ssh->height() / 2));
    QVERIFY(ssh->isChecked());
    const auto type = [&](const QString &name, const QString &text) {
        auto *edit = wizard->findChild<QLineEdit *>(name);
        edit->clear();
        QTest::keyClicks(edit, text);
    };
    type(u"sshHostEdit"_s, u"backup-server"_s);
    type(u"identityFileEdit"_s, identityFile);
    type(u"serverRootFsEdit"_s, u"srvpool/holdfast"_s);
    Gui::NewBackupDestinationPage *destination = wizard->destinationPage();
    QTRY_VERIFY(wizard->button(QWizard::NextButton)->isEnabled());
    const QString identity = Gui::JobNames::machineIdentity();
    QVERIFY2(destination->authorizedKeysText().startsWith(
                 u"command=\"holdfast stdinserver %1\",restrict ssh-"_s.arg(identity)),
             qPrintable(destination->authorizedKeysText()));

    // The server side as the page says: its key line where the stand-in ssh looks (as sshd would), its sink job in
    // a second daemon's configuration.
    QFile keys(work + u"/authorized_keys"_s);
    QVERIFY(keys.open(QIODevice::WriteOnly));
    keys.write(destination->authorizedKeysText().toUtf8() + '\n');
    keys.close();
    QFile server(work + u"/server.yml"_s);
    QVERIFY(server.open(QIODevice::WriteOnly));
    server.write(QStringLiteral("global:\n  logging:\n    - type: stdout\n      level: debug\n      format: human\n"
                                "  control:\n    sockpath: %1/run/server-control\n"
                                "  serve:\n    stdinserver:\n      sockdir: %1/run/stdinserver\njobs:\n")
                     .arg(work)
                     .toUtf8()
                 + destination->serverJobText().toUtf8() + '\n');
    server.close();
    QProcess serverDaemon;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"HOLDFAST_STATE_DIR"_s, work + u"/server-state"_s);
    serverDaemon.setProcessEnvironment(environment);
    serverDaemon.setStandardOutputFile(work + u"/server.log"_s);
    serverDaemon.setStandardErrorFile(work + u"/server.log"_s, QIODevice::Append);
    serverDaemon.start(holdfast, {u"--config"_s, work + u"/server.yml"_s, u"daemon"_s});
    QVERIFY(serverDaemon.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(work + u"/run/stdinserver/"_s + identity), 10000);

    QTest::mouseClick(wizard->findChild<QPushButton *>(u"testConnectionButton"_s), Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(destination->connectionResult().startsWith(u"Connected"_s)
                                  || destination->connectionResult().startsWith(u"Not connected"_s)
                                  || destination->connectionResult().contains(u"daemon"_s),
                              qPrintable(destination->connectionResult()),
                              40000);
    QVERIFY2(destination->connectionResult().startsWith(u"Connected"_s), qPrintable(destination->connectionResult()));
    keep(wizard, u"destination"_s);

    QVERIFY(next(wizard, Gui::NewBackupWizard::SchedulePageId));
    keep(wizard, u"schedule"_s);
    // src/secret is encrypted: the assistant asks, and offers to keep it so on the server.
    QVERIFY(next(wizard, Gui::NewBackupWizard::EncryptionPageId));
    auto *raw = wizard->findChild<QCheckBox *>(u"rawSendCheckBox"_s);
    QVERIFY(raw->isEnabled() && raw->isChecked());
    keep(wizard, u"encryption"_s);
    QVERIFY(next(wizard, Gui::NewBackupWizard::ReviewPageId));
    Gui::NewBackupReviewPage *review = wizard->reviewPage();
    QCOMPARE(review->jobName(), u"secret_to_backup-server"_s);
    QTRY_VERIFY2_WITH_TIMEOUT(review->isComplete(), qPrintable(review->verdict()), 15000);
    QVERIFY(review->yamlText().contains(u"type: ssh+stdinserver"_s));
    QVERIFY(review->yamlText().contains(u"encrypted: true"_s));
    keep(wizard, u"review"_s);
    QTest::mouseClick(wizard->button(QWizard::FinishButton), Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(review->isApplied(), qPrintable(review->resultText()), 15000);
    // Snapshotted and sent, raw, through the stand-in ssh to the server's sink.
    const QString target = u"srvpool/holdfast/%1/src/secret"_s.arg(identity);
    QTRY_VERIFY2_WITH_TIMEOUT(!snapshots(target).isEmpty(), qPrintable(snapshots(u"srvpool"_s).join(u", "_s)), 60000);
    QTRY_VERIFY_WITH_TIMEOUT(review->resultText().contains(u"first snapshot taken at"_s), 15000);
    keep(wizard, u"applied"_s);
    QTest::mouseClick(wizard->button(QWizard::FinishButton), Qt::LeftButton);
    serverDaemon.terminate();
    QVERIFY(serverDaemon.waitForFinished(10000));
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
    tree.writeInSnapshot(snapshots[4],
                         thesis,
                         "# Chapter 3\n\nSecond draft, with results.\nTable 3.1\n",
                         first.addDays(4).addSecs(-7200));
    tree.keep(thesis, snapshots[4], snapshots[5]);
    tree.writeLive(thesis,
                   "# Chapter 3: Results\n\nSecond draft, with results.\nTable 3.1, Figure 3.2\n",
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
    QCOMPARE(dialog.model()->rowCount(), 4);             // current · second draft · did not exist · first draft
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
