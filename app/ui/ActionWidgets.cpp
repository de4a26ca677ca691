// SPDX-License-Identifier: MIT
#include "app/ui/ActionWidgets.h"

#include <QLabel>
#include <QPalette>
#include <QToolButton>

#include "app/models/Format.h"

namespace Gui::ActionWidgets {

QToolButton *buttonFor(QAction *action)
{
    auto *button = new QToolButton;
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setFocusPolicy(Qt::StrongFocus);
    return button;
}

void setMessage(QLabel *label, const QString &text, bool error)
{
    label->setText(text);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, error ? Format::errorColor() : QPalette().color(QPalette::WindowText));
    label->setPalette(palette);
}

}  // namespace Gui::ActionWidgets
