// SPDX-License-Identifier: MIT
#pragma once

#include <initializer_list>

#include <QString>
#include <QStringList>

#include <yaml-cpp/yaml.h>

#include "daemon/config/Config.h"
#include "daemon/config/YamlReader.h"

namespace Config {

enum class Presence
{
    Required,
    Optional,
};

enum class DurationSign
{
    Positive,        // zrepl's `positive` tag
    ZeroOrPositive,  // zrepl's `zeropositive` tag
};

// One YAML mapping of zrepl's schema, read strictly: repeated keys, keys outside the schema, missing required
// keys and values of the wrong type are reported to the YamlReader with their position and field path. A null
// value (`key:` alone) counts as absent, as Go's YAML decoder leaves the field at its default for it.
class YamlMap
{
public:
    YamlMap(YamlReader &reader, const YAML::Node &node, const QString &path);

    bool isValid() const
    {
        return m_valid;
    }

    const YAML::Node &node() const
    {
        return m_node;
    }

    const QString &path() const
    {
        return m_path;
    }

    QString fieldPath(const char *key) const;

    bool has(const char *key) const;
    YAML::Node value(const char *key) const;
    // Reports the first key that is not one of `keys`.
    void allowKeys(std::initializer_list<const char *> keys);

    // The `type` key that selects the variant of zrepl's enum-like sections ("must specify type" when missing).
    QString type();
    // The node under `key`, reporting it when required and absent; an undefined node when absent.
    YAML::Node child(const char *key, Presence presence);
    QString string(const char *key, Presence presence, const QString &fallback = {});
    bool boolean(const char *key, Presence presence, bool fallback = false);
    qint64 integer(const char *key, Presence presence, qint64 min, qint64 max, qint64 fallback = 0);
    Duration duration(const char *key, Presence presence, DurationSign sign, Duration fallback = Duration{0});
    QStringList stringList(const char *key, Presence presence);
    // zrepl's `hostport` tag: "host:port", "[v6]:port" or ":port".
    QString hostPort(const char *key, Presence presence);

    // Scalar conversions for values outside a YamlMap field (list items, map values).
    static QString toString(YamlReader &reader, const YAML::Node &node, const QString &field);
    static bool toBool(YamlReader &reader, const YAML::Node &node, const QString &field);
    static std::optional<QString> hostPortProblem(const QString &address);

private:
    YamlReader &m_reader;
    YAML::Node m_node;
    QString m_path;
    bool m_valid = false;
};

}  // namespace Config
