// SPDX-License-Identifier: MIT
#include "app/core/JobRemoval.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace Gui {

QString JobRemoval::title(const QString &job)
{
    return tr("Remove job %1?").arg(job);
}

QString JobRemoval::question(const QString &job, const QString &type)
{
    if (type == u"sink" || type == u"source") {
        return tr("Job %1 is removed from the configuration and stops serving: jobs on other machines that "
                  "replicate with it fail until it is back.")
            .arg(job);
    }
    return tr("Job %1 is removed from the configuration and stops: it takes no more snapshots, replicates and "
              "prunes no more.")
        .arg(job);
}

QString JobRemoval::details(const QString &job, const QString &type, const QString &rootFs, const QString &localSink)
{
    QStringList lines;
    lines.append(tr("A replication under way is stopped; what it received so far stays resumable."));
    if (type == u"push" || type == u"pull") {
        lines.append(tr("Its snapshots stay on both pools: nothing is destroyed, and nothing prunes them any more."));
        lines.append(tr("Its step holds and replication cursors stay on the pools. The Holds view flags them stale "
                        "(job %1 is gone), and you can release them there.")
                         .arg(job));
    } else if (type == u"snap") {
        lines.append(tr("Its snapshots stay: nothing is destroyed, and nothing prunes them any more."));
    } else if (type == u"source") {
        lines.append(tr("Its snapshots stay, and so do the holds and cursors of the jobs that pulled from it."));
    }
    if (type == u"push" && !localSink.isEmpty()) {
        lines.append(tr("The sink job %1 it sends to stays, and so do the filesystems it received under %2; remove it "
                        "too if nothing else sends to it.")
                         .arg(localSink, rootFs));
    }
    if (type == u"sink" || type == u"pull") {
        lines.append(rootFs.isEmpty()
                         ? tr("The filesystems it received stay, with their snapshots and last-received holds.")
                         : tr("The filesystems it received under %1 stay, with their snapshots and last-received "
                              "holds (the Holds view flags those stale).")
                               .arg(rootFs));
    }
    lines.append(tr("The rest of the configuration file stays as written. Adding the job again later continues "
                    "where it stopped."));
    return lines.join(u'\n');
}

}  // namespace Gui
