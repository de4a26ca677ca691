// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include "shared/control/Holds.h"

namespace Gui {

// The admin actions on what Holdfast keeps on the pools.
enum class HoldsAction
{
    ReleaseStale,     // release the stale holds and destroy the stale bookmarks (of one job, or of all)
    AbandonResume,    // zfs recv -A: give up an interrupted receive
    StopReplicating,  // drop every hold, bookmark and cursor that keeps one filesystem replicating
};

// Whether the Holds pane's actions may be offered, and what their tooltips say: enabled or, when not, why not.
struct HoldsActionsState
{
    bool releaseStale = false;
    bool abandonResume = false;
    bool stopReplicating = false;
    QString releaseStaleTip;
    QString abandonResumeTip;
    QString stopReplicatingTip;

    bool operator==(const HoldsActionsState &) const = default;
};

// The decisions behind the holds actions, without a widget: which request each sends, when each may be offered,
// and how the daemon's answers read in the confirmation and the result.
class HoldsActions
{
    Q_DECLARE_TR_FUNCTIONS(Gui::HoldsActions)

public:
    static QByteArray endpoint(HoldsAction action);
    // release-stale names the job (empty: every job); the others name the filesystem.
    static Api::HoldsActionRequest
    request(HoldsAction action, const QString &job, const QString &filesystem, bool dryRun);

    // `report`: the last holds report (nullptr: none, or zrepl); `job`: the job whose stale items to release (empty:
    // all); `filesystem`: the selected one (empty: none); `readOnly`: the daemon lets this user read only.
    static HoldsActionsState compute(
        const Api::HoldsReport *report, const QString &job, const QString &filesystem, bool connected, bool readOnly);

    // The menu and button texts ("Release Stale Items…") and the confirmation's title.
    static QString actionText(HoldsAction action);
    static QString title(HoldsAction action, const QString &job, const QString &filesystem);

    // One change in words: "Release hold zrepl_STEP_J_push on tank/a@s1: <reason>".
    static QString changeText(const Api::HoldsChange &change);
    // Every change, then what was skipped and the warnings, one per line.
    static QString listing(const Api::HoldsActionReply &reply);
    // The question over the listing: what confirming does.
    static QString
    question(HoldsAction action, const QString &job, const QString &filesystem, const Api::HoldsActionReply &preview);
    // The end of an action in one line: "3 changes made", "2 of 3 changes made; 1 failed".
    static QString resultText(const Api::HoldsActionReply &reply);
};

}  // namespace Gui
