// SPDX-License-Identifier: MIT
#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <atomic>
#include <chrono>

#include "daemon/async/Awaitables.h"
#include "daemon/async/Task.h"
#include "daemon/zfs/ZfsError.h"

namespace Zfs {

// The output of one successful invocation, or why it failed.
struct CommandResult
{
    ZfsError error;
    QByteArray standardOutput;
    QByteArray standardError;  // also kept on success: some commands warn there

    bool ok() const { return error.ok(); }
};

// Where the `zfs` and `zpool` binaries are and how they are run. The binaries come from HOLDFAST_ZFS_BINARY /
// HOLDFAST_ZPOOL_BINARY when set (zrepl's ZREPL_ZFS_BINARY equivalent), else from PATH: the tests put the OpenZFS
// emulator first in PATH and the daemon never knows the difference.
struct CommandConfig
{
    QString zfsBinary = QStringLiteral("zfs");
    QString zpoolBinary = QStringLiteral("zpool");
    std::optional<QProcessEnvironment> environment;
    std::chrono::milliseconds timeout{std::chrono::minutes(10)};

    static CommandConfig fromEnvironment();
};

// Runs `zfs`/`zpool` asynchronously on the event loop thread. Cancelling the awaiting task kills the process.
class ZfsCommand
{
public:
    explicit ZfsCommand(CommandConfig config = CommandConfig::fromEnvironment());

    Async::Task<CommandResult> zfs(QStringList arguments, QByteArray standardInput = {});
    Async::Task<CommandResult> zpool(QStringList arguments);

    const CommandConfig &config() const { return m_config; }
    // Processes started by all ZfsCommand objects since the program began: the batching figure of the benchmark.
    static quint64 spawnCount() { return s_spawns.load(); }

private:
    Async::Task<CommandResult> run(QString program, QStringList arguments, QByteArray standardInput);

    CommandConfig m_config;
    static std::atomic<quint64> s_spawns;
};

}  // namespace Zfs
