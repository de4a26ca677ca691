// SPDX-License-Identifier: MIT
#pragma once

#include <QMenu>
#include <QObject>
#include <QSystemTrayIcon>

#include "app/core/TrayState.h"

namespace Gui {

// The tray icon: its picture and tooltip follow TrayStates::compute(); its menu opens the window and wakes jobs up.
class TrayController final : public QObject
{
    Q_OBJECT

public:
    explicit TrayController(QObject *parent = nullptr);

    void show();
    void update(const QList<JobSummary> &jobs, ConnectionState connection, const QString &reason);
    // The daemon lets this user watch but not send signals: the wake-up entries stay, greyed out, saying why.
    void setReadOnly(bool readOnly);
    void showMessage(const QString &title, const QString &body, QSystemTrayIcon::MessageIcon icon);
    const TrayState &state() const { return m_state; }
    // An entry of the window's (New Backup…) under Restore…: the same action, enabled and explained alike.
    void addWindowAction(QAction *action);
    QMenu *menu() { return &m_menu; }

Q_SIGNALS:
    void openRequested();
    // "Restore…": the window on its Restore view.
    void restoreRequested();
    void wakeupRequested(const QString &job);
    void quitRequested();

private:
    void rebuildJobMenu(const QList<JobSummary> &jobs);
    void updateWakeupEntries();

    QSystemTrayIcon m_icon;
    QMenu m_menu;
    QMenu *m_jobsMenu = nullptr;
    QAction *m_restore = nullptr;
    QAction *m_wakeupAll = nullptr;
    TrayState m_state;
    QStringList m_jobNames;
    QStringList m_pausedJobs;  // said in their wake-up entries
    bool m_readOnly = false;
};

}  // namespace Gui
