// SPDX-License-Identifier: MIT
#include "shared/restore/VersionHistory.h"

#include <QFile>
#include <QTimeZone>

#include <cerrno>
#include <sys/stat.h>

using namespace Qt::StringLiterals;

namespace Restore {

QDateTime FileState::modified() const
{
    return QDateTime::fromMSecsSinceEpoch(mtimeNs / 1000000, Qt::UTC);
}

FileState FileState::of(const QString &path)
{
    FileState state;
    struct stat st{};
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0) {
        // ENOENT/ENOTDIR: not there. Anything else (EACCES on a directory of the snapshot) is kept to be said.
        state.error = (errno == ENOENT || errno == ENOTDIR) ? 0 : errno;
        return state;
    }
    if (S_ISREG(st.st_mode)) {
        state.type = Type::File;
    } else if (S_ISDIR(st.st_mode)) {
        state.type = Type::Directory;
    } else if (S_ISLNK(st.st_mode)) {
        state.type = Type::Symlink;
    } else {
        state.type = Type::Other;
    }
    // A folder's size says nothing about its content: it would split versions that are the same.
    state.size = state.type == Type::Directory ? 0 : qint64(st.st_size);
    state.mtimeNs = qint64(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    state.inode = st.st_ino;
    state.mode = st.st_mode & 07777;
    state.uid = st.st_uid;
    return state;
}

QString FileHistory::pathIn(int snapshotIndex) const
{
    const QString &root = snapshots.at(snapshotIndex).root;
    return relativePath.isEmpty() ? root : root + u'/' + relativePath;
}

int FileHistory::contentVersions() const
{
    int count = 0;
    for (const FileVersion &version : versions) {
        count += version.state.exists() ? 1 : 0;
    }
    return count;
}

FileHistory computeHistory(const QString &livePath, const QString &relativePath, const QList<SnapshotEntry> &snapshots,
                           const std::atomic<bool> *cancel)
{
    FileHistory history;
    history.livePath = livePath;
    history.relativePath = relativePath;
    history.snapshots = snapshots;
    history.live = FileState::of(livePath);
    for (int i = 0; i < snapshots.size(); ++i) {
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            history.cancelled = true;
            break;
        }
        const FileState state = FileState::of(history.pathIn(i));
        if (!history.versions.isEmpty()) {
            FileVersion &last = history.versions.last();
            // Consecutive snapshots with the same content are one version; so are consecutive ones without it,
            // unless they failed differently (a denied folder is not "did not exist").
            if (last.oldest == i - 1 && last.state.sameContentAs(state) && last.state.error == state.error) {
                last.oldest = i;
                continue;
            }
        }
        FileVersion version;
        version.state = state;
        version.newest = version.oldest = i;
        version.current = state.exists() && history.live.exists() && state.sameContentAs(history.live);
        history.versions.append(version);
    }
    return history;
}

}  // namespace Restore
