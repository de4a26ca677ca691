// SPDX-License-Identifier: MIT
#include "app/core/RestoreRunner.h"

#include <QMutexLocker>

namespace Gui {

RestoreRunner::RestoreRunner(QObject *parent)
    : QObject(parent)
{}

RestoreRunner::~RestoreRunner()
{
    if (m_thread) {
        m_cancel.store(true);
        m_thread->wait();
    }
}

bool RestoreRunner::start(const Restore::RestorePlan &plan)
{
    if (m_thread || !plan.ok()) {
        return false;
    }
    m_cancel.store(false);
    m_shown = {};
    {
        QMutexLocker lock(&m_mutex);
        m_latest = {};
        m_progressQueued = false;
    }
    m_thread.reset(QThread::create([this, plan] {
        const Restore::RestoreResult result =
            Restore::RestoreEngine::run(plan, &m_cancel, [this](const Restore::RestoreProgress &p) { report(p); });
        // Queued: finish() runs on the GUI thread, and not at all if the runner is gone by then.
        QMetaObject::invokeMethod(
            this, [this, result] { finish(result); }, Qt::QueuedConnection);
    }));
    m_thread->setObjectName(QStringLiteral("restore"));
    m_thread->start();
    return true;
}

void RestoreRunner::cancel()
{
    if (m_thread) {
        m_cancel.store(true);
    }
}

void RestoreRunner::report(const Restore::RestoreProgress &progress)
{
    QMutexLocker lock(&m_mutex);
    m_latest = progress;
    if (!m_progressQueued) {
        m_progressQueued = true;
        QMetaObject::invokeMethod(this, &RestoreRunner::deliverProgress, Qt::QueuedConnection);
    }
}

void RestoreRunner::deliverProgress()
{
    {
        QMutexLocker lock(&m_mutex);
        m_progressQueued = false;
        m_shown = m_latest;
    }
    if (m_thread) {
        Q_EMIT progressed(m_shown);
    }
}

void RestoreRunner::finish(const Restore::RestoreResult &result)
{
    if (m_thread) {
        m_thread->wait();
        m_thread.reset();
    }
    Q_EMIT finished(result);
}

}  // namespace Gui
