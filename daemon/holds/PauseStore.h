// SPDX-License-Identifier: MIT
#pragma once

#include <QSet>
#include <QString>

namespace Holds {

// Which jobs' replication is paused, kept across restarts in a small JSON file in the daemon's state directory
// ({"paused": ["job", ...]}), rewritten atomically (QSaveFile: a temporary file, fsync, rename) on every change.
class PauseStore
{
public:
    explicit PauseStore(QString path);

    // The daemon's state directory: $HOLDFAST_STATE_DIR, else systemd's $STATE_DIRECTORY (StateDirectory=holdfast
    // in the unit), else /var/lib/holdfast for root and $XDG_STATE_HOME/holdfast (~/.local/state) for others.
    static QString defaultStateDirectory();
    static QString defaultPath();  // <state directory>/paused-jobs.json

    // Reads the file; a missing file is no paused job. false with `error` for a file that cannot be read or
    // parsed: nothing is paused then, and the daemon says so in its log.
    bool load(QString *error);
    bool isPaused(const QString &job) const { return m_paused.contains(job); }
    const QSet<QString> &paused() const { return m_paused; }
    // Changes and saves; false with `error` when the file cannot be written (the change is undone).
    bool setPaused(const QString &job, bool paused, QString *error);
    const QString &path() const { return m_path; }

private:
    bool save(QString *error) const;

    QString m_path;
    QSet<QString> m_paused;
};

}  // namespace Holds
