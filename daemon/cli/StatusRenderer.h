// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include "shared/control/ConfigApi.h"
#include "shared/control/JobStatus.h"

namespace Daemon {

// Renders a /status document as the text of zrepl's `zrepl status` view (client/status.go at 58c08c855f): one
// block per job, sorted by name, internal jobs ("_control") left out. zrepl draws that text into a terminal grid
// every 500 ms; this renders one frame, so the transfer rate (measured between frames in zrepl) is always 0 B/s.
// Lines carry no trailing blanks, as a terminal shows them.
class StatusRenderer
{
    Q_DECLARE_TR_FUNCTIONS(Daemon::StatusRenderer)

public:
    // `onlyJob`: render that job only (zrepl's `--job`); "no jobs to display" when it is not in the document.
    QString render(const Api::DaemonStatus &status, const QString &onlyJob = {}) const;

    // Holdfast only, after the jobs: a reload that failed (the daemon runs the previous configuration), changed jobs
    // waiting to restart, settings waiting for a daemon restart, a file edited since the daemon read it. "" when
    // there is nothing to say. `onlyJob` narrows the job lines.
    QString renderConfigState(const Api::ConfigDocument &document, const QString &onlyJob = {}) const;

    // The moment durations are measured against ("since", "hard fail in"); the current time when unset.
    void setNow(const QDateTime &now)
    {
        m_now = now;
    }

    // Terminal columns: longer lines are cut and long messages wrapped there, as in zrepl's view. 0 (the
    // default) means no limit, for output that goes to a file or pipe.
    void setWidth(int columns)
    {
        m_width = columns;
    }

private:
    QDateTime m_now;
    int m_width = 0;
};

}  // namespace Daemon
