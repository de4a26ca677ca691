// SPDX-License-Identifier: MIT
#include "app/ui/DiffHighlighter.h"

#include <cmath>

#include <QTextCharFormat>

#include "app/models/Format.h"

namespace Gui {

namespace {

QColor mix(const QColor &base, const QColor &tint, double amount)
{
    return QColor::fromRgbF(float(base.redF() + (tint.redF() - base.redF()) * amount),
                            float(base.greenF() + (tint.greenF() - base.greenF()) * amount),
                            float(base.blueF() + (tint.blueF() - base.blueF()) * amount));
}

double luminance(const QColor &color)
{
    const auto channel = [](double c) {
        return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF());
}

}  // namespace

DiffHighlighter::DiffHighlighter(QTextDocument *document, const QPalette &palette)
    : QSyntaxHighlighter(document)
    , m_colors(colorsFor(palette))
{}

DiffHighlighter::Colors DiffHighlighter::colorsFor(const QPalette &palette)
{
    const QColor base = palette.color(QPalette::Base);
    Colors colors;
    colors.text = palette.color(QPalette::Text);
    // Enough tint to tell the lines apart at a glance, little enough that the text on it keeps its contrast.
    colors.addedBackground = mix(base, Format::healthColor(Api::Health::Ok), 0.25);
    colors.removedBackground = mix(base, Format::errorColor(), 0.25);
    colors.hunk = palette.color(QPalette::Link);
    if (contrast(colors.hunk, base) < 3.0) {
        colors.hunk = colors.text;
    }
    return colors;
}

double DiffHighlighter::contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

void DiffHighlighter::highlightBlock(const QString &text)
{
    QTextCharFormat format;
    if (text.startsWith(u"+++") || text.startsWith(u"---")) {
        format.setFontWeight(QFont::Bold);
    } else if (text.startsWith(u"@@")) {
        format.setForeground(m_colors.hunk);
    } else if (text.startsWith(u'+')) {
        format.setBackground(m_colors.addedBackground);
        format.setForeground(m_colors.text);
    } else if (text.startsWith(u'-')) {
        format.setBackground(m_colors.removedBackground);
        format.setForeground(m_colors.text);
    } else {
        return;
    }
    setFormat(0, int(text.size()), format);
}

}  // namespace Gui
