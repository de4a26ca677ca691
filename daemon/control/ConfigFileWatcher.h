// SPDX-License-Identifier: MIT
#pragma once

#include <chrono>

#include <QFileSystemWatcher>
#include <QObject>
#include <QString>
#include <QTimer>

namespace Daemon {

// Tells when the configuration file's bytes on disk change, so that the status feed can say "edited but not
// reloaded" as soon as someone saves it. It watches the file and its directory (and, for a symbolic link, the
// directory of the file it points to): editors and the daemon's own apply replace the file by a rename, which leaves
// a watch on the old file, so the file is watched again once it is back. The events of one save (temp file, rename,
// attributes) are read once, after Settle; changed() comes only when the version differs from the one before (a
// save of the same bytes, or a change to another file of the directory, says nothing).
class ConfigFileWatcher final : public QObject
{
    Q_OBJECT

public:
    static constexpr std::chrono::milliseconds Settle{50};

    explicit ConfigFileWatcher(QString path, QObject *parent = nullptr);

    // The file's version as last read (Config::ConfigStore::versionOf of its bytes); "" when it cannot be read.
    QString version() const
    {
        return m_version;
    }

    // Reads the file now, without waiting for its events (they may still be on their way): emits changed() when its
    // version differs.
    void check();

    // How many times the file was read, for tests that wait until an event was handled.
    int reads() const
    {
        return m_reads;
    }

Q_SIGNALS:
    void changed();

private:
    void schedule();
    void watch();
    QString readVersion();

    // The file the watch is on, by device and inode.
    struct FileId
    {
        quint64 device = 0;
        quint64 inode = 0;
        friend bool operator==(const FileId &, const FileId &) = default;
    };

    QString m_path;
    FileId m_watchedFile;
    QString m_version;
    int m_reads = 0;
    QFileSystemWatcher m_watcher;
    QTimer m_settle;
};

}  // namespace Daemon
