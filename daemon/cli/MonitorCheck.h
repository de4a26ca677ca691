// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>
#include <QStringList>

#include <chrono>
#include <optional>

#include "shared/control/Freshness.h"

namespace Daemon {

// `holdfast monitor`: a Nagios/Icinga check over the daemon's freshness report, following the monitoring-plugins
// guidelines: exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN; one line "HOLDFAST <STATE> - <text> | <perfdata>".
// Without --warn/--crit each job's health is the daemon's (its thresholds, README "Is my data safe?"); with them
// the ages are judged against the given thresholds instead.
class MonitorCheck
{
    Q_DECLARE_TR_FUNCTIONS(Daemon::MonitorCheck)

public:
    struct Options
    {
        QStringList jobs;  // empty: every job
        std::optional<std::chrono::seconds> warn;
        std::optional<std::chrono::seconds> crit;
    };

    struct Result
    {
        int exitCode = 3;
        QString line;
    };

    // Ages are taken at `now` (the daemon's clock too: the control socket is local).
    static Result evaluate(const Api::FreshnessReport &report, const Options &options, const Api::Timestamp &now);
    static Result unknown(const QString &why);

    // The age a job's health is judged by for one filesystem (a snap job's newest snapshot, a receiver's last
    // receive, a sender's newest replica); nullopt when there is none.
    static std::optional<std::chrono::seconds> ageOf(const Api::JobFreshness &job, const Api::FilesystemFreshness &fs,
                                                     const Api::Timestamp &now);
};

}  // namespace Daemon
