// SPDX-License-Identifier: MIT
#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <optional>

#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include "daemon/async/Task.h"
#include "daemon/async/TaskRunner.h"
#include "daemon/browse/BrowseSettings.h"
#include "daemon/browse/MountTable.h"
#include "daemon/browse/SnapshotMounter.h"
#include "daemon/logging/Logger.h"
#include "shared/control/Browse.h"

namespace Browse {

class SnapshotLookup;

struct OpenOutcome
{
    enum class Status
    {
        Mounted,
        Renewed,       // that snapshot was mounted already: its lease runs on from now
        NotFound,      // no such filesystem or snapshot
        Refused,       // not a filesystem (a volume), or another daemon browses under the same directory
        KeyNotLoaded,  // an encrypted filesystem whose key is not loaded (a raw-received backup)
        Failed,        // zfs or mount failed
    };
    Status status = Status::Failed;
    QString message;  // what went wrong, in words
    Api::BrowseLease lease;
};

struct ReleaseOutcome
{
    enum class Status
    {
        Released,
        NotFound,  // no lease has that id
        Failed,    // umount failed (busy): the lease stays, and the daemon tries again later
    };
    Status status = Status::Failed;
    QString message;
    Api::BrowseLeases remaining;
};

// The snapshots mounted for browsing, each under a lease: mounted on the first request, renewed by each repeated
// request, unmounted when released or when no request came for the idle timeout. Requests, releases and expiries
// run one at a time, in the order they came, so that a renewal never races the unmount of the same lease.
// One daemon owns the root directory (a lock file in it): a second one refuses to browse there rather than
// unmount the first one's mounts.
class BrowseLeases final : public QObject
{
    Q_OBJECT

public:
    BrowseLeases(BrowseSettings settings, SnapshotLookup &lookup, QObject *parent = nullptr);
    // Unmounts what is still mounted, waiting for umount: the event loop has ended by then (daemon shutdown).
    ~BrowseLeases() override;

    using OpenDone = std::function<void(OpenOutcome)>;
    using ReleaseDone = std::function<void(ReleaseOutcome)>;

    // `filesystem` and `snapshot` must be valid names (the caller checked them).
    void open(const QString &filesystem, const QString &snapshot, OpenDone done);
    void release(const QString &id, ReleaseDone done);
    Api::BrowseLeases leases() const;

    const BrowseSettings &settings() const
    {
        return m_settings;
    }

    // Unmounts what a crashed daemon left mounted under the root (found in the mount table) and removes their
    // directories. Queued like the requests; does nothing (and creates nothing) when there is nothing left over.
    void cleanUpLeftovers();

private:
    struct Lease
    {
        Api::BrowseLease api;
        std::chrono::steady_clock::time_point deadline;
    };

    void enqueue(std::function<Async::Task<void>()> operation);
    void pump();
    Async::Task<void> doOpen(QString filesystem, QString snapshot, OpenDone done);
    Async::Task<void> doRelease(QString id, ReleaseDone done);
    Async::Task<void> expireDue();
    Async::Task<void> doCleanUp();
    // umount (unless it is not mounted any more), then the directory. Fails only when it stays mounted.
    Async::Task<CommandOutcome> unmountAndRemove(QString directory);

    bool claimRoot(QString *error);
    std::optional<MountTable> readMounts() const;
    // rmdir, unless the directory is still a mount point: never remove what a mount hides.
    void removeDirectory(const QString &directory) const;
    void unmountAllNow();
    void setDeadline(Lease &lease, std::chrono::seconds from);
    void arm();
    Lease *find(const QString &filesystem, const QString &snapshot);
    Lease *findById(const QString &id);
    void remove(const QString &id);

    BrowseSettings m_settings;
    SnapshotLookup &m_lookup;
    SnapshotMounter m_mounter;
    Log::Context m_log;
    QList<Lease> m_leases;
    QTimer m_timer;
    std::deque<std::function<Async::Task<void>()>> m_queue;
    Async::TaskRunner m_runner;
    int m_lockFd = -1;
};

}  // namespace Browse
