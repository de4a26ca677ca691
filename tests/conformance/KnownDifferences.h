#pragma once

#include <QList>
#include <QMap>
#include <QRegularExpression>
#include <QString>

// A message in which a backend knowingly differs from the expected transcripts (OpenZFS 2.1's form, Debian 12's),
// rewritten to that form so every backend is held to the same transcript: zfs-fuse (ZFS of the v0.7 era) and
// OpenZFS 2.3. A replacement that leaves nothing drops the line. Each one is listed in README.md.
struct KnownDifference
{
    QString id;
    QString description;
    QRegularExpression command;
    QRegularExpression message;
    QString replacement;
};

class KnownDifferences
{
public:
    static KnownDifferences zfsFuse();
    // What real OpenZFS of `series` ("2.1", "2.3") prints differently from the expected transcripts.
    static KnownDifferences openZfs(const QString &series);

    // Rewrites one normalized error line of the step `commandLine` (empty: drop it); counts which difference applied.
    QString apply(const QString &commandLine, const QString &line);
    QList<KnownDifference> differences() const;
    int uses(const QString &id) const;

private:
    QList<KnownDifference> m_differences;
    QMap<QString, int> m_uses;
};
