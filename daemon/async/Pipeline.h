// SPDX-License-Identifier: MIT
#pragma once

#include <QProcess>
#include <QSocketNotifier>
#include <QTimer>

#include <coroutine>
#include <functional>
#include <memory>

#include "daemon/async/Awaitables.h"
#include "daemon/async/ProgressThrottle.h"

namespace Async {

struct PipelineResult
{
    ProcessResult producer;
    ProcessResult consumer;
    qint64 bytes = 0;  // moved from the producer to the consumer
};

// co_await runPipeline(producer, consumer, progress): `producer | consumer` through two pipes that the daemon
// joins with splice(2): the stream's pages move from one pipe to the other inside the kernel (no copy into the
// daemon), the daemon counts every byte, and a slow consumer stops the producer by the pipes filling up. Progress
// is reported at most every `interval`. Destroying the awaiting coroutine kills both processes.
class PipelineAwaiter
{
public:
    PipelineAwaiter(ProcessSpec producer, ProcessSpec consumer, std::function<void(qint64)> progress,
                    std::chrono::milliseconds interval);
    ~PipelineAwaiter();
    PipelineAwaiter(PipelineAwaiter &&) noexcept;
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> handle);
    PipelineResult await_resume();

private:
    // How long the consumer may take to finish on its own once its input is closed, before it is killed.
    static constexpr int ConsumerStopGraceMs = 500;
    void relay();
    void finishRelay();
    void checkDone();

    ProcessSpec m_producerSpec;
    ProcessSpec m_consumerSpec;
    std::unique_ptr<ProgressThrottle> m_progress;  // apart: the awaiter stays movable
    std::unique_ptr<QProcess> m_producer;
    std::unique_ptr<QProcess> m_consumer;
    std::unique_ptr<Resumer> m_resumer;
    std::coroutine_handle<> m_handle;
    PipelineResult m_result;
    bool m_producerDone = false;
    bool m_consumerDone = false;
    bool m_relayDone = false;
    int m_in = -1;  // read end of the producer's pipe
    int m_out = -1;  // write end of the consumer's pipe
    std::unique_ptr<QSocketNotifier> m_readable;
    std::unique_ptr<QSocketNotifier> m_writable;
};

inline PipelineAwaiter runPipeline(ProcessSpec producer, ProcessSpec consumer,
                                   std::function<void(qint64)> progress = {},
                                   std::chrono::milliseconds interval = ProgressInterval)
{
    return PipelineAwaiter(std::move(producer), std::move(consumer), std::move(progress), interval);
}

}  // namespace Async
