// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

#include "app/ui/AppSettings.h"

class QCheckBox;
class QLineEdit;
class QSpinBox;

namespace Gui {

// Edits AppSettings; the caller saves and applies what settings() returns after accept.
class SettingsDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(const AppSettings &settings, QWidget *parent = nullptr);
    AppSettings settings() const;

private:
    AppSettings m_initial;
    QLineEdit *m_socketPath = nullptr;
    QSpinBox *m_interval = nullptr;
    QCheckBox *m_minimizeToTray = nullptr;
    QCheckBox *m_startMinimized = nullptr;
    QCheckBox *m_autostart = nullptr;
    QCheckBox *m_failures = nullptr;
    QCheckBox *m_recoveries = nullptr;
    QCheckBox *m_stale = nullptr;
    QSpinBox *m_staleHours = nullptr;
    QCheckBox *m_unreachable = nullptr;
};

}  // namespace Gui
