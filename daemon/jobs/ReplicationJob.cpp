// SPDX-License-Identifier: MIT
#include "daemon/jobs/ReplicationJob.h"

#include "daemon/async/Awaitables.h"
#include "daemon/driver/ReplicationDriver.h"
#include "daemon/endpoint/AbstractionNames.h"
#include "daemon/endpoint/Receiver.h"
#include "daemon/endpoint/Sender.h"
#include "daemon/jobs/LocalListeners.h"
#include "daemon/jobs/SinkJob.h"
#include "daemon/jobs/SourceJob.h"
#include "daemon/pruner/LocalPruneTarget.h"
#include "daemon/pruner/Pruner.h"
#include "daemon/rpc/RemoteEndpoints.h"
#include "daemon/transport/Connector.h"
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
        const auto [succeeded, error] = lastRunOutcome();
        noteRunFinished(succeeded, error);
        Q_EMIT statusChanged();
        Q_EMIT runFinished();
        if (std::exchange(m_runAgain, false)) {
            requestRun();
        } else {
            log().info(u"wait for wakeups"_s);
        }
    });
    // A reload waiting for this job to be idle hears of it here.
    connect(&m_pausedRunner, &Async::TaskRunner::finished, this, &Job::statusChanged);
}

ReplicationJob::~ReplicationJob()
{
    m_runner.cancel();
    m_scheduleRunner.cancel();
    m_pausedRunner.cancel();
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
    m_probeRunner.start(logZfsCapabilities(m_zfs));
    if (m_sender) {
        m_surveyRunner.start(survey());
    } else {
        m_surveyRunner.start(findInterruptedReceive());
    }
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
        m_nextPullAt = Api::Timestamp::fromDateTime(QDateTime::currentDateTimeUtc().addMSecs(interval.count()));
        co_await Async::sleep(interval);
    }
}

std::optional<QString> ReplicationJob::wakeup()
{
    if (isPaused()) {
        return u"job %1 is paused: `holdfast signal resume %1` resumes its replication"_s.arg(name());
    }
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
    m_replicatingNow = false;
    noteRunFinished(false, u"aborted by reset"_s);
    log().info(u"replication run aborted by reset"_s);
    Q_EMIT statusChanged();
    Q_EMIT runFinished();
    return std::nullopt;
}

void ReplicationJob::setPaused(bool paused)
{
    if (paused == isPaused()) {
        return;
    }
    Job::setPaused(paused);
    if (paused) {
        if (m_runner.isRunning()) {
            // Stopped like a reset: a resumable receive keeps what arrived, and the next run resumes it.
            m_runner.cancel();
            m_runAgain = false;
            m_replicatingNow = false;
            noteRunFinished(false, u"stopped: replication paused"_s);
            Q_EMIT runFinished();
            log().info(u"replication paused: the running replication was stopped, it resumes where it stopped"_s);
        } else {
            log().info(u"replication paused: snapshots and pruning go on"_s);
        }
    } else {
        log().info(u"replication resumed: replicating now"_s);
        m_pausedRunner.cancel();
        requestRun();
    }
    Q_EMIT statusChanged();
}

void ReplicationJob::requestRun()
{
    if (isPaused()) {
        if (!m_pausedRunner.isRunning()) {
            m_pausedRunner.start(pausedRun());
        }
        return;
    }
    if (m_runner.isRunning()) {
        m_runAgain = true;
        return;
    }
    m_invocation = noteRunStarted();
    m_runner.start(runOnce());
}

Async::Task<std::optional<ReplicationJob::SenderListing>> ReplicationJob::listSender(QString purpose)
{
    const auto filesystems = co_await m_sender->listFilesystems();
    if (!filesystems.ok()) {
        log().warn(u"cannot list filesystems for %1"_s.arg(purpose), {{u"err"_s, filesystems.error.toString()}});
        co_return std::nullopt;
    }
    SenderListing listing;
    for (const Zfs::Dataset &dataset : filesystems.value) {
        listing.paths.append(dataset.path);
    }
    const auto versions = co_await m_sender->listVersions(listing.paths);
    if (!versions.ok()) {
        log().warn(u"cannot list snapshots for %1"_s.arg(purpose), {{u"err"_s, versions.error.toString()}});
        co_return std::nullopt;
    }
    listing.versions = versions.value;
    co_return listing;
}

Async::Task<void> ReplicationJob::survey()
{
    // Freshness before the first run, from the sender's pool: the job's replication cursor on each filesystem names
    // the newest snapshot the receiver has, whatever happened before this daemon started.
    const std::optional<SenderListing> listing = co_await listSender(u"freshness"_s);
    if (!listing) {
        co_return;
    }
    QHash<QString, Health::FilesystemFacts> facts;
    for (const Zfs::DatasetPath &path : listing->paths) {
        const QList<Zfs::FilesystemVersion> list = listing->versions.value(path.toString());
        facts.insert(path.toString(), Health::senderFacts(list, m_sender->replicationCursor(list)));
    }
    if (runsFinished() == 0) {  // a run that ended meanwhile knows better
        freshnessTracker().replaceAll(facts);
        Q_EMIT statusChanged();
    }

    // The same listing says whether a step of this job was interrupted (a daemon killed, a reboot): a step that did
    // not complete leaves its step bookmark, or its step holds, on the sender.
    QStringList held;
    for (const Zfs::DatasetPath &path : listing->paths) {
        for (const Zfs::FilesystemVersion &v : listing->versions.value(path.toString())) {
            const auto step = v.isBookmark() ? Endpoint::parseStepBookmarkName(v.name) : std::nullopt;
            if (step && step->jobId == name()) {
                resumeInterrupted(v.fullName());
                co_return;
            }
            if (v.isSnapshot() && v.userRefs.value_or(0) > 0) {
                held.append(v.fullName());
            }
        }
    }
    const Zfs::Result<Zfs::Capabilities> caps = co_await m_zfs.capabilities();
    if (held.isEmpty() || !caps.ok() || !caps.value.holdsListing()) {
        co_return;  // zfs-fuse cannot list hold tags: its interrupted steps wait for the next run
    }
    const Zfs::Result<QList<Zfs::Hold>> holds = co_await m_zfs.holds(held);
    if (!holds.ok()) {
        log().warn(u"cannot look for interrupted steps"_s, {{u"err"_s, holds.error.toString()}});
        co_return;
    }
    const QString stepTag = Endpoint::stepHoldTag(name());
    for (const Zfs::Hold &hold : holds.value) {
        if (hold.tag == stepTag) {
            resumeInterrupted(hold.snapshot);
            co_return;
        }
    }
}

Health::FreshnessTracker ReplicationJob::freshnessSnapshot() const
{
    Health::FreshnessTracker freshness = Job::freshnessSnapshot();
    if (m_snapper) {
        // A push job replicates after every snapshot round.
        const Api::SnapperReport report = m_snapper->report();
        freshness.setNextSnapshotAt(report.sleepUntil);
        freshness.setNextReplicationAt(isPaused() ? Api::Timestamp{} : report.sleepUntil);
    } else if (!m_nextPullAt.isZero() && !isPaused()) {
        freshness.setNextReplicationAt(m_nextPullAt);
    }
    return freshness;
}

void ReplicationJob::noteFreshness(const QHash<QString, Health::FilesystemFacts> &facts)
{
    // A run sees every filesystem of the job: what it did not list is gone. What it could not learn (a failed
    // planning) keeps what an earlier run knew, so that a failure does not make the last replica unknown.
    Health::FreshnessTracker &tracker = freshnessTracker();
    QHash<QString, Health::FilesystemFacts> merged;
    for (auto it = facts.cbegin(); it != facts.cend(); ++it) {
        Health::FilesystemFacts f = it.value();
        const Health::FilesystemFacts before = tracker.facts(it.key());
        if (!f.replicated) {
            f.replicated = before.replicated;
        }
        if (f.lastSuccessAt.isZero()) {
            f.lastSuccessAt = before.lastSuccessAt;
        }
        f.bytesReplicated += before.bytesReplicated;
        merged.insert(it.key(), f);
    }
    if (!merged.isEmpty() || (m_replication && !m_replication->attempts.isEmpty()
                              && m_replication->attempts.last().state == Api::AttemptState::Done)) {
        tracker.replaceAll(merged);
    }
}

void ReplicationJob::noteSenderPruned(const Api::PrunerReport &report)
{
    // The snapshots counted at planning, less what pruning destroyed since.
    Health::FreshnessTracker &tracker = freshnessTracker();
    for (const Api::PrunerFilesystemReport &fs : report.completed.value_or(QList<Api::PrunerFilesystemReport>{})) {
        if (!tracker.contains(fs.filesystem) || !fs.destroyList || !fs.lastError.isEmpty()) {
            continue;
        }
        Health::FilesystemFacts facts = tracker.facts(fs.filesystem);
        facts.snapshots = std::max(0, facts.snapshots - int(fs.destroyList->size()));
        tracker.update(fs.filesystem, facts);
    }
}

std::pair<bool, QString> ReplicationJob::lastRunOutcome() const
{
    const Api::JobStatus current = status();
    return Api::runOutcome(*current.active());
}

void ReplicationJob::connectFailed(const QString &message)
{
    const Api::Timestamp now = Api::Timestamp::now();
    Api::ReplicationReport failed;
    failed.startAt = now;
    failed.finishAt = now;
    failed.attempts.append(Api::AttemptReport{Api::AttemptState::PlanningError, now, now, Api::TimedError{message, now}, {}});
    m_replication = failed;
    freshnessTracker().setJobError(message);
    log().error(u"cannot connect"_s, {{u"err"_s, message}});
    Q_EMIT statusChanged();
}

Async::Task<void> ReplicationJob::runOnce()
{
    const Log::Context runLog = log();
    runLog.info(u"start replication"_s, {{u"invocation"_s, QString::number(m_invocation)}});
    // A new invocation starts with no pruning, as zrepl's (its status shows null until this run prunes): the last
    // run's "Done" must not stand beside this run's replication, or a reader takes the round for finished.
    if (m_pruningSender || m_pruningReceiver) {
        m_pruningSender.reset();
        m_pruningReceiver.reset();
        Q_EMIT statusChanged();
    }
    const Config::Connect &connect = config().connect;
    const bool push = type() == Config::JobType::Push;

    // Both ends of the replication and where each is pruned: this daemon's pools, a passive job of this daemon
    // (local transport), or a passive job at the other end of a network transport.
    std::unique_ptr<Rpc::Client> client;
    std::unique_ptr<Endpoint::SenderEndpoint> ownedSender;
    std::unique_ptr<Endpoint::ReceiverEndpoint> ownedReceiver;
    std::unique_ptr<Endpoint::PruneTarget> senderPrune;
    std::unique_ptr<Endpoint::PruneTarget> receiverPrune;
    Endpoint::SenderEndpoint *sender = m_sender.get();
    Endpoint::ReceiverEndpoint *receiver = nullptr;
    const Zfs::DatasetPath pullRoot = Zfs::DatasetPath::fromString(config().rootFs);
    auto localReceiverPrune = [this](Zfs::ZfsClient &zfs, const Zfs::DatasetPath &root) {
        return localReceiverPruneTarget(zfs, root);
    };

    if (connect.type == Config::Connect::Type::Local) {
        Job *peer = LocalListeners::instance().find(connect.listenerName);
        auto *sink = qobject_cast<SinkJob *>(peer);
        auto *source = qobject_cast<SourceJob *>(peer);
        if (push ? !sink : !source) {
            connectFailed(u"no local listener named \"%1\": is a %2 job with serve.type local and this listener_name "
                          "configured in this daemon?"_s.arg(connect.listenerName, push ? u"sink"_s : u"source"_s));
            co_return;
        }
        if (push) {
            QString error;
            std::unique_ptr<Endpoint::Receiver> local = sink->receiverFor(connect.clientIdentity, &error);
            if (!local) {
                connectFailed(error);
                co_return;
            }
            receiverPrune = localReceiverPrune(sink->zfs(), local->root());
            ownedReceiver = std::move(local);
        } else {
            std::unique_ptr<Endpoint::Sender> remote = source->senderFor(connect.clientIdentity);
            senderPrune = std::make_unique<LocalPruneTarget>(source->zfs(), source->filter());
            ownedSender = std::move(remote);
        }
    } else {
        QString error;
        std::unique_ptr<Transport::Connector> connector = Transport::connectorFromConfig(connect, &error);
        if (!connector) {
            connectFailed(error);
            co_return;
        }
        client = std::make_unique<Rpc::Client>(std::move(connector), push ? Rpc::Role::Sink : Rpc::Role::Source);
        client->setMaxConnections(config().replicationSteps);
        const Zfs::ZfsError connected = co_await client->ensureConnected();
        if (!connected.ok()) {
            connectFailed(connected.toString());
            co_return;
        }
        runLog.info(u"connected"_s, {{u"peer"_s, client->describe()}, {u"job"_s, client->peer().jobName},
                                     {u"identity"_s, client->peer().clientIdentity}});
        if (push) {
            ownedReceiver = std::make_unique<Rpc::RemoteReceiver>(*client);
            receiverPrune = std::make_unique<Rpc::RemotePruneTarget>(*client);
        } else {
            ownedSender = std::make_unique<Rpc::RemoteSender>(*client);
            senderPrune = std::make_unique<Rpc::RemotePruneTarget>(*client);
        }
    }
    if (push) {
        senderPrune = std::make_unique<LocalPruneTarget>(m_zfs, m_filter);
    } else {
        sender = ownedSender.get();
        ownedReceiver = std::make_unique<Endpoint::Receiver>(m_zfs, pullRoot, name());
        receiverPrune = localReceiverPrune(m_zfs, pullRoot);
    }
    receiver = ownedReceiver.get();

    ReplicationDriver::Options options;
    options.encrypted = sender->encrypted();
    options.concurrency = config().replicationSteps;
    options.sizeEstimates = config().sizeEstimates;
    // The watchdog (Holdfast's replication.stall_timeout and planning_timeout).
    options.stallTimeout = std::chrono::duration_cast<std::chrono::milliseconds>(config().stallTimeout);
    options.planningTimeout = std::chrono::duration_cast<std::chrono::milliseconds>(config().planningTimeout);
    ReplicationDriver driver(*sender, *receiver, options, runLog);
    QObject::connect(&driver, &ReplicationDriver::stepStalled, this, [this] {
        freshnessTracker().addStall();  // holdfast_replication_stalls_total
        Q_EMIT statusChanged();
    });
    QObject::connect(&driver, &ReplicationDriver::reportChanged, this, [this, &driver] {
        m_replication = driver.report();
        Q_EMIT statusChanged();
    });
    m_replicatingNow = true;
    co_await driver.run();
    m_replicatingNow = false;
    m_replication = driver.report();
    noteFreshness(driver.freshnessFacts());
    Q_EMIT statusChanged();

    // Pruning after replication, as zrepl's active side: first the sender, then the receiver.
    QString rulesError;
    std::optional<Pruning::KeepRuleList> senderRules = Pruning::rulesFromConfig(config().keepSender, &rulesError);
    std::optional<Pruning::KeepRuleList> receiverRules = Pruning::rulesFromConfig(config().keepReceiver, &rulesError);
    if (!senderRules || !receiverRules) {
        runLog.error(u"invalid keep rules; not pruning"_s, {{u"err"_s, rulesError}});
        co_return;
    }
    const auto senderVerdicts = co_await prune(*senderPrune, *senderRules, true, driver.replicatedUpTo(), runLog);
    const auto receiverVerdicts = co_await prune(*receiverPrune, *receiverRules, false, std::nullopt, runLog);
    m_explanations = senderVerdicts + receiverVerdicts;
    Q_EMIT statusChanged();
    runLog.info(u"finished replication and pruning"_s, {{u"invocation"_s, QString::number(m_invocation)}});
}

Async::Task<QList<Api::PruningFilesystemExplanation>>
ReplicationJob::prune(Endpoint::PruneTarget &target, Pruning::KeepRuleList rules, bool senderSide,
                      std::optional<QHash<QString, quint64>> replicatedUpTo, Log::Context runLog)
{
    const QString side = senderSide ? u"sender"_s : u"receiver"_s;
    const QList<Config::KeepRule> &keep = senderSide ? config().keepSender : config().keepReceiver;
    Pruner pruner(target, std::move(rules), runLog.withSubsystem(u"pruning_"_s + side));
    pruner.setExplanationContext(name(), side, Pruning::describeRules(keep));
    pruner.setTimeout(std::chrono::duration_cast<std::chrono::milliseconds>(config().pruningTimeout));  // the watchdog
    if (senderSide) {
        pruner.setReplicatedUpTo(std::move(replicatedUpTo));
        bool atCursorReplicated = false;
        for (const Config::KeepRule &rule : keep) {
            atCursorReplicated = atCursorReplicated || (rule.type == Config::KeepRule::Type::NotReplicated && !rule.keepSnapshotAtCursor);
        }
        pruner.setSnapshotAtCursorReplicated(atCursorReplicated);
    }
    std::optional<Api::PrunerReport> &report = senderSide ? m_pruningSender : m_pruningReceiver;
    QObject::connect(&pruner, &Pruner::reportChanged, this, [this, &pruner, &report] {
        report = pruner.report();
        Q_EMIT statusChanged();
    });
    co_await pruner.run();
    if (senderSide) {
        noteSenderPruned(pruner.report());
    }
    freshnessTracker().setPruningErrors(side, Pruner::failedFilesystems(pruner.report()));
    co_return pruner.explanations();
}

std::unique_ptr<Endpoint::PruneTarget> ReplicationJob::localReceiverPruneTarget(Zfs::ZfsClient &zfs,
                                                                               const Zfs::DatasetPath &root) const
{
    Config::FilesystemsFilter patterns;
    patterns.insert(root.toString() + u'<', true);
    QString error;
    return std::make_unique<LocalPruneTarget>(zfs, Zfs::DatasetFilter::fromConfig(patterns, &error).value_or(Zfs::DatasetFilter()));
}

Async::Task<void> ReplicationJob::findInterruptedReceive()
{
    // A pull job receives here: an interrupted receive left a resume token below root_fs.
    const Zfs::Result<QList<Zfs::Dataset>> datasets = co_await m_zfs.listFilesystemsWithResumeTokens();
    if (!datasets.ok()) {
        log().warn(u"cannot look for interrupted receives"_s, {{u"err"_s, datasets.error.toString()}});
        co_return;
    }
    const Zfs::DatasetPath root = Zfs::DatasetPath::fromString(config().rootFs);
    for (const Zfs::Dataset &dataset : datasets.value) {
        if (dataset.path.hasPrefix(root) && !dataset.resumeToken().isEmpty()) {
            resumeInterrupted(dataset.path.toString());
            co_return;
        }
    }
}

void ReplicationJob::resumeInterrupted(const QString &where)
{
    if (isPaused()) {
        log().info(u"an interrupted step waits for the job to be resumed"_s, {{u"at"_s, where}});
        return;
    }
    log().info(u"resuming an interrupted replication step now"_s, {{u"at"_s, where}});
    if (!m_runner.isRunning()) {
        requestRun();
    }
}

Async::Task<void> ReplicationJob::pausedRun()
{
    const bool push = type() == Config::JobType::Push;
    QString rulesError;
    const std::optional<Pruning::KeepRuleList> rules =
        Pruning::rulesFromConfig(push ? config().keepSender : config().keepReceiver, &rulesError);
    if (!rules) {
        log().error(u"invalid keep rules; not pruning"_s, {{u"err"_s, rulesError}});
        co_return;
    }
    std::unique_ptr<Endpoint::PruneTarget> target;
    std::optional<QHash<QString, quint64>> replicatedUpTo;
    if (push) {
        // What the receiver has is what our replication cursors say; a filesystem without one counts nothing as
        // replicated, so that not_replicated keeps everything there.
        const std::optional<SenderListing> listing = co_await listSender(u"pruning while paused"_s);
        if (!listing) {
            co_return;
        }
        QHash<QString, quint64> upTo;
        for (auto it = listing->versions.cbegin(); it != listing->versions.cend(); ++it) {
            if (const std::optional<Zfs::FilesystemVersion> cursor = m_sender->replicationCursor(it.value())) {
                upTo.insert(it.key(), cursor->createTxg);
            }
        }
        replicatedUpTo = upTo;
        target = std::make_unique<LocalPruneTarget>(m_zfs, m_filter);
    } else {
        target = localReceiverPruneTarget(m_zfs, Zfs::DatasetPath::fromString(config().rootFs));
    }
    log().info(u"replication paused: pruning this side only"_s, {{u"side"_s, push ? u"sender"_s : u"receiver"_s}});
    m_explanations = co_await prune(*target, *rules, push, replicatedUpTo, log());
    Q_EMIT statusChanged();
}

}  // namespace Daemon
