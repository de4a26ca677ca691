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
        Q_EMIT answered(job, op, true, op == u"wakeup" ? tr("%1 woken up").arg(job) : tr("%1 reset").arg(job));
        return;
    }
    // zrepl answers "already woken up" and the like as an error status with the reason as the body.
    Q_EMIT answered(job, op, false, reply.errorString.trimmed());
}

}  // namespace Gui
