#include "ConformanceScript.h"

#include <QFile>
#include <QFileInfo>

namespace {

bool parseStep(const QString &line, ConformanceStep *step, QString *error)
{
    step->line = line;
    QStringList words = line.mid(2).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (!words.isEmpty() && words.last().startsWith(QLatin1Char('>'))) {
        step->captureAs = words.takeLast().mid(1);
    }
    QStringList stage;
    for (const QString &word : std::as_const(words)) {
        if (word == QLatin1String("|")) {
            step->stages.append(stage);
            stage.clear();
        } else {
            stage.append(word);
        }
    }
    step->stages.append(stage);
    for (const QStringList &arguments : std::as_const(step->stages)) {
        if (arguments.isEmpty()) {
            *error = QStringLiteral("empty pipeline stage in: ") + line;
            return false;
        }
    }
    return true;
}

}  // namespace

ConformanceScript ConformanceScript::load(const QString &path, QString *error)
{
    ConformanceScript script;
    script.m_name = QFileInfo(path).completeBaseName();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return script;
    }
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    static const QString requirement = QStringLiteral("# requires: openzfs2");
    for (const QString &line : lines) {
        if (line.startsWith(requirement)) {
            script.m_requiresOpenZfs2 = true;
            script.m_requirementReason = line.mid(requirement.size()).trimmed();
        }
        if (line.startsWith(QLatin1Char('#')) || line.isEmpty())
            continue;
        if (line.startsWith(QLatin1String("$ "))) {
            ConformanceStep step;
            if (!parseStep(line, &step, error))
                return script;
            script.m_steps.append(step);
        } else if (script.m_steps.isEmpty()) {
            *error = QStringLiteral("%1: output before the first command: %2").arg(path, line);
            return script;
        }
        script.m_expected += line + QLatin1Char('\n');
    }
    if (script.m_steps.isEmpty())
        *error = path + QStringLiteral(": no commands");
    return script;
}

QString ConformanceScript::name() const
{
    return m_name;
}

QList<ConformanceStep> ConformanceScript::steps() const
{
    return m_steps;
}

QString ConformanceScript::expectedTranscript() const
{
    return m_expected;
}

bool ConformanceScript::requiresOpenZfs2() const
{
    return m_requiresOpenZfs2;
}

QString ConformanceScript::requirementReason() const
{
    return m_requirementReason;
}
