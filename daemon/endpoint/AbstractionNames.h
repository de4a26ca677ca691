// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <optional>

#include "shared/control/Holds.h"

// zrepl's on-pool names (endpoint/endpoint_zfs.go), which Holdfast uses unchanged so that pools move between the
// two: step holds and step bookmarks protect a replication step, the replication cursor marks what the receiver
// has, the last-received hold keeps the receiver's newest snapshot.
namespace Endpoint {

QString stepHoldTag(const QString &jobId);  // "zrepl_STEP_J_<job>"
QString lastReceivedHoldTag(const QString &jobId);  // "zrepl_last_received_J_<job>"
QString stepBookmarkName(quint64 guid, const QString &jobId);  // "zrepl_STEP_G_<016x guid>_J_<job>"
QString replicationCursorBookmarkName(quint64 guid, const QString &jobId);  // "zrepl_CURSOR_G_<016x guid>_J_<job>"
inline constexpr char V1ReplicationCursorName[] = "zrepl_replication_cursor";

struct GuidAndJob
{
    quint64 guid = 0;
    QString jobId;
};

// Each parser takes the short name (after '#' or as the hold tag) and answers nullopt when it is not one of ours.
std::optional<QString> parseStepHoldTag(const QString &tag);
std::optional<QString> parseLastReceivedHoldTag(const QString &tag);
std::optional<GuidAndJob> parseStepBookmarkName(const QString &name);
std::optional<GuidAndJob> parseReplicationCursorBookmarkName(const QString &name);

// Which of replication's items a bookmark name or a hold tag is, and whose: one place for the holds listing and
// the holds view to tell them apart.
struct Abstraction
{
    Api::AbstractionItem::Kind kind = Api::AbstractionItem::Kind::StepHold;
    QString jobId;  // "" for the v1 cursor
    quint64 guid = 0;  // bookmarks that name one
};
std::optional<Abstraction> parseBookmarkAbstraction(const QString &name);  // step bookmark, cursor v2 or v1
std::optional<Abstraction> parseHoldAbstraction(const QString &tag);  // step hold, last-received hold

}  // namespace Endpoint
