// SPDX-License-Identifier: MIT
// Setting up and changing backups from the window, offscreen, against a stand-in control socket that serves the
// configuration endpoints as the daemon does (FakeConfigService), with the daemon's own parser as the validator:
// the New backup assistant page by page for a local pool pair and an ssh push (authorized_keys line, the server's
// sink job, the connection test, raw encrypted send), the daemon's problems shown at their line and column, an apply
// that someone else's change overtook (409) made again on top of it, Edit job and Remove job changing only their job,
// the Advanced editor's live validation (wavy underline with the message as tooltip), its diff and restart choice,
// and a read-only user who sees every action greyed out with the daemon's reason. With
// HOLDFAST_GUI_CONFIG_SCREENSHOTS=DIR every page and dialog is kept as DIR/NAME.png.
#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTimer>
#include <QToolBar>
#include <QTreeView>

#include "DaemonConfigCheck.h"
#include "FakeConfigService.h"
#include "FakeControlServer.h"
#include "app/core/ConfigChangeText.h"
#include "app/core/LiveValidator.h"
#include "app/core/SignalSender.h"
#include "app/core/StatusPoller.h"
#include "app/models/ConfigProblemsModel.h"
#include "app/models/FilesystemTreeModel.h"
#include "app/ui/BackupSetupController.h"
#include "app/ui/ConfigApplyDialog.h"
#include "app/ui/ConfigEditorDialog.h"
#include "app/ui/EditJobDialog.h"
#include "app/ui/MainWindow.h"
#include "app/ui/NewBackupDestinationPage.h"
#include "app/ui/NewBackupEncryptionPage.h"
#include "app/ui/NewBackupFilesystemsPage.h"
#include "app/ui/NewBackupReviewPage.h"
#include "app/ui/NewBackupSchedulePage.h"
#include "app/ui/NewBackupWizard.h"
#include "app/ui/RetentionEditor.h"
#include "app/ui/YamlEdit.h"
#include "app/ui/YamlHighlighter.h"

using namespace Qt::StringLiterals;

namespace {

const QString Existing = u"# Alice's workstation\n"
                         "global:\n"
                         "  logging:\n"
                         "    - type: stdout\n"
                         "      level: info\n"
                         "      format: human\n"
                         "jobs:\n"
                         "  # the VMs, hourly\n"
                         "  - name: vms\n"
                         "    type: snap\n"
                         "    filesystems: {\"tank/vms<\": true}\n"
                         "    snapshotting:\n"
                         "      type: periodic\n"
                         "      prefix: zrepl_\n"
                         "      interval: 1h\n"
                         "    pruning:\n"
                         "      keep:\n"
                         "        - type: last_n\n"
                         "          count: 24\n"_s;

Api::FilesystemInfo fs(const QString &name, qint64 used, qint64 available, const QString &encryption = u"off"_s)
{
    Api::FilesystemInfo info;
    info.name = name;
    info.used = used;
    info.available = available;
    info.encryption = encryption;
    info.encryptionRoot = encryption == u"off" ? QString() : u"tank/secret"_s;
    info.mountpoint = u"/"_s + name;
    return info;
}

Api::FilesystemListing listing()
{
    constexpr qint64 GiB = 1024LL * 1024 * 1024;
    Api::FilesystemListing out;
    out.pools = {{u"tank"_s, 900 * GiB, 400 * GiB, u"ONLINE"_s}, {u"usbpool"_s, 1800 * GiB, 1700 * GiB, u"ONLINE"_s}};
    out.filesystems = {fs(u"tank"_s, 500 * GiB, 400 * GiB),
                       fs(u"tank/home"_s, 120 * GiB, 400 * GiB),
                       fs(u"tank/home/alice"_s, 80 * GiB, 400 * GiB),
                       fs(u"tank/home/alice/.cache"_s, 12 * GiB, 400 * GiB),
                       fs(u"tank/home/bob"_s, 30 * GiB, 400 * GiB),
                       fs(u"tank/secret"_s, 8 * GiB, 400 * GiB, u"aes-256-gcm"_s),
                       fs(u"tank/vms"_s, 300 * GiB, 400 * GiB),
                       fs(u"usbpool"_s, 100 * GiB, 1700 * GiB)};
    out.filesystems[6].sentBy = {u"vms"_s};
    return out;
}

}  // namespace

class TestBackupSetup : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void highlighterTokens_data();
    void highlighterTokens();
    void actionsInTheWindow();
    void wizardLocalPair();
    void wizardSshPushOfAnEncryptedFilesystem();
    void wizardShowsTheDaemonsProblems();
    void wizardConflictIsAppliedOnTop();
    void editJobChangesOneValue();
    void removeJobAsksFirst();
    void advancedEditorValidatesAsYouType();
    void readOnlyUserSeesWhy();

private:
    Gui::NewBackupWizard *openWizard();

    // The daemon's filesystems are in the first page's tree: the two pools at the top.
    static bool listed(Gui::NewBackupWizard *wizard)
    {
        return !wizard->filesystemsPage()->isLoading() && wizard->filesystems()->rowCount() == 2;
    }

    void tick(Gui::NewBackupWizard *wizard, const QString &filesystem);
    void next(Gui::NewBackupWizard *wizard, int expectedPage);
    void keepScreenshot(QWidget *widget, const QString &name) const;
    // Clicks the button named `button` of the next message box once it is open; its text goes to `text`.
    static void answerMessageBox(const QString &button, QString *text);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeControlServer> m_server;
    std::unique_ptr<FakeConfigService> m_config;
    std::unique_ptr<Gui::StatusPoller> m_poller;
    std::unique_ptr<Gui::SignalSender> m_sender;
    std::unique_ptr<Gui::MainWindow> m_window;
};

void TestBackupSetup::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_server = std::make_unique<FakeControlServer>(m_dir->filePath(u"control"_s));
    m_server->setAccess(Api::AccessLevel::Admin);
    m_server->setStatus(R"({"vms": {"type": "snap", "snap": {"Pruning": null, "Snapshotting": null}}})");
    m_config = std::make_unique<FakeConfigService>(*m_server, u"/etc/holdfast/holdfast.yml"_s, Existing);
    m_config->setValidator(&DaemonConfigCheck::validate);
    m_config->setListing(listing());
    QVERIFY(m_server->listen());
    m_poller = std::make_unique<Gui::StatusPoller>();
    m_poller->setSocketPath(m_dir->filePath(u"control"_s));
    m_poller->setInterval(std::chrono::milliseconds(200));
    m_sender = std::make_unique<Gui::SignalSender>(m_poller->client());
    m_window = std::make_unique<Gui::MainWindow>(*m_poller, *m_sender);
    m_poller->start();
    m_window->show();
    QTRY_VERIFY(m_window->backupSetup()->session().document().has_value());
    QTRY_VERIFY(m_window->backupSetup()->newBackupAction()->isEnabled());
}

void TestBackupSetup::cleanup()
{
    m_window.reset();
    m_sender.reset();
    m_poller.reset();
    m_config.reset();
    m_server.reset();
    m_dir.reset();
}

void TestBackupSetup::keepScreenshot(QWidget *widget, const QString &name) const
{
    const QString dir = qEnvironmentVariable("HOLDFAST_GUI_CONFIG_SCREENSHOTS");
    if (!dir.isEmpty()) {
        QTest::qWait(100);
        QVERIFY(widget->grab().save(dir + u'/' + name + u".png"_s));
    }
}

void TestBackupSetup::answerMessageBox(const QString &button, QString *text)
{
    QTimer::singleShot(0, [button, text] {
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) != nullptr);
        if (text) {
            *text = box->text() + u'\n' + box->informativeText();
        }
        for (QAbstractButton *candidate : box->buttons()) {
            if (candidate->objectName() == button || candidate->text() == button) {
                candidate->click();
                return;
            }
        }
        QFAIL(qPrintable(u"no button %1"_s.arg(button)));
    });
}

Gui::NewBackupWizard *TestBackupSetup::openWizard()
{
    m_window->backupSetup()->newBackupAction()->trigger();
    Gui::NewBackupWizard *wizard = m_window->backupSetup()->wizard();
    if (wizard && !QTest::qWaitForWindowExposed(wizard)) {
        return nullptr;
    }
    return wizard;
}

void TestBackupSetup::tick(Gui::NewBackupWizard *wizard, const QString &filesystem)
{
    Gui::FilesystemTreeModel *model = wizard->filesystems();
    QVERIFY(model->setData(model->indexOf(filesystem), Qt::Checked, Qt::CheckStateRole));
}

void TestBackupSetup::next(Gui::NewBackupWizard *wizard, int expectedPage)
{
    QTRY_VERIFY2(wizard->button(QWizard::NextButton)->isEnabled(), qPrintable(wizard->currentPage()->objectName()));
    QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
    QCOMPARE(wizard->currentId(), expectedPage);
}

void TestBackupSetup::highlighterTokens_data()
{
    using Kind = Gui::YamlHighlighter::Token::Kind;
    using Tokens = QList<Gui::YamlHighlighter::Token>;
    QTest::addColumn<QString>("line");
    QTest::addColumn<Tokens>("tokens");
    QTest::addRow("a key") << u"  root_fs: usbpool/holdfast"_s << Tokens{{Kind::Key, 2, 7}};
    QTest::addRow("a list item with a key") << u"  - name: home"_s << Tokens{{Kind::Dash, 2, 1}, {Kind::Key, 4, 4}};
    QTest::addRow("a comment") << u"    # the VMs"_s << Tokens{{Kind::Comment, 4, 9}};
    QTest::addRow("a value with a comment")
        << u"interval: 1h   # hourly"_s << Tokens{{Kind::Key, 0, 8}, {Kind::Comment, 15, 8}};
    QTest::addRow("a quoted key") << u"  \"tank/home<\": true"_s << Tokens{{Kind::Key, 2, 12}};
    QTest::addRow("a quoted value with a hash")
        << u"regex: \"^a#b\" # c"_s << Tokens{{Kind::Key, 0, 5}, {Kind::String, 7, 6}, {Kind::Comment, 14, 3}};
    QTest::addRow("a flow map") << u"filesystems: {\"tank<\": true}"_s
                                << Tokens{{Kind::Key, 0, 11}, {Kind::String, 14, 7}};
    QTest::addRow("a document marker") << u"---"_s << Tokens{{Kind::DocumentMarker, 0, 3}};
    QTest::addRow("a URL is no key") << u"- http://example.org"_s << Tokens{{Kind::Dash, 0, 1}};
    QTest::addRow("a quote in a word") << u"note: don't"_s << Tokens{{Kind::Key, 0, 4}};
}

void TestBackupSetup::highlighterTokens()
{
    QFETCH(QString, line);
    QFETCH(QList<Gui::YamlHighlighter::Token>, tokens);
    QCOMPARE(Gui::YamlHighlighter::tokenize(line), tokens);
}

void TestBackupSetup::actionsInTheWindow()
{
    Gui::BackupSetupController *setup = m_window->backupSetup();
    // In the Job menu and, for New Backup, on the toolbar.
    QMenu *jobMenu = nullptr;
    for (QAction *action : m_window->menuBar()->actions()) {
        if (action->menu() && action->menu()->actions().contains(setup->newBackupAction())) {
            jobMenu = action->menu();
        }
    }
    QVERIFY(jobMenu);
    for (QAction *action : {setup->editJobAction(), setup->removeJobAction(), setup->advancedAction()}) {
        QVERIFY(jobMenu->actions().contains(action));
    }
    bool onToolbar = false;
    for (QToolBar *toolbar : m_window->findChildren<QToolBar *>()) {
        onToolbar = onToolbar || toolbar->actions().contains(setup->newBackupAction());
    }
    QVERIFY(onToolbar);
    // Every action says what it will change.
    QVERIFY2(setup->newBackupAction()->toolTip().contains(u"/etc/holdfast/holdfast.yml"_s),
             qPrintable(setup->newBackupAction()->toolTip()));
    QTRY_COMPARE(m_window->selectedJob(), u"vms"_s);
    QTRY_VERIFY(setup->editJobAction()->isEnabled());
    QVERIFY(setup->removeJobAction()->toolTip().contains(u"its snapshots and holds stay"_s));
}

void TestBackupSetup::wizardLocalPair()
{
    Gui::NewBackupWizard *wizard = openWizard();
    QVERIFY(wizard);
    QTRY_VERIFY_WITH_TIMEOUT(listed(wizard), 5000);
    QCOMPARE(wizard->currentId(), int(Gui::NewBackupWizard::FilesystemsPageId));
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());  // nothing ticked yet
    tick(wizard, u"tank/home"_s);
    // The subtree follows; the cache is left out by unticking it.
    QCOMPARE(wizard->filesystems()->selection().size(), 4);
    QVERIFY(wizard->filesystems()->setData(
        wizard->filesystems()->indexOf(u"tank/home/alice/.cache"_s), Qt::Unchecked, Qt::CheckStateRole));
    QCOMPARE(wizard->filesystemsPage()->summary(),
             u"3 filesystems, 108.0 GiB: tank/home and below, except tank/home/alice/.cache and below"_s);
    keepScreenshot(wizard, u"new-backup-filesystems"_s);

    next(wizard, Gui::NewBackupWizard::DestinationPageId);
    auto *pool = wizard->findChild<QComboBox *>(u"poolCombo"_s);
    QCOMPARE(pool->currentData().toString(), u"usbpool"_s);  // not the pool it backs up
    QCOMPARE(wizard->findChild<QLineEdit *>(u"rootFsEdit"_s)->text(), u"usbpool/holdfast"_s);
    QVERIFY(!wizard->findChild<QWidget *>(u"serverGroup"_s)->isVisible());
    keepScreenshot(wizard, u"new-backup-destination"_s);

    next(wizard, Gui::NewBackupWizard::SchedulePageId);
    auto *interval = wizard->findChild<QComboBox *>(u"intervalCombo"_s);
    interval->setCurrentIndex(interval->findData(u"15m"_s));
    auto *receiver = wizard->schedulePage()->receiverEditor();
    auto *presets = receiver->findChild<QComboBox *>(u"retentionCombo"_s);
    presets->setCurrentIndex(presets->findText(u"Hourly for 2 weeks"_s));
    QCOMPARE(receiver->policy()->grid, u"1x1h(keep=all) | 336x1h"_s);
    auto *summary = wizard->findChild<QLabel *>(u"scheduleSummaryLabel"_s);
    QVERIFY2(summary->text().startsWith(u"Snapshots every 15 minutes, named zrepl_"_s), qPrintable(summary->text()));
    keepScreenshot(wizard, u"new-backup-schedule"_s);

    // Nothing encrypted: straight to the review.
    next(wizard, Gui::NewBackupWizard::ReviewPageId);
    Gui::NewBackupReviewPage *review = wizard->reviewPage();
    QCOMPARE(review->jobName(), u"home_to_usbpool"_s);
    QTRY_VERIFY_WITH_TIMEOUT(review->isComplete(), 5000);
    QCOMPARE(
        review->verdict(),
        u"The daemon checked the configuration with these jobs: valid. Adds jobs home_to_usbpool and usbpool_sink."_s);
    QVERIFY(review->yamlText().startsWith(u"  - name: home_to_usbpool\n    type: push\n"_s));
    QVERIFY(review->yamlText().contains(u"      interval: 15m\n"_s));
    QVERIFY(wizard->findChild<QLabel *>(u"zreplCompatibilityLabel"_s)->text().contains(u"zrepl can load the file"_s));
    QCOMPARE(wizard->button(QWizard::FinishButton)->text(), u"Apply"_s);
    keepScreenshot(wizard, u"new-backup-review"_s);

    QTest::mouseClick(wizard->button(QWizard::FinishButton), Qt::LeftButton);
    QTRY_VERIFY(review->isApplied());
    QCOMPARE(m_config->applied().size(), 1);
    QCOMPARE(m_config->applied().first().baseVersion, FakeConfigService::versionOf(Existing));
    // What the daemon wrote is the old file plus the two jobs, and it passes the daemon's parser.
    QVERIFY(m_config->text().startsWith(Existing));
    QVERIFY(DaemonConfigCheck::validate(m_config->text(), m_config->text()).valid);
    QVERIFY2(review->resultText().startsWith(u"Applied. Jobs home_to_usbpool and usbpool_sink started."_s),
             qPrintable(review->resultText()));
    QCOMPARE(wizard->button(QWizard::FinishButton)->text(), u"Close"_s);
    keepScreenshot(wizard, u"new-backup-applied"_s);
    // The window's session reads the new file: the jobs are there for Edit and Remove.
    QTRY_VERIFY(m_window->backupSetup()->session().jobNames().contains(u"home_to_usbpool"_s));
    QTest::mouseClick(wizard->button(QWizard::FinishButton), Qt::LeftButton);
    QTRY_VERIFY(!m_window->backupSetup()->wizard());
}

void TestBackupSetup::wizardSshPushOfAnEncryptedFilesystem()
{
    const QString key = m_dir->filePath(u"identity"_s);
    QFile pub(key + u".pub"_s);
    QVERIFY(pub.open(QIODevice::WriteOnly));
    pub.write("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAITestKey root@ws\n");
    pub.close();
    m_config->setConnectTester([](const QString &text, const QString &job) {
        Api::ConnectTestResult result;
        result.ok = text.contains(u"type: ssh+stdinserver"_s) && job == u"secret_to_nas"_s;
        result.message = u"reached root@nas.example.org:22"_s;
        result.peerJob = u"ws_sink"_s;
        return result;
    });

    Gui::NewBackupWizard *wizard = openWizard();
    QVERIFY(wizard);
    QTRY_VERIFY_WITH_TIMEOUT(listed(wizard), 5000);
    tick(wizard, u"tank/secret"_s);
    next(wizard, Gui::NewBackupWizard::DestinationPageId);
    wizard->findChild<QRadioButton *>(u"sshRadio"_s)->click();
    QVERIFY(!wizard->button(QWizard::NextButton)->isEnabled());  // no server yet
    auto *problems = wizard->findChild<QLabel *>(u"destinationProblemsLabel"_s);
    QVERIFY2(problems->text().contains(u"host name"_s), qPrintable(problems->text()));
    wizard->findChild<QLineEdit *>(u"sshHostEdit"_s)->setText(u"nas.example.org"_s);
    wizard->findChild<QLineEdit *>(u"identityFileEdit"_s)->setText(key);
    wizard->findChild<QLineEdit *>(u"serverRootFsEdit"_s)->setText(u"backup/holdfast"_s);
    wizard->findChild<QLineEdit *>(u"identityEdit"_s)->setText(u"ws"_s);
    QTRY_VERIFY(wizard->button(QWizard::NextButton)->isEnabled());
    Gui::NewBackupDestinationPage *destination = wizard->destinationPage();
    QCOMPARE(destination->authorizedKeysText(),
             u"command=\"holdfast stdinserver ws\",restrict ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAITestKey root@ws"_s);
    QVERIFY(destination->serverJobText().startsWith(u"- name: ws_sink\n  type: sink\n  root_fs: backup/holdfast\n"_s));
    // Both copy to the clipboard.
    QTest::mouseClick(wizard->findChild<QPushButton *>(u"copyAuthorizedKeysButton"_s), Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), destination->authorizedKeysText());
    QTest::mouseClick(wizard->findChild<QPushButton *>(u"testConnectionButton"_s), Qt::LeftButton);
    QTRY_VERIFY(destination->connectionResult().startsWith(u"Connected"_s));
    QCOMPARE(destination->connectionResult(),
             u"Connected: reached root@nas.example.org:22 (the server's job ws_sink)"_s);
    QCOMPARE(m_config->connectTests().size(), 1);
    keepScreenshot(wizard, u"new-backup-destination-ssh"_s);

    next(wizard, Gui::NewBackupWizard::SchedulePageId);
    // Holdfast's own health warning, said to be Holdfast's.
    wizard->findChild<QCheckBox *>(u"healthCheckBox"_s)->click();
    QVERIFY(wizard->findChild<QLabel *>(u"healthNoteLabel"_s)->isVisible());
    next(wizard, Gui::NewBackupWizard::EncryptionPageId);
    QCheckBox *raw = wizard->encryptionPage()->rawSendBox();
    QVERIFY(raw->isEnabled());
    QVERIFY(raw->isChecked());
    QCOMPARE(wizard->findChild<QLabel *>(u"encryptedFilesystemsLabel"_s)->text(), u"Encrypted: tank/secret."_s);
    keepScreenshot(wizard, u"new-backup-encryption"_s);
    next(wizard, Gui::NewBackupWizard::ReviewPageId);
    Gui::NewBackupReviewPage *review = wizard->reviewPage();
    QCOMPARE(review->jobName(), u"secret_to_nas"_s);
    QTRY_VERIFY_WITH_TIMEOUT(review->isComplete(), 5000);
    QVERIFY(review->yamlText().contains(u"    send:\n      encrypted: true\n"_s));
    QVERIFY(review->yamlText().contains(u"      type: ssh+stdinserver\n"_s));
    QVERIFY(wizard->findChild<QLabel *>(u"zreplCompatibilityLabel"_s)->text().startsWith(u"Holdfast only"_s));
    QVERIFY(wizard->findChild<QLabel *>(u"serverReminderLabel"_s)->text().contains(u"ws_sink"_s));
    keepScreenshot(wizard, u"new-backup-review-ssh"_s);
    QTest::mouseClick(wizard->button(QWizard::FinishButton), Qt::LeftButton);
    QTRY_VERIFY(review->isApplied());
    QVERIFY(m_config->text().contains(u"identity_file: "_s + key));
    QVERIFY(m_config->text().contains(u"warning_after: 24h"_s));
}

void TestBackupSetup::wizardShowsTheDaemonsProblems()
{
    // A sink serving a server on usbpool/holdfast already: a second receive root there is refused by the daemon.
    m_config->setText(Existing
                      + u"  - name: usb\n    type: sink\n    root_fs: usbpool/holdfast\n"
                        "    serve: {type: tcp, listen: \":8888\", clients: {\"10.0.0.1\": \"laptop\"}}\n"_s);
    m_window->backupSetup()->session().reload();
    QTRY_VERIFY(m_window->backupSetup()->session().jobNames().contains(u"usb"_s));
    Gui::NewBackupWizard *wizard = openWizard();
    QVERIFY(wizard);
    QTRY_VERIFY_WITH_TIMEOUT(listed(wizard), 5000);
    tick(wizard, u"tank/home"_s);
    next(wizard, Gui::NewBackupWizard::DestinationPageId);
    next(wizard, Gui::NewBackupWizard::SchedulePageId);
    next(wizard, Gui::NewBackupWizard::ReviewPageId);
    Gui::NewBackupReviewPage *review = wizard->reviewPage();
    QTRY_VERIFY_WITH_TIMEOUT(review->validator()->result().has_value(), 5000);
    QVERIFY(!review->isComplete());
    QVERIFY(!wizard->button(QWizard::FinishButton)->isEnabled());
    QVERIFY2(review->verdict().startsWith(u"The daemon found a problem: line "_s), qPrintable(review->verdict()));
    QVERIFY2(review->verdict().contains(u"root_fs"_s), qPrintable(review->verdict()));
    // Marked in the YAML shown, at the line counted from its first line.
    auto *yaml = wizard->findChild<Gui::YamlEdit *>(u"reviewYamlEdit"_s);
    QCOMPARE(yaml->marks().size(), 1);
    const QTextBlock marked = yaml->document()->findBlock(yaml->marks().first().position);
    QVERIFY2(marked.text().contains(u"root_fs: usbpool/holdfast"_s), qPrintable(marked.text()));
    QCOMPARE(yaml->problemAt(yaml->marks().first().position), yaml->marks().first().message);
    keepScreenshot(wizard, u"new-backup-review-problem"_s);
    wizard->close();
}

void TestBackupSetup::wizardConflictIsAppliedOnTop()
{
    Gui::NewBackupWizard *wizard = openWizard();
    QVERIFY(wizard);
    QTRY_VERIFY_WITH_TIMEOUT(listed(wizard), 5000);
    tick(wizard, u"tank/home"_s);
    next(wizard, Gui::NewBackupWizard::DestinationPageId);
    next(wizard, Gui::NewBackupWizard::SchedulePageId);
    next(wizard, Gui::NewBackupWizard::ReviewPageId);
    Gui::NewBackupReviewPage *review = wizard->reviewPage();
    QTRY_VERIFY_WITH_TIMEOUT(review->isComplete(), 5000);
    // Someone else adds a job meanwhile.
    const QString theirs = Existing
                           + u"  - name: theirs\n    type: snap\n    filesystems: {\"tank/home/bob<\": true}\n"
                             "    snapshotting: {type: manual}\n    pruning: {keep: [{type: last_n, count: 3}]}\n"_s;
    m_config->setText(theirs);
    QTest::mouseClick(wizard->button(QWizard::FinishButton), Qt::LeftButton);
    auto *retry = wizard->findChild<QPushButton *>(u"retryOnTopButton"_s);
    QTRY_VERIFY(retry->isVisible());
    QVERIFY2(review->resultText().startsWith(u"Someone else changed the configuration"_s),
             qPrintable(review->resultText()));
    QVERIFY(m_config->applied().isEmpty());
    keepScreenshot(wizard, u"new-backup-conflict"_s);
    QTest::mouseClick(retry, Qt::LeftButton);
    QTRY_VERIFY(review->isApplied());
    // Their job and ours, on top of their version.
    QVERIFY(m_config->text().startsWith(theirs));
    QVERIFY(m_config->text().contains(u"- name: home_to_usbpool"_s));
    QCOMPARE(m_config->applied().first().baseVersion, FakeConfigService::versionOf(theirs));
    wizard->close();
}

void TestBackupSetup::editJobChangesOneValue()
{
    Gui::BackupSetupController *setup = m_window->backupSetup();
    m_window->selectJob(u"vms"_s);
    QTRY_VERIFY(setup->editJobAction()->isEnabled());
    setup->editJobAction()->trigger();
    Gui::EditJobDialog *dialog = setup->editDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->original());
    QVERIFY(!dialog->applyButton()->isEnabled());
    QCOMPARE(dialog->changesText(), u"Nothing changed yet."_s);
    auto *interval = dialog->findChild<QComboBox *>(u"intervalCombo"_s);
    interval->setCurrentIndex(interval->findData(u"6h"_s));
    QCOMPARE(
        dialog->changesText(),
        u"Apply changes vms: snapshots every 6 hours instead of every hour. The rest of the file stays as written."_s);
    auto *tree = dialog->findChild<QTreeView *>(u"filesystemTreeView"_s);
    QTRY_COMPARE(tree->model()->rowCount(), 2);
    keepScreenshot(dialog, u"edit-job"_s);
    QSignalSpy message(setup, &Gui::BackupSetupController::message);
    QTest::mouseClick(dialog->applyButton(), Qt::LeftButton);
    QTRY_COMPARE(message.size(), 1);
    QVERIFY2(message.first().first().toString().startsWith(u"Applied."_s),
             qPrintable(message.first().first().toString()));
    // One line changed: the interval; the comments and the rest stay.
    QString expected = Existing;
    expected.replace(u"      interval: 1h\n"_s, u"      interval: 6h\n"_s);
    QCOMPARE(m_config->text(), expected);
    QTRY_VERIFY(!setup->editDialog());
}

void TestBackupSetup::removeJobAsksFirst()
{
    Gui::BackupSetupController *setup = m_window->backupSetup();
    m_window->selectJob(u"vms"_s);
    QTRY_VERIFY(setup->removeJobAction()->isEnabled());
    // Cancel changes nothing.
    QString text;
    answerMessageBox(u"Cancel"_s, &text);
    setup->removeJobAction()->trigger();
    QCOMPARE(m_config->text(), Existing);
    QVERIFY2(text.contains(u"Its snapshots stay"_s), qPrintable(text));
    QSignalSpy message(setup, &Gui::BackupSetupController::message);
    answerMessageBox(u"removeButton"_s, &text);
    setup->removeJobAction()->trigger();
    QTRY_COMPARE(message.size(), 1);
    QCOMPARE(message.first().first().toString(), u"Applied. Job vms stopped."_s);
    QCOMPARE(m_config->text(),
             u"# Alice's workstation\nglobal:\n  logging:\n    - type: stdout\n      level: info\n"
             "      format: human\njobs: []\n"_s);
}

void TestBackupSetup::advancedEditorValidatesAsYouType()
{
    Gui::BackupSetupController *setup = m_window->backupSetup();
    setup->advancedAction()->trigger();
    Gui::ConfigEditorDialog *editor = setup->editorDialog();
    QVERIFY(editor);
    QTRY_COMPARE(editor->editor()->toPlainText(), Existing);
    QTRY_VERIFY(editor->status().startsWith(u"Valid."_s));
    QVERIFY(!editor->reviewButton()->isEnabled());  // nothing changed
    // A typo in the interval: underlined where the daemon says, with its message.
    QString broken = Existing;
    broken.replace(u"interval: 1h"_s, u"interval: 1x"_s);
    editor->editor()->setPlainText(broken);
    QTRY_VERIFY_WITH_TIMEOUT(editor->problems()->rowCount() == 1, 5000);
    const Api::ConfigProblem problem = editor->problems()->problems().first();
    QCOMPARE(problem.line, 15);
    QCOMPARE(problem.field, u"jobs[0].snapshotting.interval"_s);
    QCOMPARE(editor->editor()->marks().size(), 1);
    const Gui::YamlEdit::Mark mark = editor->editor()->marks().first();
    const QTextBlock block = editor->editor()->document()->findBlockByNumber(14);
    QCOMPARE(mark.position, block.position() + problem.column - 1);
    QCOMPARE(editor->editor()->document()->toPlainText().mid(mark.position, mark.length), u"1x"_s);
    QVERIFY2(mark.message.contains(u"line 15, column"_s), qPrintable(mark.message));
    QVERIFY(!editor->reviewButton()->isEnabled());
    keepScreenshot(editor, u"advanced-editor-problem"_s);

    // Fixed: valid, and the review shows the diff against the file and asks when the job restarts.
    QString fixed = Existing;
    fixed.replace(u"interval: 1h"_s, u"interval: 15m"_s);
    editor->editor()->setPlainText(fixed);
    QTRY_VERIFY_WITH_TIMEOUT(editor->reviewButton()->isEnabled(), 5000);
    QCOMPARE(editor->status(), u"Valid. Changes job vms."_s);
    QTest::mouseClick(editor->reviewButton(), Qt::LeftButton);
    Gui::ConfigApplyDialog *review = editor->reviewDialog();
    QVERIFY(review);
    QVERIFY(review->diffText().contains(u"\n-      interval: 1h\n+      interval: 15m\n"_s));
    QCOMPARE(review->summary(), u"Changes job vms. 1 line added, 1 line removed."_s);
    keepScreenshot(review, u"advanced-editor-review"_s);
    review->findChild<QRadioButton *>(u"restartNowRadio"_s)->click();
    QTest::mouseClick(review->findChild<QPushButton *>(u"applyButton"_s), Qt::LeftButton);
    QTRY_COMPARE(m_config->applied().size(), 1);
    QCOMPARE(m_config->applied().first().restart, Api::RestartPolicy::Now);
    QCOMPARE(m_config->text(), fixed);
    QTRY_VERIFY(editor->status().startsWith(u"Applied. Restarted with the new settings: vms."_s));
}

void TestBackupSetup::readOnlyUserSeesWhy()
{
    m_server->setAccess(Api::AccessLevel::Status);
    m_window->backupSetup()->session().reload();
    Gui::BackupSetupController *setup = m_window->backupSetup();
    QTRY_VERIFY(m_poller->isReadOnly());
    QTRY_VERIFY(setup->session().document() && !setup->session().document()->editable);
    const QString reason = FakeControlServer::defaultForbiddenMessage();
    for (QAction *action : {setup->newBackupAction(), setup->editJobAction(), setup->removeJobAction()}) {
        QTRY_VERIFY(!action->isEnabled());
        QCOMPARE(action->toolTip(), reason);
    }
    QCOMPARE(setup->state().readOnlyReason, reason);
    // The file may be read, and says why it cannot be changed.
    QVERIFY(setup->advancedAction()->isEnabled());
    setup->advancedAction()->trigger();
    Gui::ConfigEditorDialog *editor = setup->editorDialog();
    QVERIFY(editor);
    QTRY_COMPARE(editor->editor()->toPlainText(), Existing);
    QVERIFY(editor->editor()->isReadOnly());
    auto *label = editor->findChild<QLabel *>(u"configReadOnlyLabel"_s);
    QVERIFY(label->isVisible());
    QCOMPARE(label->text(), u"Read only: "_s + reason);
    QVERIFY(!editor->reviewButton()->isEnabled());
    QCOMPARE(editor->reviewButton()->toolTip(), reason);
    QCOMPARE(m_config->validations(), 0);  // nothing asked that would be refused
    keepScreenshot(editor, u"advanced-editor-read-only"_s);
}

QTEST_MAIN(TestBackupSetup)
#include "TestBackupSetup.moc"
