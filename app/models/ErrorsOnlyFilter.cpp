// SPDX-License-Identifier: MIT
#include "app/models/ErrorsOnlyFilter.h"

#include "app/models/ModelRole.h"
#include "app/models/ReplicationModel.h"

namespace Gui {

ErrorsOnlyFilter::ErrorsOnlyFilter(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    // A failed filesystem's attempt stays as its parent, and its steps come along to show which one failed.
    setRecursiveFilteringEnabled(true);
    setAutoAcceptChildRows(true);
    // The proxy re-filters a changed row's ancestors only when the change names this role (or none): the models
    // say which of their changes are mere content (DataChangeBatch::Roles::Content), and those are most.
    setFilterRole(HasErrorRole);
}

void ErrorsOnlyFilter::setErrorsOnly(bool errorsOnly)
{
    if (errorsOnly == m_errorsOnly) {
        return;
    }
    m_errorsOnly = errorsOnly;
    invalidateFilter();
}

bool ErrorsOnlyFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_errorsOnly) {
        return true;
    }
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!index.data(HasErrorRole).toBool()) {
        return false;
    }
    // An attempt that failed to plan has no filesystems; one that has them shows through its failed ones,
    // rather than accepting all of its filesystems along with it.
    const QVariant kind = index.data(ItemKindRole);
    if (kind.isValid() && kind.toInt() == int(ReplicationModel::ItemKind::Attempt)) {
        return sourceModel()->rowCount(index) == 0;
    }
    return true;
}

}  // namespace Gui
