// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>
#include <QString>

#include "app/core/JobSummary.h"

namespace Gui {

// Whether the selected job's signals may be offered, and what their tooltips say: enabled or, when not, why not.
struct JobActionState
{
    bool wakeup = false;
    bool reset = false;
    bool pause = false;
    bool resume = false;
    QString wakeupTip;
    QString resetTip;
    QString pauseTip;
    QString resumeTip;

    bool operator==(const JobActionState &) const = default;
};

// The one place that decides which signals the window and the tray offer, so that both agree and tests reach it
// without a widget: a signal needs a connection, a job that takes signals, and the right to send them.
class JobActions
{
    Q_DECLARE_TR_FUNCTIONS(Gui::JobActions)

public:
    // zrepl's passive jobs (sink, source) wait for the other side and take no signals.
    static bool takesSignals(Api::JobStatus::Type type);
    // Only push and pull jobs replicate by themselves: only their replication can be paused (Holdfast's daemon).
    static bool takesPause(Api::JobStatus::Type type);
    // `job` is the selected one (nullptr: none); `readOnly` is what the daemon said this user may do;
    // `pauseSupported` false: the daemon is known to be zrepl's, which has no pause.
    static JobActionState compute(const JobSummary *job, bool connected, bool readOnly, bool pauseSupported = true);
    // What the confirmations of Pause and Resume say they change.
    static QString pauseQuestion(const QString &job);
    static QString resumeQuestion(const QString &job);
    // Why a read-only user sees the jobs but cannot wake them up: for the status bar's indicator.
    static QString readOnlyExplanation();
    // The tooltip of a wake-up entry that read-only mode disables (the window's action and the tray's).
    static QString wakeupNeedsAdmin();
};

}  // namespace Gui
