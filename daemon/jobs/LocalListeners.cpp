// SPDX-License-Identifier: MIT
#include "daemon/jobs/LocalListeners.h"

namespace Daemon {

LocalListeners &LocalListeners::instance()
{
    static LocalListeners listeners;
    return listeners;
}

bool LocalListeners::add(const QString &name, Job *job)
{
    const auto it = m_listeners.constFind(name);
    if (it != m_listeners.constEnd() && !it->isNull() && it->data() != job) {
        return false;
    }
    m_listeners.insert(name, job);
    return true;
}

void LocalListeners::remove(const QString &name, Job *job)
{
    const auto it = m_listeners.find(name);
    if (it != m_listeners.end() && (it->isNull() || it->data() == job)) {
        m_listeners.erase(it);
    }
}

Job *LocalListeners::find(const QString &name) const
{
    return m_listeners.value(name).data();
}

}  // namespace Daemon
