// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>

class QSocketNotifier;

namespace Daemon {

// Turns SIGINT and SIGTERM into a Qt signal in the event loop (the self-pipe trick: the handler only writes a
// byte), so that the daemon shuts down in order instead of dying inside a handler.
class UnixSignalWatcher final : public QObject
{
    Q_OBJECT

public:
    explicit UnixSignalWatcher(QObject *parent = nullptr);
    ~UnixSignalWatcher() override;

Q_SIGNALS:
    void terminationRequested(int signalNumber);
    // SIGHUP: `systemctl reload` and `kill -HUP` ask for the configuration file to be read again.
    void reloadRequested();

private:
    void handleActivated();
    QSocketNotifier *m_notifier = nullptr;
};

}  // namespace Daemon
