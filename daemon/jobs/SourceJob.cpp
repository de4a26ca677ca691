// SPDX-License-Identifier: MIT
#include "daemon/jobs/SourceJob.h"

#include <QPointer>

#include "daemon/jobs/LocalListeners.h"
#include "daemon/jobs/PassiveServer.h"
#include "daemon/rpc/Services.h"
#include "daemon/snapper/Snapper.h"

using namespace Qt::StringLiterals;

namespace Daemon {

SourceJob::SourceJob(const Config::Job &config, Zfs::CommandConfig zfs, QObject *parent)
    : Job(config, parent)
    , m_command(std::move(zfs))
    , m_zfs(m_command)
{
    m_filter = filesystemsFilter();
    if (config.snapshotting.type == Config::Snapshotting::Type::Periodic) {
        m_snapper = std::make_unique<Snapper>(config.snapshotting, m_filter, m_zfs, log());
        connect(m_snapper.get(), &Snapper::reportChanged, this, &Job::statusChanged);
    }
    if (config.serve.type == Config::Serve::Type::Local) {
        m_listenerName = config.serve.listenerName;
    }
}

SourceJob::~SourceJob()
{
    m_snapperRunner.cancel();
    if (!m_listenerName.isEmpty()) {
        LocalListeners::instance().remove(m_listenerName, this);
    }
}

Api::JobStatus SourceJob::status() const
{
    Api::PassiveStatus passive;
    if (m_snapper) {
        passive.snapper = m_snapper->report();
    }
    return {Api::JobStatus::Type::Source, passive};
}

void SourceJob::start()
{
    log().info(u"starting job"_s);
    m_probeRunner.start(logZfsCapabilities(m_zfs));
    if (m_snapper) {
        m_snapperRunner.start(m_snapper->run());
    }
    if (m_listenerName.isEmpty()) {
        m_server = std::make_unique<PassiveServer>(config().serve, [this](const QString &identity, QString *) -> std::unique_ptr<Rpc::Service> {
            return std::make_unique<Rpc::SenderService>(senderFor(identity), name(), identity);
        }, log());
        m_server->start();
        return;
    }
    if (!LocalListeners::instance().add(m_listenerName, this)) {
        log().error(u"another job already serves this local listener"_s, {{u"listener_name"_s, m_listenerName}});
        return;
    }
    log().info(u"serving local listener"_s, {{u"listener_name"_s, m_listenerName}});
}

Health::FreshnessTracker SourceJob::freshnessSnapshot() const
{
    Health::FreshnessTracker freshness = Job::freshnessSnapshot();
    if (m_snapper) {
        freshness.setNextSnapshotAt(m_snapper->report().sleepUntil);
    }
    return freshness;
}

std::unique_ptr<Endpoint::Sender> SourceJob::senderFor(const QString &)
{
    // zrepl's source sends under its own job id: its cursors and step holds are named after the source job.
    auto sender = std::make_unique<Endpoint::Sender>(m_zfs, m_filter, name(), config().sendEncrypted);
    Endpoint::Sender *raw = sender.get();
    const QPointer<SourceJob> job(this);
    sender->setObserver(Endpoint::Sender::Observer{
        [job, raw](const Endpoint::VersionMap &listed) {
            if (!job) {
                return;
            }
            Health::FreshnessTracker &tracker = job->freshnessTracker();
            for (auto it = listed.cbegin(); it != listed.cend(); ++it) {
                Health::FilesystemFacts facts = Health::senderFacts(it.value(), raw->replicationCursor(it.value()));
                facts.lastSuccessAt = tracker.facts(it.key()).lastSuccessAt;
                tracker.update(it.key(), facts);
                job->m_listed.insert(it.key(), it.value());
            }
            Q_EMIT job->statusChanged();
        },
        [job](const QString &fs, const Zfs::FilesystemVersion &to) {
            if (!job) {
                return;
            }
            // The cursor moved to `to`: what the last listing had is replicated up to it.
            Health::FreshnessTracker &tracker = job->freshnessTracker();
            const Api::Timestamp lastSuccessAt = Api::Timestamp::now();
            Health::FilesystemFacts facts = Health::senderFacts(job->m_listed.value(fs), to);
            facts.lastSuccessAt = lastSuccessAt;
            tracker.update(fs, facts);
            Q_EMIT job->statusChanged();
        },
    });
    return sender;
}

}  // namespace Daemon
