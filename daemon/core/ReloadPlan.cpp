// SPDX-License-Identifier: MIT
#include "daemon/core/ReloadPlan.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace Daemon {

namespace {

// Positions only say where a setting was written; a job moved down the file is the same job.
Config::Job withoutPositions(Config::Job job)
{
    job.position = {};
    for (Config::KeepRule &rule : job.keepSender) {
        rule.position = {};
    }
    for (Config::KeepRule &rule : job.keepReceiver) {
        rule.position = {};
    }
    for (Config::KeepRule &rule : job.keep) {
        rule.position = {};
    }
    for (Config::Hook &hook : job.snapshotting.hooks) {
        hook.position = {};
    }
    return job;
}

}  // namespace

bool ReloadPlan::sameJob(const Config::Job &a, const Config::Job &b)
{
    return withoutPositions(a) == withoutPositions(b);
}

void ReloadPlan::globalChanges(const Config::Global &running, const Config::Global &next, QStringList *applied,
                               QStringList *needsRestart)
{
    if (running.logging != next.logging) {
        applied->append(u"global.logging"_s);
    }
    if (running.monitoring != next.monitoring) {
        applied->append(u"global.monitoring"_s);
    }
    if (running.controlStatusGroup != next.controlStatusGroup) {
        applied->append(u"global.control.status_group"_s);
    }
    if (running.controlAdminGroup != next.controlAdminGroup) {
        applied->append(u"global.control.admin_group"_s);
    }
    // Each stdinserver job carries the directory and restarts with it: the change counts as a changed job.
    if (running.stdinserverSockdir != next.stdinserverSockdir) {
        applied->append(u"global.serve.stdinserver.sockdir"_s);
    }
    // Moving the socket under running clients would strand them (and systemd's and the GUI's idea of where the
    // daemon answers); it waits for the next start.
    if (running.controlSockpath != next.controlSockpath) {
        needsRestart->append(u"global.control.sockpath"_s);
    }
}

Api::ReloadChanges ReloadPlan::plan(const QList<Config::Job> &runningJobs, const Config::Global &runningGlobal,
                                    const Config::Root &next)
{
    Api::ReloadChanges changes;
    QSet<QString> nextNames;
    for (const Config::Job &job : next.jobs) {
        nextNames.insert(job.name);
        const auto running = std::find_if(runningJobs.cbegin(), runningJobs.cend(),
                                          [&](const Config::Job &r) { return r.name == job.name; });
        if (running == runningJobs.cend()) {
            changes.added.append(job.name);
        } else if (sameJob(*running, job)) {
            changes.unchanged.append(job.name);
        } else {
            changes.changed.append(job.name);
        }
    }
    for (const Config::Job &job : runningJobs) {
        if (!nextNames.contains(job.name)) {
            changes.removed.append(job.name);
        }
    }
    globalChanges(runningGlobal, next.global, &changes.globalApplied, &changes.globalNeedsRestart);
    return changes;
}

}  // namespace Daemon
