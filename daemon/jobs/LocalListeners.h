// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QPointer>
#include <QString>

#include "daemon/jobs/Job.h"

namespace Daemon {

// zrepl's `local` transport: a passive job (sink or source) serves under a listener_name inside the daemon, and an
// active job (push or pull) with `connect: {type: local, listener_name: ...}` talks to it directly.
class LocalListeners
{
public:
    static LocalListeners &instance();

    // false when another job already serves under that name.
    bool add(const QString &name, Job *job);
    void remove(const QString &name, Job *job);
    Job *find(const QString &name) const;

private:
    QHash<QString, QPointer<Job>> m_listeners;
};

}  // namespace Daemon
