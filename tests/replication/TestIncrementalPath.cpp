// SPDX-License-Identifier: MIT
#include <QTest>

#include "daemon/replication/IncrementalPath.h"
#include "tests/replication/VersionSpec.h"

using namespace Qt::StringLiterals;
using Replication::IncrementalPath;
using Kind = Replication::IncrementalPath::Kind;
using VersionSpec::specs;
using VersionSpec::versions;

Q_DECLARE_METATYPE(Replication::IncrementalPath::Kind)

class TestIncrementalPath : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void compute_data();
    void compute();
    void commonAncestorIsTheSendersVersion();
    void sortingPutsBookmarkBeforeItsSnapshot();
    void noCommonAncestorMessage();
    void noCommonAncestorMessageWithoutVersions();
    void divergedMessage();
    void noMessageWithoutConflict();
};

void TestIncrementalPath::compute_data()
{
    QTest::addColumn<QStringList>("receiver");
    QTest::addColumn<QStringList>("sender");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QStringList>("path");
    QTest::addColumn<QString>("common");  // "" when there is none
    QTest::addColumn<QStringList>("senderOnly");
    QTest::addColumn<QStringList>("receiverOnly");
    QTest::addColumn<QStringList>("sortedSender");
    QTest::addColumn<QStringList>("sortedReceiver");

    // diff_test.go, TestIncrementalPath_SnapshotsOnly
    QTest::addRow("basic functionality") << QStringList{u"@a,1"_s, u"@b,2"_s}
                                         << QStringList{u"@a,1"_s, u"@b,2"_s, u"@c,3"_s, u"@d,4"_s} << Kind::Incremental
                                         << QStringList{u"@b,2"_s, u"@c,3"_s, u"@d,4"_s} << u"@b,2"_s << QStringList{}
                                         << QStringList{} << QStringList{u"@a,1"_s, u"@b,2"_s, u"@c,3"_s, u"@d,4"_s}
                                         << QStringList{u"@a,1"_s, u"@b,2"_s};
    // zrepl reports this as ConflictNoCommonAncestor with an empty receiver list; we name it.
    QTest::addRow("no common ancestor: empty receiver")
        << QStringList{} << QStringList{u"@a,1"_s} << Kind::ReceiverEmpty << QStringList{} << QString() << QStringList{}
        << QStringList{} << QStringList{u"@a,1"_s} << QStringList{};
    QTest::addRow("no common ancestor: disjoint")
        << QStringList{u"@a,1"_s, u"@b,2"_s} << QStringList{u"@c,3"_s, u"@d,4"_s} << Kind::NoCommonAncestor
        << QStringList{} << QString() << QStringList{} << QStringList{} << QStringList{u"@c,3"_s, u"@d,4"_s}
        << QStringList{u"@a,1"_s, u"@b,2"_s};
    QTest::addRow("divergence is detected")
        << QStringList{u"@a,1"_s, u"@b1,2"_s} << QStringList{u"@a,1"_s, u"@b2,3"_s} << Kind::Diverged << QStringList{}
        << u"@a,1"_s << QStringList{u"@b2,3"_s} << QStringList{u"@b1,2"_s} << QStringList{u"@a,1"_s, u"@b2,3"_s}
        << QStringList{u"@a,1"_s, u"@b1,2"_s};
    QTest::addRow("gaps before most recent common ancestor do not matter")
        << QStringList{u"@a,1"_s, u"@b,2"_s, u"@c,3"_s} << QStringList{u"@a,1"_s, u"@c,3"_s, u"@d,4"_s}
        << Kind::Incremental << QStringList{u"@c,3"_s, u"@d,4"_s} << u"@c,3"_s << QStringList{} << QStringList{}
        << QStringList{u"@a,1"_s, u"@c,3"_s, u"@d,4"_s} << QStringList{u"@a,1"_s, u"@b,2"_s, u"@c,3"_s};
    QTest::addRow("sender with earlier but also current version is not a conflict")
        << QStringList{u"@c,3"_s} << QStringList{u"@a,1"_s, u"@b,2"_s, u"@c,3"_s} << Kind::UpToDate << QStringList{}
        << u"@c,3"_s << QStringList{} << QStringList{} << QStringList{u"@a,1"_s, u"@b,2"_s, u"@c,3"_s}
        << QStringList{u"@c,3"_s};

    // diff_test.go, TestIncrementalPath_BookmarkSupport
    QTest::addRow("bookmarks are used") << QStringList{u"@a,1"_s} << QStringList{u"#a,1"_s, u"@b,2"_s}
                                        << Kind::Incremental << QStringList{u"#a,1"_s, u"@b,2"_s} << u"#a,1"_s
                                        << QStringList{} << QStringList{} << QStringList{u"#a,1"_s, u"@b,2"_s}
                                        << QStringList{u"@a,1"_s};
    QTest::addRow("bookmarks are stripped from the path after its start")
        << QStringList{u"@a,1"_s} << QStringList{u"#a,1"_s, u"#b,2"_s, u"@c,3"_s} << Kind::Incremental
        << QStringList{u"#a,1"_s, u"@c,3"_s} << u"#a,1"_s << QStringList{} << QStringList{}
        << QStringList{u"#a,1"_s, u"#b,2"_s, u"@c,3"_s} << QStringList{u"@a,1"_s};
    QTest::addRow("snapshot preferred over bookmark, bookmark listed first")
        << QStringList{u"@a,1"_s} << QStringList{u"#a,1"_s, u"@a,1"_s, u"@b,2"_s} << Kind::Incremental
        << QStringList{u"@a,1"_s, u"@b,2"_s} << u"@a,1"_s << QStringList{} << QStringList{}
        << QStringList{u"#a,1"_s, u"@a,1"_s, u"@b,2"_s} << QStringList{u"@a,1"_s};
    QTest::addRow("snapshot preferred over bookmark, snapshot listed first")
        << QStringList{u"@a,1"_s} << QStringList{u"@a,1"_s, u"#a,1"_s, u"@b,2"_s} << Kind::Incremental
        << QStringList{u"@a,1"_s, u"@b,2"_s} << u"@a,1"_s << QStringList{} << QStringList{}
        << QStringList{u"#a,1"_s, u"@a,1"_s, u"@b,2"_s} << QStringList{u"@a,1"_s};

    // Beyond zrepl's table.
    QTest::addRow("unsorted input is sorted by createtxg")
        << QStringList{u"@b,2"_s, u"@a,1"_s} << QStringList{u"@d,4"_s, u"@b,2"_s, u"@c,3"_s, u"@a,1"_s}
        << Kind::Incremental << QStringList{u"@b,2"_s, u"@c,3"_s, u"@d,4"_s} << u"@b,2"_s << QStringList{}
        << QStringList{} << QStringList{u"@a,1"_s, u"@b,2"_s, u"@c,3"_s, u"@d,4"_s}
        << QStringList{u"@a,1"_s, u"@b,2"_s};
    QTest::addRow("snapshots taken in the same second still match")
        << QStringList{u"@a,1,5"_s} << QStringList{u"@a,1,5"_s, u"@b,2,5"_s, u"@c,3,5"_s} << Kind::Incremental
        << QStringList{u"@a,1"_s, u"@b,2"_s, u"@c,3"_s} << u"@a,1"_s << QStringList{} << QStringList{}
        << QStringList{u"@a,1"_s, u"@b,2"_s, u"@c,3"_s} << QStringList{u"@a,1"_s};
    QTest::addRow("receiver bookmarks cannot be a base")
        << QStringList{u"@a,1"_s, u"#b,2"_s} << QStringList{u"@a,1"_s, u"@b,2"_s, u"@c,3"_s} << Kind::Incremental
        << QStringList{u"@a,1"_s, u"@b,2"_s, u"@c,3"_s} << u"@a,1"_s << QStringList{} << QStringList{}
        << QStringList{u"@a,1"_s, u"@b,2"_s, u"@c,3"_s} << QStringList{u"@a,1"_s};
    QTest::addRow("receiver with only bookmarks is empty")
        << QStringList{u"#a,1"_s} << QStringList{u"@a,1"_s} << Kind::ReceiverEmpty << QStringList{} << QString()
        << QStringList{} << QStringList{} << QStringList{u"@a,1"_s} << QStringList{};
    QTest::addRow("sender destroyed the receiver's newest snapshot")
        << QStringList{u"@a,1"_s, u"@b,2"_s} << QStringList{u"@a,1"_s, u"@c,3"_s} << Kind::Diverged << QStringList{}
        << u"@a,1"_s << QStringList{u"@c,3"_s} << QStringList{u"@b,2"_s} << QStringList{u"@a,1"_s, u"@c,3"_s}
        << QStringList{u"@a,1"_s, u"@b,2"_s};
    QTest::addRow("sender kept a bookmark of the receiver's newest snapshot")
        << QStringList{u"@a,1"_s, u"@b,2"_s} << QStringList{u"@a,1"_s, u"#b,2"_s, u"@c,3"_s} << Kind::Incremental
        << QStringList{u"#b,2"_s, u"@c,3"_s} << u"#b,2"_s << QStringList{} << QStringList{}
        << QStringList{u"@a,1"_s, u"#b,2"_s, u"@c,3"_s} << QStringList{u"@a,1"_s, u"@b,2"_s};
    QTest::addRow("receiver newer than sender")
        << QStringList{u"@a,1"_s, u"@b,2"_s} << QStringList{u"@a,1"_s} << Kind::Diverged << QStringList{} << u"@a,1"_s
        << QStringList{} << QStringList{u"@b,2"_s} << QStringList{u"@a,1"_s} << QStringList{u"@a,1"_s, u"@b,2"_s};
    QTest::addRow("sender has only a bookmark of the receiver's newest")
        << QStringList{u"@a,1"_s} << QStringList{u"#a,1"_s} << Kind::UpToDate << QStringList{} << u"#a,1"_s
        << QStringList{} << QStringList{} << QStringList{u"#a,1"_s} << QStringList{u"@a,1"_s};
    QTest::addRow("both sides empty") << QStringList{} << QStringList{} << Kind::ReceiverEmpty << QStringList{}
                                      << QString() << QStringList{} << QStringList{} << QStringList{} << QStringList{};
}

void TestIncrementalPath::compute()
{
    QFETCH(QStringList, receiver);
    QFETCH(QStringList, sender);
    QFETCH(Kind, kind);
    QFETCH(QStringList, path);
    QFETCH(QString, common);
    QFETCH(QStringList, senderOnly);
    QFETCH(QStringList, receiverOnly);
    QFETCH(QStringList, sortedSender);
    QFETCH(QStringList, sortedReceiver);

    const IncrementalPath result = IncrementalPath::compute(versions(receiver), versions(sender));
    QCOMPARE(result.kind(), kind);
    QCOMPARE(result.isConflict(), kind == Kind::NoCommonAncestor || kind == Kind::Diverged);
    QCOMPARE(specs(result.path()), path);
    QCOMPARE(result.commonAncestor() ? specs({*result.commonAncestor()}).first() : QString(), common);
    QCOMPARE(specs(result.senderOnly()), senderOnly);
    QCOMPARE(specs(result.receiverOnly()), receiverOnly);
    QCOMPARE(specs(result.sortedSenderVersions()), sortedSender);
    QCOMPARE(specs(result.sortedReceiverVersions()), sortedReceiver);
}

void TestIncrementalPath::commonAncestorIsTheSendersVersion()
{
    // Same guid, but the receiver's copy has its own createtxg; the step's `from` must name the sender's.
    Zfs::FilesystemVersion onReceiver = VersionSpec::version(u"@a,1"_s, u"backup/pool/fs"_s);
    onReceiver.createTxg = 900;
    const auto sender = versions({u"@a,1"_s, u"@b,2"_s});
    const IncrementalPath result = IncrementalPath::compute({onReceiver}, sender);
    QCOMPARE(result.kind(), Kind::Incremental);
    QCOMPARE(result.path(), sender);
    QCOMPARE(result.commonAncestor()->filesystem, u"pool/fs"_s);
    QCOMPARE(result.commonAncestor()->createTxg, quint64(1));
}

void TestIncrementalPath::sortingPutsBookmarkBeforeItsSnapshot()
{
    const auto sorted = Replication::sortedByCreateTxg(versions({u"@c,3"_s, u"@a,1"_s, u"#a,1"_s, u"#b,2"_s}));
    QCOMPARE(specs(sorted), (QStringList{u"#a,1"_s, u"@a,1"_s, u"#b,2"_s, u"@c,3"_s}));
}

void TestIncrementalPath::noCommonAncestorMessage()
{
    const IncrementalPath result =
        IncrementalPath::compute(versions({u"@b,2"_s, u"@a,1"_s}), versions({u"@d,4"_s, u"#c,3"_s}));
    QCOMPARE(result.kind(), Kind::NoCommonAncestor);
    QCOMPARE(result.conflictMessage(),
             u"no common snapshot or suitable bookmark between sender and receiver:\n"
             "  sorted sender versions:\n"
             "    #c\n"
             "    @d\n"
             "  sorted receiver versions:\n"
             "    @a\n"
             "    @b\n"_s);
}

void TestIncrementalPath::noCommonAncestorMessageWithoutVersions()
{
    const IncrementalPath result = IncrementalPath::compute({}, {});
    QCOMPARE(result.conflictMessage(), u"no common snapshot or suitable bookmark between sender and receiver"_s);
}

void TestIncrementalPath::divergedMessage()
{
    const IncrementalPath result = IncrementalPath::compute(versions({u"@a,1"_s, u"@b1,2"_s, u"@b1x,4"_s}),
                                                            versions({u"@a,1"_s, u"@b2,3"_s, u"#b3,5"_s}));
    QCOMPARE(result.kind(), Kind::Diverged);
    QCOMPARE(result.conflictMessage(),
             u"the receiver's latest snapshot is not present on sender:\n"
             "  last common: @a\n"
             "  sender-only:\n"
             "    @b2\n"
             "    #b3\n"
             "  receiver-only:\n"
             "    @b1\n"
             "    @b1x\n"_s);
}

void TestIncrementalPath::noMessageWithoutConflict()
{
    QCOMPARE(IncrementalPath::compute(versions({u"@a,1"_s}), versions({u"@a,1"_s, u"@b,2"_s})).conflictMessage(),
             QString());
    QCOMPARE(IncrementalPath::compute(versions({u"@a,1"_s}), versions({u"@a,1"_s})).conflictMessage(), QString());
}

QTEST_GUILESS_MAIN(TestIncrementalPath)
#include "TestIncrementalPath.moc"
