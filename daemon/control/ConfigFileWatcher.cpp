// SPDX-License-Identifier: MIT
#include "daemon/control/ConfigFileWatcher.h"

#include <optional>

#include <QFile>
#include <QFileInfo>

#include <sys/stat.h>

#include "daemon/config/ConfigStore.h"

namespace Daemon {

ConfigFileWatcher::ConfigFileWatcher(QString path, QObject *parent)
    : QObject(parent)
    , m_path(std::move(path))
{
    m_settle.setSingleShot(true);
    m_settle.setInterval(Settle);
    connect(&m_settle, &QTimer::timeout, this, &ConfigFileWatcher::check);
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &ConfigFileWatcher::schedule);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, &ConfigFileWatcher::schedule);
    watch();
    // The version to compare the first change with; no signal for it.
    m_version = readVersion();
}

QString ConfigFileWatcher::readVersion()
{
    ++m_reads;
    QString error;  // a file that cannot be read has no version, which is what a client is told
    const std::optional<Config::ConfigStore::Contents> contents = Config::ConfigStore(m_path).read(&error);
    return contents ? contents->version : QString();
}

void ConfigFileWatcher::schedule()
{
    // From the first event of a burst, not the last: a file written without pause is still read every Settle.
    if (!m_settle.isActive()) {
        m_settle.start();
    }
}

void ConfigFileWatcher::watch()
{
    if (m_path.isEmpty()) {
        return;
    }
    const QFileInfo file(m_path);
    const QString filePath = file.absoluteFilePath();
    QStringList wanted{file.absolutePath()};
    struct stat st = {};
    const bool exists = ::stat(QFile::encodeName(filePath).constData(), &st) == 0;
    if (exists) {
        const FileId id{quint64(st.st_dev), quint64(st.st_ino)};
        // A file replaced by a rename leaves the watch on the old one, which Qt drops only once that is gone for
        // good (a reader may still hold it open): the path is watched again on the file it names now.
        if (m_watcher.files().contains(filePath) && id != m_watchedFile) {
            m_watcher.removePath(filePath);
        }
        m_watchedFile = id;
        wanted.append(filePath);
        // A link's target may be replaced in its own directory, which the link's directory does not see.
        if (file.isSymLink()) {
            wanted.append(QFileInfo(file.canonicalFilePath()).absolutePath());
        }
    }
    const QStringList watched = m_watcher.files() + m_watcher.directories();
    QStringList missing;
    for (const QString &path : std::as_const(wanted)) {
        // A directory that does not exist (yet) cannot be watched: it is tried again at the next event.
        if (!watched.contains(path) && !missing.contains(path) && QFileInfo::exists(path)) {
            missing.append(path);
        }
    }
    if (!missing.isEmpty()) {
        m_watcher.addPaths(missing);
    }
}

void ConfigFileWatcher::check()
{
    m_settle.stop();
    watch();
    QString version = readVersion();
    if (version == m_version) {
        return;
    }
    m_version = std::move(version);
    Q_EMIT changed();
}

}  // namespace Daemon
