// SPDX-License-Identifier: MIT
// The control socket's access rules: which request needs what, who gets which level, what a refusal says, and the
// socket's group permissions and access header over a real socket. The same rules with real unprivileged users are
// in tests/access/check-socket-access.sh.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon/config/ConfigParser.h"
#include "daemon/control/AccessCheckedHandler.h"
#include "daemon/control/ControlAccessPolicy.h"
#include "daemon/control/ControlServer.h"
#include "daemon/control/ControlService.h"
#include "daemon/control/PeerCredentials.h"
#include "shared/control/ControlClient.h"

using namespace Daemon;
using namespace Qt::StringLiterals;
using Api::AccessLevel;

namespace {

PeerCredentials peer(uid_t uid, gid_t gid, QList<gid_t> groups = {})
{
    PeerCredentials p;
    p.uid = uid;
    p.gid = gid;
    p.groups = std::move(groups);
    return p;
}

// Answers every request with 200 and its path, so that a test sees which requests got through.
class EchoHandler final : public HttpHandler
{
public:
    Http::Response handle(const Http::Request &request) override { return textResponse(200, request.path); }
};

ControlAccessPolicy::Group ownGroup()
{
    const group *gr = ::getgrgid(::getegid());
    return {QString::fromLocal8Bit(gr ? gr->gr_name : "root"), ::getegid()};
}

}  // namespace

class TestControlAccess : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void requiredAccess_data();
    void requiredAccess();
    void tokens();
    void levels_data();
    void levels();
    void refusals();
    void handlerRefusesAndNamesTheLevel();
    void serverSharesTheSocketWithTheStatusGroup();
    void serverWithoutPolicyIsZreplsRule();
    void configKeys();
    void configRejectsUnknownGroups();
};

void TestControlAccess::requiredAccess_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<int>("level");
    QTest::addRow("status") << QByteArray("/status") << int(AccessLevel::Status);
    QTest::addRow("version") << QByteArray("/version") << int(AccessLevel::Status);
    QTest::addRow("metrics") << QByteArray("/metrics") << int(AccessLevel::Status);
    QTest::addRow("unknown path") << QByteArray("/nothing") << int(AccessLevel::Status);
    QTest::addRow("signal") << QByteArray("/signal") << int(AccessLevel::Admin);
    QTest::addRow("signal with a query") << QByteArray("/signal?x=1") << int(AccessLevel::Admin);
    QTest::addRow("pprof") << QByteArray("/debug/pprof") << int(AccessLevel::Admin);
    QTest::addRow("below /debug") << QByteArray("/debug/other") << int(AccessLevel::Admin);
    QTest::addRow("status is not a prefix match") << QByteArray("/signalx") << int(AccessLevel::Status);
    // Holdfast's own endpoints: reading freshness and runs is the status group's, waking a job up the admin's.
    QTest::addRow("freshness") << QByteArray("/holdfast/v1/freshness") << int(AccessLevel::Status);
    QTest::addRow("runs") << QByteArray("/holdfast/v1/runs") << int(AccessLevel::Status);
    QTest::addRow("holdfast wakeup") << QByteArray("/holdfast/v1/wakeup") << int(AccessLevel::Admin);
    QTest::addRow("holdfast wakeup with a query") << QByteArray("/holdfast/v1/wakeup?job=x") << int(AccessLevel::Admin);
    QTest::addRow("config read") << QByteArray("/holdfast/v1/config") << int(AccessLevel::Status);
    QTest::addRow("config validate") << QByteArray("/holdfast/v1/config/validate") << int(AccessLevel::Admin);
    QTest::addRow("config apply") << QByteArray("/holdfast/v1/config/apply") << int(AccessLevel::Admin);
    QTest::addRow("config test-connect") << QByteArray("/holdfast/v1/config/test-connect") << int(AccessLevel::Admin);
    QTest::addRow("below config") << QByteArray("/holdfast/v1/config/other") << int(AccessLevel::Admin);
    QTest::addRow("reload") << QByteArray("/holdfast/v1/reload") << int(AccessLevel::Admin);
    QTest::addRow("filesystems") << QByteArray("/holdfast/v1/filesystems") << int(AccessLevel::Status);
}

void TestControlAccess::requiredAccess()
{
    QFETCH(QByteArray, path);
    QFETCH(int, level);
    QVERIFY(Api::requiredAccess(path) == AccessLevel(level));
}

void TestControlAccess::tokens()
{
    for (const AccessLevel level : {AccessLevel::None, AccessLevel::Status, AccessLevel::Admin}) {
        QVERIFY(Api::accessLevelFromToken(Api::accessLevelToken(level)) == level);
    }
    QVERIFY(Api::accessLevelFromToken(" Admin ") == AccessLevel::Admin);
    QVERIFY(!Api::accessLevelFromToken("root").has_value());
    QVERIFY(!Api::accessLevelFromToken("").has_value());
}

void TestControlAccess::levels_data()
{
    QTest::addColumn<bool>("withStatusGroup");
    QTest::addColumn<bool>("withAdminGroup");
    QTest::addColumn<uint>("uid");
    QTest::addColumn<uint>("gid");
    QTest::addColumn<QList<gid_t>>("groups");
    QTest::addColumn<int>("level");
    // The daemon runs as uid 500; the status group is 900, the admin group 901.
    QTest::addRow("root") << true << true << 0u << 0u << QList<gid_t>{} << int(AccessLevel::Admin);
    QTest::addRow("root without groups") << false << false << 0u << 0u << QList<gid_t>{} << int(AccessLevel::Admin);
    QTest::addRow("the daemon's own user") << false << false << 500u << 500u << QList<gid_t>{} << int(AccessLevel::Admin);
    QTest::addRow("admin member") << true << true << 1000u << 1000u << QList<gid_t>{1000, 901} << int(AccessLevel::Admin);
    QTest::addRow("admin as primary group") << true << true << 1000u << 901u << QList<gid_t>{} << int(AccessLevel::Admin);
    QTest::addRow("status member") << true << true << 1000u << 1000u << QList<gid_t>{1000, 900} << int(AccessLevel::Status);
    QTest::addRow("status as primary group") << true << false << 1000u << 900u << QList<gid_t>{} << int(AccessLevel::Status);
    QTest::addRow("admin member, no admin group configured")
        << true << false << 1000u << 1000u << QList<gid_t>{901, 900} << int(AccessLevel::Status);
    QTest::addRow("outsider") << true << true << 1001u << 1001u << QList<gid_t>{1001, 27} << int(AccessLevel::None);
    QTest::addRow("status member, group access off")
        << false << false << 1000u << 1000u << QList<gid_t>{900} << int(AccessLevel::None);
}

void TestControlAccess::levels()
{
    QFETCH(bool, withStatusGroup);
    QFETCH(bool, withAdminGroup);
    QFETCH(uint, uid);
    QFETCH(uint, gid);
    QFETCH(QList<gid_t>, groups);
    QFETCH(int, level);
    std::optional<ControlAccessPolicy::Group> status;
    std::optional<ControlAccessPolicy::Group> admin;
    if (withStatusGroup) {
        status = ControlAccessPolicy::Group{u"holdfast"_s, 900};
    }
    if (withAdminGroup) {
        admin = ControlAccessPolicy::Group{u"holdfast-admin"_s, 901};
    }
    const ControlAccessPolicy policy(status, admin, 500);
    QVERIFY(policy.levelOf(peer(uid, gid, groups)) == AccessLevel(level));
}

void TestControlAccess::refusals()
{
    const ControlAccessPolicy withGroups(
        ControlAccessPolicy::Group{u"holdfast"_s, 900}, ControlAccessPolicy::Group{u"wheel"_s, 901}, 0);
    // 4294967 is a uid no user database has: the message falls back to the number.
    const PeerCredentials stranger = peer(4294967, 4294967);
    QCOMPARE(withGroups.refusal(stranger, AccessLevel::Status, AccessLevel::Admin),
        u"permission denied: uid 4294967 may read the status, but requests that change what the daemon does (signals, "
        "configuration, holds, mounts, the profiler) need root or membership of group 'wheel'"_s);
    QCOMPARE(withGroups.refusal(stranger, AccessLevel::None, AccessLevel::Status),
        u"permission denied: uid 4294967 may not use this control socket; reading the status needs root or membership "
        "of group 'holdfast'"_s);
    const ControlAccessPolicy rootOnly(std::nullopt, std::nullopt, 0);
    QVERIFY(rootOnly.refusal(stranger, AccessLevel::Status, AccessLevel::Admin).contains(u"global.control.admin_group"));
    QVERIFY(rootOnly.refusal(stranger, AccessLevel::None, AccessLevel::Admin).contains(u"global.control.status_group"));
    QCOMPARE(withGroups.describe(), u"status: root and group 'holdfast'; signals and pprof: root and group 'wheel'"_s);
    QCOMPARE(rootOnly.describe(), u"status: root only; signals and pprof: root only"_s);
    // Root's name comes from the user database.
    QVERIFY(peer(0, 0).describeUser().endsWith(u"(uid 0)"_s));
}

void TestControlAccess::handlerRefusesAndNamesTheLevel()
{
    EchoHandler endpoints;
    int refusals = 0;
    AccessCheckedHandler reader(endpoints, AccessLevel::Status, [&](AccessLevel needed) {
        ++refusals;
        return u"no %1 for you"_s.arg(QString::fromLatin1(Api::accessLevelToken(needed)));
    });
    Http::Request request;
    request.path = "/status";
    Http::Response ok = reader.handle(request);
    QCOMPARE(ok.status, 200);
    QCOMPARE(ok.headers.value(Api::AccessHeader), QByteArray("status"));
    request.path = "/signal";
    Http::Response refused = reader.handle(request);
    QCOMPARE(refused.status, 403);
    QCOMPARE(refused.body, QByteArray("no admin for you"));
    QCOMPARE(refused.headers.value(Api::AccessHeader), QByteArray("status"));
    QCOMPARE(refusals, 1);

    AccessCheckedHandler nobody(endpoints, AccessLevel::None, [](AccessLevel) { return u"go away"_s; });
    request.path = "/version";
    QCOMPARE(nobody.handle(request).status, 403);
    AccessCheckedHandler admin(endpoints, AccessLevel::Admin, [](AccessLevel) { return QString(); });
    request.path = "/debug/pprof";
    QCOMPARE(admin.handle(request).status, 200);
}

void TestControlAccess::serverSharesTheSocketWithTheStatusGroup()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    EchoHandler endpoints;
    ControlServer server(endpoints);
    const ControlAccessPolicy::Group group = ownGroup();
    server.setAccessPolicy(ControlAccessPolicy(group, std::nullopt, ::geteuid()));
    QString error;
    QVERIFY2(server.listen(dir.filePath(u"run/control"_s), &error), qPrintable(error));
    struct stat info = {};
    QCOMPARE(::stat(QFile::encodeName(server.socketPath()).constData(), &info), 0);
    QCOMPARE(info.st_mode & 0777, 0660u);
    QCOMPARE(info.st_gid, group.gid);
    QCOMPARE(::stat(QFile::encodeName(dir.filePath(u"run"_s)).constData(), &info), 0);
    QCOMPARE(info.st_mode & 0777, 0750u);
    QCOMPARE(info.st_gid, group.gid);

    // The daemon's own user (this test) is admin, and the client reads that from the answer.
    Api::ControlClient client;
    client.setSocketPath(server.socketPath());
    const Api::ControlClient::Reply reply = client.exec("POST", "/signal", "{}");
    QVERIFY2(reply.ok(), qPrintable(reply.errorString));
    QVERIFY(reply.access == AccessLevel::Admin);
}

void TestControlAccess::serverWithoutPolicyIsZreplsRule()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    EchoHandler endpoints;
    ControlServer server(endpoints);
    QString error;
    QVERIFY2(server.listen(dir.filePath(u"run/control"_s), &error), qPrintable(error));
    Api::ControlClient client;
    client.setSocketPath(server.socketPath());
    const Api::ControlClient::Reply reply = client.exec("POST", "/signal", "{}");
    QVERIFY2(reply.ok(), qPrintable(reply.errorString));
    // No header, as from zrepl's daemon: a client assumes it may do everything.
    QVERIFY(!reply.access.has_value());
}

void TestControlAccess::configKeys()
{
    const QString groupName = ownGroup().name;
    Config::Error error;
    const QByteArray yaml = "global:\n  control:\n    sockpath: /run/x/control\n    status_group: \"\"\n    admin_group: "
                            + groupName.toUtf8() + "\njobs: []\n";
    const auto root = Config::parseBytes(yaml, u"access.yml"_s, &error);
    QVERIFY2(root.has_value(), qPrintable(error.toString()));
    QCOMPARE(root->global.controlStatusGroup, std::optional<QString>(QString()));
    QCOMPARE(root->global.controlAdminGroup, groupName);
    QString policyError;
    const std::optional<ControlAccessPolicy> policy = ControlAccessPolicy::fromConfig(root->global, &policyError);
    QVERIFY(policy.has_value());
    QVERIFY(!policy->statusGroup().has_value());

    // zrepl's section alone: the default status group, which is "holdfast" where it exists.
    const auto plain = Config::parseBytes("global:\n  control:\n    sockpath: /run/x/control\njobs: []\n", u"p.yml"_s, &error);
    QVERIFY2(plain.has_value(), qPrintable(error.toString()));
    QVERIFY(!plain->global.controlStatusGroup.has_value());
    const std::optional<ControlAccessPolicy> defaults = ControlAccessPolicy::fromConfig(plain->global, &policyError);
    QVERIFY2(defaults.has_value(), qPrintable(policyError));
    QCOMPARE(defaults->statusGroup().has_value(), ::getgrnam("holdfast") != nullptr);
}

void TestControlAccess::configRejectsUnknownGroups()
{
    Config::Error error;
    const QByteArray yaml = "global:\n  control:\n    status_group: no-such-group-for-holdfast\njobs: []\n";
    QVERIFY(!Config::parseBytes(yaml, u"bad.yml"_s, &error).has_value());
    QCOMPARE(error.line, 3);
    QCOMPARE(error.field, u"global.control.status_group"_s);
    QVERIFY2(error.message.startsWith(u"no such group \"no-such-group-for-holdfast\""_s), qPrintable(error.message));
    // Not a string: the usual type error, no lookup.
    QVERIFY(!Config::parseBytes("global:\n  control:\n    admin_group: [a]\njobs: []\n", u"bad.yml"_s, &error));
    QCOMPARE(error.field, u"global.control.admin_group"_s);
}

QTEST_GUILESS_MAIN(TestControlAccess)
#include "TestControlAccess.moc"
