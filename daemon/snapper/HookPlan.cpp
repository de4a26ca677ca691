// SPDX-License-Identifier: MIT
#include "daemon/snapper/HookPlan.h"

#include <QProcessEnvironment>

#include <algorithm>

#include "daemon/async/Awaitables.h"
#include "daemon/snapper/GoDuration.h"

using namespace Qt::StringLiterals;

namespace Daemon {

namespace {

QString edgeName(HookStep::Edge edge)
{
    switch (edge) {
    case HookStep::Edge::Pre:
        return u"pre_snapshot"_s;
    case HookStep::Edge::Callback:
        return u"callback_snapshot"_s;
    case HookStep::Edge::Post:
        return u"post_snapshot"_s;
    }
    return {};
}

std::chrono::nanoseconds between(const Api::Timestamp &a, const Api::Timestamp &b)
{
    return std::chrono::seconds(b.unixSeconds() - a.unixSeconds()) + std::chrono::nanoseconds(b.nanoseconds() - a.nanoseconds());
}

}  // namespace

QString statusName(HookStep::Status status)
{
    switch (status) {
    case HookStep::Status::Pending:
        return u"Pending"_s;
    case HookStep::Status::Exec:
        return u"Exec"_s;
    case HookStep::Status::Ok:
        return u"Ok"_s;
    case HookStep::Status::Err:
        return u"Err"_s;
    case HookStep::Status::SkippedDueToFatalErr:
        return u"SkippedDueToFatalErr"_s;
    case HookStep::Status::SkippedDueToPreErr:
        return u"SkippedDueToPreErr"_s;
    }
    return {};
}

HookPlan::HookPlan(QList<Config::Hook> hooks, QMap<QString, QString> environment, Callback callback, Log::Context log)
    : m_hooks(std::move(hooks))
    , m_environment(std::move(environment))
    , m_callback(std::move(callback))
    , m_log(std::move(log))
{
    for (const Config::Hook &hook : m_hooks) {
        HookStep step;
        step.hook = hook.path.isEmpty() ? hook.dsn : hook.path;
        step.edge = HookStep::Edge::Pre;
        step.errIsFatal = hook.errIsFatal;
        m_steps.append(step);
    }
    HookStep callbackStep;
    callbackStep.hook = u"snapshot"_s;
    callbackStep.edge = HookStep::Edge::Callback;
    m_steps.append(callbackStep);
    for (qsizetype i = m_hooks.size() - 1; i >= 0; --i) {
        HookStep step = m_steps[i];
        step.edge = HookStep::Edge::Post;
        step.errIsFatal = false;
        m_steps.append(step);
    }
}

bool HookPlan::hadError() const
{
    return std::any_of(m_steps.begin(), m_steps.end(), [](const HookStep &s) { return s.status == HookStep::Status::Err; });
}

bool HookPlan::callbackRan() const
{
    return m_steps[m_hooks.size()].status == HookStep::Status::Ok;
}

Async::Task<void> HookPlan::run(std::function<void()> changed)
{
    const qsizetype n = m_hooks.size();
    qsizetype next = 0;
    bool fatal = false;
    for (; next < n; ++next) {
        co_await runStep(int(next), changed);
        if (m_steps[next].status == HookStep::Status::Err && m_hooks[next].errIsFatal) {
            m_log.error(u"the hook run was aborted due to a fatal error in this hook; no snapshot will be taken"_s,
                        {{u"hook"_s, m_steps[next].hook}});
            fatal = true;
            break;
        }
    }
    auto postIndex = [n](qsizetype hookIndex) { return n + 1 + (n - 1 - hookIndex); };
    if (fatal) {
        m_steps[n].status = HookStep::Status::SkippedDueToFatalErr;
        m_steps[postIndex(next)].status = HookStep::Status::SkippedDueToFatalErr;
        for (qsizetype i = next + 1; i < n; ++i) {
            m_steps[i].status = HookStep::Status::SkippedDueToFatalErr;
            m_steps[postIndex(i)].status = HookStep::Status::SkippedDueToFatalErr;
        }
        changed();
        --next;
    } else {
        co_await runStep(int(n), changed);
        next = n - 1;
    }
    // Post edges in reverse order, only for hooks whose pre edge succeeded.
    for (qsizetype i = next; i >= 0; --i) {
        if (m_steps[i].status != HookStep::Status::Ok) {
            m_steps[postIndex(i)].status = HookStep::Status::SkippedDueToPreErr;
            changed();
            continue;
        }
        co_await runStep(int(postIndex(i)), changed);
    }
}

Async::Task<void> HookPlan::runStep(int index, std::function<void()> changed)
{
    HookStep &step = m_steps[index];
    step.status = HookStep::Status::Exec;
    step.begin = Api::Timestamp::now();
    changed();
    QString error;
    QString report;
    if (step.edge == HookStep::Edge::Callback) {
        error = co_await m_callback();
        report = error.isEmpty() ? u"snapshot created"_s : u"snapshot FAILED with error: %1"_s.arg(error);
    } else {
        const qsizetype hookIndex = step.edge == HookStep::Edge::Pre ? index : m_hooks.size() - 1 - (index - m_hooks.size() - 1);
        error = co_await runCommand(m_hooks[hookIndex], step.edge, &report);
    }
    HookStep &done = m_steps[index];
    done.end = Api::Timestamp::now();
    done.status = error.isEmpty() ? HookStep::Status::Ok : HookStep::Status::Err;
    done.report = report;
    changed();
}

Async::Task<QString> HookPlan::runCommand(const Config::Hook &hook, HookStep::Edge edge, QString *report)
{
    if (hook.type != Config::Hook::Type::Command) {
        const QString error = u"hook type %1 is not supported by Holdfast; use a command hook"_s.arg(
            hook.type == Config::Hook::Type::PostgresCheckpoint ? u"postgres-checkpoint"_s : u"mysql-lock-tables"_s);
        *report = error;
        co_return error;
    }
    // zrepl's hook environment: ZREPL_HOOKTYPE, ZREPL_DRYRUN, ZREPL_TIMEOUT, plus ZREPL_FS and ZREPL_SNAPNAME.
    QMap<QString, QString> hookEnv = m_environment;
    hookEnv.insert(u"ZREPL_HOOKTYPE"_s, edgeName(edge));
    hookEnv.insert(u"ZREPL_DRYRUN"_s, QString());
    hookEnv.insert(u"ZREPL_TIMEOUT"_s,
                   QString::number(std::chrono::duration_cast<std::chrono::seconds>(hook.timeout).count()));
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    QStringList shown;
    for (auto it = hookEnv.cbegin(); it != hookEnv.cend(); ++it) {
        environment.insert(it.key(), it.value());
        shown.append(u"%1='%2'"_s.arg(it.key(), it.value()));
    }
    const QString invocation = u"command hook invocation: \"%1 %2\""_s.arg(shown.join(u' '), hook.path);

    Async::ProcessSpec spec;
    spec.program = hook.path;
    spec.environment = environment;
    spec.timeout = std::chrono::duration_cast<std::chrono::milliseconds>(hook.timeout);
    const Async::ProcessResult result = co_await Async::runProcess(std::move(spec));

    const Log::Context hookLog = m_log.withSubsystem(u"hook"_s);
    for (const QByteArray &line : result.standardOutput.split('\n')) {
        if (!line.isEmpty()) {
            hookLog.info(QString::fromUtf8(line), {{u"command"_s, hook.path}, {u"stream"_s, u"stdout"_s}});
        }
    }
    for (const QByteArray &line : result.standardError.split('\n')) {
        if (!line.isEmpty()) {
            hookLog.warn(QString::fromUtf8(line), {{u"command"_s, hook.path}, {u"stream"_s, u"stderr"_s}});
        }
    }
    QString error;
    if (!result.started) {
        error = result.startError;
    } else if (result.timedOut) {
        error = u"timed out after %1"_s.arg(formatGoDuration(hook.timeout));
    } else if (result.crashed) {
        error = u"signal: killed"_s;
    } else if (result.exitCode != 0) {
        error = u"exit status %1"_s.arg(result.exitCode);
    }
    *report = error.isEmpty() ? invocation : u"%1 FAILED with error: %2"_s.arg(invocation, error);
    if (!error.isEmpty()) {
        hookLog.error(u"hook invocation failed"_s, {{u"command"_s, hook.path}, {u"err"_s, error}, {u"edge"_s, edgeName(edge)}});
    }
    co_return error;
}

QString HookPlan::table() const
{
    QList<QStringList> rows;
    QList<qsizetype> widths(4, 0);
    for (qsizetype i = 0; i < m_steps.size(); ++i) {
        const HookStep &step = m_steps[i];
        QStringList row;
        row << QString::number(i + 1) << statusName(step.status);
        if (step.status == HookStep::Status::Pending || step.status == HookStep::Status::SkippedDueToFatalErr
            || step.status == HookStep::Status::SkippedDueToPreErr || step.end.isZero()) {
            row << (step.status == HookStep::Status::Pending ? u"..."_s : u"0s"_s);
        } else {
            const auto elapsed = between(step.begin, step.end);
            const auto rounded = std::chrono::milliseconds((elapsed.count() + 500000) / 1000000);
            row << formatGoDuration(rounded);
        }
        row << step.report;
        for (qsizetype j = 0; j < 4; ++j) {
            widths[j] = qMax(widths[j], row[j].size());
        }
        rows.append(row);
    }
    QStringList lines;
    for (const QStringList &row : rows) {
        QStringList padded;
        for (qsizetype j = 0; j < 3; ++j) {
            padded.append(row[j].leftJustified(widths[j], u' '));
        }
        padded.append(row[3]);
        lines.append(padded.join(u' '));
    }
    return lines.join(u'\n');
}

}  // namespace Daemon
