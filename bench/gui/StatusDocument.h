// SPDX-License-Identifier: MIT
#pragma once

#include "shared/control/JobStatus.h"

// The /status document of bench-gui: `_control` and one push job replicating `filesystems` filesystems
// (`tank/home/user123/data`, ...) of 2 steps each, in one attempt.
namespace BenchGui {

// Every hundredth filesystem is being sent; the others are done. Refresh `k` adds k × 64 KiB to each sending
// filesystem's current step, so that the live case changes 1 % of the filesystems' bytes.
inline constexpr int SendingEvery = 100;
inline constexpr qint64 BytesPerRefresh = 65'536;

inline bool isSending(int i)
{
    return i % SendingEvery == 0;
}

inline qint64 expectedBytes(int i, int step)
{
    return 64 * 1'048'576 + qint64(i) * 4096 + step * 65'536;
}

inline qint64 sendingBytes(int i, int refresh)
{
    return expectedBytes(i, 1) / 4 + refresh * BytesPerRefresh;
}

inline const Api::Timestamp StartAt = Api::Timestamp::fromUnix(1795521600, 923101207);

inline Api::DaemonStatus document(int filesystems, int refresh)
{
    using namespace Qt::StringLiterals;
    static const QString Datasets[] = {
        u"data"_s, u"projects"_s, u"mail"_s, u"media"_s, u"vm"_s, u"photos"_s, u"src"_s, u".cache"_s};
    const QString snapshots[] = {
        u"@zrepl_20261123_220000_000"_s, u"@zrepl_20261123_230000_000"_s, u"@zrepl_20261124_000000_000"_s};
    Api::AttemptReport attempt;
    attempt.state = Api::AttemptState::FanOutFilesystems;
    attempt.startAt = StartAt;
    attempt.filesystems.reserve(filesystems);
    for (int i = 0; i < filesystems; ++i) {
        Api::FilesystemReport fs;
        fs.name = u"tank/home/user%1/%2"_s.arg(i / 8).arg(Datasets[i % 8]);
        const bool sending = isSending(i);
        fs.state = sending ? Api::FilesystemState::Stepping : Api::FilesystemState::Done;
        fs.currentStep = sending ? 1 : 2;
        for (int s = 0; s < 2; ++s) {
            Api::StepInfo step;
            step.from = snapshots[s];
            step.to = snapshots[s + 1];
            step.encrypted = i % 2 ? Api::EncryptedMode::Yes : Api::EncryptedMode::No;
            step.bytesExpected = expectedBytes(i, s);
            step.bytesReplicated = sending && s == 1 ? sendingBytes(i, refresh) : step.bytesExpected;
            fs.steps.append(step);
        }
        attempt.filesystems.append(std::move(fs));
    }
    Api::ReplicationReport replication;
    replication.startAt = StartAt;
    replication.attempts.append(std::move(attempt));
    Api::ActiveSideStatus active;
    active.replication = std::move(replication);
    Api::DaemonStatus status;
    status.jobs.insert(u"_control"_s, Api::JobStatus{});
    status.jobs.insert(u"push"_s, Api::JobStatus{Api::JobStatus::Type::Push, std::move(active)});
    return status;
}

}  // namespace BenchGui
