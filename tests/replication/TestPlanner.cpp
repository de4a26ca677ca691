// SPDX-License-Identifier: MIT
#include <QTest>

#include "daemon/replication/Planner.h"
#include "tests/replication/VersionSpec.h"

using namespace Qt::StringLiterals;
using namespace Replication;
using VersionSpec::version;
using VersionSpec::versions;
using Zfs::FilesystemVersion;

Q_DECLARE_METATYPE(Replication::ResumeTokenFields)
Q_DECLARE_METATYPE(Replication::SendEncryption)

namespace {

SenderFilesystem senderWith(const QStringList &specs)
{
    SenderFilesystem sender;
    sender.path = u"pool/fs"_s;
    sender.versions = versions(specs);
    return sender;
}

ReceiverFilesystem receiverWith(const QStringList &specs)
{
    ReceiverFilesystem receiver;
    receiver.exists = true;
    receiver.versions = versions(specs);
    return receiver;
}

PlannedStep incremental(const QString &from, const QString &to)
{
    return PlannedStep{version(from), version(to), false, QString()};
}

PlannedStep full(const QString &to)
{
    return PlannedStep{std::nullopt, version(to), false, QString()};
}

// "(@a => @b)" / "@b (full)" per step, so a failing comparison shows the whole plan.
QStringList describe(const QList<PlannedStep> &steps)
{
    QStringList out;
    for (const PlannedStep &step : steps) {
        out.append(step.describe().mid(u"pool/fs"_s.size()) + (step.resumable ? u" resumed"_s : QString()));
    }
    return out;
}

const QString Token = u"1-e604ea4bf-e0-789c63a2"_s;

ReceiverFilesystem receiverResuming(const QStringList &specs, std::optional<quint64> fromGuid, quint64 toGuid)
{
    ReceiverFilesystem receiver = receiverWith(specs);
    receiver.resumeToken = Token;
    receiver.resumeTokenFields = ResumeTokenFields{fromGuid, toGuid, u"pool/fs@x"_s, false, false};
    return receiver;
}

}  // namespace

class TestPlanner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initialFullSendOfMostRecentSnapshot();
    void initialReplicationOfAllSnapshots();
    void placeholderReceiverGetsFullSend();
    void incrementalChain();
    void upToDate();
    void diverged();
    void noCommonAncestor();
    void senderWithoutVersions();
    void senderWithOnlyBookmarksCannotSeedReceiver();
    void bookmarkAsFrom();
    void bookmarksDisallowedExceptReplicationCursor();
    void resumeIncremental();
    void resumeFullSend();
    void resumePrefersSnapshotAsFrom();
    void resumeOnPlaceholder();
    void resumeTokenErrors_data();
    void resumeTokenErrors();
    void resumeTokenNotDecoded();
    void encryptionRequiredButSenderUnencrypted();
    void stepDescriptions();
    void parentsFirstBatches_data();
    void parentsFirstBatches();
};

void TestPlanner::initialFullSendOfMostRecentSnapshot()
{
    const FilesystemPlan plan = Planner().planFilesystem(senderWith({u"@a,1"_s, u"@b,2"_s, u"#c,3"_s}), {});
    QCOMPARE(plan.filesystem, u"pool/fs"_s);
    QCOMPARE(plan.error, QString());
    QCOMPARE(plan.steps, QList<PlannedStep>{full(u"@b,2"_s)});
    QCOMPARE(plan.resolution, u"start replication at most recent snapshot @b"_s);
    QVERIFY(!plan.commonAncestor);
    QVERIFY(!plan.isUpToDate());
}

void TestPlanner::initialReplicationOfAllSnapshots()
{
    PlannerOptions options;
    options.initialReplication = InitialReplication::All;
    const FilesystemPlan plan =
        Planner(options).planFilesystem(senderWith({u"@c,3"_s, u"#b,2"_s, u"@a,1"_s, u"@d,4"_s}), {});
    QCOMPARE(plan.error, QString());
    QCOMPARE(
        plan.steps,
        (QList<PlannedStep>{full(u"@a,1"_s), incremental(u"@a,1"_s, u"@c,3"_s), incremental(u"@c,3"_s, u"@d,4"_s)}));
    QCOMPARE(plan.resolution, u"start replication at oldest snapshot @a"_s);
}

void TestPlanner::placeholderReceiverGetsFullSend()
{
    // Whatever a placeholder holds is not a replica of the sender.
    ReceiverFilesystem receiver = receiverWith({u"@a,1"_s});
    receiver.placeholder = true;
    const FilesystemPlan plan = Planner().planFilesystem(senderWith({u"@a,1"_s, u"@b,2"_s}), receiver);
    QCOMPARE(plan.steps, QList<PlannedStep>{full(u"@b,2"_s)});
    QVERIFY(!plan.commonAncestor);
}

void TestPlanner::incrementalChain()
{
    const FilesystemPlan plan = Planner().planFilesystem(
        senderWith({u"@a,1"_s, u"@b,2"_s, u"@c,3"_s, u"#x,4"_s, u"@d,5"_s}), receiverWith({u"@a,1"_s, u"@b,2"_s}));
    QCOMPARE(plan.error, QString());
    QCOMPARE(describe(plan.steps), (QStringList{u"(@b => @c)"_s, u"(@c => @d)"_s}));
    QCOMPARE(plan.steps, (QList<PlannedStep>{incremental(u"@b,2"_s, u"@c,3"_s), incremental(u"@c,3"_s, u"@d,5"_s)}));
    QCOMPARE(plan.commonAncestor, version(u"@b,2"_s));
    QCOMPARE(plan.resolution, QString());
}

void TestPlanner::upToDate()
{
    const FilesystemPlan plan =
        Planner().planFilesystem(senderWith({u"@a,1"_s, u"@b,2"_s}), receiverWith({u"@a,1"_s, u"@b,2"_s}));
    QVERIFY(plan.isUpToDate());
    QVERIFY(!plan.hasError());
    QCOMPARE(plan.steps.size(), 0);
    QCOMPARE(plan.commonAncestor, version(u"@b,2"_s));
}

void TestPlanner::diverged()
{
    const FilesystemPlan plan =
        Planner().planFilesystem(senderWith({u"@a,1"_s, u"@b,3"_s}), receiverWith({u"@a,1"_s, u"@local,2"_s}));
    QVERIFY(plan.hasError());
    QCOMPARE(plan.steps.size(), 0);
    QCOMPARE(plan.error,
             u"the receiver's latest snapshot is not present on sender:\n"
             "  last common: @a\n"
             "  sender-only:\n"
             "    @b\n"
             "  receiver-only:\n"
             "    @local\n"_s);
    QVERIFY(!plan.commonAncestor);
}

void TestPlanner::noCommonAncestor()
{
    const FilesystemPlan plan = Planner().planFilesystem(senderWith({u"@c,3"_s}), receiverWith({u"@a,1"_s}));
    QCOMPARE(plan.error,
             u"no common snapshot or suitable bookmark between sender and receiver:\n"
             "  sorted sender versions:\n"
             "    @c\n"
             "  sorted receiver versions:\n"
             "    @a\n"_s);
    QCOMPARE(plan.steps.size(), 0);
    QCOMPARE(plan.resolution, QString());
}

void TestPlanner::senderWithoutVersions()
{
    const FilesystemPlan plan = Planner().planFilesystem(senderWith({}), receiverWith({u"@a,1"_s}));
    QCOMPARE(plan.error, u"sender does not have any versions"_s);
    QCOMPARE(plan.steps.size(), 0);
}

void TestPlanner::senderWithOnlyBookmarksCannotSeedReceiver()
{
    const FilesystemPlan plan = Planner().planFilesystem(senderWith({u"#a,1"_s}), {});
    QCOMPARE(plan.error,
             u"no common snapshot or suitable bookmark between sender and receiver:\n"
             "  sorted sender versions:\n"
             "    #a\n"
             "  sorted receiver versions:\n"_s);
    QCOMPARE(plan.steps.size(), 0);
}

void TestPlanner::bookmarkAsFrom()
{
    // The sender destroyed @b after replicating it but kept a bookmark with its guid.
    const FilesystemPlan plan = Planner().planFilesystem(senderWith({u"@a,1"_s, u"#b,2"_s, u"@c,3"_s, u"@d,4"_s}),
                                                         receiverWith({u"@a,1"_s, u"@b,2"_s}));
    QCOMPARE(plan.error, QString());
    QCOMPARE(plan.steps, (QList<PlannedStep>{incremental(u"#b,2"_s, u"@c,3"_s), incremental(u"@c,3"_s, u"@d,4"_s)}));
    QVERIFY(plan.steps.first().from->isBookmark());
    QCOMPARE(plan.commonAncestor, version(u"#b,2"_s));
}

void TestPlanner::bookmarksDisallowedExceptReplicationCursor()
{
    PlannerOptions options;
    options.bookmarksAsFrom = false;
    const Planner planner(options);
    SenderFilesystem sender = senderWith({u"@a,1"_s, u"#b,2"_s, u"#zrepl_CURSOR_G_03_J_push,3"_s, u"@d,4"_s});
    QList<FilesystemVersion> receiverVersions = versions({u"@a,1"_s, u"@b,2"_s});

    ReceiverFilesystem receiver;
    receiver.exists = true;
    receiver.versions = receiverVersions;
    const FilesystemPlan withoutCursor = planner.planFilesystem(sender, receiver);
    QCOMPARE(withoutCursor.error,
             u"the receiver's latest snapshot is not present on sender:\n"
             "  last common: @a\n"
             "  sender-only:\n"
             "    @d\n"
             "  receiver-only:\n"
             "    @b\n"_s);

    // The cursor bookmark names the receiver's newest snapshot (guid 3 here).
    receiver.versions = versions({u"@a,1"_s, u"@c,3"_s});
    sender.replicationCursorGuid = 3;
    const FilesystemPlan withCursor = planner.planFilesystem(sender, receiver);
    QCOMPARE(withCursor.error, QString());
    QCOMPARE(withCursor.steps, QList<PlannedStep>{incremental(u"#zrepl_CURSOR_G_03_J_push,3"_s, u"@d,4"_s)});
}

void TestPlanner::resumeIncremental()
{
    const FilesystemPlan plan = Planner().planFilesystem(senderWith({u"@a,1"_s, u"@b,2"_s, u"@c,3"_s, u"@d,4"_s}),
                                                         receiverResuming({u"@a,1"_s}, 1, 2));
    QCOMPARE(plan.error, QString());
    QCOMPARE(describe(plan.steps), (QStringList{u"(@a => @b) resumed"_s, u"(@b => @c)"_s, u"(@c => @d)"_s}));
    QCOMPARE(plan.steps[0].from, version(u"@a,1"_s));
    QCOMPARE(plan.steps[0].to, version(u"@b,2"_s));
    QVERIFY(plan.steps[0].resumable);
    QCOMPARE(plan.steps[0].resumeToken, Token);
    QVERIFY(!plan.steps[1].resumable);
    QCOMPARE(plan.steps[1].resumeToken, QString());
    QCOMPARE(plan.commonAncestor, version(u"@a,1"_s));
}

void TestPlanner::resumeFullSend()
{
    // The interrupted full receive left the filesystem with a token and no snapshot yet.
    const FilesystemPlan plan =
        Planner().planFilesystem(senderWith({u"@a,1"_s, u"#x,2"_s, u"@b,3"_s}), receiverResuming({}, {}, 1));
    QCOMPARE(plan.error, QString());
    QCOMPARE(plan.steps,
             (QList<PlannedStep>{PlannedStep{std::nullopt, version(u"@a,1"_s), true, Token},
                                 incremental(u"@a,1"_s, u"@b,3"_s)}));
    QCOMPARE(plan.resolution, QString());
}

void TestPlanner::resumePrefersSnapshotAsFrom()
{
    const FilesystemPlan plan =
        Planner().planFilesystem(senderWith({u"#a,1"_s, u"@a,1"_s, u"@b,2"_s}), receiverResuming({u"@a,1"_s}, 1, 2));
    QCOMPARE(plan.steps.size(), 1);
    QCOMPARE(plan.steps[0].from, version(u"@a,1"_s));

    // Only the bookmark is left: it is what the stream was started from, so it stays the `from`.
    const FilesystemPlan fromBookmark =
        Planner().planFilesystem(senderWith({u"#a,1"_s, u"@b,2"_s}), receiverResuming({u"@a,1"_s}, 1, 2));
    QCOMPARE(fromBookmark.steps,
             (QList<PlannedStep>{PlannedStep{version(u"#a,1"_s), version(u"@b,2"_s), true, Token}}));
}

void TestPlanner::resumeOnPlaceholder()
{
    ReceiverFilesystem receiver = receiverResuming({}, {}, 2);
    receiver.placeholder = true;
    const FilesystemPlan plan = Planner().planFilesystem(senderWith({u"@a,1"_s, u"@b,2"_s}), receiver);
    QCOMPARE(plan.steps, (QList<PlannedStep>{PlannedStep{std::nullopt, version(u"@b,2"_s), true, Token}}));
}

void TestPlanner::resumeTokenErrors_data()
{
    QTest::addColumn<QStringList>("sender");
    QTest::addColumn<ResumeTokenFields>("token");
    QTest::addColumn<SendEncryption>("encryption");
    QTest::addColumn<QString>("error");

    const QStringList chain{u"@a,1"_s, u"#b,2"_s, u"@c,3"_s};
    QTest::addRow("to not on sender")
        << chain << ResumeTokenFields{1, 7, u"pool/fs@gone"_s, false, false} << SendEncryption::DontCare
        << u"resume token `toguid` = 7 not found on sender (`toname` = \"pool/fs@gone\")"_s;
    QTest::addRow("to is only a bookmark on sender")
        << chain << ResumeTokenFields{1, 2, u"pool/fs@b"_s, false, false} << SendEncryption::DontCare
        << u"resume token `toguid` = 2 not found on sender (`toname` = \"pool/fs@b\")"_s;
    QTest::addRow("from not on sender")
        << chain << ResumeTokenFields{9, 3, u"pool/fs@c"_s, false, false} << SendEncryption::DontCare
        << u"resume token `fromguid` = 9 not found on sender (`toname` = \"pool/fs@c\")"_s;
    QTest::addRow("from and to the same")
        << chain << ResumeTokenFields{3, 3, u"pool/fs@c"_s, false, false} << SendEncryption::DontCare
        << u"resume token `fromguid` and `toguid` match same version on sender"_s;
    QTest::addRow("plain stream, encryption required")
        << chain << ResumeTokenFields{1, 3, u"pool/fs@c"_s, false, false} << SendEncryption::Required
        << u"resume token `rawok`=false and `compressok`=false are incompatible with encryption policy=true"_s;
    QTest::addRow("raw stream, encryption forbidden")
        << chain << ResumeTokenFields{1, 3, u"pool/fs@c"_s, true, true} << SendEncryption::Forbidden
        << u"resume token `rawok`=true and `compressok`=true are incompatible with encryption policy=false"_s;
}

void TestPlanner::resumeTokenErrors()
{
    QFETCH(QStringList, sender);
    QFETCH(ResumeTokenFields, token);
    QFETCH(SendEncryption, encryption);
    QFETCH(QString, error);

    PlannerOptions options;
    options.encryption = encryption;
    SenderFilesystem senderFs = senderWith(sender);
    senderFs.encrypted = true;
    ReceiverFilesystem receiver = receiverWith({u"@a,1"_s});
    receiver.resumeToken = Token;
    receiver.resumeTokenFields = token;
    const FilesystemPlan plan = Planner(options).planFilesystem(senderFs, receiver);
    QCOMPARE(plan.error, error);
    QCOMPARE(plan.steps.size(), 0);
}

void TestPlanner::resumeTokenNotDecoded()
{
    ReceiverFilesystem receiver = receiverWith({u"@a,1"_s});
    receiver.resumeToken = u"1-bogus"_s;
    receiver.resumeTokenError = u"resume token is corrupt"_s;
    const FilesystemPlan plan = Planner().planFilesystem(senderWith({u"@a,1"_s, u"@b,2"_s}), receiver);
    QCOMPARE(plan.error, u"cannot decode resume token: resume token is corrupt"_s);
    QCOMPARE(plan.steps.size(), 0);
}

void TestPlanner::encryptionRequiredButSenderUnencrypted()
{
    PlannerOptions options;
    options.encryption = SendEncryption::Required;
    const FilesystemPlan plan = Planner(options).planFilesystem(senderWith({u"@a,1"_s}), {});
    QCOMPARE(plan.error, u"sender filesystem is not encrypted but policy mandates encrypted send"_s);

    SenderFilesystem encrypted = senderWith({u"@a,1"_s});
    encrypted.encrypted = true;
    QCOMPARE(Planner(options).planFilesystem(encrypted, {}).steps, QList<PlannedStep>{full(u"@a,1"_s)});
}

void TestPlanner::stepDescriptions()
{
    QCOMPARE(full(u"@b,2"_s).describe(), u"pool/fs@b (full)"_s);
    QCOMPARE(incremental(u"#a,1"_s, u"@b,2"_s).describe(), u"pool/fs(#a => @b)"_s);
    QVERIFY(!full(u"@b,2"_s).isIncremental());
    QVERIFY(incremental(u"@a,1"_s, u"@b,2"_s).isIncremental());
}

void TestPlanner::parentsFirstBatches_data()
{
    QTest::addColumn<QStringList>("filesystems");
    QTest::addColumn<QList<QStringList>>("batches");

    QTest::addRow("empty") << QStringList{} << QList<QStringList>{};
    QTest::addRow("tree in any order")
        << QStringList{u"pool/a/b"_s, u"pool"_s, u"pool/c"_s, u"pool/a"_s, u"other/x/y"_s}
        << QList<QStringList>{{u"other/x/y"_s, u"pool"_s}, {u"pool/a"_s, u"pool/c"_s}, {u"pool/a/b"_s}};
    QTest::addRow("unlisted parent is no dependency")
        << QStringList{u"pool/a/b/c"_s, u"pool"_s, u"pool/x/y"_s}
        << QList<QStringList>{{u"pool"_s}, {u"pool/a/b/c"_s, u"pool/x/y"_s}};
    QTest::addRow("siblings by name are not children")
        << QStringList{u"pool/ab"_s, u"pool/a"_s, u"pool/a/b"_s}
        << QList<QStringList>{{u"pool/a"_s, u"pool/ab"_s}, {u"pool/a/b"_s}};
    QTest::addRow("duplicates dropped") << QStringList{u"pool/a"_s, u"pool"_s, u"pool/a"_s}
                                        << QList<QStringList>{{u"pool"_s}, {u"pool/a"_s}};
}

void TestPlanner::parentsFirstBatches()
{
    QFETCH(QStringList, filesystems);
    QFETCH(QList<QStringList>, batches);
    QCOMPARE(Planner::parentsFirstBatches(filesystems), batches);
}

QTEST_GUILESS_MAIN(TestPlanner)
#include "TestPlanner.moc"
