// SPDX-License-Identifier: MIT
#pragma once

#include <QColor>
#include <QPalette>
#include <QSyntaxHighlighter>

namespace Gui {

// Colours a unified diff ("--- a", "+++ b", "@@ … @@", "+added", "-removed"): added lines on a green tint, removed
// lines on a red tint, hunk headers in the palette's link colour. The tints are mixed into the palette's base
// colour and the text keeps the palette's, so that the lines read as well in dark themes as in light ones.
class DiffHighlighter final : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    struct Colors
    {
        QColor addedBackground;
        QColor removedBackground;
        QColor hunk;
        QColor text;
    };

    explicit DiffHighlighter(QTextDocument *document, const QPalette &palette = QPalette());

    static Colors colorsFor(const QPalette &palette);
    // WCAG's contrast ratio of two colours (1 to 21).
    static double contrast(const QColor &a, const QColor &b);

protected:
    void highlightBlock(const QString &text) override;

private:
    Colors m_colors;
};

}  // namespace Gui
