// SPDX-License-Identifier: MIT
#include "daemon/config/YamlReader.h"

namespace Config {

YamlReader::YamlReader(const QString &fileName, Error *error)
    : m_fileName(fileName)
    , m_error(error)
{}

void YamlReader::fail(const YAML::Node &node, const QString &field, const QString &message)
{
    fail(position(node), field, message);
}

void YamlReader::fail(Position position, const QString &field, const QString &message)
{
    if (m_failed) {
        return;
    }
    m_failed = true;
    if (m_error) {
        *m_error = Error{m_fileName, position.line, position.column, field, message};
    }
}

Position YamlReader::position(const YAML::Node &node)
{
    if (!node.IsDefined()) {
        return {};
    }
    const YAML::Mark mark = node.Mark();
    if (mark.is_null()) {
        return {};
    }
    return {mark.line + 1, mark.column + 1};
}

}  // namespace Config
