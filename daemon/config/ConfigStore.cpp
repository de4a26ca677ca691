// SPDX-License-Identifier: MIT
#include "daemon/config/ConfigStore.h"

#include <cerrno>
#include <cstring>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Config {

namespace {

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

bool writeAll(int fd, const QByteArray &bytes)
{
    qsizetype done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.constData() + done, size_t(bytes.size() - done));
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return false;
        }
        done += n;
    }
    return true;
}

// A temp file in the target's directory (a rename is atomic only within one filesystem) holding `bytes`, synced,
// with the given mode and owner. Its path, or nullopt with `error` set (and nothing left behind).
std::optional<QByteArray>
writeTemp(const QString &target, const QByteArray &bytes, const struct stat *like, QString *error)
{
    const QFileInfo info(target);
    QByteArray pattern = QFile::encodeName(info.absolutePath() + u"/."_s + info.fileName() + u".XXXXXX"_s);
    const int fd = ::mkostemp(pattern.data(), O_CLOEXEC);
    if (fd < 0) {
        const int saved = errno;
        *error = u"cannot create a temporary file in %1: %2"_s.arg(info.absolutePath(), systemError(saved));
        if (saved == EACCES || saved == EROFS || saved == EPERM) {
            *error += u" (the directory must be writable by the daemon)"_s;
        }
        return std::nullopt;
    }
    const QString tempName = QFile::decodeName(pattern);
    QString failed;
    if (!writeAll(fd, bytes)) {
        failed = u"cannot write %1: %2"_s.arg(tempName, systemError(errno));
    } else if (::fsync(fd) != 0) {
        failed = u"cannot sync %1 to disk: %2"_s.arg(tempName, systemError(errno));
    } else if (like) {
        if (::fchmod(fd, like->st_mode & 07777) != 0) {
            failed = u"cannot give %1 the mode of %2: %3"_s.arg(tempName, target, systemError(errno));
        } else if ((like->st_uid != ::geteuid() || like->st_gid != ::getegid())
                   && ::fchown(fd, like->st_uid, like->st_gid) != 0) {
            failed = u"cannot give %1 the owner of %2 (uid %3, gid %4): %5"_s.arg(tempName, target)
                         .arg(like->st_uid)
                         .arg(like->st_gid)
                         .arg(systemError(errno));
        }
    }
    if (::close(fd) != 0 && failed.isEmpty()) {
        failed = u"cannot write %1: %2"_s.arg(tempName, systemError(errno));
    }
    if (!failed.isEmpty()) {
        ::unlink(pattern.constData());
        *error = failed;
        return std::nullopt;
    }
    return pattern;
}

bool syncDirectory(const QString &directory, QString *error)
{
    const int fd = ::open(QFile::encodeName(directory).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
        *error = u"cannot sync the directory %1: %2"_s.arg(directory, systemError(errno));
        if (fd >= 0) {
            ::close(fd);
        }
        return false;
    }
    ::close(fd);
    return true;
}

}  // namespace

ConfigStore::ConfigStore(QString path)
    : m_path(std::move(path))
{}

QString ConfigStore::versionOf(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

std::optional<ConfigStore::Contents> ConfigStore::read(QString *error) const
{
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read %1: %2"_s.arg(m_path, file.errorString());
        return std::nullopt;
    }
    Contents contents;
    contents.bytes = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        *error = u"cannot read %1: %2"_s.arg(m_path, file.errorString());
        return std::nullopt;
    }
    contents.version = versionOf(contents.bytes);
    return contents;
}

ConfigStore::WriteResult ConfigStore::write(const QByteArray &bytes, const QString &baseVersion)
{
    WriteResult result;
    // Replace the file a symbolic link points to, not the link.
    const QFileInfo linkInfo(m_path);
    const QString target =
        linkInfo.isSymLink() && linkInfo.exists() ? linkInfo.canonicalFilePath() : linkInfo.absoluteFilePath();
    const QString directory = QFileInfo(target).absolutePath();
    if (!QFileInfo(directory).isDir()) {
        result.error = u"cannot write %1: the directory %2 does not exist"_s.arg(m_path, directory);
        return result;
    }

    // The version check, just before writing: what the caller edited must still be what is there.
    QByteArray previous;

    struct stat previousStat
    {};

    bool exists = false;
    const int fd = ::open(QFile::encodeName(target).constData(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        exists = ::fstat(fd, &previousStat) == 0;
        if (exists && !S_ISREG(previousStat.st_mode)) {
            ::close(fd);
            result.error = u"cannot write %1: it is not a regular file"_s.arg(target);
            return result;
        }
        QFile file;
        if (!exists || !file.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
            const int saved = errno;
            ::close(fd);
            result.error = u"cannot read %1: %2"_s.arg(target, systemError(saved));
            return result;
        }
        previous = file.readAll();
    } else if (errno != ENOENT) {
        result.error = u"cannot read %1: %2"_s.arg(target, systemError(errno));
        return result;
    }
    const QString current = exists ? versionOf(previous) : QString();
    if (current != baseVersion) {
        result.outcome = Outcome::Conflict;
        result.version = current;
        return result;
    }

    const std::optional<QByteArray> temp = writeTemp(target, bytes, exists ? &previousStat : nullptr, &result.error);
    if (!temp) {
        return result;
    }
    if (beforeRenameForTest) {
        beforeRenameForTest();
    }
    if (exists) {
        const QString backup = target + u".bak"_s;
        const std::optional<QByteArray> backupTemp = writeTemp(backup, previous, &previousStat, &result.error);
        if (!backupTemp) {
            ::unlink(temp->constData());
            return result;
        }
        if (::rename(backupTemp->constData(), QFile::encodeName(backup).constData()) != 0) {
            result.error = u"cannot replace %1: %2"_s.arg(backup, systemError(errno));
            ::unlink(backupTemp->constData());
            ::unlink(temp->constData());
            return result;
        }
    }
    if (::rename(temp->constData(), QFile::encodeName(target).constData()) != 0) {
        result.error = u"cannot replace %1: %2"_s.arg(target, systemError(errno));
        ::unlink(temp->constData());
        return result;
    }
    // The rename is durable only once the directory entry is on disk. The new file is in place either way: a
    // failed sync is reported with the success.
    syncDirectory(directory, &result.error);
    result.outcome = Outcome::Written;
    result.version = versionOf(bytes);
    return result;
}

}  // namespace Config
