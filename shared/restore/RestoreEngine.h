// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>

namespace Restore {

enum class RestoreMode
{
    Replace,  // the version takes the original's name; the current one is kept beside it, renamed
    Copy,  // the version goes next to the original under a new name; the original is untouched
    IntoFolder,  // the version goes into a folder the user chose, under its own name (or a new one if taken)
};

struct RestoreRequest
{
    QString source;  // the file or folder inside a snapshot
    QString original;  // where it lives now (need not exist any more); "" for a backup's file: IntoFolder only
    RestoreMode mode = RestoreMode::Copy;
    QString folder;  // IntoFolder only
    QDateTime snapshotTime;  // names the copy: "report (from 2026-12-05 14.00).odt"
    QString copyLabel;  // instead of "from <snapshotTime>" in the copy's name, when set
    QDateTime now;  // names what Replace keeps: "report (before restore 2026-12-05 22.30).odt"; local time
};

// What a restore will change, decided before anything changes: shown to the user for confirmation.
struct RestorePlan
{
    RestoreRequest request;
    QString target;  // the name the version will have
    QString keptAs;  // Replace with an existing original: the name the current one moves to; else ""
    bool isDirectory = false;
    QString error;  // why it cannot be done (source unreadable, folder missing...); nothing else is then set
    // Hidden temporary copies of this name that an earlier restore left when it was killed or its disk was full
    // (".NAME.holdfast-restore-XXXXXX" in the target folder): named in describe(), never removed by itself, since
    // another restore may be writing one right now.
    QStringList leftovers;

    bool ok() const
    {
        return error.isEmpty();
    }
    QString describe() const;  // one paragraph in words, for the confirmation
};

struct RestoreProgress
{
    enum class Phase
    {
        Counting,
        Copying,
        Finishing,
    };
    Phase phase = Phase::Counting;
    qint64 bytesDone = 0;
    qint64 bytesTotal = 0;
    int filesDone = 0;
    int filesTotal = 0;
    QString current;  // the path being copied, relative to the source
};

struct RestoreResult
{
    enum class Outcome
    {
        Restored,  // everything that could be read is restored (see `skipped`)
        Cancelled,  // stopped by the user; nothing changed (the partial copy is removed)
        Failed,  // stopped by an error; for a folder, what was copied stays under `partial`
    };
    Outcome outcome = Outcome::Failed;
    QString target;  // Restored: where the version now is
    QString keptAs;  // Restored with Replace: where the previous one now is
    QString partial;  // Failed folder restores: the incomplete copy, under a name of its own; else ""
    int files = 0;
    int directories = 0;
    int symlinks = 0;
    qint64 bytes = 0;
    QStringList skipped;  // "path: reason" for entries left out (unreadable, special files)
    QStringList warnings;  // what could not be kept (extended attributes, ownership)
    QString error;  // Failed: what went wrong, in words

    QString summary() const;  // in words, for the end of a restore
};

// Copies a version out of a snapshot. The copy is written under a hidden temporary name in the target's folder,
// synced, and only then renamed to its name (renameat2 RENAME_NOREPLACE, or link()/rename fallbacks where the
// filesystem lacks it), so that a crash never leaves a half-written file under a real name. Mode, times and
// (where the filesystem allows) extended attributes are kept; ownership only when running as root.
class RestoreEngine
{
    Q_DECLARE_TR_FUNCTIONS(Restore::RestoreEngine)

public:
    // Decides names and checks what can be checked without changing anything: never overwrites.
    static RestorePlan plan(const RestoreRequest &request);

    // Runs a plan on the calling thread (the GUI uses a worker). `progress` is called at most every 64 KiB or
    // every file; `cancel` is checked as often.
    static RestoreResult run(const RestorePlan &plan, const std::atomic<bool> *cancel = nullptr,
                             const std::function<void(const RestoreProgress &)> &progress = {});

    // "report (from 2026-12-05 14.00).odt": `label` inserted before the extension (after the name for folders
    // and names without one), with " 2", " 3"... when the name is taken in `folder`.
    static QString freeName(const QString &folder, const QString &fileName, const QString &label, bool isDirectory);
};

}  // namespace Restore
