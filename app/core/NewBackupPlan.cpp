// SPDX-License-Identifier: MIT
#include "app/core/NewBackupPlan.h"

#include <algorithm>

#include <QRegularExpression>

#include "app/core/JobNames.h"
#include "app/core/YamlText.h"
#include "shared/config/ConfigTextEditor.h"

using namespace Qt::StringLiterals;

namespace Gui {

namespace {

using YamlText::indented;
using YamlText::scalar;

QString connectYaml(const NewBackupChoices &c, const QString &listener)
{
    QStringList lines{u"connect:"_s};
    switch (c.destination) {
    case BackupDestination::LocalPool:
        lines << u"  type: local"_s << u"  listener_name: "_s + scalar(listener)
              << u"  client_identity: "_s + scalar(c.clientIdentity);
        break;
    case BackupDestination::Ssh:
        lines << u"  type: ssh+stdinserver"_s << u"  host: "_s + scalar(c.sshHost) << u"  user: "_s + scalar(c.sshUser)
              << u"  port: %1"_s.arg(c.sshPort) << u"  identity_file: "_s + scalar(c.identityFile);
        break;
    case BackupDestination::Tcp:
        lines << u"  type: tcp"_s << u"  address: "_s + YamlText::quoted(c.address);
        break;
    case BackupDestination::Tls:
        lines << u"  type: tls"_s << u"  address: "_s + YamlText::quoted(c.address) << u"  ca: "_s + scalar(c.ca)
              << u"  cert: "_s + scalar(c.cert) << u"  key: "_s + scalar(c.key)
              << u"  server_cn: "_s + YamlText::quoted(c.serverCn);
        break;
    }
    return lines.join(u'\n');
}

QString pushJobYaml(const NewBackupChoices &c, const QString &name, const QString &listener)
{
    QStringList lines{u"name: "_s + scalar(name), u"type: push"_s, connectYaml(c, listener)};
    lines << u"filesystems:"_s << indented(c.filesystems.toYamlBlock(), 2);
    if (c.encrypted) {
        lines << u"send:"_s << u"  encrypted: true"_s;
    }
    lines << u"snapshotting:"_s << u"  type: periodic"_s << u"  prefix: "_s + scalar(c.prefix)
          << u"  interval: "_s + scalar(c.interval.trimmed());
    lines << u"pruning:"_s << u"  keep_sender:"_s << indented(c.sender.toYaml(c.prefix), 4) << u"  keep_receiver:"_s
          << indented(c.receiver.toYaml(c.prefix), 4);
    if (!c.healthWarningAfter.trimmed().isEmpty()) {
        // The comment says it where the file is read: zrepl refuses the whole file over this key.
        lines << u"# Holdfast only (zrepl does not know this key): warn when the newest backup is older"_s
              << u"health:"_s << u"  warning_after: "_s + scalar(c.healthWarningAfter.trimmed());
    }
    return lines.join(u'\n');
}

QString localSinkYaml(const QString &name, const QString &rootFs)
{
    return QStringList{u"name: "_s + scalar(name),
                       u"type: sink"_s,
                       u"root_fs: "_s + scalar(rootFs),
                       u"serve:"_s,
                       u"  type: local"_s,
                       u"  listener_name: "_s + scalar(name)}
        .join(u'\n');
}

QString serverSinkYaml(const NewBackupChoices &c, const QString &name)
{
    QStringList lines{
        u"- name: "_s + scalar(name), u"  type: sink"_s, u"  root_fs: "_s + scalar(c.serverRootFs), u"  serve:"_s};
    const QString port = c.address.section(u':', -1);
    switch (c.destination) {
    case BackupDestination::LocalPool:
        break;
    case BackupDestination::Ssh:
        lines << u"    type: stdinserver"_s << u"    client_identities: "_s + YamlText::flowList({c.clientIdentity});
        break;
    case BackupDestination::Tcp:
        lines << u"    type: tcp"_s << u"    listen: "_s + YamlText::quoted(u':' + port)
              << u"    clients: {%1: %2}"_s.arg(YamlText::quoted(c.clientAddress), YamlText::quoted(c.clientIdentity));
        break;
    case BackupDestination::Tls:
        // The server's own certificate, signed by the same CA, with the CN this machine expects (server_cn).
        lines << u"    type: tls"_s << u"    listen: "_s + YamlText::quoted(u':' + port) << u"    ca: "_s + scalar(c.ca)
              << u"    cert: "_s + scalar(u"/etc/holdfast/%1.crt"_s.arg(c.serverCn))
              << u"    key: "_s + scalar(u"/etc/holdfast/%1.key"_s.arg(c.serverCn))
              << u"    client_cns: "_s + YamlText::flowList({c.clientIdentity});
        break;
    }
    return lines.join(u'\n');
}

QString poolOf(const QString &dataset)
{
    return dataset.section(u'/', 0, 0);
}

// The last component of the first included filesystem: "home" for "tank/home<".
QString sourceWord(const FilesystemFilter &filter)
{
    for (const FilterEntry &entry : filter.entries()) {
        if (entry.include) {
            QString path = entry.pattern;
            if (path.endsWith(u'<')) {
                path.chop(1);
            }
            return path.isEmpty() ? u"all"_s : path.section(u'/', -1);
        }
    }
    return u"backup"_s;
}

bool isHostPort(const QString &address)
{
    static const QRegularExpression pattern(u"^(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9_.-]+):([0-9]{1,5})$"_s);
    const QRegularExpressionMatch match = pattern.match(address.trimmed());
    return match.hasMatch() && match.captured(2).toInt() > 0 && match.captured(2).toInt() < 65536;
}

bool isDatasetPath(const QString &path)
{
    static const QRegularExpression pattern(u"^[A-Za-z0-9][A-Za-z0-9_.:-]*(/[A-Za-z0-9_.: -]+)*$"_s);
    return pattern.match(path).hasMatch() && !path.endsWith(u' ');
}

}  // namespace

QString NewBackupText::holdfastOnlyHealth()
{
    return tr("The warning when the newest backup gets old (“health”) is Holdfast's own: zrepl refuses a "
              "configuration with it. Leave it off to keep the file loadable by zrepl.");
}

QString
NewBackupPlan::suggestName(const FilesystemFilter &filter, const QString &target, const QStringList &existingJobs)
{
    const QString base =
        JobNames::sanitize(u"%1_to_%2"_s.arg(sourceWord(filter), target.section(u'.', 0, 0)), u"backup"_s);
    return JobNames::unique(base, existingJobs);
}

QStringList NewBackupPlan::problems(const NewBackupChoices &c, const QStringList &existingJobs)
{
    return filesystemProblems(c) + destinationProblems(c) + scheduleProblems(c) + nameProblems(c, existingJobs);
}

QStringList NewBackupPlan::nameProblems(const NewBackupChoices &c, const QStringList &existingJobs)
{
    QStringList out;
    if (const std::optional<QString> why = JobNames::problem(c.name, existingJobs)) {
        out.append(*why);
    }
    return out;
}

QStringList NewBackupPlan::filesystemProblems(const NewBackupChoices &c)
{
    QStringList out;
    if (std::none_of(c.filesystems.entries().cbegin(), c.filesystems.entries().cend(), [](const FilterEntry &entry) {
            return entry.include;
        })) {
        out.append(NewBackupText::tr("Choose at least one filesystem to back up"));
    }
    return out;
}

QStringList NewBackupPlan::destinationProblems(const NewBackupChoices &c)
{
    QStringList out;
    static const QRegularExpression identity(u"^[A-Za-z0-9][A-Za-z0-9_.-]*$"_s);
    if (!identity.match(c.clientIdentity).hasMatch()) {
        out.append(NewBackupText::tr("“%1” cannot name this machine on the receiving side: use letters, digits, "
                                     "“-” and “.”")
                       .arg(c.clientIdentity));
    }
    switch (c.destination) {
    case BackupDestination::LocalPool:
        if (!isDatasetPath(c.localRootFs)) {
            out.append(
                NewBackupText::tr("“%1” is no dataset to receive into, such as usbpool/holdfast").arg(c.localRootFs));
        } else if (c.filesystems.matches(c.localRootFs)) {
            out.append(NewBackupText::tr("%1 lies inside what is backed up: the backup would back itself up. Choose "
                                         "another pool, or leave it out of the filesystems")
                           .arg(c.localRootFs));
        }
        break;
    case BackupDestination::Ssh:
        if (c.sshHost.trimmed().isEmpty() || c.sshHost.contains(u' ')) {
            out.append(NewBackupText::tr("Enter the server's host name or address"));
        }
        if (c.sshUser.trimmed().isEmpty() || c.sshUser.contains(u' ')) {
            out.append(NewBackupText::tr("Enter the user to log in as on the server"));
        }
        if (c.sshPort <= 0 || c.sshPort > 65535) {
            out.append(NewBackupText::tr("The ssh port must be between 1 and 65535"));
        }
        if (!c.identityFile.startsWith(u'/')) {
            out.append(NewBackupText::tr("The identity file must be an absolute path (the daemon runs as root, "
                                         "from /)"));
        }
        break;
    case BackupDestination::Tcp:
    case BackupDestination::Tls:
        if (!isHostPort(c.address)) {
            out.append(NewBackupText::tr("“%1” is not host:port, such as backup.example.org:8888").arg(c.address));
        }
        if (c.destination == BackupDestination::Tls) {
            for (const QString &path : {c.ca, c.cert, c.key}) {
                if (!path.startsWith(u'/')) {
                    out.append(NewBackupText::tr("The CA, certificate and key must be absolute paths"));
                    break;
                }
            }
            if (c.serverCn.trimmed().isEmpty()) {
                out.append(NewBackupText::tr("Enter the name (CN) in the server's certificate"));
            }
        } else if (c.clientAddress.trimmed().isEmpty()) {
            out.append(NewBackupText::tr("Enter this machine's address as the server sees it"));
        }
        break;
    }
    if (c.destination != BackupDestination::LocalPool && !isDatasetPath(c.serverRootFs)) {
        out.append(NewBackupText::tr("“%1” is no dataset on the server to receive into, such as backup/holdfast")
                       .arg(c.serverRootFs));
    }
    return out;
}

QStringList NewBackupPlan::scheduleProblems(const NewBackupChoices &c)
{
    QStringList out;
    if (const std::optional<QString> why = Retention::intervalProblem(c.interval)) {
        out.append(*why);
    }
    for (const KeepPolicy *policy : {&c.sender, &c.receiver}) {
        if (!policy->grid.isEmpty()) {
            if (const std::optional<QString> why = Retention::gridProblem(policy->grid)) {
                out.append(*why);
            }
        }
    }
    if (!c.healthWarningAfter.trimmed().isEmpty()) {
        if (const std::optional<QString> why = Retention::intervalProblem(c.healthWarningAfter)) {
            out.append(*why);
        }
    }
    return out;
}

NewBackupPlan NewBackupPlan::build(const NewBackupChoices &c, const QStringList &existingJobs)
{
    NewBackupPlan plan;
    plan.pushJob = c.name;
    if (c.destination == BackupDestination::LocalPool && !c.reuseSink.isEmpty()) {
        plan.sinkJob = c.reuseSink;
        plan.localJobs << pushJobYaml(c, c.name, c.reuseListener);
    } else if (c.destination == BackupDestination::LocalPool) {
        // One listener per sink: the sink job's name is unique in the file, and so is the listener then.
        plan.sinkJob = JobNames::unique(JobNames::sanitize(poolOf(c.localRootFs) + u"_sink"_s, u"sink"_s),
                                        QStringList(existingJobs) << c.name);
        plan.localJobs << pushJobYaml(c, c.name, plan.sinkJob) << localSinkYaml(plan.sinkJob, c.localRootFs);
    } else {
        plan.sinkJob = JobNames::sanitize(c.clientIdentity + u"_sink"_s, u"sink"_s);
        plan.localJobs << pushJobYaml(c, c.name, QString());
        plan.serverJob = serverSinkYaml(c, plan.sinkJob);
    }
    if (c.destination == BackupDestination::Ssh) {
        const QString command = u"command=\"holdfast stdinserver %1\",restrict"_s.arg(c.clientIdentity);
        if (!c.publicKey.trimmed().isEmpty()) {
            plan.authorizedKeysLine = command + u' ' + c.publicKey.trimmed();
        } else {
            // The daemon's key is root's; the line is printed where it can be read.
            plan.authorizedKeysCommand = u"echo '%1 '\"$(sudo cat %2.pub)\""_s.arg(command, c.identityFile);
        }
    }
    if (!c.healthWarningAfter.trimmed().isEmpty()) {
        plan.holdfastOnly.append(NewBackupText::holdfastOnlyHealth());
    }
    return plan;
}

QStringList NewBackupPlan::jobNames(const QString &text)
{
    QStringList names;
    const ConfigEdit::ConfigTextEditor editor(text);
    for (const ConfigEdit::ConfigTextEditor::JobRange &job : editor.jobs()) {
        names.append(job.name);
    }
    return names;
}

void NewBackupPlan::useExistingSink(NewBackupChoices &choices, const QString &text)
{
    choices.reuseSink.clear();
    choices.reuseListener.clear();
    if (choices.destination != BackupDestination::LocalPool) {
        return;
    }
    const ConfigEdit::ConfigTextEditor editor(text);
    for (const ConfigEdit::ConfigTextEditor::JobRange &range : editor.jobs()) {
        const std::optional<YAML::Node> job = editor.jobNode(range.name);
        if (!job || !job->IsDefined() || !job->IsMap()) {
            continue;
        }
        const auto scalar = [](const YAML::Node &node) {
            return node.IsDefined() && node.IsScalar() ? QString::fromStdString(node.Scalar()) : QString();
        };
        const YAML::Node &map = *job;
        const YAML::Node serve = map["serve"];
        if (scalar(map["type"]) != u"sink" || !serve.IsDefined() || !serve.IsMap()
            || scalar(serve["type"]) != u"local") {
            continue;
        }
        if (scalar(map["root_fs"]) == choices.localRootFs && !scalar(serve["listener_name"]).isEmpty()) {
            choices.reuseSink = range.name;
            choices.reuseListener = scalar(serve["listener_name"]);
            return;
        }
    }
}

std::optional<NewBackupPlan::Appended> NewBackupPlan::appendTo(const QString &text, QString *error) const
{
    QString current = text;
    for (const QString &job : localJobs) {
        const ConfigEdit::ConfigTextEditor editor(current);
        if (!editor.isValid()) {
            *error = NewBackupText::tr("The configuration file cannot take new jobs: %1").arg(editor.error());
            return std::nullopt;
        }
        const std::optional<QString> next = editor.appendJob(job);
        if (!next) {
            *error = NewBackupText::tr("The job could not be added to the configuration: %1").arg(editor.error());
            return std::nullopt;
        }
        current = *next;
    }
    // appendJob inserts one block at the end of the jobs list: the lines that differ between the texts.
    const QStringList before = text.split(u'\n');
    const QStringList after = current.split(u'\n');
    qsizetype head = 0;
    while (head < before.size() && head < after.size() && before[head] == after[head]) {
        ++head;
    }
    qsizetype tail = 0;
    while (tail < before.size() - head && tail < after.size() - head
           && before[before.size() - 1 - tail] == after[after.size() - 1 - tail]) {
        ++tail;
    }
    Appended appended;
    appended.text = current;
    appended.firstLine = int(head) + 1;
    appended.added = after.mid(head, after.size() - head - tail).join(u'\n');
    return appended;
}

}  // namespace Gui
