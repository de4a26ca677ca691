// SPDX-License-Identifier: MIT
#include "app/models/ReplicationModel.h"

#include <QBrush>

#include <cmath>

#include "app/core/JobSummary.h"
#include "app/models/DataChangeBatch.h"
#include "app/models/Format.h"
#include "app/models/ModelRole.h"

using namespace Qt::StringLiterals;

namespace Gui {

namespace {

// An index's internalId says where its parent is, so that no node objects are needed. The position is packed as:
// the top two bits the depth (0 attempt, 1 filesystem, 2 step); a filesystem's holds its attempt, a step's its
// attempt (bits 32–61) and filesystem (bits 0–31).
//
// The packed value is then multiplied by an odd constant (undone by its inverse modulo 2^64). Qt hashes a
// QModelIndex as (row << 4) + column + internalId, unmixed, into tables it probes linearly: QTreeView keeps a
// persistent index of every expanded row, and with the plain packing the steps of consecutive filesystems got
// consecutive hashes, one probe run as long as the tree. collapseAll() or deleting the view then took seconds for a
// few thousand filesystems (cubic: 4,000 filesystems, 30 s). Multiplied, consecutive positions land far apart.
static_assert(sizeof(quintptr) >= 8, "ReplicationModel packs two row numbers into an internalId");
constexpr int DepthShift = 62;
constexpr int AttemptShift = 32;
constexpr quint64 RowMask = 0xffffffffu;
constexpr quint64 AttemptMask = (quint64(1) << (DepthShift - AttemptShift)) - 1;
constexpr quint64 Spread = 0x9e3779b97f4a7c15u;  // odd: invertible modulo 2^64

constexpr quint64 inverse(quint64 odd)
{
    quint64 x = odd;  // correct to 3 bits; each Newton step doubles that
    for (int i = 0; i < 5; ++i) {
        x *= 2 - odd * x;
    }
    return x;
}
constexpr quint64 Unspread = inverse(Spread);
static_assert(Spread * Unspread == 1);

constexpr quintptr encode(quint64 packed)
{
    return quintptr(packed * Spread);
}

constexpr quint64 decode(quintptr id)
{
    return quint64(id) * Unspread;
}

constexpr quintptr filesystemId(int attempt)
{
    return encode((quint64(1) << DepthShift) | quint64(attempt));
}

constexpr quintptr stepId(int attempt, int filesystem)
{
    return encode((quint64(2) << DepthShift) | (quint64(attempt) << AttemptShift) | quint64(filesystem));
}

int depthOf(quintptr id)
{
    return int(decode(id) >> DepthShift);
}

const Api::ReplicationReport *reportOf(const Api::DaemonStatus &status, const QString &job)
{
    if (job.isEmpty()) {
        return nullptr;
    }
    const auto it = status.jobs.constFind(job);
    if (it == status.jobs.cend()) {
        return nullptr;
    }
    const Api::ActiveSideStatus *active = it->active();
    return active && active->replication ? &*active->replication : nullptr;
}

bool sameSteps(const Api::StepInfo &a, const Api::StepInfo &b)
{
    return a.from == b.from && a.to == b.to;
}

double fraction(qint64 replicated, qint64 expected)
{
    return expected > 0 ? double(replicated) / double(expected) : -1.0;
}

}  // namespace

ReplicationModel::ReplicationModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

void ReplicationModel::setJob(const QString &name)
{
    if (name == m_job) {
        return;
    }
    m_job = name;
    resetTo(reportOf(m_lastStatus, m_job), m_lastNow);
}

void ReplicationModel::update(const Api::DaemonStatus &status, const QDateTime &now)
{
    m_lastStatus = status;
    m_lastNow = now.toMSecsSinceEpoch();
    apply(reportOf(status, m_job), m_lastNow);
}

void ReplicationModel::resetTo(const Api::ReplicationReport *report, qint64 nowMSecs)
{
    beginResetModel();
    m_hasReport = report != nullptr;
    m_report = report ? *report : Api::ReplicationReport();
    m_running = report && JobSummaries::isReplicationRunning(*report, QDateTime::fromMSecsSinceEpoch(nowMSecs, Qt::UTC));
    m_totals.clear();
    for (const Api::AttemptReport &attempt : std::as_const(m_report.attempts)) {
        m_totals.append(totalsOf(attempt));
    }
    m_samples.clear();
    computeRates(nowMSecs);
    endResetModel();
}

void ReplicationModel::apply(const Api::ReplicationReport *report, qint64 nowMSecs)
{
    if (!report) {
        if (m_hasReport) {
            resetTo(nullptr, nowMSecs);
        }
        return;
    }
    // Another run (a new StartAt) has other attempts, and zrepl never drops an attempt within one.
    if (!m_hasReport || report->startAt != m_report.startAt || report->attempts.size() < m_report.attempts.size()) {
        resetTo(report, nowMSecs);
        return;
    }

    // Rows keep their old data until every structural change is signalled, then all of it turns new at once and
    // the changed cells are announced: a view never sees a row whose data changed without a signal.
    const Api::ReplicationReport before = m_report;
    const QList<Totals> totalsBefore = m_totals;
    const QHash<int, double> ratesBefore = m_fsRates;
    const double attemptRateBefore = m_attemptRate;
    const bool runningBefore = isRunning();
    const int attemptsBefore = int(before.attempts.size());
    const int attemptsAfter = int(report->attempts.size());

    DataChangeBatch changes(this);
    QList<bool> attemptChanged(attemptsBefore, false);
    for (int a = 0; a < attemptsBefore; ++a) {
        attemptChanged[a] = syncAttempt(a, before.attempts.at(a), report->attempts.at(a), changes);
    }
    if (attemptsAfter > attemptsBefore) {
        beginInsertRows(QModelIndex(), attemptsBefore, attemptsAfter - 1);
        m_report.attempts.append(report->attempts.sliced(attemptsBefore));
        m_totals.resize(attemptsAfter);
        for (int a = attemptsBefore; a < attemptsAfter; ++a) {
            m_totals[a] = totalsOf(report->attempts.at(a));
        }
        endInsertRows();
    }
    m_report = *report;
    m_running = JobSummaries::isReplicationRunning(m_report, QDateTime::fromMSecsSinceEpoch(nowMSecs, Qt::UTC));

    for (int a = 0; a < attemptsBefore; ++a) {
        if (attemptChanged.at(a)) {
            m_totals[a] = totalsOf(m_report.attempts.at(a));
            if (m_totals.at(a) != totalsBefore.at(a)) {
                changes.add(QModelIndex(), a, ProgressColumn, DetailsColumn, DataChangeBatch::Roles::Content);
            }
        }
    }

    computeRates(nowMSecs);
    const int lastBefore = attemptsBefore - 1;
    const int lastAfter = attemptsAfter - 1;
    auto rateChanged = [this, &changes](int attempt, int filesystem) {
        const auto &filesystems = m_report.attempts.at(attempt).filesystems;
        if (filesystem >= filesystems.size()) {
            return;
        }
        const QModelIndex attemptIndex = index(attempt, 0);
        changes.add(attemptIndex, filesystem, RateColumn, RateColumn, DataChangeBatch::Roles::Content);
        const QModelIndex fsIndex = index(filesystem, 0, attemptIndex);
        for (int s = 0; s < filesystems.at(filesystem).steps.size(); ++s) {
            changes.add(fsIndex, s, RateColumn, RateColumn, DataChangeBatch::Roles::Content);
        }
    };
    if (lastBefore >= 0) {
        for (auto it = ratesBefore.cbegin(); it != ratesBefore.cend(); ++it) {
            const auto now = m_fsRates.constFind(it.key());
            if (lastBefore != lastAfter || now == m_fsRates.cend() || *now != it.value()) {
                rateChanged(lastBefore, it.key());
            }
        }
        if (lastBefore != lastAfter || m_attemptRate != attemptRateBefore || isRunning() != runningBefore) {
            changes.add(QModelIndex(), lastBefore, RateColumn, RateColumn, DataChangeBatch::Roles::Content);
        }
    }
    if (lastBefore == lastAfter) {
        for (auto it = m_fsRates.cbegin(); it != m_fsRates.cend(); ++it) {
            if (!ratesBefore.contains(it.key())) {
                rateChanged(lastAfter, it.key());
            }
        }
    }
    changes.flush();
}

bool ReplicationModel::syncAttempt(int attempt, const Api::AttemptReport &before, const Api::AttemptReport &after,
                                   DataChangeBatch &changes)
{
    bool changed = false;
    ColumnSpan span;
    if (before.state != after.state || before.startAt != after.startAt || before.finishAt != after.finishAt) {
        span.add(ItemColumn);
        span.add(StateColumn);
    }
    const bool errorChanged = before.planError != after.planError;
    if (errorChanged) {
        // HasErrorRole and the colours change in every column.
        span.add(ItemColumn);
        span.add(DetailsColumn);
    }

    const QList<Api::FilesystemReport> &old = before.filesystems;
    const QList<Api::FilesystemReport> &now = after.filesystems;
    const int oldCount = int(old.size());
    const int newCount = int(now.size());
    bool extends = oldCount <= newCount;
    for (int i = 0; extends && i < oldCount; ++i) {
        extends = old.at(i).name == now.at(i).name;
    }
    const QModelIndex parent = index(attempt, 0);
    if (extends) {
        for (int i = 0; i < oldCount; ++i) {
            if (!(old.at(i) == now.at(i))) {
                syncFilesystem(attempt, i, old.at(i), now.at(i), changes);
                changed = true;
            }
        }
        if (newCount > oldCount) {
            beginInsertRows(parent, oldCount, newCount - 1);
            m_report.attempts[attempt].filesystems.append(now.sliced(oldCount));
            endInsertRows();
            changed = true;
        }
    } else {
        // zrepl fixes an attempt's filesystems when it plans it; a different list is not worth a finer diff.
        if (oldCount > 0) {
            beginRemoveRows(parent, 0, oldCount - 1);
            m_report.attempts[attempt].filesystems.clear();
            endRemoveRows();
        }
        if (newCount > 0) {
            beginInsertRows(parent, 0, newCount - 1);
            m_report.attempts[attempt].filesystems = now;
            endInsertRows();
        }
        changed = true;
    }
    if (!span.isEmpty()) {
        changes.add(QModelIndex(), attempt, span.first(), span.last(),
                    errorChanged ? DataChangeBatch::Roles::All : DataChangeBatch::Roles::Content);
        changed = true;
    }
    return changed;
}

void ReplicationModel::syncFilesystem(int attempt, int filesystem, const Api::FilesystemReport &before,
                                      const Api::FilesystemReport &after, DataChangeBatch &changes)
{
    const QModelIndex parent = index(attempt, 0);
    const QModelIndex fsIndex = index(filesystem, 0, parent);
    ColumnSpan span;
    const bool stateChanged = before.state != after.state || before.currentStep != after.currentStep;
    const bool errorChanged = before.planError != after.planError || before.stepError != after.stepError;
    if (stateChanged) {
        // Which step is being sent, and so which one shows a rate, moves with the state.
        span.add(StateColumn);
        span.add(RateColumn);
    }
    if (errorChanged) {
        span.add(ItemColumn);
        span.add(DetailsColumn);
    }

    const QList<Api::StepInfo> &old = before.steps;
    const QList<Api::StepInfo> &now = after.steps;
    const int oldCount = int(old.size());
    const int newCount = int(now.size());
    bool extends = oldCount <= newCount;
    for (int s = 0; extends && s < oldCount; ++s) {
        extends = sameSteps(old.at(s), now.at(s));
    }
    if (extends) {
        for (int s = 0; s < oldCount; ++s) {
            const Api::StepInfo &a = old.at(s);
            const Api::StepInfo &b = now.at(s);
            ColumnSpan stepSpan;
            if (a.bytesReplicated != b.bytesReplicated || a.bytesExpected != b.bytesExpected) {
                stepSpan.add(ProgressColumn);
                span.add(ProgressColumn);
            }
            if (a.resumed != b.resumed || a.encrypted != b.encrypted) {
                stepSpan.add(DetailsColumn);
            }
            if (stateChanged) {
                stepSpan.add(StateColumn);
                stepSpan.add(RateColumn);
            }
            if (errorChanged) {
                stepSpan.add(ItemColumn);
                stepSpan.add(DetailsColumn);
            }
            if (!stepSpan.isEmpty()) {
                // A step's HasErrorRole follows its filesystem's state and current step.
                changes.add(fsIndex, s, stepSpan.first(), stepSpan.last(),
                            stateChanged || errorChanged ? DataChangeBatch::Roles::All
                                                         : DataChangeBatch::Roles::Content);
            }
        }
        if (newCount > oldCount) {
            beginInsertRows(fsIndex, oldCount, newCount - 1);
            m_report.attempts[attempt].filesystems[filesystem].steps.append(now.sliced(oldCount));
            endInsertRows();
            span.add(ProgressColumn);
            span.add(StateColumn);
        }
    } else {
        if (oldCount > 0) {
            beginRemoveRows(fsIndex, 0, oldCount - 1);
            m_report.attempts[attempt].filesystems[filesystem].steps.clear();
            endRemoveRows();
        }
        if (newCount > 0) {
            beginInsertRows(fsIndex, 0, newCount - 1);
            m_report.attempts[attempt].filesystems[filesystem].steps = now;
            endInsertRows();
        }
        span.add(ProgressColumn);
        span.add(StateColumn);
    }
    if (!span.isEmpty()) {
        changes.add(parent, filesystem, span.first(), span.last(),
                    errorChanged ? DataChangeBatch::Roles::All : DataChangeBatch::Roles::Content);
    }
}

ReplicationModel::Totals ReplicationModel::totalsOf(const Api::AttemptReport &attempt) const
{
    Totals totals;
    for (const Api::FilesystemReport &fs : attempt.filesystems) {
        for (const Api::StepInfo &step : fs.steps) {
            totals.expected += step.bytesExpected;
            totals.replicated += step.bytesReplicated;
            totals.complete = totals.complete && step.bytesExpected > 0;
        }
        if (fs.state == Api::FilesystemState::Done) {
            ++totals.done;
        } else if (fs.error()) {
            ++totals.failed;
        }
    }
    return totals;
}

void ReplicationModel::computeRates(qint64 nowMSecs)
{
    QHash<QString, RateSample> samples;
    m_fsRates.clear();
    m_attemptRate = -1;
    if (!isRunning() || m_report.attempts.isEmpty()) {
        m_samples.clear();
        return;
    }
    const QList<Api::FilesystemReport> &filesystems = m_report.attempts.constLast().filesystems;
    for (int i = 0; i < filesystems.size(); ++i) {
        const Api::FilesystemReport &fs = filesystems.at(i);
        if (fs.state != Api::FilesystemState::Stepping || fs.currentStep < 0 || fs.currentStep >= fs.steps.size()) {
            continue;
        }
        const Api::StepInfo &step = fs.steps.at(fs.currentStep);
        // By name rather than position, so that a step keeps its rate into the next attempt.
        const QString key = fs.name + u'\n' + step.to;
        RateSample sample{step.bytesReplicated, nowMSecs, -1.0};
        if (const auto previous = m_samples.constFind(key); previous != m_samples.cend()) {
            sample = *previous;
            const qint64 elapsed = nowMSecs - sample.msecs;
            if (step.bytesReplicated < sample.bytes) {
                // A send that started over (a new attempt without resume) counts from its new start.
                sample = RateSample{step.bytesReplicated, nowMSecs, -1.0};
            } else if (elapsed >= MinRateIntervalMSecs) {
                const double seconds = double(elapsed) / 1000.0;
                const double instant = double(step.bytesReplicated - sample.bytes) / seconds;
                const double weight = 1.0 - std::exp(-seconds / RateTimeConstantSeconds);
                sample.rate = sample.rate < 0 ? instant : sample.rate + weight * (instant - sample.rate);
                sample.bytes = step.bytesReplicated;
                sample.msecs = nowMSecs;
            }
        }
        samples.insert(key, sample);
        m_fsRates.insert(i, sample.rate);
        if (sample.rate >= 0) {
            m_attemptRate = qMax(m_attemptRate, 0.0) + sample.rate;
        }
    }
    m_samples = std::move(samples);
}

bool ReplicationModel::isRunning() const
{
    return m_hasReport && m_running;
}

bool ReplicationModel::isRunningStep(int attempt, const Api::FilesystemReport &fs, int step) const
{
    return isRunning() && attempt == m_report.attempts.size() - 1 && fs.state == Api::FilesystemState::Stepping
        && step == fs.currentStep;
}

ReplicationModel::ItemKind ReplicationModel::kind(const QModelIndex &index) const
{
    return ItemKind(qBound(0, depthOf(index.internalId()), 2));
}

int ReplicationModel::attemptOf(const QModelIndex &index) const
{
    if (!index.isValid()) {
        return -1;
    }
    const quint64 packed = decode(index.internalId());
    switch (int(packed >> DepthShift)) {
    case 0:
        return index.row();
    case 1:
        return int(packed & RowMask);
    default:
        return int((packed >> AttemptShift) & AttemptMask);
    }
}

int ReplicationModel::filesystemOf(const QModelIndex &index) const
{
    if (!index.isValid()) {
        return -1;
    }
    const quint64 packed = decode(index.internalId());
    switch (int(packed >> DepthShift)) {
    case 0:
        return -1;
    case 1:
        return index.row();
    default:
        return int(packed & RowMask);
    }
}

QModelIndex ReplicationModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent)) {
        return {};
    }
    if (!parent.isValid()) {
        return createIndex(row, column, quintptr(0));
    }
    switch (depthOf(parent.internalId())) {
    case 0:
        return createIndex(row, column, filesystemId(parent.row()));
    case 1:
        return createIndex(row, column, stepId(attemptOf(parent), parent.row()));
    default:
        return {};
    }
}

QModelIndex ReplicationModel::parent(const QModelIndex &child) const
{
    if (!child.isValid()) {
        return {};
    }
    switch (depthOf(child.internalId())) {
    case 1:
        return createIndex(attemptOf(child), 0, quintptr(0));
    case 2:
        return createIndex(filesystemOf(child), 0, filesystemId(attemptOf(child)));
    default:
        return {};
    }
}

int ReplicationModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid()) {
        return int(m_report.attempts.size());
    }
    if (parent.column() != 0) {
        return 0;
    }
    const int attempt = attemptOf(parent);
    if (attempt < 0 || attempt >= m_report.attempts.size()) {
        return 0;
    }
    const auto &filesystems = m_report.attempts.at(attempt).filesystems;
    switch (depthOf(parent.internalId())) {
    case 0:
        return int(filesystems.size());
    case 1:
        return parent.row() < filesystems.size() ? int(filesystems.at(parent.row()).steps.size()) : 0;
    default:
        return 0;
    }
}

int ReplicationModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant ReplicationModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.model() != this) {
        return {};
    }
    const int attempt = attemptOf(index);
    if (attempt < 0 || attempt >= m_report.attempts.size()) {
        return {};
    }
    if (role == JobNameRole) {
        return m_job;
    }
    const int column = index.column();
    const auto &filesystems = m_report.attempts.at(attempt).filesystems;
    switch (kind(index)) {
    case ItemKind::Attempt:
        return attemptData(attempt, column, role);
    case ItemKind::Filesystem:
        if (index.row() >= filesystems.size()) {
            return {};
        }
        return filesystemData(attempt, index.row(), column, role);
    case ItemKind::Step: {
        const int fs = filesystemOf(index);
        if (fs >= filesystems.size() || index.row() >= filesystems.at(fs).steps.size()) {
            return {};
        }
        return stepData(attempt, fs, index.row(), column, role);
    }
    }
    return {};
}

namespace {

QString attemptStateText(Api::AttemptState state)
{
    switch (state) {
    case Api::AttemptState::Planning:
        return ReplicationModel::tr("planning");
    case Api::AttemptState::PlanningError:
        return ReplicationModel::tr("planning failed");
    case Api::AttemptState::FanOutFilesystems:
        return ReplicationModel::tr("replicating");
    case Api::AttemptState::FilesystemError:
        return ReplicationModel::tr("failed for some filesystems");
    case Api::AttemptState::Done:
        return ReplicationModel::tr("done");
    }
    return {};
}

QString filesystemStateText(const Api::FilesystemReport &fs)
{
    switch (fs.state) {
    case Api::FilesystemState::Planning:
        return ReplicationModel::tr("planning");
    case Api::FilesystemState::PlanningError:
        return ReplicationModel::tr("planning failed");
    case Api::FilesystemState::Stepping:
        if (fs.steps.isEmpty()) {
            return ReplicationModel::tr("replicating");
        }
        return ReplicationModel::tr("replicating step %1 of %2")
            .arg(qMin(fs.currentStep + 1, int(fs.steps.size())))
            .arg(fs.steps.size());
    case Api::FilesystemState::StepError:
        return ReplicationModel::tr("failed");
    case Api::FilesystemState::Done:
        return ReplicationModel::tr("done");
    }
    return {};
}

QString stepStateText(const Api::FilesystemReport &fs, int step)
{
    if (step < fs.currentStep || fs.state == Api::FilesystemState::Done) {
        return ReplicationModel::tr("done");
    }
    if (step == fs.currentStep) {
        if (fs.state == Api::FilesystemState::StepError) {
            return ReplicationModel::tr("failed");
        }
        if (fs.state == Api::FilesystemState::Stepping) {
            return ReplicationModel::tr("replicating");
        }
    }
    return ReplicationModel::tr("pending");
}

QString stepLabel(const Api::StepInfo &step)
{
    if (!step.isIncremental()) {
        return ReplicationModel::tr("full → %1").arg(step.to);
    }
    return ReplicationModel::tr("%1 → %2").arg(step.from, step.to);
}

QString stepDetails(const Api::StepInfo &step)
{
    QStringList parts;
    if (step.resumed) {
        parts.append(ReplicationModel::tr("resumed"));
    }
    switch (step.encrypted) {
    case Api::EncryptedMode::Yes:
        parts.append(ReplicationModel::tr("encrypted"));
        break;
    case Api::EncryptedMode::SenderDependent:
        parts.append(ReplicationModel::tr("encrypted if the sender is"));
        break;
    case Api::EncryptedMode::No:
        break;
    }
    return parts.join(u", "_s);
}

}  // namespace

QString ReplicationModel::attemptLabel(int attempt) const
{
    const Api::AttemptReport &a = m_report.attempts.at(attempt);
    const QString state = attemptStateText(a.state);
    if (!a.finishAt.isZero()) {
        return tr("Attempt %1 — %2, %3–%4")
            .arg(attempt + 1)
            .arg(state, Format::time(a.startAt.toDateTime()), Format::time(a.finishAt.toDateTime()));
    }
    if (!a.startAt.isZero()) {
        return tr("Attempt %1 — %2, since %3").arg(attempt + 1).arg(state, Format::time(a.startAt.toDateTime()));
    }
    return tr("Attempt %1 — %2").arg(attempt + 1).arg(state);
}

QVariant ReplicationModel::attemptData(int attempt, int column, int role) const
{
    const Api::AttemptReport &a = m_report.attempts.at(attempt);
    const Totals &totals = m_totals.at(attempt);
    const bool hasError = a.planError.has_value();
    const bool isLast = attempt == m_report.attempts.size() - 1;
    const double rate = isLast && isRunning() ? m_attemptRate : -1.0;
    switch (role) {
    case Qt::DisplayRole:
    case FullTextRole:
        switch (column) {
        case ItemColumn:
            return attemptLabel(attempt);
        case StateColumn:
            return attemptStateText(a.state);
        case ProgressColumn:
            return Format::progress(totals.replicated, totals.expected);
        case RateColumn:
            return isLast && isRunning() ? Format::rate(rate) : QString();
        case DetailsColumn:
            if (hasError) {
                return role == FullTextRole ? a.planError->err.trimmed() : Format::firstLine(a.planError->err);
            }
            if (a.filesystems.isEmpty()) {
                return QString();
            }
            if (totals.failed > 0) {
                return tr("%1 of %2 filesystems done, %3 failed")
                    .arg(totals.done)
                    .arg(a.filesystems.size())
                    .arg(totals.failed);
            }
            return tr("%1 of %2 filesystems done").arg(totals.done).arg(a.filesystems.size());
        }
        return {};
    case Qt::ToolTipRole:
        if (column == DetailsColumn && hasError) {
            return a.planError->err.trimmed();
        }
        if (column == ItemColumn && !a.startAt.isZero()) {
            return a.finishAt.isZero()
                ? tr("Started %1").arg(Format::longDateTime(a.startAt.toDateTime()))
                : tr("Started %1\nFinished %2")
                      .arg(Format::longDateTime(a.startAt.toDateTime()), Format::longDateTime(a.finishAt.toDateTime()));
        }
        return {};
    case Qt::ForegroundRole:
        if (hasError && (column == StateColumn || column == DetailsColumn)) {
            return QBrush(Format::errorColor());
        }
        return {};
    case SortRole:
        switch (column) {
        case ItemColumn:
            return attempt;
        case StateColumn:
            return int(a.state);
        case ProgressColumn:
            return fraction(totals.replicated, totals.expected);
        case RateColumn:
            return rate;
        case DetailsColumn:
            return hasError ? a.planError->err : QString();
        }
        return {};
    case ProgressRole:
        if (column != ProgressColumn) {
            return {};
        }
        return totals.complete ? Format::percent(totals.replicated, totals.expected) : -1;
    case BytesReplicatedRole:
        return column == ProgressColumn ? QVariant(totals.replicated) : QVariant();
    case BytesExpectedRole:
        return column == ProgressColumn ? QVariant(totals.expected) : QVariant();
    case RateRole:
        return column == RateColumn ? QVariant(rate) : QVariant();
    case HasErrorRole:
        return hasError;
    case ItemKindRole:
        return int(ItemKind::Attempt);
    }
    return {};
}

QVariant ReplicationModel::filesystemData(int attempt, int filesystem, int column, int role) const
{
    const Api::FilesystemReport &fs = m_report.attempts.at(attempt).filesystems.at(filesystem);
    const Api::TimedError *error = fs.error();
    const bool sending = isRunningStep(attempt, fs, fs.currentStep);
    const double rate = sending && attempt == m_report.attempts.size() - 1 ? filesystemRate(filesystem) : -1.0;
    switch (role) {
    case Qt::DisplayRole:
    case FullTextRole:
        switch (column) {
        case ItemColumn:
            return fs.name;
        case StateColumn:
            return filesystemStateText(fs);
        case ProgressColumn: {
            qint64 expected = 0;
            qint64 replicated = 0;
            bool complete = true;
            fs.bytesSum(&expected, &replicated, &complete);
            return Format::progress(replicated, expected);
        }
        case RateColumn:
            return sending ? Format::rate(rate) : QString();
        case DetailsColumn:
            if (!error) {
                return QString();
            }
            return role == FullTextRole ? error->err.trimmed() : Format::firstLine(error->err);
        }
        return {};
    case Qt::ToolTipRole:
        if (column == DetailsColumn && error) {
            return error->err.trimmed();
        }
        return {};
    case Qt::ForegroundRole:
        if (error && (column == StateColumn || column == DetailsColumn)) {
            return QBrush(Format::errorColor());
        }
        return {};
    case SortRole:
        switch (column) {
        case ItemColumn:
            return fs.name;
        case StateColumn:
            return int(fs.state);
        case ProgressColumn: {
            qint64 expected = 0;
            qint64 replicated = 0;
            bool complete = true;
            fs.bytesSum(&expected, &replicated, &complete);
            return fraction(replicated, expected);
        }
        case RateColumn:
            return rate;
        case DetailsColumn:
            return error ? error->err : QString();
        }
        return {};
    case ProgressRole:
    case BytesReplicatedRole:
    case BytesExpectedRole: {
        if (column != ProgressColumn) {
            return {};
        }
        qint64 expected = 0;
        qint64 replicated = 0;
        bool complete = true;
        fs.bytesSum(&expected, &replicated, &complete);
        if (role == BytesReplicatedRole) {
            return replicated;
        }
        if (role == BytesExpectedRole) {
            return expected;
        }
        return complete ? Format::percent(replicated, expected) : -1;
    }
    case RateRole:
        return column == RateColumn ? QVariant(rate) : QVariant();
    case HasErrorRole:
        return error != nullptr;
    case ItemKindRole:
        return int(ItemKind::Filesystem);
    }
    return {};
}

QVariant ReplicationModel::stepData(int attempt, int filesystem, int step, int column, int role) const
{
    const Api::FilesystemReport &fs = m_report.attempts.at(attempt).filesystems.at(filesystem);
    const Api::StepInfo &info = fs.steps.at(step);
    const bool sending = isRunningStep(attempt, fs, step);
    const double rate = sending ? filesystemRate(filesystem) : -1.0;
    const bool failed = fs.state == Api::FilesystemState::StepError && step == fs.currentStep;
    switch (role) {
    case Qt::ToolTipRole:
        if (column != DetailsColumn) {
            return {};
        }
        [[fallthrough]];
    case Qt::DisplayRole:
    case FullTextRole:
        switch (column) {
        case ItemColumn:
            return stepLabel(info);
        case StateColumn:
            return stepStateText(fs, step);
        case ProgressColumn:
            return Format::progress(info.bytesReplicated, info.bytesExpected);
        case RateColumn:
            return sending ? Format::rate(rate) : QString();
        case DetailsColumn:
            if (role == Qt::DisplayRole) {
                return stepDetails(info);
            }
            // The step that failed carries the filesystem's error where a user hovers.
            if (failed && fs.stepError) {
                const QString details = stepDetails(info);
                return details.isEmpty() ? fs.stepError->err.trimmed()
                                         : details + u'\n' + fs.stepError->err.trimmed();
            }
            return stepDetails(info);
        }
        return {};
    case Qt::ForegroundRole:
        if (failed && column == StateColumn) {
            return QBrush(Format::errorColor());
        }
        return {};
    case SortRole:
        switch (column) {
        case ItemColumn:
            return step;
        case StateColumn:
            return stepStateText(fs, step);
        case ProgressColumn:
            return fraction(info.bytesReplicated, info.bytesExpected);
        case RateColumn:
            return rate;
        case DetailsColumn:
            return stepDetails(info);
        }
        return {};
    case ProgressRole:
        return column == ProgressColumn ? QVariant(Format::percent(info.bytesReplicated, info.bytesExpected))
                                        : QVariant();
    case BytesReplicatedRole:
        return column == ProgressColumn ? QVariant(info.bytesReplicated) : QVariant();
    case BytesExpectedRole:
        return column == ProgressColumn ? QVariant(info.bytesExpected) : QVariant();
    case RateRole:
        return column == RateColumn ? QVariant(rate) : QVariant();
    case HasErrorRole:
        return failed;
    case ItemKindRole:
        return int(ItemKind::Step);
    }
    return {};
}

QVariant ReplicationModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case ItemColumn:
        return tr("Item");
    case StateColumn:
        return tr("State");
    case ProgressColumn:
        return tr("Progress");
    case RateColumn:
        return tr("Rate");
    case DetailsColumn:
        return tr("Details");
    }
    return {};
}

}  // namespace Gui
