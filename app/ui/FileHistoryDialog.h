// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

#include "app/core/FileHistoryLoader.h"
#include "app/core/VersionOpener.h"

class QAction;
class QLabel;
class QPushButton;
class QTreeView;

namespace Gui {

class ElidedLabel;
class FileHistoryModel;

// The versions of one file or folder across its filesystem's snapshots (FileHistoryModel), newest first, led by
// what the user asks ("3 versions · last changed 2 d ago"). A version can be opened read-only (VersionOpener),
// compared with the current file (DiffView) and restored (RestoreDialog). The lookup runs off the GUI thread and
// stops when the window closes. `holdfast-gui --versions PATH` shows just this window.
class FileHistoryDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit FileHistoryDialog(QWidget *parent = nullptr);
    ~FileHistoryDialog() override;

    // Finds the filesystem and the snapshots of `path` itself.
    void showHistoryOf(const QString &path);
    // Over snapshots listed already (the Restore view's).
    void
    showHistoryOf(const QString &livePath, const QString &relativePath, const QList<Restore::SnapshotEntry> &snapshots);

    FileHistoryModel *model() const
    {
        return m_model;
    }

    FileHistoryLoader &loader()
    {
        return m_loader;
    }

    VersionOpener &opener()
    {
        return m_opener;
    }

    QTreeView *view() const
    {
        return m_view;
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

    bool isLoading() const
    {
        return m_loader.isLoading();
    }

    // "3 versions · last changed 2 d ago", or why there is no history.
    QString summary() const;

    // Selects the version row `version` (for tests and after loading).
    void selectVersion(int version);

Q_SIGNALS:
    // A lookup ended (with a history or an error).
    void loaded();
    // A version was restored: the Restore view lists its folder anew.
    void restored(const QString &target);

public Q_SLOTS:
    void done(int result) override;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void startLoading(const QString &path);
    void showResult(const FileHistoryResult &result);
    void updateActions();
    void openSelected();
    void compareSelected();
    void restoreSelected();
    QModelIndex selected() const;

    FileHistoryLoader m_loader;
    VersionOpener m_opener;
    FileHistoryModel *m_model = nullptr;
    QString m_path;  // as given; what "reload" looks up again
    QString m_relativePath;
    QList<Restore::SnapshotEntry> m_snapshots;  // for a reload over the same snapshots; empty: look them up
    QLabel *m_title = nullptr;
    ElidedLabel *m_pathLabel = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_status = nullptr;
    QTreeView *m_view = nullptr;
    QAction *m_open = nullptr;
    QAction *m_compare = nullptr;
    QAction *m_restore = nullptr;
};

}  // namespace Gui
