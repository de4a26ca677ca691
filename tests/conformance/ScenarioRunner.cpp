#include "ScenarioRunner.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

#include "ZfsBackend.h"

ScenarioRunner::ScenarioRunner(const ZfsBackend &backend, const QString &pool)
    : m_backend(backend)
    , m_pool(pool)
{}

QList<StepOutcome> ScenarioRunner::run(const QList<ConformanceStep> &steps)
{
    QList<StepOutcome> outcomes;
    for (const ConformanceStep &step : steps)
        outcomes.append(runStep(step));
    return outcomes;
}

StepOutcome ScenarioRunner::runStep(const ConformanceStep &step)
{
    StepOutcome outcome;
    outcome.step = step;
    QByteArray stream;
    for (const QStringList &stage : step.stages) {
        const QString program = stage.first();
        if (program == QLatin1String("truncate-half")) {
            stream.truncate(stream.size() / 2);
            continue;
        }
        const QStringList arguments = substitute(stage.mid(1));
        ZfsCommandResult result;
        if (program == QLatin1String("zfs"))
            result = m_backend.run(m_backend.zfsBinary(), arguments, stream);
        else if (program == QLatin1String("zpool"))
            result = m_backend.run(m_backend.zpoolBinary(), arguments, stream);
        else
            result.standardError = "unknown program in scenario: " + program.toUtf8();
        stream = result.standardOutput;
        outcome.errors.append(result.standardError);
        outcome.exitCodes.append(result.exitCode);
    }
    outcome.output = stream;
    if (!step.captureAs.isEmpty())
        m_captured.insert(step.captureAs, QString::fromUtf8(stream).trimmed());
    return outcome;
}

QString ScenarioRunner::keyFilePath()
{
    const QString path = QDir::temp().filePath(
        QStringLiteral("holdfast-conformance-%1.key").arg(QCoreApplication::applicationPid()));
    if (!QFile::exists(path)) {
        QFile key(path);
        if (key.open(QIODevice::WriteOnly))
            key.write("holdfast conformance 32-byte key");
    }
    return path;
}

QStringList ScenarioRunner::substitute(const QStringList &arguments) const
{
    QStringList substituted;
    for (QString argument : arguments) {
        if (argument.startsWith(QLatin1Char('$')) && m_captured.contains(argument.mid(1)))
            argument = m_captured.value(argument.mid(1));
        argument.replace(QLatin1String("POOL"), m_pool);
        if (argument.contains(QLatin1String("KEYFILE")))
            argument.replace(QLatin1String("KEYFILE"), keyFilePath());
        substituted.append(argument);
    }
    return substituted;
}
