// SPDX-License-Identifier: MIT
#pragma once

#include <QFrame>

namespace Gui {

// One line of text elided in the middle when it does not fit, for paths: the start and the file name stay in
// view. The whole text is the tooltip.
class ElidedLabel final : public QFrame
{
    Q_OBJECT

public:
    explicit ElidedLabel(QWidget *parent = nullptr);

    void setText(const QString &text);

    QString text() const
    {
        return m_text;
    }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString m_text;
};

}  // namespace Gui
