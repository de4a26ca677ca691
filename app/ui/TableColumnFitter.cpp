// SPDX-License-Identifier: MIT
#include "app/ui/TableColumnFitter.h"

#include <QHeaderView>
#include <QTableView>
#include <QTimer>

#include "app/ui/DatasetPathDelegate.h"

namespace Gui {

TableColumnFitter::TableColumnFitter(QTableView *view, int pathColumn, int precisionRows)
    : QObject(view)
    , m_view(view)
    , m_pathColumn(pathColumn)
{
    QHeaderView *header = view->horizontalHeader();
    header->setResizeContentsPrecision(precisionRows);
    if (m_pathColumn >= 0) {
        header->setStretchLastSection(false);
        header->setSectionResizeMode(m_pathColumn, QHeaderView::Stretch);
        view->setItemDelegateForColumn(m_pathColumn, new DatasetPathDelegate(view));
    }
    QAbstractItemModel *model = view->model();
    Q_ASSERT(model);
    // Sections are sized when the view lays itself out, which rows arriving in a shown view do not cause.
    connect(model, &QAbstractItemModel::rowsInserted, this, &TableColumnFitter::schedule);
    connect(model, &QAbstractItemModel::modelReset, this, &TableColumnFitter::schedule);
    schedule();
}

void TableColumnFitter::schedule()
{
    if (m_scheduled) {
        return;
    }
    m_scheduled = true;
    QTimer::singleShot(0, this, [this] {
        m_scheduled = false;
        fit();
    });
}

void TableColumnFitter::fit()
{
    if (!m_view || !m_view->model()) {
        return;
    }
    const QHeaderView *header = m_view->horizontalHeader();
    const int last = header->stretchLastSection() ? header->logicalIndex(header->count() - 1) : -1;
    for (int column = 0; column < header->count(); ++column) {
        if (column != m_pathColumn && column != last && !header->isSectionHidden(column)) {
            m_view->resizeColumnToContents(column);
        }
    }
}

}  // namespace Gui
