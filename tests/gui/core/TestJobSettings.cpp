// SPDX-License-Identifier: MIT
// Edit job's settings: read from a hand-written, commented configuration (intervals, keep rules it can express and
// rules it shows as written, filesystems), changed value by value through ConfigTextEditor so that every other
// byte of the file stays, and read back by the daemon's parser with the new values.
#include <QTest>

#include "app/core/JobSettings.h"
#include "daemon/config/ConfigParser.h"
#include "shared/config/ConfigTextEditor.h"

using namespace Qt::StringLiterals;

namespace {

const QString Text = u"global:\n"
                     "  logging: [{type: stdout, level: info, format: human}]\n"
                     "jobs:\n"
                     "  # Alice's home, to the USB disk\n"
                     "  - name: home\n"
                     "    type: push\n"
                     "    connect: {type: local, listener_name: usb, client_identity: ws}\n"
                     "    filesystems:\n"
                     "      \"tank/home<\": true   # all of it\n"
                     "      \"tank/home/cache<\": false\n"
                     "    snapshotting:\n"
                     "      type: periodic\n"
                     "      prefix: zrepl_\n"
                     "      interval: 1h   # hourly\n"
                     "    pruning:\n"
                     "      keep_sender:\n"
                     "        - type: not_replicated\n"
                     "        - type: last_n\n"
                     "          count: 10\n"
                     "      keep_receiver:\n"
                     "        # keep manual snapshots forever\n"
                     "        - type: regex\n"
                     "          regex: \"^manual_\"\n"
                     "        - type: grid\n"
                     "          grid: 1x1h(keep=all) | 24x1h | 30x1d\n"
                     "          regex: \"^zrepl_.*\"\n"
                     "  - name: usb\n"
                     "    type: sink\n"
                     "    root_fs: usbpool/holdfast\n"
                     "    serve: {type: local, listener_name: usb}\n"
                     "  - name: fetch\n"
                     "    type: pull\n"
                     "    connect: {type: tcp, address: \"nas:8888\"}\n"
                     "    root_fs: tank/nas\n"
                     "    interval: manual\n"
                     "    pruning:\n"
                     "      keep_sender: [{type: not_replicated}, {type: last_n, count: 5}]\n"
                     "      keep_receiver: [{type: grid, grid: 1x1h(keep=all) | 24x1h, regex: \"^zrepl_\"}]\n"_s;

Gui::JobSettings read(const QString &text, const QString &job)
{
    QString error;
    const std::optional<Gui::JobSettings> settings =
        Gui::JobSettings::read(ConfigEdit::ConfigTextEditor(text), job, &error);
    if (!settings) {
        qFatal("%s", qPrintable(error));
    }
    return *settings;
}

Config::Root parse(const QString &text)
{
    Config::Error error;
    const std::optional<Config::Root> root = Config::parseBytes(text.toUtf8(), u"holdfast.yml"_s, &error);
    if (!root) {
        qFatal("%s\n%s", qPrintable(error.toString()), qPrintable(text));
    }
    return *root;
}

// The lines of `after` that differ from `before` (same line count expected).
QStringList changedLines(const QString &before, const QString &after)
{
    const QStringList a = before.split(u'\n');
    const QStringList b = after.split(u'\n');
    QStringList out;
    for (qsizetype i = 0; i < std::min(a.size(), b.size()); ++i) {
        if (a[i] != b[i]) {
            out.append(b[i]);
        }
    }
    return out;
}

}  // namespace

class TestJobSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsAPushJob();
    void readsAPullJob();
    void unknownJob();
    void changingTheIntervalChangesOneValue();
    void changingTheRetentionKeepsTheRest();
    void changingTheFilesystems();
    void manualSnapshotting();
    void nothingChangedChangesNothing();
};

void TestJobSettings::readsAPushJob()
{
    const Gui::JobSettings home = read(Text, u"home"_s);
    QCOMPARE(home.type, u"push"_s);
    QVERIFY(home.periodic);
    QCOMPARE(home.interval, u"1h"_s);
    QCOMPARE(home.prefix, u"zrepl_"_s);
    QVERIFY(home.filesystems);
    QCOMPARE(home.filesystems->describe(), u"tank/home and below, except tank/home/cache and below"_s);
    // zrepl's default sender rules, without the rule that keeps others' snapshots.
    QVERIFY(home.sender.present);
    QVERIFY(home.sender.policy);
    QVERIFY(home.sender.policy->notReplicated);
    QCOMPARE(home.sender.policy->lastN, 10);
    QVERIFY(!home.sender.policy->keepOthers);
    // A regex rule for "manual_" is none the dialog offers: shown as written, left alone.
    QVERIFY(home.receiver.present);
    QVERIFY(!home.receiver.policy);
    QVERIFY2(home.receiver.asWritten.contains(u"^manual_"_s), qPrintable(home.receiver.asWritten));
}

void TestJobSettings::readsAPullJob()
{
    const Gui::JobSettings fetch = read(Text, u"fetch"_s);
    QCOMPARE(fetch.type, u"pull"_s);
    QVERIFY(!fetch.periodic);
    QVERIFY(fetch.interval.isEmpty());
    QVERIFY(!fetch.filesystems);
    QCOMPARE(fetch.prefix, u"zrepl_"_s);  // from its grid's regex
    QVERIFY(fetch.receiver.policy);
    QCOMPARE(fetch.receiver.policy->grid, u"1x1h(keep=all) | 24x1h"_s);
    const Gui::JobSettings usb = read(Text, u"usb"_s);
    QVERIFY(!usb.sender.present && !usb.receiver.present);
    QVERIFY(!Gui::JobSettings::hasInterval(u"sink"_s));
}

void TestJobSettings::unknownJob()
{
    QString error;
    QVERIFY(!Gui::JobSettings::read(ConfigEdit::ConfigTextEditor(Text), u"nosuch"_s, &error));
    QCOMPARE(error, u"Job nosuch is not in the configuration file"_s);
    QVERIFY(!Gui::JobSettings::read(ConfigEdit::ConfigTextEditor(u"jobs: [\n"_s), u"home"_s, &error));
    QVERIFY2(error.startsWith(u"The configuration cannot be read"_s), qPrintable(error));
}

void TestJobSettings::changingTheIntervalChangesOneValue()
{
    const Gui::JobSettings before = read(Text, u"home"_s);
    Gui::JobSettings after = before;
    after.interval = u"15m"_s;
    QCOMPARE(Gui::JobSettingsEdit::describe(before, after),
             QStringList{u"snapshots every 15 minutes instead of every hour"_s});
    QString error;
    const std::optional<QString> text = Gui::JobSettingsEdit::apply(Text, before, after, &error);
    QVERIFY2(text, qPrintable(error));
    // One value changed; its comment and every other byte stay.
    QCOMPARE(changedLines(Text, *text), QStringList{u"      interval: 15m   # hourly"_s});
    QCOMPARE(text->size(), Text.size() + 1);
    QCOMPARE(parse(*text).job(u"home"_s)->snapshotting.interval, std::chrono::nanoseconds(std::chrono::minutes(15)));
}

void TestJobSettings::changingTheRetentionKeepsTheRest()
{
    const Gui::JobSettings before = read(Text, u"home"_s);
    Gui::JobSettings after = before;
    after.sender.policy = Gui::Retention::defaultSender();  // adds the rule that keeps others' snapshots
    QString error;
    const std::optional<QString> text = Gui::JobSettingsEdit::apply(Text, before, after, &error);
    QVERIFY2(text, qPrintable(error));
    const Config::Root root = parse(*text);
    const Config::Job *home = root.job(u"home"_s);
    QCOMPARE(home->keepSender.size(), 3);
    QCOMPARE(home->keepSender[2].type, Config::KeepRule::Type::Regex);
    // The receiver's rules, written by hand with their comment, are untouched.
    QVERIFY(text->contains(
        u"        # keep manual snapshots forever\n        - type: regex\n          regex: \"^manual_\"\n"_s));
    QCOMPARE(home->keepReceiver.size(), 2);
    // The other jobs too.
    QVERIFY(text->endsWith(Text.mid(Text.indexOf(u"  - name: usb\n"_s))));
    // And read back, the dialog sees what it wrote.
    const Gui::JobSettings again = read(*text, u"home"_s);
    QCOMPARE(again.sender.policy, after.sender.policy);
}

void TestJobSettings::changingTheFilesystems()
{
    const Gui::JobSettings before = read(Text, u"home"_s);
    Gui::JobSettings after = before;
    after.filesystems = Gui::FilesystemFilter({{u"tank/home<"_s, true}});
    QString error;
    const std::optional<QString> text = Gui::JobSettingsEdit::apply(Text, before, after, &error);
    QVERIFY2(text, qPrintable(error));
    const Config::FilesystemsFilter expected{{u"tank/home<"_s, true}};
    QCOMPARE(parse(*text).job(u"home"_s)->filesystems, expected);
    QVERIFY(
        Gui::JobSettingsEdit::describe(before, after).first().startsWith(u"backs up tank/home and below instead of"_s));
    after.filesystems = Gui::FilesystemFilter();
    QVERIFY(!Gui::JobSettingsEdit::apply(Text, before, after, &error));
    QCOMPARE(error, u"A job needs at least one filesystem"_s);
}

void TestJobSettings::manualSnapshotting()
{
    // A pull job's interval is its own key; "manual" is zrepl's word for "only on wake-up".
    const Gui::JobSettings before = read(Text, u"fetch"_s);
    Gui::JobSettings after = before;
    after.periodic = true;
    after.interval = u"6h"_s;
    QString error;
    std::optional<QString> text = Gui::JobSettingsEdit::apply(Text, before, after, &error);
    QVERIFY2(text, qPrintable(error));
    QCOMPARE(changedLines(Text, *text), QStringList{u"    interval: 6h"_s});
    QVERIFY(!parse(*text).job(u"fetch"_s)->intervalManual);
    // A push job taken to wake-up only.
    const Gui::JobSettings home = read(Text, u"home"_s);
    Gui::JobSettings manual = home;
    manual.periodic = false;
    manual.interval.clear();
    text = Gui::JobSettingsEdit::apply(Text, home, manual, &error);
    QVERIFY2(text, qPrintable(error));
    QCOMPARE(parse(*text).job(u"home"_s)->snapshotting.type, Config::Snapshotting::Type::Manual);
    QCOMPARE(Gui::JobSettingsEdit::describe(home, manual),
             QStringList{u"snapshots only on wake-up instead of every hour"_s});
}

void TestJobSettings::nothingChangedChangesNothing()
{
    const Gui::JobSettings before = read(Text, u"home"_s);
    QString error;
    QCOMPARE(Gui::JobSettingsEdit::apply(Text, before, before, &error), std::optional<QString>(Text));
    QVERIFY(Gui::JobSettingsEdit::describe(before, before).isEmpty());
}

QTEST_GUILESS_MAIN(TestJobSettings)
#include "TestJobSettings.moc"
