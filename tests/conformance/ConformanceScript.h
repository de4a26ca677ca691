#pragma once

#include <QList>
#include <QString>
#include <QStringList>

// One command line of a scenario: a pipeline of stages ("zfs send ... | zfs recv ..."), each an argument list.
// `>name` at the end keeps the trimmed output for later steps, where `$name` stands for it.
struct ConformanceStep
{
    QString line;
    QList<QStringList> stages;
    QString captureAs;
};

// A scenario file of tests/conformance/expected/: commands ("$ ...") each followed by the normalized transcript
// every backend must produce. Lines starting with '#' are comments; "# requires: openzfs2 <why>" marks a scenario
// that zfs-fuse cannot run.
class ConformanceScript
{
public:
    static ConformanceScript load(const QString &path, QString *error);

    QString name() const;
    QList<ConformanceStep> steps() const;
    // The expected transcript without comments, in the format TranscriptNormalizer produces.
    QString expectedTranscript() const;
    bool requiresOpenZfs2() const;
    QString requirementReason() const;

private:
    QString m_name;
    QList<ConformanceStep> m_steps;
    QString m_expected;
    QString m_requirementReason;
    bool m_requiresOpenZfs2 = false;
};
