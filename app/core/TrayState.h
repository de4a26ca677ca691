// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

#include "app/core/JobSummary.h"
#include "app/core/StatusPoller.h"

namespace Gui {

// What the tray icon shows: one state for all jobs and a tooltip with each job's last backup and, where the daemon
// worries, why.
struct TrayState
{
    enum class Icon
    {
        Idle,
        Running,
        Warning,
        Error,
        Disconnected,
    };
    Icon icon = Icon::Disconnected;
    QString tooltip;

    bool operator==(const TrayState &) const = default;
};

class TrayStates
{
    Q_DECLARE_TR_FUNCTIONS(Gui::TrayStates)

public:
    // The worst of the jobs wins: error over warning over running over idle; no connection is "disconnected". A
    // job's health is JobSummaries::overallHealth(): its last run and its freshness, so a job whose backups are
    // stale is a warning (critically stale an error) even when nothing failed. Ages are relative to `now`.
    static TrayState compute(const QList<JobSummary> &jobs, ConnectionState connection, const QString &reason,
                             const QDateTime &now = QDateTime::currentDateTimeUtc());
    static QString iconResource(TrayState::Icon icon);
};

}  // namespace Gui
