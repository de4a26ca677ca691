// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

#include <QObject>
#include <QString>

#include "app/core/HoldsActions.h"
#include "shared/control/ControlClient.h"

namespace Gui {

// What the user is asked before an action changes anything.
struct HoldsConfirmation
{
    HoldsAction action = HoldsAction::ReleaseStale;
    QString title;
    QString question;
    QString details;  // HoldsActions::listing() of the preview
    Api::HoldsActionReply preview;
};

// How an action ended, in words for the window.
struct HoldsActionOutcome
{
    enum class Result
    {
        Done,          // every change made
        PartlyFailed,  // the daemon made some changes; changes[].error says why the others failed
        NothingToDo,   // the dry run found nothing to change; nothing was asked
        Cancelled,     // the user said no
        Refused,       // 403: this user may not
        Busy,          // 409: a replication step on the filesystem runs now
        Unsupported,   // zrepl's daemon
        Failed,        // no answer, a broken answer, another error
    };
    Result result = Result::Failed;
    QString message;
    // The real run's answer, where one came; for NothingToDo the dry run's (what it left alone and why).
    std::optional<Api::HoldsActionReply> reply;
};

// Runs one holds action as the user sees it: the daemon's dry run first, then confirmationNeeded(); only confirm()
// sends the real request; finished() says how it ended. Every start() ends in exactly one finished(), unless the
// runner is destroyed. One action at a time.
class HoldsActionRunner final : public QObject
{
    Q_OBJECT

public:
    explicit HoldsActionRunner(Api::ControlClient &client, QObject *parent = nullptr);

    // false when another action is under way.
    bool start(HoldsAction action, const QString &job, const QString &filesystem);
    // After confirmationNeeded(): go ahead, or leave everything as it is.
    void confirm();
    void cancel();

    bool isBusy() const
    {
        return m_phase != Phase::Idle;
    }

Q_SIGNALS:
    void confirmationNeeded(const Gui::HoldsConfirmation &confirmation);
    void finished(const Gui::HoldsActionOutcome &outcome);

private:
    enum class Phase
    {
        Idle,
        DryRun,
        Confirming,
        Running,
    };

    void send(bool dryRun);
    void handleReply(const Api::ControlClient::Reply &reply);
    void askToConfirm(const Api::HoldsActionReply &preview);
    void finish(HoldsActionOutcome outcome);
    HoldsActionOutcome failure(const Api::ControlClient::Reply &reply) const;

    Api::ControlClient &m_client;
    Phase m_phase = Phase::Idle;
    quint64 m_pending = 0;
    HoldsAction m_action = HoldsAction::ReleaseStale;
    QString m_job;
    QString m_filesystem;
};

}  // namespace Gui
