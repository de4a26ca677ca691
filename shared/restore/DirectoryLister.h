// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QThread>

#include <atomic>
#include <memory>

#include "shared/restore/VersionHistory.h"

namespace Restore {

struct DirectoryEntry
{
    QString name;
    FileState state;  // lstat's: a symlink shows as one
};

// Lists directories on a thread of its own, so that a 10,000-entry folder in a snapshot (where the first access
// also mounts the snapshot) never blocks the thread that asked. The entries arrive sorted, folders first and then
// by name as people sort (QCollator, numbers by value), in batches of BatchSize.
class DirectoryLister : public QObject
{
    Q_OBJECT

public:
    static constexpr int BatchSize = 256;

    explicit DirectoryLister(QObject *parent = nullptr);
    ~DirectoryLister() override;

    // Starts listing `path` and returns the request's number. A new request cancels the one before: batches of
    // an earlier number may still arrive and are to be dropped.
    quint64 list(const QString &path);
    void cancel();

Q_SIGNALS:
    void entriesReady(quint64 request, const QList<Restore::DirectoryEntry> &batch);
    // error: "" when the whole directory was listed, else what went wrong in words (permission denied...).
    void finished(quint64 request, const QString &error);

private:
    QThread m_thread;
    QObject *m_worker = nullptr;
    quint64 m_lastRequest = 0;
    std::shared_ptr<std::atomic<quint64>> m_wanted;  // the request still wanted; older ones stop
};

}  // namespace Restore

Q_DECLARE_METATYPE(Restore::DirectoryEntry)
