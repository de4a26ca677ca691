#pragma once

#include <QString>
#include <QStringList>

// POSIX getopt() as the zfs and zpool commands use it: clustered flags ("-Hp"), option arguments attached or
// separate, parsing stops at the first operand or at "--".
class Getopt
{
public:
    Getopt(const QStringList &args, const QString &spec);

    // Next option character, 0 at the end of options, '?' on an error (see error()).
    QChar next();

    QString argument() const
    {
        return m_argument;
    }

    QString error() const
    {
        return m_error;
    }

    QStringList operands() const
    {
        return m_args.mid(m_index);
    }

private:
    QStringList m_args;
    QString m_spec;
    qsizetype m_index = 0;
    qsizetype m_char = 0;
    QString m_argument;
    QString m_error;
};

namespace Format {
// OpenZFS zfs_nicenum_format(): 1024-based with up to 5 characters ("1.50M", "24K"); bytes end in "B" below 1K.
QString nicenum(quint64 value, bool bytes);
QString dateString(qint64 unixSeconds);  // "%a %b %e %k:%M %Y", as zfs get creation prints it
// "%a %b %e %H:%M %Y", as `zfs holds` prints it (zfs_main.c's STRFTIME_FMT_STR): the hour padded with a zero.
QString holdDateString(qint64 unixSeconds);
void out(const QString &text);
void err(const QString &text);
// Columns separated by two spaces; rightAligned columns padded on the left; the last column not padded.
QString table(const QList<QStringList> &rows, const QList<bool> &rightAligned);
}  // namespace Format
