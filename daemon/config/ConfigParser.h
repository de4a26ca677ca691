// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

#include "daemon/config/Config.h"

namespace Config {

// Where `holdfast` looks for its configuration when --config is not given: Holdfast's own file first, then
// zrepl's, so that a zrepl user's setup works unchanged.
QStringList defaultLocations();

// The first default location that exists; an error when it exists but is not a regular file.
std::optional<QString> findDefaultConfigFile(Error *error);

// Reads zrepl's YAML schema strictly (unknown keys are errors) and validates what zrepl validates when it builds
// the jobs: job names as ZFS job ids, unique and not starting with '_', filesystem filter patterns, keep rules,
// durations, host:port addresses, client identities, non-overlapping receive roots. The first problem found is
// returned in `error` with the file, line, column and field.
std::optional<Root> parseFile(const QString &path, Error *error);
std::optional<Root> parseBytes(const QByteArray &yaml, const QString &fileName, Error *error);

// Go's time.ParseDuration: "10m", "1h30m", "1.5h", "300ms", "-2s". nullopt with a message on bad input.
std::optional<Duration> parseGoDuration(QStringView text, QString *error = nullptr);
// zrepl's retention grid: "1x1h(keep=all) | 24x1h | 14x1d".
std::optional<QList<RetentionInterval>> parseRetentionGrid(QStringView text, QString *error = nullptr);

}  // namespace Config
