// SPDX-License-Identifier: MIT
#pragma once

#include <atomic>
#include <memory>

#include <QObject>
#include <QString>

#include "shared/restore/SnapshotCatalog.h"
#include "shared/restore/VersionHistory.h"
#include "shared/restore/ZfsMounts.h"

namespace Gui {

struct FileHistoryResult
{
    Restore::FileHistory history;
    Restore::ZfsMount mount;  // the filesystem the path is on
    QString error;            // why there is no history, in words; "" otherwise
};

// Finds the versions of a file or folder in the snapshots of its filesystem, off the GUI thread: which ZFS
// filesystem the path is on (the mount table), its snapshots (`zfs list` as the user, which may take its time),
// then a stat of the path in every snapshot (Restore::computeHistory). A new load() or cancel() stops the one
// under way at its next snapshot, and its answer never arrives.
class FileHistoryLoader final : public QObject
{
    Q_OBJECT

public:
    explicit FileHistoryLoader(QObject *parent = nullptr);
    ~FileHistoryLoader() override;

    // The `zfs list` to ask for snapshot times and holds; SnapshotCatalog::systemQuery() by default.
    void setSnapshotQuery(Restore::ZfsSnapshotQuery query);

    void load(const QString &path);
    // Over snapshots the caller has listed already (the Restore view).
    void load(const QString &livePath, const QString &relativePath, const QList<Restore::SnapshotEntry> &snapshots);
    void cancel();

    bool isLoading() const
    {
        return m_cancel != nullptr;
    }

    // The whole lookup on the calling thread.
    static FileHistoryResult compute(const QString &path,
                                     const Restore::ZfsMounts &mounts,
                                     const Restore::ZfsSnapshotQuery &query,
                                     const std::atomic<bool> *cancel);
    // `path` made absolute and free of symbolic links as far as it exists (a deleted file's folder may still be
    // there), so that it can be found in the mount table.
    static QString resolvePath(const QString &path);

Q_SIGNALS:
    void finished(const Gui::FileHistoryResult &result);

private:
    template<typename Work>
    void start(Work work);

    Restore::ZfsSnapshotQuery m_query;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    quint64 m_request = 0;
};

}  // namespace Gui
