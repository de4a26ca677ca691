// SPDX-License-Identifier: MIT
#include "app/core/HoldsActionRunner.h"

#include "app/core/HoldsFetcher.h"

namespace Gui {

HoldsActionRunner::HoldsActionRunner(Api::ControlClient &client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    connect(&m_client, &Api::ControlClient::finished, this, &HoldsActionRunner::handleReply);
}

bool HoldsActionRunner::start(HoldsAction action, const QString &job, const QString &filesystem)
{
    if (isBusy()) {
        return false;
    }
    m_action = action;
    m_job = job;
    m_filesystem = filesystem;
    m_phase = Phase::DryRun;
    send(true);
    return true;
}

void HoldsActionRunner::send(bool dryRun)
{
    const Api::HoldsActionRequest request = HoldsActions::request(m_action, m_job, m_filesystem, dryRun);
    m_pending = m_client.request("POST", HoldsActions::endpoint(m_action), request.toJson() + '\n');
}

void HoldsActionRunner::confirm()
{
    if (m_phase != Phase::Confirming) {
        return;
    }
    m_phase = Phase::Running;
    send(false);
}

void HoldsActionRunner::cancel()
{
    if (m_phase != Phase::Confirming) {
        return;
    }
    finish({HoldsActionOutcome::Result::Cancelled, tr("Nothing was changed"), {}});
}

void HoldsActionRunner::askToConfirm(const Api::HoldsActionReply &preview)
{
    HoldsConfirmation confirmation;
    confirmation.action = m_action;
    confirmation.title = HoldsActions::title(m_action, m_job, m_filesystem);
    confirmation.question = HoldsActions::question(m_action, m_job, m_filesystem, preview);
    confirmation.details = HoldsActions::listing(preview);
    confirmation.preview = preview;
    Q_EMIT confirmationNeeded(confirmation);
}

void HoldsActionRunner::handleReply(const Api::ControlClient::Reply &reply)
{
    if (reply.id == 0 || reply.id != m_pending) {
        return;
    }
    m_pending = 0;
    if (!reply.ok()) {
        finish(failure(reply));
        return;
    }
    QString error;
    std::optional<Api::HoldsActionReply> answer = Api::HoldsActionReply::fromJson(reply.body, &error);
    if (!answer) {
        finish({HoldsActionOutcome::Result::Failed, tr("The daemon's answer could not be read: %1").arg(error), {}});
        return;
    }
    if (m_phase == Phase::DryRun) {
        if (answer->changes.isEmpty()) {
            // Nothing to confirm; the dry run's answer says what was left alone and why, if anything.
            finish({HoldsActionOutcome::Result::NothingToDo, tr("Nothing to change"), answer});
            return;
        }
        m_phase = Phase::Confirming;
        askToConfirm(*answer);
        return;
    }
    const bool failed = answer->failed();
    finish({failed ? HoldsActionOutcome::Result::PartlyFailed : HoldsActionOutcome::Result::Done,
            HoldsActions::resultText(*answer),
            answer});
}

HoldsActionOutcome HoldsActionRunner::failure(const Api::ControlClient::Reply &reply) const
{
    const QString reason = reply.errorString.trimmed();
    if (reply.error != Api::ControlClient::Error::Status) {
        return {HoldsActionOutcome::Result::Failed, tr("No answer from the daemon: %1").arg(reason), {}};
    }
    if (isZreplsNotFound(reply)) {
        return {HoldsActionOutcome::Result::Unsupported, tr("This daemon (zrepl) cannot change holds"), {}};
    }
    switch (reply.status) {
    case 403:
        return {HoldsActionOutcome::Result::Refused, tr("The daemon refused: %1").arg(reason), {}};
    case 409:
        return {HoldsActionOutcome::Result::Busy,
                tr("Not now: a replication step on %1 is running. Try again once it is done.\n%2")
                    .arg(m_filesystem.isEmpty() ? tr("this filesystem") : m_filesystem, reason),
                {}};
    default:
        return {HoldsActionOutcome::Result::Failed, tr("The daemon could not do it: %1").arg(reason), {}};
    }
}

void HoldsActionRunner::finish(HoldsActionOutcome outcome)
{
    m_phase = Phase::Idle;
    m_pending = 0;
    Q_EMIT finished(outcome);
}

}  // namespace Gui
