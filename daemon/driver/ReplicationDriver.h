// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QObject>

#include "daemon/async/Task.h"
#include "daemon/async/Wakeup.h"
#include "daemon/endpoint/Endpoints.h"
#include "daemon/logging/Logger.h"
#include "daemon/replication/Planner.h"
#include "shared/control/ReplicationReport.h"

namespace Daemon {

// One replication run (zrepl's replication/driver): attempts of planning and executing every filesystem's steps,
// retried while the failures are temporary (an interrupted stream that left a resume token, a timeout). Each step
// is hold-protected and resumable; the report is zrepl's and changes live as bytes arrive.
class ReplicationDriver final : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        bool encrypted = false;  // send.encrypted: raw sends only, of encrypted filesystems only
        int maxAttempts = 3;
        std::chrono::milliseconds retryDelay{std::chrono::seconds(2)};
        int concurrency = 1;  // filesystems replicating at once (replication.concurrency.steps)
        int sizeEstimates = 4;  // size estimates at once (replication.concurrency.size_estimates)
    };

    ReplicationDriver(Endpoint::SenderEndpoint &sender, Endpoint::ReceiverEndpoint &receiver, Options options, Log::Context log,
                      QObject *parent = nullptr);

    Async::Task<void> run();
    const Api::ReplicationReport &report() const { return m_report; }
    // Per sending filesystem, the createtxg of its newest version the receiver has: what pruning the sender treats
    // as replicated (zrepl's replication cursor).
    const QHash<QString, quint64> &replicatedUpTo() const { return m_replicatedUpTo; }

Q_SIGNALS:
    void reportChanged();

private:
    struct Work
    {
        QString filesystem;
        Replication::FilesystemPlan plan;
        Endpoint::ReceiverFilesystem receiver;
    };

    // true: retry (a temporary error happened).
    Async::Task<bool> attempt(int index);
    Async::Task<void> replicateInto(int attemptIndex, int fsIndex, Work work, bool *retry);
    Async::Task<bool> replicateFilesystem(int attemptIndex, int fsIndex, Work work);
    // Empty on success, else the error for the report; *temporary tells whether a retry may succeed.
    Async::Task<QString> executeStep(int attemptIndex, int fsIndex, int stepIndex, Work work, bool *temporary);
    // true for an error of the connection to the other side, which is remembered for the WaitReconnect report.
    bool noteNetworkError(const Zfs::ZfsError &error);
    Api::FilesystemReport &fsReport(int attemptIndex, int fsIndex) { return m_report.attempts[attemptIndex].filesystems[fsIndex]; }

    Endpoint::SenderEndpoint &m_sender;
    Endpoint::ReceiverEndpoint &m_receiver;
    Options m_options;
    Log::Context m_log;
    Api::ReplicationReport m_report;
    QHash<QString, quint64> m_replicatedUpTo;
    QString m_networkError;  // of the current attempt
    int m_estimatesRunning = 0;
};

}  // namespace Daemon
