// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QObject>

#include "shared/control/ControlClient.h"

namespace Gui {

// Sends zrepl's signals (wakeup, reset) and Holdfast's (pause, resume) to the daemon and tells what it answered,
// in words for the status bar.
class SignalSender final : public QObject
{
    Q_OBJECT

public:
    explicit SignalSender(Api::ControlClient &client, QObject *parent = nullptr);

    void wakeup(const QString &job);
    void reset(const QString &job);
    void pause(const QString &job);
    void resume(const QString &job);

    // What zrepl's daemon, which knows no pause, is said to answer.
    static QString cannotPauseMessage();

Q_SIGNALS:
    // `message` is what to show: "push woken up", or why the signal was refused ("The daemon refused: already woken
    // up") or did not arrive.
    void answered(const QString &job, const QString &op, bool ok, const QString &message);

private:
    void send(const QString &job, const QString &op);
    void handleReply(const Api::ControlClient::Reply &reply);

    Api::ControlClient &m_client;
    QHash<quint64, QPair<QString, QString>> m_pending;  // request id -> (job, op)
};

}  // namespace Gui
