// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <chrono>

#include "daemon/config/Config.h"
#include "shared/control/Freshness.h"

namespace Health {

// When a job's data counts as old. The rule, documented in the README ("Is my data safe?"):
// - a job's cadence is its snapshot interval (push, snap, source with periodic snapshotting) or its pull interval;
// - with a cadence: warning after 3 cadences without a newer replica (two runs missed), critical after
//   max(24 h, twice the warning);
// - without one (manual snapshotting, sink): warning after 25 h (a daily backup one hour late), critical after 49 h;
// - the job's Holdfast-only `health: {warning_after, critical_after}` overrides either; an unset critical is
//   max(24 h, twice the warning), an unset warning is at most the critical.
struct Thresholds
{
    std::chrono::seconds warningAfter{0};
    std::chrono::seconds criticalAfter{0};
    std::chrono::seconds cadence{0};  // 0: none
    std::chrono::seconds snapshotInterval{0};  // 0: the job takes no snapshots on a schedule

    friend bool operator==(const Thresholds &, const Thresholds &) = default;
};

class HealthPolicy
{
public:
    static Thresholds thresholdsFor(const Config::Job &job);

    // The health of data whose newest safe copy is `age` old.
    static Api::Health forAge(std::chrono::seconds age, const Thresholds &thresholds);

    // "12 min", "3 h 5 min", "2 d 4 h": how the daemon words an age in a health reason.
    static QString describeAge(std::chrono::seconds age);
};

}  // namespace Health
