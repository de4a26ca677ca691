// SPDX-License-Identifier: MIT
#include "daemon/browse/SnapshotLookup.h"

#include <algorithm>

#include "daemon/zfs/ZfsOutput.h"

using namespace Qt::StringLiterals;

namespace Browse {

namespace {

// Built outside the coroutines: GCC 12 miscompiles braced initializer lists inside them.
QStringList getArguments(const QString &properties, const QString &name)
{
    return {u"get"_s, u"-H"_s, u"-p"_s, u"-o"_s, u"name,property,value"_s, properties, name};
}

Zfs::ZfsError unreadable(const QString &command, const QString &problem)
{
    Zfs::ZfsError error;
    error.kind = Zfs::ZfsError::Kind::Other;
    error.command = command;
    error.stderrText = problem;
    return error;
}

}  // namespace

SnapshotLookup::SnapshotLookup(Zfs::ZfsClient &zfs)
    : m_zfs(zfs)
{}

Async::Task<FilesystemFacts> SnapshotLookup::filesystem(QString name)
{
    FilesystemFacts facts;
    const Zfs::Result<Zfs::Capabilities> caps = co_await m_zfs.capabilities();
    if (!caps.ok()) {
        facts.error = caps.error;
        co_return facts;
    }
    // zfs-fuse knows no encryption properties and refuses a list that names them.
    const QString properties =
        caps.value.modern ? u"type,mounted,mountpoint,keystatus,encryptionroot"_s : u"type,mounted,mountpoint"_s;
    const Zfs::CommandResult result = co_await m_zfs.command().zfs(getArguments(properties, name));
    if (!result.ok()) {
        facts.error = result.error;
        co_return facts;
    }
    QString problem;
    const std::optional<QList<Zfs::Output::PropertyRow>> rows =
        Zfs::Output::parseGetOutput(result.standardOutput, &problem);
    if (!rows || rows->size() != 1) {
        facts.error = unreadable(result.error.command, rows ? u"expected the properties of one dataset"_s : problem);
        co_return facts;
    }
    const QMap<QString, QString> &p = rows->constFirst().properties;
    facts.type = p.value(u"type"_s);
    facts.mounted = p.value(u"mounted"_s) == u"yes";
    facts.mountpoint = p.value(u"mountpoint"_s);
    facts.keyStatus = p.value(u"keystatus"_s);
    facts.encryptionRoot = p.value(u"encryptionroot"_s);
    co_return facts;
}

Async::Task<Zfs::ZfsError> SnapshotLookup::snapshotExists(QString fullName)
{
    const Zfs::CommandResult result = co_await m_zfs.command().zfs(getArguments(u"type"_s, fullName));
    co_return result.error;
}

Async::Task<Zfs::Result<QList<Api::SnapshotInfo>>> SnapshotLookup::snapshots(QString filesystem)
{
    using Out = Zfs::Result<QList<Api::SnapshotInfo>>;
    QList<Zfs::DatasetPath> wanted;
    wanted.append(Zfs::DatasetPath::fromString(filesystem));
    const Zfs::Result<QHash<QString, QList<Zfs::FilesystemVersion>>> versions =
        co_await m_zfs.listVersions(wanted, false);
    if (!versions.ok()) {
        co_return Out{{}, versions.error};
    }
    QList<Api::SnapshotInfo> out;
    const QList<Zfs::FilesystemVersion> list = versions.value.value(filesystem);
    out.reserve(list.size());
    // listVersions sorts by createtxg, oldest first.
    for (auto it = list.crbegin(); it != list.crend(); ++it) {
        Api::SnapshotInfo info;
        info.name = it->name;
        info.guid = QString::number(it->guid);
        info.creation = it->creation;
        info.userrefs = qint64(it->userRefs.value_or(0));
        out.append(info);
    }
    co_return Out{out, {}};
}

}  // namespace Browse
