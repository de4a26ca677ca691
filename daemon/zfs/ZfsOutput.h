// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

#include "daemon/zfs/ZfsTypes.h"

// Parsers for what `zfs` prints in its scripted modes. Pure functions, so they are tested on captured text.
namespace Zfs::Output {

// One dataset's properties from `zfs get -H -p -o name,property,value`, in the order the datasets came.
struct PropertyRow
{
    QString name;
    QMap<QString, QString> properties;
};

// Groups the lines by dataset name. Lines that are not three tab-separated fields are reported in *error (with
// the line) and the parse fails: a partial listing must never look like a complete one.
std::optional<QList<PropertyRow>> parseGetOutput(const QByteArray &output, QString *error);

// A snapshot or bookmark from its properties (type, guid, createtxg, creation, userrefs); nullopt with *error
// when a number is malformed or the type is not a version.
std::optional<FilesystemVersion> versionFromProperties(const PropertyRow &row, QString *error);

// `zfs holds -H -p`: "pool/fs@snap\ttag\t1700000000" (OpenZFS 2.x; without -p the time is a date text, which is
// kept as the zero time).
std::optional<QList<Hold>> parseHoldsOutput(const QByteArray &output, QString *error);

// `zfs list -H -o name`: one name per line.
QStringList parseNameList(const QByteArray &output);

}  // namespace Zfs::Output
