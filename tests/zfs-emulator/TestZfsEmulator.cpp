#include <memory>

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "EmulatorPaths.h"
#include "ResumeToken.h"

// Drives the zfs/zpool symlinks like a daemon would: separate processes, pipes, exit codes and stderr.
class TestZfsEmulator : public QObject
{
    Q_OBJECT

private:
    struct Result
    {
        int rc = -1;
        QString out;
        QString err;
    };

    QProcessEnvironment environment(const QString &faults = {}) const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOLDFAST_ZFS_EMULATOR_DIR"), m_dir->path());
        env.insert(QStringLiteral("PATH"),
                   QStringLiteral(HOLDFAST_ZFS_EMULATOR_BIN_DIR ":") + env.value(QStringLiteral("PATH")));
        env.insert(QStringLiteral("TZ"), QStringLiteral("UTC"));
        if (!faults.isEmpty())
            env.insert(QStringLiteral("HOLDFAST_ZFS_EMULATOR_FAULTS"), faults);
        if (!m_clock.isEmpty())
            env.insert(QStringLiteral("HOLDFAST_ZFS_EMULATOR_CLOCK"), m_clock);
        return env;
    }

    void prepare(QProcess &p, const QString &tool, const QStringList &args, const QString &faults = {}) const
    {
        p.setProcessEnvironment(environment(faults));
        p.setProgram(QStringLiteral(HOLDFAST_ZFS_EMULATOR_BIN_DIR "/") + tool);
        p.setArguments(args);
    }

    Result run(const QString &tool, const QStringList &args, const QString &faults = {})
    {
        QProcess p;
        prepare(p, tool, args, faults);
        p.setStandardInputFile(QProcess::nullDevice());
        p.start();
        p.waitForFinished(30000);
        return {
            p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    }

    Result zfs(const QString &args, const QString &faults = {})
    {
        return run(QStringLiteral("zfs"), args.split(QLatin1Char(' '), Qt::SkipEmptyParts), faults);
    }

    Result zpool(const QString &args)
    {
        return run(QStringLiteral("zpool"), args.split(QLatin1Char(' ')));
    }

    // zfs send ... | zfs recv ...; returns {send, recv}.
    QPair<Result, Result> pipe(const QStringList &sendArgs,
                               const QStringList &recvArgs,
                               const QString &sendFaults = {},
                               const QString &recvFaults = {})
    {
        QProcess sender;
        QProcess receiver;
        prepare(sender, QStringLiteral("zfs"), QStringList{QStringLiteral("send")} + sendArgs, sendFaults);
        prepare(receiver, QStringLiteral("zfs"), QStringList{QStringLiteral("recv")} + recvArgs, recvFaults);
        sender.setStandardOutputProcess(&receiver);
        receiver.start();
        sender.start();
        sender.waitForFinished(30000);
        receiver.waitForFinished(30000);
        return {{sender.exitCode(), {}, QString::fromUtf8(sender.readAllStandardError())},
                {receiver.exitCode(),
                 QString::fromUtf8(receiver.readAllStandardOutput()),
                 QString::fromUtf8(receiver.readAllStandardError())}};
    }

    QString value(const QString &property, const QString &name)
    {
        return zfs(QStringLiteral("get -H -p -o value %1 %2").arg(property, name)).out.trimmed();
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_clock;

private Q_SLOTS:

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_clock.clear();
        QCOMPARE(zpool(QStringLiteral("create -m none pool /dev/null")).rc, 0);
    }

    void versionAndUsage()
    {
        QCOMPARE(zfs(QStringLiteral("version")).out, QStringLiteral("zfs-2.1.11-1\nzfs-kmod-2.1.11-1\n"));
        QCOMPARE(zpool(QStringLiteral("version")).out, QStringLiteral("zfs-2.1.11-1\nzfs-kmod-2.1.11-1\n"));
        const Result unknown = zfs(QStringLiteral("frobnicate"));
        QCOMPARE(unknown.rc, 2);
        QVERIFY(unknown.err.startsWith(QStringLiteral("unrecognized command 'frobnicate'")));
        const Result badOption = zfs(QStringLiteral("list -Z"));
        QCOMPARE(badOption.rc, 2);
        QVERIFY(badOption.err.startsWith(QStringLiteral("invalid option 'Z'\nusage:\n")));
        // zrepl detects features from these usage texts.
        QVERIFY(zfs(QStringLiteral("send")).err.contains(QStringLiteral("receive_resume_token")));
        QVERIFY(zfs(QStringLiteral("receive")).err.contains(QStringLiteral("-A <filesystem|volume>")));
        QVERIFY(
            zfs(QStringLiteral("destroy")).err.contains(QStringLiteral("<filesystem|volume>@<snap>[%<snap>][,...]")));
        QVERIFY(zfs(QStringLiteral("load-key")).err.contains(QStringLiteral("keylocation")));
    }

    void stateDirectoryRequired()
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("HOLDFAST_ZFS_EMULATOR_DIR"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(HOLDFAST_ZFS_EMULATOR_BIN_DIR "/zfs"), {QStringLiteral("list")});
        p.waitForFinished();
        QCOMPARE(p.exitCode(), 1);
        QVERIFY(p.readAllStandardError().contains("HOLDFAST_ZFS_EMULATOR_DIR"));
    }

    void zpoolCommands()
    {
        QCOMPARE(zpool(QStringLiteral("list -H -o name,health")).out, QStringLiteral("pool\tONLINE\n"));
        QCOMPARE(zpool(QStringLiteral("get -H -p -o value feature@extensible_dataset pool")).out,
                 QStringLiteral("active\n"));
        QCOMPARE(zpool(QStringLiteral("get -H -o name,property,value,source feature@bookmark_v2 pool")).out,
                 QStringLiteral("pool\tfeature@bookmark_v2\tactive\tlocal\n"));
        const Result again = zpool(QStringLiteral("create pool /dev/null"));
        QCOMPARE(again.rc, 1);
        QCOMPARE(again.err, QStringLiteral("cannot create 'pool': pool already exists\n"));
        QCOMPARE(zpool(QStringLiteral("destroy nopool")).err, QStringLiteral("cannot open 'nopool': no such pool\n"));
        QCOMPARE(zpool(QStringLiteral("destroy -f pool")).rc, 0);
        QCOMPARE(zpool(QStringLiteral("list")).out, QStringLiteral("no pools available\n"));
    }

    void createAndList()
    {
        m_clock = QStringLiteral("1700000000");
        QCOMPARE(zfs(QStringLiteral("create -p -o com.example:label=x pool/a/b")).rc, 0);
        QCOMPARE(zfs(QStringLiteral("create pool/a/b")).err,
                 QStringLiteral("cannot create 'pool/a/b': dataset already exists\n"));
        QCOMPARE(zfs(QStringLiteral("create pool/x/y")).err,
                 QStringLiteral("cannot create 'pool/x/y': parent does not exist\n"));
        QCOMPARE(zfs(QStringLiteral("snapshot pool/a/b@s1")).rc, 0);
        const Result parsable = zfs(
            QStringLiteral("list -H -p -r -t all -o name,type,creation,userrefs,mountpoint,com.example:label pool/a"));
        QCOMPARE(parsable.out,
                 QStringLiteral("pool/a\tfilesystem\t1700000000\t-\tnone\t-\n"
                                "pool/a/b\tfilesystem\t1700000000\t-\tnone\tx\n"
                                "pool/a/b@s1\tsnapshot\t1700000000\t0\t-\tx\n"));
        const Result human = zfs(QStringLiteral("list -r -o name,used,refer,creation pool/a"));
        QCOMPARE(human.out,
                 QStringLiteral("NAME       USED  REFER  CREATION\n"
                                "pool/a     128K    64K  Tue Nov 14 22:13 2023\n"
                                "pool/a/b    64K    64K  Tue Nov 14 22:13 2023\n"));
        QCOMPARE(zfs(QStringLiteral("list -H -o name -t snapshot pool/a/b")).out, QStringLiteral("pool/a/b@s1\n"));
        QCOMPARE(zfs(QStringLiteral("list nothere")).err,
                 QStringLiteral("cannot open 'nothere': dataset does not exist\n"));
        QCOMPARE(zfs(QStringLiteral("list -t nonsense")).rc, 2);
        const quint64 guid = value(QStringLiteral("guid"), QStringLiteral("pool/a/b@s1")).toULongLong();
        QVERIFY(guid != 0);
        QCOMPARE(value(QStringLiteral("createtxg"), QStringLiteral("pool/a/b@s1")).toInt(),
                 value(QStringLiteral("createtxg"), QStringLiteral("pool/a/b")).toInt() + 1);
    }

    void getSetInherit()
    {
        QCOMPARE(zfs(QStringLiteral("create pool/fs")).rc, 0);
        QCOMPARE(zfs(QStringLiteral("set com.example:k=v pool")).rc, 0);
        QCOMPARE(zfs(QStringLiteral("get -H -o name,property,value,source com.example:k pool/fs")).out,
                 QStringLiteral("pool/fs\tcom.example:k\tv\tinherited from pool\n"));
        QCOMPARE(zfs(QStringLiteral("set com.example:k=w pool/fs")).rc, 0);
        QCOMPARE(zfs(QStringLiteral("get -Hp -o property,value,source com.example:k,mountpoint pool/fs")).out,
                 QStringLiteral("com.example:k\tw\tlocal\nmountpoint\tnone\tinherited from pool\n"));
        QCOMPARE(zfs(QStringLiteral("inherit com.example:k pool/fs")).rc, 0);
        QCOMPARE(value(QStringLiteral("com.example:k"), QStringLiteral("pool/fs")), QStringLiteral("v"));
        QCOMPARE(zfs(QStringLiteral("get -H -o value nosuch:prop pool/fs")).out, QStringLiteral("-\n"));
        QCOMPARE(zfs(QStringLiteral("set guid=5 pool/fs")).err,
                 QStringLiteral("cannot set property for 'pool/fs': 'guid' is readonly\n"));
        QCOMPARE(zfs(QStringLiteral("get name pool/nope")).err,
                 QStringLiteral("cannot open 'pool/nope': dataset does not exist\n"));
        QCOMPARE(zfs(QStringLiteral("get bogus pool/fs")).rc, 2);
        QCOMPARE(value(QStringLiteral("receive_resume_token"), QStringLiteral("pool/fs")), QStringLiteral("-"));
        QCOMPARE(value(QStringLiteral("encryption"), QStringLiteral("pool/fs")), QStringLiteral("off"));
    }

    void snapshotsAndDestroy()
    {
        QCOMPARE(zfs(QStringLiteral("create pool/fs")).rc, 0);
        // Separate commands: snapshots made by one command share a txg, and ranges go by txg.
        for (const char *s : {"a", "b", "c", "d"})
            QCOMPARE(zfs(QStringLiteral("snapshot pool/fs@") + QLatin1String(s)).rc, 0);
        const Result dup = zfs(QStringLiteral("snapshot pool/fs@e pool/fs@a"));
        QCOMPARE(dup.rc, 1);
        QCOMPARE(dup.err, QStringLiteral("cannot create snapshot 'pool/fs@a': dataset already exists\n"));
        QVERIFY(zfs(QStringLiteral("list pool/fs@e")).rc != 0);  // atomic: @e was not created either
        // As OpenZFS 2.1 and 2.3: the reason, then the usage, exit 2.
        const Result noFs = zfs(QStringLiteral("snapshot pool/none@x"));
        QCOMPARE(noFs.rc, 2);
        QVERIFY(noFs.err.startsWith(QStringLiteral("cannot open 'pool/none': dataset does not exist\nusage:\n\tsnapshot ")));
        QCOMPARE(zfs(QStringLiteral("destroy -nv pool/fs@a%b")).out,
                 QStringLiteral("would destroy pool/fs@a\nwould destroy pool/fs@b\nwould reclaim 0B\n"));
        QCOMPARE(zfs(QStringLiteral("destroy pool/fs@a%b,d")).rc, 0);
        QCOMPARE(zfs(QStringLiteral("list -H -o name -t snapshot pool/fs")).out, QStringLiteral("pool/fs@c\n"));
        const Result none = zfs(QStringLiteral("destroy pool/fs@x,y"));
        QCOMPARE(none.rc, 1);
        QCOMPARE(none.err, QStringLiteral("could not find any snapshots to destroy; check snapshot names.\n"));
        QCOMPARE(zfs(QStringLiteral("destroy pool/fs#nope")).err,
                 QStringLiteral("bookmark 'pool/fs#nope' does not exist.\n"));
        QCOMPARE(zfs(QStringLiteral("destroy pool/ghost")).err,
                 QStringLiteral("cannot open 'pool/ghost': dataset does not exist\n"));
        const Result children = zfs(QStringLiteral("destroy pool/fs"));
        QCOMPARE(children.rc, 1);
        QCOMPARE(children.err,
                 QStringLiteral("cannot destroy 'pool/fs': filesystem has children\n"
                                "use '-r' to destroy the following datasets:\npool/fs@c\n"));
        QCOMPARE(zfs(QStringLiteral("destroy -r pool/fs")).rc, 0);
        QCOMPARE(zfs(QStringLiteral("list -H -o name -r pool")).out, QStringLiteral("pool\n"));
    }

    void holdsAndBusyDestroy()
    {
        m_clock = QStringLiteral("1700000000");
        QCOMPARE(zfs(QStringLiteral("create -p pool/fs/child")).rc, 0);
        QCOMPARE(zfs(QStringLiteral("snapshot -r pool/fs@s pool/fs@t")).rc, 0);
        QCOMPARE(zfs(QStringLiteral("hold -r keep pool/fs@s")).rc, 0);
        const Result again = zfs(QStringLiteral("hold keep pool/fs@s"));
        QCOMPARE(again.rc, 1);
        QCOMPARE(again.err, QStringLiteral("cannot hold snapshot 'pool/fs@s': tag already exists on this dataset\n"));
        QCOMPARE(zfs(QStringLiteral("holds -H pool/fs@s")).out,
                 QStringLiteral("pool/fs@s\tkeep\tTue Nov 14 22:13 2023\n"));
        QCOMPARE(zfs(QStringLiteral("holds -rH pool/fs@s")).out,
                 QStringLiteral("pool/fs@s\tkeep\tTue Nov 14 22:13 2023\npool/fs/child@s\tkeep\tTue Nov 14 22:13 2023\n"));
        // OpenZFS 2.1, whose version the emulator reports, has no `holds -p` (2.2 added it).
        const Result parsable = zfs(QStringLiteral("holds -Hp pool/fs@s"));
        QCOMPARE(parsable.rc, 2);
        QVERIFY(parsable.err.startsWith(QStringLiteral("invalid option 'p'\nusage:\n\tholds [-rH] <snapshot> ...\n")));
        const Result missing = zfs(QStringLiteral("holds -H pool/fs@missing"));
        QCOMPARE(missing.rc, 1);
        QCOMPARE(missing.err, QStringLiteral("cannot open 'pool/fs@missing': dataset does not exist\nno datasets available\n"));
        QCOMPARE(zfs(QStringLiteral("holds pool/fs@s")).out,
                 QStringLiteral("NAME       TAG   TIMESTAMP\npool/fs@s  keep  Tue Nov 14 22:13 2023\n"));
        QCOMPARE(value(QStringLiteral("userrefs"), QStringLiteral("pool/fs@s")), QStringLiteral("1"));
        const Result busy = zfs(QStringLiteral("destroy pool/fs@s,t"));
        QCOMPARE(busy.rc, 1);
        QCOMPARE(busy.err, QStringLiteral("cannot destroy snapshot pool/fs@s: dataset is busy\n"));
        QCOMPARE(zfs(QStringLiteral("release nokey pool/fs@s")).err,
                 QStringLiteral("cannot release hold from snapshot 'pool/fs@s': no such tag on this dataset\n"));
        QCOMPARE(zfs(QStringLiteral("hold x pool/fs@zz")).err,
                 QStringLiteral("cannot hold snapshot 'pool/fs@zz': dataset does not exist\n"));
        // Deferred destroy: gone with the last release.
        QCOMPARE(zfs(QStringLiteral("destroy -d pool/fs@s")).rc, 0);
        QCOMPARE(value(QStringLiteral("defer_destroy"), QStringLiteral("pool/fs@s")), QStringLiteral("on"));
        QCOMPARE(zfs(QStringLiteral("release -r keep pool/fs@s")).rc, 0);
        QCOMPARE(zfs(QStringLiteral("list pool/fs@s")).rc, 1);
    }

    void bookmarks()
    {
        QCOMPARE(zfs(QStringLiteral("create pool/fs")).rc, 0);
        QCOMPARE(zfs(QStringLiteral("snapshot pool/fs@a")).rc, 0);
        QCOMPARE(zfs(QStringLiteral("bookmark pool/fs@a pool/fs#a")).rc, 0);
        QCOMPARE(zfs(QStringLiteral("bookmark pool/fs#a pool/fs#copy")).rc, 0);
        QCOMPARE(zfs(QStringLiteral("bookmark pool/fs@a pool/fs#a")).err,
                 QStringLiteral("cannot create bookmark 'pool/fs#a': bookmark exists\n"));
        const Result noSource = zfs(QStringLiteral("bookmark pool/fs@zz pool/fs#z"));
        QCOMPARE(noSource.rc, 2);
        QVERIFY(noSource.err.startsWith(QStringLiteral("cannot open 'pool/fs@zz': dataset does not exist\nusage:\n")));
        QCOMPARE(zfs(QStringLiteral("bookmark pool/fs pool/fs#z")).rc, 2);
        const QString guid = value(QStringLiteral("guid"), QStringLiteral("pool/fs@a"));
        QCOMPARE(value(QStringLiteral("guid"), QStringLiteral("pool/fs#a")), guid);
        QCOMPARE(value(QStringLiteral("guid"), QStringLiteral("pool/fs#copy")), guid);
        QCOMPARE(value(QStringLiteral("createtxg"), QStringLiteral("pool/fs#a")),
                 value(QStringLiteral("createtxg"), QStringLiteral("pool/fs@a")));
        QCOMPARE(zfs(QStringLiteral("list -H -o name,type -t bookmark,snapshot -s createtxg -r -d 1 pool/fs")).out,
                 QStringLiteral("pool/fs@a\tsnapshot\npool/fs#a\tbookmark\npool/fs#copy\tbookmark\n"));
        QCOMPARE(zfs(QStringLiteral("destroy pool/fs#copy")).rc, 0);
    }

    void sendReceiveFullAndIncremental()
    {
        QCOMPARE(zfs(QStringLiteral("create pool/src")).rc, 0);
        QCOMPARE(zfs(QStringLiteral("create pool/dst")).rc, 0);
        QCOMPARE(zfs(QStringLiteral("snapshot pool/src@a")).rc, 0);
        auto [send1, recv1] = pipe({QStringLiteral("pool/src@a")}, {QStringLiteral("pool/dst/src")});
        QCOMPARE(send1.rc, 0);
        QCOMPARE(recv1.rc, 0);
        QCOMPARE(value(QStringLiteral("guid"), QStringLiteral("pool/dst/src@a")),
                 value(QStringLiteral("guid"), QStringLiteral("pool/src@a")));
        QCOMPARE(zfs(QStringLiteral("snapshot pool/src@b")).rc, 0);
        QCOMPARE(zfs(QStringLiteral("snapshot pool/src@c")).rc, 0);
        // Receiving into an explicit snapshot name, as zrepl does.
        auto [send2, recv2] = pipe({QStringLiteral("-i"), QStringLiteral("@a"), QStringLiteral("pool/src@b")},
                                   {QStringLiteral("-s"), QStringLiteral("pool/dst/src@b")});
        QCOMPARE(recv2.rc, 0);
        QCOMPARE(value(QStringLiteral("guid"), QStringLiteral("pool/dst/src@b")),
                 value(QStringLiteral("guid"), QStringLiteral("pool/src@b")));
        // @a is not the newest snapshot of the target any more.
        auto [send3, recv3] = pipe({QStringLiteral("-i"), QStringLiteral("pool/src@a"), QStringLiteral("pool/src@c")},
                                   {QStringLiteral("pool/dst/src")});
        QCOMPARE(recv3.rc, 1);
        QCOMPARE(recv3.err,
                 QStringLiteral("cannot receive incremental stream: most recent snapshot of pool/dst/src does "
                                "not\nmatch incremental source\n"));
        // A full stream into an existing filesystem needs -F.
        auto [send4, recv4] = pipe({QStringLiteral("pool/src@a")}, {QStringLiteral("pool/dst/src")});
        QCOMPARE(recv4.rc, 1);
        QVERIFY(recv4.err.contains(QStringLiteral("destination 'pool/dst/src' exists")));
        // -I brings every intermediate snapshot.
        QCOMPARE(zfs(QStringLiteral("snapshot pool/src@d")).rc, 0);
        auto [send5, recv5] = pipe({QStringLiteral("-I"), QStringLiteral("@b"), QStringLiteral("pool/src@d")},
                                   {QStringLiteral("pool/dst/src")});
        QCOMPARE(recv5.rc, 0);
        QCOMPARE(zfs(QStringLiteral("list -H -o name -t snapshot pool/dst/src")).out,
                 QStringLiteral("pool/dst/src@a\npool/dst/src@b\npool/dst/src@c\npool/dst/src@d\n"));
    }

    void bookmarkAsIncrementalSource()
    {
        QCOMPARE(zfs(QStringLiteral("create pool/src")).rc, 0);
        QCOMPARE(zfs(QStringLiteral("snapshot pool/src@a")).rc, 0);
        QCOMPARE(pipe({QStringLiteral("pool/src@a")}, {QStringLiteral("pool/dst")}).second.rc, 0);
        QCOMPARE(zfs(QStringLiteral("bookmark pool/src@a pool/src#a")).rc, 0);
        QCOMPARE(zfs(QStringLiteral("destroy pool/src@a")).rc, 0);
        QCOMPARE(zfs(QStringLiteral("snapshot pool/src@b")).rc, 0);
        auto [s, r] = pipe({QStringLiteral("-i"), QStringLiteral("#a"), QStringLiteral("pool/src@b")},
                           {QStringLiteral("pool/dst")});
        QCOMPARE(s.rc, 0);
        QCOMPARE(r.rc, 0);
        QCOMPARE(value(QStringLiteral("guid"), QStringLiteral("pool/dst@b")),
                 value(QStringLiteral("guid"), QStringLiteral("pool/src@b")));
    }

    void sendDryRun()
    {
        QCOMPARE(zfs(QStringLiteral("create pool/src")).rc, 0);
        QCOMPARE(zfs(QStringLiteral("set holdfast:emulator:size=1000000 pool/src")).rc, 0);
        QCOMPARE(zfs(QStringLiteral("snapshot pool/src@a")).rc, 0);
        QCOMPARE(zfs(QStringLiteral("snapshot pool/src@b")).rc, 0);
        const Result full = zfs(QStringLiteral("send -n -v -P pool/src@a"));
        QCOMPARE(full.rc, 0);
        const QRegularExpression fullLine(QStringLiteral("^full\tpool/src@a\t(\\d+)\nsize\t(\\d+)\n$"));
        const QRegularExpressionMatch m = fullLine.match(full.out);
        QVERIFY2(m.hasMatch(), qPrintable(full.out));
        QVERIFY(m.captured(1).toLongLong() > 1000000);
        const Result inc = zfs(QStringLiteral("send -nvP -i @a pool/src@b"));
        QVERIFY2(QRegularExpression(QStringLiteral("^incremental\tpool/src@a\tpool/src@b\t\\d+\nsize\t\\d+\n$"))
                     .match(inc.out)
                     .hasMatch(),
                 qPrintable(inc.out));
        QVERIFY(zfs(QStringLiteral("send -nv pool/src@a"))
                    .out.startsWith(QStringLiteral("full send of pool/src@a estimated size is 9")));
    }

    void resumableReceive()
    {
        QCOMPARE(zfs(QStringLiteral("create pool/src")).rc, 0);
        QCOMPARE(zfs(QStringLiteral("snapshot pool/src@a")).rc, 0);
        auto [s1, r1] = pipe({QStringLiteral("pool/src@a")},
                             {QStringLiteral("-s"), QStringLiteral("pool/dst")},
                             QStringLiteral("send:cut-after-bytes=5000"));
        QCOMPARE(s1.rc, 1);
        QCOMPARE(r1.rc, 1);
        const QRegularExpressionMatch m =
            QRegularExpression(QStringLiteral("A resuming stream can be generated on the sending system by running:\\s+"
                                              "zfs send -t\\s(\\S+)"))
                .match(r1.err);
        QVERIFY2(m.hasMatch(), qPrintable(r1.err));
        const QString token = value(QStringLiteral("receive_resume_token"), QStringLiteral("pool/dst"));
        QCOMPARE(m.captured(1), token);
        QString error;
        const std::optional<ResumeToken> decoded = ResumeToken::decode(token, &error);
        QVERIFY2(decoded, qPrintable(error));
        QCOMPARE(decoded->toName, QStringLiteral("pool/src@a"));
        QCOMPARE(QString::number(decoded->toGuid), value(QStringLiteral("guid"), QStringLiteral("pool/src@a")));
        QVERIFY(decoded->offset > 0 && decoded->offset < 65536);
        // zrepl decodes tokens with `zfs send -nvt`.
        const Result contents = zfs(QStringLiteral("send -nvt ") + token);
        QVERIFY(contents.out.startsWith(QStringLiteral("resume token contents:\nnvlist version: 0\n\tobject = 0x1\n")));
        QVERIFY(contents.out.contains(QStringLiteral("\ttoname = pool/src@a\n")));
        // A new stream is refused while partial state exists.
        QVERIFY(pipe({QStringLiteral("pool/src@a")}, {QStringLiteral("-s"), QStringLiteral("pool/dst")})
                    .second.err.contains(QStringLiteral("contains partially-complete state")));
        auto [s2, r2] = pipe({QStringLiteral("-t"), token}, {QStringLiteral("-s"), QStringLiteral("pool/dst")});
        QCOMPARE(s2.rc, 0);
        QCOMPARE(r2.rc, 0);
        QCOMPARE(value(QStringLiteral("guid"), QStringLiteral("pool/dst@a")),
                 value(QStringLiteral("guid"), QStringLiteral("pool/src@a")));
        QCOMPARE(value(QStringLiteral("receive_resume_token"), QStringLiteral("pool/dst")), QStringLiteral("-"));
        QCOMPARE(zfs(QStringLiteral("recv -A pool/dst")).err,
                 QStringLiteral("'pool/dst' does not have any resumable receive state to abort\n"));
    }

    void stalledSendHangsUntilKilled()
    {
        QCOMPARE(zfs(QStringLiteral("create pool/src")).rc, 0);
        QCOMPARE(zfs(QStringLiteral("snapshot pool/src@a")).rc, 0);
        QProcess sender;
        QProcess receiver;
        prepare(sender, QStringLiteral("zfs"), {QStringLiteral("send"), QStringLiteral("pool/src@a")},
                QStringLiteral("send:stall-after-bytes=5000,once"));
        prepare(receiver, QStringLiteral("zfs"), {QStringLiteral("recv"), QStringLiteral("-s"), QStringLiteral("pool/dst")});
        sender.setStandardOutputProcess(&receiver);
        receiver.start();
        sender.start();
        QVERIFY(sender.waitForStarted());
        QVERIFY(receiver.waitForStarted());
        // Stalled, not ended: both sides stay, the receiver waiting for more.
        QVERIFY(!sender.waitForFinished(1500));
        QCOMPARE(sender.state(), QProcess::Running);
        QCOMPARE(receiver.state(), QProcess::Running);
        sender.kill();
        QVERIFY(sender.waitForFinished(10000));
        QVERIFY(receiver.waitForFinished(30000));
        QCOMPARE(receiver.exitCode(), 1);
        // What arrived before the stall is kept for a resume, and the rule fired once: the resumed send completes.
        const QString token = value(QStringLiteral("receive_resume_token"), QStringLiteral("pool/dst"));
        QString error;
        const std::optional<ResumeToken> decoded = ResumeToken::decode(token, &error);
        QVERIFY2(decoded, qPrintable(error));
        QVERIFY(decoded->offset > 0 && decoded->offset <= 5000);
        auto [s2, r2] = pipe({QStringLiteral("-t"), token}, {QStringLiteral("-s"), QStringLiteral("pool/dst")});
        QCOMPARE(s2.rc, 0);
        QCOMPARE(r2.rc, 0);
        QCOMPARE(value(QStringLiteral("guid"), QStringLiteral("pool/dst@a")), value(QStringLiteral("guid"), QStringLiteral("pool/src@a")));
    }

    void truncatedWithoutResumeLeavesNothing()
    {
        QCOMPARE(zfs(QStringLiteral("create pool/src")).rc, 0);
        QCOMPARE(zfs(QStringLiteral("snapshot pool/src@a")).rc, 0);
        auto [s, r] = pipe({QStringLiteral("pool/src@a")},
                           {QStringLiteral("pool/dst")},
                           {},
                           QStringLiteral("recv:cut-after-bytes=3000"));
        QCOMPARE(r.rc, 1);
        QCOMPARE(r.err,
                 QStringLiteral("cannot receive new filesystem stream: checksum mismatch or incomplete stream\n"));
        QCOMPARE(zfs(QStringLiteral("list pool/dst")).rc, 1);
        // With -s, recv -A removes the partially received new filesystem again.
        QCOMPARE(pipe({QStringLiteral("pool/src@a")},
                      {QStringLiteral("-s"), QStringLiteral("pool/dst")},
                      {},
                      QStringLiteral("recv:cut-after-bytes=3000"))
                     .second.rc,
                 1);
        QCOMPARE(zfs(QStringLiteral("recv -A pool/dst")).rc, 0);
        QCOMPARE(zfs(QStringLiteral("list pool/dst")).rc, 1);
    }

    void resumeTokenErrors()
    {
        QCOMPARE(zfs(QStringLiteral("send -t 1-0-0-zz")).err,
                 QStringLiteral("cannot resume send: resume token is corrupt (payload is not hex-encoded)\n"));
        const Result corrupt = zfs(QStringLiteral(
            "send -nvt "
            "1-1164f8d409-120-badf00d064000310a501c49c50360710a715e5e7a69766a63040416445bb6a3cd7a2290a40363b92"
            "bafca4acd4e412060626a83a0cf9b4b4e2d412908c0e5c9e0d493ea9b224b51848f368eb61d55f920f714515bf9b3fc3c396ef06"
            "48f29c60f9bcc4dc54a07c516a414e414e62495a7e512ed0c812fde2a2648724b079dc0c087f26e7e71614a51617e76743c424a0e"
            "e81c9172596c3a41800dd2c2818"));
        QCOMPARE(corrupt.rc, 255);  // zfs_send_resume() returns -1
        QVERIFY(corrupt.err.contains(QStringLiteral("resume token is corrupt")));
    }

    void realOpenZfsTokens_data()
    {
        QTest::addColumn<QString>("token");
        QTest::addColumn<quint64>("fromGuid");
        QTest::addColumn<quint64>("toGuid");
        QTest::addColumn<bool>("raw");
        // From zrepl's platformtest/tests/resumeTokenParsing.go, made by ZoL 0.8.1.
        QTest::addRow("full") << QStringLiteral(
            "1-b338b54f3-c0-789c636064000310a500c4ec50360710e72765a52697303030419460caa7a515a796806474e0f26c48f249952"
            "5a9c540ba42430fabfe92fcf4d2cc140686c88a76d578ae45530c90e439c1f27989b9a90c0c5545a905390539892569f945b940234"
            "bf48b8b921d12c1660200c61a1aba")
                              << quint64(0) << quint64(0x94a20a5f25877859ULL) << false;
        QTest::addRow("full_raw") << QStringLiteral(
            "1-e3f40c323-f8-789c636064000310a500c4ec50360710e72765a52697303030419460caa7a515a796806474e0f26c48f249952"
            "5a9c540da454f0fabfe92fcf4d2cc140686c88a76d578ae45530c90e439c1f27989b9a90c0c5545a905390539892569f945b940234"
            "bf48b8b921d12c1e6713320dc9f9c9f5b50945a5c9c9f0d119380ba07265f94580e936200004ff12141")
                                  << quint64(0) << quint64(0x94a20a5f25877859ULL) << true;
        QTest::addRow("inc") << QStringLiteral(
            "1-eadabb296-e8-"
            "789c636064000310a501c49c50360710a715e5e7a69766a63040416445bb6a3cd7a2290a40363b92bafca4acd4e4"
            "12060626a83a0cf9b4b4e2d412908c0e5c9e0d493ea9b224b518483ba8ea61d55f920f714515bf9b3fc3c396ef0648f29c60f9bcc4"
            "dc"
            "54a07c516a414e414e62495a7e512ed0c812fde2a2648724b09900d43e2191")
                             << quint64(0x94a20a5f25877859ULL) << quint64(0xf784e1004f460f7aULL) << false;
        QTest::addRow("inc_raw") << QStringLiteral(
            "1-1164f8d409-120-"
            "789c636064000310a501c49c50360710a715e5e7a69766a63040416445bb6a3cd7a2290a40363b92bafca4acd4"
            "e412060626a83a0cf9b4b4e2d412908c0e5c9e0d493ea9b224b51848f368eb61d55f920f714515bf9b3fc3c396ef0648f29c60f9bc"
            "c4"
            "dc54a07c516a414e414e62495a7e512ed0c812fde2a2648724b079dc0c087f26e7e71614a51617e76743c424a0ee81c9172596c3a4"
            "1800dd2c2818") << quint64(0x94a20a5f25877859ULL)
                                 << quint64(0xf784e1004f460f7aULL) << true;
    }

    void realOpenZfsTokens()
    {
        QFETCH(QString, token);
        QFETCH(quint64, fromGuid);
        QFETCH(quint64, toGuid);
        QFETCH(bool, raw);
        QString error;
        const std::optional<ResumeToken> t = ResumeToken::decode(token, &error);
        QVERIFY2(t, qPrintable(error));
        QCOMPARE(t->fromGuid, fromGuid);
        QCOMPARE(t->toGuid, toGuid);
        QCOMPARE(t->toName,
                 fromGuid ? QStringLiteral("zreplplatformtest/src@b") : QStringLiteral("zreplplatformtest/src@a"));
        QCOMPARE(t->rawOk, raw);
        QCOMPARE(t->compressOk, raw);
        // Our encoder produces the same bytes as the kernel did.
        QCOMPARE(t->encode(), token);
        const Result shown = zfs(QStringLiteral("send -nvt ") + token);
        QVERIFY(shown.out.contains(QStringLiteral("\ttoguid = 0x") + QString::number(toGuid, 16) + QLatin1Char('\n')));
        QCOMPARE(shown.err,
                 QStringLiteral("cannot resume send: '%1' used in the initial send no longer exists\n").arg(t->toName));
    }

    void encryptedSends()
    {
        QCOMPARE(
            zfs(QStringLiteral("create -o encryption=on -o keyformat=passphrase -o keylocation=file:///k pool/enc")).rc,
            0);
        QCOMPARE(zfs(QStringLiteral("create pool/enc/child")).rc, 0);
        QCOMPARE(value(QStringLiteral("encryption"), QStringLiteral("pool/enc/child")), QStringLiteral("aes-256-gcm"));
        QCOMPARE(value(QStringLiteral("encryptionroot"), QStringLiteral("pool/enc/child")), QStringLiteral("pool/enc"));
        QCOMPARE(value(QStringLiteral("keystatus"), QStringLiteral("pool/enc")), QStringLiteral("available"));
        QCOMPARE(zfs(QStringLiteral("snapshot pool/enc@a")).rc, 0);
        QCOMPARE(
            zfs(QStringLiteral("send -p pool/enc@a")).err,
            QStringLiteral("cannot send pool/enc@a: encrypted dataset pool/enc may not be sent with properties without "
                           "the raw flag\n"));
        QCOMPARE(zfs(QStringLiteral("unload-key pool/enc")).rc, 0);
        QCOMPARE(zfs(QStringLiteral("send pool/enc@a")).err,
                 QStringLiteral("warning: cannot send 'pool/enc@a': dataset key must be loaded\n"));
        auto [s, r] = pipe({QStringLiteral("-w"), QStringLiteral("pool/enc@a")}, {QStringLiteral("pool/copy")});
        QCOMPARE(r.rc, 0);
        QCOMPARE(value(QStringLiteral("encryption"), QStringLiteral("pool/copy")), QStringLiteral("aes-256-gcm"));
        QCOMPARE(value(QStringLiteral("keystatus"), QStringLiteral("pool/copy")), QStringLiteral("unavailable"));
    }

    void faults()
    {
        QCOMPARE(zfs(QStringLiteral("create pool/fs")).rc, 0);
        QCOMPARE(zfs(QStringLiteral("snapshot pool/fs@a")).rc, 0);
        QCOMPARE(zfs(QStringLiteral("destroy pool/fs@a"), QStringLiteral("destroy:refuse=pool/fs@a")).err,
                 QStringLiteral("cannot destroy snapshot pool/fs@a: dataset is busy\n"));
        QCOMPARE(zfs(QStringLiteral("snapshot pool/fs@b"), QStringLiteral("snapshot:fail=pool/fs")).rc, 1);
        QCOMPARE(zfs(QStringLiteral("hold t pool/fs@a"), QStringLiteral("hold:fail")).rc, 1);
        // One-shot rules from the faults file fire once.
        QFile file(m_dir->path() + QStringLiteral("/faults"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("# replication test\nrecv:fail,once\n");
        file.close();
        QCOMPARE(pipe({QStringLiteral("pool/fs@a")}, {QStringLiteral("pool/copy")}).second.rc, 1);
        QCOMPARE(pipe({QStringLiteral("pool/fs@a")}, {QStringLiteral("pool/copy")}).second.rc, 0);
    }

    void concurrentSnapshots()
    {
        QCOMPARE(zfs(QStringLiteral("create pool/fs")).rc, 0);
        std::vector<std::unique_ptr<QProcess>> processes;
        for (int i = 0; i < 20; ++i) {
            auto p = std::make_unique<QProcess>();
            prepare(*p, QStringLiteral("zfs"), {QStringLiteral("snapshot"), QStringLiteral("pool/fs@p%1").arg(i)});
            p->start();
            processes.push_back(std::move(p));
        }
        for (auto &p : processes) {
            QVERIFY(p->waitForFinished(30000));
            QCOMPARE(p->exitCode(), 0);
        }
        const QStringList lines = zfs(QStringLiteral("list -H -o createtxg -t snapshot pool/fs"))
                                      .out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 20);
        QCOMPARE(QSet<QString>(lines.begin(), lines.end()).size(), 20);  // one txg each: they serialized
    }

    void rollback()
    {
        QCOMPARE(zfs(QStringLiteral("create pool/fs")).rc, 0);
        QCOMPARE(zfs(QStringLiteral("snapshot pool/fs@a")).rc, 0);
        QCOMPARE(zfs(QStringLiteral("snapshot pool/fs@b")).rc, 0);
        QCOMPARE(zfs(QStringLiteral("rollback pool/fs@a")).rc, 1);
        QCOMPARE(zfs(QStringLiteral("rollback -r pool/fs@a")).rc, 0);
        QCOMPARE(zfs(QStringLiteral("list -H -o name -t snapshot pool/fs")).out, QStringLiteral("pool/fs@a\n"));
    }
};

QTEST_GUILESS_MAIN(TestZfsEmulator)
#include "TestZfsEmulator.moc"
