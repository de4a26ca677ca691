// SPDX-License-Identifier: MIT
#include "daemon/cli/RunWaiter.h"

#include <QEventLoop>
#include <QTimer>

#include "shared/control/ControlRequests.h"
#include "shared/control/JobStatus.h"

using namespace Qt::StringLiterals;

namespace Daemon {

RunWaiter::RunWaiter(Api::ControlClient &client, QString job, std::chrono::milliseconds timeout)
    : m_client(client)
    , m_job(std::move(job))
    , m_timeout(timeout)
    , m_deadline(std::chrono::steady_clock::now() + timeout)
{
}

bool RunWaiter::expired() const
{
    return m_timeout.count() > 0 && std::chrono::steady_clock::now() >= m_deadline;
}

std::optional<Api::ControlClient::Reply> RunWaiter::poll(const QByteArray &path, Outcome *outcome)
{
    if (expired()) {
        *outcome = {TimedOut, tr("gave up waiting for job \"%1\" after %2 s").arg(m_job).arg(m_timeout.count() / 1000.0)};
        return std::nullopt;
    }
    QEventLoop loop;
    QTimer::singleShot(PollInterval, &loop, &QEventLoop::quit);
    loop.exec();
    Api::ControlClient::Reply reply = m_client.exec("GET", path);
    if (!reply.ok()) {
        *outcome = {Failed, tr("lost the daemon while waiting: %1").arg(reply.errorString)};
        return std::nullopt;
    }
    return reply;
}

RunWaiter::Outcome RunWaiter::run()
{
    const Api::ControlClient::Reply probe = m_client.exec("GET", Api::HoldfastEndpoint::Runs);
    if (probe.ok()) {
        return runHoldfast();
    }
    if (probe.status == 404) {
        return runZrepl();
    }
    return {Failed, probe.errorString};
}

std::optional<Api::RunInfo> RunWaiter::pollRun(Outcome *outcome)
{
    const std::optional<Api::ControlClient::Reply> answer = poll(Api::HoldfastEndpoint::Runs, outcome);
    if (!answer) {
        return std::nullopt;
    }
    QString error;
    const std::optional<Api::RunsReport> runs = Api::RunsReport::fromJson(answer->body, &error);
    const Api::RunInfo *info = runs ? runs->find(m_job) : nullptr;
    if (!info) {
        *outcome = {Failed, runs ? tr("the daemon no longer reports job \"%1\"").arg(m_job)
                                 : tr("the daemon's runs answer is not understood: %1").arg(error)};
        return std::nullopt;
    }
    return *info;
}

RunWaiter::Outcome RunWaiter::runHoldfast()
{
    Outcome outcome;
    // A job that is running refuses a wakeup (zrepl's rule): wait for that run to end, then wake it up once more,
    // so that what the caller waits for includes everything up to now.
    for (int tries = 0;; ++tries) {
        const Api::ControlClient::Reply woken =
            m_client.exec("POST", Api::HoldfastEndpoint::Wakeup, Api::WakeupRequest{m_job}.toJson());
        if (woken.ok()) {
            QString error;
            const std::optional<Api::WakeupReply> reply = Api::WakeupReply::fromJson(woken.body, &error);
            if (!reply) {
                return {Failed, tr("the daemon's wakeup answer is not understood: %1").arg(error)};
            }
            const quint64 run = reply->run;
            while (true) {
                const std::optional<Api::RunInfo> info = pollRun(&outcome);
                if (!info) {
                    return outcome;
                }
                if (info->lastFinished > run) {
                    // Only the latest result is kept; the run after ours ended between two polls.
                    return {info->lastSucceeded ? int(Succeeded) : int(Failed),
                            tr("run %1 ended; run %2 after it %3").arg(run).arg(info->lastFinished)
                                .arg(info->lastSucceeded ? tr("succeeded") : tr("failed: %1").arg(info->lastError))};
                }
                if (info->lastFinished == run) {
                    return info->lastSucceeded ? Outcome{Succeeded, tr("run %1 of job \"%2\" succeeded").arg(run).arg(m_job)}
                                               : Outcome{Failed, tr("run %1 of job \"%2\" failed: %3").arg(run).arg(m_job, info->lastError)};
                }
            }
        }
        if (woken.status != 409 || tries > 0 || woken.errorString.trimmed() != u"already woken up") {
            return {Failed, woken.errorString.trimmed()};
        }
        // Busy: wait for the current run to end.
        for (std::optional<Api::RunInfo> info = pollRun(&outcome); !info || info->running; info = pollRun(&outcome)) {
            if (!info) {
                return outcome;
            }
        }
    }
}

RunWaiter::Outcome RunWaiter::runZrepl()
{
    Outcome outcome;
    auto active = [this](const QByteArray &body) -> std::optional<Api::ActiveSideStatus> {
        QString error;
        const std::optional<Api::DaemonStatus> status = Api::DaemonStatus::fromJson(body, &error);
        if (!status || !status->jobs.contains(m_job) || !status->jobs.value(m_job).active()) {
            return std::nullopt;
        }
        return *status->jobs.value(m_job).active();
    };
    const Api::ControlClient::Reply before = m_client.exec("GET", Api::Endpoint::Status);
    if (!before.ok()) {
        return {Failed, before.errorString};
    }
    const std::optional<Api::ActiveSideStatus> initial = active(before.body);
    if (!initial) {
        return {Failed, tr("job \"%1\" is not a push or pull job of this daemon").arg(m_job)};
    }
    const Api::Timestamp startedBefore = initial->replication ? initial->replication->startAt : Api::Timestamp();
    const Api::ControlClient::Reply woken = m_client.exec("POST", Api::Endpoint::Signal, Api::SignalRequest{m_job, u"wakeup"_s}.toJson());
    if (!woken.ok()) {
        return {Failed, woken.errorString.trimmed()};
    }
    while (true) {
        const std::optional<Api::ControlClient::Reply> answer = poll(Api::Endpoint::Status, &outcome);
        if (!answer) {
            return outcome;
        }
        const std::optional<Api::ActiveSideStatus> now = active(answer->body);
        if (!now) {
            return {Failed, tr("the daemon no longer reports job \"%1\"").arg(m_job)};
        }
        // zrepl's run: a replication that started after the wakeup, then pruning of the sender and the receiver.
        const bool started = now->replication && !(now->replication->startAt == startedBefore);
        const bool pruned = now->pruningReceiver && (now->pruningReceiver->state == Api::PrunerState::Done
                                                     || now->pruningReceiver->state == Api::PrunerState::PlanErr
                                                     || now->pruningReceiver->state == Api::PrunerState::ExecErr);
        const bool replicationFailedEarly = now->replication && !now->replication->finishAt.isZero()
                                            && !now->replication->attempts.isEmpty()
                                            && now->replication->attempts.last().state == Api::AttemptState::PlanningError
                                            && !now->pruningSender;
        if (started && (pruned || replicationFailedEarly)) {
            const auto [succeeded, error] = Api::runOutcome(*now);
            return succeeded ? Outcome{Succeeded, tr("the run of job \"%1\" succeeded").arg(m_job)}
                             : Outcome{Failed, tr("the run of job \"%1\" failed: %2").arg(m_job, error)};
        }
    }
}

}  // namespace Daemon
