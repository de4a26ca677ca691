#include "Getopt.h"

#include <cstdio>
#include <ctime>

#include <QDateTime>

Getopt::Getopt(const QStringList &args, const QString &spec)
    : m_args(args)
    , m_spec(spec)
{}

QChar Getopt::next()
{
    m_argument.clear();
    if (m_char == 0) {
        if (m_index >= m_args.size())
            return QChar(0);
        const QString &a = m_args.at(m_index);
        if (a == QLatin1String("--")) {
            ++m_index;
            return QChar(0);
        }
        if (a.size() < 2 || !a.startsWith(QLatin1Char('-')))
            return QChar(0);
        m_char = 1;
    }
    const QString &a = m_args.at(m_index);
    const QChar c = a.at(m_char++);
    const qsizetype at = m_spec.indexOf(c);
    auto advance = [this, &a]() {
        if (m_char >= a.size()) {
            m_char = 0;
            ++m_index;
        }
    };
    if (at < 0 || c == QLatin1Char(':')) {
        m_error = QStringLiteral("invalid option '%1'\n").arg(c);
        advance();
        return QLatin1Char('?');
    }
    if (at + 1 < m_spec.size() && m_spec.at(at + 1) == QLatin1Char(':')) {
        if (m_char < a.size()) {
            m_argument = a.mid(m_char);
        } else if (m_index + 1 < m_args.size()) {
            m_argument = m_args.at(m_index + 1);
            ++m_index;
        } else {
            m_error = QStringLiteral("missing argument for '%1' option\n").arg(c);
            m_char = 0;
            ++m_index;
            return QLatin1Char('?');
        }
        m_char = 0;
        ++m_index;
        return c;
    }
    advance();
    return c;
}

namespace Format {

QString nicenum(quint64 value, bool bytes)
{
    static const char *const units[] = {"", "K", "M", "G", "T", "P", "E"};
    int index = 0;
    quint64 n = value;
    while (n >= 1024 && index < 6) {
        n /= 1024;
        ++index;
    }
    if (index == 0)
        return QString::number(n) + (bytes ? QStringLiteral("B") : QString());
    const QString unit = QString::fromLatin1(units[index]);
    if ((value & ((quint64(1) << (10 * index)) - 1)) == 0)
        return QString::number(n) + unit;
    const double v = double(value) / double(quint64(1) << (10 * index));
    for (int decimals = 2; decimals >= 0; --decimals) {
        const QString s = QString::number(v, 'f', decimals) + unit;
        if (s.size() <= 5 || decimals == 0)
            return s;
    }
    return {};
}

namespace {

// The hour padded with a space (%k) or a zero (%H): literal formats, so that the compiler checks them.
QString localTime(qint64 unixSeconds, bool zeroPaddedHour)
{
    const time_t t = time_t(unixSeconds);
    struct tm tm;
    localtime_r(&t, &tm);
    char buf[64];
    if (zeroPaddedHour)
        strftime(buf, sizeof buf, "%a %b %e %H:%M %Y", &tm);
    else
        strftime(buf, sizeof buf, "%a %b %e %k:%M %Y", &tm);
    return QString::fromLatin1(buf);
}

}  // namespace

QString dateString(qint64 unixSeconds)
{
    return localTime(unixSeconds, false);
}

QString holdDateString(qint64 unixSeconds)
{
    return localTime(unixSeconds, true);
}

void out(const QString &text)
{
    const QByteArray b = text.toUtf8();
    fwrite(b.constData(), 1, size_t(b.size()), stdout);
}

void err(const QString &text)
{
    const QByteArray b = text.toUtf8();
    fwrite(b.constData(), 1, size_t(b.size()), stderr);
}

QString table(const QList<QStringList> &rows, const QList<bool> &rightAligned)
{
    QList<qsizetype> widths;
    for (const QStringList &row : rows) {
        for (qsizetype i = 0; i < row.size(); ++i) {
            if (widths.size() <= i)
                widths.append(0);
            widths[i] = qMax(widths[i], row.at(i).size());
        }
    }
    QString text;
    for (const QStringList &row : rows) {
        QString line;
        for (qsizetype i = 0; i < row.size(); ++i) {
            const bool last = i == row.size() - 1;
            const bool right = i < rightAligned.size() && rightAligned.at(i);
            if (right)
                line += row.at(i).rightJustified(widths.at(i));
            else
                line += last ? row.at(i) : row.at(i).leftJustified(widths.at(i));
            if (!last)
                line += QStringLiteral("  ");
        }
        text += line + QLatin1Char('\n');
    }
    return text;
}

}  // namespace Format
