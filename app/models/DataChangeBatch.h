// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractItemModel>
#include <QHash>
#include <QList>

namespace Gui {

// Collects the cells an update changed and emits them as few dataChanged signals as it can: consecutive rows under
// the same parent become one range, and so do several changes to one row. The signals go out in flush(), after the model holds the new data, and the
// indexes they carry are only valid if no rows were inserted or removed between add() and flush().
class DataChangeBatch
{
public:
    // What changed in the cells: Content is text, numbers and progress (DisplayRole, ToolTipRole, FullTextRole,
    // SortRole, ProgressRole, the bytes and RateRole); All is anything, an error or a health that came or went
    // included. Saying Content spares a recursive QSortFilterProxyModel (ErrorsOnlyFilter) from re-filtering every
    // ancestor of each changed row, which tripled the cost of a refresh through it.
    enum class Roles
    {
        Content,
        All,
    };

    static const QList<int> &contentRoles();

    explicit DataChangeBatch(QAbstractItemModel *model)
        : m_model(model)
    {
    }
    DataChangeBatch(const DataChangeBatch &) = delete;
    DataChangeBatch &operator=(const DataChangeBatch &) = delete;

    // Rows of one parent must come in ascending order to be merged; any order is correct.
    void add(const QModelIndex &parent, int row, int firstColumn, int lastColumn, Roles roles = Roles::All);
    bool isEmpty() const { return m_ranges.isEmpty(); }
    void flush();

private:
    struct Range
    {
        QModelIndex parent;
        int firstRow;
        int lastRow;
        int firstColumn;
        int lastColumn;
        Roles roles;
    };

    QAbstractItemModel *m_model;
    QList<Range> m_ranges;
    QHash<QModelIndex, qsizetype> m_lastRangeOfParent;
};

// A set of columns of one row, as a range: what an update changed in that row.
class ColumnSpan
{
public:
    void add(int column)
    {
        m_first = m_first < 0 ? column : qMin(m_first, column);
        m_last = qMax(m_last, column);
    }
    bool isEmpty() const { return m_first < 0; }
    int first() const { return m_first; }
    int last() const { return m_last; }

private:
    int m_first = -1;
    int m_last = -1;
};

}  // namespace Gui
