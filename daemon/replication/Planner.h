// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

#include <QList>
#include <QString>
#include <QStringList>

#include "daemon/replication/IncrementalPath.h"
#include "daemon/zfs/ZfsTypes.h"

namespace Replication {

// The fields of a receive_resume_token that planning needs. Decoding the token is the endpoint's job; the planner
// only matches these guids against the sender's versions.
struct ResumeTokenFields
{
    std::optional<quint64> fromGuid;  // absent: the interrupted stream was a full send
    quint64 toGuid = 0;
    QString toName;  // "pool/fs@snap", only for the error message
    bool rawOk = false;
    bool compressOk = false;
};

// zrepl's `send.encrypted` as a tri-state (replication_logic_tri.go): unset leaves it to the sender's dataset.
enum class SendEncryption
{
    DontCare,
    Forbidden,
    Required,
};

// What to send to a receiver that has no snapshots of the filesystem yet.
enum class InitialReplication
{
    MostRecent,  // one full send of the sender's newest snapshot: zrepl's hard-coded policy
    All,         // a full send of the oldest snapshot, then every later one incrementally
};

struct PlannerOptions
{
    // When false, only the job's replication cursor may serve as a bookmark `from`: Holdfast itself moves it to every
    // received `to`, whereas a user's bookmark may have been made on a pool that cannot send from bookmarks.
    bool bookmarksAsFrom = true;
    InitialReplication initialReplication = InitialReplication::MostRecent;
    SendEncryption encryption = SendEncryption::DontCare;
};

struct SenderFilesystem
{
    QString path;                            // "pool/home", the sender-side name the RPCs use
    QList<Zfs::FilesystemVersion> versions;  // snapshots and bookmarks, any order
    bool encrypted = false;
    std::optional<quint64> replicationCursorGuid;  // guid the job's zrepl_CURSOR bookmark on this filesystem names
};

struct ReceiverFilesystem
{
    bool exists = false;
    bool placeholder = false;  // zrepl:placeholder=on: a parent created to hold received children, no data of ours
    QList<Zfs::FilesystemVersion> versions;
    QString resumeToken;                                 // receive_resume_token as listed; empty when there is none
    std::optional<ResumeTokenFields> resumeTokenFields;  // the decoded token; absent when decoding failed
    QString resumeTokenError;                            // why decoding failed
};

// One send/receive. `from` absent means a full send.
struct PlannedStep
{
    std::optional<Zfs::FilesystemVersion> from;
    Zfs::FilesystemVersion to;
    bool resumable = false;  // continues an interrupted receive: send with `zfs send -t resumeToken`
    QString resumeToken;

    bool isIncremental() const
    {
        return from.has_value();
    }

    QString describe() const;  // as zrepl logs a step: "pool/fs(@a => @b)", "pool/fs@b (full)"

    friend bool operator==(const PlannedStep &, const PlannedStep &) = default;
};

struct FilesystemPlan
{
    QString filesystem;
    QList<PlannedStep> steps;  // in the order they must run; empty without error: already up to date
    QString error;             // the filesystem's planning error for the report; set means no steps
    QString resolution;        // how a conflict was resolved on its own, for the log: "start replication at ..."
    // The sender's most recent version the receiver also has, for HintMostRecentCommonAncestor (zrepl moves the
    // replication cursor and releases stale step holds with it). Absent when the sides share nothing.
    std::optional<Zfs::FilesystemVersion> commonAncestor;

    bool hasError() const
    {
        return !error.isEmpty();
    }

    bool isUpToDate() const
    {
        return error.isEmpty() && steps.isEmpty();
    }
};

// Decides the replication steps of one filesystem from both sides' listings, as zrepl's Filesystem.doPlanning
// (replication/logic/replication_logic.go), without talking to either side: the caller lists, this decides.
class Planner
{
public:
    explicit Planner(PlannerOptions options = {});

    FilesystemPlan planFilesystem(const SenderFilesystem &sender, const ReceiverFilesystem &receiver) const;

    // Filesystems grouped so that every batch can be replicated once the batches before it are done: a child comes
    // after each of its ancestors that is in the list too (a receive into a child needs the parent to exist, and a
    // placeholder made for the child would be replaced by the parent's full send). Batches and their members are
    // sorted; duplicates are dropped.
    static QList<QStringList> parentsFirstBatches(const QStringList &filesystems);

private:
    QList<Zfs::FilesystemVersion> eligibleSenderVersions(const SenderFilesystem &sender) const;
    void planResume(const SenderFilesystem &sender, const ReceiverFilesystem &receiver, FilesystemPlan &plan) const;
    void planFromPath(const IncrementalPath &path, FilesystemPlan &plan) const;
    void planInitial(const IncrementalPath &path, FilesystemPlan &plan) const;

    PlannerOptions m_options;
};

}  // namespace Replication
