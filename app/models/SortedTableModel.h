// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractTableModel>
#include <QList>

#include <algorithm>

#include "app/models/SortedMerge.h"

namespace Gui {

// A flat table whose rows are kept sorted by a key and updated in place from a new list: the base of the jobs,
// snapshotting and pruning tables. mergeRows() removes and inserts runs of rows with the model's begin/end calls
// (mergeSorted) and hands every row that stays to `keep(row, newRow)`, which compares the two, records what
// changed and stores the new one in the model's list.
class SortedTableModel : public QAbstractTableModel
{
public:
    using QAbstractTableModel::QAbstractTableModel;

protected:
    // `rows` is the model's own list, `next` the new one, both sorted by keyOf(row) without duplicates.
    template<typename Row, typename KeyOf, typename Keep>
    void mergeRows(QList<Row> &rows, const QList<Row> &next, KeyOf keyOf, Keep keep)
    {
        using Key = decltype(keyOf(std::declval<const Row &>()));
        QList<Key> oldKeys;
        oldKeys.reserve(rows.size());
        for (const Row &row : std::as_const(rows)) {
            oldKeys.append(keyOf(row));
        }
        QList<Key> newKeys;
        newKeys.reserve(next.size());
        for (const Row &row : next) {
            newKeys.append(keyOf(row));
        }
        mergeSorted(
            oldKeys, newKeys,
            [this, &rows](int row, int count) {
                beginRemoveRows(QModelIndex(), row, row + count - 1);
                rows.remove(row, count);
                endRemoveRows();
            },
            [this, &rows, &next](int row, qsizetype first, int count) {
                beginInsertRows(QModelIndex(), row, row + count - 1);
                rows.insert(row, count, Row());
                std::copy_n(next.cbegin() + first, count, rows.begin() + row);
                endInsertRows();
            },
            keep);
    }
};

}  // namespace Gui
