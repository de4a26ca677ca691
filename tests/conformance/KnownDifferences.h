#pragma once

#include <QList>
#include <QMap>
#include <QRegularExpression>
#include <QString>

// A message in which zfs-fuse (ZFS of the v0.7 era) and OpenZFS 2.x knowingly differ, rewritten to the
// OpenZFS 2.x form so both backends are held to the same expected transcript. Each one is listed in README.md.
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

    // Rewrites one normalized error line of the step `commandLine`; counts which difference applied.
    QString apply(const QString &commandLine, const QString &line);
    QList<KnownDifference> differences() const;
    int uses(const QString &id) const;

private:
    QList<KnownDifference> m_differences;
    QMap<QString, int> m_uses;
};
