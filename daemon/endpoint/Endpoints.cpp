// SPDX-License-Identifier: MIT
#include "daemon/endpoint/Endpoints.h"

#include "daemon/async/Pipeline.h"
#include "daemon/endpoint/AbstractionNames.h"

using namespace Qt::StringLiterals;

namespace Endpoint {

std::optional<Zfs::FilesystemVersion> SenderEndpoint::replicationCursor(const QList<Zfs::FilesystemVersion> &versions) const
{
    const QString job = jobId();
    std::optional<Zfs::FilesystemVersion> newest;
    for (const Zfs::FilesystemVersion &v : versions) {
        if (!v.isBookmark()) {
            continue;
        }
        const auto parsed = parseReplicationCursorBookmarkName(v.name);
        if (parsed && parsed->jobId == job && (!newest || v.createTxg > newest->createTxg)) {
            newest = v;
        }
    }
    return newest;
}

Async::ProcessSpec zfsProcess(const Zfs::ZfsCommand &command, QStringList arguments)
{
    Async::ProcessSpec spec;
    spec.program = command.config().zfsBinary;
    spec.arguments = std::move(arguments);
    spec.environment = command.config().environment;
    spec.timeout = command.config().timeout;
    return spec;
}

QString processFailure(const Async::ProcessResult &result)
{
    if (!result.started) {
        return result.startError;
    }
    if (result.timedOut) {
        return u"timed out"_s;
    }
    QStringList lines = QString::fromUtf8(result.standardError).trimmed().split(u'\n', Qt::SkipEmptyParts);
    while (lines.size() > 6) {
        lines.removeFirst();
    }
    if (lines.isEmpty()) {
        return result.crashed ? u"killed by a signal"_s : u"exit status %1"_s.arg(result.exitCode);
    }
    return lines.join(u'\n');
}

Async::Task<StreamOutcome> runLocalStream(Async::ProcessSpec producer, Async::ProcessSpec consumer, Progress progress)
{
    const Async::PipelineResult result = co_await Async::runPipeline(std::move(producer), std::move(consumer), progress);
    StreamOutcome outcome;
    outcome.bytes = result.bytes;
    if (!result.producer.ok()) {
        outcome.senderError = u"zfs send: %1"_s.arg(processFailure(result.producer));
    }
    if (!result.consumer.ok()) {
        outcome.receiverError = u"zfs recv: %1"_s.arg(processFailure(result.consumer));
    }
    // A stream cut short may have left a resume token: the next attempt continues from there.
    outcome.temporary = result.producer.timedOut || result.consumer.timedOut || !result.producer.ok();
    co_return outcome;
}

}  // namespace Endpoint
