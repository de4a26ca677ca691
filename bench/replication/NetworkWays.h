// SPDX-License-Identifier: MIT
// bench-replication's network ways: a stream over a loopback TCP connection, copied by a minimal plain-socket
// relay (the baseline) or carried by Holdfast's tcp transport in either direction (Rpc::Client against a
// Daemon::PassiveServer whose passive side runs in a thread of its own, as a second daemon would). See
// bench/README.md.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include <QProcessEnvironment>
#include <QString>
#include <QTemporaryDir>

#include "Measurement.h"
#include "daemon/async/Awaitables.h"

namespace ReplicationBench {

// The bench's own stream ends, so that the transport and not the emulator sets the pace:
// `bench-replication --produce N` writes N bytes of a fixed pseudo-random pattern to stdout, 128 KiB a write;
// `bench-replication --consume N FILE` reads stdin, compares every byte with the pattern, and exits 0 after writing
// the count to FILE only when it saw exactly N bytes, all right. Returns the exit code when argv is one of the two
// modes, nullopt otherwise.
std::optional<int> runStreamEnd(int argc, char **argv);

class PassiveSide;

class NetworkWays
{
public:
    // `self`: this executable (the stream ends); `environment`: what the passive side gives the processes it runs.
    NetworkWays(QString self, QProcessEnvironment environment);
    ~NetworkWays();

    bool start(std::string *error);

    // With the bench's stream ends, `size` bytes; each checks the count on both sides and the consumer's verdict.
    // The baseline: producer → pipe → this thread → loopback TCP → a second thread → pipe → consumer, read() and
    // write() of 1 MiB, pipes of 1 MiB as Holdfast's.
    std::optional<Run> rawTcpCopy(qint64 size, std::string *error);
    // Push → sink: Rpc::Client::sendStream (the Receive call); the consumer runs on the passive side.
    std::optional<Run> push(qint64 size, std::string *error);
    // Source → pull: Rpc::Client::receiveStream (the Send call); the producer runs on the passive side.
    std::optional<Run> pull(qint64 size, std::string *error);

    // The same two with any ends (`zfs send`, `zfs recv`); Run::bytes is StreamOutcome::bytes, checked by the caller.
    std::optional<Run> push(const Async::ProcessSpec &producer, const Async::ProcessSpec &consumer, std::string *error);
    std::optional<Run> pull(const Async::ProcessSpec &producer, const Async::ProcessSpec &consumer, std::string *error);

private:
    Async::ProcessSpec producer(qint64 size) const;
    Async::ProcessSpec consumer(qint64 size, const QString &resultFile) const;
    QString nextResultFile();
    bool checkConsumer(const char *what, const QString &resultFile, qint64 size, std::string *error) const;

    QString m_self;
    QProcessEnvironment m_environment;
    std::unique_ptr<PassiveSide> m_passive;
    QTemporaryDir m_results;
    int m_runs = 0;
};

}  // namespace ReplicationBench
