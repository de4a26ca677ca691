// SPDX-License-Identifier: MIT
#include "daemon/health/HealthPolicy.h"

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace Health {

namespace {

constexpr std::chrono::seconds NoCadenceWarning = 25h;
constexpr std::chrono::seconds NoCadenceCritical = 49h;
constexpr std::chrono::seconds CriticalFloor = 24h;

std::chrono::seconds seconds(Config::Duration d)
{
    return std::chrono::duration_cast<std::chrono::seconds>(d);
}

}  // namespace

Thresholds HealthPolicy::thresholdsFor(const Config::Job &job)
{
    Thresholds t;
    if (job.snapshotting.type == Config::Snapshotting::Type::Periodic && job.type != Config::JobType::Sink
        && job.type != Config::JobType::Pull) {
        t.snapshotInterval = seconds(job.snapshotting.interval);
    }
    if (job.type == Config::JobType::Pull && !job.intervalManual && job.interval > Config::Duration{0}) {
        t.cadence = seconds(job.interval);
    } else {
        t.cadence = t.snapshotInterval;
    }
    if (t.cadence > 0s) {
        t.warningAfter = 3 * t.cadence;
        t.criticalAfter = std::max(CriticalFloor, 2 * t.warningAfter);
    } else {
        t.warningAfter = NoCadenceWarning;
        t.criticalAfter = NoCadenceCritical;
    }
    if (job.health.warningAfter) {
        t.warningAfter = std::max(1s, seconds(*job.health.warningAfter));
        if (!job.health.criticalAfter) {
            t.criticalAfter = std::max(CriticalFloor, 2 * t.warningAfter);
        }
    }
    if (job.health.criticalAfter) {
        t.criticalAfter = std::max(1s, seconds(*job.health.criticalAfter));
        t.warningAfter = std::min(t.warningAfter, t.criticalAfter);
    }
    return t;
}

Api::Health HealthPolicy::forAge(std::chrono::seconds age, const Thresholds &thresholds)
{
    if (age >= thresholds.criticalAfter) {
        return Api::Health::Critical;
    }
    if (age >= thresholds.warningAfter) {
        return Api::Health::Warning;
    }
    return Api::Health::Ok;
}

QString HealthPolicy::describeAge(std::chrono::seconds age)
{
    const qint64 s = std::max<qint64>(0, age.count());
    if (s < 60) {
        return u"%1 s"_s.arg(s);
    }
    const qint64 minutes = s / 60;
    if (minutes < 60) {
        return u"%1 min"_s.arg(minutes);
    }
    const qint64 hours = minutes / 60;
    if (hours < 48) {
        return minutes % 60 ? u"%1 h %2 min"_s.arg(hours).arg(minutes % 60) : u"%1 h"_s.arg(hours);
    }
    return hours % 24 ? u"%1 d %2 h"_s.arg(hours / 24).arg(hours % 24) : u"%1 d"_s.arg(hours / 24);
}

}  // namespace Health
