// SPDX-License-Identifier: MIT
#include "daemon/endpoint/Sender.h"

#include "daemon/endpoint/AbstractionNames.h"
#include "daemon/zfs/NameCheck.h"
#include "daemon/zfs/ResumeToken.h"

using namespace Qt::StringLiterals;

namespace Endpoint {

Sender::Sender(Zfs::ZfsClient &zfs, Zfs::DatasetFilter filter, QString jobId, bool encrypted)
    : m_zfs(zfs)
    , m_filter(std::move(filter))
    , m_jobId(std::move(jobId))
    , m_encrypted(encrypted)
{
}

Async::Task<Zfs::Result<QList<Zfs::Dataset>>> Sender::listFilesystems()
{
    const Zfs::Result<Zfs::Capabilities> caps = co_await m_zfs.capabilities();
    QStringList properties;
    if (caps.ok() && caps.value.modern) {
        properties << u"encryption"_s;
    }
    const Zfs::Result<QList<Zfs::Dataset>> all = co_await m_zfs.listFilesystems(properties);
    if (!all.ok()) {
        co_return all;
    }
    QList<Zfs::Dataset> out;
    for (const Zfs::Dataset &dataset : all.value) {
        if (m_filter.matches(dataset.path)) {
            out.append(dataset);
        }
    }
    co_return Zfs::Result<QList<Zfs::Dataset>>{out, {}};
}

Async::Task<Zfs::Result<VersionMap>> Sender::listVersions(QList<Zfs::DatasetPath> filesystems)
{
    const Zfs::Result<Zfs::Capabilities> caps = co_await m_zfs.capabilities();
    Zfs::Result<VersionMap> listed = co_await m_zfs.listVersions(filesystems, caps.ok() && caps.value.modern);
    if (listed.ok() && m_observer.listed) {
        m_observer.listed(listed.value);
    }
    co_return listed;
}

Async::Task<Zfs::ZfsError> Sender::holdVersion(QString filesystem, Zfs::FilesystemVersion version)
{
    if (version.isSnapshot()) {
        co_return co_await m_zfs.hold(stepHoldTag(m_jobId), QStringList(version.fullName()));
    }
    // A bookmark cannot be held: a step bookmark (a copy under our name) keeps it for the step.
    const QString stepBookmark = filesystem + u'#' + stepBookmarkName(version.guid, m_jobId);
    co_return co_await m_zfs.bookmark(version.fullName(), stepBookmark);
}

Async::Task<Zfs::ZfsError> Sender::releaseVersion(QString filesystem, Zfs::FilesystemVersion version)
{
    if (version.isSnapshot()) {
        co_return co_await m_zfs.release(stepHoldTag(m_jobId), QStringList(version.fullName()));
    }
    co_return co_await m_zfs.destroyBookmarks(QStringList(filesystem + u'#' + stepBookmarkName(version.guid, m_jobId)));
}

Async::Task<Zfs::ZfsError> Sender::prepareStep(SendArgs args)
{
    if (args.from) {
        const Zfs::ZfsError from = co_await holdVersion(args.filesystem, *args.from);
        if (!from.ok()) {
            co_return from;
        }
    }
    co_return co_await holdVersion(args.filesystem, args.to);
}

Async::Task<Zfs::ZfsError> Sender::moveCursor(QString filesystem, Zfs::FilesystemVersion to)
{
    const Zfs::Result<Zfs::Capabilities> caps = co_await m_zfs.capabilities();
    const QString pool = filesystem.section(u'/', 0, 0);
    if (!caps.ok() || !caps.value.bookmarks(pool)) {
        co_return Zfs::ZfsError{};  // no bookmarks on this pool: the receiver's last-received hold is the anchor
    }
    const QString cursor = filesystem + u'#' + replicationCursorBookmarkName(to.guid, m_jobId);
    const Zfs::ZfsError created = co_await m_zfs.bookmark(to.fullName(), cursor);
    if (!created.ok()) {
        co_return created;
    }
    // Older cursors of this job go; other jobs' cursors and v1 cursors are not ours to touch here.
    const auto versions = co_await m_zfs.listVersions(QList<Zfs::DatasetPath>() << Zfs::DatasetPath::fromString(filesystem), true);
    if (!versions.ok()) {
        co_return versions.error;
    }
    QStringList obsolete;
    for (const Zfs::FilesystemVersion &v : versions.value.value(filesystem)) {
        const auto parsed = v.isBookmark() ? parseReplicationCursorBookmarkName(v.name) : std::nullopt;
        if (parsed && parsed->jobId == m_jobId && v.createTxg < to.createTxg) {
            obsolete.append(v.fullName());
        }
    }
    co_return co_await m_zfs.destroyBookmarks(obsolete);
}

Async::Task<Zfs::ZfsError> Sender::stepCompleted(SendArgs args)
{
    const Zfs::ZfsError cursor = co_await moveCursor(args.filesystem, args.to);
    if (!cursor.ok()) {
        // zrepl: keep the hold on `to` until the cursor could be moved, or the next step may lose its base.
        co_return cursor;
    }
    const Zfs::ZfsError to = co_await releaseVersion(args.filesystem, args.to);
    if (!to.ok()) {
        co_return to;
    }
    if (args.from) {
        const Zfs::ZfsError from = co_await releaseVersion(args.filesystem, *args.from);
        if (!from.ok()) {
            co_return from;
        }
    }
    if (m_observer.completed) {
        m_observer.completed(args.filesystem, args.to);
    }
    co_return Zfs::ZfsError{};
}

QStringList Sender::sendArguments(const SendArgs &args) const
{
    QStringList arguments(u"send"_s);
    if (!args.resumeToken.isEmpty()) {
        arguments << u"-t"_s << args.resumeToken;
        return arguments;
    }
    if (args.encrypted) {
        arguments << u"-w"_s;
    }
    if (args.from) {
        arguments << u"-i"_s << args.from->fullName();
    }
    arguments << args.to.fullName();
    return arguments;
}

std::optional<Async::ProcessSpec> Sender::sendProcess(const SendArgs &args) const
{
    return zfsProcess(m_zfs.command(), sendArguments(args));
}

Async::Task<StreamOutcome> Sender::sendInto(SendArgs args, Async::ProcessSpec consumer, Progress progress)
{
    co_return co_await runLocalStream(zfsProcess(m_zfs.command(), sendArguments(args)), std::move(consumer), std::move(progress));
}

Async::Task<Zfs::Result<SendArgs>> Sender::resolve(SendArgs args)
{
    using Out = Zfs::Result<SendArgs>;
    auto refuse = [](const QString &why) {
        Zfs::ZfsError error;
        error.kind = Zfs::ZfsError::Kind::Protocol;
        error.detail = why;
        return Out{{}, error};
    };
    if (const auto bad = Zfs::datasetPathCheck(args.filesystem); bad || args.filesystem.isEmpty()) {
        co_return refuse(u"invalid filesystem name \"%1\": %2"_s.arg(args.filesystem, bad.value_or(u"empty"_s)));
    }
    const Zfs::DatasetPath path = Zfs::DatasetPath::fromString(args.filesystem);
    if (!m_filter.matches(path)) {
        co_return refuse(u"filesystem %1 is not offered by job %2"_s.arg(args.filesystem, m_jobId));
    }
    const Zfs::Result<VersionMap> versions = co_await listVersions(QList<Zfs::DatasetPath>() << path);
    if (!versions.ok()) {
        co_return Out{{}, versions.error};
    }
    // The client's idea of a version counts only if this side has one of that name with that guid.
    auto find = [&](const Zfs::FilesystemVersion &wanted) -> std::optional<Zfs::FilesystemVersion> {
        for (const Zfs::FilesystemVersion &v : versions.value.value(args.filesystem)) {
            if (v.type == wanted.type && v.name == wanted.name && v.guid == wanted.guid) {
                return v;
            }
        }
        return std::nullopt;
    };
    SendArgs out = args;
    const std::optional<Zfs::FilesystemVersion> to = find(args.to);
    if (!to || !to->isSnapshot()) {
        co_return refuse(u"%1@%2 with guid %3 does not exist on the sender"_s.arg(args.filesystem, args.to.name).arg(args.to.guid));
    }
    out.to = *to;
    if (args.from) {
        const std::optional<Zfs::FilesystemVersion> from = find(*args.from);
        if (!from) {
            co_return refuse(u"%1%2 with guid %3 does not exist on the sender"_s.arg(args.filesystem, args.from->relativeName())
                                 .arg(args.from->guid));
        }
        out.from = *from;
    }
    if (args.encrypted != m_encrypted) {
        co_return refuse(m_encrypted ? u"job %1 sends encrypted (raw) streams only"_s.arg(m_jobId)
                                     : u"job %1 does not send encrypted (raw) streams"_s.arg(m_jobId));
    }
    if (!args.resumeToken.isEmpty()) {
        QString error;
        const std::optional<Zfs::ResumeToken> token = Zfs::ResumeToken::decode(args.resumeToken, &error);
        if (!token) {
            co_return refuse(error);
        }
        const std::optional<quint64> fromGuid = out.from ? std::optional<quint64>(out.from->guid) : std::nullopt;
        if (const auto invalid = token->validateFor(args.filesystem, out.to.guid, fromGuid)) {
            co_return refuse(*invalid);
        }
    }
    co_return Out{out, {}};
}

Async::Task<std::optional<qint64>> Sender::sizeEstimate(SendArgs args)
{
    const Zfs::Result<Zfs::Capabilities> caps = co_await m_zfs.capabilities();
    if (!caps.ok() || !caps.value.modern) {
        co_return std::nullopt;
    }
    QStringList arguments = sendArguments(args);
    arguments.insert(1, u"-P"_s);
    arguments.insert(1, u"-v"_s);
    arguments.insert(1, u"-n"_s);
    const Zfs::CommandResult result = co_await m_zfs.command().zfs(arguments);
    if (!result.ok()) {
        co_return std::nullopt;
    }
    // OpenZFS prints the parsable estimate on stdout (2.x) or stderr (0.8): "size\t<bytes>".
    const QByteArray streams[] = {result.standardOutput, result.standardError};
    for (const QByteArray &stream : streams) {
        for (const QByteArray &line : stream.split('\n')) {
            if (line.startsWith("size\t")) {
                bool ok = false;
                const qint64 size = line.mid(5).trimmed().toLongLong(&ok);
                if (ok) {
                    co_return size;
                }
            }
        }
    }
    co_return std::nullopt;
}

}  // namespace Endpoint
