// SPDX-License-Identifier: MIT
#include "app/ui/YamlHighlighter.h"

#include <QTextCharFormat>

#include "app/models/Format.h"
#include "app/ui/DiffHighlighter.h"

namespace Gui {

namespace {

QColor mix(const QColor &a, const QColor &b, double amount)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * amount),
                            float(a.greenF() + (b.greenF() - a.greenF()) * amount),
                            float(a.blueF() + (b.blueF() - a.blueF()) * amount));
}

// A colour that keeps at least `ratio` contrast against `base`: `wanted`, or moved towards `text` until it does.
QColor readable(const QColor &wanted, const QColor &text, const QColor &base, double ratio)
{
    QColor color = wanted;
    for (double amount = 0.2; DiffHighlighter::contrast(color, base) < ratio && amount <= 1.0; amount += 0.2) {
        color = mix(wanted, text, amount);
    }
    return color;
}

// The end of a quoted string that starts at `start` (the quote), after its closing quote; the line's end when it
// is not closed on this line. YAML escapes '"' with a backslash and '\'' by doubling it.
int stringEnd(const QString &line, int start)
{
    const QChar quote = line.at(start);
    for (int i = start + 1; i < line.size(); ++i) {
        if (quote == u'"' && line.at(i) == u'\\') {
            ++i;
        } else if (line.at(i) == quote) {
            if (quote == u'\'' && i + 1 < line.size() && line.at(i + 1) == u'\'') {
                ++i;
            } else {
                return i + 1;
            }
        }
    }
    return int(line.size());
}

bool isSpace(QChar c)
{
    return c == u' ' || c == u'\t';
}

}  // namespace

YamlHighlighter::YamlHighlighter(QTextDocument *document, const QPalette &palette)
    : QSyntaxHighlighter(document)
    , m_colors(colorsFor(palette))
{}

YamlHighlighter::Colors YamlHighlighter::colorsFor(const QPalette &palette)
{
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    Colors colors;
    colors.key = readable(palette.color(QPalette::Link), text, base, 4.5);
    colors.comment = readable(mix(text, base, 0.45), text, base, 3.0);
    colors.string = readable(Format::healthColor(Api::Health::Ok), text, base, 4.5);
    colors.dash = text;
    return colors;
}

QList<YamlHighlighter::Token> YamlHighlighter::tokenize(const QString &line)
{
    using Kind = Token::Kind;
    QList<Token> tokens;
    const int size = int(line.size());
    if (line.startsWith(u"---") || line.startsWith(u"...")) {
        if (size == 3 || isSpace(line.at(3))) {
            tokens.append({Kind::DocumentMarker, 0, 3});
            const int comment = int(line.indexOf(u'#', 3));
            if (comment > 3) {
                tokens.append({Kind::Comment, comment, size - comment});
            }
            return tokens;
        }
    }
    int i = 0;
    while (i < size && isSpace(line.at(i))) {
        ++i;
    }
    // List item dashes: "- ", "- - ", and a lone "-" at the end.
    while (i < size && line.at(i) == u'-' && (i + 1 == size || isSpace(line.at(i + 1)))) {
        tokens.append({Kind::Dash, i, 1});
        ++i;
        while (i < size && isSpace(line.at(i))) {
            ++i;
        }
    }
    // A block mapping key: up to the first ": " (or ':' at the end) outside quotes, before any comment.
    if (i < size && line.at(i) != u'#' && line.at(i) != u'{' && line.at(i) != u'[') {
        int keyEnd = -1;
        if (line.at(i) == u'"' || line.at(i) == u'\'') {
            const int end = stringEnd(line, i);
            if (end < size && line.at(end) == u':' && (end + 1 == size || isSpace(line.at(end + 1)))) {
                keyEnd = end;
            }
        } else {
            for (int j = i; j < size; ++j) {
                if (line.at(j) == u'#' && j > 0 && isSpace(line.at(j - 1))) {
                    break;
                }
                if (line.at(j) == u':' && (j + 1 == size || isSpace(line.at(j + 1)))) {
                    keyEnd = j;
                    break;
                }
            }
        }
        if (keyEnd > i) {
            tokens.append({Kind::Key, i, keyEnd - i});
            i = keyEnd + 1;
        }
    }
    // The value: quoted strings and a comment.
    while (i < size) {
        const QChar c = line.at(i);
        if (c == u'"' || c == u'\'') {
            // A quote inside a plain scalar ("don't") starts nothing.
            if (i == 0 || isSpace(line.at(i - 1)) || QStringLiteral("[{,:").contains(line.at(i - 1))) {
                const int end = stringEnd(line, i);
                tokens.append({Kind::String, i, end - i});
                i = end;
                continue;
            }
        } else if (c == u'#' && (i == 0 || isSpace(line.at(i - 1)))) {
            tokens.append({Kind::Comment, i, size - i});
            break;
        }
        ++i;
    }
    return tokens;
}

void YamlHighlighter::highlightBlock(const QString &text)
{
    for (const Token &token : tokenize(text)) {
        QTextCharFormat format;
        switch (token.kind) {
        case Token::Kind::Key:
            format.setForeground(m_colors.key);
            break;
        case Token::Kind::Comment:
            format.setForeground(m_colors.comment);
            format.setFontItalic(true);
            break;
        case Token::Kind::String:
            format.setForeground(m_colors.string);
            break;
        case Token::Kind::Dash:
        case Token::Kind::DocumentMarker:
            format.setForeground(m_colors.dash);
            format.setFontWeight(QFont::Bold);
            break;
        }
        setFormat(token.start, token.length, format);
    }
}

}  // namespace Gui
