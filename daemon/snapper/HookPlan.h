// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QMap>
#include <QString>

#include <functional>

#include "daemon/async/Task.h"
#include "daemon/config/Config.h"
#include "daemon/logging/Logger.h"
#include "shared/control/Timestamp.h"

namespace Daemon {

// One step of a hook plan, as zrepl's hooks.Step: a hook's pre or post edge, or the callback (the snapshot).
struct HookStep
{
    // zrepl's StepStatus bit values and names.
    enum class Status
    {
        Pending = 1,
        Exec = 2,
        Ok = 4,
        Err = 8,
        SkippedDueToFatalErr = 16,
        SkippedDueToPreErr = 32,
    };
    enum class Edge
    {
        Pre = 1,
        Callback = 2,
        Post = 4,
    };

    QString hook;  // the command path, or "snapshot" for the callback
    Edge edge = Edge::Pre;
    bool errIsFatal = false;
    Status status = Status::Pending;
    Api::Timestamp begin;
    Api::Timestamp end;
    QString report;  // what ran and how it ended
};

QString statusName(HookStep::Status status);

// zrepl's hook plan around one snapshot: pre edges in configuration order, the callback, post edges in reverse
// order for the hooks whose pre edge succeeded. A failing pre edge of a hook with err_is_fatal skips the snapshot
// and the remaining pre edges; unlike zrepl 0.2, the post edges of the hooks that did run still run, as zrepl's
// own log message promises ("only running post-edges for successful pre-edges").
class HookPlan
{
public:
    using Callback = std::function<Async::Task<QString>()>;  // returns an error text, empty on success

    // `hooks` are those whose filesystems filter matched; `environment` adds ZREPL_FS and ZREPL_SNAPNAME.
    HookPlan(QList<Config::Hook> hooks, QMap<QString, QString> environment, Callback callback, Log::Context log);

    // `changed` is called after every step's status changes, so that the status report stays live.
    Async::Task<void> run(std::function<void()> changed);

    const QList<HookStep> &steps() const { return m_steps; }
    bool hadError() const;
    bool callbackRan() const;
    // zrepl's report table: "<n> <status> <runtime> <report>" with padded columns, one line per step.
    QString table() const;

private:
    Async::Task<void> runStep(int index, std::function<void()> changed);
    Async::Task<QString> runCommand(const Config::Hook &hook, HookStep::Edge edge, QString *report);

    QList<Config::Hook> m_hooks;
    QMap<QString, QString> m_environment;
    Callback m_callback;
    Log::Context m_log;
    QList<HookStep> m_steps;  // pre[0..n), callback, post[n-1..0]
};

}  // namespace Daemon
