// holdfast-zfs-emulator: answers as `zfs` or `zpool` depending on the name it was started under, so a test
// puts the bin/ directory with those two symlinks first in PATH.
#include <csignal>
#include <cstdio>

#include <QFileInfo>
#include <QStringList>

#include "ZfsCommand.h"
#include "ZpoolCommand.h"

int main(int argc, char **argv)
{
    // A reader that goes away must show up as a failed write, as it does for zfs send.
    std::signal(SIGPIPE, SIG_IGN);
    QStringList args;
    for (int i = 1; i < argc; ++i)
        args.append(QString::fromLocal8Bit(argv[i]));
    const QString self = QFileInfo(QString::fromLocal8Bit(argv[0])).fileName();
    int rc;
    if (self == QLatin1String("zpool")) {
        rc = ZpoolCommand().run(args);
    } else if (self == QLatin1String("zfs")) {
        rc = ZfsCommand().run(args);
    } else if (!args.isEmpty() && (args.first() == QLatin1String("zfs") || args.first() == QLatin1String("zpool"))) {
        // Also usable as "holdfast-zfs-emulator zfs list ...".
        const QString which = args.takeFirst();
        rc = which == QLatin1String("zfs") ? ZfsCommand().run(args) : ZpoolCommand().run(args);
    } else {
        std::fputs("usage: holdfast-zfs-emulator zfs|zpool ARGS... (or run it through the zfs/zpool symlinks)\n",
                   stderr);
        rc = 2;
    }
    std::fflush(stdout);
    std::fflush(stderr);
    return rc;
}
