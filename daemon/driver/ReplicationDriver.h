// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QObject>

#include "daemon/async/Semaphore.h"
#include "daemon/async/Task.h"
#include "daemon/async/Wakeup.h"
#include "daemon/endpoint/Endpoints.h"
#include "daemon/health/FreshnessTracker.h"
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
        // Holdfast's watchdog, 0 for none: a step whose byte count has not moved for stallTimeout is stopped and
        // retried (from the receiver's resume token where ZFS keeps one) (replication.stall_timeout); an attempt
        // whose listing of both sides takes longer than planningTimeout is aborted (replication.planning_timeout).
        std::chrono::milliseconds stallTimeout{std::chrono::minutes(10)};
        std::chrono::milliseconds planningTimeout{std::chrono::minutes(30)};
    };

    ReplicationDriver(Endpoint::SenderEndpoint &sender, Endpoint::ReceiverEndpoint &receiver, Options options, Log::Context log,
                      QObject *parent = nullptr);

    Async::Task<void> run();
    const Api::ReplicationReport &report() const { return m_report; }
    // Per sending filesystem, the createtxg of its newest version the receiver has: what pruning the sender treats
    // as replicated (zrepl's replication cursor).
    const QHash<QString, quint64> &replicatedUpTo() const { return m_replicatedUpTo; }
    // Per sending filesystem, what this run learned of its freshness: its snapshots, the newest one the receiver
    // has, what is left to send. Kept current as steps finish.
    const QHash<QString, Health::FilesystemFacts> &freshnessFacts() const { return m_facts; }

    // Whether planning ran out of planning_timeout in this run.
    bool planningTimedOut() const { return m_planningTimedOut; }

Q_SIGNALS:
    void reportChanged();
    // The stall watchdog stopped a step of `filesystem` (the sender's path); emitted each time it fires.
    void stepStalled(const QString &filesystem);
    // A phase ran out of its limit and was aborted; `phase` is "planning".
    void phaseTimedOut(const QString &phase);

private:
    struct Work
    {
        QString filesystem;
        Replication::FilesystemPlan plan;
        Endpoint::ReceiverFilesystem receiver;
    };

    // Both sides' filesystems and versions, which planning waits for; `error` is the first listing that failed.
    struct Listing
    {
        Zfs::Result<QList<Zfs::Dataset>> senderFilesystems;
        Zfs::Result<Endpoint::VersionMap> senderVersions;
        Zfs::Result<QHash<QString, Endpoint::ReceiverFilesystem>> receiverFilesystems;
        Zfs::Result<Endpoint::VersionMap> receiverVersions;
        Zfs::ZfsError error;
    };

    // true: retry (a temporary error happened).
    Async::Task<bool> attempt(int index);
    Async::Task<Listing> listBothSides();
    void planningTimeout(int attemptIndex);
    // One step's stream under the stall watchdog. *stallError: set when the watchdog stopped it.
    Async::Task<Endpoint::StreamOutcome> watchedStream(QString step, Endpoint::SendArgs args, Endpoint::ReceiveArgs receive,
                                                       Endpoint::Progress progress, QString *stallError);
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
    QHash<QString, Health::FilesystemFacts> m_facts;
    // Per sending filesystem, its versions as planning listed them, the size estimate of each planned step (-1: not
    // estimated) and how many steps are done.
    QHash<QString, QList<Zfs::FilesystemVersion>> m_senderVersions;
    QHash<QString, QList<qint64>> m_stepEstimates;
    QHash<QString, qsizetype> m_stepsDone;
    // The facts of the sender's listing with `replica` the newest version the receiver has (none yet: absent).
    void noteReplicated(const QString &filesystem, const std::optional<Zfs::FilesystemVersion> &replica);
    // The bytes of the steps not done, where every one of them has an estimate.
    void noteRemaining(const QString &filesystem);
    QString m_networkError;  // of the current attempt
    Async::Semaphore m_estimateLimit;  // size_estimates: `zfs send -nvP` at once, however many steps run
    bool m_planningTimedOut = false;
};

}  // namespace Daemon
