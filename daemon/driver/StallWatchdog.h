// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QTimer>

#include <chrono>

namespace Daemon {

// Watches one replication step's byte count (zrepl#791: transfers that sit at 0 B/s for ever). One single-shot
// timer, re-armed whenever the count moves: when it runs out, stalled() asks the step to stop gently (the producer
// killed, so a resumable receive keeps what arrived); if the stream has still not ended after a grace period,
// stopIgnored() says it must be destroyed. A timeout of 0 disables the watchdog.
class StallWatchdog final : public QObject
{
    Q_OBJECT

public:
    explicit StallWatchdog(std::chrono::milliseconds timeout, QObject *parent = nullptr);

    // Arms the watchdog for a stream that has moved no byte yet.
    void start();
    // The stream's byte count so far; a count that moved re-arms the timer.
    void progress(qint64 bytes);
    // The stream ended: nothing more fires.
    void stop();

    std::chrono::milliseconds timeout() const { return m_timeout; }
    bool hasFired() const { return m_fired; }
    qint64 bytes() const { return m_bytes; }
    // How long a stalled stream gets to end after stalled() before stopIgnored(): as long as the stall itself, at
    // least 10 s, so that a slow `zfs recv` can still save its resumable state.
    std::chrono::milliseconds grace() const;

Q_SIGNALS:
    void stalled(qint64 bytes);
    void stopIgnored();

private:
    void expire();

    std::chrono::milliseconds m_timeout;
    QTimer m_timer;
    qint64 m_bytes = 0;
    bool m_fired = false;
};

}  // namespace Daemon
