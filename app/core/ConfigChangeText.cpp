// SPDX-License-Identifier: MIT
#include "app/core/ConfigChangeText.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace Gui {

QString ConfigChangeText::list(const QStringList &items)
{
    if (items.size() <= 1) {
        return items.value(0);
    }
    return tr("%1 and %2").arg(QStringList(items.mid(0, items.size() - 1)).join(u", "_s), items.constLast());
}

QString ConfigChangeText::changes(const Api::ReloadChanges &c)
{
    QStringList sentences;
    const auto jobs = [](const QStringList &names, const QString &one, const QString &many) {
        return (names.size() == 1 ? one : many).arg(list(names));
    };
    if (!c.added.isEmpty()) {
        sentences.append(jobs(c.added, tr("Adds job %1."), tr("Adds jobs %1.")));
    }
    if (!c.changed.isEmpty()) {
        sentences.append(jobs(c.changed, tr("Changes job %1."), tr("Changes jobs %1.")));
    }
    if (!c.removed.isEmpty()) {
        sentences.append(jobs(c.removed, tr("Removes job %1."), tr("Removes jobs %1.")));
    }
    if (!c.globalApplied.isEmpty()) {
        sentences.append(tr("Changes %1.").arg(list(c.globalApplied)));
    }
    if (!c.globalNeedsRestart.isEmpty()) {
        sentences.append(tr("Changes %1, which take effect when the daemon restarts.").arg(list(c.globalNeedsRestart)));
    }
    if (sentences.isEmpty()) {
        return tr("Changes nothing the daemon runs.");
    }
    return sentences.join(u' ');
}

QString ConfigChangeText::report(const Api::ReloadReport &r)
{
    if (!r.ok) {
        const QString why = r.problem ? r.problem->toString() : tr("no reason given");
        return tr("The daemon did not take the file and keeps running the configuration it ran before: %1").arg(why);
    }
    QStringList sentences;
    const Api::ReloadChanges &c = r.changes;
    if (!c.added.isEmpty()) {
        sentences.append((c.added.size() == 1 ? tr("Job %1 started.") : tr("Jobs %1 started.")).arg(list(c.added)));
    }
    if (!r.restarted.isEmpty()) {
        sentences.append(tr("Restarted with the new settings: %1.").arg(list(r.restarted)));
    }
    if (!r.pending.isEmpty()) {
        sentences.append(
            tr("%1 restart(s) with the new settings once the work under way is done.").arg(list(r.pending)));
    }
    const QStringList changedNow = [&] {
        QStringList names;
        for (const QString &name : c.changed) {
            if (!r.restarted.contains(name) && !r.pending.contains(name)) {
                names.append(name);
            }
        }
        return names;
    }();
    if (!changedNow.isEmpty()) {
        sentences.append(tr("Changed: %1.").arg(list(changedNow)));
    }
    if (!c.removed.isEmpty()) {
        sentences.append((c.removed.size() == 1 ? tr("Job %1 stopped.") : tr("Jobs %1 stopped.")).arg(list(c.removed)));
    }
    if (!c.globalNeedsRestart.isEmpty()) {
        sentences.append(tr("%1 take(s) effect when the daemon restarts.").arg(list(c.globalNeedsRestart)));
    }
    if (sentences.isEmpty()) {
        sentences.append(tr("Nothing the daemon runs changed."));
    }
    return tr("Applied.") + u' ' + sentences.join(u' ');
}

QString ConfigChangeText::firstSnapshot(const QString &job, const Api::DaemonStatus &status)
{
    const auto it = status.jobs.constFind(job);
    if (it == status.jobs.constEnd()) {
        return {};
    }
    const Api::SnapperReport *snapper = nullptr;
    if (const Api::ActiveSideStatus *active = it->active(); active && active->snapshotting) {
        snapper = &*active->snapshotting;
    } else if (const Api::SnapJobStatus *snap = it->snap(); snap && snap->snapshotting) {
        snapper = &*snap->snapshotting;
    }
    if (!snapper) {
        return {};
    }
    // A snapshot already taken (a new job on filesystems without snapshots of its prefix starts with one).
    QDateTime taken;
    for (const Api::SnapperFilesystemReport &fs : snapper->progress) {
        if (fs.state == Api::SnapState::Done && !fs.doneAt.isZero()) {
            const QDateTime done = fs.doneAt.toDateTime();
            if (!taken.isValid() || done > taken) {
                taken = done;
            }
        }
    }
    const QLocale locale;
    if (taken.isValid()) {
        return tr("first snapshot taken at %1").arg(locale.toString(taken.toLocalTime().time(), QLocale::ShortFormat));
    }
    if (!snapper->sleepUntil.isZero()) {
        const QDateTime next = snapper->sleepUntil.toDateTime().toLocalTime();
        const bool today = next.date() == QDate::currentDate();
        return tr("first snapshot at %1")
            .arg(today ? locale.toString(next.time(), QLocale::ShortFormat)
                       : locale.toString(next, QLocale::ShortFormat));
    }
    if (!snapper->error.isEmpty()) {
        return tr("snapshotting failed: %1").arg(snapper->error);
    }
    return {};
}

QString ConfigChangeText::problem(const Api::ConfigProblem &p, int firstLine)
{
    QStringList parts;
    if (p.line > 0) {
        const int line = p.line - firstLine + 1;
        parts.append(p.column > 0 ? tr("line %1, column %2").arg(line).arg(p.column) : tr("line %1").arg(line));
    }
    if (!p.field.isEmpty()) {
        parts.append(p.field);
    }
    parts.append(p.message);
    return parts.join(u": "_s);
}

}  // namespace Gui
