// SPDX-License-Identifier: MIT
#include "daemon/cli/MonitorCheck.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Daemon {

namespace {

const char *stateWord(Api::Health health)
{
    switch (health) {
    case Api::Health::Ok:
        return "OK";
    case Api::Health::Warning:
        return "WARNING";
    case Api::Health::Critical:
        return "CRITICAL";
    case Api::Health::Unknown:
        break;
    }
    return "UNKNOWN";
}

// A perfdata label: quoted, with single quotes doubled (monitoring-plugins guidelines).
QString label(const QString &text)
{
    return u"'"_s + QString(text).replace(u"'"_s, u"''"_s) + u"'"_s;
}

// Nagios's order: CRITICAL > WARNING > UNKNOWN > OK.
Api::Health worst(Api::Health a, Api::Health b)
{
    return Api::worse(a, b);
}

}  // namespace

MonitorCheck::Result MonitorCheck::unknown(const QString &why)
{
    return {3, u"HOLDFAST UNKNOWN - "_s + why};
}

std::optional<std::chrono::seconds> MonitorCheck::ageOf(const Api::JobFreshness &job, const Api::FilesystemFreshness &fs,
                                                        const Api::Timestamp &now)
{
    auto age = [&now](const Api::Timestamp &t) { return std::chrono::seconds(std::max<qint64>(0, now.unixSeconds() - t.unixSeconds())); };
    if (job.type == u"snap") {
        return fs.newestSnapshot ? std::optional(age(fs.newestSnapshot->creation)) : std::nullopt;
    }
    if (job.type == u"sink" && !fs.lastSuccessAt.isZero()) {
        return age(fs.lastSuccessAt);
    }
    return fs.replicatedSnapshot ? std::optional(age(fs.replicatedSnapshot->creation)) : std::nullopt;
}

MonitorCheck::Result MonitorCheck::evaluate(const Api::FreshnessReport &report, const Options &options, const Api::Timestamp &now)
{
    QList<const Api::JobFreshness *> jobs;
    for (const QString &name : options.jobs) {
        const auto it = std::find_if(report.jobs.cbegin(), report.jobs.cend(), [&name](const Api::JobFreshness &j) { return j.job == name; });
        if (it == report.jobs.cend()) {
            return unknown(tr("no job named \"%1\" in the daemon").arg(name));
        }
        jobs.append(&*it);
    }
    if (options.jobs.isEmpty()) {
        for (const Api::JobFreshness &job : report.jobs) {
            jobs.append(&job);
        }
    }
    if (jobs.isEmpty()) {
        return unknown(tr("the daemon has no jobs"));
    }

    Api::Health overall = Api::Health::Ok;
    QStringList problems;
    QStringList fine;
    QStringList perfdata;
    for (const Api::JobFreshness *job : std::as_const(jobs)) {
        const qint64 warn = options.warn ? options.warn->count() : job->warningAfterSeconds;
        const qint64 crit = options.crit ? options.crit->count() : job->criticalAfterSeconds;
        Api::Health health = job->health;
        QString reason = job->healthReason;
        std::optional<std::chrono::seconds> oldest;
        int unreplicated = 0;
        for (const Api::FilesystemFreshness &fs : job->filesystems) {
            const std::optional<std::chrono::seconds> age = ageOf(*job, fs, now);
            if (age && (!oldest || *age > *oldest)) {
                oldest = age;
            }
            unreplicated += fs.unreplicatedSnapshots;
        }
        if (options.warn || options.crit) {
            // The caller's thresholds replace the daemon's: judge every filesystem's age again.
            health = job->filesystems.isEmpty() ? Api::Health::Unknown : Api::Health::Ok;
            reason = job->filesystems.isEmpty() ? tr("no filesystems") : QString();
            for (const Api::FilesystemFreshness &fs : job->filesystems) {
                const std::optional<std::chrono::seconds> age = ageOf(*job, fs, now);
                const Api::Health h = !age ? Api::Health::Critical
                                      : age->count() >= crit ? Api::Health::Critical
                                      : age->count() >= warn ? Api::Health::Warning
                                                             : Api::Health::Ok;
                if (worst(health, h) != health || (h != Api::Health::Ok && reason.isEmpty())) {
                    health = worst(health, h);
                    reason = !age ? tr("%1: no replica").arg(fs.filesystem)
                                  : tr("%1: %2 s old").arg(fs.filesystem).arg(age->count());
                }
            }
        }
        overall = worst(overall, health);
        const QString text = u"%1: %2"_s.arg(job->job, reason);
        (health == Api::Health::Ok ? fine : problems).append(text);
        if (oldest) {
            perfdata.append(u"%1=%2s;%3;%4;0"_s.arg(label(job->job + u"_age"_s)).arg(oldest->count()).arg(warn).arg(crit));
        }
        if (job->type != u"sink" && job->type != u"snap") {
            perfdata.append(u"%1=%2;;;0"_s.arg(label(job->job + u"_unreplicated"_s)).arg(unreplicated));
        }
    }
    const QString text = problems.isEmpty() ? fine.join(u"; "_s) : problems.join(u"; "_s);
    QString line = u"HOLDFAST %1 - %2"_s.arg(QLatin1StringView(stateWord(overall)), text);
    if (!perfdata.isEmpty()) {
        line += u" | "_s + perfdata.join(u' ');
    }
    return {int(overall), line};
}

}  // namespace Daemon
