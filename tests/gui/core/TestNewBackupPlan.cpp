// SPDX-License-Identifier: MIT
// The New backup assistant's decisions without a window: zrepl's filesystems filter from ticked filesystems (and
// back), the retention presets and grid checks, job names, and the jobs it writes for a local pool pair, an ssh
// push (with the server's sink job and authorized_keys line), tcp and tls: each appended to a commented
// configuration that stays byte for byte, and read back by the daemon's own parser (what `holdfast configcheck`
// runs), which must find the settings chosen.
#include <QTest>

#include <yaml-cpp/yaml.h>

#include "app/core/FilesystemFilter.h"
#include "app/core/JobNames.h"
#include "app/core/NewBackupPlan.h"
#include "app/core/Retention.h"
#include "app/core/YamlText.h"
#include "daemon/config/ConfigParser.h"

using namespace Qt::StringLiterals;

namespace {

const QString BaseConfig = u"# Alice's workstation\n"
                           "global:\n"
                           "  logging:\n"
                           "    - type: stdout   # for journald\n"
                           "      format: human\n"
                           "      level: info\n"
                           "\n"
                           "jobs:\n"
                           "  # hourly snapshots of the VMs\n"
                           "  - name: vms\n"
                           "    type: snap\n"
                           "    filesystems: {\"tank/vms<\": true}\n"
                           "    snapshotting: {type: periodic, prefix: zrepl_, interval: 1h}\n"
                           "    pruning:\n"
                           "      keep: [{type: last_n, count: 24}]\n"_s;

const QStringList Listing{u"tank"_s,
                          u"tank/home"_s,
                          u"tank/home/alice"_s,
                          u"tank/home/alice/cache"_s,
                          u"tank/home/bob"_s,
                          u"tank/vms"_s,
                          u"usbpool"_s};

std::optional<Config::Root> parse(const QString &text, QString *error)
{
    Config::Error problem;
    std::optional<Config::Root> root = Config::parseBytes(text.toUtf8(), u"holdfast.yml"_s, &problem);
    if (!root) {
        *error = problem.toString();
    }
    return root;
}

// Alice's home without its cache, hourly, to usbpool.
Gui::NewBackupChoices homeToUsb()
{
    Gui::NewBackupChoices c;
    c.name = u"home_to_usbpool"_s;
    c.filesystems =
        Gui::FilesystemFilter::forSelection(Listing, {u"tank/home"_s, u"tank/home/alice"_s, u"tank/home/bob"_s});
    c.destination = Gui::BackupDestination::LocalPool;
    c.clientIdentity = u"ws"_s;
    c.localRootFs = u"usbpool/holdfast"_s;
    return c;
}

}  // namespace

class TestNewBackupPlan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void filterForSelection_data();
    void filterForSelection();
    void filterMatchesAsZrepl_data();
    void filterMatchesAsZrepl();
    void filterYamlReadsBack();
    void yamlScalarsReadBack_data();
    void yamlScalarsReadBack();
    void presetsAreValidGrids();
    void gridProblems_data();
    void gridProblems();
    void intervals_data();
    void intervals();
    void keepPolicyYaml();
    void jobNames_data();
    void jobNames();
    void sanitizedAndUniqueNames();
    void localPairLoadsInTheDaemonsParser();
    void appendKeepsTheFileByteForByte();
    void aSecondBackupToTheSamePoolUsesItsSink();
    void sshPushAndItsServerSide();
    void sshWithoutReadablePublicKey();
    void tcpAndTlsPushes_data();
    void tcpAndTlsPushes();
    void encryptedSendAndHealthAreMarked();
    void problemsAreNamed();
    void suggestedNames();
};

void TestNewBackupPlan::filterForSelection_data()
{
    QTest::addColumn<QStringList>("ticked");
    QTest::addColumn<QString>("yaml");
    QTest::addColumn<QString>("words");
    QTest::addRow("a subtree") << QStringList{u"tank/home"_s,
                                              u"tank/home/alice"_s,
                                              u"tank/home/alice/cache"_s,
                                              u"tank/home/bob"_s}
                               << u"{\"tank/home<\": true}"_s << u"tank/home and below"_s;
    QTest::addRow("a subtree without a child") << QStringList{u"tank/home"_s, u"tank/home/alice"_s, u"tank/home/bob"_s}
                                               << u"{\"tank/home<\": true, \"tank/home/alice/cache<\": false}"_s
                                               << u"tank/home and below, except tank/home/alice/cache and below"_s;
    QTest::addRow("a child under an unticked parent")
        << QStringList{u"tank/home/alice"_s} << u"{\"tank/home/alice<\": true, \"tank/home/alice/cache<\": false}"_s
        << u"tank/home/alice and below, except tank/home/alice/cache and below"_s;
    QTest::addRow("the whole pool but one")
        << QStringList{u"tank"_s, u"tank/home"_s, u"tank/home/alice"_s, u"tank/home/alice/cache"_s, u"tank/home/bob"_s}
        << u"{\"tank<\": true, \"tank/vms<\": false}"_s << u"tank and below, except tank/vms and below"_s;
    QTest::addRow("nothing") << QStringList{} << u"{}"_s << u"no filesystem"_s;
}

void TestNewBackupPlan::filterForSelection()
{
    QFETCH(QStringList, ticked);
    QFETCH(QString, yaml);
    QFETCH(QString, words);
    const QSet<QString> selection(ticked.cbegin(), ticked.cend());
    const Gui::FilesystemFilter filter = Gui::FilesystemFilter::forSelection(Listing, selection);
    QCOMPARE(filter.toYaml(), yaml);
    QCOMPARE(filter.describe(), words);
    // Read back, the filter covers exactly what was ticked.
    QCOMPARE(filter.selection(Listing), selection);
}

void TestNewBackupPlan::filterMatchesAsZrepl_data()
{
    QTest::addColumn<QString>("filesystem");
    QTest::addColumn<bool>("included");
    QTest::addRow("the subtree's root") << u"tank/home"_s << true;
    QTest::addRow("below it") << u"tank/home/alice/docs"_s << true;
    QTest::addRow("an exclusion's subtree") << u"tank/home/alice/cache/x"_s << false;
    QTest::addRow("a longer name is no child") << u"tank/homework"_s << false;
    QTest::addRow("an exact pattern beats the subtree") << u"tank/home/bob"_s << false;
    QTest::addRow("outside") << u"tank/vms"_s << false;
}

void TestNewBackupPlan::filterMatchesAsZrepl()
{
    QFETCH(QString, filesystem);
    QFETCH(bool, included);
    const Gui::FilesystemFilter filter(
        {{u"tank/home<"_s, true}, {u"tank/home/alice/cache<"_s, false}, {u"tank/home/bob"_s, false}});
    QCOMPARE(filter.matches(filesystem), included);
}

void TestNewBackupPlan::filterYamlReadsBack()
{
    const Gui::FilesystemFilter filter({{u"tank/home<"_s, true}, {u"tank/home/with space<"_s, false}});
    const YAML::Node flow = YAML::Load(filter.toYaml().toStdString());
    QCOMPARE(flow.size(), std::size_t(2));
    QCOMPARE(flow["tank/home<"].as<bool>(), true);
    QCOMPARE(flow["tank/home/with space<"].as<bool>(), false);
    const YAML::Node block = YAML::Load(filter.toYamlBlock().toStdString());
    QCOMPARE(block["tank/home/with space<"].as<bool>(), false);
}

void TestNewBackupPlan::yamlScalarsReadBack_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("plain");
    QTest::addRow("a job name") << u"home_to_usbpool"_s << true;
    QTest::addRow("a path") << u"/etc/holdfast/ssh/identity"_s << true;
    QTest::addRow("a word YAML reads as a boolean") << u"yes"_s << false;
    QTest::addRow("a number") << u"8888"_s << false;
    QTest::addRow("a colon") << u"a: b"_s << false;
    QTest::addRow("a comment sign") << u"x #y"_s << false;
    QTest::addRow("quotes and backslashes") << u"say \"hi\" \\ bye"_s << false;
    QTest::addRow("empty") << QString() << false;
}

void TestNewBackupPlan::yamlScalarsReadBack()
{
    QFETCH(QString, value);
    QFETCH(bool, plain);
    const QString scalar = Gui::YamlText::scalar(value);
    QCOMPARE(scalar == value, plain);
    const YAML::Node node = YAML::Load(QString(u"key: "_s + scalar).toStdString());
    QCOMPARE(QString::fromStdString(node["key"].as<std::string>()), value);
}

void TestNewBackupPlan::presetsAreValidGrids()
{
    QVERIFY(Gui::Retention::presets().size() >= 4);
    for (const Gui::RetentionPreset &preset : Gui::Retention::presets()) {
        QString why;
        QVERIFY2(Config::parseRetentionGrid(preset.grid, &why).has_value(), qPrintable(preset.grid + u": "_s + why));
        QVERIFY2(!Gui::Retention::gridProblem(preset.grid), qPrintable(preset.grid));
        QCOMPARE(Gui::Retention::presetForGrid(preset.grid)->id, preset.id);
    }
    QCOMPARE(Gui::Retention::defaultPreset().grid, u"1x1h(keep=all) | 24x1h | 14x1d | 8x1w | 12x30d"_s);
    QCOMPARE(Gui::Retention::describeGridSpan(Gui::Retention::defaultPreset().grid), u"about a year"_s);
    QCOMPARE(Gui::Retention::describeGridSpan(u"1x1h(keep=all) | 336x1h"_s), u"2 weeks"_s);
}

void TestNewBackupPlan::gridProblems_data()
{
    QTest::addColumn<QString>("grid");
    QTest::addColumn<QString>("problem");  // a part of the message; "" for a valid grid
    QTest::addRow("weeks and days") << u"1x1h(keep=all) | 24x1h | 14x1d | 8x1w"_s << QString();
    QTest::addRow("keep count") << u"2x1h(keep=3) | 7x1d"_s << QString();
    QTest::addRow("shrinking after keep=all") << u"1x1d(keep=all) | 24x1h"_s << QString();
    QTest::addRow("empty") << u" "_s << u"empty"_s;
    QTest::addRow("no count") << u"1h | 24x1h"_s << u"part 1 of 2"_s;
    QTest::addRow("months are no unit") << u"12x1mo"_s << u"s, m, h, d or w"_s;
    QTest::addRow("zero") << u"0x1h"_s << u"between 1 and"_s;
    QTest::addRow("shrinking") << u"24x1d | 7x1h"_s << u"grow"_s;
    QTest::addRow("keep=0") << u"1x1h(keep=0)"_s << u"keep="_s;
}

void TestNewBackupPlan::gridProblems()
{
    QFETCH(QString, grid);
    QFETCH(QString, problem);
    const std::optional<QString> why = Gui::Retention::gridProblem(grid);
    QCOMPARE(why.has_value(), !problem.isEmpty());
    if (why) {
        QVERIFY2(why->contains(problem), qPrintable(*why));
    }
    // The daemon agrees on what is valid.
    QString daemonWhy;
    const bool daemonValid = Config::parseRetentionGrid(grid, &daemonWhy).has_value();
    if (problem.isEmpty()) {
        QVERIFY2(daemonValid, qPrintable(daemonWhy));
    } else if (!grid.trimmed().isEmpty() && !problem.contains(u"grow"_s)) {
        // (The daemon checks the growing lengths where it reads the keep rule, not in the grid's syntax.)
        QVERIFY(!daemonValid);
    }
}

void TestNewBackupPlan::intervals_data()
{
    QTest::addColumn<QString>("interval");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("words");
    QTest::addRow("an hour") << u"1h"_s << true << u"every hour"_s;
    QTest::addRow("15 minutes") << u"15m"_s << true << u"every 15 minutes"_s;
    QTest::addRow("a day") << u"24h"_s << true << u"once a day"_s;
    QTest::addRow("mixed") << u"1h30m"_s << true << u"every 1h30m"_s;
    QTest::addRow("days are no Go unit") << u"1d"_s << false << u"every 1d"_s;
    QTest::addRow("nothing") << QString() << false << u"every "_s;
    QTest::addRow("zero") << u"0s"_s << false << u"every 0s"_s;
}

void TestNewBackupPlan::intervals()
{
    QFETCH(QString, interval);
    QFETCH(bool, valid);
    QFETCH(QString, words);
    QCOMPARE(!Gui::Retention::intervalProblem(interval).has_value(), valid);
    QCOMPARE(Gui::Retention::describeInterval(interval).trimmed(), words.trimmed());
    if (valid) {
        QVERIFY(Config::parseGoDuration(interval).has_value());
    }
}

void TestNewBackupPlan::keepPolicyYaml()
{
    const YAML::Node sender = YAML::Load(Gui::Retention::defaultSender().toYaml(u"zrepl_"_s).toStdString());
    QVERIFY(sender.IsSequence());
    QCOMPARE(sender.size(), std::size_t(3));
    QCOMPARE(sender[0]["type"].as<std::string>(), std::string("not_replicated"));
    QCOMPARE(sender[1]["count"].as<int>(), 10);
    // Snapshots someone else took are kept: a regex rule keeps what the job's prefix does not name.
    QCOMPARE(sender[2]["type"].as<std::string>(), std::string("regex"));
    QCOMPARE(sender[2]["negate"].as<bool>(), true);
    QCOMPARE(sender[2]["regex"].as<std::string>(), std::string("^zrepl_.*"));
    const YAML::Node receiver =
        YAML::Load(Gui::Retention::receiver(u"1x1h(keep=all) | 24x1h"_s).toYaml(u"zrepl_home_"_s).toStdString());
    QCOMPARE(receiver[0]["grid"].as<std::string>(), std::string("1x1h(keep=all) | 24x1h"));
    QCOMPARE(receiver[0]["regex"].as<std::string>(), std::string("^zrepl_home_.*"));
    QCOMPARE(Gui::Retention::defaultSender().describe(), u"what is not replicated yet, and the 10 newest"_s);
}

void TestNewBackupPlan::jobNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("problem");
    QTest::addRow("fine") << u"home_to_usb"_s << QString();
    QTest::addRow("dots and colons") << u"home.v2:usb"_s << QString();
    QTest::addRow("empty") << QString() << u"needs a name"_s;
    QTest::addRow("reserved") << u"_control"_s << u"reserved"_s;
    QTest::addRow("a slash") << u"home/usb"_s << u"characters"_s;
    QTest::addRow("taken") << u"vms"_s << u"already"_s;
    QTest::addRow("too long") << QString(65, u'a') << u"at most 64"_s;
}

void TestNewBackupPlan::jobNames()
{
    QFETCH(QString, name);
    QFETCH(QString, problem);
    const std::optional<QString> why = Gui::JobNames::problem(name, {u"vms"_s});
    QCOMPARE(why.has_value(), !problem.isEmpty());
    if (why) {
        QVERIFY2(why->contains(problem), qPrintable(*why));
    }
}

void TestNewBackupPlan::sanitizedAndUniqueNames()
{
    QCOMPARE(Gui::JobNames::sanitize(u"Home (Alice)"_s, u"x"_s), u"home_alice"_s);
    QCOMPARE(Gui::JobNames::sanitize(u"___"_s, u"backup"_s), u"backup"_s);
    QCOMPARE(Gui::JobNames::unique(u"a"_s, {u"a"_s, u"a_2"_s}), u"a_3"_s);
    QCOMPARE(Gui::JobNames::unique(u"b"_s, {u"a"_s}), u"b"_s);
    QVERIFY(!Gui::JobNames::problem(Gui::JobNames::machineIdentity(), {}));
}

void TestNewBackupPlan::localPairLoadsInTheDaemonsParser()
{
    const Gui::NewBackupChoices choices = homeToUsb();
    QVERIFY2(Gui::NewBackupPlan::problems(choices, {u"vms"_s}).isEmpty(),
             qPrintable(Gui::NewBackupPlan::problems(choices, {u"vms"_s}).join(u'\n')));
    const Gui::NewBackupPlan plan = Gui::NewBackupPlan::build(choices, {u"vms"_s});
    QCOMPARE(plan.pushJob, u"home_to_usbpool"_s);
    QCOMPARE(plan.sinkJob, u"usbpool_sink"_s);
    QCOMPARE(plan.localJobs.size(), 2);
    QVERIFY(plan.serverJob.isEmpty());
    QVERIFY(plan.holdfastOnly.isEmpty());
    QString error;
    const std::optional<Gui::NewBackupPlan::Appended> appended = plan.appendTo(BaseConfig, &error);
    QVERIFY2(appended, qPrintable(error));
    const std::optional<Config::Root> root = parse(appended->text, &error);
    QVERIFY2(root, qPrintable(error + u"\n"_s + appended->text));
    QCOMPARE(root->jobs.size(), 3);
    const Config::Job *push = root->job(u"home_to_usbpool"_s);
    const Config::Job *sink = root->job(u"usbpool_sink"_s);
    QVERIFY(push && sink);
    QCOMPARE(push->type, Config::JobType::Push);
    QCOMPARE(push->connect.type, Config::Connect::Type::Local);
    QCOMPARE(push->connect.listenerName, sink->serve.listenerName);
    QCOMPARE(push->connect.clientIdentity, u"ws"_s);
    QCOMPARE(sink->type, Config::JobType::Sink);
    QCOMPARE(sink->serve.type, Config::Serve::Type::Local);
    QCOMPARE(sink->rootFs, u"usbpool/holdfast"_s);
    const Config::FilesystemsFilter expected{{u"tank/home<"_s, true}, {u"tank/home/alice/cache<"_s, false}};
    QCOMPARE(push->filesystems, expected);
    QCOMPARE(push->snapshotting.type, Config::Snapshotting::Type::Periodic);
    QCOMPARE(push->snapshotting.prefix, u"zrepl_"_s);
    QCOMPARE(push->snapshotting.interval, std::chrono::nanoseconds(std::chrono::hours(1)));
    QVERIFY(!push->sendEncrypted);
    QCOMPARE(push->keepSender.size(), 3);
    QCOMPARE(push->keepSender[0].type, Config::KeepRule::Type::NotReplicated);
    QCOMPARE(push->keepSender[1].type, Config::KeepRule::Type::LastN);
    QCOMPARE(push->keepSender[1].count, 10);
    QCOMPARE(push->keepReceiver.size(), 2);
    QCOMPARE(push->keepReceiver[0].type, Config::KeepRule::Type::Grid);
    QCOMPARE(push->keepReceiver[0].gridSpec, Gui::Retention::defaultPreset().grid);
    QCOMPARE(push->keepReceiver[0].regex, u"^zrepl_.*"_s);
    QCOMPARE(push->keepReceiver[1].type, Config::KeepRule::Type::Regex);
    QVERIFY(push->keepReceiver[1].negate);
}

void TestNewBackupPlan::appendKeepsTheFileByteForByte()
{
    const Gui::NewBackupPlan plan = Gui::NewBackupPlan::build(homeToUsb(), {u"vms"_s});
    QString error;
    const std::optional<Gui::NewBackupPlan::Appended> appended = plan.appendTo(BaseConfig, &error);
    QVERIFY2(appended, qPrintable(error));
    // Everything that was there stays as it was, comments included; the jobs come after it.
    QVERIFY(appended->text.startsWith(BaseConfig));
    const QStringList lines = appended->text.split(u'\n');
    QCOMPARE(appended->firstLine, int(BaseConfig.count(u'\n')) + 1);
    QCOMPARE(lines.mid(appended->firstLine - 1, appended->added.count(u'\n') + 1).join(u'\n'), appended->added);
    QVERIFY(appended->added.contains(u"  - name: home_to_usbpool"_s));
    QVERIFY(appended->added.contains(u"  - name: usbpool_sink"_s));
    // The jobs list is indented as the file's.
    QVERIFY2(appended->added.contains(u"\n    type: push\n"_s), qPrintable(appended->added));
}

void TestNewBackupPlan::aSecondBackupToTheSamePoolUsesItsSink()
{
    const QString withSink = BaseConfig
                             + u"  - name: usb\n    type: sink\n    root_fs: usbpool/holdfast\n"
                               "    serve:\n      type: local\n      listener_name: usb_listener\n"_s;
    Gui::NewBackupChoices c = homeToUsb();
    Gui::NewBackupPlan::useExistingSink(c, withSink);
    QCOMPARE(c.reuseSink, u"usb"_s);
    QCOMPARE(c.reuseListener, u"usb_listener"_s);
    const Gui::NewBackupPlan plan = Gui::NewBackupPlan::build(c, {u"vms"_s, u"usb"_s});
    QCOMPARE(plan.localJobs.size(), 1);
    QCOMPARE(plan.sinkJob, u"usb"_s);
    QString error;
    const std::optional<Gui::NewBackupPlan::Appended> appended = plan.appendTo(withSink, &error);
    QVERIFY2(appended, qPrintable(error));
    const std::optional<Config::Root> root = parse(appended->text, &error);
    QVERIFY2(root, qPrintable(error));
    QCOMPARE(root->job(c.name)->connect.listenerName, u"usb_listener"_s);
    // Another dataset: a sink of its own.
    c.localRootFs = u"usbpool/other"_s;
    Gui::NewBackupPlan::useExistingSink(c, withSink);
    QVERIFY(c.reuseSink.isEmpty());
}

void TestNewBackupPlan::sshPushAndItsServerSide()
{
    Gui::NewBackupChoices c = homeToUsb();
    c.name = u"home_to_nas"_s;
    c.destination = Gui::BackupDestination::Ssh;
    c.sshHost = u"nas.example.org"_s;
    c.sshUser = u"root"_s;
    c.sshPort = 2222;
    c.identityFile = u"/etc/holdfast/ssh/identity"_s;
    c.publicKey = u"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample root@ws\n"_s;
    c.serverRootFs = u"backup/holdfast"_s;
    QVERIFY(Gui::NewBackupPlan::problems(c, {}).isEmpty());
    const Gui::NewBackupPlan plan = Gui::NewBackupPlan::build(c, {u"vms"_s});
    QCOMPARE(plan.localJobs.size(), 1);
    QCOMPARE(plan.sinkJob, u"ws_sink"_s);
    // zrepl's forced command, with Holdfast's binary.
    QCOMPARE(plan.authorizedKeysLine,
             u"command=\"holdfast stdinserver ws\",restrict ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample root@ws"_s);
    QString error;
    const std::optional<Gui::NewBackupPlan::Appended> appended = plan.appendTo(BaseConfig, &error);
    QVERIFY2(appended, qPrintable(error));
    const std::optional<Config::Root> root = parse(appended->text, &error);
    QVERIFY2(root, qPrintable(error));
    const Config::Job *push = root->job(u"home_to_nas"_s);
    QVERIFY(push);
    QCOMPARE(push->connect.type, Config::Connect::Type::SshStdinserver);
    QCOMPARE(push->connect.host, u"nas.example.org"_s);
    QCOMPARE(push->connect.user, u"root"_s);
    QCOMPARE(push->connect.port, quint16(2222));
    QCOMPARE(push->connect.identityFile, u"/etc/holdfast/ssh/identity"_s);
    // The server's job, in a configuration of its own, is one the daemon takes too.
    const QString server = u"jobs:\n"_s + plan.serverJob + u'\n';
    const std::optional<Config::Root> serverRoot = parse(server, &error);
    QVERIFY2(serverRoot, qPrintable(error + u"\n"_s + server));
    const Config::Job *sink = serverRoot->job(u"ws_sink"_s);
    QVERIFY(sink);
    QCOMPARE(sink->serve.type, Config::Serve::Type::Stdinserver);
    QCOMPARE(sink->serve.clientIdentities, QStringList{u"ws"_s});
    QCOMPARE(sink->rootFs, u"backup/holdfast"_s);
}

void TestNewBackupPlan::sshWithoutReadablePublicKey()
{
    Gui::NewBackupChoices c = homeToUsb();
    c.destination = Gui::BackupDestination::Ssh;
    c.sshHost = u"nas"_s;
    c.identityFile = u"/root/.ssh/id_ed25519"_s;
    c.serverRootFs = u"backup/holdfast"_s;
    const Gui::NewBackupPlan plan = Gui::NewBackupPlan::build(c, {});
    QVERIFY(plan.authorizedKeysLine.isEmpty());
    QCOMPARE(plan.authorizedKeysCommand,
             u"echo 'command=\"holdfast stdinserver ws\",restrict '\"$(sudo cat /root/.ssh/id_ed25519.pub)\""_s);
}

void TestNewBackupPlan::tcpAndTlsPushes_data()
{
    QTest::addColumn<bool>("tls");
    QTest::addRow("tcp") << false;
    QTest::addRow("tls") << true;
}

void TestNewBackupPlan::tcpAndTlsPushes()
{
    QFETCH(bool, tls);
    Gui::NewBackupChoices c = homeToUsb();
    c.destination = tls ? Gui::BackupDestination::Tls : Gui::BackupDestination::Tcp;
    c.address = u"backup.example.org:8888"_s;
    c.clientAddress = u"192.168.1.10"_s;
    c.ca = u"/etc/holdfast/ca.crt"_s;
    c.cert = u"/etc/holdfast/ws.crt"_s;
    c.key = u"/etc/holdfast/ws.key"_s;
    c.serverCn = u"backup-server"_s;
    c.serverRootFs = u"backup/holdfast"_s;
    QVERIFY2(Gui::NewBackupPlan::problems(c, {}).isEmpty(),
             qPrintable(Gui::NewBackupPlan::problems(c, {}).join(u'\n')));
    const Gui::NewBackupPlan plan = Gui::NewBackupPlan::build(c, {});
    QString error;
    const std::optional<Gui::NewBackupPlan::Appended> appended = plan.appendTo(BaseConfig, &error);
    QVERIFY2(appended, qPrintable(error));
    const std::optional<Config::Root> root = parse(appended->text, &error);
    QVERIFY2(root, qPrintable(error));
    const Config::Job *push = root->job(c.name);
    QCOMPARE(push->connect.type, tls ? Config::Connect::Type::Tls : Config::Connect::Type::Tcp);
    QCOMPARE(push->connect.address, u"backup.example.org:8888"_s);
    if (tls) {
        QCOMPARE(push->connect.serverCn, u"backup-server"_s);
        QCOMPARE(push->connect.ca, u"/etc/holdfast/ca.crt"_s);
    }
    const YAML::Node server = YAML::Load(plan.serverJob.toStdString());
    QCOMPARE(server[0]["serve"]["listen"].as<std::string>(), std::string(":8888"));
    if (tls) {
        QCOMPARE(server[0]["serve"]["client_cns"][0].as<std::string>(), std::string("ws"));
    } else {
        QCOMPARE(server[0]["serve"]["clients"]["192.168.1.10"].as<std::string>(), std::string("ws"));
    }
}

void TestNewBackupPlan::encryptedSendAndHealthAreMarked()
{
    Gui::NewBackupChoices c = homeToUsb();
    c.encrypted = true;
    c.interval = u"15m"_s;
    c.receiver = Gui::Retention::receiver(u"1x1h(keep=all) | 336x1h"_s);
    c.healthWarningAfter = u"24h"_s;
    const Gui::NewBackupPlan plan = Gui::NewBackupPlan::build(c, {});
    // Holdfast's own key is said, where the assistant shows it and in the file.
    QCOMPARE(plan.holdfastOnly.size(), 1);
    QVERIFY(plan.holdfastOnly.first().contains(u"zrepl"_s));
    QVERIFY(plan.localJobs.first().contains(u"# Holdfast only"_s));
    QString error;
    const std::optional<Gui::NewBackupPlan::Appended> appended = plan.appendTo(BaseConfig, &error);
    QVERIFY2(appended, qPrintable(error));
    const std::optional<Config::Root> root = parse(appended->text, &error);
    QVERIFY2(root, qPrintable(error));
    const Config::Job *push = root->job(c.name);
    QVERIFY(push->sendEncrypted);
    QCOMPARE(push->snapshotting.interval, std::chrono::nanoseconds(std::chrono::minutes(15)));
    QCOMPARE(push->keepReceiver[0].gridSpec, u"1x1h(keep=all) | 336x1h"_s);
    QCOMPARE(push->health.warningAfter, std::optional<Config::Duration>(std::chrono::hours(24)));
}

void TestNewBackupPlan::problemsAreNamed()
{
    Gui::NewBackupChoices c = homeToUsb();
    c.localRootFs = u"tank/home/backup"_s;  // inside what is backed up
    QStringList problems = Gui::NewBackupPlan::destinationProblems(c);
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems.first().contains(u"back itself up"_s), qPrintable(problems.first()));
    c = homeToUsb();
    c.filesystems = Gui::FilesystemFilter();
    QCOMPARE(Gui::NewBackupPlan::filesystemProblems(c).size(), 1);
    c = homeToUsb();
    c.destination = Gui::BackupDestination::Ssh;
    c.identityFile = u"id_ed25519"_s;
    problems = Gui::NewBackupPlan::destinationProblems(c);
    QVERIFY(problems.join(u'\n').contains(u"host name"_s));
    QVERIFY(problems.join(u'\n').contains(u"absolute path"_s));
    QVERIFY(problems.join(u'\n').contains(u"no dataset on the server"_s));
    c = homeToUsb();
    c.interval = u"1d"_s;
    c.receiver.grid = u"1x1h | 5x1mo"_s;
    problems = Gui::NewBackupPlan::scheduleProblems(c);
    QCOMPARE(problems.size(), 2);
    c = homeToUsb();
    c.name = u"vms"_s;
    QCOMPARE(Gui::NewBackupPlan::nameProblems(c, {u"vms"_s}).size(), 1);
    QCOMPARE(Gui::NewBackupPlan::problems(c, {u"vms"_s}).size(), 1);
}

void TestNewBackupPlan::suggestedNames()
{
    const Gui::FilesystemFilter filter({{u"tank/home<"_s, true}});
    QCOMPARE(Gui::NewBackupPlan::suggestName(filter, u"usbpool"_s, {}), u"home_to_usbpool"_s);
    QCOMPARE(Gui::NewBackupPlan::suggestName(filter, u"nas.example.org"_s, {u"home_to_nas"_s}), u"home_to_nas_2"_s);
    QCOMPARE(Gui::NewBackupPlan::jobNames(BaseConfig), QStringList{u"vms"_s});
}

QTEST_GUILESS_MAIN(TestNewBackupPlan)
#include "TestNewBackupPlan.moc"
