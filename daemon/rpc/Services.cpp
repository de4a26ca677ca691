// SPDX-License-Identifier: MIT
#include "daemon/rpc/Services.h"

#include "daemon/holds/RunningSteps.h"

#include <QJsonArray>

#include "daemon/zfs/NameCheck.h"

using namespace Qt::StringLiterals;

namespace Rpc {

namespace {

Reply failed(const Zfs::ZfsError &error)
{
    return Reply{{}, error};
}

Zfs::Result<Async::ProcessSpec> refusedProcess(const QString &why)
{
    Zfs::ZfsError error;
    error.kind = Zfs::ZfsError::Kind::Protocol;
    error.detail = why;
    return Zfs::Result<Async::ProcessSpec>{{}, error};
}

Zfs::DatasetFilter receiverRootFilter(const Zfs::DatasetPath &root)
{
    Config::FilesystemsFilter patterns;
    patterns.insert(root.toString() + u'<', true);
    QString error;
    return Zfs::DatasetFilter::fromConfig(patterns, &error).value_or(Zfs::DatasetFilter());
}

// DestroySnapshots' arguments: a filesystem and snapshot names (without '@'), each valid.
std::optional<QString> destroyArgs(const QJsonObject &args, QString *filesystem, QStringList *names)
{
    *filesystem = args.value(u"Filesystem"_s).toString();
    if (const QString bad = Endpoint::Receiver::checkSenderPath(*filesystem); !bad.isEmpty()) {
        return bad;
    }
    for (const QJsonValue &v : args.value(u"Snapshots"_s).toArray()) {
        const QString name = v.toString();
        if (const auto bad = Zfs::entityNamecheck(QString(*filesystem + u'@' + name), Zfs::EntityType::Snapshot); bad || !v.isString()) {
            return u"invalid snapshot name \"%1\": %2"_s.arg(name, bad.value_or(u"not a string"_s));
        }
        names->append(name);
    }
    return std::nullopt;
}

QJsonObject pruneListingJson(const QList<Endpoint::PruneFilesystem> &filesystems)
{
    QJsonArray list;
    for (const Endpoint::PruneFilesystem &fs : filesystems) {
        list.append(toJson(fs));
    }
    QJsonObject out;
    out.insert(u"Filesystems"_s, list);
    return out;
}

}  // namespace

Reply Service::refuse(const QString &why)
{
    Zfs::ZfsError error;
    error.kind = Zfs::ZfsError::Kind::Protocol;
    error.detail = why;
    return Reply{{}, error};
}

Async::Task<Reply> Service::pruningCall(QByteArray rpc, QJsonObject args, Daemon::LocalPruneTarget &target, QString notOurs)
{
    if (rpc == PruneListing) {
        const auto listing = co_await target.listForPruning();
        if (!listing.ok()) {
            co_return failed(listing.error);
        }
        co_return Reply{pruneListingJson(listing.value), {}};
    }
    QString filesystem;
    QStringList names;
    if (const auto bad = destroyArgs(args, &filesystem, &names)) {
        co_return refuse(*bad);
    }
    if (!target.filter().matches(Zfs::DatasetPath::fromString(filesystem))) {
        co_return refuse(notOurs.arg(filesystem));
    }
    QJsonObject out;
    out.insert(u"Errors"_s, toJson(co_await target.destroySnapshots(filesystem, names)));
    co_return Reply{out, {}};
}

Async::Task<Zfs::Result<Async::ProcessSpec>> Service::sendProcess(QJsonObject)
{
    co_return refusedProcess(u"this job does not send: it is a %1"_s.arg(toString(handshake().role)));
}

Async::Task<Zfs::Result<Async::ProcessSpec>> Service::receiveProcess(QJsonObject)
{
    co_return refusedProcess(u"this job does not receive: it is a %1"_s.arg(toString(handshake().role)));
}

SenderService::SenderService(std::unique_ptr<Endpoint::Sender> sender, QString jobName, QString clientIdentity)
    : m_owned(std::move(sender))
    , m_sender(*m_owned)
    , m_prune(m_sender.zfs(), m_sender.filter())
    , m_jobName(std::move(jobName))
    , m_clientIdentity(std::move(clientIdentity))
{
}

HandshakeReply SenderService::handshake() const
{
    HandshakeReply reply;
    reply.role = Role::Source;
    reply.jobName = m_jobName;
    reply.clientIdentity = m_clientIdentity;
    reply.encrypted = m_sender.encrypted();
    return reply;
}

Async::Task<Reply> SenderService::call(QByteArray rpc, QJsonObject args)
{
    QString error;
    if (rpc == ListFilesystems) {
        const auto filesystems = co_await m_sender.listFilesystems();
        if (!filesystems.ok()) {
            co_return failed(filesystems.error);
        }
        QJsonArray list;
        for (const Zfs::Dataset &dataset : filesystems.value) {
            list.append(toJson(dataset));
        }
        QJsonObject out;
        out.insert(u"Filesystems"_s, list);
        co_return Reply{out, {}};
    }
    if (rpc == ListFilesystemVersions) {
        const std::optional<QList<Zfs::DatasetPath>> paths = pathsFromJson(args.value(u"Filesystems"_s), &error);
        if (!paths) {
            co_return refuse(error);
        }
        for (const Zfs::DatasetPath &path : *paths) {
            if (!m_sender.filter().matches(path)) {
                co_return refuse(u"filesystem %1 is not offered by job %2"_s.arg(path.toString(), m_jobName));
            }
        }
        const auto versions = co_await m_sender.listVersions(*paths);
        if (!versions.ok()) {
            co_return failed(versions.error);
        }
        QJsonObject out;
        out.insert(u"Versions"_s, toJson(versions.value));
        co_return Reply{out, {}};
    }
    if (rpc == PrepareStep || rpc == SizeEstimate || rpc == SendCompleted) {
        const std::optional<Endpoint::SendArgs> parsed = sendArgsFromJson(args, &error);
        if (!parsed) {
            co_return refuse(error);
        }
        const Zfs::Result<Endpoint::SendArgs> resolved = co_await m_sender.resolve(*parsed);
        if (!resolved.ok()) {
            co_return failed(resolved.error);
        }
        if (rpc == SizeEstimate) {
            const std::optional<qint64> size = co_await m_sender.sizeEstimate(resolved.value);
            QJsonObject out;
            if (size) {
                out.insert(u"Size"_s, QString::number(*size));
            }
            co_return Reply{out, {}};
        }
        Zfs::ZfsError result;
        if (rpc == PrepareStep) {
            result = co_await m_sender.prepareStep(resolved.value);
        } else {
            result = co_await m_sender.stepCompleted(resolved.value);
        }
        co_return Reply{{}, result};
    }
    if (rpc == PruneListing || rpc == DestroySnapshots) {
        co_return co_await pruningCall(rpc, args, m_prune, u"filesystem %1 is not offered by job "_s + m_jobName);
    }
    co_return refuse(u"job %1 (a source) has no call %2"_s.arg(m_jobName, QString::fromLatin1(rpc)));
}

Async::Task<Zfs::Result<Async::ProcessSpec>> SenderService::sendProcess(QJsonObject args)
{
    QString error;
    const std::optional<Endpoint::SendArgs> parsed = sendArgsFromJson(args, &error);
    if (!parsed) {
        co_return refusedProcess(error);
    }
    const Zfs::Result<Endpoint::SendArgs> resolved = co_await m_sender.resolve(*parsed);
    if (!resolved.ok()) {
        co_return Zfs::Result<Async::ProcessSpec>{{}, resolved.error};
    }
    Async::ProcessSpec spec = *m_sender.sendProcess(resolved.value);
    // The client's step uses these snapshots as long as the stream runs.
    QStringList used{resolved.value.to.name};
    if (resolved.value.from && !resolved.value.from->isBookmark()) {
        used.append(resolved.value.from->name);
    }
    spec.lease = Holds::RunningSteps::instance().enter({m_sender.jobId(), resolved.value.filesystem, used});
    co_return Zfs::Result<Async::ProcessSpec>{spec, {}};
}

ReceiverService::ReceiverService(std::unique_ptr<Endpoint::Receiver> receiver, QString jobName, QString clientIdentity)
    : m_receiver(std::move(receiver))
    , m_prune(std::make_unique<Daemon::LocalPruneTarget>(m_receiver->zfs(), receiverRootFilter(m_receiver->root())))
    , m_jobName(std::move(jobName))
    , m_clientIdentity(std::move(clientIdentity))
{
}

HandshakeReply ReceiverService::handshake() const
{
    HandshakeReply reply;
    reply.role = Role::Sink;
    reply.jobName = m_jobName;
    reply.clientIdentity = m_clientIdentity;
    return reply;
}

Async::Task<Reply> ReceiverService::call(QByteArray rpc, QJsonObject args)
{
    QString error;
    if (rpc == ListFilesystems || rpc == ListFilesystemVersions) {
        const std::optional<QList<Zfs::DatasetPath>> paths = pathsFromJson(args.value(u"Filesystems"_s), &error);
        if (!paths) {
            co_return refuse(error);
        }
        for (const Zfs::DatasetPath &path : *paths) {
            if (const QString bad = Endpoint::Receiver::checkSenderPath(path.toString()); !bad.isEmpty()) {
                co_return refuse(bad);
            }
        }
        QJsonObject out;
        if (rpc == ListFilesystems) {
            const auto filesystems = co_await m_receiver->listFilesystems(*paths);
            if (!filesystems.ok()) {
                co_return failed(filesystems.error);
            }
            QJsonObject map;
            for (auto it = filesystems.value.cbegin(); it != filesystems.value.cend(); ++it) {
                map.insert(it.key(), toJson(it.value()));
            }
            out.insert(u"Filesystems"_s, map);
        } else {
            const auto versions = co_await m_receiver->listVersions(*paths);
            if (!versions.ok()) {
                co_return failed(versions.error);
            }
            out.insert(u"Versions"_s, toJson(versions.value));
        }
        co_return Reply{out, {}};
    }
    if (rpc == EnsureParents || rpc == ReceiveCompleted) {
        const QString filesystem = args.value(u"Filesystem"_s).toString();
        if (const QString bad = Endpoint::Receiver::checkSenderPath(filesystem); !bad.isEmpty()) {
            co_return refuse(bad);
        }
        if (rpc == EnsureParents) {
            co_return Reply{{}, co_await m_receiver->ensureParents(filesystem)};
        }
        const std::optional<Zfs::FilesystemVersion> to = versionFromJson(args.value(u"To"_s), &error);
        if (!to) {
            co_return refuse(error);
        }
        QJsonObject out;
        out.insert(u"Error"_s, co_await m_receiver->receiveCompleted(filesystem, *to));
        co_return Reply{out, {}};
    }
    if (rpc == PruneListing || rpc == DestroySnapshots) {
        co_return co_await pruningCall(rpc, args, *m_prune,
                                       u"filesystem %1 is not below "_s + m_receiver->root().toString()
                                           + u", where this client's filesystems are received"_s);
    }
    co_return refuse(u"job %1 (a sink) has no call %2"_s.arg(m_jobName, QString::fromLatin1(rpc)));
}

Async::Task<Zfs::Result<Async::ProcessSpec>> ReceiverService::receiveProcess(QJsonObject args)
{
    QString error;
    const std::optional<Endpoint::ReceiveArgs> parsed = receiveArgsFromJson(args, &error);
    if (!parsed) {
        co_return refusedProcess(error);
    }
    if (const QString bad = Endpoint::Receiver::checkSenderPath(parsed->filesystem); !bad.isEmpty()) {
        co_return refusedProcess(bad);
    }
    std::optional<Async::ProcessSpec> spec = co_await m_receiver->receiveProcess(*parsed);
    spec->lease = Holds::RunningSteps::instance().enter(
        {m_receiver->jobId(), m_receiver->localPath(Zfs::DatasetPath::fromString(parsed->filesystem)).toString(), {}});
    co_return Zfs::Result<Async::ProcessSpec>{*spec, {}};
}

}  // namespace Rpc
