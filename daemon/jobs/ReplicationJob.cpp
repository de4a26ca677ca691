// SPDX-License-Identifier: MIT
#include "daemon/jobs/ReplicationJob.h"

#include "daemon/async/Awaitables.h"
#include "daemon/driver/ReplicationDriver.h"
#include "daemon/endpoint/Receiver.h"
#include "daemon/endpoint/Sender.h"
#include "daemon/jobs/LocalListeners.h"
#include "daemon/jobs/SinkJob.h"
#include "daemon/jobs/SourceJob.h"
#include "daemon/pruner/Pruner.h"
#include "daemon/pruning/Pruning.h"
#include "daemon/snapper/Snapper.h"

using namespace Qt::StringLiterals;

namespace Daemon {

ReplicationJob::ReplicationJob(const Config::Job &config, Zfs::CommandConfig zfs, QObject *parent)
    : Job(config, parent)
    , m_command(std::move(zfs))
    , m_zfs(m_command)
{
    if (config.type == Config::JobType::Push) {
        m_filter = filesystemsFilter();
        m_sender = std::make_unique<Endpoint::Sender>(m_zfs, m_filter, config.name, config.sendEncrypted);
        if (config.snapshotting.type == Config::Snapshotting::Type::Periodic) {
            m_snapper = std::make_unique<Snapper>(config.snapshotting, m_filter, m_zfs, log());
            connect(m_snapper.get(), &Snapper::reportChanged, this, &Job::statusChanged);
            connect(m_snapper.get(), &Snapper::roundFinished, this, &ReplicationJob::requestRun);
        }
    }
    connect(&m_runner, &Async::TaskRunner::finished, this, [this] {
        Q_EMIT runFinished();
        if (std::exchange(m_runAgain, false)) {
            requestRun();
        } else {
            log().info(u"wait for wakeups"_s);
        }
    });
}

ReplicationJob::~ReplicationJob()
{
    m_runner.cancel();
    m_scheduleRunner.cancel();
}

Api::JobStatus ReplicationJob::status() const
{
    Api::ActiveSideStatus active;
    active.replication = m_replication;
    active.pruningSender = m_pruningSender;
    active.pruningReceiver = m_pruningReceiver;
    if (m_snapper) {
        active.snapshotting = m_snapper->report();
    }
    const bool push = type() == Config::JobType::Push;
    return {push ? Api::JobStatus::Type::Push : Api::JobStatus::Type::Pull, active};
}

void ReplicationJob::start()
{
    log().info(u"starting job"_s);
    if (m_snapper) {
        m_scheduleRunner.start(m_snapper->run());
    } else if (type() == Config::JobType::Pull && !config().intervalManual && config().interval.count() > 0) {
        m_scheduleRunner.start(pullSchedule());
    }
    log().info(u"wait for wakeups"_s);
}

Async::Task<void> ReplicationJob::pullSchedule()
{
    // zrepl's pull job: a run right away, then one every interval.
    const auto interval = std::chrono::duration_cast<std::chrono::milliseconds>(config().interval);
    while (true) {
        requestRun();
        co_await Async::sleep(interval);
    }
}

std::optional<QString> ReplicationJob::wakeup()
{
    if (m_runner.isRunning()) {
        return AlreadyWokenUp;
    }
    log().info(u"woken up: replicating now"_s);
    requestRun();
    return std::nullopt;
}

std::optional<QString> ReplicationJob::reset()
{
    if (!m_runner.isRunning()) {
        return AlreadyReset;
    }
    m_runner.cancel();
    m_runAgain = false;
    log().info(u"replication run aborted by reset"_s);
    Q_EMIT statusChanged();
    Q_EMIT runFinished();
    return std::nullopt;
}

void ReplicationJob::requestRun()
{
    if (m_runner.isRunning()) {
        m_runAgain = true;
        return;
    }
    ++m_invocation;
    m_runner.start(runOnce());
}

void ReplicationJob::connectFailed(const QString &message)
{
    const Api::Timestamp now = Api::Timestamp::now();
    Api::ReplicationReport failed;
    failed.startAt = now;
    failed.finishAt = now;
    failed.attempts.append(Api::AttemptReport{Api::AttemptState::PlanningError, now, now, Api::TimedError{message, now}, {}});
    m_replication = failed;
    log().error(u"cannot connect"_s, {{u"err"_s, message}});
    Q_EMIT statusChanged();
}

Async::Task<void> ReplicationJob::runOnce()
{
    const Log::Context runLog = log();
    runLog.info(u"start replication"_s, {{u"invocation"_s, QString::number(m_invocation)}});
    const Config::Connect &connect = config().connect;
    if (connect.type != Config::Connect::Type::Local) {
        connectFailed(u"only the local transport is implemented in this version of Holdfast"_s);
        co_return;
    }
    Job *peer = LocalListeners::instance().find(connect.listenerName);
    const bool push = type() == Config::JobType::Push;
    auto *sink = qobject_cast<SinkJob *>(peer);
    auto *source = qobject_cast<SourceJob *>(peer);
    if (push ? !sink : !source) {
        connectFailed(u"no local listener named \"%1\": is a %2 job with serve.type local and this listener_name "
                      "configured in this daemon?"_s.arg(connect.listenerName, push ? u"sink"_s : u"source"_s));
        co_return;
    }

    // Both ends of the replication and where each is pruned.
    std::unique_ptr<Endpoint::Sender> remoteSender;
    std::unique_ptr<Endpoint::Receiver> receiver;
    Endpoint::Sender *sender = m_sender.get();
    Zfs::ZfsClient *senderZfs = &m_zfs;
    Zfs::DatasetFilter senderFilter = m_filter;
    if (push) {
        QString error;
        receiver = sink->receiverFor(connect.clientIdentity, &error);
        if (!receiver) {
            connectFailed(error);
            co_return;
        }
    } else {
        remoteSender = source->senderFor(connect.clientIdentity);
        sender = remoteSender.get();
        senderZfs = &source->zfs();
        senderFilter = source->filter();
        receiver = std::make_unique<Endpoint::Receiver>(m_zfs, Zfs::DatasetPath::fromString(config().rootFs), name());
    }

    ReplicationDriver::Options options;
    options.encrypted = sender->encrypted();
    ReplicationDriver driver(*sender, *receiver, options, runLog);
    QObject::connect(&driver, &ReplicationDriver::reportChanged, this, [this, &driver] {
        m_replication = driver.report();
        Q_EMIT statusChanged();
    });
    co_await driver.run();
    m_replication = driver.report();
    Q_EMIT statusChanged();

    // Pruning after replication, as zrepl's active side: first the sender, then the receiver.
    QString rulesError;
    std::optional<Pruning::KeepRuleList> senderRules = Pruning::rulesFromConfig(config().keepSender, &rulesError);
    std::optional<Pruning::KeepRuleList> receiverRules = Pruning::rulesFromConfig(config().keepReceiver, &rulesError);
    if (!senderRules || !receiverRules) {
        runLog.error(u"invalid keep rules; not pruning"_s, {{u"err"_s, rulesError}});
        co_return;
    }
    Pruner senderPruner(senderFilter, *senderRules, *senderZfs, runLog.withSubsystem(u"pruning_sender"_s));
    senderPruner.setReplicatedUpTo(driver.replicatedUpTo());
    bool atCursorReplicated = false;
    for (const Config::KeepRule &rule : config().keepSender) {
        atCursorReplicated = atCursorReplicated || (rule.type == Config::KeepRule::Type::NotReplicated && !rule.keepSnapshotAtCursor);
    }
    senderPruner.setSnapshotAtCursorReplicated(atCursorReplicated);
    QObject::connect(&senderPruner, &Pruner::reportChanged, this, [this, &senderPruner] {
        m_pruningSender = senderPruner.report();
        Q_EMIT statusChanged();
    });
    co_await senderPruner.run();

    QString filterError;
    Config::FilesystemsFilter receiverPatterns;
    receiverPatterns.insert(receiver->root().toString() + u'<', true);
    const std::optional<Zfs::DatasetFilter> receiverFilter = Zfs::DatasetFilter::fromConfig(receiverPatterns, &filterError);
    if (!receiverFilter) {
        runLog.error(u"cannot prune the receiver"_s, {{u"err"_s, filterError}});
        co_return;
    }
    Pruner receiverPruner(*receiverFilter, *receiverRules, receiver->zfs(), runLog.withSubsystem(u"pruning_receiver"_s));
    QObject::connect(&receiverPruner, &Pruner::reportChanged, this, [this, &receiverPruner] {
        m_pruningReceiver = receiverPruner.report();
        Q_EMIT statusChanged();
    });
    co_await receiverPruner.run();
    runLog.info(u"finished replication and pruning"_s, {{u"invocation"_s, QString::number(m_invocation)}});
}

}  // namespace Daemon
