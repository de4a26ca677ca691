// SPDX-License-Identifier: MIT
#pragma once

#include <functional>
#include <optional>

#include <QByteArray>
#include <QString>

namespace Config {

// The configuration file as bytes on disk: read with its version, written atomically so that a crash at any point
// leaves either the old file or the new one, never a mix. A write replaces the file only if it still is the
// version the caller edited (optimistic locking between clients), keeps the previous text as "<file>.bak", and keeps
// the file's mode and owner (root's 0600 file stays root's 0600 file).
class ConfigStore
{
public:
    // `path` may be a symbolic link: the file it points to is replaced, the link stays.
    explicit ConfigStore(QString path);

    struct Contents
    {
        QByteArray bytes;
        QString version;
    };

    enum class Outcome
    {
        Written,
        Conflict,  // the file is no longer baseVersion: nothing written
        Failed,
    };

    struct WriteResult
    {
        Outcome outcome = Outcome::Failed;
        QString version;  // Written: the new version; Conflict: the file's current version
        // Failed: what went wrong, naming the file or directory. Written: a warning when the directory could not
        // be synced (the file is replaced, but a power loss might bring the old one back).
        QString error;
    };

    // SHA-256 of the bytes, in lower-case hex: what ConfigDocument.version and apply's base_version carry.
    static QString versionOf(const QByteArray &bytes);

    QString path() const
    {
        return m_path;
    }

    std::optional<Contents> read(QString *error) const;
    // Replaces the file's bytes by `bytes` if its version is `baseVersion` (a file that does not exist has version
    // ""). Steps: temp file beside it, write, fsync, previous mode and owner, [test hook], previous bytes to
    // "<file>.bak" (itself through a temp file and a rename), rename over the file, fsync of the directory.
    WriteResult write(const QByteArray &bytes, const QString &baseVersion);

    // Tests only: called when the new text is written and synced to its temp file, just before anything is renamed
    // (a crash test makes it _exit()).
    std::function<void()> beforeRenameForTest;

private:
    QString m_path;
};

}  // namespace Config
