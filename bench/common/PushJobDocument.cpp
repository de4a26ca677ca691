// SPDX-License-Identifier: MIT
#include "PushJobDocument.h"

using namespace Qt::StringLiterals;

namespace BenchSupport {

Api::JobStatus pushJobStatus(const PushJobShape &shape)
{
    static const QString Datasets[] = {
        u"data"_s, u"projects"_s, u"mail"_s, u"media"_s, u"vm"_s, u"photos"_s, u"src"_s, u".cache"_s};
    Api::AttemptReport attempt;
    attempt.state = Api::AttemptState::FanOutFilesystems;
    attempt.startAt = shape.startAt;
    attempt.filesystems.reserve(shape.filesystems);
    for (int i = 0; i < shape.filesystems; ++i) {
        Api::FilesystemReport fs;
        fs.name = u"tank/home/user%1/%2"_s.arg(i / 8).arg(Datasets[i % 8]);
        const bool sending = shape.sending(i);
        fs.state = sending ? Api::FilesystemState::Stepping : Api::FilesystemState::Done;
        fs.currentStep = sending ? 1 : 2;
        for (int s = 0; s < 2; ++s) {
            Api::StepInfo step;
            step.from = shape.snapshots[s];
            step.to = shape.snapshots[s + 1];
            step.encrypted = i % 2 ? Api::EncryptedMode::Yes : Api::EncryptedMode::No;
            step.bytesExpected = shape.bytesExpected(i, s);
            step.bytesReplicated = sending && s == 1 ? shape.bytesSending(i, step.bytesExpected) : step.bytesExpected;
            fs.steps.append(step);
        }
        attempt.filesystems.append(std::move(fs));
    }
    Api::ReplicationReport replication;
    replication.startAt = shape.startAt;
    replication.attempts.append(std::move(attempt));
    Api::ActiveSideStatus active;
    active.replication = std::move(replication);
    return Api::JobStatus{Api::JobStatus::Type::Push, std::move(active)};
}

}  // namespace BenchSupport
