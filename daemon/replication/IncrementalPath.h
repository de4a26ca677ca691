// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

#include <QList>
#include <QString>

#include "daemon/zfs/ZfsTypes.h"

namespace Replication {

using Zfs::FilesystemVersion;

// Sorts by createtxg and puts a bookmark before the snapshot it was made from (same txg), so that a walk from the
// newest end meets the snapshot first (zrepl's SortVersionListByCreateTXGThenBookmarkLTSnapshot). Stable.
QList<FilesystemVersion> sortedByCreateTxg(QList<FilesystemVersion> versions);

// How the receiver's versions of one filesystem relate to the sender's, as zrepl's diff.IncrementalPath decides it
// (replication/logic/diff/diff.go): the most recent version both sides have (by guid) is the base, and every sender
// snapshot after it is replicated one incremental step at a time.
class IncrementalPath
{
public:
    enum class Kind
    {
        Incremental,       // path() holds the common ancestor then each sender snapshot to replicate, oldest first
        UpToDate,          // the receiver's newest snapshot is the sender's newest: nothing to do, not a conflict
        ReceiverEmpty,     // the receiver has no snapshots: replication must start with a full send
        NoCommonAncestor,  // both sides have snapshots, none shared
        Diverged,          // the receiver has snapshots newer than the common ancestor that the sender does not have
    };

    // Neither list needs to be sorted. The receiver's bookmarks are ignored: an incremental receive needs the `from`
    // snapshot itself on the receiving side. The sender's bookmarks count, since `zfs send -i #bookmark` works.
    static IncrementalPath compute(const QList<FilesystemVersion> &receiver, const QList<FilesystemVersion> &sender);

    Kind kind() const
    {
        return m_kind;
    }

    bool isConflict() const
    {
        return m_kind == Kind::NoCommonAncestor || m_kind == Kind::Diverged;
    }

    // Incremental only: the sender's common version (a bookmark only when the sender has no snapshot with that
    // guid), then the sender's snapshots after it in createtxg order. Empty for every other kind.
    const QList<FilesystemVersion> &path() const
    {
        return m_path;
    }

    // The sender's version of the most recent common ancestor: set for Incremental, UpToDate and Diverged.
    const std::optional<FilesystemVersion> &commonAncestor() const
    {
        return m_commonAncestor;
    }

    const QList<FilesystemVersion> &sortedSenderVersions() const
    {
        return m_sortedSender;
    }

    const QList<FilesystemVersion> &sortedReceiverVersions() const
    {
        return m_sortedReceiver;
    }  // snapshots only

    // Diverged only: what each side has after the common ancestor.
    const QList<FilesystemVersion> &senderOnly() const
    {
        return m_senderOnly;
    }

    const QList<FilesystemVersion> &receiverOnly() const
    {
        return m_receiverOnly;
    }

    // zrepl's conflict text (ConflictNoCommonAncestor / ConflictDiverged Error()), which ends up in the replication
    // report as the filesystem's planning error. ReceiverEmpty reads as NoCommonAncestor, as it does in zrepl, for
    // when the sender has no snapshot to start from. Empty for Incremental and UpToDate.
    QString conflictMessage() const;

private:
    Kind m_kind = Kind::UpToDate;
    QList<FilesystemVersion> m_path;
    std::optional<FilesystemVersion> m_commonAncestor;
    QList<FilesystemVersion> m_sortedSender;
    QList<FilesystemVersion> m_sortedReceiver;
    QList<FilesystemVersion> m_senderOnly;
    QList<FilesystemVersion> m_receiverOnly;
};

}  // namespace Replication
