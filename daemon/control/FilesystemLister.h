// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

#include "daemon/async/Task.h"
#include "daemon/holds/HoldsClassifier.h"
#include "shared/control/ConfigApi.h"

namespace Zfs {
class ZfsClient;
class ZfsCommand;
}  // namespace Zfs

namespace Daemon {

// The pools and filesystems a new backup can choose from (GET /holdfast/v1/filesystems), with sizes, encryption,
// mount points, and which of the daemon's jobs already send or receive each one. Two processes whatever the number
// of filesystems: `zpool list` and one `zfs get`.
class FilesystemLister
{
    Q_DECLARE_TR_FUNCTIONS(Daemon::FilesystemLister)

public:
    FilesystemLister(Zfs::ZfsCommand &command, Zfs::ZfsClient &zfs);

    struct Outcome
    {
        std::optional<Api::FilesystemListing> listing;
        QString error;  // when there is no listing
    };

    Async::Task<Outcome> list(QList<Holds::JobScope> jobs);

    // `zpool list -H -o name,size,free,health` output, exact (-p) or human ("1.98G", zfs-fuse has no -p).
    static std::optional<QList<Api::PoolInfo>> parsePools(const QByteArray &output, QString *error);
    // "123", "1.98G", "512K", "16.0E"; nullopt for "-" and what does not parse.
    static std::optional<qint64> parseSize(QStringView text);
    // Fills sentBy (the job's filesystems filter covers it) and receivedBy (at or below a sink's or pull's root_fs).
    static void attributeJobs(QList<Api::FilesystemInfo> &filesystems, const QList<Holds::JobScope> &jobs);

private:
    Zfs::ZfsCommand &m_command;
    Zfs::ZfsClient &m_zfs;
};

}  // namespace Daemon
