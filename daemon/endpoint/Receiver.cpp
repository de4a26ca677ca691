// SPDX-License-Identifier: MIT
#include "daemon/endpoint/Receiver.h"

#include "daemon/endpoint/AbstractionNames.h"
#include "daemon/zfs/NameCheck.h"

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
    const Zfs::Result<QList<Zfs::Dataset>> all = co_await m_zfs.listFilesystemsWithResumeTokens();
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
            fs.resumeToken = it->resumeToken();
        }
        out.value.insert(sender.toString(), fs);
    }
    co_return out;
}

QString Receiver::checkSenderPath(const QString &senderFilesystem)
{
    if (senderFilesystem.isEmpty()) {
        return u"empty filesystem name"_s;
    }
    if (const auto bad = Zfs::datasetPathCheck(senderFilesystem)) {
        return u"invalid filesystem name \"%1\": %2"_s.arg(senderFilesystem, *bad);
    }
    for (const QString &component : senderFilesystem.split(u'/')) {
        if (const auto bad = Zfs::componentNamecheck(component)) {
            return u"invalid filesystem name \"%1\": %2"_s.arg(senderFilesystem, *bad);
        }
    }
    return {};
}

Async::Task<Zfs::Result<VersionMap>> Receiver::listVersions(QList<Zfs::DatasetPath> senderPaths)
{
    QList<Zfs::DatasetPath> local;
    QHash<QString, QString> senderOf;
    for (const Zfs::DatasetPath &sender : senderPaths) {
        local.append(localPath(sender));
        senderOf.insert(local.last().toString(), sender.toString());
    }
    const Zfs::Result<VersionMap> versions = co_await m_zfs.listVersions(local, false);
    if (!versions.ok()) {
        co_return versions;
    }
    Zfs::Result<VersionMap> out;
    for (auto it = versions.value.cbegin(); it != versions.value.cend(); ++it) {
        out.value.insert(senderOf.value(it.key(), it.key()), it.value());
    }
    co_return out;
}

Async::Task<Zfs::ZfsError> Receiver::ensureParents(QString senderFilesystem)
{
    const Zfs::DatasetPath path = localPath(Zfs::DatasetPath::fromString(senderFilesystem));
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

Async::Task<std::optional<Async::ProcessSpec>> Receiver::receiveProcess(ReceiveArgs args)
{
    const Zfs::DatasetPath local = localPath(Zfs::DatasetPath::fromString(args.filesystem));
    co_return zfsProcess(m_zfs.command(), co_await receiveArguments(local, args.overwritePlaceholder));
}

Async::Task<StreamOutcome> Receiver::receiveFrom(ReceiveArgs args, Async::ProcessSpec producer, Progress progress)
{
    const std::optional<Async::ProcessSpec> consumer = co_await receiveProcess(args);
    co_return co_await runLocalStream(std::move(producer), *consumer, std::move(progress));
}

Async::Task<QString> Receiver::receiveCompleted(QString senderFilesystem, Zfs::FilesystemVersion to)
{
    const Zfs::DatasetPath local = localPath(Zfs::DatasetPath::fromString(senderFilesystem));
    // What arrived must be what was sent: the guid is the snapshot's identity across pools.
    const Zfs::CommandResult guid = co_await m_zfs.command().zfs(
        QStringList() << u"get"_s << u"-H"_s << u"-p"_s << u"-o"_s << u"value"_s << u"guid"_s
                      << local.toString() + u'@' + to.name);
    const QString received = QString::fromUtf8(guid.standardOutput).trimmed();
    if (!guid.ok() || received != QString::number(to.guid)) {
        co_return u"received snapshot %1@%2 has guid %3, expected %4"_s
            .arg(local.toString(), to.name, received.isEmpty() ? u"(none)"_s : received)
            .arg(to.guid);
    }
    const Zfs::ZfsError hold = co_await moveLastReceivedHold(local, to.name);
    if (!hold.ok()) {
        co_return u"cannot move the last-received hold: %1"_s.arg(hold.toString().trimmed());
    }
    co_return QString();
}

Async::Task<Zfs::ZfsError> Receiver::moveLastReceivedHold(Zfs::DatasetPath path, QString toName)
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
    if (m_receivedObserver) {
        m_receivedObserver(fs, versions.value.value(fs), toName);
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
