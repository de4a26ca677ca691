// SPDX-License-Identifier: MIT
#include "daemon/zfs/ZfsTypes.h"

namespace Zfs {

DatasetPath DatasetPath::fromString(QStringView name)
{
    if (name.isEmpty()) {
        return DatasetPath();
    }
    QStringList components;
    for (QStringView part : name.split(u'/')) {
        components.append(part.toString());
    }
    return DatasetPath(std::move(components));
}

bool DatasetPath::hasPrefix(const DatasetPath &prefix) const
{
    if (prefix.length() > length()) {
        return false;
    }
    for (qsizetype i = 0; i < prefix.length(); ++i) {
        if (m_components[i] != prefix.m_components[i]) {
            return false;
        }
    }
    return true;
}

DatasetPath DatasetPath::parent() const
{
    if (isEmpty()) {
        return {};
    }
    return DatasetPath(m_components.first(length() - 1));
}

DatasetPath DatasetPath::joined(const DatasetPath &tail) const
{
    return DatasetPath(m_components + tail.m_components);
}

DatasetPath DatasetPath::withoutPrefix(const DatasetPath &prefix) const
{
    Q_ASSERT(hasPrefix(prefix));
    return DatasetPath(m_components.mid(prefix.length()));
}

QString Dataset::resumeToken() const
{
    const QString token = properties.value(QStringLiteral("receive_resume_token"));
    return token == QLatin1StringView("-") ? QString() : token;
}

}  // namespace Zfs
