// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace Holds {

// The replication steps running in this daemon, by local filesystem: the holds view marks a filesystem busy, the
// admin actions refuse to touch it, and pruning spares the snapshots a step sends or receives (zrepl#887) even
// where no hold protects them. Entered by the active side's driver for a whole step and by the passive side for
// the stream it serves; an entry lasts as long as its lease.
class RunningSteps
{
public:
    struct Step
    {
        QString job;
        QString filesystem;  // local
        QStringList snapshots;  // short names the step uses on this filesystem (`from`, `to`)
    };
    using Lease = std::shared_ptr<const void>;

    static RunningSteps &instance();

    [[nodiscard]] Lease enter(Step step);
    // The job of a step running on this filesystem now, "" if none.
    QString jobOn(const QString &filesystem) const;
    // Snapshot short name → the job whose step uses it.
    QHash<QString, QString> snapshotsInUse(const QString &filesystem) const;
    bool jobBusy(const QString &job) const;
    bool isEmpty() const { return m_steps.isEmpty(); }
    // Called after a step ends (from wherever its lease is released: it must only schedule work); the reload waits
    // for a sink's or source's steps this way. One observer; an empty function removes it.
    void setLeaveObserver(std::function<void()> observer) { m_leaveObserver = std::move(observer); }

private:
    void leave(quint64 id);

    QHash<quint64, Step> m_steps;
    quint64 m_nextId = 1;
    std::function<void()> m_leaveObserver;
};

}  // namespace Holds
