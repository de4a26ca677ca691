// SPDX-License-Identifier: MIT
#pragma once

#include <QCoreApplication>
#include <QStringList>

#include "daemon/cli/CliCommands.h"
#include "shared/control/ConfigApi.h"

namespace Daemon {

// `holdfast reload` and `holdfast config show|validate|apply`: the configuration through the running daemon, as
// the GUI changes it (`configcheck` stays the offline check of a file).
class ConfigCommands
{
    Q_DECLARE_TR_FUNCTIONS(Daemon::ConfigCommands)

public:
    static int reload(CliContext &context, const QStringList &arguments);
    static int config(CliContext &context, const QStringList &arguments);

    // Texts for people.
    static QString renderReport(const Api::ReloadReport &report);
    static QString renderValidation(const Api::ConfigValidation &validation, const QString &file);
    static QString renderDocument(const Api::ConfigDocument &document);
    // "1a2b3c4d5e6f": enough of a version to tell two apart.
    static QString shortVersion(const QString &version);
};

}  // namespace Daemon
