// SPDX-License-Identifier: MIT
#include "daemon/cli/RestoreCommands.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <csignal>

#include "daemon/cli/CliCommands.h"
#include "shared/restore/RestoreEngine.h"
#include "shared/restore/SnapshotCatalog.h"
#include "shared/restore/VersionHistory.h"
#include "shared/restore/ZfsMounts.h"

using namespace Qt::StringLiterals;

namespace Daemon {

namespace {

std::atomic<bool> interrupted{false};

// The absolute path as given, with symlinks in its folders resolved (the file itself may be gone or a symlink).
QString absolute(const QString &path)
{
    const QFileInfo info(path);
    const QString folder = QFileInfo(info.absolutePath()).canonicalFilePath();
    return QDir::cleanPath((folder.isEmpty() ? info.absolutePath() : folder) + u'/' + info.fileName());
}

struct Located
{
    QString path;
    Restore::FileLocation location;
    QList<Restore::SnapshotEntry> snapshots;
};

std::optional<Located> locate(CliContext &context, const QString &given)
{
    Located located;
    located.path = absolute(given);
    const std::optional<Restore::FileLocation> location = Restore::ZfsMounts::fromSystem().locate(located.path);
    if (!location) {
        context.err << RestoreCommands::tr("%1 is not on a mounted ZFS filesystem: it has no snapshots to restore from")
                           .arg(located.path)
                    << Qt::endl;
        return std::nullopt;
    }
    located.location = *location;
    QString error;
    located.snapshots = Restore::SnapshotCatalog::list(location->mount.mountPoint, location->mount.dataset,
                                                       Restore::SnapshotCatalog::systemQuery(), &error);
    if (!error.isEmpty()) {
        context.err << error << Qt::endl;
        return std::nullopt;
    }
    return located;
}

QString typeName(Restore::FileState::Type type)
{
    switch (type) {
    case Restore::FileState::Type::Missing: return u"missing"_s;
    case Restore::FileState::Type::File: return u"file"_s;
    case Restore::FileState::Type::Directory: return u"directory"_s;
    case Restore::FileState::Type::Symlink: return u"symlink"_s;
    case Restore::FileState::Type::Other: return u"other"_s;
    }
    return {};
}

QJsonObject stateJson(const Restore::FileState &state)
{
    QJsonObject object{{u"type"_s, typeName(state.type)}};
    if (state.exists()) {
        object.insert(u"size"_s, state.size);
        object.insert(u"modified"_s, state.modified().toString(Qt::ISODateWithMs));
        object.insert(u"inode"_s, QString::number(state.inode));
    }
    if (state.error != 0) {
        object.insert(u"error"_s, QString::fromLocal8Bit(std::strerror(state.error)));
    }
    return object;
}

QString timeSourceName(Restore::SnapshotEntry::TimeSource source)
{
    switch (source) {
    case Restore::SnapshotEntry::TimeSource::Zfs: return u"zfs"_s;
    case Restore::SnapshotEntry::TimeSource::Name: return u"name"_s;
    case Restore::SnapshotEntry::TimeSource::Directory: return u"directory"_s;
    case Restore::SnapshotEntry::TimeSource::Unknown: return u"unknown"_s;
    }
    return {};
}

QString when(const QDateTime &time)
{
    return time.isValid() ? time.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s) : RestoreCommands::tr("unknown time");
}

}  // namespace

int RestoreCommands::versions(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("The versions of a file or folder in the snapshots of its ZFS filesystem, newest first: snapshots in which "
           "it had the same size, modification time and inode are one version. Reads .zfs/snapshot as you, so you see "
           "what you may read; no daemon is needed."));
    parser.addPositionalArgument(u"path"_s, tr("the file or folder (it need not exist any more)"));
    parser.addOption({u"json"_s, tr("Print JSON: the snapshots and the versions with their spans.")});
    if (const std::optional<int> exit = CliCommands::parseArguments(context, parser, arguments, u"PATH [--json]"_s)) {
        return *exit;
    }
    if (parser.positionalArguments().size() != 1) {
        context.err << tr("usage: holdfast versions PATH [--json]") << Qt::endl;
        return CliCommands::UsageError;
    }
    const std::optional<Located> located = locate(context, parser.positionalArguments().constFirst());
    if (!located) {
        return CliCommands::Failure;
    }
    const Restore::FileHistory history =
        Restore::computeHistory(located->path, located->location.relativePath, located->snapshots);

    if (parser.isSet(u"json"_s)) {
        QJsonArray snapshots;
        for (const Restore::SnapshotEntry &snapshot : history.snapshots) {
            QJsonObject object{{u"name"_s, snapshot.name},
                               {u"path"_s, snapshot.root},
                               {u"created"_s, snapshot.created.isValid() ? QJsonValue(snapshot.created.toString(Qt::ISODate))
                                                                         : QJsonValue()},
                               {u"time_source"_s, timeSourceName(snapshot.timeSource)},
                               {u"prefix"_s, snapshot.prefix}};
            object.insert(u"held"_s, snapshot.held ? QJsonValue(*snapshot.held) : QJsonValue());
            snapshots.append(object);
        }
        QJsonArray versions;
        for (const Restore::FileVersion &version : history.versions) {
            QJsonObject object = stateJson(version.state);
            object.insert(u"newest_snapshot"_s, history.snapshots[version.newest].name);
            object.insert(u"oldest_snapshot"_s, history.snapshots[version.oldest].name);
            object.insert(u"snapshots"_s, version.snapshotCount());
            object.insert(u"current"_s, version.current);
            object.insert(u"path"_s, history.pathIn(version.newest));
            versions.append(object);
        }
        const QJsonObject document{{u"path"_s, history.livePath},
                                   {u"dataset"_s, located->location.mount.dataset},
                                   {u"mountpoint"_s, located->location.mount.mountPoint},
                                   {u"relative_path"_s, history.relativePath},
                                   {u"live"_s, stateJson(history.live)},
                                   {u"snapshots"_s, snapshots},
                                   {u"versions"_s, versions}};
        context.out << QString::fromUtf8(QJsonDocument(document).toJson(QJsonDocument::Indented));
        return CliCommands::Success;
    }

    QTextStream &out = context.out;
    out << tr("%1 (filesystem %2): %n version(s) in %3 snapshot(s)", nullptr, history.contentVersions())
               .arg(history.livePath, located->location.mount.dataset)
               .arg(history.snapshots.size())
        << Qt::endl;
    if (history.snapshots.isEmpty()) {
        out << tr("This filesystem has no snapshots.") << Qt::endl;
        return CliCommands::Success;
    }
    const QLocale locale;
    for (const Restore::FileVersion &version : history.versions) {
        const Restore::SnapshotEntry &newest = history.snapshots[version.newest];
        const Restore::SnapshotEntry &oldest = history.snapshots[version.oldest];
        const QString span = version.snapshotCount() == 1
                                 ? tr("in %1 (%2)").arg(newest.name, when(newest.created))
                                 : tr("in %n snapshots, %1 (%2) to %3 (%4)", nullptr, version.snapshotCount())
                                       .arg(oldest.name, when(oldest.created), newest.name, when(newest.created));
        QString what;
        if (!version.state.exists()) {
            what = version.state.error != 0
                       ? tr("not readable by you (%1)").arg(QString::fromLocal8Bit(std::strerror(version.state.error)))
                       : tr("did not exist");
        } else {
            what = tr("%1, modified %2").arg(version.state.type == Restore::FileState::Type::Directory
                                                 ? tr("folder")
                                                 : locale.formattedDataSize(version.state.size),
                                             when(version.state.modified()));
            if (version.current) {
                what += tr(" — the same as now");
            }
        }
        out << u"  "_s << what << u"  "_s << span << Qt::endl;
        if (version.state.exists()) {
            out << u"      "_s << history.pathIn(version.newest) << Qt::endl;
        }
    }
    if (!history.live.exists()) {
        out << tr("It does not exist now: `holdfast restore %1 --from SNAPSHOT` brings a version back.").arg(history.livePath)
            << Qt::endl;
    }
    return CliCommands::Success;
}

int RestoreCommands::restore(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Restores a file or folder from a snapshot of its ZFS filesystem, as you (the kernel checks that you may "
           "read it). Nothing is overwritten: --replace keeps what is there now beside it as \"NAME (before restore "
           "DATE)\"; the default, a copy, goes next to it as \"NAME (from DATE)\"; --into puts it into a folder. The "
           "copy is written under a temporary name and renamed when complete."));
    parser.addPositionalArgument(u"path"_s, tr("the file or folder as it is (or was) named now"));
    parser.addOption({u"from"_s, tr("The snapshot to restore from (its name after '@'; see `holdfast versions`)."),
                      tr("snapshot")});
    parser.addOption({u"replace"_s, tr("Put the version in place; keep the current one beside it.")});
    parser.addOption({u"into"_s, tr("Restore into this folder."), tr("folder")});
    parser.addOption({u"dry-run"_s, tr("Say what would change; change nothing.")});
    const QString synopsis = u"PATH --from SNAPSHOT [--replace | --into FOLDER] [--dry-run]"_s;
    if (const std::optional<int> exit = CliCommands::parseArguments(context, parser, arguments, synopsis)) {
        return *exit;
    }
    if (parser.positionalArguments().size() != 1 || !parser.isSet(u"from"_s)
        || (parser.isSet(u"replace"_s) && parser.isSet(u"into"_s))) {
        context.err << tr("usage: holdfast restore %1").arg(synopsis) << Qt::endl;
        return CliCommands::UsageError;
    }
    const std::optional<Located> located = locate(context, parser.positionalArguments().constFirst());
    if (!located) {
        return CliCommands::Failure;
    }
    const QString from = parser.value(u"from"_s);
    const auto snapshot = std::find_if(located->snapshots.cbegin(), located->snapshots.cend(),
                                       [&](const Restore::SnapshotEntry &entry) { return entry.name == from; });
    if (snapshot == located->snapshots.cend()) {
        context.err << tr("%1 has no snapshot %2 (`holdfast versions %3` lists them)")
                           .arg(located->location.mount.dataset, from, located->path)
                    << Qt::endl;
        return CliCommands::Failure;
    }
    Restore::RestoreRequest request;
    request.source = located->location.relativePath.isEmpty() ? snapshot->root
                                                              : snapshot->root + u'/' + located->location.relativePath;
    request.original = located->path;
    request.mode = parser.isSet(u"replace"_s) ? Restore::RestoreMode::Replace
                   : parser.isSet(u"into"_s) ? Restore::RestoreMode::IntoFolder
                                             : Restore::RestoreMode::Copy;
    request.folder = parser.isSet(u"into"_s) ? absolute(parser.value(u"into"_s)) : QString();
    request.snapshotTime = snapshot->created;
    request.now = QDateTime::currentDateTime();
    const Restore::RestorePlan plan = Restore::RestoreEngine::plan(request);
    if (!plan.ok()) {
        context.err << plan.error << Qt::endl;
        return CliCommands::Failure;
    }
    context.out << plan.describe() << Qt::endl;
    if (parser.isSet(u"dry-run"_s)) {
        context.out << tr("Dry run: nothing was changed.") << Qt::endl;
        return CliCommands::Success;
    }
    // Ctrl-C cancels cleanly: the partial copy is removed and nothing is left under a real name.
    interrupted = false;
    struct sigaction action{};
    action.sa_handler = [](int) { interrupted = true; };
    sigemptyset(&action.sa_mask);
    struct sigaction previousInt{};
    struct sigaction previousTerm{};
    sigaction(SIGINT, &action, &previousInt);
    sigaction(SIGTERM, &action, &previousTerm);
    const Restore::RestoreResult result = Restore::RestoreEngine::run(plan, &interrupted);
    sigaction(SIGINT, &previousInt, nullptr);
    sigaction(SIGTERM, &previousTerm, nullptr);

    QTextStream &stream = result.outcome == Restore::RestoreResult::Outcome::Restored ? context.out : context.err;
    stream << result.summary() << Qt::endl;
    for (const QString &skipped : result.skipped) {
        stream << tr("  not restored: %1").arg(skipped) << Qt::endl;
    }
    for (const QString &warning : result.warnings) {
        stream << tr("  note: %1").arg(warning) << Qt::endl;
    }
    switch (result.outcome) {
    case Restore::RestoreResult::Outcome::Restored:
        return result.skipped.isEmpty() ? CliCommands::Success : CliCommands::Failure;
    case Restore::RestoreResult::Outcome::Cancelled:
        return 130;
    case Restore::RestoreResult::Outcome::Failed:
        break;
    }
    return CliCommands::Failure;
}

}  // namespace Daemon
