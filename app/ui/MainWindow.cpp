// SPDX-License-Identifier: MIT
#include "app/ui/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QCloseEvent>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

#include "app/core/JobActions.h"
#include "app/core/PruningExplanationFetcher.h"
#include "app/core/SignalSender.h"
#include "app/models/ErrorsOnlyFilter.h"
#include "app/models/FilesystemsModel.h"
#include "app/models/HoldsModel.h"
#include "app/models/JobsTableModel.h"
#include "app/models/ModelRole.h"
#include "app/models/PruningExplanationModel.h"
#include "app/models/PruningModel.h"
#include "app/models/ReplicationModel.h"
#include "app/models/SnapshottingModel.h"
#include "app/ui/BackupSetupController.h"
#include "app/core/ConfigStateWatcher.h"
#include "app/ui/HoldsPanel.h"
#include "app/ui/ProgressDelegate.h"
#include "app/ui/RestoreView.h"
#include "app/ui/TableColumnFitter.h"

using namespace Qt::StringLiterals;

namespace Gui {

MainWindow::MainWindow(StatusPoller &poller, SignalSender &sender, QWidget *parent)
    : QMainWindow(parent)
    , m_poller(poller)
    , m_sender(sender)
{
    setWindowTitle(tr("Holdfast"));
    setWindowIcon(QIcon(u":/icons/holdfast.svg"_s));
    setObjectName(u"MainWindow"_s);
    m_jobsModel = new JobsTableModel(this);
    m_replicationModel = new ReplicationModel(this);
    m_errorsOnly = new ErrorsOnlyFilter(this);
    m_errorsOnly->setSourceModel(m_replicationModel);
    m_snapshotModel = new SnapshottingModel(this);
    m_pruningModel = new PruningModel(this);
    m_pruningExplanationModel = new PruningExplanationModel(this);
    m_pruningFetcher = new PruningExplanationFetcher(m_poller.client(), this);
    connect(m_pruningFetcher, &PruningExplanationFetcher::changed, this, [this] {
        m_pruningExplanationModel->setExplanation(m_pruningFetcher->explanation());
        updatePruningExplanation();
    });
    m_filesystemsModel = new FilesystemsModel(this);
    m_filesystemsProxy = new QSortFilterProxyModel(this);
    m_filesystemsProxy->setSourceModel(m_filesystemsModel);
    m_filesystemsProxy->setSortRole(SortRole);
    createActions();
    createLayout();
    connect(&m_poller, &StatusPoller::statusReceived, this, &MainWindow::handleStatus);
    connect(&m_poller, &StatusPoller::freshnessReceived, this, &MainWindow::updateFreshness);
    connect(&m_poller, &StatusPoller::freshnessUnsupported, this, &MainWindow::updateFreshness);
    // "12 min ago" must become "13 min ago" with no news from the daemon: a zrepl daemon or an idle job sends none.
    m_clock = new QTimer(this);
    m_clock->setInterval(std::chrono::seconds(1));
    connect(m_clock, &QTimer::timeout, this, &MainWindow::tick);
    m_clock->start();
    connect(&m_poller, &StatusPoller::connectionChanged, this, &MainWindow::handleConnection);
    connect(&m_poller, &StatusPoller::accessChanged, this, &MainWindow::handleAccess);
    connect(&m_sender, &SignalSender::answered, this, &MainWindow::handleAnswer);
    handleConnection(m_poller.state(), m_poller.stateReason());
    handleAccess(m_poller.isReadOnly());
    resize(1100, 720);
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    m_wakeup = new QAction(QIcon::fromTheme(u"media-playback-start"_s), tr("&Wake Up"), this);
    m_wakeup->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    connect(m_wakeup, &QAction::triggered, this, [this] {
        if (const QString job = selectedJob(); !job.isEmpty()) {
            m_sender.wakeup(job);
        }
    });
    m_reset = new QAction(QIcon::fromTheme(u"process-stop"_s), tr("&Reset"), this);
    m_reset->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    connect(m_reset, &QAction::triggered, this, &MainWindow::confirmReset);
    m_pause = new QAction(QIcon::fromTheme(u"media-playback-pause"_s), tr("&Pause Replication…"), this);
    m_pause->setObjectName(u"pauseAction"_s);
    connect(m_pause, &QAction::triggered, this, [this] { confirmPause(true); });
    m_resume = new QAction(QIcon::fromTheme(u"media-playback-start"_s), tr("Res&ume Replication…"), this);
    m_resume->setObjectName(u"resumeAction"_s);
    connect(m_resume, &QAction::triggered, this, [this] { confirmPause(false); });
    m_copyStatus = new QAction(QIcon::fromTheme(u"edit-copy"_s), tr("Copy Status as &JSON"), this);
    m_copyStatus->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    connect(m_copyStatus, &QAction::triggered, this, &MainWindow::copyStatus);
    m_copyError = new QAction(tr("Copy &Error"), this);
    connect(m_copyError, &QAction::triggered, this, &MainWindow::copyError);
    m_refresh = new QAction(QIcon::fromTheme(u"view-refresh"_s), tr("Re&fresh"), this);
    m_refresh->setShortcut(QKeySequence::Refresh);
    connect(m_refresh, &QAction::triggered, &m_poller, &StatusPoller::pollNow);
    connect(m_refresh, &QAction::triggered, this, &MainWindow::refreshOnDemandViews);
    m_settings = new QAction(QIcon::fromTheme(u"configure"_s), tr("&Settings…"), this);
    m_settings->setShortcut(QKeySequence::Preferences);
    connect(m_settings, &QAction::triggered, this, &MainWindow::settingsRequested);
    m_quit = new QAction(QIcon::fromTheme(u"application-exit"_s), tr("&Quit"), this);
    m_quit->setShortcut(QKeySequence::Quit);
    connect(m_quit, &QAction::triggered, this, &MainWindow::quitRequested);
    m_showRestore = new QAction(QIcon::fromTheme(u"document-revert"_s), tr("Restore &Files…"), this);
    m_showRestore->setObjectName(u"showRestoreAction"_s);
    m_showRestore->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    m_showRestore->setToolTip(tr("Browse the snapshots and restore files from them"));
    connect(m_showRestore, &QAction::triggered, this, &MainWindow::showRestoreView);
    m_backupSetup = new BackupSetupController(m_poller, this);
    connect(m_backupSetup, &BackupSetupController::message, this, [this](const QString &text) {
        statusBar()->showMessage(text, 15000);
    });

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_settings);
    file->addSeparator();
    file->addAction(m_quit);
    QMenu *job = menuBar()->addMenu(tr("&Job"));
    // The tooltips say why Wake Up or Reset is greyed out.
    job->setToolTipsVisible(true);
    job->addAction(m_backupSetup->newBackupAction());
    job->addAction(m_backupSetup->editJobAction());
    job->addAction(m_backupSetup->removeJobAction());
    job->addAction(m_backupSetup->advancedAction());
    job->addSeparator();
    job->addAction(m_wakeup);
    job->addAction(m_reset);
    job->addSeparator();
    job->addAction(m_pause);
    job->addAction(m_resume);
    job->addSeparator();
    job->addAction(m_copyError);
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_refresh);
    view->addAction(m_copyStatus);
    view->addSeparator();
    view->addAction(m_showRestore);

    QToolBar *toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(u"MainToolbar"_s);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(m_backupSetup->newBackupAction());
    toolbar->addSeparator();
    toolbar->addAction(m_wakeup);
    toolbar->addAction(m_reset);
    toolbar->addAction(m_pause);
    toolbar->addAction(m_resume);
    toolbar->addSeparator();
    toolbar->addAction(m_refresh);
    toolbar->addAction(m_copyStatus);
}

void MainWindow::fitJobColumns()
{
    const QHeaderView *header = m_jobsView->horizontalHeader();
    // The last section stretches over what is left; sizing it to its contents would undo that.
    const int last = header->stretchLastSection() ? header->logicalIndex(header->count() - 1) : -1;
    for (int column = 0; column < header->count(); ++column) {
        if (column != last && header->sectionResizeMode(column) == QHeaderView::ResizeToContents) {
            m_jobsView->resizeColumnToContents(column);
        }
    }
}

void MainWindow::createLayout()
{
    m_jobsView = new QTableView;
    m_jobsView->setObjectName(u"jobsView"_s);
    m_jobsView->setModel(m_jobsModel);
    m_jobsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_jobsView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_jobsView->setAlternatingRowColors(true);
    m_jobsView->verticalHeader()->hide();
    m_jobsView->setWordWrap(false);
    m_jobsView->horizontalHeader()->setStretchLastSection(true);
    // A handful of jobs: their columns may follow their contents.
    m_jobsView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_jobsView->horizontalHeader()->setSectionResizeMode(JobsTableModel::LastErrorColumn, QHeaderView::Interactive);
    m_jobsView->setColumnWidth(JobsTableModel::LastErrorColumn, 260);
    m_jobsView->setContextMenuPolicy(Qt::CustomContextMenu);
    m_jobsView->setItemDelegateForColumn(JobsTableModel::ProgressColumn, new ProgressDelegate(m_jobsView));
    connect(m_jobsView, &QTableView::customContextMenuRequested, this, &MainWindow::showJobMenu);
    connect(m_jobsView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::handleSelection);
    connect(m_jobsView, &QTableView::doubleClicked, m_wakeup, &QAction::trigger);
    // Sections that follow their contents are sized when the view lays itself out, which rows arriving in a shown
    // view do not cause: without this, jobs that come with the first status keep columns as narrow as the headers.
    connect(m_jobsModel, &QAbstractItemModel::rowsInserted, this, &MainWindow::fitJobColumns, Qt::QueuedConnection);
    connect(m_jobsModel, &QAbstractItemModel::dataChanged, this, &MainWindow::fitJobColumns, Qt::QueuedConnection);

    auto *replicationPage = new QWidget;
    auto *replicationLayout = new QVBoxLayout(replicationPage);
    m_errorsOnlyBox = new QCheckBox(tr("Show only filesystems with errors"));
    m_errorsOnlyBox->setObjectName(u"errorsOnly"_s);
    connect(m_errorsOnlyBox, &QCheckBox::toggled, this, [this](bool on) {
        m_errorsOnly->setErrorsOnly(on);
        m_replicationView->expandAll();
    });
    m_replicationView = new QTreeView;
    m_replicationView->setObjectName(u"replicationView"_s);
    m_replicationView->setModel(m_errorsOnly);
    m_replicationView->setUniformRowHeights(true);
    // Filesystem names and "from → to" steps keep their ends, which tell them apart.
    m_replicationView->setTextElideMode(Qt::ElideMiddle);
    // Fixed widths: sizing to contents would measure every one of 10,000 filesystems on each refresh.
    m_replicationView->setColumnWidth(ReplicationModel::ItemColumn, 360);
    m_replicationView->setColumnWidth(ReplicationModel::StateColumn, 110);
    m_replicationView->setColumnWidth(ReplicationModel::ProgressColumn, 220);
    m_replicationView->setColumnWidth(ReplicationModel::RateColumn, 100);
    // New attempts and filesystems appear unfolded, as the selection change shows them.
    connect(m_errorsOnly, &QAbstractItemModel::modelReset, m_replicationView, &QTreeView::expandAll);
    connect(m_errorsOnly, &QAbstractItemModel::rowsInserted, m_replicationView,
            [this](const QModelIndex &parent, int first, int last) {
                for (int row = first; row <= last; ++row) {
                    m_replicationView->expandRecursively(m_errorsOnly->index(row, 0, parent));
                }
            });
    m_replicationView->setItemDelegateForColumn(ReplicationModel::ProgressColumn, new ProgressDelegate(m_replicationView));
    replicationLayout->addWidget(m_errorsOnlyBox);
    replicationLayout->addWidget(m_replicationView);

    m_snapshotView = new QTableView;
    m_snapshotView->setObjectName(u"snapshotView"_s);
    m_snapshotView->setModel(m_snapshotModel);
    m_snapshotView->verticalHeader()->hide();
    m_snapshotView->setWordWrap(false);
    new TableColumnFitter(m_snapshotView, SnapshottingModel::FilesystemColumn);
    m_pruningView = new QTableView;
    m_pruningView->setObjectName(u"pruningView"_s);
    m_pruningView->setModel(m_pruningModel);
    m_pruningView->verticalHeader()->hide();
    m_pruningView->setWordWrap(false);
    m_pruningView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_pruningView->setSelectionMode(QAbstractItemView::SingleSelection);
    new TableColumnFitter(m_pruningView, PruningModel::FilesystemColumn);
    connect(m_pruningView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::handlePruningSelection);
    // "Why is this snapshot still here?": the selected filesystem's snapshots with the daemon's verdict on each.
    m_pruningExplanationLabel = new QLabel;
    m_pruningExplanationLabel->setObjectName(u"pruningExplanationLabel"_s);
    m_pruningExplanationLabel->setWordWrap(true);
    m_pruningExplanationLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_pruningExplanationView = new QTableView;
    m_pruningExplanationView->setObjectName(u"pruningExplanationView"_s);
    m_pruningExplanationView->setModel(m_pruningExplanationModel);
    m_pruningExplanationView->verticalHeader()->hide();
    m_pruningExplanationView->setWordWrap(false);
    m_pruningExplanationView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_pruningExplanationView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_pruningExplanationView->horizontalHeader()->setStretchLastSection(true);
    new TableColumnFitter(m_pruningExplanationView, -1);
    connect(m_pruningExplanationView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::updatePruningExplanation);
    auto *explanationPage = new QWidget;
    auto *explanationLayout = new QVBoxLayout(explanationPage);
    explanationLayout->setContentsMargins(0, 0, 0, 0);
    explanationLayout->addWidget(m_pruningExplanationLabel);
    explanationLayout->addWidget(m_pruningExplanationView);
    auto *pruningPage = new QSplitter(Qt::Vertical);
    pruningPage->setObjectName(u"pruningSplitter"_s);
    pruningPage->addWidget(m_pruningView);
    pruningPage->addWidget(explanationPage);
    pruningPage->setStretchFactor(0, 1);
    pruningPage->setStretchFactor(1, 2);

    auto *filesystemsPage = new QWidget;
    auto *filesystemsLayout = new QVBoxLayout(filesystemsPage);
    m_allJobsBox = new QCheckBox(tr("Show the filesystems of all jobs"));
    m_allJobsBox->setObjectName(u"allJobsCheckBox"_s);
    connect(m_allJobsBox, &QCheckBox::toggled, this, &MainWindow::handleSelection);
    m_filesystemsNote = new QLabel;
    m_filesystemsNote->setObjectName(u"filesystemsNoteLabel"_s);
    m_filesystemsNote->setWordWrap(true);
    m_filesystemsNote->hide();
    m_filesystemsView = new QTableView;
    m_filesystemsView->setObjectName(u"filesystemsView"_s);
    m_filesystemsView->setModel(m_filesystemsProxy);
    m_filesystemsView->verticalHeader()->hide();
    m_filesystemsView->setWordWrap(false);
    m_filesystemsView->setAlternatingRowColors(true);
    m_filesystemsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_filesystemsView->setSortingEnabled(true);
    // By job, then filesystem, as the model keeps them, until the user clicks a header.
    m_filesystemsView->sortByColumn(FilesystemsModel::JobColumn, Qt::AscendingOrder);
    m_filesystemsView->setSelectionMode(QAbstractItemView::SingleSelection);
    new TableColumnFitter(m_filesystemsView, FilesystemsModel::FilesystemColumn);
    connect(m_filesystemsView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::handleFilesystemSelection);
    // The holds live under the filesystems they keep replicating: one place for "is this filesystem safe, and
    // what keeps it so".
    m_holdsPanel = new HoldsPanel(m_poller.client());
    connect(m_holdsPanel, &HoldsPanel::actionFinished, this, [this](const QString &message) {
        statusBar()->showMessage(message, 8000);
        m_poller.pollNow();
    });
    auto *filesystemsSplitter = new QSplitter(Qt::Vertical);
    filesystemsSplitter->setObjectName(u"filesystemsSplitter"_s);
    filesystemsSplitter->addWidget(m_filesystemsView);
    filesystemsSplitter->addWidget(m_holdsPanel);
    filesystemsSplitter->setStretchFactor(0, 3);
    filesystemsSplitter->setStretchFactor(1, 2);
    filesystemsLayout->addWidget(m_allJobsBox);
    filesystemsLayout->addWidget(m_filesystemsNote);
    filesystemsLayout->addWidget(filesystemsSplitter);
    m_errorText = new QPlainTextEdit;
    m_errorText->setObjectName(u"errorText"_s);
    m_errorText->setReadOnly(true);
    m_errorText->setPlaceholderText(tr("No errors"));
    m_errorText->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);

    m_tabs = new QTabWidget;
    m_tabs->setObjectName(u"detailTabs"_s);
    // Freshness first: "is my data safe" before how the last run went.
    m_tabs->addTab(filesystemsPage, tr("Filesystems"));
    m_tabs->addTab(replicationPage, tr("Replication"));
    m_tabs->addTab(m_snapshotView, tr("Snapshots"));
    m_tabs->addTab(pruningPage, tr("Pruning"));
    m_tabs->addTab(m_errorText, tr("Errors"));
    m_restoreView = new RestoreView(m_poller.client());
    connect(m_restoreView, &RestoreView::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    m_tabs->addTab(m_restoreView, tr("Restore"));

    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(m_jobsView);
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);
    // Above the jobs: a refused reload (the daemon runs the version before) or changes still waiting to apply.
    m_configBanner = new QLabel;
    m_configBanner->setObjectName(u"configHealthBanner"_s);
    m_configBanner->setWordWrap(true);
    m_configBanner->setTextFormat(Qt::RichText);
    m_configBanner->setContentsMargins(8, 6, 8, 6);
    m_configBanner->setAutoFillBackground(true);
    m_configBanner->hide();
    connect(m_configBanner, &QLabel::linkActivated, this, [this] { m_backupSetup->openAdvanced(); });
    auto *central = new QWidget;
    auto *centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->addWidget(m_configBanner);
    centralLayout->addWidget(splitter, 1);
    setCentralWidget(central);
    m_configWatcher = new ConfigStateWatcher(m_poller, this);
    connect(m_configWatcher, &ConfigStateWatcher::healthChanged, this, &MainWindow::showConfigHealth);
    // What an apply changed shows at once, not at the next read.
    connect(m_backupSetup, &BackupSetupController::message, m_configWatcher, &ConfigStateWatcher::refresh);

    m_connectionLabel = new QLabel;
    m_connectionLabel->setObjectName(u"connectionLabel"_s);
    m_connectionLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_readOnlyLabel = new QLabel(tr("Read-only"));
    m_readOnlyLabel->setObjectName(u"readOnlyLabel"_s);
    m_readOnlyLabel->setToolTip(JobActions::readOnlyExplanation());
    m_readOnlyLabel->setAccessibleDescription(JobActions::readOnlyExplanation());
    // Permanent and bold: it explains every greyed-out Wake Up, so it must not pass unnoticed.
    QFont bold = m_readOnlyLabel->font();
    bold.setBold(true);
    m_readOnlyLabel->setFont(bold);
    m_readOnlyLabel->hide();
    m_updatedLabel = new QLabel;
    statusBar()->addWidget(m_connectionLabel, 1);
    statusBar()->addPermanentWidget(m_readOnlyLabel);
    statusBar()->addPermanentWidget(m_updatedLabel);
}

void MainWindow::applySettings(const AppSettings &settings)
{
    if (settings.socketPath != m_poller.socketPath()) {
        // Another daemon, perhaps of another kind: what the last one said about holds and pruning is gone.
        m_holdsPanel->forget();
        m_pruningFetcher->forget();
        m_backupSetup->forget();
    }
    m_poller.setSocketPath(settings.socketPath);
    m_poller.setInterval(settings.pollInterval);
}

void MainWindow::showNotice(const QString &text)
{
    statusBar()->showMessage(text, 15000);
}

QString MainWindow::selectedJob() const
{
    const QModelIndexList rows = m_jobsView->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(JobNameRole).toString();
}

void MainWindow::selectJob(const QString &name)
{
    for (int row = 0; row < m_jobsModel->rowCount(); ++row) {
        const QModelIndex index = m_jobsModel->index(row, 0);
        if (index.data(JobNameRole).toString() == name) {
            m_jobsView->selectRow(row);
            return;
        }
    }
}

void MainWindow::handleStatus(const Api::DaemonStatus &status)
{
    m_haveStatus = true;
    m_replicationModel->update(status);
    m_snapshotModel->update(status);
    m_pruningModel->update(status);
    updateFreshness();
    if (selectedJob().isEmpty() && m_jobsModel->rowCount() > 0) {
        m_jobsView->selectRow(0);
    }
    m_updatedLabel->setText(tr("Updated %1").arg(QLocale().toString(QTime::currentTime(), QLocale::ShortFormat)));
    updateErrorText();
    updateActions();
}

void MainWindow::updateFreshness()
{
    if (!m_haveStatus) {
        return;  // a freshness report alone names no jobs the window could show
    }
    const std::optional<Api::FreshnessReport> &freshness = m_poller.lastFreshness();
    const Api::FreshnessReport *report = freshness ? &*freshness : nullptr;
    const bool zrepl = m_poller.freshnessSupport() == FreshnessSupport::Unsupported;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_jobsModel->setNow(now);
    m_filesystemsModel->setNow(now);
    m_jobsModel->update(JobSummaries::summarize(m_poller.lastStatus(), report, zrepl));
    m_filesystemsModel->update(m_poller.lastStatus(), report, zrepl);
    m_filesystemsNote->setText(zrepl ? tr("This daemon (zrepl) does not report snapshot ages, counts or health: shown "
                                          "is what its status tells, the last replication and snapshot round.")
                                     : QString());
    m_filesystemsNote->setVisible(zrepl);
    m_restoreView->setFreshness(report);
    Q_EMIT summariesChanged(m_jobsModel->summaries());
}

void MainWindow::tick()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_jobsModel->setNow(now);
    m_filesystemsModel->setNow(now);
    m_holdsPanel->setNow(now);
    m_restoreView->setNow(now);
}

void MainWindow::handleConnection(ConnectionState state, const QString &reason)
{
    const QString path = m_poller.socketPath();
    switch (state) {
    case ConnectionState::Connecting:
        m_connectionLabel->setText(tr("Connecting to %1…").arg(path));
        break;
    case ConnectionState::Connected:
        m_connectionLabel->setText(tr("Connected to the daemon at %1").arg(path));
        break;
    case ConnectionState::NotRunning:
        m_connectionLabel->setText(tr("The daemon is not running (nothing listens at %1). Retrying…").arg(path));
        break;
    case ConnectionState::PermissionDenied:
        m_connectionLabel->setText(tr("Permission denied on %1: this user may not read the daemon's status. Retrying…").arg(path));
        break;
    case ConnectionState::Failed:
        m_connectionLabel->setText(tr("No answer from the daemon: %1. Retrying…").arg(reason));
        break;
    }
    m_connectionLabel->setToolTip(reason);
    if (state == ConnectionState::NotRunning) {
        m_holdsPanel->forget();
        m_pruningFetcher->forget();
    }
    m_holdsPanel->setConnection(state == ConnectionState::Connected, m_poller.isReadOnly());
    m_restoreView->setConnection(state == ConnectionState::Connected, m_poller.isReadOnly());
    updateActions();
}

void MainWindow::handleAccess(bool readOnly)
{
    m_readOnlyLabel->setVisible(readOnly);
    m_holdsPanel->setConnection(m_poller.state() == ConnectionState::Connected, readOnly);
    m_restoreView->setConnection(m_poller.state() == ConnectionState::Connected, readOnly);
    updateActions();
}

void MainWindow::handleSelection()
{
    const QString job = selectedJob();
    m_replicationModel->setJob(job);
    m_snapshotModel->setJob(job);
    m_pruningModel->setJob(job);
    m_filesystemsModel->setJob(m_allJobsBox->isChecked() ? QString() : job);
    m_holdsPanel->setJob(m_allJobsBox->isChecked() ? QString() : job);
    m_backupSetup->setSelectedJob(job);
    handleFilesystemSelection();
    handlePruningSelection();
    m_replicationView->expandAll();
    updateErrorText();
    updateActions();
}

void MainWindow::updateErrorText()
{
    const QString job = selectedJob();
    for (const JobSummary &summary : m_jobsModel->summaries()) {
        if (summary.name == job) {
            if (m_errorText->toPlainText() != summary.lastError) {
                m_errorText->setPlainText(summary.lastError);
            }
            m_tabs->setTabText(m_tabs->indexOf(m_errorText), summary.lastError.isEmpty() ? tr("Errors") : tr("Errors (!)"));
            return;
        }
    }
    m_errorText->clear();
}

void MainWindow::updateActions()
{
    const QString job = selectedJob();
    const JobSummary *selected = nullptr;
    for (const JobSummary &summary : m_jobsModel->summaries()) {
        if (summary.name == job) {
            selected = &summary;
        }
    }
    const JobActionState state =
        JobActions::compute(selected, m_poller.state() == ConnectionState::Connected, m_poller.isReadOnly(),
                            m_poller.freshnessSupport() != FreshnessSupport::Unsupported);
    m_wakeup->setEnabled(state.wakeup);
    m_wakeup->setToolTip(state.wakeupTip);
    m_reset->setEnabled(state.reset);
    m_reset->setToolTip(state.resetTip);
    m_pause->setEnabled(state.pause);
    m_pause->setToolTip(state.pauseTip);
    m_resume->setEnabled(state.resume);
    m_resume->setToolTip(state.resumeTip);
    m_copyStatus->setEnabled(m_poller.hasStatus());
    m_copyError->setEnabled(!m_errorText->toPlainText().isEmpty());
}

void MainWindow::confirmReset()
{
    const QString job = selectedJob();
    if (job.isEmpty()) {
        return;
    }
    // A reset aborts a replication in progress: what was sent so far stays resumable, but the run ends.
    const auto answer = QMessageBox::question(this, tr("Reset %1?").arg(job),
                                              tr("Reset aborts what job %1 is doing now. An interrupted replication "
                                                 "resumes on the next run.").arg(job),
                                              QMessageBox::Reset | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Reset) {
        m_sender.reset(job);
    }
}

void MainWindow::confirmPause(bool pause)
{
    const QString job = selectedJob();
    if (job.isEmpty()) {
        return;
    }
    QMessageBox box(QMessageBox::Question, pause ? tr("Pause %1?").arg(job) : tr("Resume %1?").arg(job),
                    pause ? JobActions::pauseQuestion(job) : JobActions::resumeQuestion(job),
                    QMessageBox::Ok | QMessageBox::Cancel, this);
    box.setObjectName(u"pauseConfirmDialog"_s);
    box.button(QMessageBox::Ok)->setText(pause ? tr("Pause") : tr("Resume"));
    box.setDefaultButton(QMessageBox::Ok);
    if (box.exec() != QMessageBox::Ok) {
        return;
    }
    if (pause) {
        m_sender.pause(job);
    } else {
        m_sender.resume(job);
    }
}

void MainWindow::handleFilesystemSelection()
{
    const QModelIndexList rows = m_filesystemsView->selectionModel()->selectedRows(FilesystemsModel::FilesystemColumn);
    m_holdsPanel->setFilesystem(rows.isEmpty() ? QString() : rows.first().data().toString());
}

void MainWindow::handlePruningSelection()
{
    const QModelIndexList rows = m_pruningView->selectionModel()->selectedRows(PruningModel::FilesystemColumn);
    const QString filesystem = rows.isEmpty() ? QString() : rows.first().data(FullTextRole).toString();
    const QString job = filesystem.isEmpty() ? QString() : m_pruningModel->job();
    if (job != m_pruningFetcher->job() || filesystem != m_pruningFetcher->filesystem()) {
        m_pruningFetcher->fetch(job, filesystem);
    }
}

void MainWindow::updatePruningExplanation()
{
    QString text;
    if (m_pruningFetcher->support() == EndpointSupport::Unsupported) {
        text = PruningExplanationFetcher::unsupportedMessage();
    } else if (m_pruningFetcher->filesystem().isEmpty()) {
        text = tr("Select a filesystem above to see why each of its snapshots is still there.");
    } else if (!m_pruningFetcher->error().isEmpty()) {
        text = m_pruningFetcher->error();
    } else if (m_pruningFetcher->isLoading()) {
        text = tr("Asking the daemon about %1…").arg(m_pruningFetcher->filesystem());
    } else if (m_pruningExplanationModel->rowCount() == 0) {
        text = tr("The last pruning round of %1 saw no snapshots of %2.")
                   .arg(m_pruningFetcher->job(), m_pruningFetcher->filesystem());
    } else {
        const QModelIndexList rows = m_pruningExplanationView->selectionModel()->selectedRows();
        text = rows.isEmpty() ? tr("Why the snapshots of %1 are still there: %2")
                                    .arg(m_pruningFetcher->filesystem(), m_pruningExplanationModel->summary())
                              : m_pruningExplanationModel->detailText(rows.first().row());
    }
    m_pruningExplanationLabel->setText(text);
}

void MainWindow::refreshOnDemandViews()
{
    // Holds and pruning explanations are asked for when shown, not polled: Refresh asks again for what is visible.
    if (m_holdsPanel->isVisible()) {
        m_holdsPanel->refresh();
    }
    if (m_restoreView->isVisible()) {
        m_restoreView->refresh();
    }
    if (m_pruningExplanationView->isVisible() && !m_pruningFetcher->filesystem().isEmpty()) {
        m_pruningFetcher->fetch(m_pruningFetcher->job(), m_pruningFetcher->filesystem());
    }
}

void MainWindow::handleAnswer(const QString &job, const QString &op, bool ok, const QString &message)
{
    Q_UNUSED(job)
    Q_UNUSED(op)
    Q_UNUSED(ok)
    // SignalSender words it: "push woken up", "The daemon refused: …", "This daemon cannot pause jobs…".
    statusBar()->showMessage(message, 8000);
    m_poller.pollNow();
}

void MainWindow::copyStatus()
{
    // Indented for people to read and paste into a bug report; the daemon's own bytes are compact.
    const QJsonDocument document = QJsonDocument::fromJson(m_poller.lastRawStatus());
    QApplication::clipboard()->setText(QString::fromUtf8(document.isNull() ? m_poller.lastRawStatus() : document.toJson()));
    statusBar()->showMessage(tr("Status copied to the clipboard"), 4000);
}

void MainWindow::copyError()
{
    QApplication::clipboard()->setText(m_errorText->toPlainText());
    statusBar()->showMessage(tr("Error copied to the clipboard"), 4000);
}

void MainWindow::showJobMenu(const QPoint &position)
{
    const QModelIndex index = m_jobsView->indexAt(position);
    if (!index.isValid()) {
        return;
    }
    m_jobsView->selectRow(index.row());
    QMenu menu(this);
    menu.setToolTipsVisible(true);
    menu.addAction(m_wakeup);
    menu.addAction(m_reset);
    menu.addSeparator();
    menu.addAction(m_pause);
    menu.addAction(m_resume);
    menu.addSeparator();
    menu.addAction(m_copyError);
    menu.addSeparator();
    menu.addAction(m_backupSetup->editJobAction());
    menu.addAction(m_backupSetup->removeJobAction());
    menu.exec(m_jobsView->viewport()->mapToGlobal(position));
}

void MainWindow::showRestoreView()
{
    m_tabs->setCurrentWidget(m_restoreView);
    m_restoreView->setFocus();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_hidesOnClose) {
        hide();
        event->ignore();
        return;
    }
    Q_EMIT quitRequested();
    event->accept();
}

void MainWindow::showConfigHealth(const ConfigHealth &health)
{
    if (health.level == ConfigHealth::Level::Fine) {
        m_configBanner->hide();
        return;
    }
    QString text = health.text.toHtmlEscaped();
    if (health.level == ConfigHealth::Level::Warning) {
        text += u" <a href=\"edit\">"_s + tr("Open the configuration") + u"</a>"_s;
    }
    m_configBanner->setText(text);
    m_configBanner->setToolTip(health.details);
    QPalette palette = m_configBanner->palette();
    // Amber for a refused reload, the theme's tooltip colours for news that needs no action.
    const bool warning = health.level == ConfigHealth::Level::Warning;
    palette.setColor(QPalette::Window, warning ? QColor(0xfc, 0xe9, 0xb6) : palette.color(QPalette::ToolTipBase));
    palette.setColor(QPalette::WindowText, warning ? QColor(0x4d, 0x36, 0x00) : palette.color(QPalette::ToolTipText));
    m_configBanner->setPalette(palette);
    m_configBanner->show();
}

}  // namespace Gui
