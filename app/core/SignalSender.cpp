// SPDX-License-Identifier: MIT
#include "app/core/SignalSender.h"

using namespace Qt::StringLiterals;

namespace Gui {

SignalSender::SignalSender(Api::ControlClient &client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    connect(&m_client, &Api::ControlClient::finished, this, &SignalSender::handleReply);
}

void SignalSender::wakeup(const QString &job)
{
    send(job, u"wakeup"_s);
}

void SignalSender::reset(const QString &job)
{
    send(job, u"reset"_s);
}

void SignalSender::pause(const QString &job)
{
    send(job, u"pause"_s);
}

void SignalSender::resume(const QString &job)
{
    send(job, u"resume"_s);
}

QString SignalSender::cannotPauseMessage()
{
    return tr("This daemon cannot pause jobs: zrepl knows no pause, only Holdfast's daemon does");
}

void SignalSender::send(const QString &job, const QString &op)
{
    m_pending.insert(m_client.sendSignal(job, op), qMakePair(job, op));
}

void SignalSender::handleReply(const Api::ControlClient::Reply &reply)
{
    const auto it = m_pending.constFind(reply.id);
    if (it == m_pending.constEnd()) {
        return;  // a status poll's answer
    }
    const auto [job, op] = *it;
    m_pending.erase(it);
    if (reply.ok()) {
        QString done;
        if (op == u"wakeup") {
            done = tr("%1 woken up").arg(job);
        } else if (op == u"reset") {
            done = tr("%1 reset").arg(job);
        } else if (op == u"pause") {
            done = tr("Replication of %1 paused").arg(job);
        } else {
            done = tr("Replication of %1 resumed").arg(job);
        }
        Q_EMIT answered(job, op, true, done);
        return;
    }
    // zrepl's daemon names no access level and answers an op it does not know with 500 and its own words; said
    // plainly, not as a raw error.
    const bool pauseOp = op == u"pause" || op == u"resume";
    if (pauseOp && reply.error == Api::ControlClient::Error::Status && !reply.access) {
        Q_EMIT answered(job, op, false, cannotPauseMessage());
        return;
    }
    // zrepl answers "already woken up" and the like as an error status with the reason as the body.
    const QString reason = reply.errorString.trimmed();
    Q_EMIT answered(job, op, false, tr("The daemon refused: %1").arg(reason));
}

}  // namespace Gui
