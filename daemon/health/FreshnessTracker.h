// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <QHash>
#include <QMap>
#include <QString>

#include <optional>

#include "daemon/health/HealthPolicy.h"
#include "daemon/zfs/ZfsTypes.h"
#include "shared/control/Freshness.h"

namespace Health {

// What a job last learned of one filesystem, from listings it made anyway (a run's planning, a receive, the
// survey at start-up): never a `zfs` process of its own.
struct FilesystemFacts
{
    int snapshots = 0;
    std::optional<Api::SnapshotRef> newest;
    std::optional<Api::SnapshotRef> replicated;  // the newest snapshot the receiver has
    Api::Timestamp lastSuccessAt;  // a run confirmed `replicated` (a step done, or nothing to send)
    Api::Timestamp receivedAt;  // receiving side: when `replicated` arrived (the last-received hold's time)
    int unreplicated = 0;
    std::optional<qint64> unreplicatedBytes;
    QString error;
    qint64 bytesReplicated = 0;  // since the daemon started (zrepl_replication_bytes_replicated)

    friend bool operator==(const FilesystemFacts &, const FilesystemFacts &) = default;
};

// A received filesystem's facts from a listing of its snapshots: `receivedName` is the one that arrived last (the
// last-received hold's), `receivedAt` when (zero where unknown).
FilesystemFacts receivedFacts(const QList<Zfs::FilesystemVersion> &versions, const QString &receivedName,
                              const Api::Timestamp &receivedAt);

// A sending filesystem's facts from a listing of its versions: `cursor` is the job's replication cursor among them
// (the newest version the receiver has), absent before the first replication.
FilesystemFacts senderFacts(const QList<Zfs::FilesystemVersion> &versions, const std::optional<Zfs::FilesystemVersion> &cursor);

// One job's freshness: the facts per filesystem and of its runs, turned into ages and health against the job's
// thresholds at the moment someone asks (health changes with the clock, not only with events).
class FreshnessTracker
{
public:
    FreshnessTracker(QString job, QString type, Thresholds thresholds, bool receiving);

    const QString &job() const { return m_job; }
    const Thresholds &thresholds() const { return m_thresholds; }

    // A complete listing: filesystems not in it are gone from the job.
    void replaceAll(const QHash<QString, FilesystemFacts> &facts);
    // Facts of one filesystem, kept with the others.
    void update(const QString &filesystem, const FilesystemFacts &facts);
    FilesystemFacts facts(const QString &filesystem) const { return m_facts.value(filesystem); }
    bool contains(const QString &filesystem) const { return m_facts.contains(filesystem); }

    void runFinished(const Api::Timestamp &startedAt, bool succeeded, const QString &error);
    void setJobError(const QString &error)
    {
        m_jobError = error;
        ++m_generation;
    }
    // Replication paused (`signal pause`): the ages keep growing and the health follows them; the reason says why.
    void setPaused(bool paused)
    {
        if (m_paused != paused) {
            m_paused = paused;
            ++m_generation;
        }
    }
    bool paused() const { return m_paused; }
    void setNextSnapshotAt(const Api::Timestamp &at) { m_nextSnapshotAt = at; }
    void setNextReplicationAt(const Api::Timestamp &at) { m_nextReplicationAt = at; }
    // Changes with every fact (not with the next times, which a cache compares by value).
    quint64 generation() const { return m_generation; }
    const Api::Timestamp &nextSnapshotAt() const { return m_nextSnapshotAt; }
    const Api::Timestamp &nextReplicationAt() const { return m_nextReplicationAt; }

    // Filesystems whose pruning failed in the side's latest run (-1: the pruner failed before listing).
    void setPruningErrors(const QString &side, int errors)
    {
        m_pruningErrors.insert(side, errors);
        ++m_generation;
    }
    const QMap<QString, int> &pruningErrors() const { return m_pruningErrors; }
    void addStall()
    {
        ++m_stalls;
        ++m_generation;
    }
    quint64 stalls() const { return m_stalls; }
    // Filesystems of the latest run with an error, -1 when the run failed before it listed them.
    int filesystemErrors() const;

    // The job's freshness at `now`; *validUntil gets when it next changes with the clock alone (a threshold
    // crossed), invalid when never.
    Api::JobFreshness evaluate(const QDateTime &now, QDateTime *validUntil = nullptr) const;

private:
    struct ReasonTexts
    {
        QString ok;
        QString warning;
        QString critical;
        QString snapshotsStopped;
    };
    Api::FilesystemFreshness evaluateFilesystem(const QString &name, const FilesystemFacts &facts, const QDateTime &now,
                                                const ReasonTexts &texts, qint64 *nextChange) const;

    QString m_job;
    QString m_type;
    Thresholds m_thresholds;
    bool m_receiving;
    QMap<QString, FilesystemFacts> m_facts;  // sorted: the answer lists filesystems by name
    Api::Timestamp m_lastRunAt;
    Api::Timestamp m_lastSuccessAt;
    QString m_lastRunError;
    QString m_jobError;
    bool m_paused = false;
    bool m_anyRunFinished = false;
    Api::Timestamp m_nextSnapshotAt;
    Api::Timestamp m_nextReplicationAt;
    QMap<QString, int> m_pruningErrors;
    quint64 m_stalls = 0;
    quint64 m_generation = 0;
};

}  // namespace Health
