// SPDX-License-Identifier: MIT
#include "app/ui/SettingsDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Gui {

SettingsDialog::SettingsDialog(const AppSettings &settings, QWidget *parent)
    : QDialog(parent)
    , m_initial(settings)
{
    setWindowTitle(tr("Holdfast Settings"));
    setObjectName(u"SettingsDialog"_s);

    auto *connection = new QGroupBox(tr("Daemon"));
    auto *connectionForm = new QFormLayout(connection);
    m_socketPath = new QLineEdit(settings.socketPath);
    m_socketPath->setObjectName(u"socketPath"_s);
    m_socketPath->setPlaceholderText(AppSettings::defaultSocketPath());
    m_socketPath->setToolTip(tr("The daemon's control socket (global.control.sockpath in its configuration)"));
    connectionForm->addRow(tr("Control &socket:"), m_socketPath);
    m_interval = new QSpinBox;
    m_interval->setObjectName(u"pollInterval"_s);
    m_interval->setRange(200, 60000);
    m_interval->setSingleStep(250);
    m_interval->setSuffix(tr(" ms"));
    m_interval->setValue(int(settings.pollInterval.count()));
    connectionForm->addRow(tr("&Refresh every:"), m_interval);

    auto *window = new QGroupBox(tr("Window"));
    auto *windowLayout = new QVBoxLayout(window);
    m_minimizeToTray = new QCheckBox(tr("&Closing the window keeps Holdfast in the system tray"));
    m_minimizeToTray->setChecked(settings.minimizeToTray);
    m_startMinimized = new QCheckBox(tr("Start &minimized to the tray"));
    m_startMinimized->setChecked(settings.startMinimized);
    m_autostart = new QCheckBox(tr("Start Holdfast when I &log in"));
    m_autostart->setChecked(settings.autostart);
    windowLayout->addWidget(m_minimizeToTray);
    windowLayout->addWidget(m_startMinimized);
    windowLayout->addWidget(m_autostart);

    auto *notifications = new QGroupBox(tr("Notify me when"));
    auto *notificationLayout = new QFormLayout(notifications);
    m_failures = new QCheckBox(tr("a job &fails (replication, snapshots or pruning)"));
    m_failures->setChecked(settings.notifications.failures);
    m_recoveries = new QCheckBox(tr("a replication completes a&gain after a failure"));
    m_recoveries->setChecked(settings.notifications.recoveries);
    m_stale = new QCheckBox(tr("backups fall behind (with zrepl: the newest snapshot is older than)"));
    m_stale->setChecked(settings.notifications.stale);
    // Holdfast's daemon judges freshness with the job's thresholds; only zrepl's, which judges none, needs a limit.
    m_stale->setToolTip(tr("Holdfast's daemon says when a job's backups are stale, by the thresholds in its "
                           "configuration. zrepl's daemon does not, so against zrepl the newest snapshot's age is "
                           "compared with this limit."));
    m_staleHours = new QSpinBox;
    m_staleHours->setRange(1, 24 * 365);
    m_staleHours->setSuffix(tr(" h", "hours"));
    m_staleHours->setValue(int(std::chrono::duration_cast<std::chrono::hours>(settings.notifications.staleAfter).count()));
    m_staleHours->setEnabled(m_stale->isChecked());
    m_staleHours->setToolTip(m_stale->toolTip());
    connect(m_stale, &QCheckBox::toggled, m_staleHours, &QWidget::setEnabled);
    m_unreachable = new QCheckBox(tr("the &daemon cannot be reached"));
    m_unreachable->setChecked(settings.notifications.unreachable);
    notificationLayout->addRow(m_failures);
    notificationLayout->addRow(m_recoveries);
    notificationLayout->addRow(m_stale, m_staleHours);
    notificationLayout->addRow(m_unreachable);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this, [this] {
        const AppSettings defaults;
        m_socketPath->setText(defaults.socketPath);
        m_interval->setValue(int(defaults.pollInterval.count()));
        m_minimizeToTray->setChecked(defaults.minimizeToTray);
        m_startMinimized->setChecked(defaults.startMinimized);
        m_autostart->setChecked(defaults.autostart);
        m_failures->setChecked(defaults.notifications.failures);
        m_recoveries->setChecked(defaults.notifications.recoveries);
        m_stale->setChecked(defaults.notifications.stale);
        m_staleHours->setValue(int(std::chrono::duration_cast<std::chrono::hours>(defaults.notifications.staleAfter).count()));
        m_unreachable->setChecked(defaults.notifications.unreachable);
    });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(connection);
    layout->addWidget(window);
    layout->addWidget(notifications);
    layout->addWidget(buttons);
}

AppSettings SettingsDialog::settings() const
{
    AppSettings s = m_initial;
    s.socketPath = m_socketPath->text().trimmed().isEmpty() ? AppSettings::defaultSocketPath() : m_socketPath->text().trimmed();
    s.pollInterval = std::chrono::milliseconds(m_interval->value());
    s.minimizeToTray = m_minimizeToTray->isChecked();
    s.startMinimized = m_startMinimized->isChecked();
    s.autostart = m_autostart->isChecked();
    s.notifications.failures = m_failures->isChecked();
    s.notifications.recoveries = m_recoveries->isChecked();
    s.notifications.stale = m_stale->isChecked();
    s.notifications.staleAfter = std::chrono::hours(m_staleHours->value());
    s.notifications.unreachable = m_unreachable->isChecked();
    return s;
}

}  // namespace Gui
