// SPDX-License-Identifier: MIT
#include "shared/config/TextLines.h"

namespace ConfigEdit {

TextLines::TextLines(const QByteArray &utf8)
    : m_text(utf8)
    , m_lineBreak("\n")
{
    bool breakSeen = false;
    qsizetype begin = 0;
    const qsizetype size = utf8.size();
    // A text ending in a line break has no further (empty) line; an empty text has one empty line.
    do {
        qsizetype newline = utf8.indexOf('\n', begin);
        Line line;
        line.begin = begin;
        if (newline < 0) {
            line.contentEnd = size;
            line.end = size;
        } else {
            line.end = newline + 1;
            line.contentEnd = (newline > begin && utf8[newline - 1] == '\r') ? newline - 1 : newline;
            if (!breakSeen) {
                m_lineBreak = line.contentEnd < newline ? QByteArray("\r\n") : QByteArray("\n");
                breakSeen = true;
            }
        }
        qsizetype pos = begin;
        bool spacesOnly = true;
        while (pos < line.contentEnd && (utf8[pos] == ' ' || utf8[pos] == '\t')) {
            if (utf8[pos] == '\t') {
                spacesOnly = false;
                line.tabInIndent = true;
            } else if (spacesOnly) {
                ++line.indent;
            }
            ++pos;
        }
        line.blank = pos == line.contentEnd;
        line.comment = !line.blank && utf8[pos] == '#';
        if (line.blank) {
            line.tabInIndent = false;
        }
        m_lines.append(line);
        begin = line.end;
    } while (begin < size);
}

char TextLines::charAt(int index, int column) const
{
    if (index < 0 || index >= count() || column < 0) {
        return '\0';
    }
    const Line &line = m_lines[index];
    const qsizetype pos = line.begin + column;
    return pos < line.contentEnd ? m_text[pos] : '\0';
}

}  // namespace ConfigEdit
