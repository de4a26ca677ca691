// SPDX-License-Identifier: MIT
#include "daemon/control/ConnectionTester.h"

#include "daemon/async/Cancellation.h"
#include "daemon/jobs/Job.h"
#include "daemon/jobs/LocalListeners.h"
#include "daemon/rpc/RpcClient.h"
#include "daemon/transport/Connector.h"

using namespace Qt::StringLiterals;

namespace Daemon {

Async::Task<Api::ConnectTestResult>
ConnectionTester::test(Config::Root root, QString jobName, std::chrono::milliseconds timeout)
{
    Api::ConnectTestResult result;
    const Config::Job *job = root.job(jobName);
    if (!job) {
        result.message = tr("the configuration has no job named “%1”").arg(jobName);
        co_return result;
    }
    if (job->type != Config::JobType::Push && job->type != Config::JobType::Pull) {
        result.message = tr("“%1” is a %2 job: only push and pull jobs connect to a peer; test the push or pull job "
                            "that connects to it")
                             .arg(jobName, Config::jobTypeName(job->type));
        co_return result;
    }
    if (job->connect.type == Config::Connect::Type::Local) {
        co_return testLocal(root, *job);
    }
    QString error;
    std::unique_ptr<Transport::Connector> connector = Transport::connectorFromConfig(job->connect, &error);
    if (!connector) {
        result.message = tr("cannot connect: %1").arg(error);
        co_return result;
    }
    const bool push = job->type == Config::JobType::Push;
    Rpc::Client client(std::move(connector), push ? Rpc::Role::Sink : Rpc::Role::Source);
    const std::optional<Zfs::ZfsError> connected = co_await Async::withTimeout(client.ensureConnected(), timeout);
    if (!connected) {
        result.message = tr("%1 did not answer within %2 seconds")
                             .arg(client.describe())
                             .arg(std::chrono::duration_cast<std::chrono::seconds>(timeout).count());
        co_return result;
    }
    if (!connected->ok()) {
        result.message = connected->toString().trimmed();
        co_return result;
    }
    result.ok = true;
    result.peerJob = client.peer().jobName;
    result.message = tr("reached %1: %2 job “%3” answered and knows this machine as “%4”")
                         .arg(client.describe(),
                              Rpc::toString(client.peer().role),
                              client.peer().jobName,
                              client.peer().clientIdentity);
    co_return result;
}

Api::ConnectTestResult ConnectionTester::testLocal(const Config::Root &root, const Config::Job &job)
{
    Api::ConnectTestResult result;
    const bool push = job.type == Config::JobType::Push;
    const Config::JobType wanted = push ? Config::JobType::Sink : Config::JobType::Source;
    const QString listener = job.connect.listenerName;
    if (Job *running = LocalListeners::instance().find(listener)) {
        if (running->type() != wanted) {
            result.message = tr("local listener “%1” belongs to %2 job “%3”, but a %4 job needs a %5 job")
                                 .arg(listener,
                                      Config::jobTypeName(running->type()),
                                      running->name(),
                                      Config::jobTypeName(job.type),
                                      Config::jobTypeName(wanted));
            return result;
        }
        result.ok = true;
        result.peerJob = running->name();
        result.message = tr("reached %1 job “%2” of this daemon through local listener “%3”")
                             .arg(Config::jobTypeName(wanted), running->name(), listener);
        return result;
    }
    for (const Config::Job &other : root.jobs) {
        if (other.type == wanted && other.serve.type == Config::Serve::Type::Local
            && other.serve.listenerName == listener) {
            result.ok = true;
            result.peerJob = other.name;
            result.message = tr("%1 job “%2” of this configuration serves local listener “%3”; it starts when the "
                                "configuration is applied")
                                 .arg(Config::jobTypeName(wanted), other.name, listener);
            return result;
        }
    }
    result.message = tr("no %1 job serves local listener “%2”: add one with serve.type local and listener_name %2")
                         .arg(Config::jobTypeName(wanted), listener);
    return result;
}

}  // namespace Daemon
