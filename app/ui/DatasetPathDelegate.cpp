// SPDX-License-Identifier: MIT
#include "app/ui/DatasetPathDelegate.h"

namespace Gui {

void DatasetPathDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    option->textElideMode = Qt::ElideMiddle;
}

}  // namespace Gui
