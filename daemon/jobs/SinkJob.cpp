// SPDX-License-Identifier: MIT
#include "daemon/jobs/SinkJob.h"

#include <QPointer>

#include "daemon/endpoint/AbstractionNames.h"

#include "daemon/jobs/LocalListeners.h"
#include "daemon/jobs/PassiveServer.h"
#include "daemon/rpc/Services.h"
#include "daemon/zfs/NameCheck.h"

using namespace Qt::StringLiterals;

namespace Daemon {

SinkJob::SinkJob(const Config::Job &config, Zfs::CommandConfig zfs, QObject *parent)
    : Job(config, parent)
    , m_command(std::move(zfs))
    , m_zfs(m_command)
{
    if (config.serve.type == Config::Serve::Type::Local) {
        m_listenerName = config.serve.listenerName;
    }
}

SinkJob::~SinkJob()
{
    if (!m_listenerName.isEmpty()) {
        LocalListeners::instance().remove(m_listenerName, this);
    }
}

Api::JobStatus SinkJob::status() const
{
    return {Api::JobStatus::Type::Sink, Api::PassiveStatus{}};
}

void SinkJob::start()
{
    log().info(u"starting job"_s);
    m_probeRunner.start(logZfsCapabilities(m_zfs));
    m_surveyRunner.start(survey());
    if (m_listenerName.isEmpty()) {
        m_server = std::make_unique<PassiveServer>(config().serve, [this](const QString &identity, QString *error) -> std::unique_ptr<Rpc::Service> {
            std::unique_ptr<Endpoint::Receiver> receiver = receiverFor(identity, error);
            if (!receiver) {
                return nullptr;
            }
            return std::make_unique<Rpc::ReceiverService>(std::move(receiver), name(), identity);
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

std::unique_ptr<Endpoint::Receiver> SinkJob::receiverFor(const QString &clientIdentity, QString *error)
{
    if (const std::optional<QString> problem = Zfs::componentNamecheck(clientIdentity)) {
        *error = u"invalid client identity \"%1\": %2"_s.arg(clientIdentity, *problem);
        return nullptr;
    }
    const Zfs::DatasetPath root = Zfs::DatasetPath::fromString(config().rootFs).joined(Zfs::DatasetPath(QStringList{clientIdentity}));
    auto receiver = std::make_unique<Endpoint::Receiver>(m_zfs, root, name());
    receiver->setReceivedObserver([job = QPointer<SinkJob>(this)](const QString &fs, const QList<Zfs::FilesystemVersion> &versions,
                                                                 const QString &received) {
        if (job) {
            job->freshnessTracker().update(fs, Health::receivedFacts(versions, received, Api::Timestamp::now()));
            Q_EMIT job->statusChanged();
        }
    });
    return receiver;
}

Async::Task<void> SinkJob::survey()
{
    // What was received before this daemon started: the filesystems below root_fs with snapshots, the snapshot
    // each one's last-received hold is on, and when that hold was taken (when the snapshot arrived).
    const QString root = config().rootFs;
    const auto datasets = co_await m_zfs.listFilesystems();
    if (!datasets.ok()) {
        log().warn(u"cannot list received filesystems for their freshness"_s, {{u"err"_s, datasets.error.toString()}});
        co_return;
    }
    QList<Zfs::DatasetPath> below;
    for (const Zfs::Dataset &dataset : datasets.value) {
        if (dataset.path.toString().startsWith(root + u'/')) {
            below.append(dataset.path);
        }
    }
    if (below.isEmpty()) {
        co_return;
    }
    const auto versions = co_await m_zfs.listVersions(below, false);
    if (!versions.ok()) {
        log().warn(u"cannot list received snapshots for their freshness"_s, {{u"err"_s, versions.error.toString()}});
        co_return;
    }
    QStringList held;
    for (const QList<Zfs::FilesystemVersion> &list : versions.value) {
        for (const Zfs::FilesystemVersion &v : list) {
            if (v.userRefs.value_or(0) > 0) {
                held.append(v.fullName());
            }
        }
    }
    QHash<QString, Zfs::Hold> lastReceived;  // filesystem -> its last-received hold
    if (!held.isEmpty()) {
        const auto holds = co_await m_zfs.holds(held);
        if (holds.ok()) {
            const QString tag = Endpoint::lastReceivedHoldTag(name());
            for (const Zfs::Hold &hold : holds.value) {
                if (hold.tag == tag) {
                    lastReceived.insert(hold.snapshot.section(u'@', 0, 0), hold);
                }
            }
        }
    }
    Health::FreshnessTracker &tracker = freshnessTracker();
    for (auto it = versions.value.cbegin(); it != versions.value.cend(); ++it) {
        if (tracker.contains(it.key())) {
            continue;  // a receive since start-up knows better
        }
        const Zfs::Hold hold = lastReceived.value(it.key());
        tracker.update(it.key(), Health::receivedFacts(it.value(), hold.snapshot.section(u'@', 1), hold.created));
    }
    Q_EMIT statusChanged();
}

}  // namespace Daemon
