// SPDX-License-Identifier: MIT
#include "app/ui/ProgressDelegate.h"

#include <QApplication>
#include <QPainter>
#include <QStyle>
#include <QStyleOptionProgressBar>

#include "app/models/ModelRole.h"

namespace Gui {

namespace {

// Room around the bar, so that neighbouring rows' bars do not touch.
constexpr int BarMargin = 1;

}  // namespace

ProgressDelegate::ProgressDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
    , m_progressRole(ProgressRole)
{
}

int ProgressDelegate::progressOf(const QModelIndex &index) const
{
    const QVariant value = index.data(m_progressRole);
    bool ok = false;
    const int progress = value.toInt(&ok);
    if (!ok || progress < 0) {
        return -1;
    }
    return qMin(progress, 100);
}

void ProgressDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const int progress = progressOf(index);
    if (progress < 0) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem item = option;
    initStyleOption(&item, index);
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();

    // The row's background and selection first, without the text, which goes on the bar.
    const QString text = item.text;
    item.text.clear();
    style->drawControl(QStyle::CE_ItemViewItem, &item, painter, widget);

    QStyleOptionProgressBar bar;
    if (widget) {
        bar.initFrom(widget);
    }
    bar.rect = option.rect.adjusted(BarMargin, BarMargin, -BarMargin, -BarMargin);
    bar.state = (option.state & (QStyle::State_Enabled | QStyle::State_Active)) | QStyle::State_Horizontal;
    bar.minimum = 0;
    bar.maximum = 100;
    bar.progress = progress;
    bar.text = text;
    bar.textVisible = true;
    bar.textAlignment = Qt::AlignCenter;
    bar.fontMetrics = option.fontMetrics;
    bar.palette = option.palette;
    bar.direction = option.direction;
    painter->save();
    style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
    painter->restore();
}

QSize ProgressDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    // A bar squeezed to the text's height loses its frame in most styles.
    size.setHeight(qMax(size.height(), option.fontMetrics.height() + 2 * BarMargin + 4));
    return size;
}

}  // namespace Gui
