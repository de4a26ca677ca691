// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>

#include "daemon/config/Config.h"
#include "shared/control/ConfigApi.h"

namespace Daemon {

// What a new configuration changes against what the daemon runs: the jobs by name (compared by their settings,
// not by where they stand in the file, so that moving a job or editing a comment restarts nothing), and the global
// settings, split into those the daemon takes while it runs and those that wait for its next start.
class ReloadPlan
{
public:
    // `runningJobs`: the settings each job object runs with now (a job whose restart is pending still runs its old
    // ones); `runningGlobal`: the global settings in effect.
    static Api::ReloadChanges plan(const QList<Config::Job> &runningJobs, const Config::Global &runningGlobal,
                                   const Config::Root &next);

    // Whether two job configurations run the same job: every setting equal, positions in the file ignored.
    static bool sameJob(const Config::Job &a, const Config::Job &b);

    // The global settings that differ, by YAML path, split as in ReloadChanges.
    static void globalChanges(const Config::Global &running, const Config::Global &next, QStringList *applied,
                              QStringList *needsRestart);
};

}  // namespace Daemon
