// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

#include <QByteArray>
#include <QByteArrayList>
#include <QCoreApplication>
#include <QString>

namespace ConfigEdit {

// A piece of YAML given by a caller (a job, a value), freed of its own indentation so that it can be placed at any
// column: lines keep their indentation relative to the first content line.
class YamlSnippet
{
    Q_DECLARE_TR_FUNCTIONS(ConfigEdit::YamlSnippet)

public:
    // nullopt with a message when a line is indented less than the first one, indents with a tab, or is a document
    // marker ("---", "...") that would end the configuration's document in the middle.
    static std::optional<YamlSnippet> fromText(const QString &text, QString *error);

    bool isEmpty() const
    {
        return m_lines.isEmpty();
    }

    int lineCount() const
    {
        return int(m_lines.size());
    }

    // Comment lines before the first content line.
    const QByteArrayList &leadingComments() const
    {
        return m_leadingComments;
    }

    // The snippet with `firstPrefix` before its first line and `indent` spaces before the others (blank lines stay
    // empty); lines are joined by `lineBreak`, without one at the end.
    QByteArray render(const QByteArray &firstPrefix, int indent, const QByteArray &lineBreak) const;
    // The leading comments, each at `indent`, each followed by `lineBreak`.
    QByteArray renderLeadingComments(int indent, const QByteArray &lineBreak) const;

private:
    QByteArrayList m_leadingComments;
    QByteArrayList m_lines;  // without the common indentation and without line breaks; no trailing blank lines
};

}  // namespace ConfigEdit
