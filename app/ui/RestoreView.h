// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

#include <QWidget>

#include "app/core/BackupBrowser.h"
#include "app/core/SnapshotBrowser.h"
#include "app/core/SnapshotListLoader.h"
#include "app/core/VersionOpener.h"
#include "shared/control/Freshness.h"

class QAction;
class QComboBox;
class QLabel;
class QTableView;

namespace Gui {

class ElidedLabel;
class RestoreSourceModel;
class SnapshotDirectoryModel;
class SnapshotTimelineModel;

// The Restore view of the main window: pick a filesystem (the mounted ZFS filesystems the user can read and the
// daemon's jobs' filesystems), see its snapshots on a timeline, and browse any snapshot's tree as the desktop user
// through .zfs/snapshot/<name>/ (the kernel enforces the files' permissions; nothing here needs root). A file or
// folder there can be opened read-only, compared with the current file, shown with all its versions, or restored.
// Filesystems that are not mounted (backups received by sink and pull jobs) are browsed through the daemon, which
// mounts one snapshot under a lease (BackupBrowser). Folders are listed off the GUI thread, batch by batch.
class RestoreView final : public QWidget
{
    Q_OBJECT

public:
    explicit RestoreView(Api::ControlClient &client, QWidget *parent = nullptr);
    ~RestoreView() override;

    // The daemon's jobs and their filesystems; null: none known (zrepl, or no report yet).
    void setFreshness(const Api::FreshnessReport *report);
    // From the poller: whether the daemon answers and lets this user change things (mount a backup).
    void setConnection(bool connected, bool readOnly);
    void setNow(const QDateTime &now);
    // Reads the mount table again, lists the snapshots and the folder anew.
    void refresh();
    // For tests: the `zfs list` that gives snapshot times and holds.
    void setSnapshotQuery(Restore::ZfsSnapshotQuery query);

    // Chooses a filesystem by dataset; false when it is not offered.
    bool selectSource(const QString &dataset);
    // Chooses a snapshot of the listed ones; false when it is not there.
    bool selectSnapshot(const QString &name);
    // Selects the entry `name` of the folder shown (once it has arrived); false when it has not.
    bool selectEntry(const QString &name);

    // The line that says what the view shows or why it shows nothing.
    QString noteText() const;
    // The folder line's "12 items", "Listing…", or why the folder cannot be listed.
    QString folderStatusText() const;

    RestoreSourceModel *sourceModel() const
    {
        return m_sources;
    }

    SnapshotTimelineModel *timelineModel() const
    {
        return m_timeline;
    }

    SnapshotDirectoryModel *directoryModel() const
    {
        return m_directory;
    }

    const SnapshotBrowser &browser() const
    {
        return m_browser;
    }

    BackupBrowser &backupBrowser()
    {
        return m_backup;
    }

    VersionOpener &opener()
    {
        return m_opener;
    }

    QAction *upAction() const
    {
        return m_up;
    }

    QAction *historyAction() const
    {
        return m_history;
    }

    QAction *openAction() const
    {
        return m_open;
    }

    QAction *compareAction() const
    {
        return m_compare;
    }

    QAction *restoreAction() const
    {
        return m_restore;
    }

    QAction *browseBackupAction() const
    {
        return m_browseBackup;
    }

Q_SIGNALS:
    // Something to say in the window's status bar ("Restored … as …").
    void message(const QString &text);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void createActions();
    void createLayout();
    void reloadSources();
    void handleSourceChanged(int row);
    void
    handleSnapshotsListed(const QString &dataset, const QList<Restore::SnapshotEntry> &snapshots, const QString &error);
    void handleSnapshotSelected();
    void handleLeaseChanged();
    void browseBackup();
    void navigate();
    void activate(const QModelIndex &index);
    void goUp();
    void handleRowsArrived();
    void handleFolderListed(const QString &error);
    void updateFolderStatus();
    void updateActions();
    void setNote(const QString &text, bool error = false);
    QString backupNote() const;
    void showHistory();
    void openCurrent();
    void compareCurrent();
    void restoreCurrent();
    int currentRow() const;

    RestoreSourceModel *m_sources = nullptr;
    SnapshotTimelineModel *m_timeline = nullptr;
    SnapshotDirectoryModel *m_directory = nullptr;
    SnapshotBrowser m_browser;
    SnapshotListLoader m_listLoader;
    BackupBrowser m_backup;
    VersionOpener m_opener;
    std::optional<Api::FreshnessReport> m_freshness;
    QStringList m_jobFilesystems;  // "job\ttype\tfilesystem" of m_freshness: what the sources depend on
    bool m_sourcesDirty = false;
    bool m_shownOnce = false;
    bool m_connected = false;
    bool m_readOnly = false;
    QString m_selectAfterListing;  // the folder Up came from, selected once it arrives
    QString m_wantedSnapshot;      // kept across a new listing of the same filesystem
    bool m_forceReload = false;    // refresh(): list the same filesystem anew

    QComboBox *m_sourceBox = nullptr;
    QWidget *m_browseButton = nullptr;
    QLabel *m_note = nullptr;
    QLabel *m_timelineSummary = nullptr;
    QTableView *m_timelineView = nullptr;
    ElidedLabel *m_location = nullptr;
    QTableView *m_directoryView = nullptr;
    QLabel *m_folderStatus = nullptr;
    QAction *m_up = nullptr;
    QAction *m_history = nullptr;
    QAction *m_open = nullptr;
    QAction *m_compare = nullptr;
    QAction *m_restore = nullptr;
    QAction *m_browseBackup = nullptr;
};

}  // namespace Gui
