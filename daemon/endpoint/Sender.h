// SPDX-License-Identifier: MIT
#pragma once

#include <functional>

#include <QString>
#include <QStringList>

#include <optional>

#include "daemon/async/Task.h"
#include "daemon/endpoint/Endpoints.h"
#include "daemon/zfs/DatasetFilter.h"
#include "daemon/zfs/ZfsClient.h"

namespace Endpoint {

// The sending side of a replication (zrepl's endpoint.Sender): which filesystems it offers, and the hold-protected
// step: `to` (and `from`) are held with the job's step hold (a bookmark `from` gets a step bookmark) before the
// send, and after the receiver confirmed the step the replication cursor moves to `to` and the step holds go.
class Sender final : public SenderEndpoint
{
public:
    Sender(Zfs::ZfsClient &zfs, Zfs::DatasetFilter filter, QString jobId, bool encrypted);

    QString jobId() const override { return m_jobId; }
    bool encrypted() const override { return m_encrypted; }
    std::optional<QString> localFilesystem(const QString &senderFilesystem) const override { return senderFilesystem; }
    Async::Task<Zfs::Result<QList<Zfs::Dataset>>> listFilesystems() override;
    Async::Task<Zfs::Result<VersionMap>> listVersions(QList<Zfs::DatasetPath> filesystems) override;
    Async::Task<Zfs::ZfsError> prepareStep(SendArgs args) override;
    Async::Task<std::optional<qint64>> sizeEstimate(SendArgs args) override;
    Async::Task<Zfs::ZfsError> stepCompleted(SendArgs args) override;
    std::optional<Async::ProcessSpec> sendProcess(const SendArgs &args) const override;
    Async::Task<StreamOutcome> sendInto(SendArgs args, Async::ProcessSpec consumer, Progress progress) override;

    // For a step a remote receiver asks for: the step's versions as this side has them (matched by name and
    // guid), checked against the filter, and a resume token that encodes exactly this step. Nothing a client sends
    // is used before it passed here.
    Async::Task<Zfs::Result<SendArgs>> resolve(SendArgs args);

    // The arguments of `zfs` for the stream itself.
    QStringList sendArguments(const SendArgs &args) const;

    Zfs::ZfsClient &zfs() { return m_zfs; }
    const Zfs::DatasetFilter &filter() const { return m_filter; }

    // Told what a client's replication lists and completes, for the serving job's freshness (a source job knows
    // its filesystems' replicas only from its pull clients), at no extra `zfs` process.
    struct Observer
    {
        std::function<void(const VersionMap &listed)> listed;
        std::function<void(const QString &filesystem, const Zfs::FilesystemVersion &to)> completed;
    };
    void setObserver(Observer observer) { m_observer = std::move(observer); }

private:
    Async::Task<Zfs::ZfsError> holdVersion(QString filesystem, Zfs::FilesystemVersion version);
    Async::Task<Zfs::ZfsError> releaseVersion(QString filesystem, Zfs::FilesystemVersion version);
    Async::Task<Zfs::ZfsError> moveCursor(QString filesystem, Zfs::FilesystemVersion to);

    Zfs::ZfsClient &m_zfs;
    Zfs::DatasetFilter m_filter;
    QString m_jobId;
    Observer m_observer;
    bool m_encrypted = false;
};

}  // namespace Endpoint
