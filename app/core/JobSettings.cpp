// SPDX-License-Identifier: MIT
#include "app/core/JobSettings.h"

#include <QRegularExpression>

#include "app/core/YamlText.h"
#include "shared/config/ConfigTextEditor.h"

using namespace Qt::StringLiterals;

namespace Gui {

namespace {

// yaml-cpp throws on a missing key's node (a "zombie") once asked anything but IsDefined(): these ask that first.
bool isMap(const YAML::Node &node)
{
    return node.IsDefined() && node.IsMap();
}

bool isSequence(const YAML::Node &node)
{
    return node.IsDefined() && node.IsSequence();
}

YAML::Node child(const YAML::Node &map, const char *key)
{
    return isMap(map) ? map[key] : YAML::Node(YAML::NodeType::Undefined);
}

QString text(const YAML::Node &node)
{
    return node.IsDefined() && node.IsScalar() ? QString::fromStdString(node.Scalar()) : QString();
}

bool onlyKeys(const YAML::Node &map, const QStringList &allowed)
{
    for (auto it = map.begin(); it != map.end(); ++it) {
        if (!it->first.IsScalar() || !allowed.contains(text(it->first))) {
            return false;
        }
    }
    return true;
}

// The regex a rule uses for "the snapshots this job takes": "^zrepl_.*" or "^zrepl_" for prefix "zrepl_".
bool isOwnRegex(const QString &regex, const QString &prefix)
{
    const QString escaped = QRegularExpression::escape(prefix);
    return regex == u'^' + escaped + u".*"_s || regex == u'^' + escaped || regex == u'^' + prefix + u".*"_s
           || regex == u'^' + prefix;
}

// The prefix a grid's or regex rule's "^prefix.*" names, for jobs that take no snapshots themselves (pull).
QString prefixOfRules(const YAML::Node &list)
{
    static const QRegularExpression own(u"^\\^([A-Za-z0-9_:-]+)(\\.\\*)?$"_s);
    if (!isSequence(list)) {
        return {};
    }
    for (const YAML::Node &rule : list) {
        if (isMap(rule)) {
            const QRegularExpressionMatch match = own.match(text(child(rule, "regex")));
            if (match.hasMatch()) {
                return match.captured(1);
            }
        }
    }
    return {};
}

KeepSetting readKeep(const YAML::Node &list, const QString &prefix)
{
    KeepSetting setting;
    if (!list.IsDefined() || list.IsNull()) {
        return setting;
    }
    setting.present = true;
    YAML::Emitter emitter;
    emitter << list;
    setting.asWritten = QString::fromUtf8(emitter.c_str());
    if (!isSequence(list)) {
        return setting;
    }
    KeepPolicy policy;
    policy.keepOthers = false;
    for (const YAML::Node &rule : list) {
        if (!isMap(rule)) {
            return setting;
        }
        const QString type = text(child(rule, "type"));
        if (type == u"not_replicated" && onlyKeys(rule, {u"type"_s, u"keep_snapshot_at_cursor"_s})
            && (!child(rule, "keep_snapshot_at_cursor") || text(child(rule, "keep_snapshot_at_cursor")) == u"true")
            && !policy.notReplicated) {
            policy.notReplicated = true;
        } else if (type == u"last_n" && onlyKeys(rule, {u"type"_s, u"count"_s}) && policy.lastN == 0) {
            bool ok = false;
            policy.lastN = text(child(rule, "count")).toInt(&ok);
            if (!ok || policy.lastN <= 0) {
                return setting;
            }
        } else if (type == u"grid" && onlyKeys(rule, {u"type"_s, u"grid"_s, u"regex"_s}) && policy.grid.isEmpty()
                   && isOwnRegex(text(child(rule, "regex")), prefix)
                   && !text(child(rule, "grid")).trimmed().isEmpty()) {
            policy.grid = text(child(rule, "grid")).simplified();
        } else if (type == u"regex" && onlyKeys(rule, {u"type"_s, u"regex"_s, u"negate"_s})
                   && text(child(rule, "negate")) == u"true" && isOwnRegex(text(child(rule, "regex")), prefix)
                   && !policy.keepOthers) {
            policy.keepOthers = true;
        } else {
            return setting;  // a rule the dialog has no words for: shown as written, left alone
        }
    }
    setting.policy = policy;
    setting.asWritten = policy.describe();
    return setting;
}

}  // namespace

bool JobSettings::hasInterval(const QString &type)
{
    return type == u"push" || type == u"pull" || type == u"snap" || type == u"source";
}

bool JobSettings::hasFilesystems(const QString &type)
{
    return type == u"push" || type == u"snap" || type == u"source";
}

bool JobSettings::hasReceiver(const QString &type)
{
    return type == u"push" || type == u"pull";
}

bool JobSettings::hasSender(const QString &type)
{
    return type == u"push" || type == u"pull" || type == u"snap";
}

std::optional<JobSettings>
JobSettings::read(const ConfigEdit::ConfigTextEditor &editor, const QString &name, QString *error)
{
    if (!editor.isValid()) {
        *error = JobSettingsEdit::tr("The configuration cannot be read: %1").arg(editor.error());
        return std::nullopt;
    }
    const std::optional<YAML::Node> found = editor.jobNode(name);
    if (!found || !isMap(*found)) {
        *error = JobSettingsEdit::tr("Job %1 is not in the configuration file").arg(name);
        return std::nullopt;
    }
    const YAML::Node &job = *found;
    JobSettings settings;
    settings.name = name;
    settings.type = text(child(job, "type"));
    const YAML::Node snapshotting = child(job, "snapshotting");
    if (isMap(snapshotting)) {
        settings.periodic = text(child(snapshotting, "type")) == u"periodic";
        if (settings.periodic) {
            settings.interval = text(child(snapshotting, "interval"));
            settings.prefix = text(child(snapshotting, "prefix"));
        }
    } else if (settings.type == u"pull") {
        settings.interval = text(child(job, "interval"));
        settings.periodic = !settings.interval.isEmpty() && settings.interval != u"manual";
        if (!settings.periodic) {
            settings.interval.clear();
        }
    }
    const YAML::Node pruning = child(job, "pruning");
    const YAML::Node senderRules = settings.type == u"snap" ? child(pruning, "keep") : child(pruning, "keep_sender");
    if (settings.prefix.isEmpty()) {
        settings.prefix = prefixOfRules(child(pruning, "keep_receiver"));
        if (settings.prefix.isEmpty()) {
            settings.prefix = prefixOfRules(senderRules);
        }
        if (settings.prefix.isEmpty()) {
            settings.prefix = Retention::defaultPrefix();
        }
    }
    if (isMap(pruning)) {
        if (hasSender(settings.type)) {
            settings.sender = readKeep(senderRules, settings.prefix);
        }
        if (hasReceiver(settings.type)) {
            settings.receiver = readKeep(child(pruning, "keep_receiver"), settings.prefix);
        }
    }
    if (hasFilesystems(settings.type)) {
        const YAML::Node filesystems = child(job, "filesystems");
        if (isMap(filesystems)) {
            QList<FilterEntry> entries;
            for (auto it = filesystems.begin(); it != filesystems.end(); ++it) {
                entries.append({text(it->first), text(it->second) == u"true"});
            }
            settings.filesystems = FilesystemFilter(entries);
        }
    }
    return settings;
}

QStringList JobSettingsEdit::describe(const JobSettings &before, const JobSettings &after)
{
    QStringList out;
    if (after.periodic != before.periodic) {
        out.append(
            after.periodic
                ? tr("snapshots %1 instead of only on wake-up").arg(Retention::describeInterval(after.interval))
                : tr("snapshots only on wake-up instead of %1").arg(Retention::describeInterval(before.interval)));
    } else if (after.periodic && after.interval.trimmed() != before.interval) {
        out.append(tr("snapshots %1 instead of %2")
                       .arg(Retention::describeInterval(after.interval), Retention::describeInterval(before.interval)));
    }
    const auto keep = [&](const KeepSetting &b, const KeepSetting &a, const QString &side) {
        if (a.policy && a.policy != b.policy) {
            out.append(tr("%1 keeps %2 instead of %3")
                           .arg(side, a.policy->describe(), b.asWritten.isEmpty() ? tr("nothing") : b.asWritten));
        }
    };
    keep(before.sender, after.sender, before.type == u"snap" ? tr("the pool") : tr("this side"));
    keep(before.receiver, after.receiver, tr("the receiving side"));
    if (after.filesystems && after.filesystems != before.filesystems) {
        out.append(tr("backs up %1 instead of %2")
                       .arg(after.filesystems->describe(),
                            before.filesystems ? before.filesystems->describe() : tr("nothing")));
    }
    return out;
}

std::optional<QString>
JobSettingsEdit::apply(const QString &original, const JobSettings &before, const JobSettings &after, QString *error)
{
    QString current = original;
    const auto set = [&](const QStringList &path, const QString &value) {
        const ConfigEdit::ConfigTextEditor editor(current);
        const std::optional<QString> next = editor.setJobValue(before.name, path, value);
        if (!next) {
            *error = tr("%1 could not be changed: %2").arg(path.join(u'.'), editor.error());
            return false;
        }
        current = *next;
        return true;
    };
    const bool pull = before.type == u"pull";
    if (after.periodic != before.periodic || (after.periodic && after.interval.trimmed() != before.interval)) {
        const QString interval = YamlText::scalar(after.interval.trimmed());
        bool ok = true;
        if (pull) {
            ok = set({u"interval"_s}, after.periodic ? interval : u"manual"_s);
        } else if (after.periodic && before.periodic) {
            ok = set({u"snapshotting"_s, u"interval"_s}, interval);
        } else if (after.periodic) {
            ok = set({u"snapshotting"_s},
                     u"type: periodic\nprefix: %1\ninterval: %2"_s.arg(YamlText::scalar(after.prefix), interval));
        } else {
            ok = set({u"snapshotting"_s}, u"type: manual"_s);
        }
        if (!ok) {
            return std::nullopt;
        }
    }
    if (after.sender.policy && after.sender.policy != before.sender.policy) {
        const QStringList path{u"pruning"_s, before.type == u"snap" ? u"keep"_s : u"keep_sender"_s};
        if (!set(path, after.sender.policy->toYaml(after.prefix))) {
            return std::nullopt;
        }
    }
    if (after.receiver.policy && after.receiver.policy != before.receiver.policy) {
        if (!set({u"pruning"_s, u"keep_receiver"_s}, after.receiver.policy->toYaml(after.prefix))) {
            return std::nullopt;
        }
    }
    if (after.filesystems && after.filesystems != before.filesystems) {
        if (after.filesystems->isEmpty()) {
            *error = tr("A job needs at least one filesystem");
            return std::nullopt;
        }
        if (!set({u"filesystems"_s}, after.filesystems->toYamlBlock())) {
            return std::nullopt;
        }
    }
    return current;
}

}  // namespace Gui
