// SPDX-License-Identifier: MIT
#include "daemon/endpoint/AbstractionNames.h"

#include <QRegularExpression>

#include "daemon/zfs/NameCheck.h"

using namespace Qt::StringLiterals;

namespace Endpoint {

namespace {

QString jobAndGuidName(const QString &prefix, quint64 guid, const QString &jobId)
{
    return u"%1_G_%2_J_%3"_s.arg(prefix, QString::number(guid, 16).rightJustified(16, u'0'), jobId);
}

std::optional<GuidAndJob> parseJobAndGuid(const QString &name, QStringView prefix)
{
    // Greedy like zrepl's `(.+)_G_([0-9a-f]{16})_J_(.+)$`: the last _G_..._J_ decides.
    static const QRegularExpression re(u"^(.+)_G_([0-9a-f]{16})_J_(.+)$"_s);
    const QRegularExpressionMatch match = re.match(name);
    if (!match.hasMatch() || match.capturedView(1) != prefix) {
        return std::nullopt;
    }
    bool ok = false;
    const quint64 guid = match.capturedView(2).toULongLong(&ok, 16);
    const QString jobId = match.captured(3);
    if (!ok || Zfs::jobIdCheck(jobId)) {
        return std::nullopt;
    }
    return GuidAndJob{guid, jobId};
}

std::optional<QString> parseTag(const QString &tag, QStringView prefix)
{
    if (!tag.startsWith(prefix) || tag.size() == prefix.size()) {
        return std::nullopt;
    }
    const QString jobId = tag.mid(prefix.size());
    if (Zfs::jobIdCheck(jobId)) {
        return std::nullopt;
    }
    return jobId;
}

}  // namespace

QString stepHoldTag(const QString &jobId)
{
    return u"zrepl_STEP_J_"_s + jobId;
}

QString lastReceivedHoldTag(const QString &jobId)
{
    return u"zrepl_last_received_J_"_s + jobId;
}

QString stepBookmarkName(quint64 guid, const QString &jobId)
{
    return jobAndGuidName(u"zrepl_STEP"_s, guid, jobId);
}

QString replicationCursorBookmarkName(quint64 guid, const QString &jobId)
{
    return jobAndGuidName(u"zrepl_CURSOR"_s, guid, jobId);
}

std::optional<QString> parseStepHoldTag(const QString &tag)
{
    return parseTag(tag, u"zrepl_STEP_J_");
}

std::optional<QString> parseLastReceivedHoldTag(const QString &tag)
{
    return parseTag(tag, u"zrepl_last_received_J_");
}

std::optional<GuidAndJob> parseStepBookmarkName(const QString &name)
{
    return parseJobAndGuid(name, u"zrepl_STEP");
}

std::optional<GuidAndJob> parseReplicationCursorBookmarkName(const QString &name)
{
    return parseJobAndGuid(name, u"zrepl_CURSOR");
}

std::optional<Abstraction> parseBookmarkAbstraction(const QString &name)
{
    using Kind = Api::AbstractionItem::Kind;
    if (name == QLatin1StringView(V1ReplicationCursorName)) {
        return Abstraction{Kind::ReplicationCursorV1, {}, 0};
    }
    if (const auto step = parseStepBookmarkName(name)) {
        return Abstraction{Kind::StepBookmark, step->jobId, step->guid};
    }
    if (const auto cursor = parseReplicationCursorBookmarkName(name)) {
        return Abstraction{Kind::ReplicationCursor, cursor->jobId, cursor->guid};
    }
    return std::nullopt;
}

std::optional<Abstraction> parseHoldAbstraction(const QString &tag)
{
    using Kind = Api::AbstractionItem::Kind;
    if (const auto job = parseStepHoldTag(tag)) {
        return Abstraction{Kind::StepHold, *job, 0};
    }
    if (const auto job = parseLastReceivedHoldTag(tag)) {
        return Abstraction{Kind::LastReceivedHold, *job, 0};
    }
    return std::nullopt;
}

}  // namespace Endpoint
