// SPDX-License-Identifier: MIT
#include "daemon/config/Config.h"

#include "shared/control/ConfigApi.h"

using namespace Qt::StringLiterals;

namespace Config {

QString Error::toString() const
{
    // One wording for a configuration problem, whether the CLI, the log or the control API reports it.
    return toProblem().toString();
}

Api::ConfigProblem Error::toProblem() const
{
    return {file, line, column, field, message};
}

QString jobTypeName(JobType type)
{
    switch (type) {
    case JobType::Snap:
        return u"snap"_s;
    case JobType::Push:
        return u"push"_s;
    case JobType::Sink:
        return u"sink"_s;
    case JobType::Pull:
        return u"pull"_s;
    case JobType::Source:
        return u"source"_s;
    }
    return {};
}

const Job *Root::job(const QString &name) const
{
    for (const Job &j : jobs) {
        if (j.name == name) {
            return &j;
        }
    }
    return nullptr;
}

}  // namespace Config
