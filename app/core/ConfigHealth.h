// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include "shared/control/ConfigApi.h"

namespace Gui {

// What the window says about the daemon's configuration, in the user's terms: whether the last reload failed (and
// the daemon still runs the version before), whether the file was edited but not reloaded, which jobs wait to
// restart, which settings wait for a daemon restart. Nothing when all is as written.
struct ConfigHealth
{
    Q_DECLARE_TR_FUNCTIONS(Gui::ConfigHealth)

public:
    enum class Level
    {
        Fine,
        Info,
        Warning,
    };
    Level level = Level::Fine;
    QString text;     // one or two sentences for the banner
    QString details;  // exact times and positions, for the tooltip

    // From the status feed's configuration state, or from the document read when the feed has none.
    static ConfigHealth of(const Api::ConfigStatus &status, const QDateTime &now);
    static ConfigHealth of(const Api::ConfigDocument &document, const QDateTime &now);
    bool operator==(const ConfigHealth &) const = default;
};

}  // namespace Gui
