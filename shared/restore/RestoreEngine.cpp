// SPDX-License-Identifier: MIT
#include "shared/restore/RestoreEngine.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QRandomGenerator>
#include <QSet>

#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "shared/restore/VersionHistory.h"

using namespace Qt::StringLiterals;

namespace Restore {

namespace {

QByteArray encoded(const QString &path)
{
    return QFile::encodeName(path);
}

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

bool lexists(const QString &path)
{
    struct stat st{};
    return ::lstat(encoded(path).constData(), &st) == 0;
}

QString parentOf(const QString &path)
{
    return QFileInfo(path).absolutePath();
}

QString stamp(const QDateTime &time)
{
    return time.toLocalTime().toString(u"yyyy-MM-dd HH.mm"_s);
}

// renameat2 without glibc's wrapper (older glibc lacks it; the syscall is in every kernel we run on).
int renameat2(const QString &from, const QString &to, unsigned int flags)
{
    return int(::syscall(SYS_renameat2, AT_FDCWD, encoded(from).constData(), AT_FDCWD, encoded(to).constData(), flags));
}

constexpr unsigned int NoReplace = 1;  // RENAME_NOREPLACE
constexpr unsigned int Exchange = 2;  // RENAME_EXCHANGE

bool unsupported(int error)
{
    return error == EINVAL || error == ENOSYS || error == EOPNOTSUPP;
}

// Renames without ever replacing what is at `to`. OpenZFS before 2.2 refuses renameat2's flags: then a file is
// linked and unlinked (link fails on an existing name), a folder renamed after a check.
bool renameNoReplace(const QString &from, const QString &to)
{
    if (renameat2(from, to, NoReplace) == 0) {
        return true;
    }
    if (!unsupported(errno)) {
        return false;
    }
    struct stat st{};
    if (::lstat(encoded(from).constData(), &st) != 0) {
        return false;
    }
    if (!S_ISDIR(st.st_mode)) {
        if (::link(encoded(from).constData(), encoded(to).constData()) != 0) {
            if (errno != EPERM && errno != EMLINK) {
                return false;
            }
        } else {
            return ::unlink(encoded(from).constData()) == 0;
        }
    }
    if (lexists(to)) {
        errno = EEXIST;
        return false;
    }
    return ::rename(encoded(from).constData(), encoded(to).constData()) == 0;
}

// Removes a tree this engine created (its temporary copy), making folders writable first: a restored read-only
// folder could not be emptied otherwise.
void removeTree(const QString &path)
{
    struct stat st{};
    const QByteArray name = encoded(path);
    if (::lstat(name.constData(), &st) != 0) {
        return;
    }
    if (!S_ISDIR(st.st_mode)) {
        ::unlink(name.constData());
        return;
    }
    ::chmod(name.constData(), 0700);
    if (DIR *dir = ::opendir(name.constData())) {
        QStringList children;
        while (dirent *entry = ::readdir(dir)) {
            if (std::strcmp(entry->d_name, ".") != 0 && std::strcmp(entry->d_name, "..") != 0) {
                children.append(path + u'/' + QFile::decodeName(entry->d_name));
            }
        }
        ::closedir(dir);
        for (const QString &child : children) {
            removeTree(child);
        }
    }
    ::rmdir(name.constData());
}

void syncDirectory(const QString &path)
{
    const int fd = ::open(encoded(path).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

// One run's state: what was done, what was left out, and the error that stops it.
class Copier
{
    Q_DECLARE_TR_FUNCTIONS(Restore::RestoreEngine)

public:
    Copier(const RestorePlan &plan, const std::atomic<bool> *cancel,
           const std::function<void(const RestoreProgress &)> &progress, RestoreResult &result)
        : m_plan(plan)
        , m_cancel(cancel)
        , m_report(progress)
        , m_result(result)
        , m_root(::geteuid() == 0)
    {}

    bool cancelled() const
    {
        return m_cancel && m_cancel->load(std::memory_order_relaxed);
    }
    bool failed() const
    {
        return !m_error.isEmpty();
    }
    QString error() const
    {
        return m_error;
    }

    void count(const QString &path)
    {
        if (cancelled()) {
            return;
        }
        struct stat st{};
        if (::lstat(encoded(path).constData(), &st) != 0) {
            return;
        }
        if (S_ISREG(st.st_mode)) {
            ++m_progress.filesTotal;
            m_progress.bytesTotal += st.st_size;
        } else if (S_ISDIR(st.st_mode)) {
            if (DIR *dir = ::opendir(encoded(path).constData())) {
                QStringList children;
                while (dirent *entry = ::readdir(dir)) {
                    if (std::strcmp(entry->d_name, ".") != 0 && std::strcmp(entry->d_name, "..") != 0) {
                        children.append(QFile::decodeName(entry->d_name));
                    }
                }
                ::closedir(dir);
                for (const QString &child : children) {
                    count(path + u'/' + child);
                }
            }
        }
        if ((m_progress.filesTotal & 255) == 0) {
            report(true);
        }
    }

    // Copies `source` to `target` (which must not exist); `relative` names it for messages.
    void copy(const QString &source, const QString &target, const QString &relative)
    {
        if (cancelled() || failed()) {
            return;
        }
        struct stat st{};
        if (::lstat(encoded(source).constData(), &st) != 0) {
            const int error = errno;
            if (relative.isEmpty() || !sourceStillThere()) {
                fail(readError(source, error));
            } else {
                skip(relative, errnoText(error));
            }
            return;
        }
        m_progress.current = relative;
        if (S_ISDIR(st.st_mode)) {
            copyDirectory(source, target, relative, st);
        } else if (S_ISREG(st.st_mode)) {
            copyFile(source, target, relative, st);
        } else if (S_ISLNK(st.st_mode)) {
            copySymlink(source, target, relative, st);
        } else {
            skip(relative.isEmpty() ? QFileInfo(source).fileName() : relative,
                 tr("a special file (device, pipe or socket); such files are not restored"));
        }
        if (!m_root && st.st_uid != ::getuid()) {
            ++m_foreignOwners;
        }
    }

    void finishWarnings()
    {
        if (m_foreignOwners > 0) {
            m_result.warnings.append(tr("%n restored item(s) belonged to another user; the restored copies belong to you",
                                        nullptr, m_foreignOwners));
        }
        if (m_ownershipFailures > 0) {
            m_result.warnings.append(tr("the owner of %n restored item(s) could not be kept: they belong to you",
                                        nullptr, m_ownershipFailures));
        }
        for (const QString &space : std::as_const(m_xattrFailures)) {
            m_result.warnings.append(tr("extended attributes in the \"%1\" namespace could not be kept "
                                        "(not allowed here, or not supported by the target filesystem)")
                                         .arg(space));
        }
    }

    void report(bool force = false)
    {
        if (m_report && (force || m_progress.bytesDone - m_lastReported >= 64 * 1024)) {
            m_lastReported = m_progress.bytesDone;
            m_report(m_progress);
        }
    }
    RestoreProgress &progress()
    {
        return m_progress;
    }

    void fail(const QString &error)
    {
        if (m_error.isEmpty()) {
            m_error = error;
        }
    }

private:
    bool sourceStillThere() const
    {
        return lexists(m_plan.request.source);
    }

    QString readError(const QString &path, int error) const
    {
        if (!sourceStillThere()) {
            return tr("The snapshot holding %1 is gone: it was destroyed (pruned?) while restoring").arg(path);
        }
        if (error == EACCES || error == EPERM) {
            return tr("You may not read %1 (permission denied). Files of other users can be restored by them or by "
                      "an administrator.")
                .arg(path);
        }
        return tr("%1 could not be read: %2").arg(path, errnoText(error));
    }

    QString writeError(const QString &path, int error) const
    {
        if (error == ENOSPC || error == EDQUOT) {
            // Named by the folder the user chose, not by the hidden temporary path being written.
            const QLocale locale;
            return tr("The disk is full: %1 has no room left (%2 of %3 restored). Free some space and restore "
                      "again.")
                .arg(parentOf(m_plan.target), locale.formattedDataSize(m_progress.bytesDone),
                     locale.formattedDataSize(m_progress.bytesTotal));
        }
        if (error == EACCES || error == EPERM || error == EROFS) {
            return tr("You may not write %1: %2").arg(path, errnoText(error));
        }
        return tr("%1 could not be written: %2").arg(path, errnoText(error));
    }

    void skip(const QString &relative, const QString &reason)
    {
        m_result.skipped.append(u"%1: %2"_s.arg(relative, reason));
    }

    void copyXattrs(int from, int to, const QString &relative)
    {
        Q_UNUSED(relative)
        const ssize_t size = ::flistxattr(from, nullptr, 0);
        if (size <= 0) {
            return;
        }
        QByteArray names(size, '\0');
        const ssize_t got = ::flistxattr(from, names.data(), names.size());
        if (got <= 0) {
            return;
        }
        for (const QByteArray &name : names.left(got).split('\0')) {
            if (name.isEmpty()) {
                continue;
            }
            const ssize_t valueSize = ::fgetxattr(from, name.constData(), nullptr, 0);
            if (valueSize < 0) {
                continue;
            }
            QByteArray value(valueSize, '\0');
            const ssize_t read = ::fgetxattr(from, name.constData(), value.data(), value.size());
            if (read < 0 || ::fsetxattr(to, name.constData(), value.constData(), size_t(read), 0) != 0) {
                m_xattrFailures.insert(QString::fromLatin1(name.left(name.indexOf('.'))));
            }
        }
    }

    // Root keeps the owners; a filesystem that refuses one (NFS with root squash) is said once at the end.
    void noteOwnership(int chownResult)
    {
        if (chownResult != 0) {
            ++m_ownershipFailures;
        }
    }

    void applyTimes(const QString &target, const struct stat &st, bool symlink)
    {
        const timespec times[2] = {st.st_atim, st.st_mtim};
        ::utimensat(AT_FDCWD, encoded(target).constData(), times, symlink ? AT_SYMLINK_NOFOLLOW : 0);
    }

    void copyFile(const QString &source, const QString &target, const QString &relative, const struct stat &st)
    {
        const int in = ::open(encoded(source).constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
        if (in < 0) {
            const int error = errno;
            if (relative.isEmpty() || !sourceStillThere()) {
                fail(readError(source, error));
            } else {
                skip(relative, (error == EACCES || error == EPERM) ? tr("not readable by you (permission denied)")
                                                                    : errnoText(error));
            }
            m_progress.filesDone += 1;
            m_progress.bytesDone += st.st_size;  // counted as handled, so that progress still reaches the end
            return;
        }
        const int out = ::open(encoded(target).constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (out < 0) {
            fail(writeError(target, errno));
            ::close(in);
            return;
        }
        QByteArray buffer(1024 * 1024, Qt::Uninitialized);
        bool ok = true;
        while (!cancelled()) {
            const ssize_t got = ::read(in, buffer.data(), buffer.size());
            if (got == 0) {
                break;
            }
            if (got < 0) {
                if (errno == EINTR) {
                    continue;
                }
                fail(readError(source, errno));
                ok = false;
                break;
            }
            for (ssize_t written = 0; written < got && ok;) {
                const ssize_t put = ::write(out, buffer.constData() + written, size_t(got - written));
                if (put < 0) {
                    if (errno == EINTR) {
                        continue;
                    }
                    fail(writeError(target, errno));
                    ok = false;
                    break;
                }
                written += put;
            }
            if (!ok) {
                break;
            }
            m_progress.bytesDone += got;
            report();
        }
        if (ok && !cancelled()) {
            copyXattrs(in, out, relative);
            if (m_root) {
                noteOwnership(::fchown(out, st.st_uid, st.st_gid));
            }
            ::fchmod(out, st.st_mode & 07777);
            const timespec times[2] = {st.st_atim, st.st_mtim};
            ::futimens(out, times);
            // A single file is synced here; a folder's files all at once with syncfs before the rename.
            if (relative.isEmpty() && ::fsync(out) != 0) {
                fail(writeError(target, errno));
            }
        }
        if (::close(out) != 0 && ok && !failed()) {
            fail(writeError(target, errno));  // NFS and quota errors can surface only here
        }
        ::close(in);
        ++m_progress.filesDone;
        ++m_result.files;
        m_result.bytes += st.st_size;
        report(true);
    }

    void copySymlink(const QString &source, const QString &target, const QString &relative, const struct stat &st)
    {
        QByteArray link(PATH_MAX, '\0');
        const ssize_t size = ::readlink(encoded(source).constData(), link.data(), link.size());
        if (size < 0) {
            relative.isEmpty() ? fail(readError(source, errno)) : skip(relative, errnoText(errno));
            return;
        }
        link.truncate(size);
        if (::symlink(link.constData(), encoded(target).constData()) != 0) {
            fail(writeError(target, errno));
            return;
        }
        if (m_root) {
            noteOwnership(::lchown(encoded(target).constData(), st.st_uid, st.st_gid));
        }
        applyTimes(target, st, true);
        ++m_result.symlinks;
    }

    void copyDirectory(const QString &source, const QString &target, const QString &relative, const struct stat &st)
    {
        if (::mkdir(encoded(target).constData(), 0700) != 0) {
            fail(writeError(target, errno));
            return;
        }
        ++m_result.directories;
        DIR *dir = ::opendir(encoded(source).constData());
        if (!dir) {
            const int error = errno;
            if (relative.isEmpty() || !sourceStillThere()) {
                fail(readError(source, error));
                return;
            }
            skip(relative, (error == EACCES || error == EPERM)
                               ? tr("folder not readable by you (permission denied); restored empty")
                               : errnoText(error));
        } else {
            QStringList children;
            while (dirent *entry = ::readdir(dir)) {
                if (std::strcmp(entry->d_name, ".") != 0 && std::strcmp(entry->d_name, "..") != 0) {
                    children.append(QFile::decodeName(entry->d_name));
                }
            }
            ::closedir(dir);
            children.sort();
            for (const QString &child : std::as_const(children)) {
                copy(source + u'/' + child, target + u'/' + child, relative.isEmpty() ? child : relative + u'/' + child);
                if (cancelled() || failed()) {
                    return;
                }
            }
        }
        // After the children: their creation changed the folder's times, and a read-only mode would have
        // refused them.
        const int from = ::open(encoded(source).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        const int to = ::open(encoded(target).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (from >= 0 && to >= 0) {
            copyXattrs(from, to, relative);
        }
        if (from >= 0) {
            ::close(from);
        }
        if (to >= 0) {
            if (m_root) {
                noteOwnership(::fchown(to, st.st_uid, st.st_gid));
            }
            ::fchmod(to, st.st_mode & 07777);
            const timespec times[2] = {st.st_atim, st.st_mtim};
            ::futimens(to, times);
            ::close(to);
        }
    }

    const RestorePlan &m_plan;
    const std::atomic<bool> *m_cancel;
    const std::function<void(const RestoreProgress &)> &m_report;
    RestoreResult &m_result;
    const bool m_root;
    RestoreProgress m_progress;
    qint64 m_lastReported = -1;
    QString m_error;
    int m_foreignOwners = 0;
    int m_ownershipFailures = 0;
    QSet<QString> m_xattrFailures;
};

// What a copy's name says it is: the caller's label, else the snapshot's time, else now.
QString copyLabel(const RestoreRequest &request, const QDateTime &now)
{
    if (!request.copyLabel.isEmpty()) {
        return request.copyLabel;
    }
    return RestoreEngine::tr("from %1").arg(stamp(request.snapshotTime.isValid() ? request.snapshotTime : now));
}

}  // namespace

QString RestoreEngine::freeName(const QString &folder, const QString &fileName, const QString &label, bool isDirectory)
{
    QString base = fileName;
    QString extension;
    const qsizetype dot = fileName.lastIndexOf(u'.');
    if (!isDirectory && dot > 0 && fileName.size() - dot <= 8) {
        base = fileName.left(dot);
        extension = fileName.mid(dot);
        if (base.endsWith(u".tar"_s)) {
            base.chop(4);
            extension.prepend(u".tar"_s);
        }
    }
    for (int n = 1;; ++n) {
        const QString decorated = n == 1 ? u"%1 (%2)%3"_s.arg(base, label, extension)
                                         : u"%1 (%2 %3)%4"_s.arg(base, label).arg(n).arg(extension);
        const QString candidate = folder + u'/' + decorated;
        if (!lexists(candidate)) {
            return candidate;
        }
    }
}

RestorePlan RestoreEngine::plan(const RestoreRequest &request)
{
    RestorePlan plan;
    plan.request = request;
    const QDateTime now = request.now.isValid() ? request.now : QDateTime::currentDateTime();
    const FileState source = FileState::of(request.source);
    if (!source.exists()) {
        plan.error = source.error == EACCES || source.error == EPERM
                         ? tr("You may not read %1 (permission denied). Files of other users can be restored by them "
                              "or by an administrator.")
                               .arg(request.source)
                         : tr("%1 is not in the snapshot (any more): the snapshot may have been destroyed.")
                               .arg(request.source);
        return plan;
    }
    if (source.type == FileState::Type::Other) {
        plan.error = tr("%1 is a special file (device, pipe or socket): it cannot be restored.").arg(request.source);
        return plan;
    }
    if (source.type == FileState::Type::File && ::access(encoded(request.source).constData(), R_OK) != 0) {
        plan.error = tr("You may not read %1 (permission denied). Files of other users can be restored by them or by "
                        "an administrator.")
                         .arg(request.source);
        return plan;
    }
    plan.isDirectory = source.type == FileState::Type::Directory;
    // A backup's file has no place of its own here: it goes into a folder under its name in the snapshot.
    const QString name = QFileInfo(request.original.isEmpty() ? request.source : request.original).fileName();
    if (request.original.isEmpty() && request.mode != RestoreMode::IntoFolder) {
        plan.error = tr("%1 has no place to go back to: restore it into a folder.").arg(request.source);
        return plan;
    }
    const QString from = copyLabel(request, now);
    QString folder;
    switch (request.mode) {
    case RestoreMode::Replace:
        folder = parentOf(request.original);
        plan.target = request.original;
        if (lexists(request.original)) {
            plan.keptAs = freeName(folder, name, tr("before restore %1").arg(stamp(now)),
                                   FileState::of(request.original).type == FileState::Type::Directory);
        }
        break;
    case RestoreMode::Copy:
        folder = parentOf(request.original);
        plan.target = freeName(folder, name, from, plan.isDirectory);
        break;
    case RestoreMode::IntoFolder:
        folder = QDir::cleanPath(request.folder);
        plan.target = folder + u'/' + name;
        if (lexists(plan.target)) {
            plan.target = freeName(folder, name, from, plan.isDirectory);
        }
        break;
    }
    const QFileInfo folderInfo(folder);
    if (!folderInfo.isDir()) {
        plan.error = tr("The folder %1 does not exist (any more): choose a folder to restore into.").arg(folder);
    } else if (::access(encoded(folder).constData(), W_OK | X_OK) != 0) {
        plan.error = tr("You may not create files in %1 (permission denied): choose a folder to restore into.").arg(folder);
    }
    if (!plan.error.isEmpty()) {
        plan.target.clear();
        plan.keptAs.clear();
        return plan;
    }
    const QString leftoverPrefix = u'.' + QFileInfo(plan.target).fileName().left(100) + u".holdfast-restore-"_s;
    const QString originalPrefix = u'.' + name.left(100) + u".holdfast-restore-"_s;
    for (const QString &entry : QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot)) {
        if (entry.startsWith(leftoverPrefix) || entry.startsWith(originalPrefix)) {
            plan.leftovers.append(folder + u'/' + entry);
        }
    }
    return plan;
}

QString RestorePlan::describe() const
{
    if (!ok()) {
        return error;
    }
    const QString what = isDirectory ? RestoreEngine::tr("The folder %1 and everything in it").arg(request.source)
                                     : RestoreEngine::tr("The file %1").arg(request.source);
    QString text = keptAs.isEmpty()
                       ? RestoreEngine::tr("%1 will be restored as %2. Nothing existing is changed.").arg(what, target)
                       : RestoreEngine::tr("%1 will be restored as %2. What is there now is not deleted: it is renamed "
                                           "to %3.")
                             .arg(what, target, keptAs);
    if (!leftovers.isEmpty()) {
        text += u' '
                + RestoreEngine::tr("An earlier restore that did not finish left %1; delete it once no restore is "
                                    "running.", nullptr, int(leftovers.size()))
                      .arg(leftovers.join(u", "_s));
    }
    return text;
}

QString RestoreResult::summary() const
{
    QString counts = RestoreEngine::tr("%n file(s)", nullptr, files);
    if (directories > 0) {
        counts += u", "_s + RestoreEngine::tr("%n folder(s)", nullptr, directories);
    }
    if (symlinks > 0) {
        counts += u", "_s + RestoreEngine::tr("%n link(s)", nullptr, symlinks);
    }
    QString text;
    switch (outcome) {
    case Outcome::Restored:
        text = RestoreEngine::tr("Restored %1 (%2) as %3.").arg(counts, QLocale().formattedDataSize(bytes), target);
        if (!keptAs.isEmpty()) {
            text += u' ' + RestoreEngine::tr("The previous version is kept as %1.").arg(keptAs);
        }
        if (!skipped.isEmpty()) {
            text += u' ' + RestoreEngine::tr("%n item(s) could not be restored.", nullptr, int(skipped.size()));
        }
        break;
    case Outcome::Cancelled:
        text = RestoreEngine::tr("Restore cancelled. Nothing was changed.");
        break;
    case Outcome::Failed:
        text = RestoreEngine::tr("Restore failed: %1").arg(error);
        if (!partial.isEmpty()) {
            text += u' '
                    + RestoreEngine::tr("What was restored so far (%1) is kept apart as %2; the original was not "
                                        "touched.")
                          .arg(counts, partial);
        } else {
            text += u' ' + RestoreEngine::tr("Nothing was changed.");
        }
        break;
    }
    return text;
}

RestoreResult RestoreEngine::run(const RestorePlan &plan, const std::atomic<bool> *cancel,
                                 const std::function<void(const RestoreProgress &)> &progress)
{
    RestoreResult result;
    if (!plan.ok()) {
        result.error = plan.error;
        return result;
    }
    Copier copier(plan, cancel, progress, result);
    copier.count(plan.request.source);
    if (copier.cancelled()) {
        result.outcome = RestoreResult::Outcome::Cancelled;
        return result;
    }

    const QString folder = parentOf(plan.target);
    const QString name = QFileInfo(plan.target).fileName();
    const QString originalName =
        QFileInfo(plan.request.original.isEmpty() ? plan.request.source : plan.request.original).fileName();
    // Hidden and in the target's folder: the final rename stays on one filesystem, so it is atomic.
    QString temporary;
    do {
        const QString suffix = QString::number(QRandomGenerator::global()->generate() & 0xffffff, 16);
        temporary = folder + u"/."_s + name.left(100) + u".holdfast-restore-"_s + suffix;
    } while (lexists(temporary));

    copier.progress().phase = RestoreProgress::Phase::Copying;
    copier.report(true);
    copier.copy(plan.request.source, temporary, QString());
    copier.finishWarnings();
    const QDateTime now = plan.request.now.isValid() ? plan.request.now : QDateTime::currentDateTime();

    if (copier.cancelled()) {
        removeTree(temporary);
        result.outcome = RestoreResult::Outcome::Cancelled;
        return result;
    }
    const auto failWith = [&](const QString &error) {
        result.outcome = RestoreResult::Outcome::Failed;
        result.error = error;
        if (plan.isDirectory && lexists(temporary)) {
            // What was copied may be worth having, but never under the real name nor mixed into the original.
            const QString partial = freeName(folder, originalName, tr("incomplete restore %1").arg(stamp(now)), true);
            if (renameNoReplace(temporary, partial)) {
                result.partial = partial;
                return result;
            }
            result.partial = temporary;
            return result;
        }
        removeTree(temporary);
        return result;
    };
    if (copier.failed()) {
        return failWith(copier.error());
    }

    copier.progress().phase = RestoreProgress::Phase::Finishing;
    copier.report(true);
    if (plan.isDirectory) {
        const int fd = ::open(encoded(temporary).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd >= 0) {
            const int synced = ::syncfs(fd);
            const int error = errno;
            ::close(fd);
            if (synced != 0) {
                return failWith(tr("The restored copy could not be written to disk: %1").arg(errnoText(error)));
            }
        }
    }

    QString target = plan.target;
    QString keptAs;
    if (plan.request.mode == RestoreMode::Replace && lexists(plan.request.original)) {
        // Planned with nothing there, or its planned name taken since: a free name now.
        keptAs = plan.keptAs.isEmpty() || lexists(plan.keptAs)
                     ? freeName(folder, originalName, tr("before restore %1").arg(stamp(now)),
                                QFileInfo(plan.request.original).isDir())
                     : plan.keptAs;
        // Swapped in one step where the filesystem can (OpenZFS 2.2+): the real name never misses a complete file.
        if (renameat2(temporary, target, Exchange) == 0) {
            if (!renameNoReplace(temporary, keptAs)) {
                result.warnings.append(tr("The previous version could not be renamed to %1 (%2); it is kept as %3.")
                                           .arg(keptAs, errnoText(errno), temporary));
                keptAs = temporary;
            }
        } else if (!unsupported(errno)) {
            return failWith(tr("%1 could not be replaced: %2").arg(target, errnoText(errno)));
        } else {
            if (!renameNoReplace(target, keptAs)) {
                return failWith(tr("%1 could not be moved aside to %2: %3").arg(target, keptAs, errnoText(errno)));
            }
            if (!renameNoReplace(temporary, target)) {
                const int error = errno;
                renameNoReplace(keptAs, target);  // put the current one back: better than nothing under the name
                return failWith(tr("%1 could not be restored under its name: %2").arg(target, errnoText(error)));
            }
        }
    } else if (!renameNoReplace(temporary, target)) {
        if (errno != EEXIST) {
            return failWith(tr("%1 could not be created: %2").arg(target, errnoText(errno)));
        }
        // Something took the name while copying: never overwrite it; take a free name instead.
        target = freeName(folder, originalName,
                          copyLabel(plan.request, now),
                          plan.isDirectory);
        if (!renameNoReplace(temporary, target)) {
            return failWith(tr("%1 could not be created: %2").arg(target, errnoText(errno)));
        }
    }
    syncDirectory(folder);
    result.outcome = RestoreResult::Outcome::Restored;
    result.target = target;
    result.keptAs = keptAs;
    return result;
}

}  // namespace Restore
