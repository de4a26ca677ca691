// SPDX-License-Identifier: MIT
#pragma once

// The daemon's own verdict on a configuration text, for tests that link holdfast-daemon: its parser
// (Config::parseBytes, what `holdfast configcheck` runs) gives the problem with line and column, and the jobs are
// compared by their YAML with the running text's for what an apply would add, change and remove.

#include <QString>

#include <yaml-cpp/yaml.h>

#include "daemon/config/ConfigParser.h"
#include "shared/config/ConfigTextEditor.h"
#include "shared/control/ConfigApi.h"

namespace DaemonConfigCheck {

inline std::string dump(const YAML::Node &node)
{
    YAML::Emitter emitter;
    emitter << node;
    return emitter.c_str();
}

inline Api::ConfigValidation validate(const QString &text, const QString &running)
{
    Api::ConfigValidation validation;
    Config::Error error;
    const std::optional<Config::Root> root = Config::parseBytes(text.toUtf8(), QStringLiteral("holdfast.yml"), &error);
    if (!root) {
        Api::ConfigProblem problem;
        problem.line = error.line;
        problem.column = error.column;
        problem.field = error.field;
        problem.message = error.message;
        validation.problems.append(problem);
        return validation;
    }
    validation.valid = true;
    const ConfigEdit::ConfigTextEditor proposed(text);
    const ConfigEdit::ConfigTextEditor before(running);
    QStringList runningNames;
    for (const ConfigEdit::ConfigTextEditor::JobRange &job : before.jobs()) {
        runningNames.append(job.name);
    }
    for (const Config::Job &job : root->jobs) {
        Api::ConfigJobSummary summary;
        summary.name = job.name;
        summary.type = Config::jobTypeName(job.type);
        summary.line = job.position.line;
        summary.summary = job.rootFs.isEmpty() ? QStringLiteral("%1 job").arg(summary.type)
                                               : QStringLiteral("receives into %1").arg(job.rootFs);
        validation.jobs.append(summary);
        if (!runningNames.contains(job.name)) {
            validation.changes.added.append(job.name);
        } else if (dump(*proposed.jobNode(job.name)) != dump(*before.jobNode(job.name))) {
            validation.changes.changed.append(job.name);
        } else {
            validation.changes.unchanged.append(job.name);
        }
        runningNames.removeAll(job.name);
    }
    validation.changes.removed = runningNames;
    return validation;
}

}  // namespace DaemonConfigCheck
