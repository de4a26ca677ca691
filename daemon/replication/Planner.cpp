// SPDX-License-Identifier: MIT
#include "daemon/replication/Planner.h"

#include <algorithm>

#include <QMap>
#include <QSet>

using namespace Qt::StringLiterals;

namespace Replication {

using Zfs::FilesystemVersion;

QString PlannedStep::describe() const
{
    if (!from) {
        return to.filesystem + to.relativeName() + u" (full)"_s;
    }
    return to.filesystem + u'(' + from->relativeName() + u" => "_s + to.relativeName() + u')';
}

Planner::Planner(PlannerOptions options)
    : m_options(options)
{}

namespace {

QString boolText(bool value)
{
    return value ? u"true"_s : u"false"_s;
}

QString encryptionText(SendEncryption encryption)
{
    switch (encryption) {
    case SendEncryption::DontCare:
        return u"dontcare"_s;
    case SendEncryption::Forbidden:
        return u"false"_s;
    case SendEncryption::Required:
        return u"true"_s;
    }
    Q_UNREACHABLE();
    return {};
}

// A raw send (`zfs send -w`) is what keeps data encrypted, and a resumed stream keeps the flags it started with.
bool resumeTokenMatchesEncryption(const ResumeTokenFields &token, SendEncryption encryption)
{
    switch (encryption) {
    case SendEncryption::DontCare:
        return true;
    case SendEncryption::Forbidden:
        return !token.rawOk && !token.compressOk;
    case SendEncryption::Required:
        return token.rawOk && token.compressOk;
    }
    Q_UNREACHABLE();
    return false;
}

QList<PlannedStep> chainOfIncrementals(const QList<FilesystemVersion> &versions)
{
    QList<PlannedStep> steps;
    for (qsizetype i = 0; i + 1 < versions.size(); ++i) {
        steps.append(PlannedStep{versions[i], versions[i + 1], false, QString()});
    }
    return steps;
}

}  // namespace

FilesystemPlan Planner::planFilesystem(const SenderFilesystem &sender, const ReceiverFilesystem &receiver) const
{
    FilesystemPlan plan;
    plan.filesystem = sender.path;
    if (m_options.encryption == SendEncryption::Required && !sender.encrypted) {
        plan.error = u"sender filesystem is not encrypted but policy mandates encrypted send"_s;
        return plan;
    }
    if (sender.versions.isEmpty()) {
        plan.error = u"sender does not have any versions"_s;
        return plan;
    }

    // A placeholder's snapshots, if any, are not ours: the first real receive replaces it with a full send.
    const bool receiverHasData = receiver.exists && !receiver.placeholder;
    const IncrementalPath path = IncrementalPath::compute(
        receiverHasData ? receiver.versions : QList<FilesystemVersion>(), eligibleSenderVersions(sender));
    if (path.kind() == IncrementalPath::Kind::Incremental || path.kind() == IncrementalPath::Kind::UpToDate) {
        plan.commonAncestor = path.commonAncestor();
    }

    // An interrupted receive is finished before anything else: the receiver refuses other streams until then.
    if (receiver.exists && !receiver.resumeToken.isEmpty()) {
        planResume(sender, receiver, plan);
        return plan;
    }

    switch (path.kind()) {
    case IncrementalPath::Kind::Incremental:
        planFromPath(path, plan);
        break;
    case IncrementalPath::Kind::UpToDate:
        break;
    case IncrementalPath::Kind::ReceiverEmpty:
        planInitial(path, plan);
        break;
    case IncrementalPath::Kind::NoCommonAncestor:
    case IncrementalPath::Kind::Diverged:
        plan.error = path.conflictMessage();
        break;
    }
    return plan;
}

QList<FilesystemVersion> Planner::eligibleSenderVersions(const SenderFilesystem &sender) const
{
    if (m_options.bookmarksAsFrom) {
        return sender.versions;
    }
    QList<FilesystemVersion> eligible;
    for (const FilesystemVersion &v : sender.versions) {
        if (v.isSnapshot() || (sender.replicationCursorGuid && v.guid == *sender.replicationCursorGuid)) {
            eligible.append(v);
        }
    }
    return eligible;
}

void Planner::planResume(const SenderFilesystem &sender, const ReceiverFilesystem &receiver, FilesystemPlan &plan) const
{
    if (!receiver.resumeTokenFields) {
        plan.error = receiver.resumeTokenError.isEmpty()
                         ? u"cannot decode resume token"_s
                         : u"cannot decode resume token: "_s + receiver.resumeTokenError;
        return;
    }
    const ResumeTokenFields &token = *receiver.resumeTokenFields;
    if (!resumeTokenMatchesEncryption(token, m_options.encryption)) {
        plan.error = u"resume token `rawok`=%1 and `compressok`=%2 are incompatible with encryption policy=%3"_s.arg(
            boolText(token.rawOk), boolText(token.compressOk), encryptionText(m_options.encryption));
        return;
    }

    // The token already fixes the stream's `from`, so every sender version counts here, bookmarks included.
    const QList<FilesystemVersion> sorted = sortedByCreateTxg(sender.versions);
    std::optional<FilesystemVersion> from;
    qsizetype toIndex = -1;
    for (qsizetype i = 0; i < sorted.size(); ++i) {
        const FilesystemVersion &v = sorted[i];
        if (token.fromGuid && v.guid == *token.fromGuid && (!from || !from->isSnapshot())) {
            from = v;  // a snapshot is preferred, it allows a size estimate
        }
        if (v.guid == token.toGuid && v.isSnapshot()) {
            toIndex = i;
        }
    }
    if (toIndex < 0) {
        plan.error =
            u"resume token `toguid` = %1 not found on sender (`toname` = \"%2\")"_s.arg(token.toGuid).arg(token.toName);
        return;
    }
    if (token.fromGuid && !from) {
        plan.error = u"resume token `fromguid` = %1 not found on sender (`toname` = \"%2\")"_s.arg(*token.fromGuid)
                         .arg(token.toName);
        return;
    }
    if (from && from->guid == token.toGuid) {
        plan.error = u"resume token `fromguid` and `toguid` match same version on sender"_s;
        return;
    }

    // The token's `to` becomes the receiver's newest snapshot once resumed, so the rest is a plain chain from it.
    QList<FilesystemVersion> remaining;
    for (qsizetype i = toIndex; i < sorted.size(); ++i) {
        if (sorted[i].isSnapshot()) {
            remaining.append(sorted[i]);
        }
    }
    plan.steps.append(PlannedStep{from, sorted[toIndex], true, receiver.resumeToken});
    plan.steps.append(chainOfIncrementals(remaining));
}

void Planner::planFromPath(const IncrementalPath &path, FilesystemPlan &plan) const
{
    plan.steps = chainOfIncrementals(path.path());
}

void Planner::planInitial(const IncrementalPath &path, FilesystemPlan &plan) const
{
    QList<FilesystemVersion> snapshots;
    for (const FilesystemVersion &v : path.sortedSenderVersions()) {
        if (v.isSnapshot()) {
            snapshots.append(v);
        }
    }
    if (snapshots.isEmpty()) {
        // Bookmarks alone cannot seed a receiver; zrepl reports the conflict it could not resolve.
        plan.error = path.conflictMessage();
        return;
    }
    if (m_options.initialReplication == InitialReplication::MostRecent) {
        plan.steps.append(PlannedStep{std::nullopt, snapshots.last(), false, QString()});
        plan.resolution = u"start replication at most recent snapshot "_s + snapshots.last().relativeName();
        return;
    }
    plan.steps.append(PlannedStep{std::nullopt, snapshots.first(), false, QString()});
    plan.steps.append(chainOfIncrementals(snapshots));
    plan.resolution = u"start replication at oldest snapshot "_s + snapshots.first().relativeName();
}

QList<QStringList> Planner::parentsFirstBatches(const QStringList &filesystems)
{
    QStringList unique = filesystems;
    std::sort(unique.begin(), unique.end());
    unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
    const QSet<QString> present(unique.cbegin(), unique.cend());

    // The number of listed ancestors is the batch: the nearest listed ancestor always lands one batch earlier.
    QMap<qsizetype, QStringList> byDepth;
    for (const QString &fs : unique) {
        qsizetype listedAncestors = 0;
        for (Zfs::DatasetPath p = Zfs::DatasetPath::fromString(fs).parent(); !p.isEmpty(); p = p.parent()) {
            if (present.contains(p.toString())) {
                ++listedAncestors;
            }
        }
        byDepth[listedAncestors].append(fs);
    }
    return byDepth.values();
}

}  // namespace Replication
