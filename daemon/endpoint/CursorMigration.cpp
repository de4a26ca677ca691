// SPDX-License-Identifier: MIT
#include "daemon/endpoint/CursorMigration.h"

#include "daemon/endpoint/AbstractionNames.h"

using namespace Qt::StringLiterals;

namespace Endpoint {

Async::Task<Zfs::Result<CursorMigration::Outcome>> CursorMigration::run(Zfs::ZfsClient &zfs, QList<SendingJob> jobs, bool dryRun)
{
    using Out = Zfs::Result<Outcome>;
    const Zfs::Result<QList<Zfs::Dataset>> filesystems = co_await zfs.listFilesystems();
    if (!filesystems.ok()) {
        co_return Out{{}, filesystems.error};
    }
    QList<Zfs::DatasetPath> paths;
    for (const Zfs::Dataset &dataset : filesystems.value) {
        paths.append(dataset.path);
    }
    const auto versions = co_await zfs.listVersions(paths, true);
    if (!versions.ok()) {
        co_return Out{{}, versions.error};
    }
    Outcome outcome;
    for (const Zfs::DatasetPath &path : paths) {
        const QString fs = path.toString();
        const QList<Zfs::FilesystemVersion> list = versions.value.value(fs);
        std::optional<Zfs::FilesystemVersion> v1;
        for (const Zfs::FilesystemVersion &v : list) {
            if (v.isBookmark() && v.name == QLatin1StringView(V1ReplicationCursorName)) {
                v1 = v;
            }
        }
        if (!v1) {
            continue;  // nothing to migrate; zrepl prints these too, but a pool has many such filesystems
        }
        outcome.lines.append(u"filesystem %1: v1 replication cursor %2 (createtxg %3)"_s.arg(fs, v1->fullName()).arg(v1->createTxg));
        QStringList owners;
        for (const SendingJob &job : std::as_const(jobs)) {
            if (job.filter.matches(path)) {
                owners.append(job.name);
            }
        }
        if (owners.isEmpty()) {
            outcome.lines.append(u"  skipped: no push or source job's filesystems filter matches it"_s);
            continue;
        }
        if (owners.size() > 1) {
            outcome.lines.append(u"  FAILED: jobs %1 all match it; the cursor cannot be attributed to one of them"_s.arg(owners.join(u", "_s)));
            ++outcome.failed;
            continue;
        }
        std::optional<Zfs::FilesystemVersion> v2;
        for (const Zfs::FilesystemVersion &v : list) {
            const auto parsed = v.isBookmark() ? parseReplicationCursorBookmarkName(v.name) : std::nullopt;
            if (parsed && parsed->jobId == owners.constFirst() && (!v2 || v.createTxg > v2->createTxg)) {
                v2 = v;
            }
        }
        if (!v2) {
            outcome.lines.append(u"  FAILED: job %1 has no v2 replication cursor on it yet; replicate once with Holdfast "
                                 "(or zrepl ≥ 0.2) first"_s.arg(owners.constFirst()));
            ++outcome.failed;
            continue;
        }
        if (v2->createTxg < v1->createTxg) {
            outcome.lines.append(u"  FAILED: the v1 cursor (createtxg %1) is newer than job %2's v2 cursor %3 (createtxg %4)"_s
                                     .arg(v1->createTxg)
                                     .arg(owners.constFirst(), v2->fullName())
                                     .arg(v2->createTxg));
            ++outcome.failed;
            continue;
        }
        if (dryRun) {
            outcome.lines.append(u"  would destroy %1: job %2's v2 cursor %3 is as new or newer (dry run)"_s.arg(v1->fullName(), owners.constFirst(), v2->fullName()));
            ++outcome.migrated;
            continue;
        }
        const Zfs::ZfsError destroyed = co_await zfs.destroyBookmarks(QStringList(v1->fullName()));
        if (!destroyed.ok()) {
            outcome.lines.append(u"  FAILED: %1"_s.arg(destroyed.toString().trimmed()));
            ++outcome.failed;
            continue;
        }
        outcome.lines.append(u"  destroyed %1: job %2's v2 cursor %3 is as new or newer"_s.arg(v1->fullName(), owners.constFirst(), v2->fullName()));
        ++outcome.migrated;
    }
    co_return Out{outcome, {}};
}

}  // namespace Endpoint
