// SPDX-License-Identifier: MIT
#include "app/core/VersionOpener.h"

#include <cerrno>
#include <cstdlib>

#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <sys/stat.h>
#include <unistd.h>

#include "app/core/BackgroundTask.h"
#include "shared/restore/RestoreEngine.h"
#include "shared/restore/VersionHistory.h"

using namespace Qt::StringLiterals;

namespace Gui {

namespace {

constexpr auto CopyLifetime = std::chrono::hours(24);

struct CopyOutcome
{
    QString path;
    QString error;
};

// The private folder: made 0700 if missing; refused when it is a link or someone else's (another user could
// otherwise read the versions, or swap in a link).
bool ensurePrivate(const QString &directory, QString *error)
{
    const QByteArray path = QFile::encodeName(directory);
    if (::mkdir(path.constData(), 0700) != 0 && errno != EEXIST) {
        *error = VersionOpener::tr("%1 cannot be made: %2").arg(directory, qt_error_string(errno));
        return false;
    }
    struct stat info = {};
    if (::lstat(path.constData(), &info) != 0) {
        *error = VersionOpener::tr("%1 cannot be read: %2").arg(directory, qt_error_string(errno));
        return false;
    }
    if (!S_ISDIR(info.st_mode) || info.st_uid != ::getuid()) {
        *error = VersionOpener::tr("%1 is not a folder of yours: the version is not copied there.").arg(directory);
        return false;
    }
    if ((info.st_mode & 077) != 0 && ::chmod(path.constData(), 0700) != 0) {
        *error = VersionOpener::tr("%1 cannot be made private: %2").arg(directory, qt_error_string(errno));
        return false;
    }
    return true;
}

void removeOldCopies(const QString &directory)
{
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-std::chrono::seconds(CopyLifetime).count());
    const QFileInfoList folders = QDir(directory).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::NoSymLinks);
    for (const QFileInfo &folder : folders) {
        if (folder.lastModified().toUTC() < before) {
            QDir(folder.absoluteFilePath()).removeRecursively();
        }
    }
}

}  // namespace

VersionOpener::VersionOpener(QObject *parent)
    : QObject(parent)
    , m_launcher([](const QUrl &url) { return QDesktopServices::openUrl(url); })
{
    // The session's own tmpfs, gone at logout; read directly, since QStandardPaths makes one up when it is unset.
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    m_base = !runtime.isEmpty() && QFileInfo(runtime).isDir() ? runtime : QDir::tempPath();
}

void VersionOpener::setLauncher(Launcher launcher)
{
    m_launcher = std::move(launcher);
}

void VersionOpener::setBaseDirectory(const QString &directory)
{
    m_base = directory;
}

QString VersionOpener::privateDirectory() const
{
    // The user id in the name: a shared temporary folder holds one per user.
    return QDir(m_base).filePath(u"holdfast-versions-%1"_s.arg(::getuid()));
}

QString VersionOpener::makeCopy(const QString &privateDirectory,
                                const QString &source,
                                const QDateTime &snapshotTime,
                                QString *error)
{
    if (!ensurePrivate(privateDirectory, error)) {
        return {};
    }
    removeOldCopies(privateDirectory);
    QByteArray folderTemplate = QFile::encodeName(QDir(privateDirectory).filePath(u"version-XXXXXX"_s));
    if (!::mkdtemp(folderTemplate.data())) {
        *error = tr("No folder for the copy can be made in %1: %2").arg(privateDirectory, qt_error_string(errno));
        return {};
    }
    const QString folder = QFile::decodeName(folderTemplate);
    // Named as a restored copy is, the extension kept so that the desktop still knows what opens it.
    const QString label = snapshotTime.isValid()
                              ? tr("from %1").arg(snapshotTime.toLocalTime().toString(u"yyyy-MM-dd HH.mm"_s))
                              : tr("from a snapshot");
    // The restore engine writes it (through a temporary name, with the version's mode and times); read-only after.
    Restore::RestoreRequest request;
    request.source = source;
    request.original = QDir(folder).filePath(QFileInfo(source).fileName());
    request.mode = Restore::RestoreMode::Copy;
    request.copyLabel = label;
    const Restore::RestoreResult result = Restore::RestoreEngine::run(Restore::RestoreEngine::plan(request));
    if (result.outcome != Restore::RestoreResult::Outcome::Restored) {
        *error = result.error;
        QDir(folder).removeRecursively();
        return {};
    }
    QFile(result.target).setPermissions(QFileDevice::ReadOwner);
    return result.target;
}

void VersionOpener::open(const QString &source, const QDateTime &snapshotTime)
{
    runInBackground(
        this,
        [directory = privateDirectory(), source, snapshotTime] {
            CopyOutcome outcome;
            const Restore::FileState state = Restore::FileState::of(source);
            if (state.type == Restore::FileState::Type::Directory) {
                outcome.path = source;  // read-only where it is
            } else if (state.type == Restore::FileState::Type::File) {
                outcome.path = makeCopy(directory, source, snapshotTime, &outcome.error);
            } else if (state.exists()) {
                outcome.error = tr("Only files and folders can be opened; %1 is neither.").arg(source);
            } else {
                outcome.error = tr("%1 is not there.").arg(source);
            }
            return outcome;
        },
        [this](const CopyOutcome &outcome) {
            if (outcome.path.isEmpty()) {
                Q_EMIT failed(outcome.error);
            } else {
                launch(outcome.path);
            }
        });
}

void VersionOpener::launch(const QString &path)
{
    if (!m_launcher(QUrl::fromLocalFile(path))) {
        Q_EMIT failed(tr("No application could be started to open %1.").arg(path));
        return;
    }
    Q_EMIT opened(path);
}

}  // namespace Gui
