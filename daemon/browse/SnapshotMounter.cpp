// SPDX-License-Identifier: MIT
#include "daemon/browse/SnapshotMounter.h"

#include <QFileInfo>
#include <QProcess>

#include "daemon/async/Awaitables.h"

using namespace Qt::StringLiterals;

namespace Browse {

CommandOutcome CommandOutcome::fromProcess(const QString &command, const Async::ProcessResult &result)
{
    CommandOutcome outcome;
    outcome.ok = result.ok();
    if (outcome.ok) {
        return outcome;
    }
    if (!result.started) {
        outcome.message = u"cannot run %1: %2"_s.arg(command, result.startError);
    } else if (result.timedOut) {
        outcome.message = u"%1 did not finish in time and was stopped"_s.arg(command);
    } else {
        outcome.message = QString::fromLocal8Bit(result.standardError).trimmed();
        if (outcome.message.isEmpty()) {
            outcome.message = result.crashed ? u"%1 crashed"_s.arg(command)
                                             : u"%1 failed with exit status %2"_s.arg(command).arg(result.exitCode);
        }
    }
    return outcome;
}

namespace {

// Built outside the coroutines: GCC 12 miscompiles braced initializer lists inside them.
Async::ProcessSpec commandSpec(const QString &program, const QStringList &arguments, std::chrono::milliseconds timeout)
{
    Async::ProcessSpec spec;
    spec.program = program;
    spec.arguments = arguments;
    spec.timeout = timeout;
    return spec;
}

QStringList mountArguments(const QString &dataset, const QString &directory)
{
    return {u"-t"_s, u"zfs"_s, u"-o"_s, u"ro,nosuid,nodev,noexec"_s, dataset, directory};
}

QStringList umountArguments(const QString &directory, bool lazy)
{
    return lazy ? QStringList{u"-l"_s, directory} : QStringList{directory};
}

}  // namespace

SnapshotMounter::SnapshotMounter(BrowseSettings settings)
    : m_settings(std::move(settings))
{}

Async::Task<CommandOutcome> SnapshotMounter::mount(QString dataset, QString directory)
{
    Async::ProcessSpec spec =
        commandSpec(m_settings.mountBinary, mountArguments(dataset, directory), m_settings.commandTimeout);
    const Async::ProcessResult result = co_await Async::runProcess(std::move(spec));
    co_return CommandOutcome::fromProcess(QFileInfo(m_settings.mountBinary).fileName(), result);
}

Async::Task<CommandOutcome> SnapshotMounter::unmount(QString directory, bool lazy)
{
    Async::ProcessSpec spec =
        commandSpec(m_settings.umountBinary, umountArguments(directory, lazy), m_settings.commandTimeout);
    const Async::ProcessResult result = co_await Async::runProcess(std::move(spec));
    co_return CommandOutcome::fromProcess(QFileInfo(m_settings.umountBinary).fileName(), result);
}

CommandOutcome SnapshotMounter::unmountNow(const QString &directory, bool lazy) const
{
    QProcess process;
    process.start(m_settings.umountBinary, umountArguments(directory, lazy));
    Async::ProcessResult result;
    result.started = process.waitForStarted();
    if (!result.started) {
        result.startError = process.errorString();
    } else if (!process.waitForFinished(int(m_settings.commandTimeout.count()))) {
        process.kill();
        process.waitForFinished();
        result.timedOut = true;
    } else {
        result.exitCode = process.exitCode();
        result.crashed = process.exitStatus() == QProcess::CrashExit;
        result.standardError = process.readAllStandardError();
    }
    return CommandOutcome::fromProcess(QFileInfo(m_settings.umountBinary).fileName(), result);
}

}  // namespace Browse
