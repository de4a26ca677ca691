// SPDX-License-Identifier: MIT
// The bench's own stream ends, so that the transport and not the emulator sets the pace:
// `bench-replication --produce N` writes N bytes of a fixed pseudo-random pattern to stdout, 128 KiB a write;
// `bench-replication --consume N FILE` reads stdin, compares every byte with the pattern, and exits 0 after writing
// the count to FILE only when it saw exactly N bytes, all right.
#pragma once

#include <optional>
#include <string>

#include <QString>
#include <QTemporaryDir>

#include "daemon/async/Awaitables.h"

namespace ReplicationBench {

// Returns the exit code when argv is one of the two modes, nullopt otherwise.
std::optional<int> runStreamEnd(int argc, char **argv);

class StreamEnds
{
public:
    // `self`: this executable.
    explicit StreamEnds(QString self);

    bool isValid(std::string *error) const;

    QString program() const
    {
        return m_self;
    }

    Async::ProcessSpec producer(qint64 size) const;
    // Each run's consumer writes its count into a file of its own.
    QString nextResultFile();
    Async::ProcessSpec consumer(qint64 size, const QString &resultFile) const;
    // Whether the consumer checked exactly `size` bytes (it writes its count only when all were right).
    bool check(const std::string &what, const QString &resultFile, qint64 size, std::string *error) const;

private:
    QString m_self;
    QTemporaryDir m_results;
    int m_runs = 0;
};

}  // namespace ReplicationBench
