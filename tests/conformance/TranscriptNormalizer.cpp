#include "TranscriptNormalizer.h"

#include <algorithm>

#include "KnownDifferences.h"

namespace {

// Placeholder for a createtxg until all of a scenario's txgs are known and can be ranked.
const QString txgMarker = QStringLiteral("\u0001txg:");

const QRegularExpression &resumeToken()
{
    // OpenZFS zfs_send_resume_token_to_nvlist(): "<version>-<checksum>-<packed length>-<zlib payload>" in hex.
    static const QRegularExpression token(QStringLiteral("\\b1-[0-9a-f]+-[0-9a-f]+-[0-9a-f]+\\b"));
    return token;
}

struct ParsedOptions
{
    QHash<QChar, QString> values;
    QString flags;
    QStringList operands;
};

// getopt as zfs(8) uses it: combined flags ("-Hp"), values attached ("-ovalue") or in the next argument.
ParsedOptions parseOptions(const QStringList &arguments)
{
    static const QString takesValue = QStringLiteral("osStdiI");
    ParsedOptions parsed;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (!argument.startsWith(QLatin1Char('-')) || argument.size() < 2) {
            parsed.operands.append(argument);
            continue;
        }
        for (qsizetype c = 1; c < argument.size(); ++c) {
            const QChar option = argument.at(c);
            if (!takesValue.contains(option)) {
                parsed.flags.append(option);
                continue;
            }
            const QString rest = argument.mid(c + 1);
            parsed.values.insert(option, !rest.isEmpty() ? rest : arguments.value(++i));
            break;
        }
    }
    return parsed;
}

QStringList fieldList(const ParsedOptions &options, const QString &defaults)
{
    return options.values.value(QLatin1Char('o'), defaults).split(QLatin1Char(','));
}

}  // namespace

TranscriptNormalizer::TranscriptNormalizer(const QString &pool)
    : m_poolName(QStringLiteral("\\b") + QRegularExpression::escape(pool) + QStringLiteral("\\b"))
{}

QString TranscriptNormalizer::normalize(const QList<StepOutcome> &outcomes, KnownDifferences *differences)
{
    QString transcript;
    for (const StepOutcome &outcome : outcomes)
        transcript += normalizeStep(outcome, differences);
    return rankTransactionGroups(transcript);
}

QString TranscriptNormalizer::normalizeStep(const StepOutcome &outcome, KnownDifferences *differences)
{
    const QString keyFile = ScenarioRunner::keyFilePath();
    QString text = outcome.step.line + QLatin1Char('\n');
    const QStringList command = outcome.step.stages.last();
    const QStringList outputLines = replacePool(QString::fromUtf8(outcome.output)).split(QLatin1Char('\n'));
    for (const QString &line : outputLines) {
        if (!line.isEmpty())
            text += normalizeOutputLine(command, line).replace(keyFile, QStringLiteral("KEYFILE")) + QLatin1Char('\n');
    }
    for (const QByteArray &errors : outcome.errors) {
        const QStringList errorLines = replacePool(QString::fromUtf8(errors)).split(QLatin1Char('\n'));
        for (QString line : errorLines) {
            if (line.isEmpty())
                continue;
            line.replace(resumeToken(), QStringLiteral("<token>"));
            line.replace(keyFile, QStringLiteral("KEYFILE"));
            if (differences)
                line = differences->apply(outcome.step.line, line);
            if (!line.isEmpty())
                text += QStringLiteral("! ") + line + QLatin1Char('\n');
        }
    }
    QStringList codes;
    for (int code : outcome.exitCodes)
        codes.append(QString::number(code));
    return text + QStringLiteral("[exit ") + codes.join(QLatin1Char(' ')) + QStringLiteral("]\n");
}

QString TranscriptNormalizer::normalizeOutputLine(const QStringList &command, const QString &line)
{
    QStringList fields = line.split(QLatin1Char('\t'));
    const QString subcommand = command.value(1);
    const ParsedOptions options = parseOptions(command.mid(2));
    if (command.first() != QLatin1String("zfs")) {
        return line;
    } else if (subcommand == QLatin1String("get")) {
        const QStringList columns = fieldList(options, QStringLiteral("name,property,value,source"));
        const QStringList requested = options.operands.value(0).split(QLatin1Char(','));
        const qsizetype propertyColumn = columns.indexOf(QStringLiteral("property"));
        const qsizetype valueColumn = columns.indexOf(QStringLiteral("value"));
        const QString property = propertyColumn >= 0     ? fields.value(propertyColumn)
                                 : requested.size() == 1 ? requested.first()
                                                         : QString();
        if (valueColumn >= 0 && valueColumn < fields.size())
            fields[valueColumn] = normalizeValue(property, fields.at(valueColumn));
    } else if (subcommand == QLatin1String("list")) {
        const QStringList columns = fieldList(options, QStringLiteral("name,used,avail,refer,mountpoint"));
        for (qsizetype i = 0; i < fields.size() && i < columns.size(); ++i)
            fields[i] = normalizeValue(columns.at(i), fields.at(i));
    } else if (subcommand == QLatin1String("holds") && fields.size() == 3) {
        // zfs-holds(8): NAME, TAG, TIMESTAMP.
        fields[2] = normalizeValue(QStringLiteral("creation"), fields.at(2));
    } else if (subcommand == QLatin1String("send") && options.flags.contains(QLatin1Char('n'))
               && options.flags.contains(QLatin1Char('P'))) {
        // zfs-send(8) -nvP: "full|incremental … <size>" and "size <size>"; estimates differ between backends.
        fields.last() = QStringLiteral("<size>");
    }
    return fields.join(QLatin1Char('\t')).replace(resumeToken(), QStringLiteral("<token>"));
}

QString TranscriptNormalizer::normalizeValue(const QString &property, const QString &value)
{
    if (property == QLatin1String("guid")) {
        if (!m_guids.contains(value))
            m_guids.insert(value, QStringLiteral("G%1").arg(m_guids.size() + 1));
        return m_guids.value(value);
    }
    if (property == QLatin1String("createtxg")) {
        bool isNumber = false;
        const qulonglong txg = value.toULongLong(&isNumber);
        if (!isNumber)
            return value;
        m_transactionGroups.append(txg);
        return txgMarker + value + QLatin1Char(';');
    }
    if (property == QLatin1String("creation"))
        return QStringLiteral("<time>");
    return value;
}

QString TranscriptNormalizer::replacePool(QString text) const
{
    return text.replace(m_poolName, QStringLiteral("POOL"));
}

QString TranscriptNormalizer::rankTransactionGroups(const QString &transcript) const
{
    QList<qulonglong> ranked = m_transactionGroups;
    std::sort(ranked.begin(), ranked.end());
    ranked.erase(std::unique(ranked.begin(), ranked.end()), ranked.end());
    QString result = transcript;
    for (qsizetype rank = 0; rank < ranked.size(); ++rank) {
        result.replace(txgMarker + QString::number(ranked.at(rank)) + QLatin1Char(';'),
                       QStringLiteral("T%1").arg(rank + 1));
    }
    return result;
}
