// SPDX-License-Identifier: MIT
#pragma once

#include <atomic>
#include <memory>

#include <QMutex>
#include <QObject>
#include <QThread>

#include "shared/restore/RestoreEngine.h"

namespace Gui {

// Runs one confirmed restore plan (Restore::RestoreEngine::run) on a worker thread of its own, with a cancel flag:
// the window shows progressed() and stays responsive while gigabytes are copied. Progress reaches the GUI thread
// at most once per turn of its event loop, however often the engine reports. Every start() ends in exactly one
// finished(), unless the runner is destroyed first: then the restore is cancelled (the engine removes its partial
// copy) and waited for.
class RestoreRunner final : public QObject
{
    Q_OBJECT

public:
    explicit RestoreRunner(QObject *parent = nullptr);
    ~RestoreRunner() override;

    // false (and nothing happens) while another restore runs, or for a plan that cannot be done.
    bool start(const Restore::RestorePlan &plan);
    // Asks the engine to stop at its next check; finished() follows with Outcome::Cancelled.
    void cancel();

    bool isBusy() const
    {
        return m_thread != nullptr;
    }

    bool isCancelling() const
    {
        return m_cancel.load();
    }

    Restore::RestoreProgress lastProgress() const
    {
        return m_shown;
    }

Q_SIGNALS:
    void progressed(const Restore::RestoreProgress &progress);
    void finished(const Restore::RestoreResult &result);

private:
    void report(const Restore::RestoreProgress &progress);  // on the worker
    void deliverProgress();
    void finish(const Restore::RestoreResult &result);

    std::unique_ptr<QThread> m_thread;
    std::atomic<bool> m_cancel{false};
    QMutex m_mutex;  // guards the two below, which the worker writes
    Restore::RestoreProgress m_latest;
    bool m_progressQueued = false;
    Restore::RestoreProgress m_shown;
};

}  // namespace Gui
