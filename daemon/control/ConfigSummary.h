// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

#include "daemon/config/Config.h"
#include "shared/control/ConfigApi.h"

namespace Daemon {

// Each job of a configuration in one line of plain English, for lists and confirmations: "rpool/home and below
// to local sink “usb”, snapshots every 1h", "receives into usbpool/backup", "pulls from backup.example.org:8888
// every 10m".
class ConfigSummary
{
    Q_DECLARE_TR_FUNCTIONS(Daemon::ConfigSummary)

public:
    // name, type, summary and line of every job; `running` and `restartPending` are left to the caller.
    static QList<Api::ConfigJobSummary> summarize(const Config::Root &root);
    static QString describe(const Config::Job &job, const Config::Root &root);

    // "1h", "1h30m", "10m", "90s": a Go duration without its zero parts, as a user writes it in the file.
    static QString shortDuration(Config::Duration duration);
    // "rpool/home and below", "every filesystem", "rpool/a, rpool/b and 2 more" (excluded ones mentioned).
    static QString describeFilesystems(const Config::FilesystemsFilter &filter);

private:
    static QString describeConnect(const Config::Connect &connect, const Config::Root &root);
    static QString describeServe(const Config::Serve &serve);
    static QString describeSnapshotting(const Config::Snapshotting &snapshotting);
};

}  // namespace Daemon
