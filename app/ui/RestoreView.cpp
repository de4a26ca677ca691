// SPDX-License-Identifier: MIT
#include "app/ui/RestoreView.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHideEvent>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include "app/models/Format.h"
#include "app/models/RestoreSourceModel.h"
#include "app/models/SnapshotDirectoryModel.h"
#include "app/models/SnapshotTimelineModel.h"
#include "app/ui/ActionWidgets.h"
#include "app/ui/DiffView.h"
#include "app/ui/ElidedLabel.h"
#include "app/ui/FileHistoryDialog.h"
#include "app/ui/RestoreDialog.h"
#include "app/ui/TableColumnFitter.h"
#include "shared/restore/ZfsMounts.h"

using namespace Qt::StringLiterals;

namespace Gui {

using Type = Restore::FileState::Type;

namespace {


QString items(int count)
{
    return count == 1 ? RestoreView::tr("1 item") : RestoreView::tr("%1 items").arg(count);
}

QTableView *makeTable(const QString &name, QAbstractItemModel *model)
{
    auto *view = new QTableView;
    view->setObjectName(name);
    view->setModel(model);
    view->verticalHeader()->hide();
    view->setWordWrap(false);
    view->setAlternatingRowColors(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setTabKeyNavigation(false);
    return view;
}

}  // namespace

RestoreView::RestoreView(Api::ControlClient &client, QWidget *parent)
    : QWidget(parent)
    , m_backup(client)
{
    setObjectName(u"restoreView"_s);
    m_sources = new RestoreSourceModel(this);
    m_timeline = new SnapshotTimelineModel(this);
    m_directory = new SnapshotDirectoryModel(this);
    createActions();
    createLayout();

    connect(&m_listLoader, &SnapshotListLoader::finished, this, &RestoreView::handleSnapshotsListed);
    connect(&m_backup, &BackupBrowser::snapshotsListed, this, &RestoreView::handleSnapshotsListed);
    connect(&m_backup, &BackupBrowser::leaseChanged, this, &RestoreView::handleLeaseChanged);
    connect(&m_backup, &BackupBrowser::failed, this, [this](const QString &error) {
        setNote(error, true);
        updateActions();
    });
    connect(&m_opener, &VersionOpener::failed, this, [this](const QString &error) {
        setNote(error, true);
        Q_EMIT message(error);
    });
    connect(&m_opener, &VersionOpener::opened, this, [this](const QString &path) {
        Q_EMIT message(tr("Opened read-only: %1").arg(path));
    });
    connect(m_directory, &QAbstractItemModel::rowsInserted, this, &RestoreView::handleRowsArrived);
    connect(m_directory, &SnapshotDirectoryModel::loadingFinished, this, &RestoreView::handleFolderListed);
    updateActions();
}

RestoreView::~RestoreView() = default;

void RestoreView::createActions()
{
    const auto action =
        [this](const QString &icon, const QString &text, const QString &name, const QList<QKeySequence> &shortcuts) {
            auto *a = new QAction(QIcon::fromTheme(icon), text, this);
            a->setObjectName(name);
            a->setShortcuts(shortcuts);
            // Only while the view has the focus: the window's other views have their own keys.
            a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
            addAction(a);
            return a;
        };
    m_up = action(u"go-up"_s,
                  tr("&Up"),
                  u"restoreUpAction"_s,
                  {QKeySequence(Qt::Key_Backspace), QKeySequence(Qt::ALT | Qt::Key_Up)});
    connect(m_up, &QAction::triggered, this, &RestoreView::goUp);
    m_history =
        action(u"view-history"_s, tr("&Versions…"), u"restoreHistoryAction"_s, {QKeySequence(Qt::CTRL | Qt::Key_H)});
    connect(m_history, &QAction::triggered, this, &RestoreView::showHistory);
    m_open = action(u"document-open"_s, tr("&Open"), u"restoreOpenAction"_s, {QKeySequence::Open});
    connect(m_open, &QAction::triggered, this, &RestoreView::openCurrent);
    m_compare = action(u"document-compare"_s,
                       tr("&Compare with Current"),
                       u"restoreCompareAction"_s,
                       {QKeySequence(Qt::CTRL | Qt::Key_D)});
    connect(m_compare, &QAction::triggered, this, &RestoreView::compareCurrent);
    m_restore =
        action(u"document-revert"_s, tr("&Restore…"), u"restoreRestoreAction"_s, {QKeySequence(Qt::CTRL | Qt::Key_R)});
    connect(m_restore, &QAction::triggered, this, &RestoreView::restoreCurrent);
    m_browseBackup = action(
        u"drive-harddisk"_s, tr("&Browse the Backup…"), u"browseBackupAction"_s, {QKeySequence(Qt::CTRL | Qt::Key_B)});
    connect(m_browseBackup, &QAction::triggered, this, &RestoreView::browseBackup);
}

void RestoreView::createLayout()
{
    m_sourceBox = new QComboBox;
    m_sourceBox->setObjectName(u"restoreSourceBox"_s);
    m_sourceBox->setModel(m_sources);
    m_sourceBox->setSizeAdjustPolicy(QComboBox::AdjustToContentsOnFirstShow);
    connect(m_sourceBox, &QComboBox::currentIndexChanged, this, &RestoreView::handleSourceChanged);
    auto *sourceLabel = new QLabel(tr("&Filesystem:"));
    sourceLabel->setBuddy(m_sourceBox);
    auto *browseButton = ActionWidgets::buttonFor(m_browseBackup);
    m_browseButton = browseButton;  // a tool button does not follow its action's visibility
    auto *top = new QHBoxLayout;
    top->addWidget(sourceLabel);
    top->addWidget(m_sourceBox, 1);
    top->addWidget(browseButton);

    m_note = new QLabel;
    m_note->setObjectName(u"restoreNoteLabel"_s);
    m_note->setWordWrap(true);
    m_note->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_note->hide();

    m_timelineSummary = new QLabel;
    m_timelineSummary->setObjectName(u"timelineSummaryLabel"_s);
    QFont bold = m_timelineSummary->font();
    bold.setBold(true);
    m_timelineSummary->setFont(bold);
    m_timelineView = makeTable(u"timelineView"_s, m_timeline);
    new TableColumnFitter(m_timelineView, SnapshotTimelineModel::PrefixColumn);
    // The name repeats the date and the prefix; it is in the tooltip of the time.
    m_timelineView->setColumnHidden(SnapshotTimelineModel::NameColumn, true);
    connect(m_timelineView->selectionModel(),
            &QItemSelectionModel::currentRowChanged,
            this,
            &RestoreView::handleSnapshotSelected);
    // Enter on a snapshot goes on to its files.
    connect(m_timelineView, &QTableView::activated, this, [this] { m_directoryView->setFocus(); });
    auto *timelinePane = new QWidget;
    auto *timelineLayout = new QVBoxLayout(timelinePane);
    timelineLayout->setContentsMargins(0, 0, 0, 0);
    timelineLayout->addWidget(m_timelineSummary);
    timelineLayout->addWidget(m_timelineView);

    auto *upButton = ActionWidgets::buttonFor(m_up);
    m_location = new ElidedLabel;
    m_location->setObjectName(u"restoreLocationLabel"_s);
    auto *locationRow = new QHBoxLayout;
    locationRow->addWidget(upButton);
    locationRow->addWidget(m_location, 1);
    m_directoryView = makeTable(u"directoryView"_s, m_directory);
    new TableColumnFitter(m_directoryView, SnapshotDirectoryModel::NameColumn);
    connect(m_directoryView, &QTableView::activated, this, &RestoreView::activate);
    connect(
        m_directoryView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &RestoreView::updateActions);
    m_folderStatus = new QLabel;
    m_folderStatus->setObjectName(u"folderStatusLabel"_s);
    m_folderStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *historyButton = ActionWidgets::buttonFor(m_history);
    auto *compareButton = ActionWidgets::buttonFor(m_compare);
    auto *openButton = ActionWidgets::buttonFor(m_open);
    auto *restoreButton = ActionWidgets::buttonFor(m_restore);
    auto *actionsRow = new QHBoxLayout;
    actionsRow->addWidget(m_folderStatus, 1);
    actionsRow->addWidget(historyButton);
    actionsRow->addWidget(compareButton);
    actionsRow->addWidget(openButton);
    actionsRow->addWidget(restoreButton);
    auto *folderPane = new QWidget;
    auto *folderLayout = new QVBoxLayout(folderPane);
    folderLayout->setContentsMargins(0, 0, 0, 0);
    folderLayout->addLayout(locationRow);
    folderLayout->addWidget(m_directoryView);
    folderLayout->addLayout(actionsRow);

    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->setObjectName(u"restoreSplitter"_s);
    splitter->addWidget(timelinePane);
    splitter->addWidget(folderPane);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_note);
    layout->addWidget(splitter, 1);

    // In the order the eye goes: which filesystem, which snapshot, which file, what to do with it.
    setTabOrder(m_sourceBox, browseButton);
    setTabOrder(browseButton, m_timelineView);
    setTabOrder(m_timelineView, upButton);
    setTabOrder(upButton, m_directoryView);
    setTabOrder(m_directoryView, historyButton);
    setTabOrder(historyButton, compareButton);
    setTabOrder(compareButton, openButton);
    setTabOrder(openButton, restoreButton);
    // Coming to the view (View > Restore Files…, the tray) lands on the files.
    setFocusProxy(m_directoryView);
}

void RestoreView::setFreshness(const Api::FreshnessReport *report)
{
    // Only which jobs have which filesystems matters here; the report comes with every poll, with new ages.
    QStringList jobFilesystems;
    if (report) {
        for (const Api::JobFreshness &job : report->jobs) {
            for (const Api::FilesystemFreshness &fs : job.filesystems) {
                jobFilesystems.append(job.job + u'\t' + job.type + u'\t' + fs.filesystem);
            }
        }
    }
    if (jobFilesystems == m_jobFilesystems && (report != nullptr) == m_freshness.has_value()) {
        return;
    }
    m_jobFilesystems = jobFilesystems;
    if (report) {
        m_freshness = *report;
    } else {
        m_freshness.reset();
    }
    m_sourcesDirty = true;
    if (isVisible()) {
        reloadSources();
    }
}

void RestoreView::setConnection(bool connected, bool readOnly)
{
    const bool reconnected = connected && !m_connected;
    m_connected = connected;
    m_readOnly = readOnly;
    // A backup whose snapshots could not be asked for while the daemon was away.
    if (reconnected && m_shownOnce && !m_browser.source().dataset.isEmpty() && !m_browser.source().isMounted()
        && m_timeline->rowCount() == 0) {
        m_forceReload = true;
        handleSourceChanged(m_sourceBox->currentIndex());
        m_forceReload = false;
    }
    updateActions();
}

void RestoreView::setNow(const QDateTime &now)
{
    m_timeline->setNow(now);
    if (m_timeline->rowCount() > 0) {
        m_timelineSummary->setText(m_timeline->summary());
    }
}

void RestoreView::setSnapshotQuery(Restore::ZfsSnapshotQuery query)
{
    m_listLoader.setSnapshotQuery(std::move(query));
}

void RestoreView::refresh()
{
    const QString dataset = m_browser.source().dataset;
    const QString folder = m_browser.relativeFolder();
    m_wantedSnapshot = m_browser.snapshot().name;
    // The same filesystem again: listed anew, back in the same snapshot and folder where they still are.
    m_forceReload = true;
    reloadSources();
    m_forceReload = false;
    if (!dataset.isEmpty() && m_browser.source().dataset == dataset) {
        m_browser.setRelativeFolder(folder);
    }
}

void RestoreView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // The mount table is read when the view is shown (and on Refresh), not on every poll.
    if (!m_shownOnce || m_sourcesDirty) {
        m_shownOnce = true;
        reloadSources();
    }
}

void RestoreView::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    // Left for another view or the tray: the daemon may unmount the backup now (not when merely minimized).
    if (!event->spontaneous()) {
        m_backup.release();
    }
}

void RestoreView::reloadSources()
{
    m_sourcesDirty = false;
    const QString current = m_browser.source().dataset;
    m_sources->setSources(
        RestoreSourceModel::build(Restore::ZfsMounts::fromSystem(), m_freshness ? &*m_freshness : nullptr));
    const int wanted = m_sources->rowOfDataset(current);
    const int row = wanted >= 0 ? wanted : (m_sources->rowCount() > 0 ? 0 : -1);
    if (m_sourceBox->currentIndex() != row) {
        m_sourceBox->setCurrentIndex(row);  // handleSourceChanged() follows
    } else {
        handleSourceChanged(row);
    }
}

bool RestoreView::selectSource(const QString &dataset)
{
    const int row = m_sources->rowOfDataset(dataset);
    if (row < 0) {
        return false;
    }
    m_sourceBox->setCurrentIndex(row);
    return true;
}

void RestoreView::handleSourceChanged(int row)
{
    const RestoreSource source = m_sources->source(row);
    if (source == m_browser.source() && !source.dataset.isEmpty() && !m_forceReload) {
        return;  // the same filesystem, after the list was read again
    }
    m_backup.release();
    m_listLoader.cancel();
    if (source.dataset != m_browser.source().dataset && !m_forceReload) {
        m_wantedSnapshot.clear();
    }
    m_browser.setSource(source);
    m_timeline->setSnapshots({});
    m_timelineSummary->clear();
    m_directory->setDirectory({});
    m_location->setText({});
    if (source.dataset.isEmpty()) {
        setNote(tr("No ZFS filesystem is mounted that you can read, and the daemon names none of its own."));
    } else if (source.isMounted() && !source.readable) {
        setNote(tr("You may not read %1: its snapshots are closed to you too.").arg(source.mountPoint), true);
    } else if (source.isMounted()) {
        setNote({});
        m_timelineSummary->setText(tr("Listing the snapshots…"));
        m_listLoader.load(source.mountPoint, source.dataset);
    } else if (m_backup.support() == EndpointSupport::Unsupported) {
        setNote(BackupBrowser::unsupportedMessage(), true);
    } else if (!m_connected) {
        setNote(tr("%1 is not mounted, and the daemon, which mounts its snapshots for browsing, does not answer.")
                    .arg(source.dataset),
                true);
    } else {
        setNote({});
        m_timelineSummary->setText(tr("Asking the daemon for the snapshots…"));
        m_backup.listSnapshots(source.dataset);
    }
    updateFolderStatus();
    updateActions();
}

void RestoreView::handleSnapshotsListed(const QString &dataset,
                                        const QList<Restore::SnapshotEntry> &snapshots,
                                        const QString &error)
{
    const RestoreSource &source = m_browser.source();
    if (dataset != source.dataset) {
        return;
    }
    m_timeline->setNow(QDateTime::currentDateTimeUtc());
    m_timeline->setSnapshots(snapshots);
    m_timelineSummary->setText(m_timeline->summary());
    if (!error.isEmpty()) {
        setNote(error, true);
        updateActions();
        return;
    }
    if (snapshots.isEmpty()) {
        setNote(tr("%1 has no snapshots yet.").arg(dataset));
        updateActions();
        return;
    }
    if (!source.isMounted()) {
        setNote(backupNote());
    }
    const int wanted = m_timeline->rowOf(m_wantedSnapshot);
    m_wantedSnapshot.clear();
    m_timelineView->selectRow(wanted >= 0 ? wanted : 0);
    updateActions();
}

bool RestoreView::selectSnapshot(const QString &name)
{
    const int row = m_timeline->rowOf(name);
    if (row < 0) {
        return false;
    }
    m_timelineView->selectRow(row);
    return true;
}

void RestoreView::handleSnapshotSelected()
{
    const QModelIndex current = m_timelineView->selectionModel()->currentIndex();
    if (!current.isValid()) {
        return;
    }
    const Restore::SnapshotEntry entry = m_timeline->snapshot(current.row());
    if (!m_browser.source().isMounted()) {
        const std::optional<Api::BrowseLease> &lease = m_backup.lease();
        if (lease && lease->snapshot == entry.name) {
            m_browser.setSnapshot(BackupBrowser::entryOf(*lease, entry.created));
            navigate();
            return;
        }
        m_browser.clearSnapshot();
        m_directory->setDirectory({});
        m_location->setText({});
        // Browsing already: the daemon mounts the newly chosen snapshot instead.
        if (lease || m_backup.isBrowsePending()) {
            browseBackup();
        }
        updateFolderStatus();
        updateActions();
        return;
    }
    m_browser.setSnapshot(entry);
    navigate();
}

void RestoreView::browseBackup()
{
    const QModelIndex current = m_timelineView->selectionModel()->currentIndex();
    const RestoreSource &source = m_browser.source();
    if (!current.isValid() || source.isMounted() || source.dataset.isEmpty()) {
        return;
    }
    const Restore::SnapshotEntry entry = m_timeline->snapshot(current.row());
    setNote(tr("Asking the daemon to mount %1@%2 for you…").arg(source.dataset, entry.name));
    m_backup.browse(source.dataset, entry.name);
    updateActions();
}

void RestoreView::handleLeaseChanged()
{
    const std::optional<Api::BrowseLease> &lease = m_backup.lease();
    if (lease && lease->filesystem == m_browser.source().dataset) {
        const int row = m_timeline->rowOf(lease->snapshot);
        m_browser.setSnapshot(BackupBrowser::entryOf(*lease, m_timeline->snapshot(row).created));
        setNote(tr("%1@%2 is mounted read-only for you until you leave it.").arg(lease->filesystem, lease->snapshot));
        if (row >= 0 && m_timelineView->currentIndex().row() != row) {
            m_timelineView->selectRow(row);  // handleSnapshotSelected() finds the lease and navigates
        } else {
            navigate();
        }
        return;
    }
    if (!m_browser.source().isMounted() && m_browser.hasSnapshot()) {
        m_browser.clearSnapshot();
        m_directory->setDirectory({});
        m_location->setText({});
        setNote(backupNote());
        updateFolderStatus();
    }
    updateActions();
}

QString RestoreView::backupNote() const
{
    return tr("%1 is a backup that is not mounted. Choose a snapshot and Browse the Backup: the daemon mounts it "
              "read-only for you while you look.")
        .arg(m_browser.source().dataset);
}

void RestoreView::navigate()
{
    m_selectAfterListing.clear();
    m_directory->setDirectory(m_browser.folderPath());
    const Restore::SnapshotEntry &snapshot = m_browser.snapshot();
    m_location->setText(
        m_browser.hasSnapshot()
            ? tr("%1, as it was on %2").arg(m_browser.displayFolder(), Format::dateTime(snapshot.created))
            : QString());
    updateFolderStatus();
    updateActions();
}

void RestoreView::activate(const QModelIndex &index)
{
    const Restore::DirectoryEntry entry = m_directory->entry(index.row());
    if (entry.state.type == Type::Directory) {
        if (m_browser.enter(entry.name)) {
            navigate();
            m_directoryView->setFocus();
        }
        return;
    }
    // A file: what it was and is, where it can be looked up; a backup's can only be restored.
    if (m_browser.source().isMounted()) {
        showHistory();
    } else {
        restoreCurrent();
    }
}

void RestoreView::goUp()
{
    const QString folder = m_browser.relativeFolder();
    if (!m_browser.up()) {
        return;
    }
    navigate();
    m_selectAfterListing = folder.mid(folder.lastIndexOf(u'/') + 1);
    m_directoryView->setFocus();
}

bool RestoreView::selectEntry(const QString &name)
{
    const int row = m_directory->rowOf(name);
    if (row < 0) {
        return false;
    }
    m_directoryView->selectionModel()->setCurrentIndex(m_directory->index(row, 0),
                                                       QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_directoryView->scrollTo(m_directory->index(row, 0));
    return true;
}

void RestoreView::handleRowsArrived()
{
    if (!m_selectAfterListing.isEmpty()) {
        if (selectEntry(m_selectAfterListing)) {
            m_selectAfterListing.clear();
        }
    } else if (!m_directoryView->currentIndex().isValid() && m_directory->rowCount() > 0) {
        // Something to act on at once from the keyboard.
        selectEntry(m_directory->entry(0).name);
    }
    updateFolderStatus();
}

void RestoreView::handleFolderListed(const QString &error)
{
    Q_UNUSED(error)
    if (!m_selectAfterListing.isEmpty()) {
        m_selectAfterListing.clear();
        if (!m_directoryView->currentIndex().isValid() && m_directory->rowCount() > 0) {
            selectEntry(m_directory->entry(0).name);
        }
    }
    updateFolderStatus();
    updateActions();
}

void RestoreView::updateFolderStatus()
{
    const int rows = m_directory->rowCount();
    QString text;
    bool error = false;
    if (!m_browser.hasSnapshot()) {
        text.clear();
    } else if (m_directory->isLoading()) {
        text = rows == 0 ? tr("Listing…") : tr("Listing… %1 so far").arg(items(rows));
    } else if (!m_directory->error().isEmpty()) {
        text = m_directory->error();
        error = true;
    } else {
        text = rows == 0 ? tr("Empty folder") : items(rows);
    }
    ActionWidgets::setMessage(m_folderStatus, text, error);
}

int RestoreView::currentRow() const
{
    const QModelIndex index = m_directoryView->selectionModel()->currentIndex();
    return index.isValid() ? index.row() : -1;
}

void RestoreView::updateActions()
{
    const RestoreSource &source = m_browser.source();
    const Restore::DirectoryEntry entry = m_directory->entry(currentRow());
    const bool browsing = m_browser.hasSnapshot();
    const Type type = entry.state.type;
    QString historyWhy;
    QString openWhy;
    QString compareWhy;
    QString restoreWhy;
    if (!browsing || !entry.state.exists()) {
        historyWhy = openWhy = compareWhy = restoreWhy = tr("Choose a file or folder in a snapshot first");
    } else {
        if (!source.isMounted()) {
            historyWhy = compareWhy = tr("A backup that is not mounted has no current version to compare with");
        }
        if (type != Type::File && type != Type::Directory) {
            openWhy = tr("Only files and folders can be opened");
        }
        if (compareWhy.isEmpty() && type != Type::File) {
            compareWhy = tr("Only files are compared");
        }
        if (type == Type::Other) {
            restoreWhy = tr("Special files (devices, pipes, sockets) cannot be restored");
        }
    }
    const auto apply = [](QAction *action, const QString &why, const QString &tip) {
        action->setEnabled(why.isEmpty());
        action->setToolTip(why.isEmpty() ? tip : why);
    };
    const auto keys = [](const QAction *action) {
        return action->shortcut().toString(QKeySequence::NativeText);
    };
    apply(m_history,
          historyWhy,
          tr("Every version of this in the snapshots, to open, compare or restore (%1)").arg(keys(m_history)));
    apply(m_open, openWhy, tr("Open a read-only copy of it as it was then (%1)").arg(keys(m_open)));
    apply(m_compare, compareWhy, tr("Show what changed between then and the current file (%1)").arg(keys(m_compare)));
    apply(m_restore, restoreWhy, tr("Restore it: you choose how before anything changes (%1)").arg(keys(m_restore)));
    m_up->setEnabled(browsing && m_browser.canGoUp());
    m_up->setToolTip(tr("The folder above (Backspace, Alt+Up)"));

    const bool backup = !source.dataset.isEmpty() && !source.isMounted();
    m_browseBackup->setVisible(backup);
    m_browseButton->setVisible(backup);
    QString browseWhy;
    const QModelIndex snapshot = m_timelineView->selectionModel()->currentIndex();
    if (m_backup.support() == EndpointSupport::Unsupported) {
        browseWhy = BackupBrowser::unsupportedMessage();
    } else if (!m_connected) {
        browseWhy = tr("The daemon does not answer");
    } else if (m_readOnly) {
        browseWhy = BackupBrowser::needsAdmin();
    } else if (!snapshot.isValid()) {
        browseWhy = tr("Choose a snapshot first");
    } else if (m_backup.isBrowsePending()) {
        browseWhy = tr("The daemon is mounting it…");
    } else if (m_backup.lease() && m_backup.lease()->snapshot == m_timeline->snapshot(snapshot.row()).name) {
        browseWhy = tr("This snapshot is mounted for you already");
    }
    apply(m_browseBackup,
          browseWhy,
          tr("Ask the daemon to mount this snapshot read-only for you to browse (%1)").arg(keys(m_browseBackup)));
}

void RestoreView::setNote(const QString &text, bool error)
{
    ActionWidgets::setMessage(m_note, text, error);
    m_note->setVisible(!text.isEmpty());
}

QString RestoreView::noteText() const
{
    return m_note->text();
}

QString RestoreView::folderStatusText() const
{
    return m_folderStatus->text();
}

void RestoreView::showHistory()
{
    const Restore::DirectoryEntry entry = m_directory->entry(currentRow());
    if (!m_history->isEnabled() || !entry.state.exists()) {
        return;
    }
    auto *dialog = new FileHistoryDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &FileHistoryDialog::restored, this, [this] { navigate(); });
    dialog->showHistoryOf(m_browser.livePath(entry.name), m_browser.relativePath(entry.name), m_timeline->snapshots());
    dialog->show();
}

void RestoreView::openCurrent()
{
    const Restore::DirectoryEntry entry = m_directory->entry(currentRow());
    if (!m_open->isEnabled() || !entry.state.exists()) {
        return;
    }
    m_opener.open(m_browser.snapshotPath(entry.name), m_browser.snapshot().created);
}

void RestoreView::compareCurrent()
{
    const Restore::DirectoryEntry entry = m_directory->entry(currentRow());
    if (!m_compare->isEnabled() || !entry.state.exists()) {
        return;
    }
    auto *diff = new DiffView(
        m_browser.snapshotPath(entry.name), m_browser.snapshot().created, m_browser.livePath(entry.name), this);
    diff->setAttribute(Qt::WA_DeleteOnClose);
    diff->show();
}

void RestoreView::restoreCurrent()
{
    const Restore::DirectoryEntry entry = m_directory->entry(currentRow());
    if (!m_restore->isEnabled() || !entry.state.exists()) {
        return;
    }
    auto *dialog = new RestoreDialog({m_browser.snapshotPath(entry.name),
                                      m_browser.livePath(entry.name),
                                      m_browser.snapshot().created,
                                      m_browser.snapshot().name},
                                     this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RestoreDialog::restored, this, [this](const Restore::RestoreResult &result) {
        Q_EMIT message(result.summary());
    });
    dialog->open();
}

}  // namespace Gui
