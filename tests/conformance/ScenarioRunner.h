#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>

#include "ConformanceScript.h"

class ZfsBackend;

// What one step produced: the last stage's output, every stage's error output and exit code.
struct StepOutcome
{
    ConformanceStep step;
    QByteArray output;
    QList<QByteArray> errors;
    QList<int> exitCodes;
};

// Runs the steps of a scenario on one backend, with POOL standing for the backend's pool and KEYFILE for a file
// holding a 32-byte raw encryption key (keyformat=raw: no key derivation, which takes seconds under emulation).
// A pipeline passes each stage's output to the next; `truncate-half` cuts the stream in the middle to simulate an
// interrupted transfer (its length differs between backends, so a fixed byte count would not mean the same on
// both).
class ScenarioRunner
{
public:
    ScenarioRunner(const ZfsBackend &backend, const QString &pool);

    QList<StepOutcome> run(const QList<ConformanceStep> &steps);

    // Where KEYFILE points; written on first use.
    static QString keyFilePath();

private:
    StepOutcome runStep(const ConformanceStep &step);
    QStringList substitute(const QStringList &arguments) const;

    const ZfsBackend &m_backend;
    QString m_pool;
    QHash<QString, QString> m_captured;
};
