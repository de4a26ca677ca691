// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

#include "shared/control/Timestamp.h"

namespace Api {

// Holdfast-only: what Holdfast and zrepl keep on the pools to protect replication (holds, bookmarks, cursors,
// partial receives), what each is for, what is stale, and the admin actions that clean them up.
namespace HoldfastEndpoint {
inline constexpr char Holds[] = "/holdfast/v1/holds";  // GET: HoldsReport (status group)
inline constexpr char ReleaseStale[] = "/holdfast/v1/holds/release-stale";  // POST HoldsActionRequest (admin)
inline constexpr char AbandonResume[] = "/holdfast/v1/holds/abandon-resume";  // POST HoldsActionRequest (admin)
inline constexpr char StopReplicating[] = "/holdfast/v1/holds/stop-replicating";  // POST HoldsActionRequest (admin)
// GET [?job=J][&filesystem=F]: PruningExplanation, why each snapshot the last pruning round saw is still there.
inline constexpr char Pruning[] = "/holdfast/v1/pruning";
}  // namespace HoldfastEndpoint

// One hold or bookmark that zrepl's naming scheme marks as replication's (endpoint/endpoint_zfs.go).
struct AbstractionItem
{
    enum class Kind
    {
        StepHold,  // "zrepl_STEP_J_<job>" on a snapshot: `from`/`to` of a step in progress or interrupted
        StepBookmark,  // "#zrepl_STEP_G_<guid>_J_<job>": a bookmark `from` of a step in progress or interrupted
        LastReceivedHold,  // "zrepl_last_received_J_<job>" on the receiver's newest received snapshot
        ReplicationCursor,  // "#zrepl_CURSOR_G_<guid>_J_<job>": the newest snapshot the receiver confirmed
        ReplicationCursorV1,  // "#zrepl_replication_cursor", zrepl before 0.3 (see `migrate`)
    };

    Kind kind = Kind::StepHold;
    QString filesystem;
    QString snapshot;  // the held snapshot's name (holds) or the snapshot a bookmark was made of (by guid), if any
    QString bookmark;  // bookmarks only: the bookmark's name after '#'
    QString tag;  // holds only
    QString job;  // the job named in the hold tag or bookmark name; "" for a v1 cursor
    QString guid;  // the snapshot's guid, decimal (too big for a JSON number)
    Timestamp createdAt;  // holds: when placed (zero where zfs cannot say); bookmarks: the bookmark's creation
    QString purpose;  // what it protects, in words
    bool stale = false;
    QString staleReason;  // why it no longer protects anything, in words

    // "pool/fs@snap" for holds, "pool/fs#bookmark" for bookmarks: what `zfs release` / `zfs destroy` name.
    QString target() const;
    friend bool operator==(const AbstractionItem &, const AbstractionItem &) = default;
};

QString toString(AbstractionItem::Kind kind);  // "step_hold", "step_bookmark", ...
std::optional<AbstractionItem::Kind> abstractionKindFromString(const QString &text);

// An interrupted `zfs recv -s` on a receiving filesystem of this machine, from its receive_resume_token.
struct PartialReceive
{
    QString toName;  // the snapshot being received, as the sender names it ("pool/fs@snap")
    QString toGuid;
    QString fromGuid;  // "" for a full stream
    QString fromName;  // the local snapshot with fromGuid, if any
    qint64 bytes = 0;  // received so far
    // When the interrupted step began, from the step hold on the snapshot being received where this machine is
    // also the sender; zero otherwise (OpenZFS does not say when a partial receive began).
    Timestamp since;
    QString token;
    QString error;  // the token could not be decoded

    friend bool operator==(const PartialReceive &, const PartialReceive &) = default;
};

struct FilesystemHolds
{
    QString filesystem;
    QStringList jobs;  // this daemon's jobs whose filesystems include it, sending or receiving
    QString runningStepJob;  // a job whose replication step on this filesystem runs now, "" if none
    bool paused = false;  // every job of `jobs` that replicates it is paused
    QList<AbstractionItem> items;
    std::optional<PartialReceive> partialReceive;

    friend bool operator==(const FilesystemHolds &, const FilesystemHolds &) = default;
};

struct HoldsReport
{
    Timestamp listedAt;
    QList<FilesystemHolds> filesystems;  // those with an item or a partial receive, sorted by name
    // Snapshots held with tags this zfs cannot list (zfs-fuse): reported, not guessed.
    QStringList unlistedHolds;

    int staleCount() const;
    QByteArray toJson() const;
    static std::optional<HoldsReport> fromJson(const QByteArray &json, QString *error);
    friend bool operator==(const HoldsReport &, const HoldsReport &) = default;
};

// The body of every holds action. release-stale takes `job` (optional: all jobs) and `dry_run`; abandon-resume
// takes `filesystem`; stop-replicating takes `filesystem` and `dry_run`.
struct HoldsActionRequest
{
    QString job;
    QString filesystem;
    bool dryRun = false;

    QByteArray toJson() const;
    static std::optional<HoldsActionRequest> fromJson(const QByteArray &json, QString *error);
};

// One change an action makes (or, in a dry run, would make) on a pool.
struct HoldsChange
{
    enum class Action
    {
        ReleaseHold,  // zfs release TAG SNAPSHOT
        DestroyBookmark,  // zfs destroy FS#BOOKMARK
        AbandonPartialReceive,  // zfs recv -A FS
    };
    Action action = Action::ReleaseHold;
    QString target;  // "pool/fs@snap", "pool/fs#bm" or "pool/fs"
    QString tag;  // ReleaseHold only
    QString reason;  // why it goes, in words
    bool done = false;  // carried out (never in a dry run); an item already gone counts as done
    QString error;

    friend bool operator==(const HoldsChange &, const HoldsChange &) = default;
};

QString toString(HoldsChange::Action action);  // "release_hold", "destroy_bookmark", "abandon_partial_receive"

struct HoldsActionReply
{
    bool dryRun = false;
    QList<HoldsChange> changes;
    // Items left alone and why: a filesystem whose step runs now, a job that still replicates the filesystem.
    QStringList skipped;
    QStringList warnings;

    bool failed() const;
    QByteArray toJson() const;
    static std::optional<HoldsActionReply> fromJson(const QByteArray &json, QString *error);
};

// Why each snapshot the last pruning round of a job saw is still there, or why it went.
struct SnapshotVerdict
{
    QString snapshot;  // without "fs@"
    Timestamp creation;
    bool replicated = true;
    bool destroyed = false;  // the keep rules gave it up and it was destroyed (or is being)
    QStringList keptBy;  // the keep rules that keep it, in words ("last_n: the newest 10")
    QString blockedBy;  // the rules would destroy it, but this keeps it ("held by zrepl_STEP_J_push")
    QString explanation;  // one sentence for people

    friend bool operator==(const SnapshotVerdict &, const SnapshotVerdict &) = default;
};

struct PruningFilesystemExplanation
{
    QString job;
    QString side;  // "local" (snap job), "sender" or "receiver"
    QString filesystem;
    Timestamp decidedAt;
    QList<SnapshotVerdict> snapshots;  // by creation, oldest first

    friend bool operator==(const PruningFilesystemExplanation &, const PruningFilesystemExplanation &) = default;
};

struct PruningExplanation
{
    QList<PruningFilesystemExplanation> filesystems;

    QByteArray toJson() const;
    static std::optional<PruningExplanation> fromJson(const QByteArray &json, QString *error);
};

}  // namespace Api
