// SPDX-License-Identifier: MIT
#include "daemon/config/Config.h"

using namespace Qt::StringLiterals;

namespace Config {

QString Error::toString() const
{
    QString text;
    if (!file.isEmpty()) {
        text += file + u':';
        if (line > 0) {
            text += QString::number(line) + u':';
            if (column > 0) {
                text += QString::number(column) + u':';
            }
        }
        text += u' ';
    }
    if (!field.isEmpty()) {
        text += field + u": "_s;
    }
    return text + message;
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
