// SPDX-License-Identifier: MIT
#pragma once

#include <chrono>

#include <QCoreApplication>
#include <QString>

#include "daemon/async/Task.h"
#include "daemon/config/Config.h"
#include "shared/control/ConfigApi.h"

namespace Daemon {

// Whether a push or pull job of a proposed configuration reaches its peer (POST /holdfast/v1/config/test-connect):
// its transport connects and the passive side answers the protocol handshake, as the job's first replication would.
// Answers in words: what was reached, or the transport's own reason (ssh's message, connection refused, a TLS
// certificate problem, the peer job being of the wrong type).
class ConnectionTester
{
    Q_DECLARE_TR_FUNCTIONS(Daemon::ConnectionTester)

public:
    static Async::Task<Api::ConnectTestResult>
    test(Config::Root root, QString jobName, std::chrono::milliseconds timeout);

private:
    static Api::ConnectTestResult testLocal(const Config::Root &root, const Config::Job &job);
};

}  // namespace Daemon
