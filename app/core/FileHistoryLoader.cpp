// SPDX-License-Identifier: MIT
#include "app/core/FileHistoryLoader.h"

#include <QDir>
#include <QFileInfo>

#include "app/core/BackgroundTask.h"

using namespace Qt::StringLiterals;

namespace Gui {

FileHistoryLoader::FileHistoryLoader(QObject *parent)
    : QObject(parent)
    , m_query(Restore::SnapshotCatalog::systemQuery())
{}

FileHistoryLoader::~FileHistoryLoader()
{
    cancel();
}

void FileHistoryLoader::setSnapshotQuery(Restore::ZfsSnapshotQuery query)
{
    m_query = std::move(query);
}

void FileHistoryLoader::cancel()
{
    if (m_cancel) {
        m_cancel->store(true);
        m_cancel.reset();
    }
    ++m_request;  // an answer on its way belongs to the request before
}

template<typename Work>
void FileHistoryLoader::start(Work work)
{
    cancel();
    auto flag = std::make_shared<std::atomic<bool>>(false);
    m_cancel = flag;
    const quint64 request = m_request;
    runInBackground(
        this,
        [work = std::move(work), flag] { return work(flag.get()); },
        [this, request](const FileHistoryResult &result) {
            if (request != m_request) {
                return;
            }
            m_cancel.reset();
            Q_EMIT finished(result);
        });
}

void FileHistoryLoader::load(const QString &path)
{
    start([path, query = m_query](const std::atomic<bool> *cancel) {
        return compute(path, Restore::ZfsMounts::fromSystem(), query, cancel);
    });
}

void FileHistoryLoader::load(const QString &livePath,
                             const QString &relativePath,
                             const QList<Restore::SnapshotEntry> &snapshots)
{
    start([livePath, relativePath, snapshots](const std::atomic<bool> *cancel) {
        FileHistoryResult result;
        result.history = Restore::computeHistory(livePath, relativePath, snapshots, cancel);
        return result;
    });
}

QString FileHistoryLoader::resolvePath(const QString &path)
{
    QString absolute = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    // The longest part that exists, resolved; the rest (a deleted file, its deleted folders) as given.
    QString existing = absolute;
    QString rest;
    while (!existing.isEmpty() && existing != u"/"_s) {
        const QString canonical = QFileInfo(existing).canonicalFilePath();
        if (!canonical.isEmpty()) {
            return rest.isEmpty() ? canonical : QDir::cleanPath(canonical + u'/' + rest);
        }
        const qsizetype slash = existing.lastIndexOf(u'/');
        const QString name = existing.mid(slash + 1);
        rest = rest.isEmpty() ? name : name + u'/' + rest;
        existing = slash <= 0 ? u"/"_s : existing.left(slash);
    }
    return absolute;
}

FileHistoryResult FileHistoryLoader::compute(const QString &path,
                                             const Restore::ZfsMounts &mounts,
                                             const Restore::ZfsSnapshotQuery &query,
                                             const std::atomic<bool> *cancel)
{
    FileHistoryResult result;
    if (path.trimmed().isEmpty()) {
        result.error = tr("No file was given.");
        return result;
    }
    QString livePath = resolvePath(path);
    const std::optional<Restore::FileLocation> location = mounts.locate(livePath);
    if (!location) {
        result.error = tr("%1 is not on a mounted ZFS filesystem, so it has no snapshots.").arg(livePath);
        return result;
    }
    result.mount = location->mount;
    // From the mount point: a path inside .zfs/snapshot/NAME/ stands for the file it was a version of.
    const QString relative = location->relativePath;
    livePath =
        relative.isEmpty() ? location->mount.mountPoint : QDir::cleanPath(location->mount.mountPoint + u'/' + relative);
    QString listError;
    const QList<Restore::SnapshotEntry> snapshots =
        Restore::SnapshotCatalog::list(location->mount.mountPoint, location->mount.dataset, query, &listError);
    if (snapshots.isEmpty() && !listError.isEmpty()) {
        result.error = tr("The snapshots of %1 cannot be listed: %2").arg(location->mount.dataset, listError);
        return result;
    }
    if (cancel && cancel->load()) {
        result.history.cancelled = true;
        return result;
    }
    result.history = Restore::computeHistory(livePath, relative, snapshots, cancel);
    return result;
}

}  // namespace Gui
