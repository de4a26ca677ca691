// SPDX-License-Identifier: MIT
#include "daemon/endpoint/Sender.h"

#include "daemon/endpoint/AbstractionNames.h"

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

Async::Task<Zfs::Result<QHash<QString, QList<Zfs::FilesystemVersion>>>> Sender::listVersions(QList<Zfs::DatasetPath> filesystems)
{
    const Zfs::Result<Zfs::Capabilities> caps = co_await m_zfs.capabilities();
    co_return co_await m_zfs.listVersions(filesystems, caps.ok() && caps.value.modern);
}

std::optional<Zfs::FilesystemVersion> Sender::replicationCursor(const QList<Zfs::FilesystemVersion> &versions) const
{
    std::optional<Zfs::FilesystemVersion> newest;
    for (const Zfs::FilesystemVersion &v : versions) {
        if (!v.isBookmark()) {
            continue;
        }
        const auto parsed = parseReplicationCursorBookmarkName(v.name);
        if (parsed && parsed->jobId == m_jobId && (!newest || v.createTxg > newest->createTxg)) {
            newest = v;
        }
    }
    return newest;
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
        co_return co_await releaseVersion(args.filesystem, *args.from);
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
