// SPDX-License-Identifier: MIT
#pragma once

#include <QStyledItemDelegate>

namespace Gui {

// Draws a cell as a progress bar, in the widget's style, when the model's progress role (Gui::ProgressRole unless
// set otherwise) holds 0–100; the bar's text is the cell's DisplayRole ("1.2 GiB of 3.4 GiB"). A -1 or no value
// leaves the cell to QStyledItemDelegate, as plain text. Set it on the progress column only
// (setItemDelegateForColumn): it paints nothing else differently.
class ProgressDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit ProgressDelegate(QObject *parent = nullptr);

    int progressRole() const { return m_progressRole; }
    void setProgressRole(int role) { m_progressRole = role; }

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The value the delegate draws for an index: 0–100, or -1 for plain text.
    int progressOf(const QModelIndex &index) const;

private:
    int m_progressRole;
};

}  // namespace Gui
