// SPDX-License-Identifier: MIT
#include "daemon/pruning/VersionPrefixFilter.h"

namespace Pruning {

VersionPrefixFilter::VersionPrefixFilter(QString prefix, std::optional<Zfs::VersionType> type)
    : m_prefix(std::move(prefix))
    , m_type(type)
{}

bool VersionPrefixFilter::accepts(Zfs::VersionType type, QStringView name) const
{
    // Case-sensitive and byte-wise like Go's strings.HasPrefix: "Zrepl_" is not "zrepl_".
    return (!m_type || *m_type == type) && name.startsWith(m_prefix, Qt::CaseSensitive);
}

}  // namespace Pruning
