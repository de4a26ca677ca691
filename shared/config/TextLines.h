// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>

namespace ConfigEdit {

// The lines of a UTF-8 text as yaml-cpp counts them: only "\n" ends a line (a lone "\r" is content to yaml-cpp, and
// a "\r" before "\n" belongs to the line break), so that a node's Mark().line indexes this table.
class TextLines
{
public:
    struct Line
    {
        qsizetype begin = 0;       // offset of the first byte
        qsizetype contentEnd = 0;  // before the line break ("\r\n" or "\n")
        qsizetype end = 0;         // after the line break; == contentEnd on a last line without one
        int indent = 0;            // leading spaces (tabs are not YAML indentation)
        bool blank = false;        // only spaces and tabs
        bool comment = false;      // the first character after spaces and tabs is '#'
        bool tabInIndent = false;  // a tab before the first character that is not blank
    };

    explicit TextLines(const QByteArray &utf8);

    int count() const
    {
        return int(m_lines.size());
    }

    const Line &at(int index) const
    {
        return m_lines[index];
    }

    // Blank or only a comment: lines YAML skips.
    bool isSkippable(int index) const
    {
        return m_lines[index].blank || m_lines[index].comment;
    }

    // "\r\n" when the text's first line break is one, "\n" otherwise: what inserted lines end with.
    const QByteArray &lineBreak() const
    {
        return m_lineBreak;
    }

    // The character at `column` of line `index` when it is part of the line's content, else '\0'.
    char charAt(int index, int column) const;

private:
    QByteArray m_text;
    QList<Line> m_lines;
    QByteArray m_lineBreak;
};

}  // namespace ConfigEdit
