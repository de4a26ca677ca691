// SPDX-License-Identifier: MIT
#include "daemon/zfs/ZfsClient.h"

#include <algorithm>

#include <QRegularExpression>
#include <QVersionNumber>

#include "daemon/zfs/ZfsOutput.h"

using namespace Qt::StringLiterals;

namespace Zfs {

namespace {

// Keeps command lines far below ARG_MAX whatever the names.
constexpr qsizetype MaxArgumentBytes = 64 * 1024;

QList<QStringList> chunked(const QStringList &items)
{
    QList<QStringList> chunks;
    QStringList current;
    qsizetype bytes = 0;
    for (const QString &item : items) {
        if (!current.isEmpty() && bytes + item.size() > MaxArgumentBytes) {
            chunks.append(current);
            current.clear();
            bytes = 0;
        }
        current.append(item);
        bytes += item.size() + 1;
    }
    if (!current.isEmpty()) {
        chunks.append(current);
    }
    return chunks;
}

bool featureOn(const QString &value)
{
    return value == u"enabled" || value == u"active";
}

ZfsError parseError(const QString &command, const QString &message)
{
    ZfsError error;
    error.kind = ZfsError::Kind::Other;
    error.command = command;
    error.exitCode = 0;
    error.stderrText = message;
    return error;
}

// GCC 12 miscompiles braced initializer lists inside coroutines ("array used as initializer"); argument lists are
// built by this ordinary function instead.
template<typename... Args>
QStringList argv(Args &&...args)
{
    QStringList list;
    list.reserve(sizeof...(Args));
    (list.append(QString(std::forward<Args>(args))), ...);
    return list;
}

}  // namespace

// The upstream release in a line of `zfs version` ("zfs-2.1.11-1+deb12u1", "zfs-kmod-2.3.2-2~bpo12+2"); null
// where there is none.
static QVersionNumber releaseOf(const QString &line)
{
    static const QRegularExpression release(u"^zfs-(?:kmod-)?(\\d+\\.\\d+(?:\\.\\d+)?)"_s);
    return QVersionNumber::fromString(release.match(line).captured(1));
}

bool Capabilities::holdsParsable() const
{
    return modern && releaseOf(version) >= QVersionNumber(2, 2);
}

QString Capabilities::summary() const
{
    if (!modern) {
        return u"a ZFS without `zfs version` (zfs-fuse, or older than OpenZFS 0.8)"_s;
    }
    const QVersionNumber upstream = releaseOf(version);
    QString text = u"OpenZFS %1 (%2"_s.arg(upstream.isNull() ? version : upstream.toString(), version);
    if (kernelModule.isEmpty()) {
        return text + u"; no kernel module reported)"_s;
    }
    text += u", %1)"_s.arg(kernelModule);
    const QVersionNumber moduleUpstream = releaseOf(kernelModule);
    if (!moduleUpstream.isNull() && moduleUpstream != upstream) {
        text += u"; the userland and the loaded kernel module are different releases, which OpenZFS does not support"_s;
    }
    if (!holdsParsable()) {
        text += u"; no `zfs holds -p` before 2.2: hold times are read from its local-time text"_s;
    }
    return text;
}

QStringList Capabilities::missing(const QStringList &pools) const
{
    QStringList out;
    if (!modern) {
        out.append(u"this zfs has no `zfs version` (zfs-fuse or a ZFS before 0.8): bookmarks, resumable receive, raw "
                   "sends and hold listing are unavailable; Holdfast uses snapshots and full retries instead"_s);
        return out;
    }
    for (const QString &pool : pools) {
        if (!poolBookmarks.value(pool)) {
            out.append(u"pool %1 has no feature@bookmarks: replication cursors are kept as snapshots"_s.arg(pool));
        }
        if (!poolResume.value(pool)) {
            out.append(u"pool %1 has no feature@extensible_dataset: interrupted receives restart from the beginning"_s.arg(pool));
        }
        if (!poolEncryption.value(pool)) {
            out.append(u"pool %1 has no feature@encryption: encrypted (raw) sends are unavailable"_s.arg(pool));
        }
    }
    return out;
}

ZfsClient::ZfsClient(ZfsCommand &command)
    : m_command(command)
{
}

Async::Task<Result<Capabilities>> ZfsClient::capabilities()
{
    if (m_capabilities) {
        co_return Result<Capabilities>{*m_capabilities, {}};
    }
    Capabilities caps;
    const CommandResult version = co_await m_command.zfs(argv(u"version"_s));
    if (version.ok()) {
        caps.modern = true;
        const QString text = QString::fromUtf8(version.standardOutput);
        caps.version = text.section(u'\n', 0, 0).trimmed();
        caps.kernelModule = text.section(u'\n', 1, 1).trimmed();
    } else if (version.error.is(ZfsError::Kind::StartFailed) || version.error.is(ZfsError::Kind::Unavailable)
               || version.error.is(ZfsError::Kind::Timeout)) {
        co_return Result<Capabilities>{{}, version.error};
    }
    if (caps.modern) {
        const CommandResult features = co_await m_command.zpool(argv(u"get"_s, u"-H"_s, u"-p"_s, u"-o"_s, u"name,property,value"_s, u"feature@bookmarks,feature@encryption,feature@extensible_dataset"_s));
        if (!features.ok()) {
            co_return Result<Capabilities>{{}, features.error};
        }
        QString problem;
        const auto rows = Output::parseGetOutput(features.standardOutput, &problem);
        if (!rows) {
            co_return Result<Capabilities>{{}, parseError(features.error.command, problem)};
        }
        for (const Output::PropertyRow &row : *rows) {
            caps.poolBookmarks.insert(row.name, featureOn(row.properties.value(u"feature@bookmarks"_s)));
            caps.poolEncryption.insert(row.name, featureOn(row.properties.value(u"feature@encryption"_s)));
            caps.poolResume.insert(row.name, featureOn(row.properties.value(u"feature@extensible_dataset"_s)));
        }
    }
    m_capabilities = caps;
    co_return Result<Capabilities>{caps, {}};
}

Async::Task<Result<QList<Dataset>>> ZfsClient::listFilesystems(QStringList properties)
{
    const Result<Capabilities> caps = co_await capabilities();
    if (!caps.ok()) {
        co_return Result<QList<Dataset>>{{}, caps.error};
    }
    QStringList wanted = argv(u"type"_s);
    for (const QString &property : properties) {
        if (!wanted.contains(property)) {
            wanted.append(property);
        }
    }
    QStringList arguments = argv(u"get"_s, u"-H"_s, u"-p"_s, u"-o"_s, u"name,property,value"_s);
    if (caps.value.modern) {
        arguments << u"-t"_s << u"filesystem,volume"_s;
    }
    arguments << wanted.join(u',');
    const CommandResult result = co_await m_command.zfs(arguments);
    if (!result.ok()) {
        co_return Result<QList<Dataset>>{{}, result.error};
    }
    QString problem;
    const auto rows = Output::parseGetOutput(result.standardOutput, &problem);
    if (!rows) {
        co_return Result<QList<Dataset>>{{}, parseError(result.error.command, problem)};
    }
    QList<Dataset> datasets;
    for (const Output::PropertyRow &row : *rows) {
        const QString type = row.properties.value(u"type"_s);
        if (type != u"filesystem" && type != u"volume") {
            continue;  // zfs-fuse's `get` has no -t and lists snapshots too
        }
        Dataset dataset;
        dataset.path = DatasetPath::fromString(row.name);
        dataset.type = type;
        dataset.properties = row.properties;
        dataset.properties.remove(u"type"_s);
        datasets.append(std::move(dataset));
    }
    std::sort(datasets.begin(), datasets.end(), [](const Dataset &a, const Dataset &b) { return a.path < b.path; });
    co_return Result<QList<Dataset>>{datasets, {}};
}

Async::Task<Result<QHash<QString, QList<FilesystemVersion>>>> ZfsClient::listVersions(QList<DatasetPath> filesystems,
                                                                                     bool bookmarks)
{
    using Out = Result<QHash<QString, QList<FilesystemVersion>>>;
    if (filesystems.isEmpty()) {
        co_return Out{};
    }
    const Result<Capabilities> caps = co_await capabilities();
    if (!caps.ok()) {
        co_return Out{{}, caps.error};
    }
    std::sort(filesystems.begin(), filesystems.end());
    QSet<QString> wanted;
    QStringList roots;
    DatasetPath lastRoot;
    bool haveRoot = false;
    for (const DatasetPath &fs : filesystems) {
        wanted.insert(fs.toString());
        // Sorted component-wise, a descendant follows its ancestor; `-r` on the ancestor covers it.
        if (haveRoot && fs.hasPrefix(lastRoot)) {
            continue;
        }
        roots.append(fs.toString());
        lastRoot = fs;
        haveRoot = true;
    }
    QStringList arguments = argv(u"get"_s, u"-H"_s, u"-p"_s, u"-r"_s, u"-o"_s, u"name,property,value"_s);
    if (caps.value.modern) {
        arguments << u"-t"_s << (bookmarks ? u"snapshot,bookmark"_s : u"snapshot"_s);
    }
    arguments << u"type,guid,createtxg,creation,userrefs"_s;
    Out out;
    for (const QStringList &chunk : chunked(roots)) {
        const CommandResult result = co_await m_command.zfs(arguments + chunk);
        if (!result.ok()) {
            co_return Out{{}, result.error};
        }
        QString problem;
        const auto rows = Output::parseGetOutput(result.standardOutput, &problem);
        if (!rows) {
            co_return Out{{}, parseError(result.error.command, problem)};
        }
        for (const Output::PropertyRow &row : *rows) {
            const QString type = row.properties.value(u"type"_s);
            if (type != u"snapshot" && !(bookmarks && type == u"bookmark")) {
                continue;
            }
            std::optional<FilesystemVersion> version = Output::versionFromProperties(row, &problem);
            if (!version) {
                co_return Out{{}, parseError(result.error.command, problem)};
            }
            if (!wanted.contains(version->filesystem)) {
                continue;
            }
            out.value[version->filesystem].append(std::move(*version));
        }
    }
    for (auto it = out.value.begin(); it != out.value.end(); ++it) {
        std::stable_sort(it->begin(), it->end(), [](const FilesystemVersion &a, const FilesystemVersion &b) {
            return a.createTxg < b.createTxg;
        });
    }
    co_return out;
}

Async::Task<ZfsError> ZfsClient::snapshot(QString filesystem, QString name)
{
    const CommandResult result = co_await m_command.zfs(argv(u"snapshot"_s, filesystem + u'@' + name));
    if (result.error.is(ZfsError::Kind::AlreadyExists)) {
        co_return ZfsError{};  // taken by an earlier attempt that we did not see finish
    }
    co_return result.error;
}

Async::Task<DestroyOutcome> ZfsClient::destroySnapshots(QString filesystem, QStringList names)
{
    DestroyOutcome outcome;
    if (names.isEmpty()) {
        co_return outcome;
    }
    const Result<Capabilities> caps = co_await capabilities();
    QStringList individually;
    if (caps.ok() && caps.value.modern && names.size() > 1) {
        // One process for the batch. OpenZFS destroys what it can and names each snapshot it could not destroy;
        // rather than parse that, a failed batch is retried one by one (as zrepl does), which is idempotent.
        QStringList batch;
        for (const QStringList &chunk : chunked(names)) {
            const CommandResult result = co_await m_command.zfs(argv(u"destroy"_s, filesystem + u'@' + chunk.join(u',')));
            if (!result.ok() && !result.error.is(ZfsError::Kind::NotFound)) {
                individually += chunk;
            }
        }
    } else {
        individually = names;
    }
    for (const QString &name : individually) {
        const CommandResult result = co_await m_command.zfs(argv(u"destroy"_s, filesystem + u'@' + name));
        if (!result.ok() && !result.error.is(ZfsError::Kind::NotFound)) {
            outcome.insert(name, result.error);
        }
    }
    co_return outcome;
}

Async::Task<ZfsError> ZfsClient::hold(QString tag, QStringList snapshots)
{
    for (const QStringList &chunk : chunked(snapshots)) {
        const CommandResult result = co_await m_command.zfs(argv(u"hold"_s, tag) + chunk);
        if (result.ok() || chunk.size() == 1) {
            if (!result.ok() && !result.error.is(ZfsError::Kind::HoldTagExists)) {
                co_return result.error;
            }
            continue;
        }
        // `zfs hold` is all or nothing: one snapshot that already has the tag fails the batch. Retry one by one.
        for (const QString &snapshot : chunk) {
            const CommandResult single = co_await m_command.zfs(argv(u"hold"_s, tag, snapshot));
            if (!single.ok() && !single.error.is(ZfsError::Kind::HoldTagExists)) {
                co_return single.error;
            }
        }
    }
    co_return ZfsError{};
}

Async::Task<ZfsError> ZfsClient::release(QString tag, QStringList snapshots)
{
    auto released = [](const ZfsError &error) {
        return error.ok() || error.is(ZfsError::Kind::NoSuchHold) || error.is(ZfsError::Kind::NotFound);
    };
    for (const QStringList &chunk : chunked(snapshots)) {
        const CommandResult result = co_await m_command.zfs(argv(u"release"_s, tag) + chunk);
        if (released(result.error)) {
            if (result.ok() || chunk.size() == 1) {
                continue;
            }
        }
        if (chunk.size() == 1) {
            co_return result.error;
        }
        for (const QString &snapshot : chunk) {
            const CommandResult single = co_await m_command.zfs(argv(u"release"_s, tag, snapshot));
            if (!released(single.error)) {
                co_return single.error;
            }
        }
    }
    co_return ZfsError{};
}

Async::Task<Result<QList<Hold>>> ZfsClient::holds(QStringList snapshots)
{
    using Out = Result<QList<Hold>>;
    Out out;
    const Result<Capabilities> caps = co_await capabilities();
    QStringList arguments = argv(u"holds"_s, u"-H"_s);
    if (caps.ok() && caps.value.holdsParsable()) {
        arguments << u"-p"_s;
    }
    for (const QStringList &chunk : chunked(snapshots)) {
        const CommandResult result = co_await m_command.zfs(arguments + chunk);
        if (!result.ok()) {
            co_return Out{{}, result.error};
        }
        QString problem;
        const auto holds = Output::parseHoldsOutput(result.standardOutput, &problem);
        if (!holds) {
            co_return Out{{}, parseError(result.error.command, problem)};
        }
        out.value += *holds;
    }
    co_return out;
}

Async::Task<ZfsError> ZfsClient::bookmark(QString source, QString bookmark)
{
    const CommandResult result = co_await m_command.zfs(argv(u"bookmark"_s, source, bookmark));
    if (result.error.is(ZfsError::Kind::AlreadyExists)) {
        co_return ZfsError{};
    }
    co_return result.error;
}

Async::Task<ZfsError> ZfsClient::destroyBookmarks(QStringList bookmarks)
{
    for (const QString &bookmark : bookmarks) {
        const CommandResult result = co_await m_command.zfs(argv(u"destroy"_s, bookmark));
        if (!result.ok() && !result.error.is(ZfsError::Kind::NotFound)) {
            co_return result.error;
        }
    }
    co_return ZfsError{};
}

Async::Task<Result<QList<Dataset>>> ZfsClient::listFilesystemsWithResumeTokens()
{
    const Result<Capabilities> caps = co_await capabilities();
    if (!caps.ok()) {
        co_return Result<QList<Dataset>>{{}, caps.error};
    }
    QStringList properties;
    if (caps.value.modern) {
        properties << u"receive_resume_token"_s;
    }
    co_return co_await listFilesystems(properties);
}

Async::Task<ZfsError> ZfsClient::abortPartialReceive(QString filesystem)
{
    const CommandResult result = co_await m_command.zfs(argv(u"receive"_s, u"-A"_s, filesystem));
    if (!result.ok() && result.error.stderrText.contains(u"does not have any resumable receive state"_s)) {
        co_return ZfsError{};  // nothing (left) to abandon
    }
    co_return result.error;
}

Async::Task<ZfsError> ZfsClient::createFilesystem(QString path, QMap<QString, QString> properties)
{
    QStringList arguments = argv(u"create"_s);
    for (auto it = properties.cbegin(); it != properties.cend(); ++it) {
        arguments << u"-o"_s << it.key() + u'=' + it.value();
    }
    arguments << path;
    const CommandResult result = co_await m_command.zfs(arguments);
    if (result.error.is(ZfsError::Kind::AlreadyExists)) {
        co_return ZfsError{};
    }
    co_return result.error;
}

Async::Task<Result<QSet<QString>>> ZfsClient::datasetsWithLocalProperty(QString property, QString value)
{
    const Result<Capabilities> caps = co_await capabilities();
    QStringList arguments = argv(u"get"_s, u"-H"_s, u"-p"_s, u"-s"_s, u"local"_s, u"-o"_s, u"name,property,value"_s);
    if (caps.ok() && caps.value.modern) {
        arguments << u"-t"_s << u"filesystem,volume"_s;  // not every snapshot of the pool
    }
    arguments << property;
    const CommandResult result = co_await m_command.zfs(arguments);
    if (!result.ok()) {
        co_return Result<QSet<QString>>{{}, result.error};
    }
    QString problem;
    const auto rows = Output::parseGetOutput(result.standardOutput, &problem);
    if (!rows) {
        co_return Result<QSet<QString>>{{}, parseError(result.error.command, problem)};
    }
    QSet<QString> names;
    for (const Output::PropertyRow &row : *rows) {
        if (row.properties.value(property) == value) {
            names.insert(row.name);
        }
    }
    co_return Result<QSet<QString>>{names, {}};
}

}  // namespace Zfs
