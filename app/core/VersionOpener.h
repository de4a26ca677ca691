// SPDX-License-Identifier: MIT
#pragma once

#include <functional>

#include <QDateTime>
#include <QObject>
#include <QUrl>

namespace Gui {

// Opens a version from a snapshot in the application the desktop chooses, without any chance of changing it: a
// file is copied into a private folder (0700, the copy 0400) and the copy is opened; a folder, read-only in its
// snapshot anyway, is opened where it is. Copying runs off the GUI thread. Copies older than a day are removed the
// next time one is made: an application may still be reading one when holdfast-gui quits.
class VersionOpener final : public QObject
{
    Q_OBJECT

public:
    using Launcher = std::function<bool(const QUrl &url)>;

    explicit VersionOpener(QObject *parent = nullptr);

    // How to open a URL; QDesktopServices::openUrl by default.
    void setLauncher(Launcher launcher);
    // Where the private folder goes; $XDG_RUNTIME_DIR (else the temporary folder) by default.
    void setBaseDirectory(const QString &directory);
    QString privateDirectory() const;

    // `source`: the version inside its snapshot; `snapshotTime` names the copy ("report (from 2026-12-05 14.00).odt").
    void open(const QString &source, const QDateTime &snapshotTime);

    // The read-only copy of the file `source` in a new folder under `privateDirectory`, made on the calling thread;
    // "" and `error` when it cannot be made.
    static QString
    makeCopy(const QString &privateDirectory, const QString &source, const QDateTime &snapshotTime, QString *error);

Q_SIGNALS:
    // `path` was handed to the launcher (the copy, or the folder itself).
    void opened(const QString &path);
    void failed(const QString &error);

private:
    void launch(const QString &path);

    Launcher m_launcher;
    QString m_base;
};

}  // namespace Gui
