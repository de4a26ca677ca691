// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include "daemon/async/Task.h"
#include "daemon/zfs/DatasetFilter.h"
#include "daemon/zfs/ZfsClient.h"

namespace Endpoint {

// zrepl's `migrate replication-cursor:v1-v2`: a v1 cursor (#zrepl_replication_cursor, one per filesystem, no job
// in its name) is destroyed once the sending job that owns the filesystem has a v2 cursor of the same or a newer
// version; otherwise it is left and the reason reported.
class CursorMigration
{
public:
    struct SendingJob
    {
        QString name;
        Zfs::DatasetFilter filter;
    };

    struct Outcome
    {
        QStringList lines;  // what was found and done, per filesystem, for the user
        int migrated = 0;
        int failed = 0;
    };

    static Async::Task<Zfs::Result<Outcome>> run(Zfs::ZfsClient &zfs, QList<SendingJob> jobs, bool dryRun);
};

}  // namespace Endpoint
