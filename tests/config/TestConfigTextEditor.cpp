// SPDX-License-Identifier: MIT
#include <QRandomGenerator>
#include <QTest>

#include "daemon/config/ConfigParser.h"
#include "shared/config/ConfigTextEditor.h"

using namespace Qt::StringLiterals;
using ConfigEdit::ConfigTextEditor;

// Text-level edits of a configuration: what is outside the edited job (or value) must come out byte for byte, and
// every produced text must read back with the jobs intended.
class TestConfigTextEditor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsJobsAndRanges();
    void appendKeepsEverythingElse();
    void replaceKeepsEverythingElse();
    void removeKeepsEverythingElse_data();
    void removeKeepsEverythingElse();
    void removeOnlyJobLeavesEmptyList();
    void setValueKeepsComments();
    void setValueInsertsMissingKeys();
    void setValueBlocks();
    void setValueRefusals();
    void appendToEmptyLists_data();
    void appendToEmptyLists();
    void indentedListStyle();
    void withoutTrailingNewline();
    void crlfLineEnds();
    void byteOrderMark();
    void documentMarkers();
    void quotedNames();
    void refusals_data();
    void refusals();
    void invalidTexts_data();
    void invalidTexts();
    void jobYamlInAnyIndentation();
    void hostileInputNeverCrashes();
    void mutatedConfigsEditSafely();
};

namespace {

// A workstation's configuration as a user keeps it: comments everywhere, blank lines between jobs, a job
// commented out, a comment after the last line.
const QString RealisticConfig = uR"(# Holdfast configuration of workstation "atlas".
# Managed by hand; see https://zrepl.github.io/configuration.html

global:
  logging:
    # journald picks up stdout
    - type: stdout
      level: info
      format: human
  control:
    sockpath: /var/run/holdfast/control   # the GUI talks to this

jobs:
# Hourly snapshots of the home directories, replicated to the USB pool.
- name: home_to_usb
  type: push
  connect:
    type: local
    listener_name: usb
    client_identity: atlas
  filesystems: {
    "rpool/home<": true,
    "rpool/home/tmp": false,   # scratch space
  }
  snapshotting:
    type: periodic
    prefix: zrepl_
    interval: 1h  # every hour
  pruning:
    keep_sender:
    - type: not_replicated
    - type: last_n
      count: 24
    keep_receiver:
    # 24 hourly, 14 daily
    - type: grid
      grid: 24x1h | 14x1d
      regex: "^zrepl_"

# The receiving side, on the USB pool.
- name: usb
  type: sink
  root_fs: usbpool/backup
  serve:
    type: local
    listener_name: usb

- name: var_snapshots
  type: snap
  filesystems: {"rpool/var<": true}
  snapshotting:
    type: periodic
    prefix: zrepl_
    interval: 15m
  pruning:
    keep:
    - type: last_n
      count: 96   # one day
    # end of the var job

# - name: old_job
#   type: snap
# End of the configuration.
)"_s;

const QString NewJob = uR"(name: docs_to_usb
type: push
connect:
  type: local
  listener_name: usb
  client_identity: atlas
filesystems:
  "rpool/docs<": true
snapshotting:
  type: periodic
  prefix: zrepl_
  interval: 30m
pruning:
  keep_sender:
  - type: not_replicated
  keep_receiver:
  - type: last_n
    count: 10
)"_s;

QStringList names(const ConfigTextEditor &editor)
{
    QStringList out;
    for (const ConfigTextEditor::JobRange &job : editor.jobs()) {
        out.append(job.name);
    }
    return out;
}

// The part of `before` that an edit changed: [from, to) in `before`, after the longest common prefix and suffix.
std::pair<qsizetype, qsizetype> changedRegion(const QString &before, const QString &after)
{
    qsizetype prefix = 0;
    const qsizetype shorter = qMin(before.size(), after.size());
    while (prefix < shorter && before[prefix] == after[prefix]) {
        ++prefix;
    }
    qsizetype suffix = 0;
    while (suffix < shorter - prefix && before[before.size() - 1 - suffix] == after[after.size() - 1 - suffix]) {
        ++suffix;
    }
    return {prefix, before.size() - suffix};
}

// The text is accepted by the daemon's own parser (the full zrepl schema), not just by yaml-cpp.
bool parsesAsConfig(const QString &text, QString *why)
{
    Config::Error error;
    if (Config::parseBytes(text.toUtf8(), u"holdfast.yml"_s, &error)) {
        return true;
    }
    *why = error.toString();
    return false;
}

ConfigTextEditor::JobRange rangeOf(const ConfigTextEditor &editor, const QString &name)
{
    for (const ConfigTextEditor::JobRange &job : editor.jobs()) {
        if (job.name == name) {
            return job;
        }
    }
    return {};
}

QString jobText(const ConfigTextEditor &editor, const QString &name)
{
    const ConfigTextEditor::JobRange range = rangeOf(editor, name);
    return editor.text().mid(range.begin, range.end - range.begin);
}

}  // namespace

void TestConfigTextEditor::readsJobsAndRanges()
{
    const ConfigTextEditor editor(RealisticConfig);
    QVERIFY2(editor.isValid(), qPrintable(editor.error()));
    QCOMPARE(names(editor), (QStringList{u"home_to_usb"_s, u"usb"_s, u"var_snapshots"_s}));
    const QList<ConfigTextEditor::JobRange> jobs = editor.jobs();
    QCOMPARE(jobs[0].line, 15);
    QCOMPARE(jobs[1].line, 41);
    QCOMPARE(jobs[2].line, 48);
    QCOMPARE(jobs[2].index, 2);
    // The comment line directly above belongs to the job; the blank line before it does not.
    QVERIFY(jobText(editor, u"home_to_usb"_s).startsWith(u"# Hourly snapshots"_s));
    QVERIFY(jobText(editor, u"home_to_usb"_s).endsWith(u"      regex: \"^zrepl_\"\n"_s));
    QVERIFY(jobText(editor, u"usb"_s).startsWith(u"# The receiving side"_s));
    QVERIFY(jobText(editor, u"usb"_s).endsWith(u"    listener_name: usb\n"_s));
    // A comment indented like the job's keys is the job's; the commented-out job at the list's column is not.
    QVERIFY(jobText(editor, u"var_snapshots"_s).endsWith(u"    # end of the var job\n"_s));
    QVERIFY(!jobText(editor, u"var_snapshots"_s).contains(u"old_job"_s));

    const std::optional<YAML::Node> node = editor.jobNode(u"home_to_usb"_s);
    QVERIFY(node.has_value());
    QCOMPARE((*node)["snapshotting"]["interval"].as<std::string>(), std::string("1h"));
    QVERIFY(!editor.jobNode(u"nosuch"_s).has_value());
    QString why;
    QVERIFY2(parsesAsConfig(RealisticConfig, &why), qPrintable(why));
}

void TestConfigTextEditor::appendKeepsEverythingElse()
{
    const ConfigTextEditor editor(RealisticConfig);
    const std::optional<QString> edited = editor.appendJob(NewJob);
    QVERIFY2(edited, qPrintable(editor.error()));
    // Nothing of the old text is gone: the job was only inserted, right after the last job.
    const qsizetype at = rangeOf(editor, u"var_snapshots"_s).end;
    QVERIFY(edited->startsWith(RealisticConfig.left(at)));
    QVERIFY(edited->endsWith(RealisticConfig.mid(at)));
    QString item;
    for (const QString &line : NewJob.split(u'\n', Qt::SkipEmptyParts)) {
        item += (item.isEmpty() ? u"- "_s : u"  "_s) + line + u'\n';
    }
    QCOMPARE(edited->mid(at, edited->size() - RealisticConfig.size()), u'\n' + item);  // a blank line, then the job
    // The file separates its jobs with a blank line: so does the new one, at the list's column.
    QVERIFY2(edited->contains(u"    # end of the var job\n\n- name: docs_to_usb\n  type: push\n"_s),
             qPrintable(*edited));
    QVERIFY(edited->contains(u"  filesystems:\n    \"rpool/docs<\": true\n"_s));
    QVERIFY(edited->contains(u"    count: 10\n\n# - name: old_job"_s));

    const ConfigTextEditor after(*edited);
    QCOMPARE(names(after), (QStringList{u"home_to_usb"_s, u"usb"_s, u"var_snapshots"_s, u"docs_to_usb"_s}));
    QCOMPARE((*after.jobNode(u"docs_to_usb"_s))["snapshotting"]["interval"].as<std::string>(), std::string("30m"));
    QString why;
    QVERIFY2(parsesAsConfig(*edited, &why), qPrintable(why));
    // The other jobs are byte-identical.
    for (const QString &name : {u"home_to_usb"_s, u"usb"_s, u"var_snapshots"_s}) {
        QCOMPARE(jobText(after, name), jobText(editor, name));
    }
}

void TestConfigTextEditor::replaceKeepsEverythingElse()
{
    const ConfigTextEditor editor(RealisticConfig);
    const QString sink =
        u"name: usb\ntype: sink\nroot_fs: usbpool/holdfast\nserve:\n  type: local\n  listener_name: usb\n"_s;
    const std::optional<QString> edited = editor.replaceJob(u"usb"_s, sink);
    QVERIFY2(edited, qPrintable(editor.error()));
    const ConfigTextEditor::JobRange old = rangeOf(editor, u"usb"_s);
    const auto [from, to] = changedRegion(RealisticConfig, *edited);
    QVERIFY(from >= old.begin && to <= old.end);
    const ConfigTextEditor after(*edited);
    // Its own comment above stays with it.
    QVERIFY(jobText(after, u"usb"_s).startsWith(u"# The receiving side, on the USB pool.\n- name: usb\n"_s));
    QCOMPARE((*after.jobNode(u"usb"_s))["root_fs"].as<std::string>(), std::string("usbpool/holdfast"));
    QString why;
    QVERIFY2(parsesAsConfig(*edited, &why), qPrintable(why));

    // Renaming through a replace is fine, onto another job's name is not.
    QVERIFY(editor.replaceJob(u"usb"_s, QString(sink).replace(u"name: usb"_s, u"name: usb2"_s)));
    QVERIFY(!editor.replaceJob(u"usb"_s, QString(sink).replace(u"name: usb"_s, u"name: var_snapshots"_s)));
    QVERIFY2(editor.error().contains(u"already exists"_s), qPrintable(editor.error()));
}

void TestConfigTextEditor::removeKeepsEverythingElse_data()
{
    QTest::addColumn<QString>("job");
    QTest::addColumn<QString>("context");  // what the text around the removed job reads afterwards
    QTest::addRow("first") << u"home_to_usb"_s << u"jobs:\n# The receiving side"_s;
    QTest::addRow("middle") << u"usb"_s << u"      regex: \"^zrepl_\"\n\n- name: var_snapshots"_s;
    QTest::addRow("last") << u"var_snapshots"_s << u"    listener_name: usb\n\n# - name: old_job"_s;
}

void TestConfigTextEditor::removeKeepsEverythingElse()
{
    QFETCH(QString, job);
    QFETCH(QString, context);
    const ConfigTextEditor editor(RealisticConfig);
    const std::optional<QString> edited = editor.removeJob(job);
    QVERIFY2(edited, qPrintable(editor.error()));
    QVERIFY2(edited->contains(context), qPrintable(*edited));
    const ConfigTextEditor after(*edited);
    QStringList expected{u"home_to_usb"_s, u"usb"_s, u"var_snapshots"_s};
    expected.removeOne(job);
    QCOMPARE(names(after), expected);
    for (const QString &name : expected) {
        QCOMPARE(jobText(after, name), jobText(editor, name));
    }
    // Exactly the removed job is gone, with one of the blank lines beside it.
    const ConfigTextEditor::JobRange removed = rangeOf(editor, job);
    bool cut = false;
    for (int blankBefore = 0; blankBefore <= 1; ++blankBefore) {
        for (int blankAfter = 0; blankAfter <= 1; ++blankAfter) {
            cut = cut
                  || *edited
                         == RealisticConfig.left(removed.begin - blankBefore)
                                + RealisticConfig.mid(removed.end + blankAfter);
        }
    }
    QVERIFY2(cut, qPrintable(*edited));
    QVERIFY(edited->startsWith(u"# Holdfast configuration of workstation \"atlas\".\n"_s));
    QVERIFY(edited->endsWith(u"# End of the configuration.\n"_s));
    QString why;
    QVERIFY2(parsesAsConfig(*edited, &why), qPrintable(why));
}

void TestConfigTextEditor::removeOnlyJobLeavesEmptyList()
{
    const QString text =
        u"global:\n  logging: []\njobs:  # just one\n- name: a\n  type: snap\n  filesystems: {\"p<\": true}\n"
        u"  snapshotting:\n    type: manual\n  pruning:\n    keep: []\n# trailer\n"_s;
    const ConfigTextEditor editor(text);
    const std::optional<QString> edited = editor.removeJob(u"a"_s);
    QVERIFY2(edited, qPrintable(editor.error()));
    QCOMPARE(*edited, u"global:\n  logging: []\njobs: []  # just one\n# trailer\n"_s);
    QString why;
    QVERIFY2(parsesAsConfig(*edited, &why), qPrintable(why));
    // And back: appending to the empty list makes a block list again.
    const ConfigTextEditor empty(*edited);
    const std::optional<QString> again = empty.appendJob(u"name: b\ntype: snap\nfilesystems: {\"p<\": true}\n"
                                                         u"snapshotting:\n  type: manual\npruning:\n  keep: []\n"_s);
    QVERIFY2(again, qPrintable(empty.error()));
    QVERIFY2(again->contains(u"jobs:  # just one\n- name: b\n  type: snap\n"_s), qPrintable(*again));
    QVERIFY2(parsesAsConfig(*again, &why), qPrintable(why));
}

void TestConfigTextEditor::setValueKeepsComments()
{
    const ConfigTextEditor editor(RealisticConfig);
    const std::optional<QString> edited =
        editor.setJobValue(u"home_to_usb"_s, {u"snapshotting"_s, u"interval"_s}, u"2h"_s);
    QVERIFY2(edited, qPrintable(editor.error()));
    // The comment after the value stays on its line; nothing else moves.
    QVERIFY2(edited->contains(u"    interval: 2h  # every hour\n  pruning:"_s), qPrintable(*edited));
    const auto [from, to] = changedRegion(RealisticConfig, *edited);
    QCOMPARE(RealisticConfig.mid(from, to - from), u"1"_s);
    const ConfigTextEditor after(*edited);
    QCOMPARE((*after.jobNode(u"home_to_usb"_s))["snapshotting"]["interval"].as<std::string>(), std::string("2h"));
    QCOMPARE(jobText(after, u"usb"_s), jobText(editor, u"usb"_s));
    QString why;
    QVERIFY2(parsesAsConfig(*edited, &why), qPrintable(why));

    // A quoted value with a '#' inside is one value, not a comment.
    const std::optional<QString> quoted =
        editor.setJobValue(u"home_to_usb"_s, {u"snapshotting"_s, u"prefix"_s}, u"\"zrepl_#1\""_s);
    QVERIFY2(quoted, qPrintable(editor.error()));
    QVERIFY(quoted->contains(u"    prefix: \"zrepl_#1\"\n"_s));
    const ConfigTextEditor again(*quoted);
    const std::optional<QString> back =
        again.setJobValue(u"home_to_usb"_s, {u"snapshotting"_s, u"prefix"_s}, u"zrepl_"_s);
    QVERIFY2(back, qPrintable(again.error()));
    QCOMPARE(*back, RealisticConfig);

    // The blanks before a trailing comment are the user's too: only the value changes.
    QString aligned = RealisticConfig;
    QVERIFY(aligned.contains(u"interval: 1h  # every hour"_s));
    aligned.replace(u"interval: 1h  # every hour"_s, u"interval: 1h     # every hour"_s);
    const ConfigTextEditor alignedEditor(aligned);
    const std::optional<QString> realigned =
        alignedEditor.setJobValue(u"home_to_usb"_s, {u"snapshotting"_s, u"interval"_s}, u"15m"_s);
    QVERIFY2(realigned, qPrintable(alignedEditor.error()));
    QString expected = aligned;
    expected.replace(u"interval: 1h     # every hour"_s, u"interval: 15m     # every hour"_s);
    QCOMPARE(*realigned, expected);
}

void TestConfigTextEditor::setValueInsertsMissingKeys()
{
    const ConfigTextEditor editor(RealisticConfig);
    const std::optional<QString> edited =
        editor.setJobValue(u"home_to_usb"_s, {u"replication"_s, u"concurrency"_s, u"steps"_s}, u"2"_s);
    QVERIFY2(edited, qPrintable(editor.error()));
    // Inserted at the end of the job's mapping, before the comment that belongs to the next job.
    QVERIFY2(edited->contains(u"      regex: \"^zrepl_\"\n  replication:\n    concurrency:\n      steps: 2\n\n# The "
                              u"receiving side"_s),
             qPrintable(*edited));
    QString why;
    QVERIFY2(parsesAsConfig(*edited, &why), qPrintable(why));

    // Inside an existing mapping: after its last key, before a comment indented like the job's keys.
    const std::optional<QString> encrypted =
        editor.setJobValue(u"var_snapshots"_s, {u"pruning"_s, u"timeout"_s}, u"2h"_s);
    QVERIFY2(encrypted, qPrintable(editor.error()));
    QVERIFY2(encrypted->contains(u"      count: 96   # one day\n    timeout: 2h\n    # end of the var job\n"_s),
             qPrintable(*encrypted));

    // A key whose value is empty gets the rest of the path as its value.
    const QString withNull =
        QString(RealisticConfig)
            .replace(u"  root_fs: usbpool/backup\n"_s, u"  root_fs: usbpool/backup\n  replication: # later\n"_s);
    const ConfigTextEditor nullEditor(withNull);
    const std::optional<QString> filled =
        nullEditor.setJobValue(u"usb"_s, {u"replication"_s, u"concurrency"_s, u"steps"_s}, u"3"_s);
    QVERIFY2(filled, qPrintable(nullEditor.error()));
    QVERIFY2(filled->contains(u"  replication: # later\n    concurrency:\n      steps: 3\n  serve:"_s),
             qPrintable(*filled));
}

void TestConfigTextEditor::setValueBlocks()
{
    const ConfigTextEditor editor(RealisticConfig);
    // A block list replaces a block list; the comment above the key survives.
    const std::optional<QString> edited = editor.setJobValue(
        u"home_to_usb"_s,
        {u"pruning"_s, u"keep_receiver"_s},
        u"- type: grid\n  grid: 1x1h(keep=all) | 24x1h | 14x1d | 8x7d | 12x30d\n  regex: \"^zrepl_\"\n"_s);
    QVERIFY2(edited, qPrintable(editor.error()));
    QVERIFY2(
        edited->contains(u"      count: 24\n    keep_receiver:\n    - type: grid\n      grid: 1x1h(keep=all) | 24x1h | "
                         u"14x1d | 8x7d | 12x30d\n      regex: \"^zrepl_\"\n\n# The receiving side"_s),
        qPrintable(*edited));
    QString why;
    QVERIFY2(parsesAsConfig(*edited, &why), qPrintable(why));

    // A mapping replaces a flow mapping, and back to a single line.
    const std::optional<QString> filesystems =
        editor.setJobValue(u"home_to_usb"_s, {u"filesystems"_s}, u"\"rpool/home<\": true\n\"rpool/srv<\": true\n"_s);
    QVERIFY2(filesystems, qPrintable(editor.error()));
    QVERIFY2(filesystems->contains(
                 u"  filesystems:\n    \"rpool/home<\": true\n    \"rpool/srv<\": true\n  snapshotting:"_s),
             qPrintable(*filesystems));
    const ConfigTextEditor blockEditor(*filesystems);
    const std::optional<QString> flow =
        blockEditor.setJobValue(u"home_to_usb"_s, {u"filesystems"_s}, u"{\"rpool<\": true}"_s);
    QVERIFY2(flow, qPrintable(blockEditor.error()));
    QVERIFY(flow->contains(u"  filesystems: {\"rpool<\": true}\n  snapshotting:"_s));
    QVERIFY2(parsesAsConfig(*flow, &why), qPrintable(why));

    // A block scalar keeps its relative indentation.
    const std::optional<QString> literal = editor.setJobValue(u"usb"_s, {u"root_fs"_s}, u"|-\n  usbpool/literal\n"_s);
    QVERIFY2(literal, qPrintable(editor.error()));
    QVERIFY(literal->contains(u"  root_fs: |-\n      usbpool/literal\n  serve:"_s));
    QCOMPARE((*ConfigTextEditor(*literal).jobNode(u"usb"_s))["root_fs"].as<std::string>(),
             std::string("usbpool/literal"));
}

void TestConfigTextEditor::setValueRefusals()
{
    const ConfigTextEditor editor(RealisticConfig);
    QVERIFY(!editor.setJobValue(u"nosuch"_s, {u"type"_s}, u"snap"_s));
    QVERIFY2(editor.error().contains(u"no job named “nosuch”"_s), qPrintable(editor.error()));
    QVERIFY(!editor.setJobValue(u"usb"_s, {u"type"_s, u"deeper"_s}, u"x"_s));
    QVERIFY2(editor.error().contains(u"type is not a mapping"_s), qPrintable(editor.error()));
    QVERIFY(!editor.setJobValue(u"var_snapshots"_s, {u"filesystems"_s, u"x"_s}, u"true"_s));
    QVERIFY2(editor.error().contains(u"flow style"_s), qPrintable(editor.error()));
    QVERIFY(!editor.setJobValue(u"usb"_s, {}, u"x"_s));
    QVERIFY(!editor.setJobValue(u"usb"_s, {u"root_fs"_s}, u"[unclosed"_s));
    QVERIFY2(editor.error().contains(u"not valid YAML"_s), qPrintable(editor.error()));
    QVERIFY(!editor.setJobValue(u"usb"_s, {u"root_fs"_s}, u"a\n---\nb"_s));
    // Renaming onto another job's name would give two jobs of one name.
    QVERIFY(!editor.setJobValue(u"usb"_s, {u"name"_s}, u"var_snapshots"_s));
    QVERIFY2(editor.error().contains(u"more than one job"_s), qPrintable(editor.error()));
}

void TestConfigTextEditor::appendToEmptyLists_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::addRow("empty flow list") << u"global: {}\njobs: []\n"_s
                                     << u"global: {}\njobs:\n- name: n\n  type: sink\n"_s;
    QTest::addRow("spaced flow list, comment")
        << u"jobs: [ ]   # none yet\n"_s << u"jobs:   # none yet\n- name: n\n  type: sink\n"_s;
    QTest::addRow("nothing") << u"jobs:\nglobal:\n  logging: []\n"_s
                             << u"jobs:\n- name: n\n  type: sink\nglobal:\n  logging: []\n"_s;
    QTest::addRow("tilde") << u"jobs: ~\n"_s << u"jobs:\n- name: n\n  type: sink\n"_s;
    QTest::addRow("no newline") << u"jobs:"_s << u"jobs:\n- name: n\n  type: sink\n"_s;
    QTest::addRow("indented document") << u"  jobs: []\n  global: {}\n"_s
                                       << u"  jobs:\n  - name: n\n    type: sink\n  global: {}\n"_s;
}

void TestConfigTextEditor::appendToEmptyLists()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const ConfigTextEditor editor(text);
    QVERIFY2(editor.isValid(), qPrintable(editor.error()));
    QVERIFY(editor.jobs().isEmpty());
    const std::optional<QString> edited = editor.appendJob(u"name: n\ntype: sink\n"_s);
    QVERIFY2(edited, qPrintable(editor.error()));
    QCOMPARE(*edited, expected);
}

void TestConfigTextEditor::indentedListStyle()
{
    // zrepl's docs sample: items indented under "jobs:", a blank line between them, no line break at the end.
    QFile sample(QStringLiteral(HOLDFAST_TEST_DATA_DIR "/config/zrepl-samples/local.yml"));
    QVERIFY(sample.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(sample.readAll());
    QVERIFY(!text.endsWith(u'\n'));
    const ConfigTextEditor editor(text);
    QCOMPARE(names(editor), (QStringList{u"local_sink"_s, u"backup_system"_s}));
    const std::optional<QString> edited =
        editor.appendJob(u"  name: snaps\n  type: snap\n  filesystems: {\"system<\": true}\n"
                         u"  snapshotting:\n    type: manual\n  pruning:\n    keep: []\n"_s);
    QVERIFY2(edited, qPrintable(editor.error()));
    QVERIFY(edited->startsWith(text));
    QCOMPARE(
        edited->mid(text.size()),
        u"\n\n  - name: snaps\n    type: snap\n    filesystems: {\"system<\": true}\n    snapshotting:\n      type: "
        u"manual\n    pruning:\n      keep: []\n"_s);
    QString why;
    QVERIFY2(parsesAsConfig(*edited, &why), qPrintable(why));
}

void TestConfigTextEditor::withoutTrailingNewline()
{
    const QString text = u"jobs:\n- name: a\n  type: sink\n- name: b\n  type: sink"_s;
    const ConfigTextEditor editor(text);
    const std::optional<QString> replaced = editor.replaceJob(u"b"_s, u"name: b\ntype: pull\n"_s);
    QVERIFY2(replaced, qPrintable(editor.error()));
    QCOMPARE(*replaced, u"jobs:\n- name: a\n  type: sink\n- name: b\n  type: pull"_s);
    const std::optional<QString> removed = editor.removeJob(u"b"_s);
    QVERIFY2(removed, qPrintable(editor.error()));
    QCOMPARE(*removed, u"jobs:\n- name: a\n  type: sink\n"_s);
    const std::optional<QString> set = editor.setJobValue(u"b"_s, {u"root_fs"_s}, u"p/r"_s);
    QVERIFY2(set, qPrintable(editor.error()));
    QCOMPARE(*set, u"jobs:\n- name: a\n  type: sink\n- name: b\n  type: sink\n  root_fs: p/r"_s);
    // A comment as the very last line, without a line break.
    const ConfigTextEditor commented(u"jobs:\n- name: a\n  type: sink\n# the end"_s);
    const std::optional<QString> appended = commented.appendJob(u"name: c\ntype: sink"_s);
    QVERIFY2(appended, qPrintable(commented.error()));
    QCOMPARE(*appended, u"jobs:\n- name: a\n  type: sink\n- name: c\n  type: sink\n# the end"_s);
}

void TestConfigTextEditor::crlfLineEnds()
{
    const QString text = QString(RealisticConfig).replace(u"\n"_s, u"\r\n"_s);
    const ConfigTextEditor editor(text);
    QVERIFY2(editor.isValid(), qPrintable(editor.error()));
    QCOMPARE(names(editor).size(), 3);
    QVERIFY(jobText(editor, u"usb"_s).endsWith(u"listener_name: usb\r\n"_s));
    const std::optional<QString> appended = editor.appendJob(NewJob);
    QVERIFY2(appended, qPrintable(editor.error()));
    QVERIFY(!QString(*appended).remove(u"\r\n"_s).contains(u'\r'));
    QVERIFY(!QString(*appended).replace(u"\r\n"_s, u"x"_s).contains(u'\n'));  // every line ends in CRLF
    const std::optional<QString> set =
        editor.setJobValue(u"home_to_usb"_s, {u"replication"_s, u"concurrency"_s, u"steps"_s}, u"2"_s);
    QVERIFY2(set, qPrintable(editor.error()));
    QVERIFY(set->contains(u"\r\n  replication:\r\n    concurrency:\r\n      steps: 2\r\n"_s));
    const std::optional<QString> removed = editor.removeJob(u"usb"_s);
    QVERIFY2(removed, qPrintable(editor.error()));
    QCOMPARE(names(ConfigTextEditor(*removed)), (QStringList{u"home_to_usb"_s, u"var_snapshots"_s}));
    QString why;
    QVERIFY2(parsesAsConfig(*removed, &why), qPrintable(why));
}

void TestConfigTextEditor::byteOrderMark()
{
    const QString text = QChar(0xFEFF) + u"jobs:\n- name: “ä”\n  type: sink\n- name: b\n  type: sink\n"_s;
    const ConfigTextEditor editor(text);
    QVERIFY2(editor.isValid(), qPrintable(editor.error()));
    // Ranges count in the QString, after the BOM and a multi-byte name.
    QCOMPARE(jobText(editor, u"b"_s), u"- name: b\n  type: sink\n"_s);
    QCOMPARE(jobText(editor, u"“ä”"_s), u"- name: “ä”\n  type: sink\n"_s);
    const std::optional<QString> removed = editor.removeJob(u"“ä”"_s);
    QVERIFY2(removed, qPrintable(editor.error()));
    QCOMPARE(*removed, QChar(0xFEFF) + u"jobs:\n- name: b\n  type: sink\n"_s);
}

void TestConfigTextEditor::documentMarkers()
{
    const QString text = u"%YAML 1.2\n---\njobs:\n- name: a\n  type: sink\n...\n# after the document\n"_s;
    const ConfigTextEditor editor(text);
    QVERIFY2(editor.isValid(), qPrintable(editor.error()));
    const std::optional<QString> appended = editor.appendJob(u"name: b\ntype: sink\n"_s);
    QVERIFY2(appended, qPrintable(editor.error()));
    QCOMPARE(*appended,
             u"%YAML 1.2\n---\njobs:\n- name: a\n  type: sink\n- name: b\n  type: sink\n...\n# after the document\n"_s);
    const std::optional<QString> set = editor.setJobValue(u"a"_s, {u"root_fs"_s}, u"x/y"_s);
    QVERIFY2(set, qPrintable(editor.error()));
    QVERIFY(set->contains(u"  type: sink\n  root_fs: x/y\n...\n"_s));
}

void TestConfigTextEditor::quotedNames()
{
    const QString text =
        u"jobs:\n- name: \"my job\"\n  type: sink\n- {name: flow, type: sink}\n- name: 'it''s'   # quoted\n  type: sink\n"_s;
    const ConfigTextEditor editor(text);
    QCOMPARE(names(editor), (QStringList{u"my job"_s, u"flow"_s, u"it's"_s}));
    const std::optional<QString> removed = editor.removeJob(u"it's"_s);
    QVERIFY2(removed, qPrintable(editor.error()));
    QCOMPARE(*removed, u"jobs:\n- name: \"my job\"\n  type: sink\n- {name: flow, type: sink}\n"_s);
    const std::optional<QString> renamed = editor.setJobValue(u"my job"_s, {u"name"_s}, u"'your job'"_s);
    QVERIFY2(renamed, qPrintable(editor.error()));
    QVERIFY(renamed->startsWith(u"jobs:\n- name: 'your job'\n"_s));
    // A job written as a flow mapping is replaced whole, not edited inside.
    QVERIFY(!editor.setJobValue(u"flow"_s, {u"type"_s}, u"push"_s));
    const std::optional<QString> replaced = editor.replaceJob(u"flow"_s, u"name: flow\ntype: pull\n"_s);
    QVERIFY2(replaced, qPrintable(editor.error()));
    QVERIFY(replaced->contains(u"- name: flow\n  type: pull\n- name: 'it''s'"_s));
    // Keys that need quoting are quoted.
    const std::optional<QString> odd = editor.setJobValue(u"my job"_s, {u"odd key: #1"_s}, u"v"_s);
    QVERIFY2(odd, qPrintable(editor.error()));
    QVERIFY(odd->contains(u"  \"odd key: #1\": v\n"_s));
}

void TestConfigTextEditor::refusals_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QString>("argument");
    QTest::addColumn<QString>("message");
    const QString two = u"jobs:\n- name: a\n  type: sink\n- name: b\n  type: sink\n"_s;
    QTest::addRow("flow list") << u"jobs: [{name: a, type: sink}]\n"_s << u"append"_s << u"name: b"_s << u"flow list"_s;
    QTest::addRow("flow document") << u"{jobs: []}"_s << u"append"_s << u"name: b"_s << u"flow style"_s;
    QTest::addRow("existing name") << two << u"append"_s << u"name: a\ntype: sink"_s << u"“a” already exists"_s;
    QTest::addRow("no name") << two << u"append"_s << u"type: sink"_s << u"no “name:”"_s;
    QTest::addRow("with dash") << two << u"append"_s << u"- name: c\n  type: sink"_s << u"without the leading “- ”"_s;
    QTest::addRow("flow job") << two << u"append"_s << u"{name: c}"_s << u"block mapping"_s;
    QTest::addRow("tab indent") << two << u"append"_s << u"name: c\nconnect:\n\ttype: tcp"_s << u"tab"_s;
    QTest::addRow("document marker") << two << u"append"_s << u"name: c\n---\nx: 1"_s << u"document marker"_s;
    QTest::addRow("invalid yaml") << two << u"append"_s << u"name: [c"_s << u"the job's YAML is invalid: line"_s;
    QTest::addRow("less indented") << two << u"append"_s << u"    name: c\n  type: sink"_s << u"indented less"_s;
    QTest::addRow("unknown job") << two << u"remove"_s << u"c"_s << u"no job named “c”"_s;
    QTest::addRow("duplicate names") << u"jobs:\n- name: a\n- name: a\n"_s << u"remove"_s << u"a"_s
                                     << u"more than one job is named “a”"_s;
    QTest::addRow("invalid text") << u"jobs: [\n"_s << u"remove"_s << u"a"_s << u"line"_s;
}

void TestConfigTextEditor::refusals()
{
    QFETCH(QString, text);
    QFETCH(QString, operation);
    QFETCH(QString, argument);
    QFETCH(QString, message);
    const ConfigTextEditor editor(text);
    std::optional<QString> result;
    if (operation == "append"_L1) {
        result = editor.appendJob(argument);
    } else {
        result = editor.removeJob(argument);
    }
    QVERIFY2(!result, qPrintable(result.value_or(QString())));
    QVERIFY2(editor.error().contains(message), qPrintable(editor.error()));
}

void TestConfigTextEditor::invalidTexts_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::addRow("empty") << QString() << u"no top-level “jobs:”"_s;
    QTest::addRow("comments only") << u"# nothing\n"_s << u"no top-level “jobs:”"_s;
    QTest::addRow("no jobs key") << u"global: {}\n"_s << u"no top-level “jobs:”"_s;
    QTest::addRow("a list at the top") << u"- jobs\n"_s << u"no top-level “jobs:”"_s;
    QTest::addRow("jobs a scalar") << u"jobs: none\n"_s << u"line 1: “jobs:” must be a list"_s;
    QTest::addRow("syntax") << u"jobs:\n- name: a\n   type: [\n"_s << u"line 3, column"_s;
    QTest::addRow("two jobs keys") << u"jobs: []\njobs: []\n"_s << u"more than once"_s;
    QTest::addRow("tab indentation") << u"jobs:\n\t- name: a\n"_s << u"line 2, column"_s;
}

void TestConfigTextEditor::invalidTexts()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    const ConfigTextEditor editor(text);
    QVERIFY(!editor.isValid());
    QVERIFY2(editor.error().contains(message), qPrintable(editor.error()));
    QVERIFY(!editor.appendJob(u"name: x"_s));
    QVERIFY(!editor.error().isEmpty());
}

void TestConfigTextEditor::jobYamlInAnyIndentation()
{
    const ConfigTextEditor editor(u"jobs:\n-   name: a\n    type: sink\n"_s);
    const std::optional<QString> edited =
        editor.appendJob(u"\n\n      # the new sink\n      name: b\n      type: sink\n"
                         u"      serve:\n        type: local\n\n"_s);
    QVERIFY2(edited, qPrintable(editor.error()));
    QCOMPARE(*edited,
             u"jobs:\n-   name: a\n    type: sink\n# the new sink\n-   name: b\n    type: sink\n    serve:\n"
             u"      type: local\n"_s);
    QCOMPARE(jobText(ConfigTextEditor(*edited), u"b"_s),
             u"# the new sink\n-   name: b\n    type: sink\n    serve:\n      type: local\n"_s);
}

void TestConfigTextEditor::hostileInputNeverCrashes()
{
    QString deep;
    for (int i = 0; i < 5000; ++i) {
        deep += u'[';
    }
    QString deepBlock = u"jobs:\n- name: a\n"_s;
    for (int i = 1; i < 300; ++i) {
        deepBlock += QString(i * 2, u' ') + u"k:\n"_s;
    }
    const QStringList texts{
        u"jobs: "_s + deep,
        u"jobs:\n- name: a\n  x: "_s + deep,
        deepBlock,
        u"jobs: &a [*a]\n"_s,
        u"jobs:\n- &j {name: a}\n- *j\n"_s,
        u"jobs:\n- name: a\n  x: *undefined\n"_s,
        u"jobs:\n- \"unterminated\n"_s,
        u"jobs:\n-\n-\n- name\n- [a, b]\n"_s,
        u"jobs:\n- ? [complex, key]\n  : value\n  name: a\n"_s,
        u"jobs:\r- name: a\r  type: sink\r"_s,
        QString(u"jobs:\n- name: a\0\n"_s),
        u"jobs:\n- name: a\n  type: sink\n---\njobs:\n- name: b\n"_s,
        u"\n\n\n"_s,
        u"jobs:\n- name: a\n  snapshotting: !!binary aGVsbG8=\n"_s,
        u"jobs:\n- name: a\n  v: \"multi\n   line\" # c\n"_s,
        QString(200000, u'x'),
    };
    for (const QString &text : texts) {
        const ConfigTextEditor editor(text);
        (void)editor.jobs();
        (void)editor.jobNode(u"a"_s);
        for (const std::optional<QString> &result :
             {editor.appendJob(u"name: z\ntype: sink\n"_s),
              editor.replaceJob(u"a"_s, u"name: a\ntype: pull\n"_s),
              editor.removeJob(u"a"_s),
              editor.setJobValue(u"a"_s, {u"v"_s}, u"1"_s),
              editor.setJobValue(u"a"_s, {u"snapshotting"_s, u"interval"_s}, u"- a\n- b\n"_s)}) {
            if (result) {
                QVERIFY2(ConfigTextEditor(*result).isValid(), qPrintable(*result));
            } else {
                QVERIFY(!editor.error().isEmpty());
            }
        }
    }
}

void TestConfigTextEditor::mutatedConfigsEditSafely()
{
    // Random damage to the realistic configuration: whatever the editor makes of it, an edit it agrees to gives a
    // text that reads back with the intended jobs, and never a crash.
    QRandomGenerator random(15);
    const QString alphabet = u" \n-:#\"'[]{}|>&*!\t\r,?a"_s;
    int edits = 0;
    for (int round = 0; round < 400; ++round) {
        QString text = RealisticConfig;
        const int damage = 1 + int(random.bounded(3));
        for (int i = 0; i < damage; ++i) {
            const auto at = qsizetype(random.bounded(int(text.size())));
            if (random.bounded(2) == 0) {
                text.remove(at, 1 + random.bounded(3));
            } else {
                text.insert(at, alphabet[random.bounded(int(alphabet.size()))]);
            }
        }
        const ConfigTextEditor editor(text);
        if (!editor.isValid()) {
            continue;
        }
        const QStringList before = names(editor);
        if (const std::optional<QString> appended = editor.appendJob(u"name: fuzz_new\ntype: sink\n"_s)) {
            QCOMPARE(names(ConfigTextEditor(*appended)), before + QStringList{u"fuzz_new"_s});
            ++edits;
        }
        for (const QString &name : before) {
            if (const std::optional<QString> removed = editor.removeJob(name)) {
                QStringList expected = before;
                expected.removeOne(name);
                QCOMPARE(names(ConfigTextEditor(*removed)), expected);
                ++edits;
            }
            if (const std::optional<QString> set =
                    editor.setJobValue(name, {u"snapshotting"_s, u"interval"_s}, u"5m"_s)) {
                const std::optional<YAML::Node> node = ConfigTextEditor(*set).jobNode(name);
                QVERIFY(node.has_value());
                QCOMPARE((*node)["snapshotting"]["interval"].as<std::string>(), std::string("5m"));
                ++edits;
            }
        }
    }
    QVERIFY2(edits > 100, qPrintable(QString::number(edits)));
}

QTEST_APPLESS_MAIN(TestConfigTextEditor)
#include "TestConfigTextEditor.moc"
