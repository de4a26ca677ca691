// SPDX-License-Identifier: MIT
#include "daemon/jobs/SnapJob.h"

#include <QSet>

#include "daemon/pruner/LocalPruneTarget.h"
#include "daemon/pruner/Pruner.h"
#include "daemon/pruning/Pruning.h"
#include "daemon/snapper/Snapper.h"
#include "daemon/zfs/DatasetFilter.h"

using namespace Qt::StringLiterals;

namespace Daemon {

SnapJob::SnapJob(const Config::Job &config, Zfs::CommandConfig zfs, QObject *parent)
    : Job(config, parent)
    , m_command(std::move(zfs))
    , m_zfs(m_command)
{
    const Zfs::DatasetFilter filter = filesystemsFilter();
    QString error;
    std::optional<Pruning::KeepRuleList> rules = Pruning::rulesFromConfig(config.keep, &error);
    if (!rules) {
        log().error(u"invalid keep rules; pruning keeps everything"_s, {{u"err"_s, error}});
        rules = Pruning::KeepRuleList();
    }
    if (config.snapshotting.type == Config::Snapshotting::Type::Periodic) {
        m_snapper = std::make_unique<Snapper>(config.snapshotting, filter, m_zfs, log());
        connect(m_snapper.get(), &Snapper::reportChanged, this, &Job::statusChanged);
        connect(m_snapper.get(), &Snapper::roundFinished, this, &SnapJob::requestPruning);
    }
    m_pruneTarget = std::make_unique<LocalPruneTarget>(m_zfs, filter);
    m_pruner = std::make_unique<Pruner>(*m_pruneTarget, *rules, log().withSubsystem(u"pruning"_s));
    m_pruner->setExplanationContext(name(), u"local"_s, Pruning::describeRules(config.keep));
    connect(m_pruner.get(), &Pruner::reportChanged, this, &Job::statusChanged);
    connect(&m_prunerRunner, &Async::TaskRunner::finished, this, [this] {
        log().info(u"finished pruning"_s, {{u"invocation"_s, QString::number(m_invocation)}});
        noteFreshness();
        Q_EMIT pruningFinished();
        Q_EMIT statusChanged();
        if (std::exchange(m_pruneAgain, false)) {
            requestPruning();
        } else {
            log().info(u"wait for wakeups"_s);
        }
    });
}

SnapJob::~SnapJob()
{
    // The tasks refer to the snapper, the pruner and the ZFS client: end them first.
    m_snapperRunner.cancel();
    m_prunerRunner.cancel();
    m_probeRunner.cancel();
}

Api::JobStatus SnapJob::status() const
{
    Api::SnapJobStatus snap;
    if (m_prunedOnce) {
        snap.pruning = m_pruner->report();
    }
    if (m_snapper) {
        snap.snapshotting = m_snapper->report();
    }
    return {Api::JobStatus::Type::Snap, snap};
}

Health::FreshnessTracker SnapJob::freshnessSnapshot() const
{
    Health::FreshnessTracker freshness = Job::freshnessSnapshot();
    if (m_snapper) {
        freshness.setNextSnapshotAt(m_snapper->report().sleepUntil);
    }
    return freshness;
}

void SnapJob::noteFreshness()
{
    // The pruner listed every snapshot of the job's filesystems: what it did not destroy is what there is.
    const Api::PrunerReport report = m_pruner->report();
    if (!report.completed) {
        freshnessTracker().setPruningErrors(u"local"_s, Pruner::failedFilesystems(report));
        return;
    }
    QHash<QString, Health::FilesystemFacts> facts;
    for (const Api::PrunerFilesystemReport &fs : *report.completed) {
        if (!fs.snapshotList) {
            continue;
        }
        QSet<QString> destroyed;
        if (fs.lastError.isEmpty()) {
            for (const Api::PrunerSnapshot &snapshot : fs.destroyList.value_or(QList<Api::PrunerSnapshot>{})) {
                destroyed.insert(snapshot.name);
            }
        }
        Health::FilesystemFacts f;
        for (const Api::PrunerSnapshot &snapshot : *fs.snapshotList) {
            if (destroyed.contains(snapshot.name)) {
                continue;
            }
            ++f.snapshots;
            if (!f.newest || f.newest->creation < snapshot.date) {
                f.newest = Api::SnapshotRef{snapshot.name, snapshot.date};
            }
        }
        f.error = fs.lastError;
        facts.insert(fs.filesystem, f);
    }
    freshnessTracker().replaceAll(facts);
    freshnessTracker().setPruningErrors(u"local"_s, Pruner::failedFilesystems(report));
    Q_EMIT statusChanged();
}

void SnapJob::start()
{
    log().info(u"starting job"_s);
    m_probeRunner.start(logZfsCapabilities(m_zfs));
    if (m_snapper) {
        m_snapperRunner.start(m_snapper->run());
    }
    log().info(u"wait for wakeups"_s);
}

void SnapJob::requestPruning()
{
    if (m_prunerRunner.isRunning()) {
        m_pruneAgain = true;
        return;
    }
    ++m_invocation;
    m_prunedOnce = true;
    log().info(u"start pruning"_s, {{u"invocation"_s, QString::number(m_invocation)}});
    m_prunerRunner.start(m_pruner->run());
}

std::optional<QString> SnapJob::wakeup()
{
    if (m_snapper && m_snapper->wakeup()) {
        log().info(u"woken up: snapshotting now"_s);
        return std::nullopt;
    }
    if (!m_prunerRunner.isRunning()) {
        log().info(u"woken up: pruning now"_s);
        requestPruning();
        return std::nullopt;
    }
    return AlreadyWokenUp;
}

std::optional<QString> SnapJob::reset()
{
    if (!m_prunerRunner.isRunning()) {
        return AlreadyReset;
    }
    m_prunerRunner.cancel();
    m_pruneAgain = false;
    log().info(u"pruning aborted by reset"_s, {{u"invocation"_s, QString::number(m_invocation)}});
    Q_EMIT statusChanged();
    Q_EMIT pruningFinished();
    return std::nullopt;
}

QList<Api::PruningFilesystemExplanation> SnapJob::pruningExplanations() const
{
    return m_pruner->explanations();
}

}  // namespace Daemon
