// SPDX-License-Identifier: MIT
#pragma once

#include <QMainWindow>

#include "app/core/JobSummary.h"
#include "app/core/StatusPoller.h"
#include "app/ui/AppSettings.h"

class QAction;
class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QSortFilterProxyModel;
class QTabWidget;
class QTimer;
class QTableView;
class QTreeView;

namespace Gui {

class BackupSetupController;
class ConfigStateWatcher;
struct ConfigHealth;
class ErrorsOnlyFilter;
class FilesystemsModel;
class HoldsPanel;
class JobsTableModel;
class PruningExplanationFetcher;
class PruningExplanationModel;
class PruningModel;
class ReplicationModel;
class RestoreView;
class SignalSender;
class SnapshottingModel;

// The admin window: the jobs table above (leading with each job's last backup and next run), the selected job's
// filesystems with their freshness (and, under them, the holds that keep the selected one replicating),
// replication, snapshots, pruning (with why each snapshot is still there), errors and the Restore view (files from
// snapshots) below, the connection in the
// status bar. A one-second clock keeps the relative times ("12 min ago") current between updates. It shows what the poller delivers and sends what the user asks for; the
// decisions live in the models and in core/, where tests reach them.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(StatusPoller &poller, SignalSender &sender, QWidget *parent = nullptr);
    ~MainWindow() override;

    void applySettings(const AppSettings &settings);
    // Set when a tray icon exists: closing the window then hides it instead of quitting.
    void setHidesOnClose(bool hides) { m_hidesOnClose = hides; }
    // A one-time remark in the status bar (no system tray, say).
    void showNotice(const QString &text);

    QString selectedJob() const;
    void selectJob(const QString &name);

    // For tests and the tray: the actions of the selected job.
    QAction *wakeupAction() const { return m_wakeup; }
    QAction *resetAction() const { return m_reset; }
    QAction *pauseAction() const { return m_pause; }
    QAction *resumeAction() const { return m_resume; }
    HoldsPanel *holdsPanel() const { return m_holdsPanel; }
    RestoreView *restoreView() const { return m_restoreView; }
    // View > Restore Files…, and the tray's Restore…: the Restore view, focused.
    QAction *showRestoreAction() const { return m_showRestore; }
    void showRestoreView();
    QAction *copyStatusAction() const { return m_copyStatus; }
    // New Backup…, Edit Job…, Remove Job…, Advanced… and the dialogs they open.
    BackupSetupController *backupSetup() const { return m_backupSetup; }
    // Shown while the daemon lets this user watch but not send signals.
    QLabel *readOnlyIndicator() const { return m_readOnlyLabel; }

Q_SIGNALS:
    // After each new status: the jobs as the table shows them, for the tray and the notifications.
    void summariesChanged(const QList<Gui::JobSummary> &summaries);
    void settingsRequested();
    void quitRequested();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void showConfigHealth(const ConfigHealth &health);
    void createActions();
    void fitJobColumns();
    void createLayout();
    void handleStatus(const Api::DaemonStatus &status);
    // The jobs table and the filesystems from the last status and freshness report, and the tray after them.
    void updateFreshness();
    void tick();
    void handleConnection(ConnectionState state, const QString &reason);
    void handleAccess(bool readOnly);
    void handleSelection();
    void handleAnswer(const QString &job, const QString &op, bool ok, const QString &message);
    void updateActions();
    void updateErrorText();
    void confirmReset();
    void confirmPause(bool pause);
    void handleFilesystemSelection();
    void handlePruningSelection();
    void updatePruningExplanation();
    void refreshOnDemandViews();
    void copyStatus();
    void copyError();
    void showJobMenu(const QPoint &position);

    StatusPoller &m_poller;
    SignalSender &m_sender;
    bool m_hidesOnClose = false;

    JobsTableModel *m_jobsModel = nullptr;
    ReplicationModel *m_replicationModel = nullptr;
    ErrorsOnlyFilter *m_errorsOnly = nullptr;
    SnapshottingModel *m_snapshotModel = nullptr;
    PruningModel *m_pruningModel = nullptr;
    FilesystemsModel *m_filesystemsModel = nullptr;
    QSortFilterProxyModel *m_filesystemsProxy = nullptr;
    bool m_haveStatus = false;

    QTableView *m_jobsView = nullptr;
    QTabWidget *m_tabs = nullptr;
    QTreeView *m_replicationView = nullptr;
    QCheckBox *m_errorsOnlyBox = nullptr;
    QTableView *m_snapshotView = nullptr;
    QTableView *m_pruningView = nullptr;
    PruningExplanationFetcher *m_pruningFetcher = nullptr;
    PruningExplanationModel *m_pruningExplanationModel = nullptr;
    QTableView *m_pruningExplanationView = nullptr;
    QLabel *m_pruningExplanationLabel = nullptr;
    HoldsPanel *m_holdsPanel = nullptr;
    RestoreView *m_restoreView = nullptr;
    BackupSetupController *m_backupSetup = nullptr;
    ConfigStateWatcher *m_configWatcher = nullptr;
    QLabel *m_configBanner = nullptr;
    QTableView *m_filesystemsView = nullptr;
    QCheckBox *m_allJobsBox = nullptr;
    QLabel *m_filesystemsNote = nullptr;
    QTimer *m_clock = nullptr;
    QPlainTextEdit *m_errorText = nullptr;
    QLabel *m_connectionLabel = nullptr;
    QLabel *m_readOnlyLabel = nullptr;
    QLabel *m_updatedLabel = nullptr;

    QAction *m_wakeup = nullptr;
    QAction *m_reset = nullptr;
    QAction *m_pause = nullptr;
    QAction *m_resume = nullptr;
    QAction *m_copyStatus = nullptr;
    QAction *m_copyError = nullptr;
    QAction *m_refresh = nullptr;
    QAction *m_showRestore = nullptr;
    QAction *m_settings = nullptr;
    QAction *m_quit = nullptr;
};

}  // namespace Gui
