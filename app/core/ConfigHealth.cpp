// SPDX-License-Identifier: MIT
#include "app/core/ConfigHealth.h"

#include <QLocale>

#include "app/models/Format.h"

using namespace Qt::StringLiterals;

namespace Gui {

ConfigHealth ConfigHealth::of(const Api::ConfigDocument &document, const QDateTime &now)
{
    return of(Api::ConfigStatus{document.path, document.version, document.state}, now);
}

ConfigHealth ConfigHealth::of(const Api::ConfigStatus &status, const QDateTime &now)
{
    ConfigHealth health;
    QStringList text;
    QStringList details;
    const Api::ConfigState &state = status.state;
    if (state.lastReload && !state.lastReload->ok) {
        health.level = Level::Warning;
        const Api::ConfigProblem problem = state.lastReload->problem.value_or(Api::ConfigProblem{});
        const QString where = problem.line > 0 ? tr("line %1, column %2").arg(problem.line).arg(problem.column)
                                               : tr("the file");
        text.append(tr("The configuration was not reloaded: %1 has a problem at %2. The daemon runs the version "
                          "before.").arg(status.path, where));
        const QDateTime at = state.lastReload->at.toDateTime().toLocalTime();
        details.append(tr("Reload refused %1 (%2): %3")
                           .arg(Format::ago(at, now), QLocale().toString(at, QLocale::LongFormat), problem.toString()));
    } else if (!status.version.isEmpty() && !state.runningVersion.isEmpty() && status.version != state.runningVersion) {
        health.level = Level::Info;
        text.append(tr("%1 was changed since the daemon read it; its changes take effect at the next reload.")
                        .arg(status.path));
    }
    if (!state.pendingRestart.isEmpty()) {
        health.level = std::max(health.level, Level::Info);
        text.append(tr("%n changed job(s) restart when their current work is done: %1.", nullptr,
                          int(state.pendingRestart.size()))
                        .arg(state.pendingRestart.join(u", "_s)));
    }
    if (!state.needsDaemonRestart.isEmpty()) {
        health.level = std::max(health.level, Level::Info);
        text.append(tr("Takes effect when the daemon restarts: %1.").arg(state.needsDaemonRestart.join(u", "_s)));
    }
    health.text = text.join(u' ');
    health.details = details.join(u'\n');
    return health;
}

}  // namespace Gui
