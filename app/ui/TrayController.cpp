// SPDX-License-Identifier: MIT
#include "app/ui/TrayController.h"

#include "app/core/JobActions.h"

using namespace Qt::StringLiterals;

namespace Gui {

TrayController::TrayController(QObject *parent)
    : QObject(parent)
{
    m_state.icon = TrayState::Icon::Disconnected;
    m_icon.setIcon(QIcon(TrayStates::iconResource(m_state.icon)));
    m_icon.setToolTip(tr("Holdfast"));
    QAction *open = m_menu.addAction(tr("&Open Holdfast"));
    connect(open, &QAction::triggered, this, &TrayController::openRequested);
    QAction *restore = m_menu.addAction(tr("&Restore…"));
    restore->setObjectName(u"trayRestoreAction"_s);
    connect(restore, &QAction::triggered, this, &TrayController::restoreRequested);
    m_restore = restore;
    m_menu.addSeparator();
    m_wakeupAll = m_menu.addAction(tr("Wake Up &All Jobs"));
    connect(m_wakeupAll, &QAction::triggered, this, [this] {
        for (const QString &job : std::as_const(m_jobNames)) {
            Q_EMIT wakeupRequested(job);
        }
    });
    m_jobsMenu = m_menu.addMenu(tr("&Wake Up"));
    // The tooltips say why the entries are greyed out in read-only mode.
    m_menu.setToolTipsVisible(true);
    m_jobsMenu->setToolTipsVisible(true);
    m_menu.addSeparator();
    QAction *quit = m_menu.addAction(tr("&Quit"));
    connect(quit, &QAction::triggered, this, &TrayController::quitRequested);
    m_icon.setContextMenu(&m_menu);
    connect(&m_icon, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick) {
            Q_EMIT openRequested();
        }
    });
    rebuildJobMenu({});
}

void TrayController::addWindowAction(QAction *action)
{
    const QList<QAction *> actions = m_menu.actions();
    const qsizetype after = actions.indexOf(m_restore);
    m_menu.insertAction(after + 1 < actions.size() ? actions.at(after + 1) : nullptr, action);
}

void TrayController::show()
{
    m_icon.show();
}

void TrayController::update(const QList<JobSummary> &jobs, ConnectionState connection, const QString &reason)
{
    const TrayState state = TrayStates::compute(jobs, connection, reason);
    if (state.icon != m_state.icon) {
        m_icon.setIcon(QIcon(TrayStates::iconResource(state.icon)));
    }
    if (state.tooltip != m_state.tooltip) {
        m_icon.setToolTip(state.tooltip);
    }
    m_state = state;
    rebuildJobMenu(connection == ConnectionState::Connected ? jobs : QList<JobSummary>());
}

void TrayController::setReadOnly(bool readOnly)
{
    if (readOnly == m_readOnly) {
        return;
    }
    m_readOnly = readOnly;
    updateWakeupEntries();
}

void TrayController::showMessage(const QString &title, const QString &body, QSystemTrayIcon::MessageIcon icon)
{
    m_icon.showMessage(title, body, icon);
}

void TrayController::rebuildJobMenu(const QList<JobSummary> &jobs)
{
    QStringList names;
    QStringList paused;
    for (const JobSummary &job : jobs) {
        if (JobActions::takesSignals(job.type)) {
            names.append(job.name);
            if (job.paused) {
                paused.append(job.name);
            }
        }
    }
    if (names == m_jobNames && paused == m_pausedJobs && !m_jobsMenu->isEmpty()) {
        return;
    }
    m_jobNames = names;
    m_pausedJobs = paused;
    m_jobsMenu->clear();
    for (const QString &name : std::as_const(m_jobNames)) {
        // Waking up a paused job does not make it replicate: the entry says it is paused.
        QAction *action = m_jobsMenu->addAction(m_pausedJobs.contains(name) ? tr("%1 (paused)").arg(name) : name);
        connect(action, &QAction::triggered, this, [this, name] { Q_EMIT wakeupRequested(name); });
    }
    if (m_jobNames.isEmpty()) {
        m_jobsMenu->addAction(tr("No jobs"))->setEnabled(false);
    }
    m_jobsMenu->setEnabled(!m_jobNames.isEmpty());
    updateWakeupEntries();
}

void TrayController::updateWakeupEntries()
{
    // The submenu stays open in read-only mode, so that its entries can say why they are greyed out.
    // An empty tooltip is none: a menu shows only the ones that say something.
    const QString tip = m_readOnly ? JobActions::wakeupNeedsAdmin() : QString();
    if (!m_jobNames.isEmpty()) {
        for (QAction *action : m_jobsMenu->actions()) {
            action->setEnabled(!m_readOnly);
            action->setToolTip(tip);
        }
    }
    m_wakeupAll->setEnabled(!m_jobNames.isEmpty() && !m_readOnly);
    m_wakeupAll->setToolTip(tip);
}

}  // namespace Gui
