#include "FaultRules.h"

#include <QFile>
#include <QRegularExpression>

namespace {

QStringList readLines(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

}  // namespace

void FaultRules::load(const QString &stateDirectory)
{
    m_directory = stateDirectory;
    QStringList lines = qEnvironmentVariable("HOLDFAST_ZFS_EMULATOR_FAULTS")
                            .split(QRegularExpression(QStringLiteral("[;\n]")), Qt::SkipEmptyParts);
    lines += readLines(stateDirectory + QStringLiteral("/faults"));
    for (QString line : std::as_const(lines)) {
        line = line.section(QLatin1Char('#'), 0, 0).trimmed();
        if (line.isEmpty())
            continue;
        Rule rule;
        rule.text = line;
        if (line.endsWith(QLatin1String(",once"))) {
            rule.once = true;
            line.chop(5);
        }
        rule.command = line.section(QLatin1Char(':'), 0, 0);
        const QString rest = line.section(QLatin1Char(':'), 1);
        rule.action = rest.section(QLatin1Char('='), 0, 0);
        rule.argument = rest.section(QLatin1Char('='), 1);
        m_rules.append(rule);
    }
    for (const QString &fired : readLines(stateDirectory + QStringLiteral("/faults.fired")))
        m_fired.append(fired.trimmed());
}

std::optional<FaultRules::Rule> FaultRules::fire(qsizetype index)
{
    const Rule rule = m_rules.at(index);
    if (rule.once) {
        m_fired.append(rule.text);
        QFile file(m_directory + QStringLiteral("/faults.fired"));
        if (file.open(QIODevice::Append))
            file.write(rule.text.toUtf8() + '\n');
    }
    return rule;
}

std::optional<FaultRules::Rule> FaultRules::take(const QString &command, const QString &action, const QString &subject)
{
    for (qsizetype i = 0; i < m_rules.size(); ++i) {
        const Rule &r = m_rules.at(i);
        if (r.command != command || r.action != action || (r.once && m_fired.contains(r.text)))
            continue;
        if (!r.argument.isEmpty() && r.argument != subject)
            continue;
        return fire(i);
    }
    return std::nullopt;
}

std::optional<FaultRules::Rule> FaultRules::takeValued(const QString &command, const QString &action)
{
    for (qsizetype i = 0; i < m_rules.size(); ++i) {
        const Rule &r = m_rules.at(i);
        if (r.command == command && r.action == action && !(r.once && m_fired.contains(r.text)))
            return fire(i);
    }
    return std::nullopt;
}
