// SPDX-License-Identifier: MIT
// Parsing of what OpenZFS 2.x and zfs-fuse print, from captured text.
#include <QDateTime>
#include <QTest>

#include "daemon/snapper/GoDuration.h"
#include "daemon/zfs/ZfsError.h"
#include "daemon/zfs/ZfsOutput.h"

using namespace Zfs;
using namespace Qt::StringLiterals;

class TestZfsOutput : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void getOutputGroupsByDataset();
    void getOutputRejectsGarbage();
    void versions_data();
    void versions();
    void holds();
    void errorClassification_data();
    void errorClassification();
    void errorText();
    void datasetPath();
    void goDuration_data();
    void goDuration();
};

void TestZfsOutput::getOutputGroupsByDataset()
{
    // `zfs get -H -p -o name,property,value -r type,guid,createtxg,creation,userrefs tpool` on zfs-fuse (captured).
    const QByteArray output =
        "tpool\ttype\tfilesystem\n"
        "tpool\tguid\t12727498234569436437\n"
        "tpool\tcreatetxg\t1\n"
        "tpool\tcreation\t1764136860\n"
        "tpool\tuserrefs\t-\n"
        "tpool/fs@s1\ttype\tsnapshot\n"
        "tpool/fs@s1\tguid\t13805279630352190309\n"
        "tpool/fs@s1\tcreatetxg\t12\n"
        "tpool/fs@s1\tcreation\t1764136861\n"
        "tpool/fs@s1\tuserrefs\t1\n";
    QString error;
    const auto rows = Output::parseGetOutput(output, &error);
    QVERIFY2(rows.has_value(), qPrintable(error));
    QCOMPARE(rows->size(), 2);
    QCOMPARE(rows->at(0).name, u"tpool"_s);
    QCOMPARE(rows->at(1).properties.value(u"guid"_s), u"13805279630352190309"_s);
    const auto version = Output::versionFromProperties(rows->at(1), &error);
    QVERIFY2(version.has_value(), qPrintable(error));
    QCOMPARE(version->filesystem, u"tpool/fs"_s);
    QCOMPARE(version->name, u"s1"_s);
    QCOMPARE(version->guid, 13805279630352190309ULL);
    QCOMPARE(version->createTxg, 12ULL);
    QCOMPARE(version->creation.unixSeconds(), 1764136861);
    QCOMPARE(version->userRefs, std::optional<quint64>(1));
    QCOMPARE(version->fullName(), u"tpool/fs@s1"_s);
    QVERIFY(!Output::versionFromProperties(rows->at(0), &error).has_value());
    QVERIFY(error.contains(u"filesystem"));
}

void TestZfsOutput::getOutputRejectsGarbage()
{
    QString error;
    QVERIFY(!Output::parseGetOutput("tpool\ttype\n", &error).has_value());
    QVERIFY(error.contains(u"tpool\ttype"));
    QVERIFY(!Output::parseGetOutput("no tabs at all\n", &error).has_value());
    QVERIFY(Output::parseGetOutput("", &error).has_value());
    // A fourth column (source) is allowed and ignored.
    const auto rows = Output::parseGetOutput("p/fs\tcompression\tlz4\tlocal\n", &error);
    QVERIFY(rows.has_value());
    QCOMPARE(rows->at(0).properties.value(u"compression"_s), u"lz4"_s);
}

void TestZfsOutput::versions_data()
{
    QTest::addColumn<QByteArray>("output");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("fullName");
    QTest::addColumn<bool>("hasUserRefs");
    QTest::newRow("bookmark") << QByteArray("p/fs#b\ttype\tbookmark\np/fs#b\tguid\t42\np/fs#b\tcreatetxg\t7\np/fs#b\tcreation\t1700000000\np/fs#b\tuserrefs\t-\n")
                              << true << u"p/fs#b"_s << false;
    QTest::newRow("human guid (zfs list without -p)") << QByteArray("p/fs@a\ttype\tsnapshot\np/fs@a\tguid\t12.0E\np/fs@a\tcreatetxg\t7\np/fs@a\tcreation\t1700000000\n")
                                                      << false << QString() << false;
    QTest::newRow("missing creation") << QByteArray("p/fs@a\ttype\tsnapshot\np/fs@a\tguid\t1\np/fs@a\tcreatetxg\t7\n") << false << QString() << false;
    QTest::newRow("no delimiter") << QByteArray("p/fs\ttype\tsnapshot\np/fs\tguid\t1\np/fs\tcreatetxg\t7\np/fs\tcreation\t1\n") << false << QString() << false;
}

void TestZfsOutput::versions()
{
    QFETCH(QByteArray, output);
    QFETCH(bool, ok);
    QFETCH(QString, fullName);
    QFETCH(bool, hasUserRefs);
    QString error;
    const auto rows = Output::parseGetOutput(output, &error);
    QVERIFY(rows.has_value());
    const auto version = Output::versionFromProperties(rows->at(0), &error);
    QCOMPARE(version.has_value(), ok);
    if (ok) {
        QCOMPARE(version->fullName(), fullName);
        QCOMPARE(version->userRefs.has_value(), hasUserRefs);
    } else {
        QVERIFY(!error.isEmpty());
    }
}

void TestZfsOutput::holds()
{
    // `zfs holds -H -p` on OpenZFS 2.1.
    QString error;
    const auto holds = Output::parseHoldsOutput("pool/fs@a\tzrepl_STEP_J_push\t1700000000\npool/fs@a\tkeep\t1700000100\n", &error);
    QVERIFY2(holds.has_value(), qPrintable(error));
    QCOMPARE(holds->size(), 2);
    QCOMPARE(holds->at(0).tag, u"zrepl_STEP_J_push"_s);
    QCOMPARE(holds->at(1).created.unixSeconds(), 1700000100);
    // `zfs holds -H` on OpenZFS 2.1, which has no -p: local time to the minute, the day padded with a space.
    const auto text = Output::parseHoldsOutput("pool/fs@a\tkeep\tSat Dec  5 14:22 2026\n", &error);
    QVERIFY2(text.has_value(), qPrintable(error));
    QCOMPARE(text->at(0).created.unixSeconds(),
             QDateTime(QDate(2026, 12, 5), QTime(14, 22)).toSecsSinceEpoch());
    // Past midnight: 2.1's `zfs holds` pads the hour with a zero (%H); `zfs get creation` pads it with a space
    // (%k), which the emulator once printed for holds too. Both read as the same minute.
    for (const char *line : {"pool/fs@a\tkeep\tSun Dec  6 00:17 2026\n", "pool/fs@a\tkeep\tSun Dec  6  0:17 2026\n"}) {
        const auto early = Output::parseHoldsOutput(line, &error);
        QVERIFY2(early.has_value(), qPrintable(error));
        QCOMPARE(early->at(0).created.unixSeconds(), QDateTime(QDate(2026, 12, 6), QTime(0, 17)).toSecsSinceEpoch());
    }
    QVERIFY(!Output::parseHoldsOutput("pool/fs@a\tkeep\tyesterday\n", &error).has_value());
    QVERIFY2(error.contains(u"yesterday"_s), qPrintable(error));
    QVERIFY(!Output::parseHoldsOutput("pool/fs@a zrepl 1\n", &error).has_value());
}

void TestZfsOutput::errorClassification_data()
{
    QTest::addColumn<QString>("stderrText");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<int>("kind");
    using K = ZfsError::Kind;
    // OpenZFS 2.x texts
    QTest::newRow("missing dataset") << u"cannot open 'pool/nope': dataset does not exist"_s << 1 << int(K::NotFound);
    QTest::newRow("snapshot exists") << u"cannot create snapshot 'pool/fs@a': dataset already exists"_s << 1 << int(K::AlreadyExists);
    QTest::newRow("held snapshot") << u"cannot destroy snapshot pool/fs@a: dataset is busy"_s << 1 << int(K::Busy);
    QTest::newRow("zfs-fuse held snapshot") << u"cannot destroy 'tpool/fs@s1': dataset is busy"_s << 1 << int(K::Busy);
    QTest::newRow("no snapshots to destroy") << u"could not find any snapshots to destroy; check snapshot names."_s << 1 << int(K::NotFound);
    QTest::newRow("hold exists") << u"cannot hold snapshot 'pool/fs@a': tag already exists on this dataset"_s << 1 << int(K::HoldTagExists);
    QTest::newRow("no such hold") << u"cannot release hold from snapshot 'pool/fs@a': no such tag on this dataset"_s << 1 << int(K::NoSuchHold);
    QTest::newRow("incremental mismatch") << u"cannot receive incremental stream: most recent snapshot of pool/fs does not\nmatch incremental source"_s << 1 << int(K::IncrementalSourceMismatch);
    QTest::newRow("destination exists") << u"cannot receive new filesystem stream: destination 'pool/fs' exists\nmust specify -F to overwrite it"_s << 1 << int(K::DestinationExists);
    QTest::newRow("destination modified") << u"cannot receive incremental stream: destination pool/fs has been modified\nsince most recent snapshot"_s << 1 << int(K::DestinationModified);
    QTest::newRow("permission") << u"cannot create snapshot 'pool/fs@a': permission denied"_s << 1 << int(K::PermissionDenied);
    QTest::newRow("zfs-fuse not running") << u"connect: No such file or directory\nPlease make sure that the zfs-fuse daemon is running.\ninternal error: failed to initialize ZFS library"_s << 1 << int(K::Unavailable);
    QTest::newRow("usage") << u"invalid option 'p'\nusage:\n\tlist [-rH]"_s << 2 << int(K::Unsupported);
    QTest::newRow("other") << u"cannot receive: failed to read from stream"_s << 1 << int(K::Other);
    // Real OpenZFS's texts, from the conformance transcripts of 2.1.11 and 2.3.2 (tests/conformance/).
    QTest::newRow("2.3 held snapshot") << u"cannot destroy snapshot pool/fs@s1: it's being held. Run 'zfs holds -r pool/fs@s1' to see holders."_s << 1 << int(K::Busy);
    QTest::newRow("2.1 held snapshot") << u"cannot destroy snapshot pool/fs@s1: dataset is busy"_s << 1 << int(K::Busy);
    QTest::newRow("snapshot of a missing fs, with usage") << u"cannot open 'pool/missing': dataset does not exist\nusage:\n\tsnapshot [-r] [-o property=value] ... <filesystem|volume>@<snap> ..."_s << 2 << int(K::NotFound);
    QTest::newRow("bookmark of a missing snapshot, with usage") << u"cannot open 'pool/fs@missing': dataset does not exist\nusage:\n\tbookmark <snapshot|bookmark> <newbookmark>"_s << 2 << int(K::NotFound);
    QTest::newRow("bookmark exists") << u"cannot create bookmark 'pool/fs#b': bookmark exists"_s << 1 << int(K::AlreadyExists);
    QTest::newRow("destroy missing bookmark") << u"bookmark 'pool/fs#missing' does not exist."_s << 1 << int(K::NotFound);
    QTest::newRow("2.1 holds -p") << u"invalid option 'p'\nusage:\n\tholds [-rH] <snapshot> ..."_s << 2 << int(K::Unsupported);
    QTest::newRow("corrupt token") << u"cannot resume send: resume token is corrupt (invalid format)\ncannot receive: failed to read from stream"_s << 255 << int(K::Other);
}

void TestZfsOutput::errorClassification()
{
    QFETCH(QString, stderrText);
    QFETCH(int, exitCode);
    QFETCH(int, kind);
    QCOMPARE(int(ZfsError::classify(stderrText, exitCode)), kind);
}

void TestZfsOutput::errorText()
{
    ZfsError error;
    error.kind = ZfsError::Kind::Unavailable;
    error.exitCode = 1;
    error.stderrText = u"connect: Connection refused\nPlease make sure that the zfs-fuse daemon is running.\ninternal error: failed to initialize ZFS library"_s;
    // zrepl's text, as in the captured status documents.
    QCOMPARE(error.toString(), u"zfs exited with error: exit status 1\nstderr:\nconnect: Connection refused\nPlease make sure that the zfs-fuse daemon is running.\ninternal error: failed to initialize ZFS library\n"_s);
}

void TestZfsOutput::datasetPath()
{
    const DatasetPath path = DatasetPath::fromString(u"pool/home/user");
    QCOMPARE(path.length(), 3);
    QVERIFY(path.hasPrefix(DatasetPath::fromString(u"pool/home")));
    QVERIFY(!DatasetPath::fromString(u"pool/homework").hasPrefix(DatasetPath::fromString(u"pool/home")));
    QCOMPARE(path.parent().toString(), u"pool/home"_s);
    QCOMPARE(path.withoutPrefix(DatasetPath::fromString(u"pool")).toString(), u"home/user"_s);
    QCOMPARE(DatasetPath::fromString(u"root").joined(path.withoutPrefix(DatasetPath::fromString(u"pool"))).toString(), u"root/home/user"_s);
    QVERIFY(DatasetPath::fromString(u"").isEmpty());
    QVERIFY(DatasetPath::fromString(u"a/b") < DatasetPath::fromString(u"a/b/c"));
}

void TestZfsOutput::goDuration_data()
{
    QTest::addColumn<qint64>("nanoseconds");
    QTest::addColumn<QString>("text");
    QTest::newRow("zero") << qint64(0) << u"0s"_s;
    QTest::newRow("ns") << qint64(999) << u"999ns"_s;
    QTest::newRow("us") << qint64(1500) << u"1.5µs"_s;
    QTest::newRow("ms") << qint64(15000000) << u"15ms"_s;
    QTest::newRow("s") << qint64(1500000000) << u"1.5s"_s;
    QTest::newRow("10m") << qint64(600) * 1000000000 << u"10m0s"_s;
    QTest::newRow("1h") << qint64(3600) * 1000000000 << u"1h0m0s"_s;
    QTest::newRow("1h30m15s") << qint64(5415) * 1000000000 << u"1h30m15s"_s;
    QTest::newRow("negative") << qint64(-2000000000) << u"-2s"_s;
}

void TestZfsOutput::goDuration()
{
    QFETCH(qint64, nanoseconds);
    QFETCH(QString, text);
    QCOMPARE(Daemon::formatGoDuration(std::chrono::nanoseconds(nanoseconds)), text);
}

QTEST_APPLESS_MAIN(TestZfsOutput)
#include "TestZfsOutput.moc"
