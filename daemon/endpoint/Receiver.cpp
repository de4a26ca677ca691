// SPDX-License-Identifier: MIT
#include "daemon/endpoint/Receiver.h"

#include "daemon/endpoint/AbstractionNames.h"

using namespace Qt::StringLiterals;

namespace Endpoint {

namespace {

// Built outside the coroutines: GCC 12 miscompiles braced initializer lists inside them.
QMap<QString, QString> placeholderProperties()
{
    return {{Receiver::PlaceholderProperty, u"on"_s}, {u"mountpoint"_s, u"none"_s}};
}

}  // namespace

Receiver::Receiver(Zfs::ZfsClient &zfs, Zfs::DatasetPath root, QString jobId)
    : m_zfs(zfs)
    , m_root(std::move(root))
    , m_jobId(std::move(jobId))
{
}

Async::Task<Zfs::Result<QHash<QString, ReceiverFilesystem>>> Receiver::listFilesystems(QList<Zfs::DatasetPath> senderPaths)
{
    using Out = Zfs::Result<QHash<QString, ReceiverFilesystem>>;
    const Zfs::Result<Zfs::Capabilities> caps = co_await m_zfs.capabilities();
    if (!caps.ok()) {
        co_return Out{{}, caps.error};
    }
    QStringList properties;
    if (caps.value.modern) {
        properties << u"receive_resume_token"_s;
    }
    const Zfs::Result<QList<Zfs::Dataset>> all = co_await m_zfs.listFilesystems(properties);
    if (!all.ok()) {
        co_return Out{{}, all.error};
    }
    const Zfs::Result<QSet<QString>> placeholders = co_await m_zfs.datasetsWithLocalProperty(PlaceholderProperty, u"on"_s);
    if (!placeholders.ok()) {
        co_return Out{{}, placeholders.error};
    }
    QHash<QString, Zfs::Dataset> local;
    for (const Zfs::Dataset &dataset : all.value) {
        if (dataset.path.hasPrefix(m_root)) {
            local.insert(dataset.path.toString(), dataset);
        }
    }
    Out out;
    for (const Zfs::DatasetPath &sender : senderPaths) {
        ReceiverFilesystem fs;
        fs.localPath = localPath(sender);
        const auto it = local.constFind(fs.localPath.toString());
        if (it != local.constEnd()) {
            fs.exists = true;
            fs.placeholder = placeholders.value.contains(fs.localPath.toString());
            const QString token = it->properties.value(u"receive_resume_token"_s);
            fs.resumeToken = token == u"-" ? QString() : token;
        }
        out.value.insert(sender.toString(), fs);
    }
    co_return out;
}

Async::Task<Zfs::Result<QHash<QString, QList<Zfs::FilesystemVersion>>>> Receiver::listVersions(QList<Zfs::DatasetPath> localPaths)
{
    co_return co_await m_zfs.listVersions(localPaths, false);
}

Async::Task<Zfs::ZfsError> Receiver::ensureParents(Zfs::DatasetPath path)
{
    // From the top: the pool must exist; every missing filesystem from the root's first missing component down to
    // the parent of `path` becomes a placeholder, so that `zfs recv` finds its parent.
    QList<Zfs::DatasetPath> chain;
    for (Zfs::DatasetPath p = path.parent(); p.length() >= 2; p = p.parent()) {
        chain.prepend(p);
    }
    const Zfs::Result<QList<Zfs::Dataset>> all = co_await m_zfs.listFilesystems();
    if (!all.ok()) {
        co_return all.error;
    }
    QSet<QString> existing;
    for (const Zfs::Dataset &dataset : all.value) {
        existing.insert(dataset.path.toString());
    }
    for (const Zfs::DatasetPath &p : chain) {
        if (existing.contains(p.toString())) {
            continue;
        }
        const Zfs::ZfsError error = co_await m_zfs.createFilesystem(p.toString(), placeholderProperties());
        if (!error.ok()) {
            co_return error;
        }
    }
    co_return Zfs::ZfsError{};
}

Async::Task<QStringList> Receiver::receiveArguments(Zfs::DatasetPath path, bool overwritePlaceholder)
{
    const Zfs::Result<Zfs::Capabilities> caps = co_await m_zfs.capabilities();
    QStringList arguments(u"recv"_s);
    if (caps.ok() && caps.value.resumableReceive(path.components().value(0))) {
        arguments << u"-s"_s;  // an interrupted stream leaves a resume token instead of nothing
    }
    arguments << u"-u"_s;  // received filesystems are not mounted over the workstation's own
    if (overwritePlaceholder) {
        arguments << u"-F"_s;
    }
    arguments << path.toString();
    co_return arguments;
}

Async::Task<Zfs::ZfsError> Receiver::receiveCompleted(Zfs::DatasetPath path, QString toName)
{
    const QString tag = lastReceivedHoldTag(m_jobId);
    const QString fs = path.toString();
    const Zfs::ZfsError held = co_await m_zfs.hold(tag, QStringList(fs + u'@' + toName));
    if (!held.ok()) {
        co_return held;
    }
    // The hold moves: release it from every other held snapshot of this filesystem (idempotent; snapshots
    // without it answer "no such tag", which counts as released).
    const auto versions = co_await m_zfs.listVersions(QList<Zfs::DatasetPath>() << path, false);
    if (!versions.ok()) {
        co_return versions.error;
    }
    QStringList others;
    for (const Zfs::FilesystemVersion &v : versions.value.value(fs)) {
        if (v.name != toName && v.userRefs.value_or(0) > 0) {
            others.append(v.fullName());
        }
    }
    if (others.isEmpty()) {
        co_return Zfs::ZfsError{};
    }
    co_return co_await m_zfs.release(tag, others);
}

}  // namespace Endpoint
