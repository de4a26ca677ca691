// SPDX-License-Identifier: MIT
#include "daemon/replication/IncrementalPath.h"

#include <algorithm>

#include <QHash>

using namespace Qt::StringLiterals;

namespace Replication {

QList<FilesystemVersion> sortedByCreateTxg(QList<FilesystemVersion> versions)
{
    std::stable_sort(versions.begin(), versions.end(), [](const FilesystemVersion &a, const FilesystemVersion &b) {
        if (a.createTxg != b.createTxg) {
            return a.createTxg < b.createTxg;
        }
        return a.isBookmark() && b.isSnapshot();
    });
    return versions;
}

IncrementalPath IncrementalPath::compute(const QList<FilesystemVersion> &receiver,
                                         const QList<FilesystemVersion> &sender)
{
    IncrementalPath result;
    result.m_sortedSender = sortedByCreateTxg(sender);
    QList<FilesystemVersion> receiverSnapshots;
    for (const FilesystemVersion &v : receiver) {
        if (v.isSnapshot()) {
            receiverSnapshots.append(v);
        }
    }
    result.m_sortedReceiver = sortedByCreateTxg(std::move(receiverSnapshots));

    if (result.m_sortedReceiver.isEmpty()) {
        result.m_kind = Kind::ReceiverEmpty;
        return result;
    }

    // Matching by guid alone, rather than walking both lists by creation time as zrepl does, keeps two snapshots
    // taken in the same second from hiding a common ancestor; createtxg cannot be compared across pools.
    QHash<quint64, qsizetype> receiverIndexByGuid;
    for (qsizetype i = 0; i < result.m_sortedReceiver.size(); ++i) {
        receiverIndexByGuid.insert(result.m_sortedReceiver[i].guid, i);
    }
    const QList<FilesystemVersion> &sorted = result.m_sortedSender;
    qsizetype senderIndex = sorted.size() - 1;
    // From the newest end a snapshot comes before its bookmark, so the snapshot wins: it allows a size estimate.
    while (senderIndex >= 0 && !receiverIndexByGuid.contains(sorted[senderIndex].guid)) {
        --senderIndex;
    }
    if (senderIndex < 0) {
        result.m_kind = Kind::NoCommonAncestor;
        return result;
    }
    const qsizetype receiverIndex = receiverIndexByGuid.value(sorted[senderIndex].guid);
    result.m_commonAncestor = sorted[senderIndex];

    if (receiverIndex != result.m_sortedReceiver.size() - 1) {
        result.m_kind = Kind::Diverged;
        result.m_senderOnly = sorted.mid(senderIndex + 1);
        result.m_receiverOnly = result.m_sortedReceiver.mid(receiverIndex + 1);
        return result;
    }

    // Only the base may be a bookmark: a bookmark has no data to send, so later bookmarks are skipped, and so is
    // the snapshot a bookmark base was made from (same guid), which the receiver already has.
    QList<FilesystemVersion> path{sorted[senderIndex]};
    for (qsizetype i = senderIndex + 1; i < sorted.size(); ++i) {
        if (sorted[i].isSnapshot() && sorted[i].guid != path.last().guid) {
            path.append(sorted[i]);
        }
    }
    if (path.size() == 1) {
        result.m_kind = Kind::UpToDate;
        return result;
    }
    result.m_kind = Kind::Incremental;
    result.m_path = std::move(path);
    return result;
}

namespace {

void appendVersionLines(QString &out, const QList<FilesystemVersion> &versions)
{
    for (const FilesystemVersion &v : versions) {
        out += u"    "_s + v.relativeName() + u'\n';
    }
}

}  // namespace

QString IncrementalPath::conflictMessage() const
{
    QString out;
    switch (m_kind) {
    case Kind::Incremental:
    case Kind::UpToDate:
        break;
    case Kind::ReceiverEmpty:
    case Kind::NoCommonAncestor:
        out = u"no common snapshot or suitable bookmark between sender and receiver"_s;
        if (!m_sortedSender.isEmpty() || !m_sortedReceiver.isEmpty()) {
            out += u":\n  sorted sender versions:\n"_s;
            appendVersionLines(out, m_sortedSender);
            out += u"  sorted receiver versions:\n"_s;
            appendVersionLines(out, m_sortedReceiver);
        }
        break;
    case Kind::Diverged:
        out = u"the receiver's latest snapshot is not present on sender:\n"_s;
        out += u"  last common: "_s + m_commonAncestor->relativeName() + u'\n';
        out += u"  sender-only:\n"_s;
        appendVersionLines(out, m_senderOnly);
        out += u"  receiver-only:\n"_s;
        appendVersionLines(out, m_receiverOnly);
        break;
    }
    return out;
}

}  // namespace Replication
