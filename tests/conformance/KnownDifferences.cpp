#include "KnownDifferences.h"

namespace {

QRegularExpression pattern(const char *expression)
{
    return QRegularExpression(QString::fromLatin1(expression));
}

}  // namespace

KnownDifferences KnownDifferences::zfsFuse()
{
    KnownDifferences known;
    // OpenZFS 2.x messages from lib/libzfs/libzfs_dataset.c, cmd/zfs/zfs_main.c and
    // lib/libzfs/libzfs_sendrecv.c of zfs-2.2; 2.4 appends a hint to the busy message (see README.md).
    known.m_differences = {
        {QStringLiteral("destroy-held-snapshot"),
         QStringLiteral("destroying a held snapshot: OpenZFS names it a snapshot and does not quote it"),
         pattern("^\\$ zfs destroy "),
         pattern("^cannot destroy '([^']+@[^']+)': dataset is busy$"),
         QStringLiteral("cannot destroy snapshot \\1: dataset is busy")},
        {QStringLiteral("hold-existing-tag"),
         QStringLiteral("placing a tag twice: OpenZFS says \"cannot hold snapshot\""),
         pattern("^\\$ zfs hold "),
         pattern("^cannot hold '([^']+)': tag already exists on this dataset$"),
         QStringLiteral("cannot hold snapshot '\\1': tag already exists on this dataset")},
        {QStringLiteral("release-missing-tag"),
         QStringLiteral("releasing a tag that is not there: OpenZFS does not name the tag"),
         pattern("^\\$ zfs release "),
         pattern("^cannot release '[^']+' from '([^']+)': no such tag on this dataset$"),
         QStringLiteral("cannot release hold from snapshot '\\1': no such tag on this dataset")},
        {QStringLiteral("destroy-missing-snapshot"),
         QStringLiteral("destroying a snapshot that does not exist (of an existing filesystem): OpenZFS treats "
                        "the name as a snapshot list that matched nothing"),
         pattern("^\\$ zfs destroy (-\\S+ )*\\S+@"),
         pattern("^cannot open '[^']+@[^']+': dataset does not exist$"),
         QStringLiteral("could not find any snapshots to destroy; check snapshot names.")},
        {QStringLiteral("send-missing-snapshot"),
         QStringLiteral("sending a snapshot that does not exist: OpenZFS fails to open it before sending"),
         pattern("^\\$ zfs send "),
         pattern("^WARNING: could not send (\\S+): does not exist$"),
         QStringLiteral("cannot open '\\1': dataset does not exist")},
    };
    return known;
}

KnownDifferences KnownDifferences::openZfs(const QString &series)
{
    KnownDifferences known;
    if (series != QLatin1String("2.3"))
        return known;
    // Seen on OpenZFS 2.3.2 (bookworm-backports) against 2.1.11 (Debian 12) in the test VM.
    known.m_differences = {
        {QStringLiteral("2.3-destroy-held-snapshot"),
         QStringLiteral("destroying a held snapshot: 2.3 says why and how to see the holders instead of \"dataset is "
                        "busy\""),
         pattern("^\\$ zfs destroy "),
         pattern("^cannot destroy snapshot (\\S+): it's being held\\. Run 'zfs holds -r \\S+' to see holders\\.$"),
         QStringLiteral("cannot destroy snapshot \\1: dataset is busy")},
        {QStringLiteral("2.3-usage-help-line"),
         QStringLiteral("usage errors: 2.3 ends the usage text with a line pointing to `zfs help`"),
         pattern("^\\$ zfs "),
         pattern("^For further help on a command or topic, run: zfs help \\[<topic>\\]$"),
         QString()},
    };
    return known;
}

QString KnownDifferences::apply(const QString &commandLine, const QString &line)
{
    for (const KnownDifference &difference : std::as_const(m_differences)) {
        if (!difference.command.match(commandLine).hasMatch() || !difference.message.match(line).hasMatch())
            continue;
        ++m_uses[difference.id];
        QString rewritten = line;
        return rewritten.replace(difference.message, difference.replacement);
    }
    return line;
}

QList<KnownDifference> KnownDifferences::differences() const
{
    return m_differences;
}

int KnownDifferences::uses(const QString &id) const
{
    return m_uses.value(id);
}
