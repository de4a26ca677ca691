#pragma once

#include <QByteArray>

// What one zfs/zpool invocation produced; exitCode is -1 when the program could not be started or timed out.
struct ZfsCommandResult
{
    int exitCode = -1;
    QByteArray standardOutput;
    QByteArray standardError;

    bool succeeded() const
    {
        return exitCode == 0;
    }
};
