// SPDX-License-Identifier: MIT
#include "app/models/DataChangeBatch.h"

#include <utility>

#include "app/models/ModelRole.h"

namespace Gui {

const QList<int> &DataChangeBatch::contentRoles()
{
    static const QList<int> roles{Qt::DisplayRole,     Qt::ToolTipRole,   FullTextRole,
                                  SortRole,            ProgressRole,      BytesReplicatedRole,
                                  BytesExpectedRole,   RateRole};
    return roles;
}

void DataChangeBatch::add(const QModelIndex &parent, int row, int firstColumn, int lastColumn, Roles roles)
{
    const auto last = m_lastRangeOfParent.constFind(parent);
    if (last != m_lastRangeOfParent.cend()) {
        Range &range = m_ranges[*last];
        // The next row, or one already in the range (another column of it changed too).
        if (row >= range.firstRow && row <= range.lastRow + 1) {
            range.lastRow = qMax(range.lastRow, row);
            // Widening the columns reports a few unchanged cells; a view repaints the rows either way and a
            // signal per row costs a QTreeView a search through its visible items each.
            range.firstColumn = qMin(range.firstColumn, firstColumn);
            range.lastColumn = qMax(range.lastColumn, lastColumn);
            if (roles == Roles::All) {
                range.roles = Roles::All;
            }
            return;
        }
    }
    m_lastRangeOfParent.insert(parent, m_ranges.size());
    m_ranges.append(Range{parent, row, row, firstColumn, lastColumn, roles});
}

void DataChangeBatch::flush()
{
    const QList<Range> ranges = std::exchange(m_ranges, {});
    m_lastRangeOfParent.clear();
    for (const Range &range : ranges) {
        Q_EMIT m_model->dataChanged(m_model->index(range.firstRow, range.firstColumn, range.parent),
                                    m_model->index(range.lastRow, range.lastColumn, range.parent),
                                    range.roles == Roles::Content ? contentRoles() : QList<int>());
    }
}

}  // namespace Gui
