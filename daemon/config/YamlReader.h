// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <yaml-cpp/yaml.h>

#include "daemon/config/Config.h"

namespace Config {

// Collects the first problem found while reading one YAML document. Readers keep going after a failure and get
// default values back, so that a parse function needs no error check after every field; the first problem is
// the one reported because later ones are usually its consequences.
class YamlReader
{
public:
    YamlReader(const QString &fileName, Error *error);

    bool failed() const
    {
        return m_failed;
    }

    void fail(const YAML::Node &node, const QString &field, const QString &message);
    void fail(Position position, const QString &field, const QString &message);

    // yaml-cpp counts from 0; editors and compilers from 1.
    static Position position(const YAML::Node &node);

private:
    QString m_fileName;
    Error *m_error = nullptr;
    bool m_failed = false;
};

}  // namespace Config
