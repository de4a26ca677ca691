// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QPointer>

#include "app/core/ConfigActions.h"
#include "app/core/ConfigSession.h"

class QAction;
class QWidget;

namespace Gui {

class ConfigEditorDialog;
class EditJobDialog;
class NewBackupWizard;
class StatusPoller;

// The window's configuration actions: New Backup…, Edit Job…, Remove Job… and Advanced…, enabled as
// ConfigActions decides (greyed out with the reason as tooltip for read-only users), and the dialogs they open.
// It owns the configuration session, which it reads when the daemon connects and after every change.
class BackupSetupController final : public QObject
{
    Q_OBJECT

public:
    BackupSetupController(StatusPoller &poller, QWidget *window);

    QAction *newBackupAction() const
    {
        return m_newBackup;
    }

    QAction *editJobAction() const
    {
        return m_editJob;
    }

    QAction *removeJobAction() const
    {
        return m_removeJob;
    }

    QAction *advancedAction() const
    {
        return m_advanced;
    }

    ConfigSession &session()
    {
        return m_session;
    }

    const ConfigActionState &state() const
    {
        return m_state;
    }

    void setSelectedJob(const QString &job);
    // Another daemon: what was read from the one before is gone.
    void forget();

    NewBackupWizard *openNewBackup();
    EditJobDialog *openEditJob();
    ConfigEditorDialog *openAdvanced();
    // Asks first (what happens to snapshots, holds and cursors), then removes the selected job.
    void removeJob();
    // The dialogs open now (for tests and the end-to-end screenshots).
    NewBackupWizard *wizard() const;
    EditJobDialog *editDialog() const;
    ConfigEditorDialog *editorDialog() const;

Q_SIGNALS:
    // What a change did, in words for the status bar.
    void message(const QString &text);

private:
    void update();
    void handleConnection();
    void confirmRemoval(const QString &job);
    void handleApplied(const Api::ReloadReport &report);
    void handleApplyFailed(const ConfigFailure &failure);

    StatusPoller &m_poller;
    QWidget *m_window;
    ConfigSession m_session;
    QString m_selectedJob;
    ConfigActionState m_state;
    QAction *m_newBackup = nullptr;
    QAction *m_editJob = nullptr;
    QAction *m_removeJob = nullptr;
    QAction *m_advanced = nullptr;
    QPointer<NewBackupWizard> m_wizard;
    QPointer<EditJobDialog> m_editDialog;
    QPointer<ConfigEditorDialog> m_editorDialog;
    QString m_removing;  // the job whose removal is being applied
    bool m_connected = false;
};

}  // namespace Gui
