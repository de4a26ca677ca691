// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>
#include <QString>

#include <chrono>
#include <optional>

#include "shared/control/ControlClient.h"
#include "shared/control/Freshness.h"

namespace Daemon {

// `holdfast signal wakeup JOB --wait`: wakes a push or pull job up and waits for the run that wakeup started.
// Against Holdfast the run is known by its number (/holdfast/v1/wakeup, /holdfast/v1/runs). Against zrepl,
// which has neither, it sends zrepl's wakeup and watches /status for a replication that started after the
// wakeup and has pruned both sides: that is exact for one run, but a run another trigger started in the same
// second cannot be told from ours.
class RunWaiter
{
    Q_DECLARE_TR_FUNCTIONS(Daemon::RunWaiter)

public:
    enum ExitCode
    {
        Succeeded = 0,
        Failed = 1,
        TimedOut = 124,  // as timeout(1)
    };

    struct Outcome
    {
        int exitCode = Failed;
        QString message;  // what the user reads: the run's error, or how it ended
    };

    RunWaiter(Api::ControlClient &client, QString job, std::chrono::milliseconds timeout);

    Outcome run();
    // How often the runs are asked for: cheap answers, so a run's end is seen within this.
    static constexpr std::chrono::milliseconds PollInterval{200};

private:
    Outcome runHoldfast();
    Outcome runZrepl();
    // The next answer of GET path, after waiting PollInterval; nullopt with *outcome set once the deadline passed
    // or the daemon failed.
    std::optional<Api::ControlClient::Reply> poll(const QByteArray &path, Outcome *outcome);
    bool expired() const;
    // The job's runs at the next poll; nullopt with *outcome set when waiting must end.
    std::optional<Api::RunInfo> pollRun(Outcome *outcome);

    Api::ControlClient &m_client;
    QString m_job;
    std::chrono::milliseconds m_timeout;
    std::chrono::steady_clock::time_point m_deadline;
};

}  // namespace Daemon
