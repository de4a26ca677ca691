// SPDX-License-Identifier: MIT
#pragma once

#include <QStyledItemDelegate>

namespace Gui {

// Draws dataset paths elided in the middle ("pool/holdfast…/home/alice"): the pool and the last components tell
// filesystems apart, the middle rarely does, and the end is what a cut at the right ("holdfastdem…") hides. Set
// it on path columns only (setItemDelegateForColumn); other text keeps the view's elide mode.
class DatasetPathDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

}  // namespace Gui
