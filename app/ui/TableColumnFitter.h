// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QPointer>

class QTableView;

namespace Gui {

// Sizes a table's columns to their contents whenever rows arrive or the model resets, and lets its dataset path
// column take the width that is left (QHeaderView::Stretch), drawn with a DatasetPathDelegate so that a narrow
// column elides the middle of the path, not its end. The other columns stay Interactive between fits, so a user
// may still widen one. Only the first `precisionRows` rows are measured: a view of 10,000 filesystems would
// otherwise measure every one each time rows come.
class TableColumnFitter final : public QObject
{
    Q_OBJECT

public:
    // The fitter belongs to the view. `pathColumn` -1: no column stretches (the last section does).
    TableColumnFitter(QTableView *view, int pathColumn, int precisionRows = 200);

    // Sizes the columns now; otherwise it happens once per event-loop turn after rows came.
    void fit();

private:
    void schedule();

    QPointer<QTableView> m_view;
    int m_pathColumn;
    bool m_scheduled = false;
};

}  // namespace Gui
