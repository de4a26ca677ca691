// SPDX-License-Identifier: MIT
#include "daemon/rpc/RemoteEndpoints.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace Rpc {

namespace {

Zfs::ZfsError malformed(const Client &client, const QString &what)
{
    Zfs::ZfsError error;
    error.kind = Zfs::ZfsError::Kind::Protocol;
    error.detail = u"%1: malformed answer: %2"_s.arg(client.describe(), what);
    return error;
}

QJsonObject filesystemsArgs(const QList<Zfs::DatasetPath> &paths)
{
    QJsonObject args;
    args.insert(u"Filesystems"_s, toJson(paths));
    return args;
}

QJsonObject receiveCompletedArgs(const QString &filesystem, const Zfs::FilesystemVersion &to)
{
    QJsonObject args;
    args.insert(u"Filesystem"_s, filesystem);
    args.insert(u"To"_s, toJson(to));
    return args;
}

// ListFilesystemVersions is the same call on a sink and on a source.
Async::Task<Zfs::Result<Endpoint::VersionMap>> listVersionsOf(Client &client, QList<Zfs::DatasetPath> filesystems)
{
    using Out = Zfs::Result<Endpoint::VersionMap>;
    const Reply reply = co_await client.call(ListFilesystemVersions, filesystemsArgs(filesystems));
    if (!reply.ok()) {
        co_return Out{{}, reply.error};
    }
    QString error;
    const std::optional<Endpoint::VersionMap> versions = versionMapFromJson(reply.result.value(u"Versions"_s), &error);
    if (!versions) {
        co_return Out{{}, malformed(client, error)};
    }
    co_return Out{*versions, {}};
}

}  // namespace

RemoteSender::RemoteSender(Client &client)
    : m_client(client)
{
}

Async::Task<Zfs::Result<QList<Zfs::Dataset>>> RemoteSender::listFilesystems()
{
    using Out = Zfs::Result<QList<Zfs::Dataset>>;
    const Reply reply = co_await m_client.call(ListFilesystems, QJsonObject());
    if (!reply.ok()) {
        co_return Out{{}, reply.error};
    }
    Out out;
    for (const QJsonValue &value : reply.result.value(u"Filesystems"_s).toArray()) {
        QString error;
        const std::optional<Zfs::Dataset> dataset = datasetFromJson(value, &error);
        if (!dataset) {
            co_return Out{{}, malformed(m_client, error)};
        }
        out.value.append(*dataset);
    }
    co_return out;
}

Async::Task<Zfs::Result<Endpoint::VersionMap>> RemoteSender::listVersions(QList<Zfs::DatasetPath> filesystems)
{
    co_return co_await listVersionsOf(m_client, filesystems);
}

Async::Task<Zfs::ZfsError> RemoteSender::prepareStep(Endpoint::SendArgs args)
{
    co_return (co_await m_client.call(PrepareStep, toJson(args))).error;
}

Async::Task<std::optional<qint64>> RemoteSender::sizeEstimate(Endpoint::SendArgs args)
{
    const Reply reply = co_await m_client.call(SizeEstimate, toJson(args));
    bool ok = false;
    const qint64 size = reply.result.value(u"Size"_s).toString().toLongLong(&ok);
    if (!reply.ok() || !ok) {
        co_return std::nullopt;
    }
    co_return size;
}

Async::Task<Zfs::ZfsError> RemoteSender::stepCompleted(Endpoint::SendArgs args)
{
    co_return (co_await m_client.call(SendCompleted, toJson(args))).error;
}

Async::Task<Endpoint::StreamOutcome> RemoteSender::sendInto(Endpoint::SendArgs args, Async::ProcessSpec consumer, Endpoint::Progress progress)
{
    co_return co_await m_client.receiveStream(toJson(args), std::move(consumer), std::move(progress));
}

RemoteReceiver::RemoteReceiver(Client &client)
    : m_client(client)
{
}

Async::Task<Zfs::Result<QHash<QString, Endpoint::ReceiverFilesystem>>> RemoteReceiver::listFilesystems(QList<Zfs::DatasetPath> senderPaths)
{
    using Out = Zfs::Result<QHash<QString, Endpoint::ReceiverFilesystem>>;
    const Reply reply = co_await m_client.call(ListFilesystems, filesystemsArgs(senderPaths));
    if (!reply.ok()) {
        co_return Out{{}, reply.error};
    }
    Out out;
    const QJsonObject filesystems = reply.result.value(u"Filesystems"_s).toObject();
    for (auto it = filesystems.constBegin(); it != filesystems.constEnd(); ++it) {
        QString error;
        const std::optional<Endpoint::ReceiverFilesystem> fs = receiverFilesystemFromJson(it.value(), &error);
        if (!fs) {
            co_return Out{{}, malformed(m_client, error)};
        }
        out.value.insert(it.key(), *fs);
    }
    co_return out;
}

Async::Task<Zfs::Result<Endpoint::VersionMap>> RemoteReceiver::listVersions(QList<Zfs::DatasetPath> senderPaths)
{
    co_return co_await listVersionsOf(m_client, senderPaths);
}

Async::Task<Zfs::ZfsError> RemoteReceiver::ensureParents(QString senderFilesystem)
{
    QJsonObject args;
    args.insert(u"Filesystem"_s, senderFilesystem);
    co_return (co_await m_client.call(EnsureParents, args)).error;
}

Async::Task<Endpoint::StreamOutcome> RemoteReceiver::receiveFrom(Endpoint::ReceiveArgs args, Async::ProcessSpec producer, Endpoint::Progress progress)
{
    co_return co_await m_client.sendStream(toJson(args), std::move(producer), std::move(progress));
}

Async::Task<QString> RemoteReceiver::receiveCompleted(QString senderFilesystem, Zfs::FilesystemVersion to)
{
    const Reply reply = co_await m_client.call(ReceiveCompleted, receiveCompletedArgs(senderFilesystem, to));
    if (!reply.ok()) {
        co_return reply.error.toString();
    }
    co_return reply.result.value(u"Error"_s).toString();
}

RemotePruneTarget::RemotePruneTarget(Client &client)
    : m_client(client)
{
}

Async::Task<Zfs::Result<QList<Endpoint::PruneFilesystem>>> RemotePruneTarget::listForPruning()
{
    using Out = Zfs::Result<QList<Endpoint::PruneFilesystem>>;
    const Reply reply = co_await m_client.call(PruneListing, QJsonObject());
    if (!reply.ok()) {
        co_return Out{{}, reply.error};
    }
    Out out;
    for (const QJsonValue &value : reply.result.value(u"Filesystems"_s).toArray()) {
        QString error;
        const std::optional<Endpoint::PruneFilesystem> fs = pruneFilesystemFromJson(value, &error);
        if (!fs) {
            co_return Out{{}, malformed(m_client, error)};
        }
        out.value.append(*fs);
    }
    co_return out;
}

Async::Task<Zfs::DestroyOutcome> RemotePruneTarget::destroySnapshots(QString filesystem, QStringList names)
{
    QJsonObject args;
    args.insert(u"Filesystem"_s, filesystem);
    args.insert(u"Snapshots"_s, QJsonArray::fromStringList(names));
    const Reply reply = co_await m_client.call(DestroySnapshots, args);
    if (!reply.ok()) {
        // Every snapshot of the batch failed the same way.
        Zfs::DestroyOutcome outcome;
        for (const QString &name : names) {
            outcome.insert(name, reply.error);
        }
        co_return outcome;
    }
    co_return destroyOutcomeFromJson(reply.result.value(u"Errors"_s));
}

}  // namespace Rpc
