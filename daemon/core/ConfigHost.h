// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include "daemon/config/Config.h"
#include "shared/control/ConfigApi.h"

namespace Daemon {

// The daemon's running configuration, as the config endpoints see it: what runs, what a text would change, and
// the reload itself. Runtime implements it; the endpoints' tests use a fake.
class ConfigHost
{
public:
    virtual ~ConfigHost() = default;

    // The file the daemon was started with; reloads and applies read and write it.
    virtual QString configPath() const = 0;
    // The configuration the daemon runs now.
    virtual const Config::Root &runningConfig() const = 0;
    // What running `next` would change, without changing anything.
    virtual Api::ReloadChanges preview(const Config::Root &next) const = 0;
    // Re-reads configPath() and runs it. An invalid file changes nothing: the report carries the problem, which is
    // also logged and kept in state(). `trigger` is "signal", "request" or "apply".
    virtual Api::ReloadReport reloadFromFile(Api::RestartPolicy policy, const QString &trigger) = 0;
    virtual Api::ConfigState state() const = 0;
};

}  // namespace Daemon
