// SPDX-License-Identifier: MIT
#pragma once

// Builders for zrepl /status documents the tests synthesize, and loaders for the captured ones. Every synthesized
// document goes through DaemonStatus::toJson and fromJson, so that the models see what the poller would give them.

#include <QAbstractItemModel>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

#include "shared/control/Freshness.h"
#include "shared/control/JobStatus.h"

namespace Fixtures {

// Every signal by which a model tells its views what changed: the tests count them to prove that an update
// changed cells in place (dataChanged only) or moved rows without a reset.
struct ModelSpies
{
    explicit ModelSpies(QAbstractItemModel *model)
        : dataChanged(model, &QAbstractItemModel::dataChanged)
        , inserted(model, &QAbstractItemModel::rowsInserted)
        , removed(model, &QAbstractItemModel::rowsRemoved)
        , reset(model, &QAbstractItemModel::modelReset)
        , layout(model, &QAbstractItemModel::layoutChanged)
    {
    }
    void clear()
    {
        dataChanged.clear();
        inserted.clear();
        removed.clear();
        reset.clear();
        layout.clear();
    }
    // Everything but dataChanged: rows that came, went or moved.
    int structural() const { return int(inserted.count() + removed.count() + reset.count() + layout.count()); }

    QSignalSpy dataChanged;
    QSignalSpy inserted;
    QSignalSpy removed;
    QSignalSpy reset;
    QSignalSpy layout;
};

inline const QString CaptureDir = QStringLiteral(HOLDFAST_TEST_DATA_DIR "/zrepl");

// 2026-11-24T12:00:00Z plus `seconds`
inline Api::Timestamp at(qint64 seconds)
{
    return Api::Timestamp::fromUnix(1795521600 + seconds);
}

inline Api::DaemonStatus load(const QString &fileName)
{
    QFile file(CaptureDir + u'/' + fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("cannot read %s", qPrintable(file.fileName()));
    }
    QString error;
    const std::optional<Api::DaemonStatus> status = Api::DaemonStatus::fromJson(file.readAll(), &error);
    if (!status) {
        qFatal("cannot parse %s: %s", qPrintable(file.fileName()), qPrintable(error));
    }
    return *status;
}

// The document as the poller would have it: written in zrepl's form and parsed back.
inline Api::DaemonStatus roundTrip(const Api::DaemonStatus &status)
{
    QString error;
    const std::optional<Api::DaemonStatus> parsed = Api::DaemonStatus::fromJson(status.toJson(), &error);
    if (!parsed) {
        qFatal("synthesized document does not parse: %s", qPrintable(error));
    }
    return *parsed;
}

inline Api::StepInfo step(const QString &from, const QString &to, qint64 expected, qint64 replicated,
                          bool resumed = false, Api::EncryptedMode encrypted = Api::EncryptedMode::No)
{
    Api::StepInfo s;
    s.from = from;
    s.to = to;
    s.bytesExpected = expected;
    s.bytesReplicated = replicated;
    s.resumed = resumed;
    s.encrypted = encrypted;
    return s;
}

inline Api::FilesystemReport filesystem(const QString &name, Api::FilesystemState state, QList<Api::StepInfo> steps,
                                        int currentStep)
{
    Api::FilesystemReport fs;
    fs.name = name;
    fs.state = state;
    fs.steps = std::move(steps);
    fs.currentStep = currentStep;
    return fs;
}

inline Api::TimedError error(const QString &text, qint64 seconds)
{
    return Api::TimedError{text, at(seconds)};
}

inline Api::JobStatus pushJob(std::optional<Api::ReplicationReport> replication,
                              std::optional<Api::SnapperReport> snapshotting = std::nullopt,
                              std::optional<Api::PrunerReport> sender = std::nullopt,
                              std::optional<Api::PrunerReport> receiver = std::nullopt,
                              Api::JobStatus::Type type = Api::JobStatus::Type::Push)
{
    Api::ActiveSideStatus active;
    active.replication = std::move(replication);
    active.snapshotting = std::move(snapshotting);
    active.pruningSender = std::move(sender);
    active.pruningReceiver = std::move(receiver);
    return Api::JobStatus{type, active};
}

inline Api::JobStatus snapJob(std::optional<Api::SnapperReport> snapshotting,
                              std::optional<Api::PrunerReport> pruning = std::nullopt)
{
    return Api::JobStatus{Api::JobStatus::Type::Snap, Api::SnapJobStatus{std::move(pruning), std::move(snapshotting)}};
}

inline Api::JobStatus sourceJob(std::optional<Api::SnapperReport> snapper)
{
    return Api::JobStatus{Api::JobStatus::Type::Source, Api::PassiveStatus{std::move(snapper)}};
}

inline Api::JobStatus sinkJob()
{
    return Api::JobStatus{Api::JobStatus::Type::Sink, Api::PassiveStatus{}};
}

inline Api::SnapperReport waitingSnapper(qint64 sleepUntil)
{
    Api::SnapperReport r;
    r.state = Api::SnapperState::Waiting;
    r.sleepUntil = at(sleepUntil);
    return r;
}

inline Api::DaemonStatus daemon(std::initializer_list<std::pair<QString, Api::JobStatus>> jobs)
{
    Api::DaemonStatus status;
    status.jobs.insert(QStringLiteral("_control"), Api::JobStatus{});
    for (const auto &[name, job] : jobs) {
        status.jobs.insert(name, job);
    }
    return roundTrip(status);
}

// A push job whose replication finished: its last attempt done at `seconds`, the next snapshot 15 min later.
inline Api::JobStatus replicatedPush(qint64 seconds, QList<Api::FilesystemReport> filesystems)
{
    Api::ReplicationReport r;
    r.startAt = at(seconds - 30);
    Api::AttemptReport attempt;
    attempt.state = Api::AttemptState::Done;
    attempt.startAt = at(seconds - 30);
    attempt.finishAt = at(seconds);
    attempt.filesystems = std::move(filesystems);
    r.attempts = {attempt};
    return pushJob(r, waitingSnapper(seconds + 900));
}

// Freshness reports as Holdfast's daemon writes them; each goes through toJson and fromJson, as the poller's.
inline Api::FilesystemFreshness fsFreshness(const QString &name, Api::Health health, const QString &reason,
                                            std::optional<qint64> replicatedAt, std::optional<qint64> newestAt,
                                            int snapshots = 5, int unreplicated = 0,
                                            std::optional<qint64> unreplicatedBytes = std::nullopt)
{
    Api::FilesystemFreshness fs;
    fs.filesystem = name;
    fs.health = health;
    fs.healthReason = reason;
    fs.snapshots = snapshots;
    if (replicatedAt) {
        fs.replicatedSnapshot = Api::SnapshotRef{QStringLiteral("zrepl_r%1").arg(*replicatedAt), at(*replicatedAt)};
        fs.lastSuccessAt = at(*replicatedAt + 5);
    }
    if (newestAt) {
        fs.newestSnapshot = Api::SnapshotRef{QStringLiteral("zrepl_n%1").arg(*newestAt), at(*newestAt)};
    }
    fs.unreplicatedSnapshots = unreplicated;
    fs.unreplicatedBytes = unreplicatedBytes;
    return fs;
}

inline Api::JobFreshness jobFreshness(const QString &job, const QString &type, Api::Health health,
                                      const QString &reason, QList<Api::FilesystemFreshness> filesystems,
                                      std::optional<qint64> nextSnapshot = std::nullopt,
                                      std::optional<qint64> nextReplication = std::nullopt)
{
    Api::JobFreshness j;
    j.job = job;
    j.type = type;
    j.health = health;
    j.healthReason = reason;
    j.filesystems = std::move(filesystems);
    if (nextSnapshot) {
        j.nextSnapshotAt = at(*nextSnapshot);
    }
    if (nextReplication) {
        j.nextReplicationAt = at(*nextReplication);
    }
    j.warningAfterSeconds = 3 * 3600;
    j.criticalAfterSeconds = 24 * 3600;
    return j;
}

inline Api::FreshnessReport freshness(qint64 now, QList<Api::JobFreshness> jobs)
{
    Api::FreshnessReport report;
    report.computedAt = at(now);
    report.jobs = std::move(jobs);
    QString error;
    const std::optional<Api::FreshnessReport> parsed = Api::FreshnessReport::fromJson(report.toJson(), &error);
    if (!parsed) {
        qFatal("synthesized freshness report does not parse: %s", qPrintable(error));
    }
    return *parsed;
}

// Every cell's DisplayRole of a flat model, row by row, cells joined with " | ".
inline QStringList rowTexts(const QAbstractItemModel &model, const QModelIndex &parent = QModelIndex())
{
    QStringList rows;
    for (int r = 0; r < model.rowCount(parent); ++r) {
        QStringList cells;
        for (int c = 0; c < model.columnCount(parent); ++c) {
            cells.append(model.index(r, c, parent).data().toString());
        }
        rows.append(cells.join(QStringLiteral(" | ")));
    }
    return rows;
}

}  // namespace Fixtures
