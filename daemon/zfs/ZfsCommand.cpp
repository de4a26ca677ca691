// SPDX-License-Identifier: MIT
#include "daemon/zfs/ZfsCommand.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace Zfs {

std::atomic<quint64> ZfsCommand::s_spawns{0};

CommandConfig CommandConfig::fromEnvironment()
{
    CommandConfig config;
    const QString zfs = qEnvironmentVariable("HOLDFAST_ZFS_BINARY");
    const QString zpool = qEnvironmentVariable("HOLDFAST_ZPOOL_BINARY");
    if (!zfs.isEmpty()) {
        config.zfsBinary = zfs;
    }
    if (!zpool.isEmpty()) {
        config.zpoolBinary = zpool;
    }
    return config;
}

ZfsCommand::ZfsCommand(CommandConfig config)
    : m_config(std::move(config))
{
}

Async::Task<CommandResult> ZfsCommand::zfs(QStringList arguments, QByteArray standardInput)
{
    return run(m_config.zfsBinary, std::move(arguments), std::move(standardInput));
}

Async::Task<CommandResult> ZfsCommand::zpool(QStringList arguments)
{
    return run(m_config.zpoolBinary, std::move(arguments), {});
}

Async::Task<CommandResult> ZfsCommand::run(QString program, QStringList arguments, QByteArray standardInput)
{
    Async::ProcessSpec spec;
    spec.program = program;
    spec.arguments = arguments;
    spec.standardInput = std::move(standardInput);
    spec.timeout = m_config.timeout;
    spec.environment = m_config.environment;
    ++s_spawns;
    const Async::ProcessResult result = co_await Async::runProcess(std::move(spec));
    CommandResult out;
    const QString command = QFileInfo(program).fileName() + u' ' + arguments.join(u' ');
    out.error = ZfsError::fromProcess(result, command.left(500));
    out.standardOutput = result.standardOutput;
    out.standardError = result.standardError;
    co_return out;
}

}  // namespace Zfs
