// SPDX-License-Identifier: MIT
#include "app/core/TrayState.h"

#include <QLocale>

#include "app/models/Format.h"

using namespace Qt::StringLiterals;

namespace Gui {

TrayState TrayStates::compute(const QList<JobSummary> &jobs, ConnectionState connection, const QString &reason,
                              const QDateTime &now)
{
    TrayState state;
    if (connection != ConnectionState::Connected) {
        state.icon = TrayState::Icon::Disconnected;
        state.tooltip = connection == ConnectionState::Connecting ? tr("Holdfast: connecting to the daemon")
                                                                  : tr("Holdfast: no connection to the daemon\n%1").arg(reason);
        return state;
    }
    state.icon = TrayState::Icon::Idle;
    auto rank = [](TrayState::Icon icon) { return int(icon); };
    QStringList lines(tr("Holdfast"));
    for (const JobSummary &job : jobs) {
        TrayState::Icon icon = TrayState::Icon::Idle;
        switch (JobSummaries::overallHealth(job)) {
        case Health::Idle:
            break;
        case Health::Running:
            icon = TrayState::Icon::Running;
            break;
        case Health::Warning:
            icon = TrayState::Icon::Warning;
            break;
        case Health::Error:
            icon = TrayState::Icon::Error;
            break;
        }
        if (rank(icon) > rank(state.icon)) {
            state.icon = icon;
        }
        const bool replicates = job.type == Api::JobStatus::Type::Push || job.type == Api::JobStatus::Type::Pull;
        QString line = u"%1: %2"_s.arg(job.name, job.state);
        if (job.freshnessReported) {
            line += job.lastBackup ? tr(", last backup %1").arg(Format::ago(*job.lastBackup, now)) : tr(", no backup yet");
            if (job.paused) {
                line += u"\n    "_s + tr("Replication paused: the backups age until it is resumed");
            } else if (job.freshness == Api::Health::Warning || job.freshness == Api::Health::Critical) {
                line += u"\n    "_s + tr("%1: %2").arg(Format::healthName(job.freshness), job.freshnessReason);
            }
        } else if (replicates && job.lastRun) {
            line += tr(" (last replication %1)").arg(QLocale().toString(job.lastRun->toLocalTime(), QLocale::ShortFormat));
        } else if (replicates) {
            line += tr(" (not replicated yet)");
        }
        lines.append(line);
    }
    if (jobs.isEmpty()) {
        lines.append(tr("No jobs configured"));
    }
    state.tooltip = lines.join(u'\n');
    return state;
}

QString TrayStates::iconResource(TrayState::Icon icon)
{
    switch (icon) {
    case TrayState::Icon::Idle:
        return u":/icons/status-idle.svg"_s;
    case TrayState::Icon::Running:
        return u":/icons/status-running.svg"_s;
    case TrayState::Icon::Warning:
        return u":/icons/status-warning.svg"_s;
    case TrayState::Icon::Error:
        return u":/icons/status-error.svg"_s;
    case TrayState::Icon::Disconnected:
        return u":/icons/status-disconnected.svg"_s;
    }
    return {};
}

}  // namespace Gui
