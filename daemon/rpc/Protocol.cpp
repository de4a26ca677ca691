// SPDX-License-Identifier: MIT
#include "daemon/rpc/Protocol.h"

#include "daemon/zfs/NameCheck.h"

using namespace Qt::StringLiterals;

namespace Rpc {

namespace {

QString u64(quint64 value)
{
    return QString::number(value);
}

// Fields are checked one by one so that a malformed message names the field that is wrong.
struct Reader
{
    const QJsonObject &object;
    QString context;
    QString *error;
    bool ok = true;

    bool fail(const QString &why)
    {
        if (ok && error) {
            *error = u"%1: %2"_s.arg(context, why);
        }
        ok = false;
        return false;
    }
    QString string(const char *key, bool required = true)
    {
        const QJsonValue v = object.value(QLatin1StringView(key));
        if (v.isString()) {
            return v.toString();
        }
        if (required || !v.isUndefined()) {
            fail(u"field %1 must be a string"_s.arg(QLatin1StringView(key)));
        }
        return {};
    }
    quint64 number(const char *key)
    {
        bool parsed = false;
        const quint64 n = string(key).toULongLong(&parsed);
        if (ok && !parsed) {
            fail(u"field %1 must be a decimal number in a string"_s.arg(QLatin1StringView(key)));
        }
        return n;
    }
    bool boolean(const char *key)
    {
        const QJsonValue v = object.value(QLatin1StringView(key));
        if (v.isUndefined()) {
            return false;
        }
        if (!v.isBool()) {
            fail(u"field %1 must be true or false"_s.arg(QLatin1StringView(key)));
        }
        return v.toBool();
    }
};

bool requireObject(const QJsonValue &json, const QString &what, QString *error)
{
    if (!json.isObject()) {
        if (error) {
            *error = u"%1 must be a JSON object"_s.arg(what);
        }
        return false;
    }
    return true;
}

}  // namespace

QByteArray rpcPath(const char *name)
{
    return QByteArray("/rpc/") + name;
}

QString toString(Role role)
{
    return role == Role::Sink ? u"sink"_s : u"source"_s;
}

QJsonObject toJson(const HandshakeReply &reply)
{
    QJsonObject o;
    o.insert(u"ProtocolVersion"_s, reply.protocolVersion);
    o.insert(u"Role"_s, toString(reply.role));
    o.insert(u"JobName"_s, reply.jobName);
    o.insert(u"ClientIdentity"_s, reply.clientIdentity);
    o.insert(u"Encrypted"_s, reply.encrypted);
    return o;
}

std::optional<HandshakeReply> handshakeFromJson(const QJsonObject &json, QString *error)
{
    Reader r{json, u"handshake"_s, error};
    HandshakeReply reply;
    reply.protocolVersion = json.value(u"ProtocolVersion"_s).toInt(-1);
    const QString role = r.string("Role");
    reply.jobName = r.string("JobName");
    reply.clientIdentity = r.string("ClientIdentity");
    reply.encrypted = r.boolean("Encrypted");
    if (r.ok && role != u"sink" && role != u"source") {
        r.fail(u"unknown role \"%1\""_s.arg(role));
    }
    reply.role = role == u"source" ? Role::Source : Role::Sink;
    if (!r.ok) {
        return std::nullopt;
    }
    return reply;
}

QJsonObject toJson(const Zfs::FilesystemVersion &version)
{
    QJsonObject o;
    o.insert(u"Type"_s, version.isSnapshot() ? u"snapshot"_s : u"bookmark"_s);
    o.insert(u"Filesystem"_s, version.filesystem);
    o.insert(u"Name"_s, version.name);
    o.insert(u"Guid"_s, u64(version.guid));
    o.insert(u"CreateTXG"_s, u64(version.createTxg));
    o.insert(u"Creation"_s, QString::fromLatin1(version.creation.toRfc3339()));
    if (version.userRefs) {
        o.insert(u"UserRefs"_s, u64(*version.userRefs));
    }
    return o;
}

std::optional<Zfs::FilesystemVersion> versionFromJson(const QJsonValue &json, QString *error)
{
    if (!requireObject(json, u"a filesystem version"_s, error)) {
        return std::nullopt;
    }
    const QJsonObject o = json.toObject();
    Reader r{o, u"filesystem version"_s, error};
    Zfs::FilesystemVersion v;
    const QString type = r.string("Type");
    v.filesystem = r.string("Filesystem");
    v.name = r.string("Name");
    v.guid = r.number("Guid");
    v.createTxg = r.number("CreateTXG");
    const QString creation = r.string("Creation");
    if (o.contains(u"UserRefs"_s)) {
        v.userRefs = r.number("UserRefs");
    }
    if (!r.ok) {
        return std::nullopt;
    }
    if (type != u"snapshot" && type != u"bookmark") {
        r.fail(u"unknown type \"%1\""_s.arg(type));
        return std::nullopt;
    }
    v.type = type == u"snapshot" ? Zfs::VersionType::Snapshot : Zfs::VersionType::Bookmark;
    const auto bad = Zfs::entityNamecheck(v.fullName(), v.isSnapshot() ? Zfs::EntityType::Snapshot : Zfs::EntityType::Bookmark);
    if (bad) {
        r.fail(*bad);
        return std::nullopt;
    }
    const std::optional<Api::Timestamp> when = Api::Timestamp::parse(creation.toLatin1());
    if (!when) {
        r.fail(u"field Creation is not an RFC 3339 time"_s);
        return std::nullopt;
    }
    v.creation = *when;
    return v;
}

QJsonObject toJson(const Zfs::Dataset &dataset)
{
    QJsonObject o;
    o.insert(u"Path"_s, dataset.path.toString());
    o.insert(u"Type"_s, dataset.type);
    QJsonObject properties;
    for (auto it = dataset.properties.cbegin(); it != dataset.properties.cend(); ++it) {
        properties.insert(it.key(), it.value());
    }
    o.insert(u"Properties"_s, properties);
    return o;
}

std::optional<Zfs::Dataset> datasetFromJson(const QJsonValue &json, QString *error)
{
    if (!requireObject(json, u"a dataset"_s, error)) {
        return std::nullopt;
    }
    const QJsonObject o = json.toObject();
    Reader r{o, u"dataset"_s, error};
    Zfs::Dataset d;
    const QString path = r.string("Path");
    d.type = r.string("Type");
    const QJsonObject properties = o.value(u"Properties"_s).toObject();
    for (auto it = properties.constBegin(); it != properties.constEnd(); ++it) {
        d.properties.insert(it.key(), it.value().toString());
    }
    if (r.ok && (path.isEmpty() || Zfs::datasetPathCheck(path))) {
        r.fail(u"invalid dataset path \"%1\""_s.arg(path));
    }
    if (!r.ok) {
        return std::nullopt;
    }
    d.path = Zfs::DatasetPath::fromString(path);
    return d;
}

QJsonObject toJson(const Endpoint::VersionMap &versions)
{
    QJsonObject o;
    for (auto it = versions.cbegin(); it != versions.cend(); ++it) {
        QJsonArray list;
        for (const Zfs::FilesystemVersion &v : it.value()) {
            list.append(toJson(v));
        }
        o.insert(it.key(), list);
    }
    return o;
}

std::optional<Endpoint::VersionMap> versionMapFromJson(const QJsonValue &json, QString *error)
{
    if (!requireObject(json, u"a version listing"_s, error)) {
        return std::nullopt;
    }
    Endpoint::VersionMap out;
    const QJsonObject o = json.toObject();
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        QList<Zfs::FilesystemVersion> list;
        for (const QJsonValue &v : it.value().toArray()) {
            std::optional<Zfs::FilesystemVersion> version = versionFromJson(v, error);
            if (!version) {
                return std::nullopt;
            }
            list.append(*version);
        }
        out.insert(it.key(), list);
    }
    return out;
}

QJsonObject toJson(const Endpoint::ReceiverFilesystem &fs)
{
    QJsonObject o;
    o.insert(u"LocalPath"_s, fs.localPath.toString());
    o.insert(u"Exists"_s, fs.exists);
    o.insert(u"Placeholder"_s, fs.placeholder);
    o.insert(u"ResumeToken"_s, fs.resumeToken);
    return o;
}

std::optional<Endpoint::ReceiverFilesystem> receiverFilesystemFromJson(const QJsonValue &json, QString *error)
{
    if (!requireObject(json, u"a receiver filesystem"_s, error)) {
        return std::nullopt;
    }
    const QJsonObject o = json.toObject();
    Reader r{o, u"receiver filesystem"_s, error};
    Endpoint::ReceiverFilesystem fs;
    fs.localPath = Zfs::DatasetPath::fromString(r.string("LocalPath"));
    fs.exists = r.boolean("Exists");
    fs.placeholder = r.boolean("Placeholder");
    fs.resumeToken = r.string("ResumeToken", false);
    if (!r.ok) {
        return std::nullopt;
    }
    return fs;
}

QJsonObject toJson(const Endpoint::SendArgs &args)
{
    QJsonObject o;
    o.insert(u"Filesystem"_s, args.filesystem);
    if (args.from) {
        o.insert(u"From"_s, toJson(*args.from));
    }
    o.insert(u"To"_s, toJson(args.to));
    o.insert(u"ResumeToken"_s, args.resumeToken);
    o.insert(u"Encrypted"_s, args.encrypted);
    return o;
}

std::optional<Endpoint::SendArgs> sendArgsFromJson(const QJsonValue &json, QString *error)
{
    if (!requireObject(json, u"send arguments"_s, error)) {
        return std::nullopt;
    }
    const QJsonObject o = json.toObject();
    Reader r{o, u"send arguments"_s, error};
    Endpoint::SendArgs args;
    args.filesystem = r.string("Filesystem");
    args.resumeToken = r.string("ResumeToken", false);
    args.encrypted = r.boolean("Encrypted");
    if (!r.ok) {
        return std::nullopt;
    }
    const std::optional<Zfs::FilesystemVersion> to = versionFromJson(o.value(u"To"_s), error);
    if (!to) {
        return std::nullopt;
    }
    args.to = *to;
    if (o.contains(u"From"_s)) {
        args.from = versionFromJson(o.value(u"From"_s), error);
        if (!args.from) {
            return std::nullopt;
        }
    }
    // Both versions must belong to the filesystem the step names.
    if (args.to.filesystem != args.filesystem || (args.from && args.from->filesystem != args.filesystem)) {
        r.fail(u"the versions do not belong to filesystem %1"_s.arg(args.filesystem));
        return std::nullopt;
    }
    return args;
}

QJsonObject toJson(const Endpoint::ReceiveArgs &args)
{
    QJsonObject o;
    o.insert(u"Filesystem"_s, args.filesystem);
    o.insert(u"OverwritePlaceholder"_s, args.overwritePlaceholder);
    return o;
}

std::optional<Endpoint::ReceiveArgs> receiveArgsFromJson(const QJsonValue &json, QString *error)
{
    if (!requireObject(json, u"receive arguments"_s, error)) {
        return std::nullopt;
    }
    const QJsonObject o = json.toObject();
    Reader r{o, u"receive arguments"_s, error};
    Endpoint::ReceiveArgs args;
    args.filesystem = r.string("Filesystem");
    args.overwritePlaceholder = r.boolean("OverwritePlaceholder");
    if (!r.ok) {
        return std::nullopt;
    }
    return args;
}

QJsonObject toJson(const Endpoint::PruneFilesystem &fs)
{
    QJsonObject o;
    o.insert(u"Name"_s, fs.name);
    o.insert(u"Placeholder"_s, fs.placeholder);
    QJsonArray snapshots;
    for (const Zfs::FilesystemVersion &v : fs.snapshots) {
        snapshots.append(toJson(v));
    }
    o.insert(u"Snapshots"_s, snapshots);
    return o;
}

std::optional<Endpoint::PruneFilesystem> pruneFilesystemFromJson(const QJsonValue &json, QString *error)
{
    if (!requireObject(json, u"a pruning filesystem"_s, error)) {
        return std::nullopt;
    }
    const QJsonObject o = json.toObject();
    Reader r{o, u"pruning filesystem"_s, error};
    Endpoint::PruneFilesystem fs;
    fs.name = r.string("Name");
    fs.placeholder = r.boolean("Placeholder");
    if (!r.ok) {
        return std::nullopt;
    }
    for (const QJsonValue &v : o.value(u"Snapshots"_s).toArray()) {
        std::optional<Zfs::FilesystemVersion> version = versionFromJson(v, error);
        if (!version) {
            return std::nullopt;
        }
        fs.snapshots.append(*version);
    }
    return fs;
}

QJsonObject toJson(const Zfs::ZfsError &error)
{
    QJsonObject o;
    o.insert(u"Kind"_s, Zfs::toString(error.kind));
    o.insert(u"Command"_s, error.command);
    o.insert(u"ExitCode"_s, error.exitCode);
    o.insert(u"Stderr"_s, error.stderrText);
    o.insert(u"Detail"_s, error.detail);
    return o;
}

Zfs::ZfsError zfsErrorFromJson(const QJsonValue &json)
{
    const QJsonObject o = json.toObject();
    Zfs::ZfsError error;
    error.kind = Zfs::kindFromString(o.value(u"Kind"_s).toString());
    error.command = o.value(u"Command"_s).toString();
    error.exitCode = o.value(u"ExitCode"_s).toInt();
    error.stderrText = o.value(u"Stderr"_s).toString();
    error.detail = o.value(u"Detail"_s).toString();
    return error;
}

QJsonObject toJson(const Zfs::DestroyOutcome &outcome)
{
    QJsonObject o;
    for (auto it = outcome.cbegin(); it != outcome.cend(); ++it) {
        o.insert(it.key(), toJson(it.value()));
    }
    return o;
}

Zfs::DestroyOutcome destroyOutcomeFromJson(const QJsonValue &json)
{
    Zfs::DestroyOutcome out;
    const QJsonObject o = json.toObject();
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        out.insert(it.key(), zfsErrorFromJson(it.value()));
    }
    return out;
}

QJsonArray toJson(const QList<Zfs::DatasetPath> &paths)
{
    QJsonArray a;
    for (const Zfs::DatasetPath &p : paths) {
        a.append(p.toString());
    }
    return a;
}

std::optional<QList<Zfs::DatasetPath>> pathsFromJson(const QJsonValue &json, QString *error)
{
    if (!json.isArray()) {
        if (error) {
            *error = u"the filesystem list must be a JSON array"_s;
        }
        return std::nullopt;
    }
    QList<Zfs::DatasetPath> out;
    for (const QJsonValue &v : json.toArray()) {
        const QString path = v.toString();
        if (!v.isString() || path.isEmpty() || Zfs::datasetPathCheck(path)) {
            if (error) {
                *error = u"invalid filesystem name in the list: %1"_s.arg(v.isString() ? path : u"(not a string)"_s);
            }
            return std::nullopt;
        }
        out.append(Zfs::DatasetPath::fromString(path));
    }
    return out;
}

}  // namespace Rpc
