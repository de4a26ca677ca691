// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include "shared/control/ConfigApi.h"
#include "shared/control/JobStatus.h"

namespace Gui {

// What a configuration change does, in the words the dialogs show before and after it.
class ConfigChangeText
{
    Q_DECLARE_TR_FUNCTIONS(Gui::ConfigChangeText)

public:
    // "Adds jobs home_to_usbpool and usbpool_sink. Changes push." ; "Changes nothing the daemon runs."
    static QString changes(const Api::ReloadChanges &changes);
    // How an apply or reload ended: what runs now, what restarts later, or why the daemon kept the old file.
    static QString report(const Api::ReloadReport &report);
    // The first snapshot of a newly added job, from the daemon's status: "first snapshot at 14:03", "first
    // snapshot taken at 14:00"; empty while the status does not tell (the job has not started its snapper yet).
    static QString firstSnapshot(const QString &job, const Api::DaemonStatus &status);
    // "line 12, column 5: jobs[2].snapshotting.interval: …" with the line counted in the text shown, which starts at
    // line `firstLine` of the whole file (1: the whole file is shown).
    static QString problem(const Api::ConfigProblem &problem, int firstLine = 1);
    // "a and b", "a, b and c"
    static QString list(const QStringList &items);
};

}  // namespace Gui
