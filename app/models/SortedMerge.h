// SPDX-License-Identifier: MIT
#pragma once

#include <QList>

namespace Gui {

// Turns a model's rows, identified by keys sorted in ascending order without duplicates, into the rows of a new
// list sorted the same way, as the smallest series of removals and insertions of runs of rows: rows whose key is in
// both lists stay where they are, and their cells can be compared in place.
//
// The callbacks run in row order and see the model's row numbers as they are at that moment:
//   remove(int row, int count): rows [row, row + count) of the model go away
//   insert(int row, qsizetype first, int count): new rows [first, first + count) go to row
//   keep(int row, qsizetype index): the model's row stays and corresponds to new row `index`
template<typename Key, typename Remove, typename Insert, typename Keep>
void mergeSorted(const QList<Key> &oldKeys, const QList<Key> &newKeys, Remove remove, Insert insert, Keep keep)
{
    qsizetype i = 0;
    qsizetype j = 0;
    int row = 0;
    const qsizetype oldCount = oldKeys.size();
    const qsizetype newCount = newKeys.size();
    while (i < oldCount || j < newCount) {
        if (i < oldCount && j < newCount && oldKeys.at(i) == newKeys.at(j)) {
            keep(row, j);
            ++i;
            ++j;
            ++row;
        } else if (j == newCount || (i < oldCount && oldKeys.at(i) < newKeys.at(j))) {
            qsizetype n = 1;
            while (i + n < oldCount && (j == newCount || oldKeys.at(i + n) < newKeys.at(j))) {
                ++n;
            }
            remove(row, int(n));
            i += n;
        } else {
            qsizetype n = 1;
            while (j + n < newCount && (i == oldCount || newKeys.at(j + n) < oldKeys.at(i))) {
                ++n;
            }
            insert(row, j, int(n));
            row += int(n);
            j += n;
        }
    }
}

}  // namespace Gui
