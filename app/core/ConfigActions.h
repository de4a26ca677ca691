// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

#include <QCoreApplication>
#include <QString>

#include "app/core/ConfigClient.h"

namespace Gui {

// Whether New backup…, Edit job…, Remove job… and Advanced… may be offered, and what their tooltips say: what
// they will change when enabled, why not when greyed out.
struct ConfigActionState
{
    bool newBackup = false;
    bool editJob = false;
    bool removeJob = false;
    bool advanced = false;
    QString newBackupTip;
    QString editJobTip;
    QString removeJobTip;
    QString advancedTip;
    // Why nothing can be changed, for a line in the window; empty when everything can.
    QString readOnlyReason;

    bool operator==(const ConfigActionState &) const = default;
};

// What the configuration actions depend on.
struct ConfigActionInput
{
    bool connected = false;
    bool readOnlyAccess = false;                    // the daemon said this user may read only (its access header)
    const Api::ConfigDocument *document = nullptr;  // null: not read (yet)
    const ConfigFailure *loadFailure = nullptr;     // why it could not be read, if it could not
    bool loading = false;
    bool applying = false;
    QString selectedJob;  // "" when none
};

// The one place that decides it, so that the menus, the toolbar, the tray and the dialogs agree and tests reach it.
class ConfigActions
{
    Q_DECLARE_TR_FUNCTIONS(Gui::ConfigActions)

public:
    static ConfigActionState compute(const ConfigActionInput &input);
};

}  // namespace Gui
