// SPDX-License-Identifier: MIT
#include "daemon/pruner/LocalPruneTarget.h"

using namespace Qt::StringLiterals;

namespace Daemon {

LocalPruneTarget::LocalPruneTarget(Zfs::ZfsClient &zfs, Zfs::DatasetFilter filter)
    : m_zfs(zfs)
    , m_filter(std::move(filter))
{
}

Async::Task<Zfs::Result<QList<Endpoint::PruneFilesystem>>> LocalPruneTarget::listForPruning()
{
    using Out = Zfs::Result<QList<Endpoint::PruneFilesystem>>;
    const Zfs::Result<QList<Zfs::Dataset>> datasets = co_await m_zfs.listFilesystems();
    if (!datasets.ok()) {
        co_return Out{{}, datasets.error};
    }
    const Zfs::Result<QSet<QString>> placeholders = co_await m_zfs.datasetsWithLocalProperty(u"zrepl:placeholder"_s, u"on"_s);
    if (!placeholders.ok()) {
        co_return Out{{}, placeholders.error};
    }
    Out out;
    QList<Zfs::DatasetPath> withSnapshots;
    for (const Zfs::Dataset &dataset : datasets.value) {
        if (!m_filter.matches(dataset.path)) {
            continue;
        }
        Endpoint::PruneFilesystem fs;
        fs.name = dataset.path.toString();
        fs.placeholder = placeholders.value.contains(fs.name);
        if (!fs.placeholder) {
            withSnapshots.append(dataset.path);
        }
        out.value.append(fs);
    }
    const auto versions = co_await m_zfs.listVersions(withSnapshots, false);
    if (!versions.ok()) {
        co_return Out{{}, versions.error};
    }
    for (Endpoint::PruneFilesystem &fs : out.value) {
        fs.snapshots = versions.value.value(fs.name);
    }
    co_return out;
}

Async::Task<Zfs::DestroyOutcome> LocalPruneTarget::destroySnapshots(QString filesystem, QStringList names)
{
    co_return co_await m_zfs.destroySnapshots(filesystem, names);
}

Async::Task<QList<Zfs::Hold>> LocalPruneTarget::holdsOf(QStringList snapshots)
{
    const Zfs::Result<Zfs::Capabilities> caps = co_await m_zfs.capabilities();
    if (snapshots.isEmpty() || !caps.ok() || !caps.value.holdsListing()) {
        co_return QList<Zfs::Hold>{};
    }
    const Zfs::Result<QList<Zfs::Hold>> holds = co_await m_zfs.holds(snapshots);
    co_return holds.ok() ? holds.value : QList<Zfs::Hold>{};
}

}  // namespace Daemon
