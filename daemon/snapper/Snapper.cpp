// SPDX-License-Identifier: MIT
#include "daemon/snapper/Snapper.h"

#include <QDateTime>

#include <algorithm>

#include "daemon/snapper/GoDuration.h"
#include "daemon/snapper/HookPlan.h"

using namespace Qt::StringLiterals;

namespace Daemon {

namespace {

Api::Timestamp plus(const Api::Timestamp &t, std::chrono::nanoseconds d)
{
    const qint64 total = qint64(t.nanoseconds()) + d.count() % 1000000000;
    qint64 seconds = t.unixSeconds() + d.count() / 1000000000 + total / 1000000000;
    qint64 nanos = total % 1000000000;
    if (nanos < 0) {
        nanos += 1000000000;
        --seconds;
    }
    return Api::Timestamp::fromUnix(seconds, int(nanos));
}

qint64 millisecondsUntil(const Api::Timestamp &t)
{
    return t.toMSecsSinceEpoch() - QDateTime::currentMSecsSinceEpoch();
}

}  // namespace

Snapper::Snapper(Config::Snapshotting config, Zfs::DatasetFilter filter, Zfs::ZfsClient &zfs, Log::Context log,
                 QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_filter(std::move(filter))
    , m_zfs(zfs)
    , m_log(log.withSubsystem(u"snapshot"_s))
{
    for (const Config::Hook &hook : m_config.hooks) {
        QString error;
        Config::FilesystemsFilter patterns = hook.filesystems;
        if (patterns.isEmpty() && hook.type == Config::Hook::Type::Command) {
            patterns.insert(u"<"_s, true);  // zrepl: a command hook without filter applies to every filesystem
        }
        std::optional<Zfs::DatasetFilter> hookFilter = Zfs::DatasetFilter::fromConfig(patterns, &error);
        if (!hookFilter) {
            m_log.error(u"hook filesystems filter is invalid; the hook never runs"_s, {{u"hook"_s, hook.path}, {u"err"_s, error}});
        }
        m_hookFilters.append(hookFilter);
    }
}

Snapper::~Snapper() = default;

QString Snapper::snapshotName(const QString &prefix, const QDateTime &utc)
{
    return prefix + utc.toUTC().toString(u"yyyyMMdd_HHmmss"_s) + u"_000"_s;
}

Api::SnapperReport Snapper::report() const
{
    Api::SnapperReport report;
    report.state = m_state;
    report.sleepUntil = m_sleepUntil;
    report.error = m_error;
    for (const Progress &progress : m_progress) {
        Api::SnapperFilesystemReport fs = progress.report;
        if (progress.hooks) {
            fs.hooks = progress.hooks->table();
            fs.hooksHadError = progress.hooks->hadError();
        }
        report.progress.append(fs);
    }
    return report;
}

bool Snapper::wakeup()
{
    return m_wakeup.fire();
}

void Snapper::setState(Api::SnapperState state, const QString &error)
{
    const Api::SnapperState before = m_state;
    m_state = state;
    m_error = error;
    m_log.debug(u"state transition"_s, {{u"transition"_s, Api::toString(before) + u"=>"_s + Api::toString(state)}});
    Q_EMIT reportChanged();
}

QList<Config::Hook> Snapper::hooksFor(const Zfs::DatasetPath &filesystem) const
{
    QList<Config::Hook> hooks;
    for (qsizetype i = 0; i < m_config.hooks.size(); ++i) {
        if (m_hookFilters[i] && m_hookFilters[i]->matches(filesystem)) {
            hooks.append(m_config.hooks[i]);
        }
    }
    return hooks;
}

Async::Task<Zfs::Result<QList<Zfs::DatasetPath>>> Snapper::listFilesystems()
{
    const Zfs::Result<QList<Zfs::Dataset>> all = co_await m_zfs.listFilesystems();
    if (!all.ok()) {
        co_return Zfs::Result<QList<Zfs::DatasetPath>>{{}, all.error};
    }
    QList<Zfs::DatasetPath> matching;
    for (const Zfs::Dataset &dataset : all.value) {
        if (m_filter.matches(dataset.path)) {
            matching.append(dataset.path);
        }
    }
    co_return Zfs::Result<QList<Zfs::DatasetPath>>{matching, {}};
}

Async::Task<std::optional<Api::Timestamp>> Snapper::findSyncPoint(const QList<Zfs::DatasetPath> &filesystems, QString *error)
{
    const Api::Timestamp now = Api::Timestamp::now();
    if (filesystems.isEmpty()) {
        co_return now;
    }
    const auto versions = co_await m_zfs.listVersions(filesystems, false);
    if (!versions.ok()) {
        *error = versions.error.toString();
        co_return std::nullopt;
    }
    std::optional<Api::Timestamp> earliest;
    bool anyWithoutVersions = false;
    for (const Zfs::DatasetPath &fs : filesystems) {
        const QList<Zfs::FilesystemVersion> list = versions.value.value(fs.toString());
        const Zfs::FilesystemVersion *latest = nullptr;
        for (const Zfs::FilesystemVersion &version : list) {  // sorted by createtxg
            if (version.name.startsWith(m_config.prefix)) {
                latest = &version;
            }
        }
        if (!latest) {
            anyWithoutVersions = true;
            continue;
        }
        if (latest->creation > now) {
            // zrepl refuses to reason about a clock that went backwards; the filesystem is snapshotted as if new.
            m_log.error(u"snapshot is from the future"_s, {{u"fs"_s, fs.toString()}, {u"snapshot"_s, latest->fullName()}});
            anyWithoutVersions = true;
            continue;
        }
        const Api::Timestamp next = plus(latest->creation, m_config.interval);
        if (!earliest || next < *earliest) {
            earliest = next;
        }
    }
    // zrepl: filesystems with prefixed snapshots decide the sync point; only when none has any is it "now".
    if (earliest) {
        if (anyWithoutVersions && millisecondsUntil(*earliest) > 1000) {
            m_log.warn(u"filesystems without snapshots will not be snapshotted until the sync point"_s,
                       {{u"syncPoint"_s, QString::fromUtf8(earliest->toGoString())}});
        }
        co_return *earliest < now ? now : *earliest;
    }
    co_return now;
}

Async::Task<void> Snapper::waitUntil(Api::Timestamp when)
{
    m_sleepUntil = when;
    Q_EMIT reportChanged();
    const qint64 ms = millisecondsUntil(when);
    if (ms > 0) {
        const bool woken = co_await m_wakeup.wait(QDeadlineTimer(ms));
        if (woken) {
            m_log.info(u"woken up before the interval elapsed"_s);
        }
    }
}

Async::Task<void> Snapper::run()
{
    m_log.debug(u"start"_s);
    // Sync-up: the first round is due one interval after the newest snapshot with our prefix.
    m_lastInvocation = Api::Timestamp::now();
    setState(Api::SnapperState::SyncUp);
    bool waitAfterError = false;
    {
        const auto filesystems = co_await listFilesystems();
        if (!filesystems.ok()) {
            setState(Api::SnapperState::SyncUpErrWait, filesystems.error.toString());
            waitAfterError = true;
        } else {
            QString error;
            const std::optional<Api::Timestamp> syncPoint = co_await findSyncPoint(filesystems.value, &error);
            if (!syncPoint) {
                setState(Api::SnapperState::SyncUpErrWait, error);
                waitAfterError = true;
            } else {
                m_log.info(u"determined sync point"_s, {{u"syncPoint"_s, QString::fromUtf8(syncPoint->toGoString())}});
                co_await waitUntil(*syncPoint);
            }
        }
    }
    while (true) {
        if (waitAfterError) {
            const Api::Timestamp until = plus(m_lastInvocation, m_config.interval);
            m_log.error(u"enter wait-state after error"_s, {{u"sleep_until"_s, QString::fromUtf8(until.toGoString())},
                                                          {u"duration"_s, formatGoDuration(m_config.interval)}});
            co_await waitUntil(until);
            waitAfterError = false;
        }
        setState(Api::SnapperState::Planning);
        m_lastInvocation = Api::Timestamp::now();
        const auto filesystems = co_await listFilesystems();
        if (!filesystems.ok()) {
            setState(Api::SnapperState::ErrorWait, filesystems.error.toString());
            waitAfterError = true;
            continue;
        }
        co_await snapshotAll(filesystems.value);
        Q_EMIT roundFinished();
        if (m_state == Api::SnapperState::ErrorWait) {
            waitAfterError = true;
            continue;
        }
        const Api::Timestamp until = plus(m_lastInvocation, m_config.interval);
        m_log.debug(u"waiting for the next interval"_s, {{u"sleep_until"_s, QString::fromUtf8(until.toGoString())}});
        co_await waitUntil(until);
    }
}

Async::Task<void> Snapper::snapshotAll(QList<Zfs::DatasetPath> filesystems)
{
    m_progress.clear();
    for (const Zfs::DatasetPath &fs : filesystems) {
        Progress progress;
        progress.report.path = fs.toString();
        progress.report.state = Api::SnapState::Pending;
        m_progress.append(progress);
    }
    std::sort(m_progress.begin(), m_progress.end(),
              [](const Progress &a, const Progress &b) { return a.report.path < b.report.path; });
    m_error.clear();
    setState(Api::SnapperState::Snapshotting);

    bool anyError = false;
    for (qsizetype i = 0; i < m_progress.size(); ++i) {
        const QString fs = m_progress[i].report.path;
        const QString name = snapshotName(m_config.prefix, QDateTime::currentDateTimeUtc());
        const Log::Context fsLog = m_log;
        QMap<QString, QString> environment{{u"ZREPL_FS"_s, fs}, {u"ZREPL_SNAPNAME"_s, name}};
        auto callback = [this, fs, name]() -> Async::Task<QString> {
            m_log.debug(u"create snapshot"_s, {{u"fs"_s, fs}, {u"snap"_s, name}});
            const Zfs::ZfsError error = co_await m_zfs.snapshot(fs, name);
            if (!error.ok()) {
                m_log.error(u"cannot create snapshot"_s, {{u"fs"_s, fs}, {u"snap"_s, name}, {u"err"_s, error.toString()}});
                co_return error.toString();
            }
            co_return QString();
        };
        auto plan = std::make_shared<HookPlan>(hooksFor(Zfs::DatasetPath::fromString(fs)), environment, callback, fsLog);
        m_progress[i].report.snapName = name;
        m_progress[i].report.startAt = Api::Timestamp::now();
        m_progress[i].report.state = Api::SnapState::Started;
        m_progress[i].hooks = plan;
        Q_EMIT reportChanged();
        co_await plan->run([this] { Q_EMIT reportChanged(); });
        const bool failed = plan->hadError();
        m_progress[i].report.doneAt = Api::Timestamp::now();
        m_progress[i].report.state = failed ? Api::SnapState::Error : Api::SnapState::Done;
        if (failed) {
            m_log.error(u"end run job plan with error"_s, {{u"fs"_s, fs}, {u"snap"_s, name}, {u"report"_s, plan->table()}});
        } else {
            m_log.info(u"end run job plan successful"_s, {{u"fs"_s, fs}, {u"snap"_s, name}});
        }
        anyError = anyError || failed;
        Q_EMIT reportChanged();
    }
    if (anyError) {
        setState(Api::SnapperState::ErrorWait, u"one or more snapshots could not be created, check logs for details"_s);
    } else {
        setState(Api::SnapperState::Waiting);
    }
}

}  // namespace Daemon
