// SPDX-License-Identifier: MIT
#include "daemon/driver/ReplicationDriver.h"

#include <vector>

#include "daemon/holds/RunningSteps.h"

#include <QDateTime>

#include "daemon/async/Awaitables.h"
#include "daemon/async/Cancellation.h"
#include "daemon/async/TaskRunner.h"
#include "daemon/driver/StallWatchdog.h"
#include "daemon/snapper/GoDuration.h"
#include "daemon/zfs/ResumeToken.h"

using namespace Qt::StringLiterals;

namespace Daemon {

namespace {

Api::TimedError timedError(const QString &message)
{
    return Api::TimedError{message, Api::Timestamp::now()};
}

}  // namespace

ReplicationDriver::ReplicationDriver(Endpoint::SenderEndpoint &sender, Endpoint::ReceiverEndpoint &receiver, Options options,
                                     Log::Context log, QObject *parent)
    : QObject(parent)
    , m_sender(sender)
    , m_receiver(receiver)
    , m_options(options)
    , m_log(log.withSubsystem(u"repl"_s))
    , m_estimateLimit(std::max(1, options.sizeEstimates))
{
}

Async::Task<void> ReplicationDriver::run()
{
    m_report = Api::ReplicationReport{};
    m_report.startAt = Api::Timestamp::now();
    Q_EMIT reportChanged();
    for (int i = 0; i < m_options.maxAttempts; ++i) {
        Api::AttemptReport attemptReport;
        attemptReport.state = Api::AttemptState::Planning;
        attemptReport.startAt = Api::Timestamp::now();
        m_report.attempts.append(attemptReport);
        Q_EMIT reportChanged();
        const bool retry = co_await attempt(i);
        m_report.attempts[i].finishAt = Api::Timestamp::now();
        Q_EMIT reportChanged();
        if (!retry || i + 1 == m_options.maxAttempts) {
            break;
        }
        // Backoff: each retry waits twice as long as the one before.
        const std::chrono::milliseconds delay = m_options.retryDelay * (1 << i);
        if (!m_networkError.isEmpty()) {
            // zrepl's WaitReconnect: the connection to the other side broke; the next attempt connects anew.
            const Api::Timestamp now = Api::Timestamp::now();
            m_report.waitReconnectSince = now;
            m_report.waitReconnectUntil = Api::Timestamp::fromDateTime(QDateTime::currentDateTimeUtc().addMSecs(delay.count()));
            m_report.waitReconnectError = timedError(m_networkError);
            m_networkError.clear();
            Q_EMIT reportChanged();
        }
        m_log.info(u"temporary error, retrying"_s, {{u"attempt"_s, QString::number(i + 1)}, {u"after"_s, QString::number(delay.count()) + u"ms"_s}});
        co_await Async::sleep(delay);
    }
    m_report.finishAt = Api::Timestamp::now();
    Q_EMIT reportChanged();
}

void ReplicationDriver::noteReplicated(const QString &filesystem, const std::optional<Zfs::FilesystemVersion> &replica)
{
    const Health::FilesystemFacts listed = Health::senderFacts(m_senderVersions.value(filesystem), replica);
    Health::FilesystemFacts &facts = m_facts[filesystem];
    facts.snapshots = listed.snapshots;
    facts.newest = listed.newest;
    facts.unreplicated = listed.unreplicated;
    if (listed.replicated) {
        facts.replicated = listed.replicated;
    }
}

void ReplicationDriver::noteRemaining(const QString &filesystem)
{
    Health::FilesystemFacts &facts = m_facts[filesystem];
    if (facts.unreplicated == 0) {
        facts.unreplicatedBytes = 0;
        return;
    }
    const QList<qint64> remaining = m_stepEstimates.value(filesystem).mid(m_stepsDone.value(filesystem));
    // Only a sum over every remaining step is a figure; one unknown step makes the total unknown.
    qint64 sum = 0;
    for (qint64 bytes : remaining) {
        if (bytes < 0) {
            facts.unreplicatedBytes.reset();
            return;
        }
        sum += bytes;
    }
    facts.unreplicatedBytes = remaining.isEmpty() ? std::nullopt : std::optional<qint64>(sum);
}

bool ReplicationDriver::noteNetworkError(const Zfs::ZfsError &error)
{
    if (error.is(Zfs::ZfsError::Kind::Network)) {
        m_networkError = error.toString();
        return true;
    }
    return false;
}

Async::Task<ReplicationDriver::Listing> ReplicationDriver::listBothSides()
{
    Listing out;
    out.senderFilesystems = co_await m_sender.listFilesystems();
    if (!out.senderFilesystems.ok()) {
        out.error = out.senderFilesystems.error;
        co_return out;
    }
    QList<Zfs::DatasetPath> paths;
    for (const Zfs::Dataset &dataset : std::as_const(out.senderFilesystems.value)) {
        paths.append(dataset.path);
    }
    out.senderVersions = co_await m_sender.listVersions(paths);
    if (!out.senderVersions.ok()) {
        out.error = out.senderVersions.error;
        co_return out;
    }
    out.receiverFilesystems = co_await m_receiver.listFilesystems(paths);
    if (!out.receiverFilesystems.ok()) {
        out.error = out.receiverFilesystems.error;
        co_return out;
    }
    QList<Zfs::DatasetPath> existing;
    for (auto it = out.receiverFilesystems.value.cbegin(); it != out.receiverFilesystems.value.cend(); ++it) {
        if (it->exists) {
            existing.append(Zfs::DatasetPath::fromString(it.key()));
        }
    }
    out.receiverVersions = co_await m_receiver.listVersions(existing);
    if (!out.receiverVersions.ok()) {
        out.error = out.receiverVersions.error;
    }
    co_return out;
}

void ReplicationDriver::planningTimeout(int attemptIndex)
{
    const QString limit = formatGoDuration(m_options.planningTimeout);
    const QString message = u"planning did not finish within replication.planning_timeout (%1): aborted"_s.arg(limit);
    m_planningTimedOut = true;
    m_report.attempts[attemptIndex].state = Api::AttemptState::PlanningError;
    m_report.attempts[attemptIndex].planError = timedError(message);
    m_log.error(u"planning timed out"_s, {{u"planning_timeout"_s, limit}, {u"err"_s, message}});
    Q_EMIT reportChanged();
    Q_EMIT phaseTimedOut(u"planning"_s);
}

Async::Task<bool> ReplicationDriver::attempt(int index)
{
    auto planningError = [this, index](const Zfs::ZfsError &error) {
        if (error.is(Zfs::ZfsError::Kind::Network)) {
            m_networkError = error.toString();
        }
        m_report.attempts[index].state = Api::AttemptState::PlanningError;
        m_report.attempts[index].planError = timedError(error.toString());
        m_log.error(u"planning failed"_s, {{u"err"_s, error.toString()}});
        Q_EMIT reportChanged();
        // A ZFS that is not reachable may come back; anything else will fail the same way again.
        return error.is(Zfs::ZfsError::Kind::Unavailable) || error.is(Zfs::ZfsError::Kind::Timeout)
            || error.is(Zfs::ZfsError::Kind::Network);
    };
    // The listings are what planning waits for (a hung `zfs`, a peer that does not answer): planning_timeout
    // bounds them.
    const std::optional<Listing> listed = co_await Async::withTimeout(listBothSides(), m_options.planningTimeout);
    if (!listed) {
        planningTimeout(index);
        co_return false;  // another attempt would wait as long again
    }
    if (!listed->error.ok()) {
        co_return planningError(listed->error);
    }
    const auto &senderFilesystems = listed->senderFilesystems;
    const auto &senderVersions = listed->senderVersions;
    const auto &receiverFilesystems = listed->receiverFilesystems;
    const auto &receiverVersions = listed->receiverVersions;

    Replication::PlannerOptions plannerOptions;
    plannerOptions.encryption = m_options.encrypted ? Replication::SendEncryption::Required : Replication::SendEncryption::DontCare;
    const Replication::Planner planner(plannerOptions);
    QHash<QString, Work> work;
    QStringList withSteps;
    for (const Zfs::Dataset &dataset : senderFilesystems.value) {
        const QString fs = dataset.path.toString();
        Replication::SenderFilesystem sender;
        sender.path = fs;
        sender.versions = senderVersions.value.value(fs);
        const QString encryption = dataset.properties.value(u"encryption"_s);
        sender.encrypted = !encryption.isEmpty() && encryption != u"off" && encryption != u"-";
        if (const auto cursor = m_sender.replicationCursor(sender.versions)) {
            sender.replicationCursorGuid = cursor->guid;
        }
        const Endpoint::ReceiverFilesystem receiverFs = receiverFilesystems.value.value(fs);
        Replication::ReceiverFilesystem receiver;
        receiver.exists = receiverFs.exists;
        receiver.placeholder = receiverFs.placeholder;
        receiver.versions = receiverVersions.value.value(fs);
        receiver.resumeToken = receiverFs.resumeToken;
        if (!receiverFs.resumeToken.isEmpty()) {
            QString tokenError;
            if (const auto token = Zfs::ResumeToken::decode(receiverFs.resumeToken, &tokenError)) {
                receiver.resumeTokenFields = Replication::ResumeTokenFields{token->fromGuid, token->toGuid, token->toName,
                                                                            token->rawOk, token->compressOk};
                // The token must name this very filesystem on the sender; a token for another one is refused.
                const QString tokenFs = token->toName.section(u'@', 0, 0);
                if (tokenFs != fs) {
                    receiver.resumeTokenFields.reset();
                    receiver.resumeTokenError = u"resume token names %1, not %2"_s.arg(tokenFs, fs);
                }
            } else {
                receiver.resumeTokenError = tokenError;
            }
        }
        Work item{fs, planner.planFilesystem(sender, receiver), receiverFs};
        if (item.plan.commonAncestor) {
            m_replicatedUpTo.insert(fs, item.plan.commonAncestor->createTxg);
        }
        m_senderVersions.insert(fs, sender.versions);
        m_stepEstimates.insert(fs, QList<qint64>(item.plan.steps.size(), -1));
        m_stepsDone.insert(fs, 0);
        noteReplicated(fs, item.plan.commonAncestor);
        m_facts[fs].error = item.plan.error;
        if (item.plan.isUpToDate()) {
            m_facts[fs].lastSuccessAt = Api::Timestamp::now();
        }
        noteRemaining(fs);
        if (!item.plan.resolution.isEmpty()) {
            m_log.info(item.plan.resolution, {{u"fs"_s, fs}});
        }
        Api::FilesystemReport report;
        report.name = fs;
        if (item.plan.hasError()) {
            report.state = Api::FilesystemState::PlanningError;
            report.planError = timedError(item.plan.error);
            m_log.error(u"cannot plan filesystem"_s, {{u"fs"_s, fs}, {u"err"_s, item.plan.error}});
        } else {
            report.state = item.plan.steps.isEmpty() ? Api::FilesystemState::Done : Api::FilesystemState::Stepping;
            for (const Replication::PlannedStep &step : item.plan.steps) {
                Api::StepInfo info;
                info.from = step.from ? step.from->relativeName() : QString();
                info.to = step.to.relativeName();
                info.resumed = step.resumable;
                info.encrypted = m_options.encrypted ? Api::EncryptedMode::Yes : Api::EncryptedMode::No;
                report.steps.append(info);
            }
            if (!item.plan.steps.isEmpty()) {
                withSteps.append(fs);
            }
        }
        m_report.attempts[index].filesystems.append(report);
        work.insert(fs, item);
    }
    m_report.attempts[index].state = Api::AttemptState::FanOutFilesystems;
    Q_EMIT reportChanged();

    QHash<QString, int> reportIndex;
    for (int i = 0; i < m_report.attempts[index].filesystems.size(); ++i) {
        reportIndex.insert(m_report.attempts[index].filesystems[i].name, i);
    }
    bool retry = false;
    bool anyError = false;
    // Parents before children: a child's receive needs its parent, and a parent's full receive would replace a
    // placeholder made for the child.
    // Within a batch, up to `concurrency` filesystems replicate at once (zrepl's replication.concurrency.steps).
    for (const QStringList &batch : Replication::Planner::parentsFirstBatches(withSteps)) {
        std::vector<std::unique_ptr<Async::TaskRunner>> runners;
        Async::Wakeup finished;
        int running = 0;
        qsizetype next = 0;
        while (next < batch.size() || running > 0) {
            while (running < std::max(1, m_options.concurrency) && next < batch.size()) {
                const QString fs = batch[next++];
                auto runner = std::make_unique<Async::TaskRunner>();
                QObject::connect(runner.get(), &Async::TaskRunner::finished, &finished, [&running, &finished] {
                    --running;
                    finished.wake();
                });
                ++running;
                runner->start(replicateInto(index, reportIndex.value(fs), work.value(fs), &retry));
                runners.push_back(std::move(runner));
            }
            if (running > 0) {
                co_await finished.wait();
            }
        }
    }
    for (const Api::FilesystemReport &fs : m_report.attempts[index].filesystems) {
        anyError = anyError || fs.state == Api::FilesystemState::StepError || fs.state == Api::FilesystemState::PlanningError;
    }
    m_report.attempts[index].state = anyError ? Api::AttemptState::FilesystemError : Api::AttemptState::Done;
    Q_EMIT reportChanged();
    co_return retry;
}

Async::Task<void> ReplicationDriver::replicateInto(int attemptIndex, int fsIndex, Work work, bool *retry)
{
    const bool temporary = co_await replicateFilesystem(attemptIndex, fsIndex, std::move(work));
    *retry = *retry || temporary;
}

Async::Task<bool> ReplicationDriver::replicateFilesystem(int attemptIndex, int fsIndex, Work work)
{
    for (int i = 0; i < work.plan.steps.size(); ++i) {
        fsReport(attemptIndex, fsIndex).currentStep = i;
        Q_EMIT reportChanged();
        bool temporary = false;
        const QString error = co_await executeStep(attemptIndex, fsIndex, i, work, &temporary);
        if (!error.isEmpty()) {
            Api::FilesystemReport &report = fsReport(attemptIndex, fsIndex);
            report.state = Api::FilesystemState::StepError;
            report.stepError = timedError(error);
            m_facts[work.filesystem].error = error;
            m_log.error(u"step failed"_s, {{u"fs"_s, work.filesystem}, {u"step"_s, work.plan.steps[i].describe()}, {u"err"_s, error}});
            Q_EMIT reportChanged();
            co_return temporary;
        }
        m_replicatedUpTo.insert(work.filesystem, work.plan.steps[i].to.createTxg);
        noteReplicated(work.filesystem, work.plan.steps[i].to);
        m_facts[work.filesystem].lastSuccessAt = Api::Timestamp::now();
        m_facts[work.filesystem].error.clear();
        m_stepsDone[work.filesystem] = i + 1;
        noteRemaining(work.filesystem);
        // A full receive made the filesystem exist and replaced any placeholder.
        work.receiver.exists = true;
        work.receiver.placeholder = false;
    }
    Api::FilesystemReport &report = fsReport(attemptIndex, fsIndex);
    report.currentStep = int(work.plan.steps.size());
    report.state = Api::FilesystemState::Done;
    Q_EMIT reportChanged();
    co_return false;
}

Async::Task<QString> ReplicationDriver::executeStep(int attemptIndex, int fsIndex, int stepIndex, Work work, bool *temporary)
{
    const Replication::PlannedStep &step = work.plan.steps[stepIndex];
    Endpoint::SendArgs args;
    args.filesystem = work.filesystem;
    args.from = step.from;
    args.to = step.to;
    args.resumeToken = step.resumable ? step.resumeToken : QString();
    args.encrypted = m_options.encrypted;
    m_log.info(u"start step"_s, {{u"step"_s, step.describe()}, {u"resumed"_s, step.resumable ? u"true"_s : u"false"_s}});

    // The step's snapshots are in use from here to its end, on whichever side is this daemon's.
    std::vector<Holds::RunningSteps::Lease> leases;
    if (const std::optional<QString> local = m_sender.localFilesystem(work.filesystem)) {
        QStringList used{step.to.name};
        if (step.from && !step.from->isBookmark()) {
            used.append(step.from->name);
        }
        leases.push_back(Holds::RunningSteps::instance().enter({m_sender.jobId(), *local, used}));
    }
    if (const std::optional<QString> local = m_receiver.localFilesystem(work.filesystem)) {
        QStringList used{step.to.name};
        if (step.from && !step.from->isBookmark()) {
            used.append(step.from->name);
        }
        leases.push_back(Holds::RunningSteps::instance().enter({m_receiver.localJob(), *local, used}));
    }

    const Zfs::ZfsError prepared = co_await m_sender.prepareStep(args);
    if (!prepared.ok()) {
        *temporary = noteNetworkError(prepared);
        co_return u"cannot hold the step's snapshots on the sender: %1"_s.arg(prepared.toString().trimmed());
    }
    std::optional<qint64> estimate;
    {
        const Async::Semaphore::Permit permit = co_await m_estimateLimit.acquire();
        estimate = co_await m_sender.sizeEstimate(args);
    }
    if (const std::optional<qint64> size = estimate) {
        QList<qint64> &estimates = m_stepEstimates[work.filesystem];
        if (stepIndex < estimates.size()) {
            estimates[stepIndex] = *size;
            noteRemaining(work.filesystem);
        }
        fsReport(attemptIndex, fsIndex).steps[stepIndex].bytesExpected = *size;
        Q_EMIT reportChanged();
    }
    if (!work.receiver.exists) {
        // Only a filesystem that does not exist yet can lack parents; later steps skip the listing.
        const Zfs::ZfsError parents = co_await m_receiver.ensureParents(work.filesystem);
        if (!parents.ok()) {
            *temporary = noteNetworkError(parents);
            co_return u"cannot create placeholder parents on the receiver: %1"_s.arg(parents.toString().trimmed());
        }
    }
    Endpoint::ReceiveArgs receive;
    receive.filesystem = work.filesystem;
    receive.overwritePlaceholder = !step.from && !step.resumable && work.receiver.exists && work.receiver.placeholder;

    auto progress = [this, attemptIndex, fsIndex, stepIndex](qint64 bytes) {
        fsReport(attemptIndex, fsIndex).steps[stepIndex].bytesReplicated = bytes;
        Q_EMIT reportChanged();
    };
    QString stallError;
    const Endpoint::StreamOutcome result = co_await watchedStream(step.describe(), args, receive, progress, &stallError);
    progress(result.bytes);
    if (!result.ok()) {
        // A stalled stream was stopped by us, so its errors say little; the retry resumes it.
        *temporary = result.temporary || !stallError.isEmpty();
        if (result.connectionLost) {
            m_networkError = result.senderError.isEmpty() ? result.receiverError : result.senderError;
        }
        QStringList parts;
        if (!stallError.isEmpty()) {
            parts.append(stallError);
        }
        if (!result.senderError.isEmpty()) {
            parts.append(result.senderError);
        }
        if (!result.receiverError.isEmpty()) {
            parts.append(result.receiverError);
        }
        co_return parts.join(u'\n');
    }
    const QString received = co_await m_receiver.receiveCompleted(work.filesystem, step.to);
    if (!received.isEmpty()) {
        co_return received;
    }
    const Zfs::ZfsError completed = co_await m_sender.stepCompleted(args);
    if (!completed.ok()) {
        *temporary = noteNetworkError(completed);
        co_return u"cannot move the replication cursor or release the step holds: %1"_s.arg(completed.toString().trimmed());
    }
    m_facts[work.filesystem].bytesReplicated += result.bytes;
    m_log.info(u"step done"_s, {{u"step"_s, step.describe()}, {u"bytes"_s, QString::number(result.bytes)}});
    co_return QString();
}

Async::Task<Endpoint::StreamOutcome> ReplicationDriver::watchedStream(QString step, Endpoint::SendArgs args,
                                                                     Endpoint::ReceiveArgs receive, Endpoint::Progress progress,
                                                                     QString *stallError)
{
    StallWatchdog watchdog(m_options.stallTimeout);
    Async::StopSignal stopStream;  // gently: the producer goes, a resumable receive keeps what it has
    Async::StopSignal destroyStream;  // when the gentle stop did not end the stream either
    const QString limit = formatGoDuration(m_options.stallTimeout);
    QObject::connect(&watchdog, &StallWatchdog::stalled, &stopStream, [&] {
        Q_EMIT stepStalled(args.filesystem);
        stopStream.request();
    });
    QObject::connect(&watchdog, &StallWatchdog::stopIgnored, &destroyStream, [&] {
        m_log.warn(u"stalled stream did not end when stopped, abandoning it"_s, {{u"fs"_s, args.filesystem}, {u"step"_s, step}});
        destroyStream.request();
    });
    Endpoint::Progress watched = [progress, &watchdog](qint64 bytes) {
        progress(bytes);
        watchdog.progress(bytes);
    };

    // Whichever side is in this daemon runs its zfs process; the other side's stream comes over the transport.
    std::optional<Async::ProcessSpec> consumer = co_await m_receiver.receiveProcess(receive);
    std::optional<Async::ProcessSpec> producer;
    if (!consumer) {
        producer = m_sender.sendProcess(args);
    }
    Endpoint::StreamOutcome outcome;
    if (!consumer && !producer) {
        outcome.senderError = u"neither side of the replication runs in this daemon"_s;
        co_return outcome;
    }
    Async::Task<Endpoint::StreamOutcome> stream;
    if (consumer) {
        consumer->stop = &stopStream;
        stream = m_sender.sendInto(args, *consumer, watched);
    } else {
        producer->stop = &stopStream;
        stream = m_receiver.receiveFrom(receive, *producer, watched);
    }
    watchdog.start();
    const std::optional<Endpoint::StreamOutcome> streamed = co_await Async::cancelOn(std::move(stream), destroyStream);
    watchdog.stop();
    if (streamed) {
        outcome = *streamed;
    } else {
        outcome.bytes = watchdog.bytes();
        outcome.senderError = u"the stream did not end within %1 of being stopped and was abandoned"_s.arg(formatGoDuration(watchdog.grace()));
        outcome.temporary = true;
    }
    if (watchdog.hasFired() && !outcome.ok()) {
        // Told once the stream has ended: progress reports are throttled, its final count is exact.
        *stallError = u"replication step stalled: no data moved for %1 (replication.stall_timeout) after %2 bytes; "
                      "the stream was stopped to be retried"_s.arg(limit).arg(outcome.bytes);
        m_log.warn(u"replication step stalled and was stopped"_s, {{u"fs"_s, args.filesystem}, {u"step"_s, step},
                                                                   {u"bytes"_s, QString::number(outcome.bytes)},
                                                                   {u"stall_timeout"_s, limit}});
    }
    co_return outcome;
}

}  // namespace Daemon
