// SPDX-License-Identifier: MIT
#include "shared/config/YamlSnippet.h"

#include "shared/config/TextLines.h"

namespace ConfigEdit {

namespace {

bool isDocumentMarker(const QByteArray &line)
{
    // YAML 1.2 §9.1: "---" or "..." at the start of a line, followed by a space or the end of the line.
    if (!line.startsWith("---") && !line.startsWith("...")) {
        return false;
    }
    return line.size() == 3 || line.at(3) == ' ' || line.at(3) == '\t';
}

}  // namespace

std::optional<YamlSnippet> YamlSnippet::fromText(const QString &text, QString *error)
{
    const QByteArray utf8 = text.toUtf8();
    const TextLines lines(utf8);
    YamlSnippet snippet;
    int base = -1;
    int lastContent = -1;
    for (int i = 0; i < lines.count(); ++i) {
        const TextLines::Line &line = lines.at(i);
        const QByteArray content = utf8.mid(line.begin, line.contentEnd - line.begin);
        if (line.begin == line.contentEnd || line.blank) {
            if (base >= 0) {
                snippet.m_lines.append(QByteArray());
            }
            continue;
        }
        if (line.tabInIndent && !line.comment) {
            *error = tr("line %1 is indented with a tab; YAML indents with spaces").arg(i + 1);
            return std::nullopt;
        }
        if (isDocumentMarker(content)) {
            *error = tr("line %1 is a document marker (“%2”), which cannot stand inside a job")
                         .arg(i + 1)
                         .arg(QString::fromUtf8(content.left(3)));
            return std::nullopt;
        }
        if (base < 0) {
            if (line.comment) {
                snippet.m_leadingComments.append(content.trimmed());
                continue;
            }
            base = line.indent;
        }
        if (line.indent < base) {
            if (!line.comment) {
                *error = tr("line %1 is indented less than the first line").arg(i + 1);
                return std::nullopt;
            }
            snippet.m_lines.append(content.mid(line.indent));
        } else {
            snippet.m_lines.append(content.mid(base));
        }
        if (!line.comment) {
            lastContent = int(snippet.m_lines.size()) - 1;
        }
    }
    // Trailing blank lines and comments after the last content line would end up far from what they follow.
    while (snippet.m_lines.size() > lastContent + 1 && snippet.m_lines.last().trimmed().isEmpty()) {
        snippet.m_lines.removeLast();
    }
    return snippet;
}

QByteArray YamlSnippet::render(const QByteArray &firstPrefix, int indent, const QByteArray &lineBreak) const
{
    QByteArray out;
    const QByteArray spaces(indent, ' ');
    for (qsizetype i = 0; i < m_lines.size(); ++i) {
        if (i == 0) {
            out += firstPrefix + m_lines[i];
            continue;
        }
        out += lineBreak;
        if (!m_lines[i].isEmpty()) {
            out += spaces + m_lines[i];
        }
    }
    return out;
}

QByteArray YamlSnippet::renderLeadingComments(int indent, const QByteArray &lineBreak) const
{
    QByteArray out;
    for (const QByteArray &comment : m_leadingComments) {
        out += QByteArray(indent, ' ') + comment + lineBreak;
    }
    return out;
}

}  // namespace ConfigEdit
