// SPDX-License-Identifier: MIT
#include "daemon/core/ServiceManager.h"

#include <systemd/sd-daemon.h>

#include <QByteArray>

#include <ctime>

namespace Daemon {

namespace {

void notify(const QByteArray &state)
{
    // NOTIFY_SOCKET stays set for STOPPING=1 later; the zfs processes and hooks that inherit it cannot speak for
    // the service, since systemd takes messages from the main process only (NotifyAccess=main, the default).
    sd_notify(0, state.constData());
}

QByteArray statusLine(const QString &status)
{
    // One line: sd_notify's fields are newline-separated.
    return "STATUS=" + status.simplified().toUtf8();
}

}  // namespace

bool ServiceManager::active()
{
    return !qEnvironmentVariableIsEmpty("NOTIFY_SOCKET");
}

void ServiceManager::ready(const QString &status)
{
    notify("READY=1\n" + statusLine(status));
}

void ServiceManager::stopping()
{
    notify("STOPPING=1\n" + statusLine(QStringLiteral("stopping")));
}

void ServiceManager::reloading()
{
    timespec now{};
    ::clock_gettime(CLOCK_MONOTONIC, &now);
    const qint64 usec = qint64(now.tv_sec) * 1000000 + now.tv_nsec / 1000;
    notify("RELOADING=1\nMONOTONIC_USEC=" + QByteArray::number(usec) + '\n' + statusLine(QStringLiteral("reloading the configuration")));
}

void ServiceManager::status(const QString &status)
{
    notify(statusLine(status));
}

}  // namespace Daemon
