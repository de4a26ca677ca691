// SPDX-License-Identifier: MIT
#pragma once

#include <QColor>
#include <QList>
#include <QPalette>
#include <QSyntaxHighlighter>

namespace Gui {

// Colours YAML as the configuration file is written: mapping keys, comments, quoted strings and the dashes of
// list items; everything else keeps the palette's text colour. Colours come from the palette, so that they read in
// dark themes as well (DiffHighlighter's way).
class YamlHighlighter final : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    struct Token
    {
        enum class Kind
        {
            Key,
            Comment,
            String,
            Dash,
            DocumentMarker,
        };
        Kind kind = Kind::Key;
        int start = 0;
        int length = 0;

        friend bool operator==(const Token &, const Token &) = default;
    };

    struct Colors
    {
        QColor key;
        QColor comment;
        QColor string;
        QColor dash;
    };

    explicit YamlHighlighter(QTextDocument *document, const QPalette &palette = QPalette());

    // The tokens of one line, left to right. Block scalars (| and >) and multi-line flow collections are read line
    // by line, which is all the colours need.
    static QList<Token> tokenize(const QString &line);
    static Colors colorsFor(const QPalette &palette);

protected:
    void highlightBlock(const QString &text) override;

private:
    Colors m_colors;
};

}  // namespace Gui
