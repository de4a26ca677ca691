// SPDX-License-Identifier: MIT
#pragma once

// What the replication tests (local and network transports) build their jobs from and read the pools with.

#include <QString>
#include <QStringList>

#include "ZfsBackend.h"
#include "daemon/config/Config.h"

using namespace Qt::StringLiterals;

inline Config::KeepRule lastN(int count)
{
    Config::KeepRule rule;
    rule.type = Config::KeepRule::Type::LastN;
    rule.count = count;
    return rule;
}

inline Config::KeepRule notReplicated()
{
    Config::KeepRule rule;
    rule.type = Config::KeepRule::Type::NotReplicated;
    return rule;
}

inline QStringList lines(const QByteArray &output)
{
    return QString::fromUtf8(output).split(u'\n', Qt::SkipEmptyParts);
}

// The snapshot names (without "fs@") of `fs` itself, oldest first.
inline QStringList snapshotsOf(const ZfsBackend &backend, const QString &fs)
{
    QStringList names;
    for (const QString &line : lines(backend.zfs({u"list"_s, u"-H"_s, u"-o"_s, u"name"_s, u"-t"_s, u"snapshot"_s, u"-d"_s, u"1"_s, fs}).standardOutput)) {
        names.append(line.section(u'@', 1));
    }
    return names;
}

// `zfs get -Hp -o value`: "" when the dataset does not exist.
inline QString propertyOf(const ZfsBackend &backend, const QString &property, const QString &name)
{
    return QString::fromUtf8(backend.zfs({u"get"_s, u"-H"_s, u"-p"_s, u"-o"_s, u"value"_s, property, name}).standardOutput).trimmed();
}
